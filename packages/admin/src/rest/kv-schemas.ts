// Key-value buckets as ADR-8 lays them on streams: bucket B is stream KV_B
// capturing $KV.B.>, key K is subject $KV.B.K, a key's revision is the stream
// sequence of its latest message, and deletes are messages marked KV-Operation.

import type { StreamConfigRequest, StreamInfo } from '@tsnats/jetstream';
import { Type, type Static } from 'typebox';
import { Encoding, PageFields, PagingQuery } from './common.js';

export const KV_STREAM_PREFIX = 'KV_';
export const kvStream = (bucket: string): string => `${KV_STREAM_PREFIX}${bucket}`;
export const kvSubject = (bucket: string, key: string): string => `$KV.${bucket}.${key}`;

/** ADR-8's limits. */
const MAX_HISTORY = 64;
const MAX_DUPLICATE_WINDOW_NS = 2 * 60 * 1_000_000_000;

export const BucketName = Type.String({
  pattern: '^[a-zA-Z0-9_-]+$',
  maxLength: 252,
  description: 'The bucket name.',
});

export const KeyName = Type.String({
  pattern: '^[-/_=a-zA-Z0-9]([-/_=.a-zA-Z0-9]*[-/_=a-zA-Z0-9])?$',
  description: "The key: letters, digits and - / _ = . (not first or last); encode '/' as %2F.",
});

export const BucketParams = Type.Object({ bucket: BucketName });
export const KeyParams = Type.Object({ bucket: BucketName, key: KeyName });

export const BucketCreateBody = Type.Object(
  {
    bucket: BucketName,
    description: Type.Optional(Type.String()),
    history: Type.Integer({
      minimum: 1,
      maximum: MAX_HISTORY,
      default: 1,
      description: 'Values kept per key.',
    }),
    ttl: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'How long a value lives (nanoseconds); 0 for ever.',
    }),
    max_bytes: Type.Integer({ minimum: -1, default: -1, description: 'Bucket size limit.' }),
    max_value_size: Type.Integer({ minimum: -1, default: -1, description: 'Largest value.' }),
    storage: Type.Union([Type.Literal('file'), Type.Literal('memory')], { default: 'file' }),
    replicas: Type.Integer({ minimum: 1, default: 1 }),
    compression: Type.Boolean({ default: false }),
    metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
export type BucketCreate = Static<typeof BucketCreateBody>;

export const BucketStatus = Type.Object({
  bucket: Type.String(),
  description: Type.Optional(Type.String()),
  values: Type.Integer({ description: 'Messages stored: values, history and delete markers.' }),
  history: Type.Integer(),
  ttl: Type.Integer({ description: 'Nanoseconds; 0 for ever.' }),
  max_bytes: Type.Integer(),
  max_value_size: Type.Integer(),
  storage: Type.String(),
  replicas: Type.Integer(),
  compression: Type.Boolean(),
  bytes: Type.Integer(),
  created: Type.String(),
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type BucketStatus = Static<typeof BucketStatus>;

export const BucketList = Type.Object({ ...PageFields, buckets: Type.Array(BucketStatus) });
export const PagedQuery = Type.Object(PagingQuery);

export const Operation = Type.Union([
  Type.Literal('PUT'),
  Type.Literal('DEL'),
  Type.Literal('PURGE'),
]);

export const KeySummary = Type.Object({
  key: Type.String(),
  revision: Type.Integer(),
  created: Type.String(),
});
export type KeySummary = Static<typeof KeySummary>;
export const KeyList = Type.Object({ ...PageFields, keys: Type.Array(KeySummary) });

export const Entry = Type.Object({
  bucket: Type.String(),
  key: Type.String(),
  value: Type.String({ description: 'The value, in the requested encoding.' }),
  encoding: Encoding,
  revision: Type.Integer(),
  created: Type.String(),
  operation: Operation,
});

export const EntryQuery = Type.Object({
  encoding: Encoding,
  revision: Type.Optional(
    Type.Integer({ minimum: 1, description: 'This revision instead of the latest.' }),
  ),
});

export const PutBody = Type.Object(
  { value: Type.String(), encoding: Encoding },
  { additionalProperties: false },
);

const ExpectedRevision = Type.Optional(
  Type.Integer({
    minimum: 0,
    description: 'Only when this is the latest revision (0: only when the key has no value).',
  }),
);
export const PutQuery = Type.Object({ revision: ExpectedRevision });
export const DeleteQuery = Type.Object({
  revision: ExpectedRevision,
  purge: Type.Boolean({
    default: false,
    description: 'Drop the history too, leaving one PURGE marker.',
  }),
});

export const PutResult = Type.Object({
  bucket: Type.String(),
  key: Type.String(),
  revision: Type.Integer(),
});

/** The stream configuration ADR-8 gives a bucket. */
export function bucketStreamConfig(create: BucketCreate): StreamConfigRequest {
  const ttl = create.ttl;
  return {
    name: kvStream(create.bucket),
    subjects: [`$KV.${create.bucket}.>`],
    ...(create.description === undefined ? {} : { description: create.description }),
    retention: 'limits',
    max_msgs_per_subject: create.history,
    max_bytes: create.max_bytes,
    max_msg_size: create.max_value_size,
    max_age: ttl,
    duplicate_window: ttl > 0 && ttl < MAX_DUPLICATE_WINDOW_NS ? ttl : MAX_DUPLICATE_WINDOW_NS,
    storage: create.storage,
    num_replicas: create.replicas,
    discard: 'new',
    deny_delete: true,
    allow_rollup_hdrs: true,
    allow_direct: true,
    compression: create.compression ? 's2' : 'none',
    ...(create.metadata === undefined ? {} : { metadata: create.metadata }),
  };
}

export function bucketStatus(info: StreamInfo): BucketStatus {
  const config = info.config;
  return {
    bucket: config.name.slice(KV_STREAM_PREFIX.length),
    ...(config.description === undefined ? {} : { description: config.description }),
    values: info.state.messages,
    history: config.max_msgs_per_subject,
    ttl: config.max_age,
    max_bytes: config.max_bytes,
    max_value_size: config.max_msg_size ?? -1,
    storage: config.storage,
    replicas: config.num_replicas,
    compression: config.compression === 's2',
    bytes: info.state.bytes,
    created: info.created,
    ...(config.metadata === undefined ? {} : { metadata: config.metadata }),
  };
}
