// Parser tests: input split across chunks (one byte at a time, in two at every point)
// parses to the same ops; a payload is a view of its chunk when wholly inside it, and
// an exact-size copy otherwise. Shared helpers are in parser.test.helpers.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type PeerKind } from './index.js';
import {
  bytes,
  H,
  HEADERS,
  latin1,
  parseAll,
  parseChunks,
  readable,
} from './parser.test.helpers.js';

void describe('Parser payload memory', () => {
  void test('a payload fully inside one chunk is a view of that chunk', () => {
    const chunk = bytes('PUB foo 5\r\nhello\r\n');
    const [op] = parseAll(chunk).ops;
    assert.ok(op.kind === 'PUB');
    assert.equal(op.payload.buffer, chunk.buffer);
    assert.equal(op.payload.byteOffset, chunk.byteOffset + 'PUB foo 5\r\n'.length);
    assert.equal(latin1(op.payload), 'hello');
  });

  void test('a chunk that is itself a view into a larger buffer', () => {
    const backing = bytes('garbage|PUB foo 5\r\nhello\r\n|garbage');
    const chunk = backing.subarray(8, backing.length - 8);
    const [op] = parseAll(chunk).ops;
    assert.ok(op.kind === 'PUB');
    assert.equal(op.payload.buffer, backing.buffer);
    assert.equal(op.payload.byteOffset, 8 + 11);
    assert.equal(latin1(op.payload), 'hello');
  });

  void test('HPUB headers and payload inside one chunk are both views', () => {
    const chunk = bytes(`HPUB foo ${H} ${H + 5}\r\n${HEADERS}hello\r\n`);
    const [op] = parseAll(chunk).ops;
    assert.ok(op.kind === 'HPUB');
    assert.equal(op.headers.buffer, chunk.buffer);
    assert.equal(op.payload.buffer, chunk.buffer);
  });

  void test('a payload in the chunk after its control line is a view of that chunk', () => {
    const second = bytes(' 5\r\nhello\r\n');
    const [op] = parseChunks([bytes('PUB foo'), second]).ops;
    assert.ok(op.kind === 'PUB');
    assert.equal(op.payload.buffer, second.buffer);
  });

  const splits: [name: string, chunks: string[]][] = [
    ['split inside the payload', ['PUB foo 5\r\nhel', 'lo\r\n']],
    ['split before the trailing CRLF', ['PUB foo 5\r\nhello', '\r\n']],
    ['split inside the trailing CRLF', ['PUB foo 5\r\nhello\r', '\n']],
    [
      'split one byte at a time',
      Array.from(bytes('PUB foo 5\r\nhello\r\n'), (b) => String.fromCharCode(b)),
    ],
  ];
  for (const [name, chunks] of splits) {
    void test(`a payload ${name} is an exact-size copy`, () => {
      const encoded = chunks.map(bytes);
      const { ops, error } = parseChunks(encoded);
      assert.equal(error, undefined);
      const [op] = ops;
      assert.ok(op.kind === 'PUB');
      assert.equal(latin1(op.payload), 'hello');
      assert.equal(op.payload.buffer.byteLength, op.payload.length);
      assert.ok(encoded.every((chunk) => chunk.buffer !== op.payload.buffer));
    });
  }

  void test('a split HPUB shares one exact-size copy between headers and payload', () => {
    const text = `HPUB foo ${H} ${H + 5}\r\n${HEADERS}hello\r\n`;
    const { ops } = parseChunks([text.slice(0, 30), text.slice(30)]);
    const [op] = ops;
    assert.ok(op.kind === 'HPUB');
    assert.equal(latin1(op.headers), HEADERS);
    assert.equal(latin1(op.payload), 'hello');
    assert.equal(op.headers.buffer, op.payload.buffer);
    assert.equal(op.payload.buffer.byteLength, H + 5);
  });

  void test('an empty payload split from its trailer', () => {
    const { ops, error } = parseChunks(['PUB foo 0\r\n', '\r', '\n']);
    assert.equal(error, undefined);
    assert.deepEqual(readable(ops), [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: '' },
    ]);
  });
});

void describe('Parser chunking', () => {
  const streams: Record<PeerKind, string> = {
    client:
      'CONNECT {"verbose":false,"name":"a b"}\r\nPING\r\nSUB foo 1\r\nsub bar q 2\n' +
      'PUB foo 5\r\nhello\r\nPUB foo r 4\r\n\r\n\r\n\r\n' +
      `HPUB foo ${H} ${H + 3}\r\n${HEADERS}a\nb\r\nUNSUB 1 5\r\nPUB\tx  0\r\n\r\nPONG\r\n`,
    server:
      'INFO {"server_id":"x","headers":true}\r\n+OK\r\nMSG foo 1 5\r\nhello\r\n' +
      `HMSG foo 1 r ${H} ${H + 2}\r\n${HEADERS}hi\r\nMSG foo 2 0\r\n\r\n-ERR 'x y'\r\nPING\r\n`,
    route:
      'RS+ $G foo\r\nRS+ $G foo q 1\r\nRMSG $G foo 5\r\nhello\r\nRMSG $G foo + r q1 q2 2\r\nhi\r\n' +
      `HMSG $G foo | q ${H} ${H + 1}\r\n${HEADERS}!\r\nLS+ o $G foo\r\nLS- o $G foo q\r\n` +
      'RS- $G foo\r\nA+ a\r\nA- a\r\nPONG\r\n',
  };

  const opCounts: Record<PeerKind, number> = { client: 10, server: 7, route: 11 };

  for (const peer of ['client', 'server', 'route'] as const) {
    const input = bytes(streams[peer]);
    const whole = parseAll(input, { peer });

    void test(`${peer} stream parses whole without error`, () => {
      assert.equal(whole.error, undefined, whole.error?.detail);
      assert.equal(whole.ops.length, opCounts[peer]);
    });

    void test(`${peer} stream one byte at a time gives the same ops`, () => {
      const chunks = Array.from(input, (_, i) => input.subarray(i, i + 1));
      const split = parseChunks(chunks, { peer });
      assert.equal(split.error, undefined);
      assert.deepEqual(readable(split.ops), readable(whole.ops));
    });

    void test(`${peer} stream split in two at every point gives the same ops`, () => {
      for (let i = 0; i <= input.length; i++) {
        // Copies, so a view into the first chunk cannot hide a mistake.
        const split = parseChunks([input.slice(0, i), input.slice(i)], { peer });
        assert.equal(split.error, undefined, `split at ${i}`);
        assert.deepEqual(readable(split.ops), readable(whole.ops), `split at ${i}`);
      }
    });
  }
});
