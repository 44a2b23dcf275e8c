import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  encode,
  MsgHeaders,
  Parser,
  type ConnectOptions,
  type Op,
  type PeerKind,
  type ServerInfo,
} from './index.js';

// Arbitraries ---------------------------------------------------------------

/** Subjects, sids, queues, accounts: non-empty, no whitespace; some multi-byte UTF-8. */
const token = fc.string({
  unit: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...'abcXYZ019._-*>$:+|/#"\'{}'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom('é', 'ü', '日', '本', '😀', '\u00a0', '\u2028') },
  ),
  minLength: 1,
  maxLength: 12,
});
const optionalToken = fc.option(token, { nil: undefined });

const CRLF = Uint8Array.of(13, 10);
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ minLength: 1000, maxLength: 5000 }),
  // Payloads with line endings inside must not end early.
  fc
    .tuple(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 }))
    .map(([a, b]) => Uint8Array.from([...a, ...CRLF, ...b, 13])),
);

const headerKey = fc.stringMatching(/^[!-9;-~]{1,12}$/);
const headerValue = fc
  .string({ unit: 'grapheme', maxLength: 16 })
  .map((raw) => raw.replace(/[\r\n]/g, '').trim());
const headers = fc
  .record({
    status: fc.constantFrom(0, 100, 404, 408, 503),
    description: fc.constantFrom('', 'Idle Heartbeat', 'No Messages'),
    entries: fc.array(fc.tuple(headerKey, headerValue), { maxLength: 5 }),
  })
  .map(({ status, description, entries }) => {
    const built = new MsgHeaders(status, status === 0 ? '' : description);
    for (const [key, value] of entries) built.append(key, value);
    return built.encode();
  });

const size = fc.integer({ min: 1, max: 999_999_999 });

const info = fc
  .record({
    server_id: token,
    server_name: fc.string(),
    version: fc.constant('2.10.7'),
    proto: fc.constant(1),
    port: fc.integer({ min: 1, max: 65535 }),
    headers: fc.boolean(),
    max_payload: fc.constant(1048576),
    connect_urls: fc.array(token, { maxLength: 3 }),
  })
  .map((value): Op => ({ kind: 'INFO', info: value as unknown as ServerInfo }));

const connect = fc
  .record({
    verbose: fc.boolean(),
    pedantic: fc.boolean(),
    tls_required: fc.boolean(),
    name: fc.string({ unit: 'binary', maxLength: 20 }),
    protocol: fc.constant(1),
  })
  .map((options: ConnectOptions): Op => ({ kind: 'CONNECT', options }));

const errMessage = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .map((raw): Op => ({ kind: '-ERR', message: raw.replace(/\n/g, '') }));

const noArguments = fc.constantFrom<Op>({ kind: 'PING' }, { kind: 'PONG' }, { kind: '+OK' });

const common = [info, connect, errMessage, noArguments];

