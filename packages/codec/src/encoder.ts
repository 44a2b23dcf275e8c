import { decimalDigits, encodeString, utf8Length, writeDecimal, writeString } from './bytes.js';
import type { ConnectOptions, ServerInfo } from './json.js';
import type { Op } from './ops.js';

// Fixed frames are encoded once and shared; callers must not modify them.
export const PING_FRAME: Uint8Array = encodeString('PING\r\n');
export const PONG_FRAME: Uint8Array = encodeString('PONG\r\n');
export const OK_FRAME: Uint8Array = encodeString('+OK\r\n');

const CRLF_LENGTH = 2;

/**
 * A control line under construction: its tokens (strings or sizes) are measured
 * first, then written into one buffer of exactly the right size together with
 * the optional header block and payload.
 */
class FrameBuilder {
  readonly #tokens: (string | number)[] = [];
  #length = 0;

  add(token: string | number): this {
    if (this.#tokens.length > 0) this.#length += 1;
    this.#length += typeof token === 'number' ? decimalDigits(token) : utf8Length(token);
    this.#tokens.push(token);
    return this;
  }

  build(headers?: Uint8Array, payload?: Uint8Array): Uint8Array {
    const bodyLength =
      payload === undefined ? 0 : (headers?.length ?? 0) + payload.length + CRLF_LENGTH;
    const frame = new Uint8Array(this.#length + CRLF_LENGTH + bodyLength);
    let pos = 0;
    for (let i = 0; i < this.#tokens.length; i++) {
      if (i > 0) frame[pos++] = 32;
      const token = this.#tokens[i];
      pos =
        typeof token === 'number'
          ? writeDecimal(frame, pos, token)
          : writeString(frame, pos, token);
    }
    frame[pos++] = 13;
    frame[pos++] = 10;
    if (payload !== undefined) writeBody(frame, pos, headers, payload);
    return frame;
  }
}

/** The body after a message's control line: header block, payload, CRLF. Returns the end. */
function writeBody(
  target: Uint8Array,
  pos: number,
  headers: Uint8Array | undefined,
  payload: Uint8Array,
): number {
  if (headers !== undefined) {
    target.set(headers, pos);
    pos += headers.length;
  }
  target.set(payload, pos);
  pos += payload.length;
  target[pos++] = 13;
  target[pos++] = 10;
  return pos;
}

function line(op: string): FrameBuilder {
  return new FrameBuilder().add(op);
}

export function encodeInfo(info: ServerInfo): Uint8Array {
  return line('INFO').add(JSON.stringify(info)).build();
}

export function encodeConnect(options: ConnectOptions): Uint8Array {
  return line('CONNECT').add(JSON.stringify(options)).build();
}

export function encodePub(subject: string, payload: Uint8Array, reply?: string): Uint8Array {
  const frame = line('PUB').add(subject);
  if (reply !== undefined) frame.add(reply);
  return frame.add(payload.length).build(undefined, payload);
}

export function encodeHpub(
  subject: string,
  headers: Uint8Array,
  payload: Uint8Array,
  reply?: string,
): Uint8Array {
  const frame = line('HPUB').add(subject);
  if (reply !== undefined) frame.add(reply);
  return frame
    .add(headers.length)
    .add(headers.length + payload.length)
    .build(headers, payload);
}

export function encodeSub(subject: string, sid: string, queue?: string): Uint8Array {
  const frame = line('SUB').add(subject);
  if (queue !== undefined) frame.add(queue);
  return frame.add(sid).build();
}

export function encodeUnsub(sid: string, max?: number): Uint8Array {
  const frame = line('UNSUB').add(sid);
  if (max !== undefined) frame.add(max);
  return frame.build();
}

/** `-ERR '<message>'`, as nats-server quotes it. */
export function encodeErr(message: string): Uint8Array {
  return line('-ERR').add(`'${message}'`).build();
}

/** Bytes the `MSG` (or `HMSG`, when `headers` is given) frame `writeMsg` writes takes. */
export function msgFrameLength(
  subject: string,
  sid: string,
  reply: string | undefined,
  headers: Uint8Array | undefined,
  payloadLength: number,
): number {
  const total = (headers?.length ?? 0) + payloadLength;
  // "MSG " | "HMSG ", subject, " ", sid, " ", [reply, " "], [header size, " "], total, CRLF
  let length = 4 + utf8Length(subject) + 1 + utf8Length(sid) + 1;
  if (reply !== undefined) length += utf8Length(reply) + 1;
  if (headers !== undefined) length += 1 + decimalDigits(headers.length) + 1;
  return length + decimalDigits(total) + CRLF_LENGTH + total + CRLF_LENGTH;
}

/**
 * Writes a whole MSG (or HMSG when `headers` is given) frame into `target`
 * at `offset`, which must have `msgFrameLength(...)` bytes of room; returns the
 * offset after it. This is the delivery hot path: no allocation.
 */
export function writeMsg(
  target: Uint8Array,
  offset: number,
  subject: string,
  sid: string,
  reply: string | undefined,
  headers: Uint8Array | undefined,
  payload: Uint8Array,
): number {
  let pos = offset;
  if (headers !== undefined) target[pos++] = 72; // H
  target[pos++] = 77; // M
  target[pos++] = 83; // S
  target[pos++] = 71; // G
  target[pos++] = 32;
  pos = writeString(target, pos, subject);
  target[pos++] = 32;
  pos = writeString(target, pos, sid);
  target[pos++] = 32;
  if (reply !== undefined) {
    pos = writeString(target, pos, reply);
    target[pos++] = 32;
  }
  if (headers !== undefined) {
    pos = writeDecimal(target, pos, headers.length);
    target[pos++] = 32;
  }
  pos = writeDecimal(target, pos, (headers?.length ?? 0) + payload.length);
  target[pos++] = 13;
  target[pos++] = 10;
  return writeBody(target, pos, headers, payload);
}

/** A MSG frame, or HMSG when `headers` is given. */
export function encodeMsg(
  subject: string,
  sid: string,
  payload: Uint8Array,
  reply?: string,
  headers?: Uint8Array,
): Uint8Array {
  const frame = new Uint8Array(msgFrameLength(subject, sid, reply, headers, payload.length));
  writeMsg(frame, 0, subject, sid, reply, headers, payload);
  return frame;
}

/**
 * A message between servers: `RMSG`, or `HMSG <account> ...` when it has headers.
 * With queue groups the reply goes after a `+` indicator, and `|` marks "no reply".
 */
export function encodeRmsg(
  account: string,
  subject: string,
  payload: Uint8Array,
  options: { reply?: string; queues?: readonly string[]; headers?: Uint8Array } = {},
): Uint8Array {
  const { reply, queues, headers } = options;
  const frame = line(headers !== undefined ? 'HMSG' : 'RMSG')
    .add(account)
    .add(subject);
  if (queues !== undefined && queues.length > 0) {
    if (reply !== undefined) frame.add('+').add(reply);
    else frame.add('|');
    for (const queue of queues) frame.add(queue);
  } else if (reply !== undefined) {
    frame.add(reply);
  }
  if (headers !== undefined) frame.add(headers.length);
  frame.add((headers?.length ?? 0) + payload.length);
  return frame.build(headers, payload);
}

function interest(
  op: string,
  leadingFields: readonly string[],
  subject: string,
  queue: string | undefined,
  weighted: boolean,
  weight?: number,
): Uint8Array {
  const frame = line(op);
  for (const value of leadingFields) frame.add(value);
  frame.add(subject);
  if (queue !== undefined) {
    frame.add(queue);
    // Subscribe ops carry a weight with every queue (nats-server requires it);
    // a member that did not say counts once.
    if (weighted) frame.add(weight ?? 1);
  }
  return frame.build();
}

/** Encodes any op; `parse(encode(op))` gives the op back. */
export function encode(op: Op): Uint8Array {
  switch (op.kind) {
    case 'INFO':
      return encodeInfo(op.info);
    case 'CONNECT':
      return encodeConnect(op.options);
    case 'PUB':
      return encodePub(op.subject, op.payload, op.reply);
    case 'HPUB':
      return encodeHpub(op.subject, op.headers, op.payload, op.reply);
    case 'SUB':
      return encodeSub(op.subject, op.sid, op.queue);
    case 'UNSUB':
      return encodeUnsub(op.sid, op.max);
    case 'MSG':
      return encodeMsg(op.subject, op.sid, op.payload, op.reply);
    case 'HMSG':
      return encodeMsg(op.subject, op.sid, op.payload, op.reply, op.headers);
    case 'RMSG':
      return encodeRmsg(op.account, op.subject, op.payload, op);
    case 'RS+':
      return interest('RS+', [op.account], op.subject, op.queue, true, op.weight);
    case 'RS-':
      return interest('RS-', [op.account], op.subject, op.queue, false);
    case 'LS+':
      return interest('LS+', [op.origin, op.account], op.subject, op.queue, true, op.weight);
    case 'LS-':
      return interest('LS-', [op.origin, op.account], op.subject, op.queue, false);
    case 'A+':
      return line('A+').add(op.account).build();
    case 'A-':
      return line('A-').add(op.account).build();
    case 'PING':
      return PING_FRAME;
    case 'PONG':
      return PONG_FRAME;
    case '+OK':
      return OK_FRAME;
    case '-ERR':
      return encodeErr(op.message);
  }
}
