// FileStore's index snapshot, `index.snap`: what recovery would rebuild from
// the block files (every stored message's subject, time, size and location,
// and the stream's bounds), written at a clean stop so the next open reads
// one compact file instead of decoding every record. It is trusted only for
// the blocks it was written over: the same block files, each of the size it
// recorded, and a CRC that checks out. The file is removed as it is read, so
// a store that then crashes recovers from its records as before.
//
// Layout (little-endian): "TSIX", version u32, first f64, last f64, firstTime
// i64, lastTime i64, lost bytes f64, block count u32 and per block id u32 +
// size f64, subject count u32 and per subject UTF-8 length u16 + bytes, message
// count u32 and per message seq f64, subject index u32, time i64, size u32,
// block id u32, offset u32, length u32; then the CRC-32 of all that, u32.

import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { crc32 } from './file-store-format.js';
import type { FileIndex } from './file-store-index.js';

const MAGIC = 0x58495354; // "TSIX" read as a little-endian u32
const VERSION = 1;
const MESSAGE_BYTES = 8 + 4 + 8 + 4 + 4 + 4 + 4;
const MAX_SUBJECT_BYTES = 0xffff;

export interface SnapshotBlock {
  readonly id: number;
  readonly size: number;
}

export interface IndexSnapshot {
  readonly first: number;
  readonly last: number;
  readonly firstTime: bigint;
  readonly lastTime: bigint;
  readonly lostBytes: number;
  readonly blocks: readonly SnapshotBlock[];
  readonly subjects: readonly string[];
  /** MESSAGE_BYTES per message, as laid out above. */
  readonly messages: Buffer;
  readonly count: number;
}

export function snapshotPath(dir: string): string {
  return join(dir, 'index.snap');
}

/**
 * Writes the snapshot of `ix` over `blocks` (temp file, then rename). Returns
 * false, writing nothing, when a subject is too long for the format.
 */
export function writeIndexSnapshot(
  dir: string,
  ix: FileIndex,
  blocks: readonly SnapshotBlock[],
  lostBytes: number,
): boolean {
  const subjectIds = new Map<string, number>();
  const subjectBytes: Buffer[] = [];
  const seqs = ix.queries.liveSeqs(ix.first, ix.last);
  const messages = Buffer.allocUnsafe(seqs.length * MESSAGE_BYTES);
  let at = 0;
  for (const seq of seqs) {
    const subject = ix.msgs.subject(seq) as string;
    let id = subjectIds.get(subject);
    if (id === undefined) {
      const bytes = Buffer.from(subject);
      if (bytes.length > MAX_SUBJECT_BYTES) return false;
      id = subjectBytes.length;
      subjectIds.set(subject, id);
      subjectBytes.push(bytes);
    }
    const [block, offset, length] = ix.locs.get(seq);
    at = messages.writeDoubleLE(seq, at);
    at = messages.writeUInt32LE(id, at);
    at = messages.writeBigInt64LE(ix.msgs.time(seq), at);
    at = messages.writeUInt32LE(ix.msgs.sizeOf(seq), at);
    at = messages.writeUInt32LE(block, at);
    at = messages.writeUInt32LE(offset, at);
    at = messages.writeUInt32LE(length, at);
  }
  const head = Buffer.allocUnsafe(4 + 4 + 8 + 8 + 8 + 8 + 8 + 4 + blocks.length * 12 + 4);
  let h = head.writeUInt32LE(MAGIC, 0);
  h = head.writeUInt32LE(VERSION, h);
  h = head.writeDoubleLE(ix.first, h);
  h = head.writeDoubleLE(ix.last, h);
  h = head.writeBigInt64LE(ix.firstTime, h);
  h = head.writeBigInt64LE(ix.lastTime, h);
  h = head.writeDoubleLE(lostBytes, h);
  h = head.writeUInt32LE(blocks.length, h);
  for (const block of blocks) {
    h = head.writeUInt32LE(block.id, h);
    h = head.writeDoubleLE(block.size, h);
  }
  head.writeUInt32LE(subjectBytes.length, h);
  const subjects = Buffer.allocUnsafe(
    subjectBytes.reduce((total, bytes) => total + 2 + bytes.length, 0) + 4,
  );
  let s = 0;
  for (const bytes of subjectBytes) {
    s = subjects.writeUInt16LE(bytes.length, s);
    s += bytes.copy(subjects, s);
  }
  subjects.writeUInt32LE(seqs.length, s);
  const body = Buffer.concat([head, subjects, messages]);
  const crc = Buffer.allocUnsafe(4);
  crc.writeUInt32LE(crc32(body), 0);
  const path = snapshotPath(dir);
  const temp = `${path}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, body);
    fs.writeSync(fd, crc);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, path);
  return true;
}

/**
 * Reads and removes the snapshot in `dir`. Undefined when there is none or it
 * does not check out (what the caller then does is recover from the records).
 */
export function takeIndexSnapshot(dir: string): IndexSnapshot | undefined {
  const path = snapshotPath(dir);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch {
    return undefined;
  }
  fs.rmSync(path, { force: true });
  fs.rmSync(`${path}.tmp`, { force: true });
  try {
    return parse(bytes);
  } catch {
    // Cut short: the bounds checks of Buffer's readers threw.
    return undefined;
  }
}

function parse(bytes: Buffer): IndexSnapshot | undefined {
  if (bytes.length < 8) return undefined;
  const body = bytes.subarray(0, bytes.length - 4);
  if (crc32(body) !== bytes.readUInt32LE(bytes.length - 4)) return undefined;
  if (body.readUInt32LE(0) !== MAGIC || body.readUInt32LE(4) !== VERSION) return undefined;
  let at = 8;
  const first = body.readDoubleLE(at);
  const last = body.readDoubleLE((at += 8));
  const firstTime = body.readBigInt64LE((at += 8));
  const lastTime = body.readBigInt64LE((at += 8));
  const lostBytes = body.readDoubleLE((at += 8));
  const blockCount = body.readUInt32LE((at += 8));
  at += 4;
  const blocks: SnapshotBlock[] = [];
  for (let i = 0; i < blockCount; i++, at += 12) {
    blocks.push({ id: body.readUInt32LE(at), size: body.readDoubleLE(at + 4) });
  }
  const subjectCount = body.readUInt32LE(at);
  at += 4;
  const subjects: string[] = [];
  for (let i = 0; i < subjectCount; i++) {
    const length = body.readUInt16LE(at);
    subjects.push(body.toString('utf8', at + 2, at + 2 + length));
    at += 2 + length;
  }
  const count = body.readUInt32LE(at);
  at += 4;
  if (body.length - at !== count * MESSAGE_BYTES) return undefined;
  const messages = body.subarray(at);
  return { first, last, firstTime, lastTime, lostBytes, blocks, subjects, messages, count };
}

/** Calls `add` for each message of `snapshot`, in sequence order. */
export function forEachSnapshotMessage(
  snapshot: IndexSnapshot,
  add: (
    seq: number,
    subject: string,
    time: bigint,
    size: number,
    block: number,
    offset: number,
    length: number,
  ) => void,
): void {
  const m = snapshot.messages;
  for (let i = 0, at = 0; i < snapshot.count; i++, at += MESSAGE_BYTES) {
    add(
      m.readDoubleLE(at),
      snapshot.subjects[m.readUInt32LE(at + 8)],
      m.readBigInt64LE(at + 12),
      m.readUInt32LE(at + 20),
      m.readUInt32LE(at + 24),
      m.readUInt32LE(at + 28),
      m.readUInt32LE(at + 32),
    );
  }
}
