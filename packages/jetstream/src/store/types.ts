// The StreamStore interface: what JetStream needs from a storage backend. It is
// nats-server's StreamStore/ConsumerStore (server/store.go) made TypeScript: the
// same operations and the same semantics, so a backend author ports behaviour
// from memstore.go/filestore.go and the shared conformance suite
// (`runStreamStoreConformance` in `@tsnats/jetstream/testing`) checks it.
//
// Units, decided once for every backend:
// - Sequences are JS numbers (safe integers, up to 2^53: nats-server's uint64
//   never gets near that in practice). 0 means "none".
// - Message times are `bigint` nanoseconds since the Unix epoch, as nats-server
//   stores them (int64 UnixNano). A number cannot hold today's time in ns
//   exactly (1.7e18 > 2^53), and the value goes out verbatim in $JS.ACK reply
//   subjects and as RFC 3339 nanosecond timestamps. 0n is Go's zero time.
// - Durations in StoreConfig are numbers in nanoseconds, like the stream
//   config's JSON (`max_age`), so the API can pass its config through.
//
// Data shapes use nats-server's JSON field names (snake_case) so the API layer
// maps them without renaming; methods are camelCase.
//
// Errors: methods reject with `StoreError` (./errors.ts), whose texts are
// nats-server's. Anything else a backend rejects with is an I/O failure.
//
// Writing a backend: implement StreamStore and ConsumerStore below, take time
// and max_age timers from a StoreClock, reuse ./consumer-state.ts for consumer
// bookkeeping, and run `runStreamStoreConformance` from a test file.
// MemoryStore (./memory-store.ts) is the reference.

/** Where a stream's messages live, as the stream config's `storage` field says. */
export type StorageType = 'file' | 'memory';

/** What to do when a limit is reached: drop the oldest, or refuse the new message. */
export type DiscardPolicy = 'old' | 'new';

/**
 * The part of a stream's config a store enforces. Field names and units are
 * the stream config's JSON ones, so an API StreamConfig can be passed as is.
 * Limits of 0 or less mean unlimited (nats-server's default is -1).
 */
export interface StoreConfig {
  /** Stream name; backends key their storage by it. */
  readonly name: string;
  /** The stream's subjects. Informational: the store stores any subject it is given. */
  readonly subjects?: readonly string[];
  /** Requested storage; a backend may ignore it (it is what it is). */
  readonly storage?: StorageType;
  readonly max_msgs?: number;
  /** Limit on `StreamState.bytes`, which counts the backend's own per-message size. */
  readonly max_bytes?: number;
  /** Nanoseconds; messages older than this are removed by the store's own timer. */
  readonly max_age?: number;
  readonly max_msgs_per_subject?: number;
  /** Default 'old'. */
  readonly discard?: DiscardPolicy;
  /** With discard 'new': refuse a message whose subject is at max_msgs_per_subject. */
  readonly discard_new_per_subject?: boolean;
  /** Sequence of the first message of a new (empty) store. Read at creation only. */
  readonly first_seq?: number;
}

/** A stored message. Returned objects and their byte arrays are shared: read-only. */
export interface StoredMessage {
  readonly subject: string;
  readonly seq: number;
  /** The raw `NATS/1.0` header block as published, or undefined when there was none. */
  readonly headers?: Uint8Array;
  readonly data: Uint8Array;
  /** Nanoseconds since the Unix epoch (when it was stored, or the time given to append). */
  readonly time: bigint;
}

export interface AppendOptions {
  /**
   * Store at exactly this sequence (mirrors, sources, replicas: nats-server's
   * StoreRawMsg). It must be the last sequence + 1, else the append rejects with
   * 'sequence_mismatch'. Omitted or 0: the next sequence.
   */
  readonly seq?: number;
  /** Use this time instead of the store clock's now. */
  readonly time?: bigint;
}

/** `appendBatch`'s synchronous append. */
export type SyncAppend = (
  subject: string,
  headers: Uint8Array | undefined,
  data: Uint8Array,
  options?: AppendOptions,
) => AppendResult;

export interface AppendResult {
  readonly seq: number;
  readonly time: bigint;
}

/** Which messages `purge` removes. No fields: everything. */
export interface PurgeRequest {
  /** Only messages whose subject matches this filter (wildcards allowed; '' and '>' mean all). */
  readonly subject?: string;
  /** Only messages with a sequence below this one ("purge up to, not including"). */
  readonly seq?: number;
  /** Leave the newest `keep` matching messages. */
  readonly keep?: number;
}

