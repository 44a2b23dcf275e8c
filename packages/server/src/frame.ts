import { decimalDigits, utf8Length, writeDecimal, writeString } from '@tsnats/codec';
import type { Message } from './subscription.js';

const CR = 13;
const LF = 10;
const SPACE = 32;
const MSG = [77, 83, 71, 32];
const HMSG = [72, 77, 83, 71, 32];

/**
 * Bytes kept between messages and rewritten in place, so framing a message
 * allocates nothing (a Buffer.from per part cost ~100 ns each in fan-out).
 */
class Part {
  // A Buffer, as the sid bytes and the outbound buffer are: copyShort's loop
  // then sees one kind of array (a mix made its element loads polymorphic).
  bytes = Buffer.alloc(64);
  length = 0;

  /** The buffer, with room for `n` bytes (its contents are not kept). */
  room(n: number): Uint8Array {
    if (this.bytes.length < n) this.bytes = Buffer.alloc(Math.max(n, this.bytes.length * 2));
    return this.bytes;
  }
}

/** The parts of MSG (or HMSG) frames around the sid, and what they were made from. */
class Parts {
  /** `MSG <subject> ` or `HMSG <subject> `. */
  readonly prefix = new Part();
  /** ` [<reply> ][<header size> ]<total size>\r\n`. */
  readonly suffix = new Part();
  /** Header block and payload, counted in the frame length. */
  body = 0;
  /** Whether the parts are for the current message. */
  ready = false;
  // What the parts were encoded from: the next message often has the same.
  #subject: string | undefined;
  #reply: string | undefined;
  #headerSize = -2;
  #total = -1;

  constructor(readonly op: readonly number[]) {}

  update(subject: string, reply: string | undefined, headerSize: number, total: number): void {
    this.ready = true;
    this.body = total;
    if (subject !== this.#subject) {
      this.#subject = subject;
      const op = this.op;
      const target = this.prefix.room(op.length + utf8Length(subject) + 1);
      for (let i = 0; i < op.length; i++) target[i] = op[i];
      const end = writeString(target, op.length, subject);
      target[end] = SPACE;
      this.prefix.length = end + 1;
    }
    if (reply !== this.#reply || headerSize !== this.#headerSize || total !== this.#total) {
      this.#reply = reply;
      this.#headerSize = headerSize;
      this.#total = total;
      const target = this.suffix.room(
        (reply === undefined ? 0 : utf8Length(reply) + 1) +
          (headerSize < 0 ? 0 : decimalDigits(headerSize) + 1) +
          decimalDigits(total) +
          3,
      );
      let pos = 0;
      if (reply !== undefined) {
        target[pos++] = SPACE;
        pos = writeString(target, pos, reply);
      }
      if (headerSize >= 0) {
        target[pos++] = SPACE;
        pos = writeDecimal(target, pos, headerSize);
      }
      target[pos++] = SPACE;
      pos = writeDecimal(target, pos, total);
      target[pos++] = CR;
      target[pos++] = LF;
      this.suffix.length = pos;
    }
  }
}

/** Copies `source[0, length)` to `target` at `offset`; a loop beats `set` on a few bytes. */
function copyShort(target: Uint8Array, offset: number, source: Uint8Array, length: number): void {
  if (length > 32) {
    target.set(source.subarray(0, length), offset);
    return;
  }
  for (let i = 0; i < length; i++) target[offset + i] = source[i];
}

/**
 * One message's MSG/HMSG frame, encoded once for all its subscribers: only the
 * sid differs between them. Fan-out then costs a few copies per subscriber
 * instead of measuring and writing the subject and sizes again each time.
 */
export class MessageFrame {
  message: Message | undefined;
  readonly #plain = new Parts(MSG);
  readonly #withHeaders = new Parts(HMSG);

  reset(message: Message): this {
    this.message = message;
    this.#plain.ready = false;
    this.#withHeaders.ready = false;
    return this;
  }

  /** Bytes of the frame for one subscription id; `withHeaders` false strips the header block. */
  length(sid: Uint8Array, withHeaders: boolean): number {
    const parts = this.#parts(withHeaders);
    return parts.prefix.length + sid.length + parts.suffix.length + parts.body + 2;
  }

  /** Writes the frame at `offset`, which must have `length(sid, withHeaders)` bytes of room. */
  write(target: Uint8Array, offset: number, sid: Uint8Array, withHeaders: boolean): void {
    const message = this.message as Message;
    const { prefix, suffix } = this.#parts(withHeaders);
    let pos = offset;
    copyShort(target, pos, prefix.bytes, prefix.length);
    pos += prefix.length;
    copyShort(target, pos, sid, sid.length);
    pos += sid.length;
    copyShort(target, pos, suffix.bytes, suffix.length);
    pos += suffix.length;
    if (withHeaders && message.headers !== undefined) {
      target.set(message.headers, pos);
      pos += message.headers.length;
    }
    target.set(message.payload, pos);
    pos += message.payload.length;
    target[pos] = CR;
    target[pos + 1] = LF;
  }

  #parts(withHeaders: boolean): Parts {
    const message = this.message as Message;
    const headers = withHeaders ? message.headers : undefined;
    const parts = headers === undefined ? this.#plain : this.#withHeaders;
    if (!parts.ready) {
      const size = message.payload.length;
      if (headers === undefined) parts.update(message.subject, message.reply, -1, size);
      else parts.update(message.subject, message.reply, headers.length, headers.length + size);
    }
    return parts;
  }
}
