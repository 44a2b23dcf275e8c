// /kv: key-value buckets listed, created, inspected and deleted as the streams
// behind them.

import type { StreamCreateResponse, StreamInfo } from '@tsnats/jetstream';
import { Type } from 'typebox';
import { problems, type RestApp } from './common.js';
import type { JetStreamApi } from './jetstream.js';
import {
  BucketCreateBody,
  BucketList,
  BucketParams,
  bucketStatus,
  BucketStatus,
  bucketStreamConfig,
  KV_STREAM_PREFIX,
  kvStream,
  PagedQuery,
} from './kv-schemas.js';
import { conflict } from './problem.js';
import { streamInfo } from './streams.js';

const tags = ['key-value'];
/** The largest page STREAM.LIST gives; buckets are found among all streams. */
const STREAM_LIST_PAGE = 1024;

export function bucketRoutes(app: RestApp, js: JetStreamApi): void {
  app.get(
    '/kv',
    {
      schema: {
        tags,
        summary: 'List key-value buckets',
        querystring: PagedQuery,
        response: { 200: BucketList, ...problems(400, 503) },
      },
    },
    async (request) => {
      const { offset, limit } = request.query;
      const buckets: StreamInfo[] = [];
      for (let from = 0; ;) {
        const page = await js.page(
          'STREAM.LIST',
          (reply) => reply.streams as StreamInfo[],
          from,
          STREAM_LIST_PAGE,
          { subject: '$KV.*.>' },
        );
        buckets.push(...page.items.filter((info) => info.config.name.startsWith(KV_STREAM_PREFIX)));
        from += page.items.length;
        if (page.items.length === 0 || from >= page.total) break;
      }
      buckets.sort((a, b) => a.config.name.localeCompare(b.config.name));
      return {
        total: buckets.length,
        offset,
        limit,
        buckets: buckets.slice(offset, offset + limit).map(bucketStatus),
      };
    },
  );

  app.post(
    '/kv',
    {
      schema: {
        tags,
        summary: 'Create a key-value bucket',
        body: BucketCreateBody,
        response: { 201: BucketStatus, ...problems(400, 409, 503) },
      },
    },
    async (request, reply) => {
      const config = bucketStreamConfig(request.body);
      const created = await js.request<StreamCreateResponse & StreamInfo>(
        `STREAM.CREATE.${kvStream(request.body.bucket)}`,
        config,
      );
      if (created.did_create !== true) {
        throw conflict(`bucket ${request.body.bucket} already exists`, 10058);
      }
      return reply
        .code(201)
        .header('location', `${request.url.split('?')[0]}/${request.body.bucket}`)
        .send(bucketStatus(created));
    },
  );

  app.get(
    '/kv/:bucket',
    {
      schema: {
        tags,
        summary: 'Get a bucket’s status',
        params: BucketParams,
        response: { 200: BucketStatus, ...problems(404, 503) },
      },
    },
    async (request) => bucketStatus(await streamInfo(js, kvStream(request.params.bucket))),
  );

  app.delete(
    '/kv/:bucket',
    {
      schema: {
        tags,
        summary: 'Delete a bucket and all its keys',
        params: BucketParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(404, 503) },
      },
    },
    async (request, reply) => {
      await js.request(`STREAM.DELETE.${kvStream(request.params.bucket)}`);
      return reply.code(204).send(null);
    },
  );
}
