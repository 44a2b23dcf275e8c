// /streams/{stream}/consumers: list, create, get and delete, as CONSUMER.*
// requests. Configs are JetStream's JSON, as for streams.

import type { ConsumerInfo } from '@tsnats/jetstream';
import { Type } from 'typebox';
import {
  NameString,
  Open,
  PageFields,
  PagingQuery,
  problems,
  StreamParams,
  type RestApp,
} from './common.js';
import { withoutEnvelope, type JetStreamApi } from './jetstream.js';
import { badRequest, conflict, ProblemError } from './problem.js';

const tags = ['consumers'];

const Nanos = (description: string) =>
  Type.Optional(Type.Integer({ description: `${description} (nanoseconds).` }));

export const ConsumerConfigSchema = Open(
  {
    name: Type.Optional(NameString('The consumer name; without it and durable_name, ephemeral.')),
    durable_name: Type.Optional(NameString('Durable name (the older way to name one).')),
    description: Type.Optional(Type.String()),
    deliver_policy: Type.Optional(
      Type.Union([
        Type.Literal('all'),
        Type.Literal('last'),
        Type.Literal('new'),
        Type.Literal('by_start_sequence'),
        Type.Literal('by_start_time'),
        Type.Literal('last_per_subject'),
      ]),
    ),
    opt_start_seq: Type.Optional(Type.Integer({ minimum: 0 })),
    opt_start_time: Type.Optional(Type.String()),
    ack_policy: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('all'), Type.Literal('explicit')]),
    ),
    ack_wait: Nanos('Redelivery after'),
    max_deliver: Type.Optional(Type.Integer()),
    filter_subject: Type.Optional(Type.String()),
    filter_subjects: Type.Optional(Type.Array(Type.String())),
    replay_policy: Type.Optional(Type.Union([Type.Literal('instant'), Type.Literal('original')])),
    max_waiting: Type.Optional(Type.Integer()),
    max_ack_pending: Type.Optional(Type.Integer()),
    deliver_subject: Type.Optional(Type.String({ description: 'Push consumers deliver here.' })),
    deliver_group: Type.Optional(Type.String()),
    inactive_threshold: Nanos('Deleted after this long without interest'),
    headers_only: Type.Optional(Type.Boolean()),
    num_replicas: Type.Optional(Type.Integer({ minimum: 0 })),
    mem_storage: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  'A consumer configuration as JetStream takes it; missing fields get their defaults.',
);

const SequenceInfo = Open({ consumer_seq: Type.Integer(), stream_seq: Type.Integer() });

export const ConsumerInfoSchema = Open({
  stream_name: Type.String(),
  name: Type.String(),
  created: Type.String(),
  config: Type.Optional(ConsumerConfigSchema),
  delivered: SequenceInfo,
  ack_floor: SequenceInfo,
  num_ack_pending: Type.Integer(),
  num_redelivered: Type.Integer(),
  num_waiting: Type.Integer(),
  num_pending: Type.Integer(),
  ts: Type.Optional(Type.String()),
});

const ConsumerParams = Type.Object({
  stream: NameString('The stream name.'),
  consumer: NameString('The consumer name.'),
});

export function consumerRoutes(app: RestApp, js: JetStreamApi): void {
  app.get(
    '/streams/:stream/consumers',
    {
      schema: {
        tags,
        summary: "List a stream's consumers",
        params: StreamParams,
        querystring: Type.Object(PagingQuery),
        response: {
          200: Type.Object({ ...PageFields, consumers: Type.Array(ConsumerInfoSchema) }),
          ...problems(400, 404, 503),
        },
      },
    },
    async (request) => {
      const { offset, limit } = request.query;
      const { total, items } = await js.page(
        `CONSUMER.LIST.${request.params.stream}`,
        (reply) => reply.consumers as ConsumerInfo[],
        offset,
        limit,
      );
      return { total, offset, limit, consumers: items };
    },
  );

  app.post(
    '/streams/:stream/consumers',
    {
      schema: {
        tags,
        summary: 'Create a consumer',
        params: StreamParams,
        body: ConsumerConfigSchema,
        response: { 201: ConsumerInfoSchema, ...problems(400, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const stream = request.params.stream;
      const config = request.body;
      const { name, durable_name: durable } = config;
      if (name !== undefined && durable !== undefined && name !== durable) {
        throw badRequest('name and durable_name differ');
      }
      const named = name ?? durable;
      // JetStream answers a create with an identical config with the existing consumer.
      if (named !== undefined && (await consumerExists(js, stream, named))) {
        throw conflict(`consumer ${named} already exists on stream ${stream}`, 10148);
      }
      const subject =
        named === undefined ? `CONSUMER.CREATE.${stream}` : `CONSUMER.CREATE.${stream}.${named}`;
      const info = withoutEnvelope(
        await js.request<ConsumerInfo>(subject, { stream_name: stream, config, action: 'create' }),
      );
      const path = request.url.split('?')[0];
      return reply
        .code(201)
        .header('location', `${path}/${encodeURIComponent(info.name)}`)
        .send(info);
    },
  );

  app.get(
    '/streams/:stream/consumers/:consumer',
    {
      schema: {
        tags,
        summary: 'Get a consumer: configuration and state',
        params: ConsumerParams,
        response: { 200: ConsumerInfoSchema, ...problems(404, 503) },
      },
    },
    async (request) => {
      const { stream, consumer } = request.params;
      return withoutEnvelope(await js.request<ConsumerInfo>(`CONSUMER.INFO.${stream}.${consumer}`));
    },
  );

  app.delete(
    '/streams/:stream/consumers/:consumer',
    {
      schema: {
        tags,
        summary: 'Delete a consumer',
        params: ConsumerParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(404, 503) },
      },
    },
    async (request, reply) => {
      const { stream, consumer } = request.params;
      await js.request(`CONSUMER.DELETE.${stream}.${consumer}`);
      return reply.code(204).send(null);
    },
  );
}

async function consumerExists(js: JetStreamApi, stream: string, name: string): Promise<boolean> {
  try {
    await js.request(`CONSUMER.INFO.${stream}.${name}`);
    return true;
  } catch (error) {
    // A missing stream is left for the create to report.
    if (error instanceof ProblemError && error.problem.status === 404) return false;
    throw error;
  }
}
