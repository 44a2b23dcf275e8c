/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose where nothing is written: a thrown StoreError
 * becomes a rejection, as the StreamStore contract promises. */
// FileStore: a StreamStore on files, with MemoryStore's semantics (the same
// limit, purge and query logic over the same index structures) and nats-server
// filestore's durability ideas. Layout of `<storeDir>/<stream>/`:
//
// - `<n>.blk`: append-only block files of records (file-store-format.ts),
//   rolled at `blockSize`. Messages and every state change (tombstones, skips,
//   compact, truncate) are records, replayed in order on open.
// - `meta.json`: the store config; `consumers/<name>.json`: consumer state.
//   Both are written atomically (temp file + rename).
//
// Memory holds the index only: per sequence its subject, time, size and record
// location, and the per-subject sequences. Payloads are read from the files.
//
// Durability: a mutation's promise resolves once its records were written to
// the OS (fs.writeSync), so they survive kill -9 of the process. Records queued
// in one turn go out in one write. fsync as nats-server: every `syncIntervalMs`
// (default 2 minutes), or after every write with `syncAlways`.

import { Buffer } from 'node:buffer';
import { randomFillSync } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { systemClock } from './clock.js';
import { StoreError } from './errors.js';
import { BlockLog, type FileStoreLogger } from './file-store-blocks.js';
import { FileConsumerRegistry, writeFileAtomic } from './file-store-consumers.js';
import { MAX_SUBJECT_BYTES, OVERHEAD, RecordType, fileMessageSize } from './file-store-format.js';
import { FileIndex } from './file-store-index.js';
import { isAllFilter } from './memory-queries.js';
import { entryFirst } from './subject-index.js';
import type {
  AppendOptions,
  AppendResult,
  ConsumerStore,
  ConsumerStoreConfig,
  LoadNextResult,
  LostStreamData,
  NumPendingResult,
  PurgeRequest,
  SimpleState,
  StorageUpdateHandler,
  StoreClock,
  StoreConfig,
  StoredMessage,
  StreamState,
  StreamStore,
} from './types.js';

export type { FileStoreLogger } from './file-store-blocks.js';

export interface FileStoreOptions {
  /** Time source and timers (default: the system clock). */
  readonly clock?: StoreClock;
  /** Roll to a new block file past this many bytes (default 8 MiB). */
  readonly blockSize?: number;
  /** fsync written blocks this often (default 120000, nats-server's SyncInterval). */
  readonly syncIntervalMs?: number;
  /** fsync after every write, before promises resolve (nats-server's SyncAlways). */
  readonly syncAlways?: boolean;
  /** Where recovery repairs are reported (default console.warn). */
  readonly logger?: FileStoreLogger;
}

interface Limits {
  maxMsgs: number;
  maxBytes: number;
  maxAge: bigint;
  maxPer: number;
  discardNew: boolean;
  discardNewPer: boolean;
}

function limitsOf(config: StoreConfig): Limits {
  const positive = (n: number | undefined): number => (n !== undefined && n > 0 ? n : 0);
  return {
    maxMsgs: positive(config.max_msgs),
    maxBytes: positive(config.max_bytes),
    maxAge: BigInt(Math.trunc(positive(config.max_age))),
    maxPer: positive(config.max_msgs_per_subject),
    discardNew: config.discard === 'new',
    discardNewPer: config.discard_new_per_subject === true,
  };
}

const defaultLogger: FileStoreLogger = {
  warn: (message) => {
    console.warn(`FileStore: ${message}`);
  },
};

export class FileStore implements StreamStore {
  readonly storage = 'file' as const;
  readonly #dir: string;
  #limits: Limits;
  readonly #clock: StoreClock;
  readonly #logger: FileStoreLogger;
  readonly #log: BlockLog;
  readonly #ix: FileIndex;
  readonly #consumers: FileConsumerRegistry;
  readonly #syncAlways: boolean;
  #lost: LostStreamData | undefined;
  #handler: StorageUpdateHandler | undefined;
  #cancelAgeCheck: (() => void) | undefined;
  #closed = false;
  #deleted = false;

