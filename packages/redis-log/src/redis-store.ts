// RedisStore: a StreamStore whose state lives entirely in Redis, so any
// process can open a stream and continue it. Every call is one script run
// (lua/), sent when the call is made: calls on one store take effect in call
// order without awaiting each other, because one connection keeps order.
// The semantics are MemoryStore's (nats-server memstore), checked by the
// shared conformance suite.

import {
  StoreError,
  systemClock,
  type AppendOptions,
  type AppendResult,
  type ConsumerStore,
  type ConsumerStoreConfig,
  type LoadNextResult,
  type NumPendingResult,
  type PurgeRequest,
  type SimpleState,
  type StorageType,
  type StorageUpdateHandler,
  type StoreClock,
  type StoreConfig,
  type StoreErrorCode,
  type StoredMessage,
  type StreamState,
  type StreamStore,
  type SyncAppend,
} from '@tsnats/jetstream';
import { decodeMessage, encodeBody, text } from './codec.js';
import { RedisConsumers } from './consumers.js';
import { fencedError, RedisLogError, wrapRedisError } from './errors.js';
import { AgeExpiry } from './expiry.js';
import { limitsOf, type Limits } from './limits.js';
import { DEFAULT_PREFIX, streamKeyBase } from './keys.js';
import { Replication } from './replication.js';
import type { AppendChecks, CheckedAppendResult, RedisStoreOptions } from './store-options.js';
import { scripted, type RedisClient, type Reply, type ScriptedClient } from './scripts.js';

/** A fencing token no lease hands out (epochs start at 1). */
const FOLLOWER_TOKEN = -1;

type Arg = string | number | Buffer;
const RECORD_CHUNK = 1000;

export class RedisStore implements StreamStore {
  readonly storage: StorageType;
  readonly name: string;
  /**
   * Fencing token (a lease epoch, see StreamLease): when set, every write is
   * refused unless it is still the stream's current epoch.
   */
  fencingToken: number | undefined;
  readonly #redis: ScriptedClient;
  readonly #base: string;
  readonly #clock: StoreClock;
  readonly #windowMs: number;
  readonly #replication: Replication;
  readonly #consumers: RedisConsumers;
  #limits: Limits;
  #handler: StorageUpdateHandler | undefined;
  #created: bigint | undefined;
  /** last_seq as of the latest reply with no write in flight, plus appends made since (batches predict from it). */
  #last: number;
  #inFlight = 0;
  readonly #expiry: AgeExpiry;
  #closed = false;
  #deleted = false;

  /** Open the stream `config.name` (created empty, at config.first_seq, when new). */
  static async open(
    client: RedisClient,
    config: StoreConfig,
    options: RedisStoreOptions = {},
  ): Promise<RedisStore> {
    const redis = scripted(client);
    const base = streamKeyBase(config.name, options.prefix ?? DEFAULT_PREFIX);
    const reply = await redis
      .tsnatsMutate(base, '', 'open', config.first_seq ?? 0)
      .catch((err: unknown) => {
        throw wrapRedisError(config.name, err);
      });
    const created = text(reply[1]);
    const store = new RedisStore(redis, base, config, options, Number(reply[4]));
    if (created !== '') store.#created = BigInt(created);
    // The limits may have changed while nobody had the stream open, and messages aged.
    await store.#enforce(0);
    return store;
  }

  /**
   * A read-only view of a stream another store leads (a follower serving
   * direct gets): reads go to Redis as the leader's do, and nothing is created
   * or enforced on open. Its fencing token matches no epoch, so Redis refuses
   * every write it might attempt.
   */
  static follow(
    client: RedisClient,
    config: StoreConfig,
    options: RedisStoreOptions = {},
  ): RedisStore {
    const base = streamKeyBase(config.name, options.prefix ?? DEFAULT_PREFIX);
    const store = new RedisStore(scripted(client), base, config, options, 0);
    store.fencingToken = FOLLOWER_TOKEN;
    return store;
  }

