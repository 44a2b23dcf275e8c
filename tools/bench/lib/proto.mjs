// The raw NATS protocol as the generator speaks it: pre-encoded PUB batches with a
// sequence number stamped into each payload, and a reader that counts MSG frames
// without building an op object per message.
import { encodeConnect, encodePub, encodeSub } from '@tsnats/codec';

export const PING = Buffer.from('PING\r\n');
export const PONG = Buffer.from('PONG\r\n');

// Shared control cells between a publisher and the subscribers of its scenario.
export const CTL_PROGRESS = 0; // messages every subscriber has (min) or all have (sum)
export const CTL_GENERATION = 1; // bumped after every read, to wake a waiting publisher
export const CTL_WAITING = 2; // 1 while the publisher waits for progress
export const CTL_CELLS = 4;

/** Bytes a batch aims at: one socket write. */
export const BATCH_BYTES = 64 * 1024;

export function connectFrame(name, extra = {}) {
  const options = {
    verbose: false,
    pedantic: false,
    tls_required: false,
    echo: false,
    name,
    lang: 'tsnats-bench',
    version: '0.1.0',
    protocol: 1,
    ...extra,
  };
  return Buffer.from(encodeConnect(options));
}

export function subFrame(subject, sid, queue) {
  return Buffer.from(encodeSub(subject, sid, queue));
}

/** A payload of `size` bytes: 'x' filler; the first 4 bytes are overwritten by the sequence. */
export function payloadOf(size) {
  return Buffer.alloc(size, 0x78);
}

/**
 * Batches of identical frames (PUB from a client, or MSG from the sink's source) whose
 * payloads carry a little-endian uint32 sequence number in their first 4 bytes.
 * `take()` returns a buffer stamped with the next sequence numbers; `give(buffer)`
 * returns it once the socket is done with it (its write callback ran).
 */
export class FrameBatches {
  /**
   * @param {Buffer} frame one encoded frame
   * @param {number} payloadOffset where the payload starts in the frame
   * @param {number} payloadSize
   */
  constructor(frame, payloadOffset, payloadSize, batchBytes = BATCH_BYTES) {
    this.frame = frame;
    this.frameLength = frame.length;
    this.perBatch = Math.max(1, Math.floor(batchBytes / frame.length));
    this.payloadOffset = payloadOffset;
    this.stamp = payloadSize >= 4;
    this.next = 0;
    this.free = [];
    this.allocated = 0;
  }

  static pub(subject, payloadSize, batchBytes) {
    const frame = Buffer.from(encodePub(subject, payloadOf(payloadSize)));
    return new FrameBatches(frame, frame.length - payloadSize - 2, payloadSize, batchBytes);
  }

  static msg(subject, sid, payloadSize, batchBytes) {
    const line = Buffer.from(`MSG ${subject} ${sid} ${payloadSize}\r\n`);
    const frame = Buffer.concat([line, payloadOf(payloadSize), Buffer.from('\r\n')]);
    return new FrameBatches(frame, line.length, payloadSize, batchBytes);
  }

  take() {
    let buffer = this.free.pop();
    if (buffer === undefined) {
      buffer = Buffer.allocUnsafe(this.perBatch * this.frameLength);
      for (let i = 0; i < this.perBatch; i++) this.frame.copy(buffer, i * this.frameLength);
      this.allocated++;
    }
    if (this.stamp) {
      let seq = this.next;
      const step = this.frameLength;
      for (let at = this.payloadOffset; at < buffer.length; at += step) {
        buffer[at] = seq & 0xff;
        buffer[at + 1] = (seq >>> 8) & 0xff;
        buffer[at + 2] = (seq >>> 16) & 0xff;
        buffer[at + 3] = (seq >>> 24) & 0xff;
        seq++;
      }
    }
    this.next += this.perBatch;
    return buffer;
  }

  give(buffer) {
    this.free.push(buffer);
  }
}

const M = 0x4d;
const P = 0x50;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const CARRY_WINDOW = 16 * 1024;

/**
 * Reads what a server sends to one connection. MSG frames are counted; after the
 * first one, frames of the same shape (same control line length and size) take a fast
 * path that checks a few bytes and jumps a whole frame. Everything else (PING, PONG,
 * +OK, -ERR, INFO, MSG of another shape) goes through a real control-line parse, so a
 * misaligned or malformed stream is an error, not a miscount.
 *
 * Sequence checks: 'order' expects 0, 1, 2 ... (one publisher, one subscriber);
 * 'bitmap' marks each sequence in a shared bit set and counts duplicates (queue groups);
 * 'none' only counts.
 */