  /** Open (or create) the store of `config.name` under `storeDir` and recover its state. */
  static async open(
    storeDir: string,
    config: StoreConfig,
    options: FileStoreOptions = {},
  ): Promise<FileStore> {
    return new FileStore(join(storeDir, config.name), config, options);
  }

  private constructor(dir: string, config: StoreConfig, options: FileStoreOptions) {
    this.#dir = dir;
    this.#limits = limitsOf(config);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? defaultLogger;
    this.#syncAlways = options.syncAlways === true;
    fs.mkdirSync(dir, { recursive: true });
    const metaPath = join(dir, 'meta.json');
    const created = !fs.existsSync(metaPath);
    this.#writeMeta(config);
    this.#log = new BlockLog(dir, {
      blockSize: options.blockSize ?? 8 * 1024 * 1024,
      syncAlways: this.#syncAlways,
      syncIntervalMs: options.syncIntervalMs ?? 120_000,
      logger: this.#logger,
    });
    const ix = new FileIndex(this.#log, dir);
    this.#ix = ix;
    const loss = this.#log.recover((record, block, offset) => {
      ix.replay(record, block, offset);
    });
    if (loss.lostBytes > 0) this.#lost = { msgs: [], bytes: loss.lostBytes };
    this.#consumers = new FileConsumerRegistry(dir, this.#syncAlways);
    const firstSeq = config.first_seq ?? 0;
    if (created && firstSeq > 0 && this.#ix.last === 0) {
      this.#ix.first = firstSeq;
      this.#ix.last = firstSeq - 1;
      this.#log.writeOp(RecordType.BASE, this.#ix.first, 0n, this.#ix.last);
    }
    // The config may have changed while closed, and messages aged.
    this.#applyLimits(0);
    this.#log.flush();
  }

  #writeMeta(config: StoreConfig): void {
    writeFileAtomic(join(this.#dir, 'meta.json'), JSON.stringify(config), this.#syncAlways);
  }

  #open(): void {
    if (this.#closed) throw new StoreError('closed');
    if (this.#log.failed !== undefined) {
      throw new Error(`${this.#dir}: a write failed, the store must be reopened`, {
        cause: this.#log.failed,
      });
    }
  }

  /** After removals: delete leading blocks without messages, recording the bounds they held. */
  #dropBlocks(): void {
    if (this.#ix.msgs.size === 0 && this.#log.current.size > 64 * 1024) this.#log.roll();
    if (this.#log.dropEmptyFront() > 0) {
      this.#log.writeOp(RecordType.BASE, this.#ix.first, this.#ix.lastTime, this.#ix.last);
    }
  }

  // --- appends ---------------------------------------------------------------

  async append(
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    this.#open();
    const limits = this.#limits;
    const subjectBytes = Buffer.byteLength(subject);
    if (subjectBytes > MAX_SUBJECT_BYTES) throw new StoreError('msg_too_large');
    const hlen = headers?.length ?? 0;
    const size = fileMessageSize(subjectBytes, hlen, data.length);
    const entry = this.#ix.subjects.get(subject);
    const atSubjectLimit = limits.maxPer > 0 && entry !== undefined && entry.msgs >= limits.maxPer;
    if (limits.discardNew) {
      if (atSubjectLimit && limits.discardNewPer) throw new StoreError('max_msgs_per_subject');
      if (limits.maxMsgs > 0 && this.#ix.msgs.size >= limits.maxMsgs && !atSubjectLimit) {
        throw new StoreError('max_msgs');
      }
      if (limits.maxBytes > 0 && this.#ix.bytes + size >= limits.maxBytes) {
        if (!atSubjectLimit) throw new StoreError('max_bytes');
        if (this.#ix.msgs.sizeOf(entryFirst(entry)) < size) throw new StoreError('max_bytes');
      }
    }
    let seq = options?.seq ?? 0;
    if (seq !== this.#ix.last + 1) {
      if (seq > 0) throw new StoreError('sequence_mismatch');
      seq = this.#ix.last + 1;
    }
    const time = options?.time ?? this.#clock.now();
    const offset = this.#log.writeMessage(seq, time, subject, subjectBytes, headers, data);
    const length = OVERHEAD + subjectBytes + hlen + data.length;
    this.#ix.add(seq, subject, time, size, this.#log.current, offset, length);
    if (limits.maxPer > 0) {
      const indexed = this.#ix.subjects.get(subject);
      while (indexed !== undefined && indexed.msgs > limits.maxPer) {
        this.#removeMsg(entryFirst(indexed), false);
      }
    }
    this.#enforceTotals();
    if (this.#cancelAgeCheck === undefined && limits.maxAge > 0n) {
      this.#scheduleAgeCheck(this.#ix.firstTime + limits.maxAge - this.#clock.now());
    }
    this.#dropBlocks();
    this.#handler?.(1, size, seq, subject);
    await this.#log.committed();
    return { seq, time };
  }

  async skip(): Promise<number> {
    this.#open();
    const seq = this.#ix.last + 1;
    this.#ix.applySkip(seq, 1, this.#clock.now());
    this.#log.writeOp(RecordType.SKIP, seq, this.#ix.lastTime, 1);
    await this.#log.committed();
    return seq;
  }

  async skipMany(seq: number, count: number): Promise<void> {
    this.#open();
    if (seq !== this.#ix.last + 1) {
      if (seq > 0) throw new StoreError('sequence_mismatch');
      seq = this.#ix.last + 1;
    }
    this.#ix.applySkip(seq, count, this.#clock.now());
    this.#log.writeOp(RecordType.SKIP, seq, this.#ix.lastTime, count);
    await this.#log.committed();
  }

  // --- limits ---------------------------------------------------------------

  #enforceTotals(): void {
    const { maxMsgs, maxBytes, discardNew } = this.#limits;
    if (discardNew) return;
    while (maxMsgs > 0 && this.#ix.msgs.size > maxMsgs) this.#removeMsg(this.#ix.first, false);
    while (maxBytes > 0 && this.#ix.bytes > maxBytes) this.#removeMsg(this.#ix.first, false);
  }

  #scheduleAgeCheck(delayNs: bigint): void {
    this.#cancelAgeCheck?.();
    const delayMs = delayNs <= 0n ? 1 : Math.ceil(Number(delayNs) / 1e6);
    this.#cancelAgeCheck = this.#clock.schedule(() => {
      this.#cancelAgeCheck = undefined;
      if (this.#closed || this.#log.failed !== undefined) return;
      try {
        this.#expire();
        this.#dropBlocks();
        this.#log.flush();
      } catch (err) {
        // A timer has no caller to reject: report it; the store now rejects every call.
        this.#logger.warn(`${this.#dir}: max_age expiry failed: ${String(err)}`);
      }
    }, delayMs);
  }

  #expire(): void {
    const maxAge = this.#limits.maxAge;
    if (this.#closed || maxAge === 0n) return;
    let minAge = this.#clock.now() - maxAge;
    while (this.#ix.msgs.size > 0 && this.#ix.firstTime <= minAge) {
      this.#removeMsg(this.#ix.first, false);
      minAge = this.#clock.now() - maxAge;
    }
    if (this.#ix.msgs.size === 0) {
      this.#cancelAgeCheck?.();
      this.#cancelAgeCheck = undefined;
    } else {
      this.#scheduleAgeCheck(this.#ix.firstTime - minAge);
    }
  }

  /** Enforce the current limits (a lower per-subject limit than `previousMaxPer` trims). */
  #applyLimits(previousMaxPer: number): void {
    const { maxPer, maxAge } = this.#limits;
    this.#enforceTotals();
    if (maxPer > 0 && (previousMaxPer === 0 || maxPer < previousMaxPer)) {
      for (const [, entry] of [...this.#ix.subjects.entries()]) {
        while (entry.msgs > maxPer) this.#removeMsg(entryFirst(entry), false);
      }
    }
    if (maxAge === 0n) {
      this.#cancelAgeCheck?.();
      this.#cancelAgeCheck = undefined;
    } else {
      this.#expire();
    }
    this.#dropBlocks();
  }

  async updateConfig(config: StoreConfig): Promise<void> {
    this.#open();
    const previousMaxPer = this.#limits.maxPer;
    this.#limits = limitsOf(config);
    this.#writeMeta(config);
    this.#applyLimits(previousMaxPer);
    await this.#log.committed();
  }

  // --- removal ----------------------------------------------------------------

  #removeMsg(seq: number, secure: boolean): boolean {
    const subject = this.#ix.msgs.subject(seq);
    if (subject === undefined) return false;
    this.#log.writeOp(RecordType.DEL, seq, 0n);
    if (secure) {
      // The tombstone first, so a crash cannot leave the scrubbed record live.
      this.#log.flush();
      const [block, offset, length] = this.#ix.locs.get(seq);
      this.#log.scrub(this.#log.block(block), offset, length, (b) => randomFillSync(b));
    }
    const size = this.#ix.forget(seq);
    this.#ix.bytes -= size;
    if (seq === this.#ix.first) this.#ix.advanceFirst(seq + 1);
    this.#handler?.(-1, -size, seq, subject);
    return true;
  }

  async remove(seq: number): Promise<boolean> {
    this.#open();
    if (!this.#removeMsg(seq, false)) return false;
    this.#dropBlocks();
    await this.#log.committed();
    return true;
  }

  async erase(seq: number): Promise<boolean> {
    this.#open();
    if (!this.#removeMsg(seq, true)) return false;
    this.#dropBlocks();
    await this.#log.committed();
    return true;
  }

  /** Log a bulk removal, report it, and drop blocks it emptied. */
  async #bulkRemoved([purged, bytes]: [number, number]): Promise<number> {
    if (purged > 0) this.#handler?.(-purged, -bytes, 0, '');
    this.#dropBlocks();
    await this.#log.committed();
    return purged;
  }

  #compactLogged(seq: number): Promise<number> {
    const removed = this.#ix.applyCompact(seq);
    this.#log.writeOp(RecordType.COMPACT, seq, 0n);
    return this.#bulkRemoved(removed);
  }

  async purge(request: PurgeRequest = {}): Promise<number> {
    this.#open();
    const subject = request.subject ?? '';
    const seq = request.seq ?? 0;
    const keep = request.keep ?? 0;
    if (isAllFilter(subject)) {
      if (keep === 0 && seq === 0) return this.#compactLogged(this.#ix.last + 1);
      if (seq > 1) return this.#compactLogged(seq);
      if (keep > 0) {
        if (keep >= this.#ix.msgs.size) return 0;
        return this.#compactLogged(this.#ix.queries.nthLive(this.#ix.msgs.size - keep));
      }
      return 0;
    }
    const matching = this.#ix.queries.matchingSeqs(subject);
    let toPurge = matching.length;
    if (keep > 0) {
      if (keep >= toPurge) return 0;
      toPurge -= keep;
    }
    const upTo = seq > 1 ? seq - 1 : this.#ix.last;
    let purged = 0;
    for (const s of matching) {
      if (s > upTo || purged >= toPurge) break;
      if (this.#removeMsg(s, false)) purged++;
    }
    this.#dropBlocks();
    await this.#log.committed();
    return purged;
  }

  async compact(seq: number): Promise<number> {
    this.#open();
    return this.#compactLogged(seq === 0 ? this.#ix.last + 1 : seq);
  }

  async truncate(seq: number): Promise<void> {
    this.#open();
    let time = this.#clock.now();
    if (seq !== 0) {
      if (!this.#ix.msgs.has(seq)) throw new StoreError('invalid_sequence');
      time = this.#ix.msgs.time(seq);
    }
    const removed = this.#ix.applyTruncate(seq, time);
    this.#log.writeOp(RecordType.TRUNCATE, seq, time);
    await this.#bulkRemoved(removed);
  }

  // --- reads ------------------------------------------------------------------

  async load(seq: number): Promise<StoredMessage> {
    this.#open();
    const subject = this.#ix.msgs.subject(seq);
    if (subject !== undefined) return this.#ix.message(seq, subject);
    throw new StoreError(seq > this.#ix.last ? 'eof' : 'msg_not_found');
  }

  async loadNext(filter: string | readonly string[], start: number): Promise<LoadNextResult> {
    this.#open();
    const seq = this.#ix.queries.loadNext(filter, start);
    if (seq === 0) return { message: undefined, seq: this.#ix.last };
    return { message: this.#ix.message(seq, this.#ix.msgs.subject(seq) as string), seq };
  }

  async loadLast(filter: string): Promise<StoredMessage> {
    this.#open();
    const seq = this.#ix.queries.lastMatching(filter);
    const subject = seq === 0 ? undefined : this.#ix.msgs.subject(seq);
    if (subject === undefined) throw new StoreError('msg_not_found');
    return this.#ix.message(seq, subject);
  }

  async seqFromTime(time: bigint): Promise<number> {
    this.#open();
    return this.#ix.queries.seqFromTime(time);
  }

  async filteredState(seq: number, filter: string): Promise<SimpleState> {
    this.#open();
    return this.#ix.queries.filteredState(seq, filter);
  }

  async subjectsState(filter: string): Promise<Map<string, SimpleState>> {
    this.#open();
    return this.#ix.queries.subjectsState(filter);
  }

  async subjectsTotals(filter: string): Promise<Map<string, number>> {
    this.#open();
    const totals = new Map<string, number>();
    for (const [subject, entry] of this.#ix.queries.matchingEntries(filter)) {
      totals.set(subject, entry.msgs);
    }
    return totals;
  }

  async numPending(
    seq: number,
    filter: string,
    lastPerSubject: boolean,
  ): Promise<NumPendingResult> {
    this.#open();
    const total = lastPerSubject
      ? this.#ix.queries.lastPerSubjectCount(seq, filter)
      : this.#ix.queries.filteredState(seq, filter).messages;
    return { total, validThrough: this.#ix.last };
  }

  async multiLastSeqs(
    filters: readonly string[],
    maxSeq: number,
    maxAllowed: number,
  ): Promise<number[]> {
    this.#open();
    return this.#ix.queries.multiLastSeqs(filters, maxSeq, maxAllowed);
  }

  async state(options: { deleted?: boolean } = {}): Promise<StreamState> {
    this.#open();
    const messages = this.#ix.msgs.size;
    return {
      messages,
      bytes: this.#ix.bytes,
      first_seq: this.#ix.first,
      first_ts: messages === 0 ? 0n : this.#ix.firstTime,
      last_seq: this.#ix.last,
      last_ts: this.#ix.lastTime,
      num_subjects: this.#ix.subjects.size,
      num_deleted: messages === 0 ? 0 : this.#ix.last - this.#ix.first + 1 - messages,
      ...(options.deleted === true ? { deleted: this.#ix.queries.deletedSeqs() } : {}),
      ...(this.#lost === undefined ? {} : { lost: this.#lost }),
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

  /** Block files on disk (for tests and tools). */
  get blockCount(): number {
    return this.#log.blockCount;
  }

  async stop(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelAgeCheck?.();
    this.#cancelAgeCheck = undefined;
    try {
      this.#consumers.closeAll();
    } finally {
      this.#log.close();
    }
  }

  async delete(): Promise<void> {
    try {
      await this.stop();
    } finally {
      if (!this.#deleted) {
        this.#deleted = true;
        await fs.promises.rm(this.#dir, { recursive: true, force: true });
      }
    }
  }
}