const opsByPeer: Record<PeerKind, fc.Arbitrary<Op>> = {
  client: fc.oneof(
    ...common,
    fc.record({ kind: fc.constant('PUB' as const), subject: token, reply: optionalToken, payload }),
    fc.record({
      kind: fc.constant('HPUB' as const),
      subject: token,
      reply: optionalToken,
      headers,
      payload,
    }),
    fc.record({
      kind: fc.constant('SUB' as const),
      subject: token,
      queue: optionalToken,
      sid: token,
    }),
    fc.record({
      kind: fc.constant('UNSUB' as const),
      sid: token,
      max: fc.option(size, { nil: undefined }),
    }),
  ),
  server: fc.oneof(
    ...common,
    fc.record({
      kind: fc.constant('MSG' as const),
      subject: token,
      sid: token,
      reply: optionalToken,
      payload,
    }),
    fc.record({
      kind: fc.constant('HMSG' as const),
      subject: token,
      sid: token,
      reply: optionalToken,
      headers,
      payload,
    }),
  ),
  route: fc.oneof(
    ...common,
    fc.record({
      kind: fc.constant('RMSG' as const),
      account: token,
      subject: token,
      reply: optionalToken,
      queues: fc.array(token, { maxLength: 3 }),
      headers: fc.option(headers, { nil: undefined }),
      payload,
    }),
    fc.oneof(
      fc.record({
        kind: fc.constant('RS+' as const),
        account: token,
        subject: token,
        queue: fc.constant(undefined),
        weight: fc.constant(undefined),
      }),
      fc.record({
        kind: fc.constant('RS+' as const),
        account: token,
        subject: token,
        queue: token,
        weight: fc.integer({ min: 0, max: 999_999_999 }),
      }),
    ),
    fc.record({
      kind: fc.constant('RS-' as const),
      account: token,
      subject: token,
      queue: optionalToken,
    }),
    fc.oneof(
      fc.record({
        kind: fc.constant('LS+' as const),
        origin: token,
        account: token,
        subject: token,
        queue: fc.constant(undefined),
        weight: fc.constant(undefined),
      }),
      fc.record({
        kind: fc.constant('LS+' as const),
        origin: token,
        account: token,
        subject: token,
        queue: token,
        weight: fc.integer({ min: 0, max: 999_999_999 }),
      }),
    ),
    fc.record({
      kind: fc.constant('LS-' as const),
      origin: token,
      account: token,
      subject: token,
      queue: optionalToken,
    }),
    fc.record({ kind: fc.constant('A+' as const), account: token }),
    fc.record({ kind: fc.constant('A-' as const), account: token }),
  ),
};

/** Cut points as fractions of the stream, so shrinking moves them around sensibly. */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

// Helpers -------------------------------------------------------------------

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Parsed ops hold views into the input and a frozen empty `queues`; generated ops
 * hold their own arrays. Compare values only: bytes become plain arrays.
 */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalize(item)]));
  }
  return value;
}

/** Feeds `stream` cut at the given fractions of its length; every chunk is a fresh copy. */
function parseInChunks(stream: Uint8Array, fractions: readonly number[], peer: PeerKind): Op[] {
  const points = fractions.map((f) => Math.floor(f * stream.length)).sort((a, b) => a - b);
  const ops: Op[] = [];
  const parser = new Parser((op) => ops.push(op), { peer });
  let start = 0;
  for (const end of [...points, stream.length]) {
    const error = parser.parse(stream.slice(start, end));
    assert.equal(error, undefined, error?.detail);
    start = end;
  }
  return ops;
}

// Properties ----------------------------------------------------------------

void describe('encode -> parse round trip', () => {
  for (const peer of ['client', 'server', 'route'] as const) {
    void test(`${peer} ops, concatenated and cut into random chunks, parse back`, () => {
      fc.assert(
        fc.property(fc.array(opsByPeer[peer], { minLength: 1, maxLength: 12 }), cuts, (ops, at) => {
          const stream = concat(ops.map(encode));
          assert.deepEqual(normalize(parseInChunks(stream, at, peer)), normalize(ops));
        }),
        { numRuns: 300 },
      );
    });

    void test(`${peer} ops parse back one byte at a time`, () => {
      fc.assert(
        fc.property(fc.array(opsByPeer[peer], { minLength: 1, maxLength: 4 }), (ops) => {
          const stream = concat(ops.map(encode));
          const everyByte = Array.from({ length: stream.length }, (_, i) => i / stream.length);
          assert.deepEqual(normalize(parseInChunks(stream, everyByte, peer)), normalize(ops));
        }),
        { numRuns: 40 },
      );
    });
  }

  void test('a parsed op encodes to the bytes it was parsed from', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<PeerKind>('client', 'server', 'route')
          .chain((peer) => fc.tuple(fc.constant(peer), opsByPeer[peer])),
        ([peer, op]) => {
          const frame = encode(op);
          const [parsed] = parseInChunks(frame, [], peer);
          assert.deepEqual(encode(parsed), frame);
        },
      ),
      { numRuns: 300 },
    );
  });
});
