// FileStore's in-memory index: per stored sequence its subject, time and size
// (a SeqTable with no payload bytes) and where its record is (LocationTable),
// the per-subject sequences (SubjectIndex), and the stream's bounds. The state
// changes here are shared by live calls (file-store.ts, which also writes the
// records) and recovery, which replays the records through `replay`.

import { StoreQueries } from './memory-queries.js';
import { SeqTable } from './seq-table.js';
import { SubjectIndex, type SubjectEntry } from './subject-index.js';
import type { Block, BlockLog } from './file-store-blocks.js';
import { LocationTable } from './file-store-blocks.js';
import {
  RecordType,
  fileMessageSize,
  messageBody,
  type DecodedRecord,
} from './file-store-format.js';
import type { StoredMessage } from './types.js';

const NO_BYTES = new Uint8Array(0);

export class FileIndex {
  readonly msgs = new SeqTable();
  readonly locs = new LocationTable();
  readonly subjects = new SubjectIndex((seq) => this.msgs.has(seq));
  readonly queries: StoreQueries;
  first = 0;
  last = 0;
  firstTime = 0n;
  lastTime = 0n;
  bytes = 0;
  readonly #log: BlockLog;
  readonly #dir: string;

  constructor(log: BlockLog, dir: string) {
    this.#log = log;
    this.#dir = dir;
    // The queries read live state through getters.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.queries = new StoreQueries({
      table: this.msgs,
      subjects: this.subjects,
      get first() {
        return self.first;
      },
      get last() {
        return self.last;
      },
    });
  }

  replay(record: DecodedRecord, block: Block, offset: number): void {
    const { seq, time } = record;
    switch (record.type) {
      case RecordType.MSG: {
        const size = fileMessageSize(record.subjectBytes, record.headerBytes, record.dataBytes);
        if (seq <= this.last && this.msgs.size > 0) break; // cannot happen in a valid log
        this.add(seq, record.subject, time, size, block, offset, record.length);
        break;
      }
      case RecordType.DEL:
        if (this.msgs.has(seq)) {
          this.bytes -= this.forget(seq);
          if (seq === this.first) this.advanceFirst(seq + 1);
        }
        break;
      case RecordType.SKIP:
        this.applySkip(seq, record.arg, time);
        break;
      case RecordType.COMPACT:
        this.applyCompact(seq);
        break;
      case RecordType.TRUNCATE:
        this.applyTruncate(seq, time);
        break;
      case RecordType.BASE:
        this.applyCompact(seq);
        this.first = seq;
        this.last = record.arg;
        this.lastTime = time;
        this.firstTime = this.msgs.size === 0 ? 0n : this.msgs.time(seq);
        break;
    }
  }

  /** Index a message at seq (in `block` at `offset`); returns its subject's index entry. */
  add(
    seq: number,
    subject: string,
    time: bigint,
    size: number,
    block: Block,
    offset: number,
    length: number,
  ): SubjectEntry {
    const indexed = this.subjects.add(subject, seq);
    this.msgs.put(seq, indexed.subject, undefined, NO_BYTES, time, size);
    this.locs.set(seq, block.id, offset, length);
    block.live++;
    if (this.msgs.size === 1) {
      this.first = seq;
      this.firstTime = time;
    }
    this.bytes += size;
    this.last = seq;
    this.lastTime = time;
    return indexed;
  }

  /** Drop a stored message from the index; returns its size (bytes not adjusted). */
  forget(seq: number): number {
    const subject = this.msgs.subject(seq) as string;
    const size = this.msgs.sizeOf(seq);
    this.#log.block(this.locs.blockOf(seq)).live--;
    this.locs.delete(seq);
    this.msgs.delete(seq);
    this.subjects.remove(subject, seq);
    return size;
  }

  advanceFirst(from: number): void {
    const next = this.queries.nextLive(from);
    if (next === 0) {
      this.first = this.last + 1;
      this.firstTime = 0n;
    } else {
      this.first = next;
      this.firstTime = this.msgs.time(next);
    }
  }

  applySkip(seq: number, count: number, time: bigint): void {
    this.last = seq + count - 1;
    this.lastTime = time;
    if (this.msgs.size === 0) {
      this.first = this.last + 1;
      this.firstTime = time;
    }
  }

  /** Drop everything; first_seq = `first`, last_seq = `last`; returns [messages, bytes]. */
  applyDropAll(first: number, last: number): [number, number] {
    const dropped: [number, number] = [this.msgs.size, this.bytes];
    this.msgs.clear();
    this.subjects.clear();
    this.locs.clear();
    this.#log.clearLive();
    this.bytes = 0;
    this.first = first;
    this.last = last;
    this.firstTime = 0n;
    return dropped;
  }

  /** Remove everything below seq (seq past last_seq: empty, next append gets seq). */
  applyCompact(seq: number): [number, number] {
    if (seq > this.last) return this.applyDropAll(seq, seq - 1);
    let purged = 0;
    let bytes = 0;
    for (const s of this.queries.liveSeqs(this.first, seq - 1)) {
      bytes += this.forget(s);
      purged++;
    }
    if (purged > 0) {
      this.bytes -= bytes;
      this.advanceFirst(seq);
    }
    return [purged, bytes];
  }

  /** Remove everything above seq; last_seq = seq (0: empty, first = last = 0). */
  applyTruncate(seq: number, time: bigint): [number, number] {
    if (seq === 0) {
      const dropped = this.applyDropAll(0, 0);
      this.lastTime = time;
      return dropped;
    }
    let purged = 0;
    let bytes = 0;
    for (const s of this.queries.liveSeqs(seq + 1, this.last)) {
      bytes += this.forget(s);
      purged++;
    }
    this.bytes -= bytes;
    this.last = seq;
    this.lastTime = time;
    return [purged, bytes];
  }

  message(seq: number, subject: string): StoredMessage {
    const [id, offset, length] = this.locs.get(seq);
    const body = messageBody(this.#log.read(this.#log.block(id), offset, length));
    if (body === undefined) throw new Error(`${this.#dir}: corrupt record for sequence ${seq}`);
    const view = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);
    return {
      subject,
      seq,
      headers: body.headers === undefined ? undefined : view(body.headers),
      data: view(body.data),
      time: this.msgs.time(seq),
    };
  }
}
