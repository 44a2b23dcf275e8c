// Request bodies from JSON, with the strictness of Go's encoding/json decoding
// into nats-server's structs: a field of the wrong type, a fraction or an
// out-of-range number in an integer field, an unknown enum value (or null for an
// enum), or a malformed time is JSInvalidJSONErr; unknown fields are ignored;
// field names match case-insensitively when there is no exact match; null leaves a
// field at its zero value (here: absent).

import type { ApiError } from './api-error.js';
import { JSInvalidJSONErr } from './errors.generated.js';
import type {
  ConsumerCreateRequest,
  ConsumerGetNextRequest,
  MsgDeleteRequest,
  MsgGetRequest,
  StreamConfigRequest,
  StreamInfoRequest,
  StreamNamesRequest,
  StreamPurgeRequest,
} from './types.js';
import { parseTime } from './util.js';

type Kind =
  | 'string'
  | 'bool'
  | 'int'
  | 'int32'
  | 'uint'
  | 'time'
  | 'strings'
  | 'ints'
  | 'map'
  | { enum: readonly string[]; fold?: boolean; aliases?: Readonly<Record<string, string>> }
  | { object: Schema }
  | { objects: Schema };
type Schema = Readonly<Record<string, Kind>>;

const INT64 = 2 ** 63;
const UINT64 = 2 ** 64;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

class Invalid extends Error {}

function integer(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Invalid();
  }
  return value;
}

function stringOrNull(value: unknown): string {
  if (value === null) return '';
  if (typeof value !== 'string') throw new Invalid();
  return value;
}

/** The value of one field, or undefined to leave it out (null on a nil-able field). */
function decodeValue(kind: Kind, value: unknown): unknown {
  if (typeof kind === 'object') {
    if ('enum' in kind) {
      // nats-server's enum UnmarshalJSON methods reject null too.
      if (typeof value !== 'string') throw new Invalid();
      let text = kind.fold === true ? value.toLowerCase() : value;
      if (kind.aliases !== undefined && Object.hasOwn(kind.aliases, text))
        text = kind.aliases[text];
      if (!kind.enum.includes(text)) throw new Invalid();
      return text;
    }
    if (value === null) return undefined;
    if ('object' in kind) return decodeObject(kind.object, value);
    if (!Array.isArray(value)) throw new Invalid();
    return value.map((item) => {
      // A null element would be a nil *StreamSource: nats-server would crash on it.
      if (item === null) throw new Invalid();
      return decodeObject(kind.objects, item);
    });
  }
  if (value === null) return undefined;
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new Invalid();
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new Invalid();
      return value;
    case 'int':
      return integer(value, -INT64, INT64);
    case 'int32':
      return integer(value, INT32_MIN, INT32_MAX);
    case 'uint':
      return integer(value, 0, UINT64);
    case 'time':
      if (typeof value !== 'string' || parseTime(value) === undefined) throw new Invalid();
      return value;
    case 'strings':
      if (!Array.isArray(value)) throw new Invalid();
      return value.map(stringOrNull);
    case 'ints':
      if (!Array.isArray(value)) throw new Invalid();
      return value.map((item) => (item === null ? 0 : integer(item, -INT64, INT64)));
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Invalid();
      const map: Record<string, string> = {};
      for (const [key, item] of Object.entries(value)) map[key] = stringOrNull(item);
      return map;
    }
  }
}

function decodeObject(schema: Schema, value: unknown): Record<string, unknown> {
  const result = new Map<string, unknown>();
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Invalid();
  const names = Object.keys(schema);
  for (const [key, item] of Object.entries(value)) {
    const name = Object.hasOwn(schema, key)
      ? key
      : names.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (name === undefined) continue;
    const decoded = decodeValue(schema[name], item);
    if (decoded === undefined) result.delete(name);
    else result.set(name, decoded);
  }
  return Object.fromEntries(result);
}

const TRANSFORM: Schema = { src: 'string', dest: 'string' };
const SOURCE: Schema = {
  name: 'string',
  opt_start_seq: 'uint',
  opt_start_time: 'time',
  filter_subject: 'string',
  subject_transforms: { objects: TRANSFORM },
  external: { object: { api: 'string', deliver: 'string' } },
};

