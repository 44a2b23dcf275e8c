// Streams and their messages in the REST API: JetStream's own JSON (snake_case
// names, durations in nanoseconds) so a config moves between the API, the
// `nats` CLI and the clients unchanged. JetStream checks the configs; these
// schemas check shapes, document the fields and let unknown ones through.

import { Type, type Static } from 'typebox';
import { Encoding, NameString, Open, PageFields, PagingQuery } from './common.js';

const Nanos = (description: string) =>
  Type.Integer({ description: `${description} (nanoseconds).` });
const Limit = (description: string) =>
  Type.Integer({ minimum: -1, description: `${description}; -1 for no limit.` });

const streamConfigFields = {
  description: Type.Optional(Type.String()),
  subjects: Type.Optional(
    Type.Array(Type.String(), { description: 'Subjects the stream captures.' }),
  ),
  retention: Type.Optional(
    Type.Union([Type.Literal('limits'), Type.Literal('interest'), Type.Literal('workqueue')]),
  ),
  max_consumers: Type.Optional(Limit('Most consumers')),
  max_msgs: Type.Optional(Limit('Most messages')),
  max_bytes: Type.Optional(Limit('Most bytes')),
  max_age: Type.Optional(Nanos('Oldest message age; 0 for no limit')),
  max_msgs_per_subject: Type.Optional(Limit('Most messages per subject')),
  max_msg_size: Type.Optional(Limit('Largest message')),
  discard: Type.Optional(Type.Union([Type.Literal('old'), Type.Literal('new')])),
  storage: Type.Optional(Type.Union([Type.Literal('file'), Type.Literal('memory')])),
  num_replicas: Type.Optional(Type.Integer({ minimum: 0 })),
  no_ack: Type.Optional(Type.Boolean()),
  duplicate_window: Type.Optional(Nanos('Window for Nats-Msg-Id deduplication')),
  compression: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('s2')])),
  first_seq: Type.Optional(Type.Integer({ minimum: 0 })),
  allow_direct: Type.Optional(Type.Boolean()),
  mirror_direct: Type.Optional(Type.Boolean()),
  discard_new_per_subject: Type.Optional(Type.Boolean()),
  sealed: Type.Optional(Type.Boolean()),
  deny_delete: Type.Optional(Type.Boolean()),
  deny_purge: Type.Optional(Type.Boolean()),
  allow_rollup_hdrs: Type.Optional(Type.Boolean()),
  mirror: Type.Optional(Open({ name: Type.String() })),
  sources: Type.Optional(Type.Array(Open({ name: Type.String() }))),
  republish: Type.Optional(Open({ dest: Type.String() })),
  subject_transform: Type.Optional(Open({ src: Type.String(), dest: Type.String() })),
  consumer_limits: Type.Optional(Open({})),
  placement: Type.Optional(Open({})),
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
};

export const StreamCreateBody = Open(
  { name: NameString('The stream name.'), ...streamConfigFields },
  'A stream configuration as JetStream takes it; missing fields get their defaults.',
);

export const StreamUpdateBody = Open(
  {
    name: Type.Optional(NameString('Must be the name in the path when given.')),
    ...streamConfigFields,
  },
  'The whole new configuration (missing fields get their defaults, as in JetStream).',
);

export const StreamConfigSchema = Open({ name: Type.String(), ...streamConfigFields });

export const StreamStateSchema = Open({
  messages: Type.Integer(),
  bytes: Type.Integer(),
  first_seq: Type.Integer(),
  first_ts: Type.String(),
  last_seq: Type.Integer(),
  last_ts: Type.String(),
  num_subjects: Type.Optional(Type.Integer()),
  num_deleted: Type.Optional(Type.Integer()),
  consumer_count: Type.Integer(),
});

export const StreamInfoSchema = Open({
  config: StreamConfigSchema,
  created: Type.String({ description: 'RFC 3339 time.' }),
  state: StreamStateSchema,
  cluster: Type.Optional(Open({})),
  ts: Type.Optional(Type.String()),
});

export const StreamListQuery = Type.Object({
  ...PagingQuery,
  subject: Type.Optional(Type.String({ description: 'Only streams capturing this subject.' })),
});

export const StreamList = Type.Object({ ...PageFields, streams: Type.Array(StreamInfoSchema) });

export const PurgeBody = Type.Object(
  {
    filter: Type.Optional(Type.String({ description: 'Only messages on this subject.' })),
    seq: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Purge up to, not including, this sequence.' }),
    ),
    keep: Type.Optional(Type.Integer({ minimum: 0, description: 'Keep this many newest.' })),
  },
  { additionalProperties: false },
);

export const PurgeResult = Type.Object({ purged: Type.Integer() });

export const MessageSchema = Type.Object({
  subject: Type.String(),
  seq: Type.Integer(),
  time: Type.String({ description: 'When it was stored (RFC 3339).' }),
  headers: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  data: Type.String({ description: 'The payload, in the requested encoding.' }),
  encoding: Encoding,
});
export type MessageJson = Static<typeof MessageSchema>;

export const EncodingQuery = Type.Object({ encoding: Encoding });

export const SeqParams = Type.Object({
  stream: NameString('The stream name.'),
  seq: Type.Integer({ minimum: 1, description: 'The stream sequence.' }),
});

export const LastBySubjectQuery = Type.Object({
  subject: Type.String({ minLength: 1, description: 'The subject (wildcards allowed).' }),
  encoding: Encoding,
});

export const MessageDeleteQuery = Type.Object({
  erase: Type.Boolean({
    default: false,
    description: 'Overwrite the payload in storage, not only drop it from the index.',
  }),
});