export class MsgReader {
  constructor(options = {}) {
    this.check = options.check ?? 'none';
    this.bitmap = options.bitmap;
    this.onPing = options.onPing ?? (() => {});
    this.onPong = options.onPong ?? (() => {});
    this.onInfo = options.onInfo ?? (() => {});
    this.onErr = options.onErr ?? (() => {});
    /**
     * Called for each MSG on the slow path only when set: (subject, sid, reply, buf,
     * payloadStart, size, headerSize). HMSG frames (headerSize > 0, the headers start at
     * payloadStart) are accepted only when it is set.
     */
    this.onMsg = options.onMsg;
    this.count = 0;
    this.bytes = 0;
    this.expected = 0;
    this.orderErrors = 0;
    this.duplicates = 0;
    this.firstError = undefined;
    this.carry = undefined;
    // Fast path shape: frame length, control line length, last digit of the size.
    this.frameLength = 0;
    this.lineLength = 0;
    this.sizeDigit = 0;
  }

  /** Feeds one chunk; returns false after a protocol error (see firstError). */
  feed(chunk) {
    this.bytes += chunk.length;
    if (this.firstError !== undefined) return false;
    let buffer = chunk;
    let offset = 0;
    if (this.carry !== undefined) {
      const carry = this.carry;
      this.carry = undefined;
      // Finish the frame split across reads with a small copy, then go on in the chunk.
      const take = Math.min(chunk.length, CARRY_WINDOW);
      const joined = Buffer.concat([carry, chunk.subarray(0, take)]);
      const end = this.#scan(joined, 0, carry.length);
      if (end < 0) return false;
      if (end < carry.length) {
        if (take === chunk.length) {
          this.carry = Buffer.from(joined.subarray(end));
          return true;
        }
        // A frame longer than the window: parse on from the same place in the whole chunk.
        buffer = Buffer.concat([carry, chunk]);
        offset = end;
      } else {
        offset = end - carry.length;
      }
    }
    const end = this.#scan(buffer, offset, buffer.length);
    if (end < 0) return false;
    if (end < buffer.length) this.carry = Buffer.from(buffer.subarray(end));
    return true;
  }

