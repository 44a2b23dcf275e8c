/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose where nothing is written: a thrown StoreError
 * becomes a rejection, as the StreamStore contract promises. */
// FileStore: a StreamStore on files, with MemoryStore's semantics (the same
// limit and purge policy, limits-policy.ts, and query logic over the same index
// structures) and nats-server
// filestore's durability ideas. Layout of `<storeDir>/<stream>/`:
//
// - `<n>.blk`: append-only block files of records (file-store-format.ts),
//   rolled at `blockSize`. Messages and every state change (tombstones, skips,
//   compact, truncate) are records, replayed in order on open.
// - `meta.json`: the store config, with the stream's creation time (epoch ns as
//   a decimal string, `created`, keepCreated); `consumers/<name>.json`: consumer state.
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
import {
  forEachSnapshotMessage,
  takeIndexSnapshot,
  writeIndexSnapshot,
} from './file-store-snapshot.js';
import { LimitsPolicy } from './limits-policy.js';
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
  SyncAppend,
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

const defaultLogger: FileStoreLogger = {
  warn: (message) => {
    console.warn(`FileStore: ${message}`);
  },
};

export class FileStore implements StreamStore {
  readonly storage = 'file' as const;
  readonly #dir: string;
  readonly #clock: StoreClock;
  readonly #logger: FileStoreLogger;
  readonly #log: BlockLog;
  readonly #ix: FileIndex;
  readonly #policy: LimitsPolicy;
  readonly #consumers: FileConsumerRegistry;
  readonly #syncAlways: boolean;
  #lost: LostStreamData | undefined;
  /** What meta.json holds: the config last written, and the stream's creation time. */
  #meta: StoreConfig;
  #created: bigint | undefined;
  #handler: StorageUpdateHandler | undefined;
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
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? defaultLogger;
    this.#syncAlways = options.syncAlways === true;
    fs.mkdirSync(dir, { recursive: true });
    const metaPath = join(dir, 'meta.json');
    const created = !fs.existsSync(metaPath);
    this.#meta = config;
    if (!created) this.#created = savedCreated(metaPath);
    this.#writeMeta(config);
    this.#log = new BlockLog(dir, {
      blockSize: options.blockSize ?? 8 * 1024 * 1024,
      syncAlways: this.#syncAlways,
      syncIntervalMs: options.syncIntervalMs ?? 120_000,
      logger: this.#logger,
    });
    const ix = new FileIndex(this.#log, dir);
    this.#ix = ix;
    const lostBytes = this.#recoverIndex(ix);
    if (lostBytes > 0) this.#lost = { msgs: [], bytes: lostBytes };
    this.#consumers = new FileConsumerRegistry(dir, this.#syncAlways);
    const firstSeq = config.first_seq ?? 0;
    if (created && firstSeq > 0 && this.#ix.last === 0) {
      this.#ix.first = firstSeq;
      this.#ix.last = firstSeq - 1;
      this.#log.writeOp(RecordType.BASE, this.#ix.first, 0n, this.#ix.last);
    }
    this.#policy = new LimitsPolicy(
      {
        view: ix,
        clock: this.#clock,
        remove: (seq) => this.#removeMsg(seq, false),
        compact: (seq) => this.#compactLogged(seq),
        onTimer: (expire) => {
          this.#expiryTimer(expire);
        },
      },
      config,
    );
    // The config may have changed while closed, and messages aged.
    this.#policy.enforce(0);
    this.#dropBlocks();
    this.#log.flush();
  }

  #writeMeta(config: StoreConfig): void {
    this.#meta = config;
    const created = this.#created === undefined ? {} : { created: this.#created.toString() };
    const meta = JSON.stringify({ ...config, ...created });
    writeFileAtomic(join(this.#dir, 'meta.json'), meta, this.#syncAlways);
  }

  keepCreated(now: bigint): bigint {
    if (this.#created === undefined) {
      this.#created = now;
      if (!this.#closed) this.#writeMeta(this.#meta);
    }
    return this.#created;
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
    const result = this.#appendNow(subject, headers, data, options);
    await this.#log.committed();
    return result;
  }

  /** Every append of `fn` goes to the write buffer; one commit (one write) for all. */
  async appendBatch<T>(fn: (append: SyncAppend) => T): Promise<T> {
    const result = fn(this.#appendNow);
    await this.#log.committed();
    return result;
  }

  readonly #appendNow: SyncAppend = (subject, headers, data, options) => {
    this.#open();
    const subjectBytes = Buffer.byteLength(subject);
    if (subjectBytes > MAX_SUBJECT_BYTES) throw new StoreError('msg_too_large');
    const hlen = headers?.length ?? 0;
    const size = fileMessageSize(subjectBytes, hlen, data.length);
    this.#policy.admit(subject, size);
    let seq = options?.seq ?? 0;
    if (seq !== this.#ix.last + 1) {
      if (seq > 0) throw new StoreError('sequence_mismatch');
      seq = this.#ix.last + 1;
    }
    const time = options?.time ?? this.#clock.now();
    const offset = this.#log.writeMessage(seq, time, subject, subjectBytes, headers, data);
    const length = OVERHEAD + subjectBytes + hlen + data.length;
    this.#policy.appended(
      this.#ix.add(seq, subject, time, size, this.#log.current, offset, length),
    );
    this.#dropBlocks();
    this.#handler?.(1, size, seq, subject);
    return { seq, time };
  };

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

  /** A max_age timer: expire, then write out the tombstones. */
  #expiryTimer(expire: () => void): void {
    if (this.#log.failed !== undefined) return;
    try {
      expire();
      this.#dropBlocks();
      this.#log.flush();
    } catch (err) {
      // A timer has no caller to reject: report it; the store now rejects every call.
      this.#logger.warn(`${this.#dir}: max_age expiry failed: ${String(err)}`);
    }
  }

  async updateConfig(config: StoreConfig): Promise<void> {
    this.#open();
    const previousMaxPer = this.#policy.configure(config);
    this.#writeMeta(config);
    this.#policy.enforce(previousMaxPer);
    this.#dropBlocks();
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
    return this.#removeLogged(seq, false);
  }

  async erase(seq: number): Promise<boolean> {
    return this.#removeLogged(seq, true);
  }

  async #removeLogged(seq: number, secure: boolean): Promise<boolean> {
    this.#open();
    if (!this.#removeMsg(seq, secure)) return false;
    this.#dropBlocks();
    await this.#log.committed();
    return true;
  }

  /** The policy's compact: remove everything below seq, as one COMPACT record. */
  #compactLogged(seq: number): number {
    const [purged, bytes] = this.#ix.applyCompact(seq);
    this.#log.writeOp(RecordType.COMPACT, seq, 0n);
    if (purged > 0) this.#handler?.(-purged, -bytes, 0, '');
    return purged;
  }

  async purge(request: PurgeRequest = {}): Promise<number> {
    this.#open();
    const purged = this.#policy.purge(request);
    this.#dropBlocks();
    await this.#log.committed();
    return purged;
  }

  async compact(seq: number): Promise<number> {
    this.#open();
    const purged = this.#policy.compact(seq);
    this.#dropBlocks();
    await this.#log.committed();
    return purged;
  }

  async truncate(seq: number): Promise<void> {
    this.#open();
    let time = this.#clock.now();
    if (seq !== 0) {
      if (!this.#ix.msgs.has(seq)) throw new StoreError('invalid_sequence');
      time = this.#ix.msgs.time(seq);
    }
    const [purged, bytes] = this.#ix.applyTruncate(seq, time);
    this.#log.writeOp(RecordType.TRUNCATE, seq, time);
    if (purged > 0) this.#handler?.(-purged, -bytes, 0, '');
    this.#dropBlocks();
    await this.#log.committed();
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
    return this.#ix.queries.subjectsTotals(filter);
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

  /**
   * Builds the index from the snapshot a clean stop left when it matches the
   * block files, else by replaying every record. Returns the bytes recovery
   * could not read.
   */
  #recoverIndex(ix: FileIndex): number {
    const snapshot = takeIndexSnapshot(this.#dir);
    if (snapshot !== undefined && this.#log.adopt(snapshot.blocks)) {
      forEachSnapshotMessage(snapshot, (seq, subject, time, size, block, offset, length) => {
        ix.add(seq, subject, time, size, this.#log.block(block), offset, length);
      });
      ix.first = snapshot.first;
      ix.last = snapshot.last;
      ix.firstTime = snapshot.firstTime;
      ix.lastTime = snapshot.lastTime;
      return snapshot.lostBytes;
    }
    return this.#log.recover((record, block, offset) => {
      ix.replay(record, block, offset);
    }).lostBytes;
  }

  stop(): Promise<void> {
    this.#stop(true);
    return Promise.resolve();
  }

  /** Closes the files; with `snapshot`, leaves the index for the next open (see file-store-snapshot.ts). */
  #stop(snapshot: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#policy.stop();
    let blocks: { id: number; size: number }[];
    try {
      this.#consumers.closeAll();
    } finally {
      blocks = this.#log.close();
    }
    if (!snapshot || this.#log.failed !== undefined) return;
    try {
      writeIndexSnapshot(this.#dir, this.#ix, blocks, this.#lost?.bytes ?? 0);
    } catch (error) {
      // The next open replays the records instead: slower, not wrong.
      this.#logger.warn(`${this.#dir}: could not write the index snapshot: ${String(error)}`);
    }
  }

  async delete(): Promise<void> {
    try {
      this.#stop(false);
    } finally {
      if (!this.#deleted) {
        this.#deleted = true;
        await fs.promises.rm(this.#dir, { recursive: true, force: true });
      }
    }
  }
}

/** The creation time saved in meta.json, if any (a store from before it was kept has none). */
function savedCreated(metaPath: string): bigint | undefined {
  try {
    const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as { created?: unknown };
    if (typeof meta.created === 'string' && /^\d+$/.test(meta.created)) return BigInt(meta.created);
  } catch {
    // Unreadable: the config is written again below; the time starts anew.
  }
  return undefined;
}
