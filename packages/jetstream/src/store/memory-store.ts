/* eslint-disable @typescript-eslint/require-await --
 * The methods are async without awaiting anything on purpose: `async` turns a
 * thrown StoreError into a rejection, as the StreamStore contract promises (never
 * a synchronous throw). Measured: an awaited async method costs the same as one
 * returning Promise.resolve (~170-200 ns). */
// MemoryStore: a StreamStore in process memory with nats-server's memstore
// semantics (server/memstore.go, v2.10.22). Every mutation happens synchronously
// when the method is called; the promise only delivers the result, so calls
// apply in call order without the caller awaiting each one.
//
// Messages live in a SeqTable (columns per chunk of sequences, bytes in slabs:
// see seq-table.ts for why), subjects in a SubjectIndex (sequences per subject).

import { randomFillSync } from 'node:crypto';
import { systemClock } from './clock.js';
import { StoreError } from './errors.js';
import { LimitsPolicy } from './limits-policy.js';
import { ConsumerRegistry } from './memory-consumer-store.js';
import { StoreQueries } from './memory-queries.js';
import { SeqTable } from './seq-table.js';
import { SubjectIndex } from './subject-index.js';
import type {
  AppendOptions,
  AppendResult,
  ConsumerStore,
  ConsumerStoreConfig,
  LoadNextResult,
  NumPendingResult,
  PurgeRequest,
  SimpleState,
  StorageUpdateHandler,
  StoreClock,
  StoreConfig,
  StoredMessage,
  StreamState,
  StreamStore,
  SyncAppend,
} from './types.js';

/** UTF-8 byte length without encoding (subjects are almost always ASCII). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: 4 bytes for its 2 UTF-16 units.
      n += 2;
      i++;
    } else {
      n += 2;
    }
  }
  return n;
}

/** nats-server's memStoreMsgSize: subject + headers + payload + 16 (seq and time). */
export function memoryMessageSize(
  subject: string,
  headers: Uint8Array | undefined,
  data: Uint8Array,
): number {
  return utf8Length(subject) + (headers?.length ?? 0) + data.length + 16;
}

export interface MemoryStoreOptions {
  /** Time source and timers (default: the system clock). */
  readonly clock?: StoreClock;
}

export class MemoryStore implements StreamStore {
  readonly storage = 'memory' as const;
  readonly #msgs = new SeqTable();
  readonly #subjects = new SubjectIndex((seq) => this.#msgs.has(seq));
  #first = 0;
  #last = 0;
  #firstTime = 0n;
  #lastTime = 0n;
  #bytes = 0;
  readonly #clock: StoreClock;
  readonly #queries: StoreQueries;
  readonly #policy: LimitsPolicy;
  #handler: StorageUpdateHandler | undefined;
  #closed = false;
  readonly #consumers = new ConsumerRegistry();

