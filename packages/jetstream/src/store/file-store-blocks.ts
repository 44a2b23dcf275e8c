// FileStore's block files: the append path (records collected during one turn
// and handed to the OS in one write), reads by location, recovery scans, block
// rolling and removal, and the fsync policy. What the records mean is the
// store's business (file-store.ts); this module only moves bytes.

import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { join } from 'node:path';
import {
  OP_RECORD_SIZE,
  OVERHEAD,
  decodeRecord,
  encodeMessage,
  encodeOp,
  scrubMessage,
  type DecodedRecord,
  type RecordType,
} from './file-store-format.js';

/** Where FileStore reports what recovery repaired (default: console.warn). */
export interface FileStoreLogger {
  warn(message: string): void;
}

export interface Block {
  readonly id: number;
  readonly path: string;
  fd: number;
  /** Bytes in the file (handed to the OS). */
  flushed: number;
  /** Bytes in the file plus those waiting in the write buffer. */
  size: number;
  /** Stored messages whose record is in this block. */
  live: number;
  /** Written since the last fsync. */
  dirty: boolean;
}

export interface BlockLogOptions {
  readonly blockSize: number;
  readonly syncAlways: boolean;
  readonly syncIntervalMs: number;
  readonly logger: FileStoreLogger;
}

/** What recovery found that it could not read. */
export interface RecoveryLoss {
  /** Bytes of the last block cut off at a torn or corrupt record. */
  truncatedBytes: number;
  /** Bytes of earlier blocks after a corrupt record (unreadable, kept on disk). */
  lostBytes: number;
}

const BLOCK_FILE = /^(\d+)\.blk$/;

export class BlockLog {
  readonly #dir: string;
  readonly #options: BlockLogOptions;
  readonly #blocks: Block[] = [];
  readonly #byId = new Map<number, Block>();
  #current!: Block;
  #buf = Buffer.allocUnsafe(1 << 20);
  #len = 0;
  #batch: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** The error of a failed write: the files no longer match memory. */
  failed: unknown;

