// The JetStream API as the routes use it: JSON requests through the gateway,
// JetStream's error replies turned into problems, and publishes with their acks.

import type { ApiError, ApiPaged, PubAckResponse } from '@tsnats/jetstream';
import type { JetStreamGateway } from './gateway.js';
import { ProblemError, PROBLEM_TYPES, unavailable } from './problem.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** nats-server's err_codes that mean the request collided with what exists. */
const CONFLICT_ERR_CODES = new Set([
  10058, // stream name already in use with a different configuration
  10013, // consumer name already in use
  10105, // consumer already exists and is still active
  10148, // consumer already exists
  10071, // wrong last sequence
]);
export const WRONG_LAST_SEQUENCE = 10071;

/** Errors nats-server reports as 500s that are the request's fault: a config it refuses. */
const BAD_REQUEST_ERR_CODES = new Set([
  10012, // consumer create error
  10049, // stream create error
  10052, // invalid stream config
  10053, // stream limits
  10069, // stream update error
  10074, // replicas > 1 not supported
]);
/** Out of memory or storage for what was asked. */
const INSUFFICIENT_STORAGE_ERR_CODES = new Set([10028, 10047]);

/** The problem a JetStream API error answers with: its status, kind and err_code. */
export function jetStreamProblem(error: ApiError): ProblemError {
  if (CONFLICT_ERR_CODES.has(error.err_code)) {
    return new ProblemError(409, PROBLEM_TYPES.conflict, error.description, error.err_code);
  }
  if (BAD_REQUEST_ERR_CODES.has(error.err_code)) {
    return new ProblemError(400, PROBLEM_TYPES.invalidRequest, error.description, error.err_code);
  }
  if (INSUFFICIENT_STORAGE_ERR_CODES.has(error.err_code)) {
    return new ProblemError(507, PROBLEM_TYPES.jetstream, error.description, error.err_code);
  }
  const byStatus: Readonly<Record<number, string>> = {
    400: PROBLEM_TYPES.invalidRequest,
    404: PROBLEM_TYPES.notFound,
    503: PROBLEM_TYPES.unavailable,
  };
  const status = byStatus[error.code] === undefined ? 500 : error.code;
  return new ProblemError(
    status,
    byStatus[error.code] ?? PROBLEM_TYPES.jetstream,
    error.description,
    error.err_code,
  );
}

/** Fields of a JetStream reply that belong to the response, not to the resource. */
const ENVELOPE = new Set(['type', 'did_create', 'total', 'offset', 'limit']);

/** A stream or consumer info reply as the resource alone. */
export function withoutEnvelope<T extends object>(reply: T): T {
  return Object.fromEntries(Object.entries(reply).filter(([key]) => !ENVELOPE.has(key))) as T;
}

interface Reply {
  type?: string;
  error?: ApiError;
}

function parseReply(payload: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    throw new ProblemError(502, PROBLEM_TYPES.jetstream, `JetStream answered ${what} with no JSON`);
  }
}

export class JetStreamApi {
  readonly gateway: JetStreamGateway;
  /** `$JS.API`, or a domain's `$JS.<domain>.API`. */
  readonly prefix: string;

  constructor(gateway: JetStreamGateway, prefix = '$JS.API') {
    this.gateway = gateway;
    this.prefix = prefix;
  }

  /** Sends `body` to `$JS.API.<api>`; the reply, or a ProblemError for JetStream's error. */
  async request<T>(api: string, body?: object): Promise<T> {
    const payload = body === undefined ? new Uint8Array() : encoder.encode(JSON.stringify(body));
    const reply = await this.gateway.request(`${this.prefix}.${api}`, payload);
    if (reply === undefined) throw unavailable(`JetStream did not answer ${api}`);
    const parsed = parseReply(reply.payload, api) as T & Reply;
    if (parsed.error !== undefined) throw jetStreamProblem(parsed.error);
    return parsed;
  }

  /**
   * Publishes to a stream subject and resolves its ack; a refused publish is a
   * ProblemError, and undefined means no stream answered.
   */
  async publish(
    subject: string,
    payload: Uint8Array,
    headers?: Readonly<Record<string, string>>,
  ): Promise<{ stream: string; seq: number } | undefined> {
    const reply = await this.gateway.request(subject, payload, headers);
    if (reply === undefined) return undefined;
    const ack = parseReply(reply.payload, `a publish to ${subject}`) as PubAckResponse;
    if (ack.error !== undefined) throw jetStreamProblem(ack.error);
    if (ack.stream === undefined || ack.seq === undefined) {
      throw new ProblemError(502, PROBLEM_TYPES.jetstream, `no publish ack for ${subject}`);
    }
    return { stream: ack.stream, seq: ack.seq };
  }

  /**
   * `limit` items from `offset` of a paged list API, asking for further pages
   * while JetStream's page size is smaller than `limit`.
   */
  async page<T>(
    api: string,
    select: (reply: ApiPaged & Record<string, unknown>) => readonly T[] | null | undefined,
    offset: number,
    limit: number,
    body: object = {},
  ): Promise<{ total: number; items: T[] }> {
    const items: T[] = [];
    let total: number;
    for (;;) {
      const next = offset + items.length;
      const reply = await this.request<ApiPaged & Record<string, unknown>>(api, {
        ...body,
        offset: next,
      });
      total = reply.total;
      const found = select(reply) ?? [];
      items.push(...found.slice(0, limit - items.length));
      if (found.length === 0 || items.length >= limit || next + found.length >= total) break;
    }
    return { total, items };
  }
}
