// /streams/{stream}/messages: one stored message by sequence or the last on a
// subject (STREAM.MSG.GET), and deleting one (STREAM.MSG.DELETE).

import { MsgHeaders } from '@tsnats/codec';
import type { MsgGetResponse, StoredMsg } from '@tsnats/jetstream';
import { Type } from 'typebox';
import { encodePayload, problems, StreamParams, type Encoding, type RestApp } from './common.js';
import type { JetStreamApi } from './jetstream.js';
import {
  EncodingQuery,
  LastBySubjectQuery,
  MessageDeleteQuery,
  MessageSchema,
  SeqParams,
  type MessageJson,
} from './stream-schemas.js';

const tags = ['messages'];

/** A stored message's header block as a map of key to values, in their order. */
export function headerMap(block: Uint8Array): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [key, value] of MsgHeaders.decode(block).entries()) {
    (headers[key] ??= []).push(value);
  }
  return headers;
}

export function messageJson(stored: StoredMsg, encoding: Encoding): MessageJson {
  const data = Buffer.from(stored.data ?? '', 'base64');
  return {
    subject: stored.subject,
    seq: stored.seq,
    time: stored.time,
    ...(stored.hdrs === undefined
      ? {}
      : { headers: headerMap(Buffer.from(stored.hdrs, 'base64')) }),
    data: encodePayload(data, encoding),
    encoding,
  };
}

/** STREAM.MSG.GET's message. */
export async function getMessage(
  js: JetStreamApi,
  stream: string,
  request: { seq: number } | { last_by_subj: string },
): Promise<StoredMsg> {
  const reply = await js.request<MsgGetResponse>(`STREAM.MSG.GET.${stream}`, request);
  if (reply.message === undefined) throw new Error(`STREAM.MSG.GET ${stream}: no message`);
  return reply.message;
}

export function messageRoutes(app: RestApp, js: JetStreamApi): void {
  app.get(
    '/streams/:stream/messages/last',
    {
      schema: {
        tags,
        summary: 'Get the last message on a subject',
        params: StreamParams,
        querystring: LastBySubjectQuery,
        response: { 200: MessageSchema, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const { subject, encoding } = request.query;
      const stored = await getMessage(js, request.params.stream, { last_by_subj: subject });
      return messageJson(stored, encoding);
    },
  );

  app.get(
    '/streams/:stream/messages/:seq',
    {
      schema: {
        tags,
        summary: 'Get a message by sequence',
        params: SeqParams,
        querystring: EncodingQuery,
        response: { 200: MessageSchema, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const { stream, seq } = request.params;
      return messageJson(await getMessage(js, stream, { seq }), request.query.encoding);
    },
  );

  app.delete(
    '/streams/:stream/messages/:seq',
    {
      schema: {
        tags,
        summary: 'Delete a message',
        params: SeqParams,
        querystring: MessageDeleteQuery,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const { stream, seq } = request.params;
      await js.request(`STREAM.MSG.DELETE.${stream}`, { seq, no_erase: !request.query.erase });
      return reply.code(204).send(null);
    },
  );
}