/** Per-subject (or filtered) summary: nats-server's SimpleState. */
export interface SimpleState {
  readonly messages: number;
  readonly first_seq: number;
  readonly last_seq: number;
}

export interface LostStreamData {
  readonly msgs: readonly number[];
  readonly bytes: number;
}

/** nats-server's StreamState, JSON field names, times as bigint ns. */
export interface StreamState {
  readonly messages: number;
  readonly bytes: number;
  /** With no messages: last_seq + 1 (or the purge/compact target). */
  readonly first_seq: number;
  /** 0n when there are no messages. */
  readonly first_ts: bigint;
  readonly last_seq: number;
  readonly last_ts: bigint;
  readonly num_subjects: number;
  /** Missing sequences between first_seq and last_seq (interior deletes). */
  readonly num_deleted: number;
  /** Those sequences in ascending order; only when asked for (`state({ deleted: true })`). */
  readonly deleted?: readonly number[];
  /** Messages the backend knows it lost (corruption); never set by MemoryStore. */
  readonly lost?: LostStreamData;
  /** Consumer stores open on this stream store. */
  readonly consumer_count: number;
}

/**
 * `loadNext`'s answer. When a message matched, `seq` is its sequence; when none
 * did, `message` is undefined and `seq` is the store's last sequence at the time
 * of the search (nats-server's ErrStoreEOF + skip), so a consumer can resume at
 * seq + 1 without racing a concurrent append.
 */
export interface LoadNextResult {
  readonly message: StoredMessage | undefined;
  readonly seq: number;
}

export interface NumPendingResult {
  readonly total: number;
  /** The last sequence the count covers (the store's last_seq when counted). */
  readonly validThrough: number;
}

/**
 * Told of every change in stored messages and bytes, synchronously, after the
 * store's state reflects it. Single-message changes pass the sequence and subject
 * (an append is (1, size, seq, subject), a removal (-1, -size, seq, subject)); bulk
 * changes (purge, compact, truncate) pass seq 0 and subject ''. A backend may
 * report a multi-message removal either way; the sums of `msgs` and `bytes` always
 * equal the change in `StreamState.messages` and `.bytes`. JetStream uses it for
 * account usage and consumers' pending counts (nats-server's StorageUpdateHandler).
 * The handler must not throw.
 */
export type StorageUpdateHandler = (
  msgs: number,
  bytes: number,
  seq: number,
  subject: string,
) => void;

/** A time source with timers, injectable so tests control max_age expiry. */
export interface StoreClock {
  /** Wall-clock nanoseconds since the Unix epoch. */
  now(): bigint;
  /**
   * Run `fn` once after `delayMs` milliseconds; returns a cancel function. The
   * timer must not keep the process alive (unref). A returned promise is awaited
   * by test clocks, so an async backend's expiry can finish before assertions.
   */
  schedule(fn: () => void | Promise<void>, delayMs: number): () => void;
}

/**
 * A stream's message storage. Every method but `registerStorageUpdates` returns a
 * promise and reports failure only by rejecting (never by throwing).
 *
 * Ordering: calls on one store take effect in the order they are made, even when
 * the caller does not wait for each promise (publishes are pipelined). A backend
 * with asynchronous I/O queues them. MemoryStore applies each call synchronously
 * when it is made.
 *
 * After `stop()` or `delete()` every method rejects with StoreError 'closed'
 * (stop/delete themselves resolve again).
 */
export interface StreamStore {
  /** Which account storage tier this store counts against. */
  readonly storage: StorageType;

