// The JetStream API's JSON, field for field as nats-server 2.10 writes and reads it
// (server/stream.go, consumer.go, store.go, jetstream.go, jetstream_api.go).
//
// Conventions, as on the wire:
// - field names are nats-server's JSON names (snake_case);
// - an optional field (`?`) is one nats-server marks `omitempty` (absent when zero);
//   the others are always written;
// - durations are integers of nanoseconds (Go's time.Duration);
// - times are RFC 3339 strings with nanoseconds (Go's time.Time), "0001-01-01T00:00:00Z"
//   for the zero time;
// - uint64 sequence numbers are JavaScript numbers: exact below 2^53.

import type { ApiError } from './api-error.js';

/** Integer nanoseconds. */
export type Nanos = number;
/** RFC 3339 time with nanoseconds, as Go's time.Time marshals. */
export type Time = string;

export type RetentionPolicy = 'limits' | 'interest' | 'workqueue';
export type DiscardPolicy = 'old' | 'new';
export type StorageType = 'file' | 'memory';
export type StoreCompression = 'none' | 's2';
export type DeliverPolicy =
  'all' | 'last' | 'new' | 'by_start_sequence' | 'by_start_time' | 'last_per_subject';
export type AckPolicy = 'none' | 'all' | 'explicit';
export type ReplayPolicy = 'instant' | 'original';
/** CreateConsumerRequest.action: '' creates or updates. */
export type ConsumerAction = '' | 'create' | 'update';

// ---- Streams ----

export interface Placement {
  cluster?: string;
  tags?: string[];
}

export interface SubjectTransformConfig {
  src: string;
  dest: string;
}

export interface RePublish {
  src?: string;
  dest: string;
  headers_only?: boolean;
}

export interface ExternalStream {
  api: string;
  deliver: string;
}

export interface StreamSource {
  name: string;
  opt_start_seq?: number;
  opt_start_time?: Time;
  filter_subject?: string;
  subject_transforms?: SubjectTransformConfig[];
  external?: ExternalStream;
}

/** Defaults applied to the consumers of a stream (2.10). */
export interface StreamConsumerLimits {
  inactive_threshold?: Nanos;
  max_ack_pending?: number;
}

/** A stream's configuration as nats-server returns it (every default applied). */
export interface StreamConfig {
  name: string;
  description?: string;
  subjects?: string[];
  retention: RetentionPolicy;
  max_consumers: number;
  max_msgs: number;
  max_bytes: number;
  max_age: Nanos;
  max_msgs_per_subject: number;
  max_msg_size?: number;
  discard: DiscardPolicy;
  storage: StorageType;
  num_replicas: number;
  no_ack?: boolean;
  template_owner?: string;
  duplicate_window?: Nanos;
  placement?: Placement;
  mirror?: StreamSource;
  sources?: StreamSource[];
  compression: StoreCompression;
  first_seq?: number;
  subject_transform?: SubjectTransformConfig;
  republish?: RePublish;
  allow_direct: boolean;
  mirror_direct: boolean;
  discard_new_per_subject?: boolean;
  sealed: boolean;
  deny_delete: boolean;
  deny_purge: boolean;
  allow_rollup_hdrs: boolean;
  consumer_limits: StreamConsumerLimits;
  metadata?: Record<string, string>;
}

/**
 * A stream configuration as a client sends it: any field may be missing, and a
 * missing field means Go's zero value (storage missing = file after defaults).
 */
export type StreamConfigRequest = Partial<StreamConfig>;

export interface LostStreamData {
  msgs: number[] | null;
  bytes: number;
}

export interface StreamState {
  messages: number;
  bytes: number;
  first_seq: number;
  first_ts: Time;
  last_seq: number;
  last_ts: Time;
  num_subjects?: number;
  /** Messages per subject: only with STREAM.INFO's subjects_filter. */
  subjects?: Record<string, number>;
  num_deleted?: number;
  /** Interior deleted sequences: only with STREAM.INFO's deleted_details. */
  deleted?: number[];
  lost?: LostStreamData;
  consumer_count: number;
}

export interface PeerInfo {
  name: string;
  current: boolean;
  offline?: boolean;
  active: Nanos;
  lag?: number;
  peer: string;
}

export interface ClusterInfo {
  name?: string;
  raft_group?: string;
  leader?: string;
  replicas?: PeerInfo[];
}

export interface StreamSourceInfo {
  name: string;
  external?: ExternalStream;
  lag: number;
  /** Since the source last delivered; -1 when never. */
  active: Nanos;
  error?: ApiError;
  filter_subject?: string;
  subject_transforms?: SubjectTransformConfig[];
}

export interface StreamAlternate {
  name: string;
  domain?: string;
  cluster: string;
}

export interface StreamInfo {
  config: StreamConfig;
  created: Time;
  state: StreamState;
  domain?: string;
  cluster?: ClusterInfo;
  mirror?: StreamSourceInfo;
  sources?: StreamSourceInfo[];
  alternates?: StreamAlternate[];
  /** When the info was gathered. */
  ts: Time;
}

/** The reply to a publish captured by a stream (`+OK` JSON), or its error. */
export interface PubAck {
  stream: string;
  seq: number;
  domain?: string;
  duplicate?: boolean;
}

/** JSPubAckResponse: `error` first, then the ack's fields (stream is set on errors too). */
export interface PubAckResponse extends Partial<PubAck> {
  error?: ApiError;
}

/** A message as STREAM.MSG.GET returns it; hdrs and data are base64. */
export interface StoredMsg {
  subject: string;
  seq: number;
  hdrs?: string;
  data?: string;
  time: Time;
}

// ---- Consumers ----