  constructor(config: StoreConfig, options: MemoryStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    // The queries and the limits policy read live state through getters.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const view = {
      table: this.#msgs,
      msgs: this.#msgs,
      subjects: this.#subjects,
      get queries() {
        return self.#queries;
      },
      get first() {
        return self.#first;
      },
      get last() {
        return self.#last;
      },
      get firstTime() {
        return self.#firstTime;
      },
      get bytes() {
        return self.#bytes;
      },
    };
    this.#queries = new StoreQueries(view);
    this.#policy = new LimitsPolicy(
      {
        view,
        clock: this.#clock,
        remove: (seq) => this.#removeMsg(seq, false),
        compact: (seq) => this.#compact(seq),
      },
      config,
    );
    const firstSeq = config.first_seq ?? 0;
    if (firstSeq > 0) {
      // nats-server's newMemStore purges to FirstSeq: empty, next append gets it.
      this.#first = firstSeq;
      this.#last = firstSeq - 1;
    }
  }

  #open(): void {
    if (this.#closed) throw new StoreError('closed');
  }

  // --- appends ---------------------------------------------------------------

  async append(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.#appendNow(subject, headers, data, options);
  }

  /** Nothing to make durable: runs `fn` with the synchronous append. */
  async appendBatch<T>(fn: (append: SyncAppend) => T): Promise<T> {
    return fn(this.#appendNow);
  }

  readonly #appendNow: SyncAppend = (subject, headers, data, options) => {
    this.#open();
    const size = memoryMessageSize(subject, headers, data);
    this.#policy.admit(subject, size);
    let seq = options?.seq ?? 0;
    if (seq !== this.#last + 1) {
      if (seq > 0) throw new StoreError('sequence_mismatch');
      seq = this.#last + 1;
    }
    const time = options?.time ?? this.#clock.now();
    const indexed = this.#subjects.add(subject, seq);
    // Copies the bytes (the caller's are usually a slice of a reused read buffer).
    this.#msgs.put(seq, indexed.subject, headers, data, time, size);
    if (this.#msgs.size === 1) {
      this.#first = seq;
      this.#firstTime = time;
    }
    this.#bytes += size;
    this.#last = seq;
    this.#lastTime = time;
    this.#policy.appended(indexed);
    this.#handler?.(1, size, seq, subject);
    return { seq, time };
  };

  async skip(): Promise<number> {
    this.#open();
    const seq = ++this.#last;
    this.#lastTime = this.#clock.now();
    if (this.#msgs.size === 0) {
      this.#first = seq + 1;
      this.#firstTime = this.#lastTime;
    }
    return seq;
  }

  async skipMany(seq: number, count: number): Promise<void> {
    this.#open();
    if (seq !== this.#last + 1) {
      if (seq > 0) throw new StoreError('sequence_mismatch');
      seq = this.#last + 1;
    }
    this.#last = seq + count - 1;
    this.#lastTime = this.#clock.now();
    if (this.#msgs.size === 0) {
      this.#first = this.#last + 1;
      this.#firstTime = this.#lastTime;
    }
  }

  async updateConfig(config: StoreConfig): Promise<void> {
    this.#open();
    this.#policy.enforce(this.#policy.configure(config));
  }

  // --- removal ----------------------------------------------------------------

  #removeMsg(seq: number, secure: boolean): boolean {
    const subject = this.#msgs.subject(seq);
    if (subject === undefined) return false;
    const size = this.#msgs.sizeOf(seq);
    // Overwrite in place: anyone still holding the loaded bytes sees noise too.
    if (secure) this.#msgs.scrub(seq, (b) => randomFillSync(b));
    this.#msgs.delete(seq);
    this.#bytes -= size;
    if (seq === this.#first) this.#advanceFirst(seq + 1);
    this.#subjects.remove(subject, seq);
    this.#msgs.compact();
    this.#handler?.(-1, -size, seq, subject);
    return true;
  }

  /** first_seq becomes the first stored sequence >= from, or last_seq + 1 when none. */
  #advanceFirst(from: number): void {
    const next = this.#queries.nextLive(from);
    if (next === 0) {
      this.#first = this.#last + 1;
      this.#firstTime = 0n;
    } else {
      this.#first = next;
      this.#firstTime = this.#msgs.time(next);
    }
  }

  async remove(seq: number): Promise<boolean> {
    this.#open();
    return this.#removeMsg(seq, false);
  }

  async erase(seq: number): Promise<boolean> {
    this.#open();
    return this.#removeMsg(seq, true);
  }

  /** Drop everything; first_seq = `first`, last_seq = `last`. Reported as one bulk change. */
  #dropAll(first: number, last: number): number {
    const purged = this.#msgs.size;
    const bytes = this.#bytes;
    this.#msgs.clear();
    this.#subjects.clear();
    this.#bytes = 0;
    this.#first = first;
    this.#last = last;
    this.#firstTime = 0n;
    if (purged > 0) this.#handler?.(-purged, -bytes, 0, '');
    return purged;
  }

  async purge(request: PurgeRequest = {}): Promise<number> {
    this.#open();
    return this.#policy.purge(request);
  }

  async compact(seq: number): Promise<number> {
    this.#open();
    return this.#policy.compact(seq);
  }

  /** The policy's compact: remove everything below seq (> last_seq: all, the next append gets seq). */
  #compact(seq: number): number {
    if (seq > this.#last) return this.#dropAll(seq, seq - 1);
    let purged = 0;
    let bytes = 0;
    for (const s of this.#queries.liveSeqs(this.#first, seq - 1)) {
      bytes += this.#dropOne(s);
      purged++;
    }
    if (purged === 0) return 0;
    this.#bytes -= bytes;
    this.#advanceFirst(seq);
    this.#msgs.compact();
    this.#handler?.(-purged, -bytes, 0, '');
    return purged;
  }

  /** Remove a stored message from the table and index only (bulk paths); returns its size. */
  #dropOne(seq: number): number {
    const subject = this.#msgs.subject(seq) as string;
    const size = this.#msgs.sizeOf(seq);
    this.#msgs.delete(seq);
    this.#subjects.remove(subject, seq);
    return size;
  }

  async truncate(seq: number): Promise<void> {
    this.#open();
    if (seq === 0) {
      this.#dropAll(0, 0);
      this.#lastTime = this.#clock.now();
      return;
    }
    if (!this.#msgs.has(seq)) throw new StoreError('invalid_sequence');
    let purged = 0;
    let bytes = 0;
    for (const s of this.#queries.liveSeqs(seq + 1, this.#last)) {
      bytes += this.#dropOne(s);
      purged++;
    }
    this.#bytes -= bytes;
    this.#msgs.compact();
    this.#last = seq;
    this.#lastTime = this.#msgs.time(seq);
    if (purged > 0) this.#handler?.(-purged, -bytes, 0, '');
  }

  // --- reads ------------------------------------------------------------------

  async load(seq: number): Promise<StoredMessage> {
    this.#open();
    const message = this.#msgs.message(seq);
    if (message !== undefined) return message;
    throw new StoreError(seq > this.#last ? 'eof' : 'msg_not_found');
  }

  async loadNext(filter: string | readonly string[], start: number): Promise<LoadNextResult> {
    this.#open();
    const seq = this.#queries.loadNext(filter, start);
    if (seq === 0) return { message: undefined, seq: this.#last };
    return { message: this.#msgs.message(seq), seq };
  }

  async loadLast(filter: string): Promise<StoredMessage> {
    this.#open();
    const seq = this.#queries.lastMatching(filter);
    const message = seq === 0 ? undefined : this.#msgs.message(seq);
    if (message === undefined) throw new StoreError('msg_not_found');
    return message;
  }

  async seqFromTime(time: bigint): Promise<number> {
    this.#open();
    return this.#queries.seqFromTime(time);
  }

  async filteredState(seq: number, filter: string): Promise<SimpleState> {
    this.#open();
    return this.#queries.filteredState(seq, filter);
  }

  async subjectsState(filter: string): Promise<Map<string, SimpleState>> {
    this.#open();
    return this.#queries.subjectsState(filter);
  }

  async subjectsTotals(filter: string): Promise<Map<string, number>> {
    this.#open();
    return this.#queries.subjectsTotals(filter);
  }

  async numPending(
    seq: number,
    filter: string,
    lastPerSubject: boolean,
  ): Promise<NumPendingResult> {
    this.#open();
    const total = lastPerSubject
      ? this.#queries.lastPerSubjectCount(seq, filter)
      : this.#queries.filteredState(seq, filter).messages;
    return { total, validThrough: this.#last };
  }

  async multiLastSeqs(
    filters: readonly string[],
    maxSeq: number,
    maxAllowed: number,
  ): Promise<number[]> {
    this.#open();
    return this.#queries.multiLastSeqs(filters, maxSeq, maxAllowed);
  }

  async state(options: { deleted?: boolean } = {}): Promise<StreamState> {
    this.#open();
    const messages = this.#msgs.size;
    const numDeleted = messages === 0 ? 0 : this.#last - this.#first + 1 - messages;
    return {
      messages,
      bytes: this.#bytes,
      first_seq: this.#first,
      first_ts: messages === 0 ? 0n : this.#firstTime,
      last_seq: this.#last,
      last_ts: this.#lastTime,
      num_subjects: this.#subjects.size,
      num_deleted: numDeleted,
      ...(options.deleted === true ? { deleted: this.#queries.deletedSeqs() } : {}),
      consumer_count: this.#consumers.openCount,
    };
  }

  registerStorageUpdates(handler: StorageUpdateHandler | undefined): void {
    this.#handler = handler;
  }

  // --- consumers and lifecycle ------------------------------------------------

  async consumerStore(name: string, config: ConsumerStoreConfig): Promise<ConsumerStore> {
    this.#open();
    return this.#consumers.open(name, config);
  }

  async stop(): Promise<void> {
    if (this.#closed) return;
    // Memory cannot outlive the store: nats-server's Stop purges (and reports it).
    this.#dropAll(this.#last + 1, this.#last);
    this.#policy.stop();
    this.#closed = true;
    this.#consumers.closeAll();
  }

  async delete(): Promise<void> {
    await this.stop();
  }
}
