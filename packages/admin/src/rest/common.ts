// What the resource routes share: the typed fastify instance, paging, names in
// paths, payload encodings, ETags and the problem responses the docs list.

import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { Type, type TProperties } from 'typebox';
import { problemResponse } from './problem.js';

export type RestApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** An object that keeps fields the schema does not name (JetStream's newer fields pass through). */
export const Open = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, {
    additionalProperties: true,
    ...(description === undefined ? {} : { description }),
  });

/** Stream and consumer names: nats-server refuses dots, wildcards and whitespace in them. */
export const NameString = (description: string) =>
  Type.String({ pattern: '^[^.*>\\s]+$', minLength: 1, maxLength: 255, description });

export const StreamParams = Type.Object({ stream: NameString('The stream name.') });

export const PagingQuery = {
  offset: Type.Integer({ minimum: 0, default: 0, description: 'Items to skip.' }),
  limit: Type.Integer({ minimum: 1, maximum: 1024, default: 100, description: 'Items to return.' }),
};

export const PageFields = {
  total: Type.Integer({ description: 'All items, on every page.' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
};

export const Encoding = Type.Union([Type.Literal('base64'), Type.Literal('utf8')], {
  default: 'base64',
  description: 'How payloads are written in JSON: base64 (any bytes) or utf8 text.',
});
export type Encoding = 'base64' | 'utf8';

export function encodePayload(data: Uint8Array, encoding: Encoding): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString(
    encoding === 'utf8' ? 'utf8' : 'base64',
  );
}

export function decodePayload(text: string, encoding: Encoding): Uint8Array {
  return Buffer.from(text, encoding === 'utf8' ? 'utf8' : 'base64');
}

/** Problem responses for the docs, by status. */
export function problems(
  ...statuses: number[]
): Record<number, ReturnType<typeof problemResponse>> {
  const descriptions: Readonly<Record<number, string>> = {
    400: 'Bad request: invalid JSON, parameters or configuration',
    401: 'Missing or wrong bearer token',
    404: 'Not found',
    409: 'Conflict: the name is in use, or the revision is not the latest',
    412: 'If-Match did not match the current ETag',
    503: 'JetStream did not answer',
  };
  return Object.fromEntries(
    statuses.map((status) => [status, problemResponse(descriptions[status] ?? 'Error')]),
  );
}

/** A strong ETag for a JSON value (a stream's config): the hash of its serialization. */
export function jsonETag(value: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** Whether an If-Match header value (a list of ETags, or `*`) matches `etag`. */
export function ifMatchMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag);
}

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'Only change it when its current ETag is one of these.' }),
  ),
});
