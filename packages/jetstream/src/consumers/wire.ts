// What consumers put on the wire, as nats-server's consumer.go writes it: status
// messages (`NATS/1.0 <code> <text>` header blocks with no payload), ack reply
// subjects, and the body of a CONSUMER.MSG.NEXT request.

import { decodeConsumerGetNextRequest } from '../api/decode.js';

const encoder = new TextEncoder();
const utf8 = new TextDecoder();

export const JS_PULL_PENDING_MSGS = 'Nats-Pending-Messages';
export const JS_PULL_PENDING_BYTES = 'Nats-Pending-Bytes';
export const JS_LAST_CONSUMER_SEQ = 'Nats-Last-Consumer';
export const JS_LAST_STREAM_SEQ = 'Nats-Last-Stream';

/** A status header block: `NATS/1.0 <code> <text>` and optional header lines. */
export function statusHeaders(
  code: number,
  text: string,
  entries: readonly (readonly [string, string | number])[] = [],
): Uint8Array {
  const lines = entries.map(([key, value]) => `${key}: ${value}\r\n`).join('');
  const status = text === '' ? `${code}` : `${code} ${text}`;
  return encoder.encode(`NATS/1.0 ${status}\r\n${lines}\r\n`);
}

/** The pending headers nats-server adds to 408 and some 409 replies of a pull request. */
export function pendingHeaders(
  code: number,
  text: string,
  msgs: number,
  bytes: number,
): Uint8Array {
  return statusHeaders(code, text, [
    [JS_PULL_PENDING_MSGS, msgs],
    [JS_PULL_PENDING_BYTES, bytes],
  ]);
}

/** `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending>` (v2.10's short form). */
export function ackSubject(
  stream: string,
  consumer: string,
  deliveries: number,
  sseq: number,
  cseq: number,
  time: bigint,
  pending: number,
): string {
  return `$JS.ACK.${stream}.${consumer}.${deliveries}.${sseq}.${cseq}.${time}.${pending}`;
}

export interface AckReference {
  stream: string;
  consumer: string;
  deliveries: number;
  sseq: number;
  cseq: number;
}

/** Where the dots of the subject being parsed are (reused: every ack is parsed). */
const dots = new Int32Array(16);

/** The decimal digits of subject[from, to) as a number; -1 for anything else. */
function digitsAt(subject: string, from: number, to: number): number {
  if (from >= to) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = subject.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

/**
 * An ack subject (short form, or the long one with domain and account hash),
 * else undefined. Parsed in place: only the stream and consumer names are cut out.
 */
export function parseAckSubject(subject: string): AckReference | undefined {
  if (!subject.startsWith('$JS.ACK.')) return undefined;
  let count = 0;
  for (let i = 0; i < subject.length && count < dots.length; i++) {
    if (subject.charCodeAt(i) === 46 /* . */) dots[count++] = i;
  }
  // count dots make count + 1 tokens; token k spans (dots[k-1], dots[k]).
  const tokens = count + 1;
  let base: number;
  if (tokens === 9) base = 2;
  else if (tokens >= 11 && count < dots.length) base = 4;
  else return undefined;
  const start = (k: number): number => dots[k - 1] + 1;
  const end = (k: number): number => (k < count ? dots[k] : subject.length);
  const deliveries = digitsAt(subject, start(base + 2), end(base + 2));
  const sseq = digitsAt(subject, start(base + 3), end(base + 3));
  const cseq = digitsAt(subject, start(base + 4), end(base + 4));
  if (deliveries < 0 || sseq < 0 || cseq < 0) return undefined;
  return {
    stream: subject.slice(start(base), end(base)),
    consumer: subject.slice(start(base + 1), end(base + 1)),
    deliveries,
    sseq,
    cseq,
  };
}

export type AckKind = 'ack' | 'nak' | 'progress' | 'next' | 'term';

export interface AckBody {
  kind: AckKind;
  /** -NAK's delay in nanoseconds (0 = none). */
  delay: number;
  /** +NXT's request body (batch or JSON), as text. */
  next: string;
}

/** The body of an ack (nats-server's processAck: +ACK, -NAK [delay], +WPI, +NXT, +TERM; empty = ack). */
export function parseAckBody(payload: Uint8Array): AckBody {
  const text = utf8.decode(payload);
  const body: AckBody = { kind: 'ack', delay: 0, next: '' };
  if (text === '' || text.startsWith('+ACK')) return body;
  if (text.startsWith('-NAK')) {
    body.kind = 'nak';
    const rest = text.slice(4).trim();
    if (rest.startsWith('{')) {
      try {
        const value = JSON.parse(rest) as { delay?: unknown };
        if (typeof value.delay === 'number' && value.delay > 0) body.delay = value.delay;
      } catch {
        // nats-server ignores a bad delay.
      }
    } else if (rest !== '') {
      // A Go duration such as "2s" or "500ms".
      const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(rest);
      if (match !== null) {
        const units: Record<string, number> = {
          ns: 1,
          us: 1e3,
          µs: 1e3,
          ms: 1e6,
          s: 1e9,
          m: 60e9,
          h: 3600e9,
        };
        body.delay = Math.round(Number(match[1]) * (units[match[2]] ?? 0));
      }
    }
    return body;
  }
  if (text.startsWith('+WPI')) body.kind = 'progress';
  else if (text.startsWith('+NXT')) {
    body.kind = 'next';
    body.next = text.slice(4).trim();
  } else if (text.startsWith('+TERM')) body.kind = 'term';
  return body;
}

/** A MSG.NEXT request as nats-server's nextReqFromMsg reads it. Durations in ms. */
export interface NextRequest {
  batch: number;
  /** Milliseconds from now, 0 = none. */
  expiresMs: number;
  maxBytes: number;
  noWait: boolean;
  heartbeatMs: number;
}

/** The request, or the error text for `400 Bad Request - <text>`. */
export function parseNextRequest(payload: Uint8Array | string): NextRequest | { error: string } {
  const text = (typeof payload === 'string' ? payload : utf8.decode(payload)).trim();
  const request: NextRequest = {
    batch: 1,
    expiresMs: 0,
    maxBytes: 0,
    noWait: false,
    heartbeatMs: 0,
  };
  if (text === '') return request;
  if (text.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const decoded = decodeConsumerGetNextRequest(value);
    if (decoded.error !== undefined) return { error: decoded.error.description ?? 'invalid json' };
    const {
      batch = 0,
      expires = 0,
      max_bytes = 0,
      no_wait = false,
      idle_heartbeat = 0,
    } = decoded.value;
    if (batch > 0) request.batch = batch;
    if (expires > 0) request.expiresMs = Math.max(1, Math.round(expires / 1e6));
    if (max_bytes > 0) request.maxBytes = max_bytes;
    request.noWait = no_wait;
    if (idle_heartbeat > 0) {
      if (expires > 0 && idle_heartbeat * 2 > expires) {
        return { error: 'heartbeat value too large' };
      }
      request.heartbeatMs = Math.max(1, Math.round(idle_heartbeat / 1e6));
    }
    return request;
  }
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 0) request.batch = n;
    return request;
  }
  return request;
}
