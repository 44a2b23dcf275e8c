// Reading and extending NATS/1.0 header blocks the way nats-server's getHeader
// and genHeader do (exact, case-sensitive keys; new headers appended at the end).

import { MsgHeaders } from '@tsnats/codec';

export const JS_MSG_ID = 'Nats-Msg-Id';
export const JS_EXPECTED_STREAM = 'Nats-Expected-Stream';
export const JS_EXPECTED_LAST_SEQ = 'Nats-Expected-Last-Sequence';
export const JS_EXPECTED_LAST_SUBJ_SEQ = 'Nats-Expected-Last-Subject-Sequence';
export const JS_EXPECTED_LAST_MSG_ID = 'Nats-Expected-Last-Msg-Id';
export const JS_MSG_ROLLUP = 'Nats-Rollup';

/** The decoded block, or undefined when it is malformed (then no JetStream header applies). */
export function decodeHeaders(block: Uint8Array | undefined): MsgHeaders | undefined {
  if (block === undefined || block.length === 0) return undefined;
  try {
    return MsgHeaders.decode(block);
  } catch {
    return undefined;
  }
}

/**
 * A sequence header's value as nats-server parses it: digits only, else -1
 * (which never equals a sequence); undefined when the header is absent or empty.
 */
export function sequenceHeader(headers: MsgHeaders, key: string): number | undefined {
  const value = headers.get(key);
  if (value === undefined || value === '') return undefined;
  return /^\d+$/.test(value) ? Number(value) : -1;
}

const encoder = new TextEncoder();
const CRLF = '\r\n';

/** `block` with `key: value` lines appended (nats-server's genHeader), or a new block. */
export function appendHeaders(
  block: Uint8Array | undefined,
  entries: readonly (readonly [string, string])[],
): Uint8Array {
  const lines = entries.map(([key, value]) => `${key}: ${value}${CRLF}`).join('') + CRLF;
  if (block === undefined || block.length <= 2) {
    return encoder.encode(`NATS/1.0${CRLF}${lines}`);
  }
  const head = block.subarray(0, block.length - 2);
  const tail = encoder.encode(lines);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}