/** A consumer's configuration as nats-server returns it. */
export interface ConsumerConfig {
  durable_name?: string;
  name?: string;
  description?: string;
  deliver_policy: DeliverPolicy;
  opt_start_seq?: number;
  opt_start_time?: Time;
  ack_policy: AckPolicy;
  ack_wait?: Nanos;
  max_deliver?: number;
  backoff?: Nanos[];
  filter_subject?: string;
  filter_subjects?: string[];
  replay_policy: ReplayPolicy;
  /** Bits per second. */
  rate_limit_bps?: number;
  sample_freq?: string;
  max_waiting?: number;
  max_ack_pending?: number;
  idle_heartbeat?: Nanos;
  flow_control?: boolean;
  headers_only?: boolean;
  max_batch?: number;
  max_expires?: Nanos;
  max_bytes?: number;
  deliver_subject?: string;
  deliver_group?: string;
  inactive_threshold?: Nanos;
  num_replicas: number;
  mem_storage?: boolean;
  direct?: boolean;
  metadata?: Record<string, string>;
}

/** A consumer configuration as a client sends it (missing = Go's zero value). */
export type ConsumerConfigRequest = Partial<ConsumerConfig>;

export interface SequenceInfo {
  consumer_seq: number;
  stream_seq: number;
  last_active?: Time;
}

export interface ConsumerInfo {
  stream_name: string;
  name: string;
  created: Time;
  config?: ConsumerConfig;
  delivered: SequenceInfo;
  ack_floor: SequenceInfo;
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
  num_pending: number;
  cluster?: ClusterInfo;
  push_bound?: boolean;
  ts: Time;
}

// ---- Account ----

export interface JetStreamAccountLimits {
  max_memory: number;
  max_storage: number;
  max_streams: number;
  max_consumers: number;
  max_ack_pending: number;
  memory_max_stream_bytes: number;
  storage_max_stream_bytes: number;
  max_bytes_required: boolean;
}

export interface JetStreamAPIStats {
  total: number;
  errors: number;
  inflight?: number;
}

export interface JetStreamTier {
  memory: number;
  storage: number;
  reserved_memory: number;
  reserved_storage: number;
  streams: number;
  consumers: number;
  limits: JetStreamAccountLimits;
}

/** JetStreamAccountStats: the account's usage, limits, API counters and per-tier figures. */
export interface AccountInfo extends JetStreamTier {
  domain?: string;
  api: JetStreamAPIStats;
  tiers?: Record<string, JetStreamTier>;
}

// ---- Requests and responses ($JS.API.>) ----

/** Every response: its type, and an error when the request failed. */
export interface ApiResponse {
  type: string;
  error?: ApiError;
}

export interface ApiPaged {
  total: number;
  offset: number;
  limit: number;
}

export interface ApiPagedRequest {
  offset?: number;
}

export type AccountInfoResponse = ApiResponse & Partial<AccountInfo>;

export type StreamCreateResponse = ApiResponse & Partial<StreamInfo> & { did_create?: boolean };
export type StreamUpdateResponse = ApiResponse & Partial<StreamInfo>;

export interface StreamInfoRequest extends ApiPagedRequest {
  deleted_details?: boolean;
  subjects_filter?: string;
}
export type StreamInfoResponse = ApiResponse & ApiPaged & Partial<StreamInfo>;

export interface StreamNamesRequest extends ApiPagedRequest {
  subject?: string;
}
export interface StreamNamesResponse extends ApiResponse, ApiPaged {
  streams: string[] | null;
}

export type StreamListRequest = StreamNamesRequest;
export interface StreamListResponse extends ApiResponse, ApiPaged {
  streams: StreamInfo[];
  missing?: string[];
}

export interface StreamDeleteResponse extends ApiResponse {
  success?: boolean;
}

/** `seq` and `keep` are exclusive; both combine with `filter`. */
export interface StreamPurgeRequest {
  seq?: number;
  filter?: string;
  keep?: number;
}
export interface StreamPurgeResponse extends ApiResponse {
  success?: boolean;
  purged: number;
}

/** STREAM.MSG.GET, and DIRECT.GET's JSON body. */
export interface MsgGetRequest {
  seq?: number;
  last_by_subj?: string;
  next_by_subj?: string;
  // DIRECT.GET batches (ADR-31; nats-server 2.11, asked for by newer clients).
  batch?: number;
  max_bytes?: number;
  start_time?: Time;
  multi_last?: string[];
  up_to_seq?: number;
  up_to_time?: Time;
}
export interface MsgGetResponse extends ApiResponse {
  message?: StoredMsg;
}

export interface MsgDeleteRequest {
  seq: number;
  no_erase?: boolean;
}
export interface MsgDeleteResponse extends ApiResponse {
  success?: boolean;
}

/** CONSUMER.CREATE and CONSUMER.DURABLE.CREATE. */
export interface ConsumerCreateRequest {
  stream_name: string;
  config: ConsumerConfigRequest;
  action?: ConsumerAction;
}
export type ConsumerCreateResponse = ApiResponse & Partial<ConsumerInfo>;
export type ConsumerInfoResponse = ApiResponse & Partial<ConsumerInfo>;

export interface ConsumerDeleteResponse extends ApiResponse {
  success?: boolean;
}

export type ConsumerNamesRequest = ApiPagedRequest;
export interface ConsumerNamesResponse extends ApiResponse, ApiPaged {
  consumers: string[];
}
export interface ConsumerListResponse extends ApiResponse, ApiPaged {
  consumers: ConsumerInfo[];
  missing?: string[];
}

/** The body of CONSUMER.MSG.NEXT (a bare number is a batch size). */
export interface ConsumerGetNextRequest {
  expires?: Nanos;
  batch?: number;
  max_bytes?: number;
  no_wait?: boolean;
  idle_heartbeat?: Nanos;
}
