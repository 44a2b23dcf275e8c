import type { Message } from './subscription.js';

const CR = 13;
const LF = 10;

interface Parts {
  /** `MSG <subject> ` or `HMSG <subject> `. */
  prefix: Buffer;
  /** ` [<reply> ][<header size> ]<total size>\r\n`. */
  suffix: Buffer;
  /** Header block and payload, counted in the frame length. */
  body: number;
}

/**
 * One message's MSG/HMSG frame, encoded once for all its subscribers: only the
 * sid differs between them. Fan-out then costs a few copies per subscriber
 * instead of measuring and writing the subject and sizes again each time.
 */
export class MessageFrame {
  message: Message | undefined;
  #plain: Parts | undefined;
  #withHeaders: Parts | undefined;

  reset(message: Message): this {
    this.message = message;
    this.#plain = undefined;
    this.#withHeaders = undefined;
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
    const parts = this.#parts(withHeaders);
    let pos = offset;
    target.set(parts.prefix, pos);
    pos += parts.prefix.length;
    target.set(sid, pos);
    pos += sid.length;
    target.set(parts.suffix, pos);
    pos += parts.suffix.length;
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
    if (headers === undefined) {
      return (this.#plain ??= {
        prefix: Buffer.from(`MSG ${message.subject} `),
        suffix: Buffer.from(
          `${message.reply === undefined ? '' : ` ${message.reply}`} ${message.payload.length}\r\n`,
        ),
        body: message.payload.length,
      });
    }
    const total = headers.length + message.payload.length;
    return (this.#withHeaders ??= {
      prefix: Buffer.from(`HMSG ${message.subject} `),
      suffix: Buffer.from(
        `${message.reply === undefined ? '' : ` ${message.reply}`} ${headers.length} ${total}\r\n`,
      ),
      body: total,
    });
  }
}
