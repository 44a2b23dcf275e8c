// /streams: list, create, get, update, delete and purge, as STREAM.* requests.

import type { StreamCreateResponse, StreamInfo, StreamPurgeResponse } from '@tsnats/jetstream';
import { Type } from 'typebox';
import {
  IfMatchHeaders,
  ifMatchMatches,
  jsonETag,
  problems,
  StreamParams,
  type RestApp,
} from './common.js';
import { withoutEnvelope, type JetStreamApi } from './jetstream.js';
import { badRequest, conflict, preconditionFailed } from './problem.js';
import {
  PurgeBody,
  PurgeResult,
  StreamCreateBody,
  StreamInfoSchema,
  StreamList,
  StreamListQuery,
  StreamUpdateBody,
} from './stream-schemas.js';

const tags = ['streams'];
const ETagHeader = Type.Object({
  etag: Type.String({ description: 'Changes whenever the configuration changes.' }),
});

/** The ETag of a stream: its configuration's, so an update sees a concurrent one. */
export const streamETag = (info: Pick<StreamInfo, 'config'>): string => jsonETag(info.config);

export function streamRoutes(app: RestApp, js: JetStreamApi): void {
  app.get(
    '/streams',
    {
      schema: {
        tags,
        summary: 'List streams',
        querystring: StreamListQuery,
        response: { 200: StreamList, ...problems(400, 503) },
      },
    },
    async (request) => {
      const { offset, limit, subject } = request.query;
      const filter = subject === undefined ? {} : { subject };
      const { total, items } = await js.page(
        'STREAM.LIST',
        (reply) => reply.streams as StreamInfo[],
        offset,
        limit,
        filter,
      );
      return { total, offset, limit, streams: items };
    },
  );

  app.post(
    '/streams',
    {
      schema: {
        tags,
        summary: 'Create a stream',
        body: StreamCreateBody,
        response: {
          201: { ...StreamInfoSchema, headers: ETagHeader },
          ...problems(400, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const name = request.body.name;
      const created = await js.request<StreamCreateResponse & StreamInfo>(
        `STREAM.CREATE.${name}`,
        request.body,
      );
      // JetStream answers an identical config with the existing stream; REST's create does not.
      if (created.did_create !== true) throw conflict(`stream ${name} already exists`, 10058);
      const info = withoutEnvelope(created);
      return reply
        .code(201)
        .header('location', `${request.url.split('?')[0]}/${encodeURIComponent(name)}`)
        .header('etag', streamETag(info))
        .send(info);
    },
  );

  app.get(
    '/streams/:stream',
    {
      schema: {
        tags,
        summary: 'Get a stream: configuration and state',
        params: StreamParams,
        response: { 200: { ...StreamInfoSchema, headers: ETagHeader }, ...problems(404, 503) },
      },
    },
    async (request, reply) => {
      const info = await streamInfo(js, request.params.stream);
      return reply.header('etag', streamETag(info)).send(info);
    },
  );

  app.put(
    '/streams/:stream',
    {
      schema: {
        tags,
        summary: 'Update a stream configuration',
        description:
          'Replaces the configuration. With If-Match, only when the current configuration still has that ETag.',
        params: StreamParams,
        headers: IfMatchHeaders,
        body: StreamUpdateBody,
        response: {
          200: { ...StreamInfoSchema, headers: ETagHeader },
          ...problems(400, 404, 412, 503),
        },
      },
    },
    async (request, reply) => {
      const name = request.params.stream;
      if (request.body.name !== undefined && request.body.name !== name) {
        throw badRequest(`the body names stream ${request.body.name}, the path ${name}`);
      }
      const expected = request.headers['if-match'];
      if (expected !== undefined) {
        const current = streamETag(await streamInfo(js, name));
        if (!ifMatchMatches(expected, current)) {
          throw preconditionFailed(`stream ${name} changed: its ETag is now ${current}`);
        }
      }
      const info = withoutEnvelope(
        await js.request<StreamInfo>(`STREAM.UPDATE.${name}`, { ...request.body, name }),
      );
      return reply.header('etag', streamETag(info)).send(info);
    },
  );

  app.delete(
    '/streams/:stream',
    {
      schema: {
        tags,
        summary: 'Delete a stream and its messages',
        params: StreamParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(404, 503) },
      },
    },
    async (request, reply) => {
      await js.request(`STREAM.DELETE.${request.params.stream}`);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/streams/:stream/purge',
    {
      schema: {
        tags,
        summary: 'Purge messages',
        description:
          'All messages, or those on `filter`; up to `seq`, or all but the newest `keep`.',
        params: StreamParams,
        body: PurgeBody,
        response: { 200: PurgeResult, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const body = request.body;
      if (body.seq !== undefined && body.keep !== undefined) {
        throw badRequest('seq and keep cannot be combined');
      }
      const purged = await js.request<StreamPurgeResponse>(
        `STREAM.PURGE.${request.params.stream}`,
        body,
      );
      return { purged: purged.purged };
    },
  );
}

/** STREAM.INFO without the response's envelope fields. */
export async function streamInfo(js: JetStreamApi, name: string): Promise<StreamInfo> {
  return withoutEnvelope(await js.request<StreamInfo>(`STREAM.INFO.${name}`));
}