  constructor(dir: string, options: BlockLogOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  /**
   * Open the blocks in the directory (creating `1.blk` when there is none),
   * passing every valid record to `onRecord` in log order. A record that does
   * not check out in the last block is a torn write: the file is cut there. In
   * an earlier block the rest of that block is skipped and counted as lost.
   */
  recover(onRecord: (record: DecodedRecord, block: Block, offset: number) => void): RecoveryLoss {
    const options = this.#options;
    const loss: RecoveryLoss = { truncatedBytes: 0, lostBytes: 0 };
    const ids = this.#blockIds();
    for (let i = 0; i < ids.length; i++) {
      const block = this.#addBlock(ids[i], 'r+');
      const bytes = fs.readFileSync(block.path);
      let at = 0;
      while (at < bytes.length) {
        const record = decodeRecord(bytes, at, bytes.length);
        if (record === undefined) break;
        onRecord(record, block, at);
        at += record.length;
      }
      if (at < bytes.length) {
        const cut = bytes.length - at;
        if (i === ids.length - 1) {
          fs.ftruncateSync(block.fd, at);
          loss.truncatedBytes += cut;
          options.logger.warn(
            `${block.path}: cut ${cut} bytes of a torn or corrupt record at ${at}`,
          );
        } else {
          loss.lostBytes += cut;
          options.logger.warn(`${block.path}: ${cut} unreadable bytes from ${at} skipped`);
        }
      }
      block.flushed = block.size = at;
    }
    this.#opened();
    return loss;
  }

  /**
   * Opens the blocks without reading them when the directory holds exactly
   * `expected` (the same ids, each file of the recorded size), as an index
   * snapshot recorded them; otherwise opens nothing and returns false.
   */
  adopt(expected: readonly { readonly id: number; readonly size: number }[]): boolean {
    const ids = this.#blockIds();
    if (ids.length !== expected.length) return false;
    for (let i = 0; i < ids.length; i++) {
      const { id, size } = expected[i];
      if (ids[i] !== id || fs.statSync(join(this.#dir, `${id}.blk`)).size !== size) return false;
    }
    for (const { id, size } of expected) {
      const block = this.#addBlock(id, 'r+');
      block.flushed = block.size = size;
    }
    this.#opened();
    return true;
  }

  #blockIds(): number[] {
    return fs
      .readdirSync(this.#dir)
      .map((name) => BLOCK_FILE.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** After the blocks are open: the current block and the sync timer. */
  #opened(): void {
    const options = this.#options;
    if (this.#blocks.length === 0) this.#addBlock(1, 'w+');
    this.#current = this.#blocks[this.#blocks.length - 1];
    if (!options.syncAlways && options.syncIntervalMs > 0) {
      this.#timer = setInterval(() => {
        this.#syncDirty();
      }, options.syncIntervalMs);
      this.#timer.unref();
    }
  }

  /** Every block has no stored message any more (the store dropped them all). */
  clearLive(): void {
    for (const block of this.#blocks) block.live = 0;
  }

  #addBlock(id: number, flags: string): Block {
    const path = join(this.#dir, `${id}.blk`);
    const block: Block = {
      id,
      path,
      fd: fs.openSync(path, flags),
      flushed: 0,
      size: 0,
      live: 0,
      dirty: false,
    };
    this.#blocks.push(block);
    this.#byId.set(id, block);
    return block;
  }

  get current(): Block {
    return this.#current;
  }

  block(id: number): Block {
    return this.#byId.get(id) as Block;
  }

  get blockCount(): number {
    return this.#blocks.length;
  }

  /** Bytes of all blocks on disk and pending. */
  get totalBytes(): number {
    let n = 0;
    for (const b of this.#blocks) n += b.size;
    return n;
  }

  /** Room for a record of `length` bytes in the current block and the buffer; its buffer offset. */
  #reserve(length: number): number {
    const current = this.#current;
    if (current.size > 0 && current.size + length > this.#options.blockSize) this.roll();
    if (this.#len + length > this.#buf.length) {
      this.flush();
      if (length > this.#buf.length) this.#buf = Buffer.allocUnsafe(length);
    }
    return this.#len;
  }

  #commit(length: number): number {
    const offset = this.#current.size;
    this.#len += length;
    this.#current.size += length;
    return offset;
  }

  /** Queue a MSG record; returns its offset in the current block (read `current` for the block). */
  writeMessage(
    seq: number,
    time: bigint,
    subject: string,
    subjectBytes: number,
    headers: Uint8Array | undefined,
    data: Uint8Array,
  ): number {
    const length = OVERHEAD + subjectBytes + (headers?.length ?? 0) + data.length;
    const at = this.#reserve(length);
    encodeMessage(this.#buf, at, seq, time, subject, subjectBytes, headers, data);
    return this.#commit(length);
  }

  /** Queue an operation record. */
  writeOp(type: RecordType, seq: number, time: bigint, arg = 0): void {
    const at = this.#reserve(OP_RECORD_SIZE);
    encodeOp(this.#buf, at, type, seq, time, arg);
    this.#commit(OP_RECORD_SIZE);
  }

  /** Hand the queued records to the OS now (and fsync with syncAlways). */
  flush(): void {
    if (this.#len === 0) return;
    const block = this.#current;
    try {
      let done = 0;
      while (done < this.#len) {
        done += fs.writeSync(block.fd, this.#buf, done, this.#len - done, block.flushed + done);
      }
      if (this.#options.syncAlways) fs.fsyncSync(block.fd);
    } catch (err) {
      this.failed ??= err;
      throw err;
    }
    block.flushed += this.#len;
    this.#len = 0;
    block.dirty = !this.#options.syncAlways;
  }

  /**
   * Resolves once what is queued now has been written: at the end of the
   * current turn, together with everything else queued in it (one write).
   */
  committed(): Promise<void> {
    this.#batch ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        this.#batch = undefined;
        try {
          this.flush();
          resolve();
        } catch (err) {
          this.failed ??= err;
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    return this.#batch;
  }

  /** Start a new block; the old one keeps its records (and fd, for reads). */
  roll(): void {
    this.flush();
    this.#current = this.#addBlock(this.#current.id + 1, 'w+');
  }

  /** Delete leading blocks with no stored message (never the current one); how many went. */
  dropEmptyFront(): number {
    let dropped = 0;
    while (this.#blocks.length > 1 && this.#blocks[0].live === 0) {
      const block = this.#blocks.shift() as Block;
      this.#byId.delete(block.id);
      fs.closeSync(block.fd);
      fs.unlinkSync(block.path);
      dropped++;
    }
    return dropped;
  }

  /** The record bytes at a location (a fresh buffer the caller may keep). */
  read(block: Block, offset: number, length: number): Buffer {
    if (offset + length > block.flushed) this.flush();
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(block.fd, buf, done, length - done, offset + done);
      if (n === 0) throw new Error(`${block.path}: short read at ${offset + done}`);
      done += n;
    }
    return buf;
  }

  /** Overwrite a MSG record's headers and data in place (erase). */
  scrub(block: Block, offset: number, length: number, fill: (bytes: Uint8Array) => void): void {
    const buf = this.read(block, offset, length);
    scrubMessage(buf, fill);
    fs.writeSync(block.fd, buf, 0, length, offset);
    if (this.#options.syncAlways) fs.fsyncSync(block.fd);
    else block.dirty = true;
  }

  #syncDirty(): void {
    for (const block of this.#blocks) {
      if (!block.dirty) continue;
      block.dirty = false;
      // Asynchronous: the periodic sync must not stall the event loop.
      fs.fsync(block.fd, () => undefined);
    }
  }

  /**
   * Flush, fsync and close every block. Returns each block's id and size as
   * they are on disk then (what an index snapshot is written over).
   */
  close(): { id: number; size: number }[] {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const closed = this.#blocks.map(({ id }) => ({ id, size: 0 }));
    try {
      this.flush();
    } finally {
      for (const [i, block] of this.#blocks.splice(0).entries()) {
        closed[i].size = block.size;
        try {
          if (block.dirty) fs.fsyncSync(block.fd);
        } finally {
          fs.closeSync(block.fd);
        }
      }
      this.#byId.clear();
    }
    return closed;
  }
}

/** Where each stored message's record is: block id, offset, length per sequence. */
export class LocationTable {
  static readonly #CHUNK = 1024;
  readonly #chunks = new Map<number, { slots: Int32Array; live: number }>();

  set(seq: number, block: number, offset: number, length: number): void {
    const key = Math.floor(seq / LocationTable.#CHUNK);
    let chunk = this.#chunks.get(key);
    if (chunk === undefined) {
      chunk = { slots: new Int32Array(LocationTable.#CHUNK * 3), live: 0 };
      this.#chunks.set(key, chunk);
    }
    const i = (seq % LocationTable.#CHUNK) * 3;
    chunk.slots[i] = block;
    chunk.slots[i + 1] = offset;
    chunk.slots[i + 2] = length;
    chunk.live++;
  }

  /** [block id, offset, length]; only for stored sequences. */
  get(seq: number): [number, number, number] {
    const chunk = this.#chunks.get(Math.floor(seq / LocationTable.#CHUNK));
    if (chunk === undefined) throw new Error(`no location for ${seq}`);
    const i = (seq % LocationTable.#CHUNK) * 3;
    return [chunk.slots[i], chunk.slots[i + 1], chunk.slots[i + 2]];
  }

  /** Block id of a stored sequence. */
  blockOf(seq: number): number {
    const chunk = this.#chunks.get(Math.floor(seq / LocationTable.#CHUNK));
    return chunk === undefined ? 0 : chunk.slots[(seq % LocationTable.#CHUNK) * 3];
  }

  /** Forget a stored sequence. */
  delete(seq: number): void {
    const key = Math.floor(seq / LocationTable.#CHUNK);
    const chunk = this.#chunks.get(key);
    if (chunk !== undefined && --chunk.live === 0) this.#chunks.delete(key);
  }

  clear(): void {
    this.#chunks.clear();
  }
}
