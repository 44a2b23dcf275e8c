// How a message is kept: the body (headers and payload) is built here and
// stored verbatim; the script keeps subject, time and size in the index entry
// "<size> <time ns> <subject>" it needs for limits and queries.

import type { StoredMessage } from '@tsnats/jetstream';
import type { Reply } from './scripts.js';

/** Header length meaning "no header block" (distinct from an empty one). */
const NO_HEADERS = 0xffff_ffff;

/** [u32 BE header length or NO_HEADERS][headers][data]: a copy, safe from buffer reuse. */
export function encodeBody(headers: Uint8Array | undefined, data: Uint8Array): Buffer {
  const hlen = headers?.length ?? 0;
  const body = Buffer.allocUnsafe(4 + hlen + data.length);
  body.writeUInt32BE(headers === undefined ? NO_HEADERS : hlen, 0);
  if (headers !== undefined) body.set(headers, 4);
  body.set(data, 4 + hlen);
  return body;
}

/** `{seq, idx entry, body}` from the read script (Buffer replies) as a StoredMessage. */
export function decodeMessage(reply: Reply[]): StoredMessage {
  const [seq, idx, body] = reply as [number, Buffer, Buffer];
  const entry = idx.toString('utf8');
  const first = entry.indexOf(' ');
  const second = entry.indexOf(' ', first + 1);
  const hlen = body.readUInt32BE(0);
  const start = hlen === NO_HEADERS ? 4 : 4 + hlen;
  return {
    subject: entry.slice(second + 1),
    seq,
    ...(hlen === NO_HEADERS ? {} : { headers: body.subarray(4, start) }),
    data: body.subarray(start),
    time: BigInt(entry.slice(first + 1, second)),
  };
}

/** A reply element as text (string or Buffer replies). */
export function text(value: Reply): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}