  private constructor(
    redis: ScriptedClient,
    base: string,
    config: StoreConfig,
    options: RedisStoreOptions,
    last: number,
  ) {
    this.#redis = redis;
    this.#base = base;
    this.name = config.name;
    this.storage = config.storage ?? 'file';
    this.#clock = options.clock ?? systemClock;
    this.#windowMs = options.duplicateWindowMs ?? 120_000;
    this.#replication = new Replication(
      redis,
      options.replicas ?? 0,
      options.replicasTimeoutMs ?? 1000,
    );
    this.#consumers = new RedisConsumers(redis, base, config.name, () => this.#fence());
    this.#limits = limitsOf(config);
    this.#expiry = new AgeExpiry(this.#clock, (cutoff) =>
      this.#mutate('expire', cutoff.toString()),
    );
    this.#expiry.maxAge = this.#limits.maxAge;
    this.#last = last;
  }

  /** The stream's key base, `{<prefix>:<stream>}:` (every key starts with it). */
  get keyBase(): string {
    return this.#base;
  }

  #open(): void {
    if (this.#closed) throw new StoreError('closed');
  }

  #fence(): string {
    return this.fencingToken === undefined ? '' : String(this.fencingToken);
  }

  /** Sends a write now and settles it: events, last_seq, max_age timer, and for appends WAIT. */
  async #write(send: () => Promise<Reply[]>, replicate = false): Promise<Reply[]> {
    this.#inFlight++;
    let reply: Reply[];
    try {
      const sent = send();
      const replicated = replicate ? this.#replication.afterWrite() : Promise.resolve();
      // Awaited below, unless the write itself failed first.
      replicated.catch(() => undefined);
      reply = await sent;
      if (reply[0] === 'fenced') {
        throw fencedError(this.name, this.#fence(), text(reply[1]));
      }
      if (reply[0] === 'ok') this.#settle(reply);
      await replicated;
    } catch (err) {
      throw wrapRedisError(this.name, err);
    } finally {
      this.#inFlight--;
    }
    return reply;
  }

  #settle(reply: Reply[]): void {
    const events = reply[2] as Reply[];
    if (this.#handler !== undefined) {
      for (let i = 0; i < events.length; i += 4) {
        this.#handler(
          events[i] as number,
          events[i + 1] as number,
          events[i + 2] as number,
          text(events[i + 3]),
        );
      }
    }
    if (this.#inFlight === 1) this.#last = reply[4] as number;
    this.#expiry.arm(text(reply[3]));
  }

  async #mutate(...args: Arg[]): Promise<number> {
    this.#open();
    const reply = await this.#write(() =>
      this.#redis.tsnatsMutate(this.#base, this.#fence(), ...args),
    );
    if (reply[0] !== 'ok') throw new StoreError(text(reply[0]) as StoreErrorCode);
    return reply[1] as number;
  }

  async #read(...args: Arg[]): Promise<Reply> {
    this.#open();
    return this.#redis.tsnatsRead(this.#base, ...args).catch((err: unknown) => {
      throw wrapRedisError(this.name, err);
    });
  }

  async #readMessage(...args: Arg[]): Promise<Reply[]> {
    this.#open();
    return (await this.#redis.tsnatsReadBuffer(this.#base, ...args).catch((err: unknown) => {
      throw wrapRedisError(this.name, err);
    })) as Reply[];
  }

  // --- appends ---------------------------------------------------------------

  #limitArgs(): Arg[] {
    const l = this.#limits;
    const nowMs = Number(this.#clock.now() / 1_000_000n);
    return [
      this.#fence(),
      l.maxMsgs,
      l.maxBytes,
      l.maxPer,
      l.discardNew ? 1 : 0,
      l.discardNewPer ? 1 : 0,
      this.#windowMs,
      nowMs,
    ];
  }

  #record(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    seq: number,
    time: bigint,
    checks: AppendChecks = {},
  ): Arg[] {
    const optional = (n: number | undefined): Arg => (n === undefined ? '' : n);
    return [
      subject,
      encodeBody(headers, data),
      seq,
      time.toString(),
      checks.msgId ?? '',
      optional(checks.expectedLastSeq),
      optional(checks.expectedLastSubjectSeq),
      checks.expectedLastMsgId ?? '',
    ];
  }

  /** One script run for `count` records; resolves the per-record results. */
  async #appendRecords(records: Arg[], count: number): Promise<Reply[][]> {
    const limits = this.#limitArgs();
    const reply = await this.#write(
      () => this.#redis.tsnatsAppend(this.#base, ...limits, count, ...records),
      true,
    );
    return reply[1] as Reply[][];
  }

  async append(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = await this.appendChecked(subject, headers, data, options);
    if (result.kind !== 'stored') throw new Error(`unexpected ${result.kind} without checks`);
    return { seq: result.seq, time: result.time };
  }

  /**
   * Append with nats-server's publish checks done atomically in the script:
   * dedupe by Nats-Msg-Id within the duplicate window, expected last sequence,
   * expected last subject sequence, expected last msg id. Limits refuse as in
   * `append` (rejecting with a StoreError); a failed check resolves as such.
   */
  async appendChecked(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    checks: AppendChecks = {},
  ): Promise<CheckedAppendResult> {
    this.#open();
    const time = checks.time ?? this.#clock.now();
    const record = this.#record(subject, headers, data, checks.seq ?? 0, time, checks);
    if ((checks.seq ?? 0) === 0) this.#last++;
    const [result] = await this.#appendRecords(record, 1);
    const code = text(result[0]);
    const seq = result[1] as number;
    switch (code) {
      case 'ok':
        return { kind: 'stored', seq, time };
      case 'duplicate':
        return { kind: 'duplicate', seq };
      case 'wrong_last_sequence':
      case 'wrong_last_subject_sequence':
        return { kind: code, last: seq };
      case 'wrong_last_msg_id':
        return { kind: code, last: text(result[2]) };
      default:
        throw new StoreError(code as StoreErrorCode);
    }
  }

  /**
   * The batch's sequences are predicted from the last one known and sent as
   * explicit sequences in one script run per 1000 records: if a prediction
   * fails (a discard-new limit refused a record, or another writer appended),
   * nothing from that record on is stored and the promise rejects.
   */
  async appendBatch<T>(fn: (append: SyncAppend) => T): Promise<T> {
    this.#open();
    const records: Arg[] = [];
    const predicted: number[] = [];
    let last = this.#last;
    const append: SyncAppend = (subject, headers, data, options) => {
      this.#open();
      let seq = options?.seq ?? 0;
      if (seq !== last + 1) {
        if (seq > 0) throw new StoreError('sequence_mismatch');
        seq = last + 1;
      }
      const time = options?.time ?? this.#clock.now();
      records.push(...this.#record(subject, headers, data, seq, time));
      predicted.push(seq);
      last = seq;
      return { seq, time };
    };
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = fn(append);
    } catch (error) {
      failure = { error };
    }
    this.#last = last;
    const fields = records.length / predicted.length;
    const sent: Promise<Reply[][]>[] = [];
    for (let i = 0; i < predicted.length; i += RECORD_CHUNK) {
      const n = Math.min(RECORD_CHUNK, predicted.length - i);
      sent.push(this.#appendRecords(records.slice(i * fields, (i + n) * fields), n));
    }
    const results = (await Promise.all(sent)).flat();
    for (const [i, r] of results.entries()) {
      const code = text(r[0]);
      if (code === 'ok' && r[1] === predicted[i]) continue;
      if (code === 'ok' || code === 'sequence_mismatch') {
        throw new RedisLogError(
          'diverged',
          `redis-log stream '${this.name}': batch expected seq ${predicted[i]}, the stream was at ${String(r[1])}`,
        );
      }
      throw new StoreError(code as StoreErrorCode);
    }
    if (failure !== undefined) throw failure.error;
    return result as T;
  }

  async confirm(): Promise<void> {
    this.#open();
    await this.#replication.afterWrite().catch((err: unknown) => {
      throw wrapRedisError(this.name, err);
    });
  }

  async skip(): Promise<number> {
    return this.#mutate('skip', 0, 1, this.#clock.now().toString());
  }

  async skipMany(seq: number, count: number): Promise<void> {
    await this.#mutate('skip', seq, count, this.#clock.now().toString());
  }

  // --- limits -----------------------------------------------------------------

  async updateConfig(config: StoreConfig): Promise<void> {
    this.#open();
    const previousMaxPer = this.#limits.maxPer;
    this.#limits = limitsOf(config);
    await this.#enforce(previousMaxPer);
  }

  async #enforce(previousMaxPer: number): Promise<void> {
    const l = this.#limits;
    const enforced = this.#mutate(
      'enforce',
      l.maxMsgs,
      l.maxBytes,
      l.maxPer,
      l.discardNew ? 1 : 0,
      previousMaxPer,
    );
    this.#expiry.maxAge = l.maxAge;
    if (l.maxAge === 0n) {
      await enforced;
      return;
    }
    await Promise.all([enforced, this.#expiry.expireNow()]);
  }

  // --- removal ----------------------------------------------------------------

  async remove(seq: number): Promise<boolean> {
    return (await this.#mutate('remove', seq)) === 1;
  }

  /** As remove: Redis frees the value; there are no bytes left to overwrite. */
  async erase(seq: number): Promise<boolean> {
    return this.remove(seq);
  }

  async purge(request: PurgeRequest = {}): Promise<number> {
    return this.#mutate('purge', request.subject ?? '', request.seq ?? 0, request.keep ?? 0);
  }

  async compact(seq: number): Promise<number> {
    return this.#mutate('compact', seq);
  }

  async truncate(seq: number): Promise<void> {
    await this.#mutate('truncate', seq, this.#clock.now().toString());
  }

  // --- reads ------------------------------------------------------------------

  async load(seq: number): Promise<StoredMessage> {
    const reply = await this.#readMessage('load', seq);
    if (reply.length === 1) throw new StoreError(text(reply[0]) as StoreErrorCode);
    return decodeMessage(reply);
  }

  async loadNext(filter: string | readonly string[], start: number): Promise<LoadNextResult> {
    const filters = typeof filter === 'string' ? [filter] : filter;
    const reply = await this.#readMessage('next', start, ...filters);
    if (reply.length === 2) return { message: undefined, seq: reply[1] as number };
    const message = decodeMessage(reply);
    return { message, seq: message.seq };
  }

  async loadLast(filter: string): Promise<StoredMessage> {
    const reply = await this.#readMessage('last', filter);
    if (reply.length === 1) throw new StoreError('msg_not_found');
    return decodeMessage(reply);
  }

  async seqFromTime(time: bigint): Promise<number> {
    return (await this.#read('from_time', time.toString())) as number;
  }

  async filteredState(seq: number, filter: string): Promise<SimpleState> {
    const [messages, first, last] = (await this.#read('filtered', seq, filter)) as number[];
    return { messages, first_seq: first, last_seq: last };
  }

  async subjectsState(filter: string): Promise<Map<string, SimpleState>> {
    const flat = (await this.#read('subjects', filter)) as Reply[];
    const out = new Map<string, SimpleState>();
    for (let i = 0; i < flat.length; i += 4) {
      out.set(text(flat[i]), {
        messages: flat[i + 1] as number,
        first_seq: flat[i + 2] as number,
        last_seq: flat[i + 3] as number,
      });
    }
    return out;
  }

  async subjectsTotals(filter: string): Promise<Map<string, number>> {
    const flat = (await this.#read('totals', filter)) as Reply[];
    const out = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) out.set(text(flat[i]), flat[i + 1] as number);
    return out;
  }

  async numPending(
    seq: number,
    filter: string,
    lastPerSubject: boolean,
  ): Promise<NumPendingResult> {
    const [total, validThrough] = (await this.#read(
      'pending',
      seq,
      filter,
      lastPerSubject ? 1 : 0,
    )) as number[];
    return { total, validThrough };
  }

  async multiLastSeqs(
    filters: readonly string[],
    maxSeq: number,
    maxAllowed: number,
  ): Promise<number[]> {
    const reply = (await this.#read('multi_last', maxSeq, maxAllowed, ...filters)) as Reply[];
    if (typeof reply[0] === 'string') throw new StoreError(reply[0] as StoreErrorCode);
    return reply as number[];
  }

  async state(options: { deleted?: boolean } = {}): Promise<StreamState> {
    const wantDeleted = options.deleted === true;
    const reply = (await this.#read('state', wantDeleted ? 1 : 0)) as Reply[];
    const [messages, bytes, first, firstTs, last, lastTs, subjects, live] = reply as [
      number,
      number,
      number,
      string,
      number,
      string,
      number,
      string[],
    ];
    // Redis answers in order, so with no write of ours waiting the state is as
    // of our last write: the next batch predicts from it (after a write whose
    // answer was lost, #last may be wrong either way).
    if (this.#inFlight === 0) this.#last = last;
    return {
      messages,
      bytes,
      first_seq: first,
      first_ts: messages === 0 || firstTs === '' ? 0n : BigInt(firstTs),
      last_seq: last,
      last_ts: BigInt(lastTs),
      num_subjects: subjects,
      num_deleted: messages === 0 ? 0 : last - first + 1 - messages,
      ...(wantDeleted ? { deleted: gaps(live, first, last) } : {}),
      consumer_count: this.#consumers.openCount,
    };
  }

  registerStorageUpdates(handler: StorageUpdateHandler | undefined): void {
    this.#handler = handler;
  }

  keepCreated(now: bigint): bigint {
    if (this.#created === undefined) {
      this.#created = now;
      if (!this.#closed) {
        this.#redis.tsnatsMutate(this.#base, '', 'created', now.toString()).catch(() => undefined);
      }
    }
    return this.#created;
  }

  // --- consumers and lifecycle ------------------------------------------------

  async consumerStore(name: string, config: ConsumerStoreConfig): Promise<ConsumerStore> {
    this.#open();
    return this.#consumers.open(name, config);
  }

  /** Close the store; the stream stays in Redis. The client is the caller's to close. */
  stop(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#expiry.stop();
    this.#consumers.closeAll();
    return Promise.resolve();
  }

  async delete(): Promise<void> {
    await this.stop();
    if (this.#deleted) return;
    this.#deleted = true;
    await this.#redis.tsnatsMutate(this.#base, this.#fence(), 'delete').catch((err: unknown) => {
      throw wrapRedisError(this.name, err);
    });
  }
}

/** The sequences in [first, last] missing from the ascending `live` list. */
function gaps(live: readonly string[], first: number, last: number): number[] {
  const out: number[] = [];
  if (live.length === 0) return out;
  let expected = first;
  for (const s of live) {
    const seq = Number(s);
    for (; expected < seq; expected++) out.push(expected);
    expected = seq + 1;
  }
  for (; expected <= last; expected++) out.push(expected);
  return out;
}