const STREAM_CONFIG: Schema = {
  name: 'string',
  description: 'string',
  subjects: 'strings',
  retention: { enum: ['limits', 'interest', 'workqueue'] },
  max_consumers: 'int',
  max_msgs: 'int',
  max_bytes: 'int',
  max_age: 'int',
  max_msgs_per_subject: 'int',
  max_msg_size: 'int32',
  discard: { enum: ['old', 'new'], fold: true },
  storage: { enum: ['file', 'memory'] },
  num_replicas: 'int',
  no_ack: 'bool',
  template_owner: 'string',
  duplicate_window: 'int',
  placement: { object: { cluster: 'string', tags: 'strings' } },
  mirror: { object: SOURCE },
  sources: { objects: SOURCE },
  compression: { enum: ['none', 's2'] },
  first_seq: 'uint',
  subject_transform: { object: TRANSFORM },
  republish: { object: { src: 'string', dest: 'string', headers_only: 'bool' } },
  allow_direct: 'bool',
  mirror_direct: 'bool',
  discard_new_per_subject: 'bool',
  sealed: 'bool',
  deny_delete: 'bool',
  deny_purge: 'bool',
  allow_rollup_hdrs: 'bool',
  consumer_limits: { object: { inactive_threshold: 'int', max_ack_pending: 'int' } },
  metadata: 'map',
};

const CONSUMER_CONFIG: Schema = {
  durable_name: 'string',
  name: 'string',
  description: 'string',
  deliver_policy: {
    enum: ['all', 'last', 'new', 'by_start_sequence', 'by_start_time', 'last_per_subject'],
    // What nats-server writes for a policy it does not know, and reads back as "all".
    aliases: { undefined: 'all' },
  },
  opt_start_seq: 'uint',
  opt_start_time: 'time',
  ack_policy: { enum: ['none', 'all', 'explicit'] },
  ack_wait: 'int',
  max_deliver: 'int',
  backoff: 'ints',
  filter_subject: 'string',
  filter_subjects: 'strings',
  replay_policy: { enum: ['instant', 'original'] },
  rate_limit_bps: 'uint',
  sample_freq: 'string',
  max_waiting: 'int',
  max_ack_pending: 'int',
  idle_heartbeat: 'int',
  flow_control: 'bool',
  headers_only: 'bool',
  max_batch: 'int',
  max_expires: 'int',
  max_bytes: 'int',
  deliver_subject: 'string',
  deliver_group: 'string',
  inactive_threshold: 'int',
  num_replicas: 'int',
  mem_storage: 'bool',
  direct: 'bool',
  metadata: 'map',
};

/** A decoded request, or JSInvalidJSONErr. */
export type Decoded<T> = { value: T; error?: undefined } | { error: ApiError; value?: undefined };

function decoder<T>(schema: Schema): (value: unknown) => Decoded<T> {
  return (value) => {
    try {
      return { value: decodeObject(schema, value) as T };
    } catch (error) {
      if (error instanceof Invalid) return { error: { ...JSInvalidJSONErr } };
      throw error;
    }
  };
}

export const decodeStreamConfig = decoder<StreamConfigRequest>(STREAM_CONFIG);
export const decodeConsumerCreateRequest = decoder<ConsumerCreateRequest>({
  stream_name: 'string',
  config: { object: CONSUMER_CONFIG },
  action: { enum: ['', 'create', 'update'] },
});
export const decodeStreamInfoRequest = decoder<StreamInfoRequest>({
  offset: 'int',
  deleted_details: 'bool',
  subjects_filter: 'string',
});
export const decodeStreamNamesRequest = decoder<StreamNamesRequest>({
  offset: 'int',
  subject: 'string',
});
export const decodeStreamPurgeRequest = decoder<StreamPurgeRequest>({
  seq: 'uint',
  filter: 'string',
  keep: 'uint',
});
export const decodeMsgGetRequest = decoder<MsgGetRequest>({
  seq: 'uint',
  last_by_subj: 'string',
  next_by_subj: 'string',
  batch: 'int',
  max_bytes: 'int',
  start_time: 'time',
  multi_last: 'strings',
  up_to_seq: 'uint',
  up_to_time: 'time',
});
export const decodeMsgDeleteRequest = decoder<MsgDeleteRequest>({ seq: 'uint', no_erase: 'bool' });
export const decodeConsumerGetNextRequest = decoder<ConsumerGetNextRequest>({
  expires: 'int',
  batch: 'int',
  max_bytes: 'int',
  no_wait: 'bool',
  idle_heartbeat: 'int',
});

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A request payload as JSON, or JSInvalidJSONErr where Go's json.Unmarshal fails
 * (an empty payload included).
 */
export function parseRequestJSON(payload: Uint8Array | string): Decoded<unknown> {
  const text = typeof payload === 'string' ? payload : utf8.decode(payload);
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: { ...JSInvalidJSONErr } };
  }
}