  /**
   * Handles the frames that start before `stop`. Returns where the first incomplete
   * frame starts (or the end), or -1 on a protocol error.
   */
  #scan(buf, offset, stop) {
    const length = buf.length;
    while (offset < stop) {
      const frameLength = this.frameLength;
      if (
        frameLength > 0 &&
        offset + frameLength <= length &&
        buf[offset] === M &&
        buf[offset + this.lineLength - 1] === LF &&
        buf[offset + this.lineLength - 3] === this.sizeDigit &&
        buf[offset + frameLength - 1] === LF &&
        buf[offset + frameLength - 2] === CR
      ) {
        this.#message(buf, offset + this.lineLength);
        offset += frameLength;
        continue;
      }
      const next = this.#slow(buf, offset);
      if (next === -1) return -1;
      if (next === -2) return offset; // incomplete
      offset = next;
    }
    return offset;
  }

  #message(buf, payloadAt) {
    this.count++;
    const check = this.check;
    if (check === 'none') return;
    const seq =
      (buf[payloadAt] |
        (buf[payloadAt + 1] << 8) |
        (buf[payloadAt + 2] << 16) |
        (buf[payloadAt + 3] << 24)) >>>
      0;
    if (check === 'order') {
      if (seq !== this.expected) {
        if (this.orderErrors === 0) this.firstOrderError = { expected: this.expected, got: seq };
        this.orderErrors++;
      }
      this.expected = seq + 1;
    } else {
      const bitmap = this.bitmap;
      const word = seq >>> 5;
      const bit = 1 << (seq & 31);
      if (word >= bitmap.length || (bitmap[word] & bit) !== 0) this.duplicates++;
      else bitmap[word] |= bit;
    }
  }

  /** Parses one frame the long way: next offset, -2 when incomplete, -1 on error. */
  #slow(buf, offset) {
    const newline = buf.indexOf(LF, offset);
    if (newline < 0) {
      if (buf.length - offset > 4096) return this.#fail('control line too long');
      return -2;
    }
    const lineEnd = buf[newline - 1] === CR ? newline - 1 : newline;
    const first = buf[offset];
    if ((first === 0x48 || first === 0x68) && this.onMsg !== undefined) {
      // HMSG <subject> <sid> [reply] <header size> <total size>
      const words = splitWords(buf, offset, lineEnd);
      if (words.length !== 10 && words.length !== 12) return this.#fail('bad HMSG line');
      const at = words.length - 4;
      const headerSize = parseSize(buf, words[at], words[at + 1]);
      const size = parseSize(buf, words[at + 2], words[at + 3]);
      if (headerSize < 0 || size < headerSize) return this.#fail('bad HMSG sizes');
      const payloadAt = newline + 1;
      const next = payloadAt + size + 2;
      if (next > buf.length) return -2;
      if (buf[next - 2] !== CR || buf[next - 1] !== LF)
        return this.#fail('payload not followed by CRLF');
      const subject = buf.toString('latin1', words[2], words[3]);
      const sid = buf.toString('latin1', words[4], words[5]);
      const reply = words.length === 12 ? buf.toString('latin1', words[6], words[7]) : undefined;
      this.count++;
      this.onMsg(subject, sid, reply, buf, payloadAt, size, headerSize);
      return next;
    }
    if (first === M || first === 0x6d) {
      // MSG <subject> <sid> [reply] <size>
      const words = splitWords(buf, offset, lineEnd);
      if (words.length !== 8 && words.length !== 10) return this.#fail('bad MSG line');
      const size = parseSize(buf, words[words.length - 2], words[words.length - 1]);
      if (size < 0) return this.#fail('bad MSG size');
      const payloadAt = newline + 1;
      const next = payloadAt + size + 2;
      if (next > buf.length) return -2;
      if (buf[next - 2] !== CR || buf[next - 1] !== LF)
        return this.#fail('payload not followed by CRLF');
      if (this.onMsg !== undefined) {
        const subject = buf.toString('latin1', words[2], words[3]);
        const sid = buf.toString('latin1', words[4], words[5]);
        const reply = words.length === 10 ? buf.toString('latin1', words[6], words[7]) : undefined;
        this.count++;
        this.onMsg(subject, sid, reply, buf, payloadAt, size, 0);
      } else {
        this.#message(buf, payloadAt);
        // Same shape next time: take the fast path.
        this.frameLength = next - offset;
        this.lineLength = payloadAt - offset;
        this.sizeDigit = buf[lineEnd - 1];
      }
      return next;
    }
    const name = buf.toString('latin1', offset, Math.min(lineEnd, offset + 5)).toUpperCase();
    if (first === P || first === 0x70) {
      if (name.startsWith('PING')) this.onPing();
      else if (name.startsWith('PONG')) this.onPong();
      else return this.#fail(`unexpected line ${buf.toString('latin1', offset, lineEnd)}`);
    } else if (name.startsWith('+OK')) {
      // verbose is off; ignore
    } else if (name.startsWith('-ERR')) {
      this.onErr(buf.toString('latin1', offset, lineEnd));
    } else if (name.startsWith('INFO')) {
      this.onInfo(buf.toString('latin1', offset + 5, lineEnd));
    } else {
      return this.#fail(
        `unexpected line ${buf.toString('latin1', offset, Math.min(lineEnd, offset + 80))}`,
      );
    }
    return newline + 1;
  }

  #fail(message) {
    this.firstError ??= message;
    return -1;
  }
}

/** Start/end offsets of the space-separated words of a line, flattened. */
function splitWords(buf, start, end) {
  const words = [];
  let i = start;
  while (i < end) {
    while (i < end && (buf[i] === SPACE || buf[i] === 0x09)) i++;
    if (i >= end) break;
    const from = i;
    while (i < end && buf[i] !== SPACE && buf[i] !== 0x09) i++;
    words.push(from, i);
  }
  return words;
}

function parseSize(buf, start, end) {
  if (end - start < 1 || end - start > 9) return -1;
  let size = 0;
  for (let i = start; i < end; i++) {
    const digit = buf[i] - 0x30;
    if (digit < 0 || digit > 9) return -1;
    size = size * 10 + digit;
  }
  return size;
}

/** A bit set big enough for `count` sequence numbers. */
export function newBitmap(count, shared = false) {
  const words = Math.ceil(count / 32);
  return shared ? new Int32Array(new SharedArrayBuffer(words * 4)) : new Int32Array(words);
}

/** How many sequence numbers below `count` are marked. */
export function countMarked(bitmap, count) {
  let marked = 0;
  const full = count >>> 5;
  for (let word = 0; word < full; word++) marked += popcount(bitmap[word]);
  for (let seq = full * 32; seq < count; seq++) {
    if ((bitmap[seq >>> 5] & (1 << (seq & 31))) !== 0) marked++;
  }
  return marked;
}

function popcount(value) {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
