import {
  decimalDigits,
  decodeString,
  encodeString,
  utf8Length,
  writeDecimal,
  writeString,
} from './bytes.js';

/** A header block that is not `NATS/1.0...` followed by `Key: Value` lines and a blank line. */
export class HeadersError extends Error {
  override readonly name = 'HeadersError';
}

export type HeaderMatch = 'exact' | 'ignore-case';

const VERSION = 'NATS/1.0';
const VERSION_BYTES = encodeString(VERSION);

/**
 * NATS message headers: the `NATS/1.0` line with an optional status code and
 * description (`NATS/1.0 503`, `NATS/1.0 408 Request Timeout`), then `Key: Value`
 * lines. Keys keep their case and their order, a key may repeat, and
 * `decode(bytes).encode()` gives back the same bytes for any block in the form
 * clients write (one space after the colon, no padding around values).
 */
export class MsgHeaders {
  /** Status code from the version line, or 0 when there is none. */
  status: number;
  /** Text after the status code, or '' when there is none. */
  description: string;
  readonly #entries: [key: string, value: string][] = [];

  constructor(status = 0, description = '') {
    this.status = status;
    this.description = description;
  }

  /** Decodes a header block (as HPUB/HMSG carry it). Throws `HeadersError` when malformed. */
  static decode(block: Uint8Array): MsgHeaders {
    const text = decodeString(block, 0, block.length);
    if (!text.startsWith(VERSION))
      throw new HeadersError(`header block must start with ${VERSION}`);
    if (!text.endsWith('\r\n\r\n')) throw new HeadersError('header block must end with CRLF CRLF');
    const lines = text.slice(0, -4).split('\r\n');
    const headers = new MsgHeaders();
    headers.#readStatus(lines[0]);
    for (let i = 1; i < lines.length; i++) {
      const entry = lines[i];
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new HeadersError(`header line without a key: ${JSON.stringify(entry)}`);
      headers.append(entry.slice(0, colon), entry.slice(colon + 1).trim());
    }
    return headers;
  }

  #readStatus(versionLine: string): void {
    const rest = versionLine.slice(VERSION.length);
    if (rest === '') return;
    const match = /^[ \t]+(\d{3})(?:[ \t]+([^\r\n]*))?$/.exec(rest);
    if (match === null) throw new HeadersError(`bad status line: ${JSON.stringify(versionLine)}`);
    this.status = Number(match[1]);
    this.description = (match[2] ?? '').trim();
  }

  get size(): number {
    return this.#entries.length;
  }

  /** First value of `key`, or undefined. */
  get(key: string, match: HeaderMatch = 'exact'): string | undefined {
    const index = this.#find(key, match, 0);
    return index < 0 ? undefined : this.#entries[index][1];
  }

  getAll(key: string, match: HeaderMatch = 'exact'): string[] {
    const values: string[] = [];
    for (let i = this.#find(key, match, 0); i >= 0; i = this.#find(key, match, i + 1)) {
      values.push(this.#entries[i][1]);
    }
    return values;
  }

  has(key: string, match: HeaderMatch = 'exact'): boolean {
    return this.#find(key, match, 0) >= 0;
  }

  /** Adds a value, keeping the ones `key` already has. */
  append(key: string, value: string): this {
    checkKey(key);
    checkValue(value);
    this.#entries.push([key, value]);
    return this;
  }

  /** Replaces every value of `key` (matched exactly) with `value`. */
  set(key: string, value: string): this {
    // Check first: a rejected value must leave the old ones in place.
    checkKey(key);
    checkValue(value);
    this.delete(key);
    return this.append(key, value);
  }

  delete(key: string, match: HeaderMatch = 'exact'): void {
    for (let i = this.#find(key, match, 0); i >= 0; i = this.#find(key, match, i)) {
      this.#entries.splice(i, 1);
    }
  }

  /** Distinct keys in first-seen order. */
  keys(): string[] {
    return [...new Set(this.#entries.map(([key]) => key))];
  }

  /** Every `[key, value]` in order, repeats included. */
  entries(): [key: string, value: string][] {
    return this.#entries.map(([key, value]) => [key, value]);
  }

  encode(): Uint8Array {
    checkStatus(this.status, this.description);
    let length = VERSION_BYTES.length + 2 + 2;
    if (this.status > 0) {
      length += 1 + decimalDigits(this.status);
      if (this.description !== '') length += 1 + utf8Length(this.description);
    }
    for (const [key, value] of this.#entries) {
      length += utf8Length(key) + 2 + utf8Length(value) + 2;
    }
    const block = new Uint8Array(length);
    block.set(VERSION_BYTES);
    let pos = VERSION_BYTES.length;
    if (this.status > 0) {
      block[pos++] = 32;
      pos = writeDecimal(block, pos, this.status);
      if (this.description !== '') {
        block[pos++] = 32;
        pos = writeString(block, pos, this.description);
      }
    }
    pos = writeCrlf(block, pos);
    for (const [key, value] of this.#entries) {
      pos = writeString(block, pos, key);
      block[pos++] = 58; // :
      block[pos++] = 32;
      pos = writeString(block, pos, value);
      pos = writeCrlf(block, pos);
    }
    writeCrlf(block, pos);
    return block;
  }

  #find(key: string, match: HeaderMatch, from: number): number {
    const entries = this.#entries;
    if (match === 'exact') {
      for (let i = from; i < entries.length; i++) if (entries[i][0] === key) return i;
      return -1;
    }
    const wanted = key.toLowerCase();
    for (let i = from; i < entries.length; i++) {
      if (entries[i][0].toLowerCase() === wanted) return i;
    }
    return -1;
  }
}

function writeCrlf(target: Uint8Array, pos: number): number {
  target[pos] = 13;
  target[pos + 1] = 10;
  return pos + 2;
}

// A key is a token: printable ASCII without ':' or whitespace (RFC 7230 field-name, as Go's textproto).
const KEY_PATTERN = /^[!-9;-~]+$/;

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new HeadersError(`invalid header key: ${JSON.stringify(key)}`);
}

// Status codes are three digits, as HTTP's; 0 means no status. A description
// with CR or LF would end the status line early and inject header lines.
function checkStatus(status: number, description: string): void {
  if (status !== 0 && !(Number.isInteger(status) && status >= 100 && status <= 999)) {
    throw new HeadersError(`status must be 0 or a three-digit code: ${status}`);
  }
  if (/[\r\n]/.test(description)) {
    throw new HeadersError(`status description contains CR or LF: ${JSON.stringify(description)}`);
  }
  if (status === 0 && description !== '') {
    throw new HeadersError('a status description needs a status code');
  }
}

function checkValue(value: string): void {
  if (/[\r\n]/.test(value)) {
    throw new HeadersError(`header value contains CR or LF: ${JSON.stringify(value)}`);
  }
  if (value !== value.trim()) {
    throw new HeadersError(`header value has surrounding whitespace: ${JSON.stringify(value)}`);
  }
}
