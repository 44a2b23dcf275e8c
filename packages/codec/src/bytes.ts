// Byte <-> string helpers built on web-standard globals only, so the codec runs
// unchanged in Node, browsers and Deno. Protocol text is almost always ASCII;
// the fast paths avoid TextDecoder/TextEncoder, whose per-call overhead dominates
// for the short strings (subjects, sids) that make up a control line.

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

export const CR = 13;
export const LF = 10;
export const SPACE = 32;
export const TAB = 9;

// Subjects, sids and replies repeat from op to op, and decoding a short string
// costs more than the rest of parsing its op. Recently decoded ASCII strings are
// kept in a small direct-mapped table keyed by a hash of their bytes; a hit is
// verified byte by byte and costs no allocation. Bounded: CACHE_SLOTS strings of
// at most CACHED_MAX_LENGTH bytes.
const CACHE_SLOTS = 4096;
const CACHED_MAX_LENGTH = 64;
const cachedStrings: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(
  undefined,
);

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Decodes `buf[start, end)` as UTF-8. */
export function decodeString(buf: Uint8Array, start: number, end: number): string {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], FNV_PRIME);
  return decodeHashedString(buf, start, end, hash);
}

/**
 * Decodes `buf[start, end)` as UTF-8, given the FNV-1a hash of those bytes
 * (callers that already scan the bytes compute it on the way).
 */
export function decodeHashedString(
  buf: Uint8Array,
  start: number,
  end: number,
  hash: number,
): string {
  const length = end - start;
  if (length > CACHED_MAX_LENGTH) return utf8Decoder.decode(buf.subarray(start, end));
  const slot = (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
  const cached = cachedStrings[slot];
  if (cached !== undefined && cached.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (cached.charCodeAt(i) !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return cached;
  }
  for (let i = start; i < end; i++) {
    if (buf[i] > 0x7f) return utf8Decoder.decode(buf.subarray(start, end));
  }
  // fromCharCode.apply builds a flat string; `+=` would build a cons string
  // whose charCodeAt, used by every later cache check, goes through an indirection.
  const text = String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  cachedStrings[slot] = text;
  return text;
}

/**
 * Makes views of `buf[start, end)`: a `Uint8Array` over the buffer, cheaper than
 * `subarray` (which goes through a species lookup), with the buffer's
 * ArrayBuffer and offset read once for all the views of it in a row (the
 * `buffer` getter costs as much as the view).
 */
export class Viewer {
  #source: Uint8Array | undefined;
  #buffer: ArrayBufferLike = new ArrayBuffer(0);
  #offset = 0;

  view(buf: Uint8Array, start: number, end: number): Uint8Array {
    if (buf !== this.#source) {
      this.#source = buf;
      this.#buffer = buf.buffer;
      this.#offset = buf.byteOffset;
    }
    return new Uint8Array(this.#buffer, this.#offset + start, end - start);
  }
}

/** Number of bytes `text` takes as UTF-8. */
export function utf8Length(text: string): number {
  const n = text.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair is 2 UTF-16 units and 4 bytes.
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

/** Writes `text` as UTF-8 at `offset`; returns the offset after it. `target` must have room. */
export function writeString(target: Uint8Array, offset: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) {
      return offset + utf8Encoder.encodeInto(text.slice(i), target.subarray(offset)).written;
    }
    target[offset++] = code;
  }
  return offset;
}

/** Writes a non-negative integer in decimal at `offset`; returns the offset after it. */
export function writeDecimal(target: Uint8Array, offset: number, value: number): number {
  if (value < 10) {
    target[offset] = 48 + value;
    return offset + 1;
  }
  const digits = decimalDigits(value);
  let pos = offset + digits;
  let rest = value;
  while (rest > 0) {
    const next = Math.floor(rest / 10);
    target[--pos] = 48 + (rest - next * 10);
    rest = next;
  }
  return offset + digits;
}

/** Digits of a non-negative integer in decimal. */
export function decimalDigits(value: number): number {
  if (value < 10) return 1;
  if (value < 100) return 2;
  if (value < 1000) return 3;
  if (value < 10000) return 4;
  if (value < 100000) return 5;
  let digits = 1;
  while (value >= 10) {
    value = Math.floor(value / 10);
    digits++;
  }
  return digits;
}

export function encodeString(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * nats-server's parseSize: 1 to 9 ASCII digits, anything else is -1
 * (server/util.go). Nine digits keep the value inside an int32.
 */
export function parseSize(buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0 || n > 9) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = buf[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