  /**
   * Store a message at the next sequence (or at options.seq) and return its
   * sequence and time. Copies `headers` and `data` (callers pass slices of
   * reusable read buffers). Then enforces the limits: with discard 'new' it
   * refuses with 'max_msgs' / 'max_bytes' / 'max_msgs_per_subject' (nothing
   * stored, no sequence used); with discard 'old' it removes the oldest messages
   * (per subject first) until the limits hold. Starts max_age expiry.
   */
  append(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /**
   * Optional: several appends, each applied and answered at once, made durable
   * together. `fn` runs synchronously, before this method returns; its `append`
   * has `append`'s semantics (limits, discard policy, options) but returns the
   * result, or throws what `append` would reject with. The promise resolves with
   * `fn`'s result once every record appended in `fn` is as durable as `append`'s
   * own promise would have made it; it rejects if that failed (the appends have
   * then taken effect in memory only, as with a failed `append`) or if `fn` threw.
   *
   * Why: JetStream stores the publishes that arrive in one turn as one batch,
   * running its header checks between the appends (each sees the sequence of the
   * one before). `append` costs a promise, and for FileStore a commit, per
   * message; this costs one for the batch. Callers fall back to `append` when a
   * store has no `appendBatch`.
   */
  appendBatch?<T>(fn: (append: SyncAppend) => T): Promise<T>;

  /**
   * Use the next sequence for nothing (nats-server SkipMsg). On an empty store
   * first_seq moves past it; otherwise it counts as an interior delete.
   */
  skip(): Promise<number>;

  /** Skip `count` sequences starting at `seq`, which must be last_seq + 1 (else 'sequence_mismatch'). */
  skipMany(seq: number, count: number): Promise<void>;

  /** The message at `seq`; rejects 'eof' past last_seq, 'msg_not_found' if deleted or before first. */
  load(seq: number): Promise<StoredMessage>;

  /**
   * The first message at or after `start` whose subject matches `filter` (a
   * subject with wildcards; '' or '>' for all; an array matches any of them).
   */
  loadNext(filter: string | readonly string[], start: number): Promise<LoadNextResult>;

  /** The newest message matching `filter` (wildcards allowed, '' = any); rejects 'msg_not_found'. */
  loadLast(filter: string): Promise<StoredMessage>;

  /** Remove one message. Resolves false when there is no such message (never rejects for that). */
  remove(seq: number): Promise<boolean>;

  /** Like remove, and overwrite the stored bytes first (nats-server EraseMsg). */
  erase(seq: number): Promise<boolean>;

  /**
   * Remove messages and resolve how many went (nats-server Purge / PurgeEx):
   * - no subject (or '>'): no seq or keep purges all (first_seq = last_seq + 1,
   *   last_seq unchanged); seq > 1 is `compact(seq)`; else keep N leaves the N
   *   newest messages.
   * - with a subject: the matching messages, oldest first, stopping below `seq`
   *   when given and leaving the newest `keep` matching ones when given.
   */
  purge(request?: PurgeRequest): Promise<number>;

  /**
   * Remove every message below `seq` and resolve how many. seq 0 purges all; seq
   * past last_seq empties the store with first_seq = seq, last_seq = seq - 1 so
   * the next append gets `seq`.
   */
  compact(seq: number): Promise<number>;

  /**
   * Remove every message above `seq`, which must be a stored message (else
   * 'invalid_sequence'); last_seq becomes seq. seq 0 resets the store to empty
   * with first_seq = last_seq = 0.
   */
  truncate(seq: number): Promise<void>;

  /** First sequence whose message time is >= `time` (last_seq + 1 when none). */
  seqFromTime(time: bigint): Promise<number>;

  /** Count, first and last of the messages matching `filter` at or after `seq`. */
  filteredState(seq: number, filter: string): Promise<SimpleState>;

  /** Per subject matching `filter` ('' = all): count, first and last sequence. */
  subjectsState(filter: string): Promise<Map<string, SimpleState>>;

  /** Per subject matching `filter` ('' = all): message count. */
  subjectsTotals(filter: string): Promise<Map<string, number>>;

  /**
   * Messages matching `filter` at or after `seq`; with `lastPerSubject`, the
   * number of subjects whose newest message is at or after `seq` (what a
   * DeliverLastPerSubject consumer will deliver).
   */
  numPending(seq: number, filter: string, lastPerSubject: boolean): Promise<NumPendingResult>;

  /**
   * The newest sequence of every subject matching any filter, considering only
   * messages at or below `maxSeq` (0 = last_seq), ascending and without
   * duplicates. Rejects 'too_many_results' when more than `maxAllowed` (> 0).
   */
  multiLastSeqs(filters: readonly string[], maxSeq: number, maxAllowed: number): Promise<number[]>;

  /**
   * Resolves once what the store has written is as durable as an acknowledged
   * append (RedisStore: the configured replicas have it); rejects when it is
   * not. Absent on stores whose written data is as durable as it gets.
   */
  confirm?(): Promise<void>;

  /** Counts and bounds; the deleted list only when asked (it is O(range)). */
  state(options?: { deleted?: boolean }): Promise<StreamState>;

  /** Set (or with undefined, clear) the storage update handler. */
  registerStorageUpdates(handler: StorageUpdateHandler | undefined): void;

  /**
   * Apply changed limits now: lower max_msgs / max_bytes remove the oldest (with
   * discard 'old' only), a lower max_msgs_per_subject trims every subject (any
   * discard policy), max_age starts, restarts or stops expiry and expires what
   * is already too old. first_seq is ignored.
   */
  updateConfig(config: StoreConfig): Promise<void>;

  /**
   * The stream's creation time (epoch ns) kept with the store, as nats-server
   * keeps it in a file stream's meta: the one saved when the store was created,
   * or (first call on a new store) `now`, saved from then on. Absent on stores
   * that do not outlive the process.
   */
  keepCreated?(now: bigint): bigint;

  /**
   * Open the named consumer's state store. A name opened before (and not
   * deleted) gets its saved state back, in memory too, for as long as this
   * stream store lives.
   */
  consumerStore(name: string, config: ConsumerStoreConfig): Promise<ConsumerStore>;

  /**
   * Close the store. Persistent backends keep their data; MemoryStore drops it
   * (reporting the removal to the storage update handler, as nats-server does).
   */
  stop(): Promise<void>;

  /** Close the store and remove its data and its consumers' state. */
  delete(): Promise<void>;
}

export type AckPolicy = 'none' | 'all' | 'explicit';

/** The part of a consumer's config its state store needs. */
export interface ConsumerStoreConfig {
  /** Default 'explicit'. */
  readonly ack_policy?: AckPolicy;
  /** Deliveries after which a message leaves pending; <= 0 unlimited. */
  readonly max_deliver?: number;
}

/** A consumer sequence and the stream sequence of the same message. */
export interface SequencePair {
  consumer_seq: number;
  stream_seq: number;
}

/** An un-acked delivery: its (original) consumer sequence and when it was last delivered. */
export interface PendingEntry {
  sequence: number;
  /** Nanoseconds since the Unix epoch. */
  timestamp: bigint;
}

/** nats-server's ConsumerState. Maps are keyed by stream sequence. */
export interface ConsumerState {
  delivered: SequencePair;
  ack_floor: SequencePair;
  /** Delivered and not yet acked (ack policies 'explicit' and 'all'). */
  pending: Map<number, PendingEntry>;
  /** Messages delivered more than once: stream seq -> redelivery count (deliveries - 1). */
  redelivered: Map<number, number>;
}

/**
 * One consumer's delivery and ack state. The semantics of each update are
 * nats-server's consumerFileStore; `./consumer-state.ts` implements them as
 * pure functions every backend can reuse.
 */
export interface ConsumerStore {
  readonly name: string;
  /** Set delivered.stream_seq (where a new consumer starts). */
  setStarting(streamSeq: number): Promise<void>;
  /** Whether anything was ever recorded for this consumer. */
  hasState(): Promise<boolean>;
  /**
   * A delivery of stream seq `streamSeq` as consumer seq `consumerSeq`, the
   * `deliveryCount`-th time, at `time` (ns). Rejects 'no_ack_policy' for a
   * redelivery (count > 1) with ack policy 'none'.
   */
  updateDelivered(
    consumerSeq: number,
    streamSeq: number,
    deliveryCount: number,
    time: bigint,
  ): Promise<void>;
  /**
   * An ack. Rejects 'no_ack_policy' with ack policy 'none', 'msg_not_found' when
   * the stream sequence is not pending (after moving delivered as nats-server does).
   */
  updateAcks(consumerSeq: number, streamSeq: number): Promise<void>;
  updateConfig(config: ConsumerStoreConfig): Promise<void>;
  /**
   * Replace the whole state. An update older than the saved one (lower
   * delivered.consumer_seq or ack_floor.stream_seq) is ignored; an inconsistent
   * one rejects 'bad_consumer_state'.
   */
  update(state: ConsumerState): Promise<void>;
  /** A copy of the state (safe to keep and mutate). */
  state(): Promise<ConsumerState>;
  /** Close this handle; the state stays (reopen with StreamStore.consumerStore). */
  stop(): Promise<void>;
  /** Close this handle and remove the state. */
  delete(): Promise<void>;
}
