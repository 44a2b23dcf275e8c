import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { HeadersError, MsgHeaders } from './index.js';

const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

function decode(block: string): MsgHeaders {
  return MsgHeaders.decode(bytes(block));
}

void describe('MsgHeaders decode/encode round trip', () => {
  const canonical = [
    'NATS/1.0\r\n\r\n',
    'NATS/1.0 503\r\n\r\n',
    'NATS/1.0 408 Request Timeout\r\n\r\n',
    'NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 5\r\n\r\n',
    'NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 5\r\nNats-Last-Stream: 7\r\n\r\n',
    'NATS/1.0\r\nNats-Msg-Id: abc\r\n\r\n',
    'NATS/1.0\r\nA: 1\r\nb: 2\r\nA: 3\r\na: 4\r\n\r\n',
    'NATS/1.0\r\nEmpty: \r\n\r\n',
    'NATS/1.0\r\nX: a b\tc: d\r\n\r\n',
    'NATS/1.0\r\nUtf: ünïcödé 日本 😀\r\n\r\n',
    'NATS/1.0 404 No Messages\r\nNats-Pending-Messages: 0\r\n\r\n',
  ];
  for (const block of canonical) {
    void test(`${JSON.stringify(block)} comes back byte for byte`, () => {
      const encoded = bytes(block);
      assert.deepEqual(MsgHeaders.decode(encoded).encode(), encoded);
    });
  }

  void test('NATS/1.0 alone: no status, no description, no entries', () => {
    const headers = decode('NATS/1.0\r\n\r\n');
    assert.equal(headers.status, 0);
    assert.equal(headers.description, '');
    assert.equal(headers.size, 0);
    assert.deepEqual(headers.keys(), []);
  });

  void test('a status without description', () => {
    const headers = decode('NATS/1.0 503\r\n\r\n');
    assert.equal(headers.status, 503);
    assert.equal(headers.description, '');
  });

  void test('a status with a description of several words', () => {
    const headers = decode('NATS/1.0 408 Request Timeout\r\n\r\n');
    assert.equal(headers.status, 408);
    assert.equal(headers.description, 'Request Timeout');
  });

  void test('a status line and headers', () => {
    const headers = decode('NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 5\r\n\r\n');
    assert.equal(headers.status, 100);
    assert.equal(headers.description, 'Idle Heartbeat');
    assert.deepEqual(headers.entries(), [['Nats-Last-Consumer', '5']]);
  });

  void test('multi-valued and interleaved keys keep their order and case', () => {
    const headers = decode('NATS/1.0\r\nA: 1\r\nb: 2\r\nA: 3\r\na: 4\r\n\r\n');
    assert.equal(headers.size, 4);
    assert.deepEqual(headers.keys(), ['A', 'b', 'a']);
    assert.deepEqual(headers.entries(), [
      ['A', '1'],
      ['b', '2'],
      ['A', '3'],
      ['a', '4'],
    ]);
    assert.deepEqual(headers.getAll('A'), ['1', '3']);
  });

  void test('values keep inner blanks and colons; the space after the colon is framing', () => {
    const headers = decode('NATS/1.0\r\nX: a b\tc: d\r\n\r\n');
    assert.equal(headers.get('X'), 'a b\tc: d');
  });

  void test('non-canonical blocks decode leniently and encode canonically', () => {
    const headers = decode('NATS/1.0\t 408 \t Request  Timeout \r\nA:b\r\nB:   c \t\r\n\r\n');
    assert.equal(headers.status, 408);
    assert.equal(headers.description, 'Request  Timeout');
    assert.deepEqual(headers.entries(), [
      ['A', 'b'],
      ['B', 'c'],
    ]);
    assert.equal(text(headers.encode()), 'NATS/1.0 408 Request  Timeout\r\nA: b\r\nB: c\r\n\r\n');
  });
});

void describe('MsgHeaders encode', () => {
  void test('an empty MsgHeaders', () => {
    assert.equal(text(new MsgHeaders().encode()), 'NATS/1.0\r\n\r\n');
  });

  void test('status and description from the constructor', () => {
    assert.equal(text(new MsgHeaders(503).encode()), 'NATS/1.0 503\r\n\r\n');
    assert.equal(
      text(new MsgHeaders(408, 'Request Timeout').encode()),
      'NATS/1.0 408 Request Timeout\r\n\r\n',
    );
  });

  void test('a description without a status is refused', () => {
    assert.throws(() => new MsgHeaders(0, 'ignored').encode(), HeadersError);
  });

  void test('entries in insertion order, UTF-8 values sized in bytes', () => {
    const headers = new MsgHeaders().append('A', 'ü').append('B', '日本').append('A', '😀');
    const block = headers.encode();
    assert.equal(text(block), 'NATS/1.0\r\nA: ü\r\nB: 日本\r\nA: 😀\r\n\r\n');
    assert.equal(block.length, bytes(text(block)).length);
  });

  void test('a status that is not three digits is refused, not written', () => {
    // decode reads three digits only, so encode must not write anything else.
    for (const status of [42, 1000, 99.5, -1]) {
      assert.throws(() => new MsgHeaders(status).encode(), HeadersError, String(status));
    }
  });

  void test('a description with CR or LF is refused: it would inject header lines', () => {
    assert.throws(() => new MsgHeaders(503, 'x\r\nInjected: 1').encode(), HeadersError);
    assert.throws(() => new MsgHeaders(503, 'x\ny').encode(), HeadersError);
  });

  void test('a description with a Unicode line separator decodes back', () => {
    // Regression: the status-line pattern's `.` stopped at U+2028 and U+2029.
    const headers = new MsgHeaders(503, 'a\u2028b\u2029c');
    assert.equal(MsgHeaders.decode(headers.encode()).description, 'a\u2028b\u2029c');
  });
});

void describe('MsgHeaders access', () => {
  const sample = (): MsgHeaders =>
    new MsgHeaders()
      .append('Content-Type', 'text/plain')
      .append('X-Trace', '1')
      .append('x-trace', '2')
      .append('X-Trace', '3');

  void test('get returns the first value, exact by default', () => {
    const headers = sample();
    assert.equal(headers.get('X-Trace'), '1');
    assert.equal(headers.get('x-trace'), '2');
    assert.equal(headers.get('X-TRACE'), undefined);
    assert.equal(headers.get('content-type'), undefined);
    assert.equal(headers.get('Missing'), undefined);
  });

  void test("get with 'ignore-case'", () => {
    const headers = sample();
    assert.equal(headers.get('X-TRACE', 'ignore-case'), '1');
    assert.equal(headers.get('content-type', 'ignore-case'), 'text/plain');
  });

  void test("getAll, exact and 'ignore-case'", () => {
    const headers = sample();
    assert.deepEqual(headers.getAll('X-Trace'), ['1', '3']);
    assert.deepEqual(headers.getAll('x-trace'), ['2']);
    assert.deepEqual(headers.getAll('x-TRACE', 'ignore-case'), ['1', '2', '3']);
    assert.deepEqual(headers.getAll('Missing'), []);
  });

  void test("has, exact and 'ignore-case'", () => {
    const headers = sample();
    assert.equal(headers.has('Content-Type'), true);
    assert.equal(headers.has('content-type'), false);
    assert.equal(headers.has('content-type', 'ignore-case'), true);
    assert.equal(headers.has('Missing', 'ignore-case'), false);
  });

  void test('append keeps existing values and returns the same object', () => {
    const headers = new MsgHeaders();
    assert.equal(headers.append('A', '1'), headers);
    headers.append('A', '2');
    assert.deepEqual(headers.getAll('A'), ['1', '2']);
  });

  void test('set replaces every exactly matching value, leaving other cases alone', () => {
    const headers = sample();
    assert.equal(headers.set('X-Trace', 'new'), headers);
    assert.deepEqual(headers.entries(), [
      ['Content-Type', 'text/plain'],
      ['x-trace', '2'],
      ['X-Trace', 'new'],
    ]);
  });

  void test('set of a new key appends it', () => {
    const headers = sample().set('New', 'v');
    assert.equal(headers.get('New'), 'v');
    assert.equal(headers.size, 5);
  });

  void test('delete, exact', () => {
    const headers = sample();
    headers.delete('X-Trace');
    assert.deepEqual(headers.keys(), ['Content-Type', 'x-trace']);
  });

  void test("delete with 'ignore-case' removes every spelling", () => {
    const headers = sample();
    headers.delete('X-TRACE', 'ignore-case');
    assert.deepEqual(headers.entries(), [['Content-Type', 'text/plain']]);
  });

  void test('delete of a missing key does nothing', () => {
    const headers = sample();
    headers.delete('Missing');
    headers.delete('missing', 'ignore-case');
    assert.equal(headers.size, 4);
  });

  void test('keys are distinct in first-seen order; entries are copies', () => {
    const headers = sample();
    assert.deepEqual(headers.keys(), ['Content-Type', 'X-Trace', 'x-trace']);
    const entries = headers.entries();
    entries[0][1] = 'changed';
    entries.pop();
    assert.equal(headers.get('Content-Type'), 'text/plain');
    assert.equal(headers.size, 4);
  });

  void test('status and description are writable fields', () => {
    const headers = sample();
    headers.status = 503;
    headers.description = 'No Responders';
    assert.match(text(headers.encode()), /^NATS\/1\.0 503 No Responders\r\n/);
  });
});

void describe('HeadersError', () => {
  const malformed: [name: string, block: string][] = [
    ['an empty block', ''],
    ['another version', 'NATS/1.1\r\n\r\n'],
    ['another protocol', 'HTTP/1.0\r\n\r\n'],
    ['a version run into text', 'NATS/1.0x\r\n\r\n'],
    ['no blank line at the end', 'NATS/1.0\r\n'],
    ['a last header without its blank line', 'NATS/1.0\r\nA: b\r\n'],
    ['LF line endings', 'NATS/1.0\nA: b\n\n'],
    ['a header line without a colon', 'NATS/1.0\r\nno colon\r\n\r\n'],
    ['an empty key', 'NATS/1.0\r\n: v\r\n\r\n'],
    ['a key with a space', 'NATS/1.0\r\nA B: v\r\n\r\n'],
    ['a blank line inside the block', 'NATS/1.0\r\nA: 1\r\n\r\nB: 2\r\n\r\n'],
    ['a bare CR in a value', 'NATS/1.0\r\nA: b\rc\r\n\r\n'],
    ['a two-digit status', 'NATS/1.0 50\r\n\r\n'],
    ['a four-digit status', 'NATS/1.0 5030\r\n\r\n'],
    ['a status that is not a number', 'NATS/1.0 abc\r\n\r\n'],
  ];
  for (const [name, block] of malformed) {
    void test(`decode rejects ${name}`, () => {
      assert.throws(() => decode(block), HeadersError);
    });
  }

  void test('is an Error named HeadersError', () => {
    assert.throws(
      () => decode(''),
      (error: unknown) =>
        error instanceof HeadersError && error instanceof Error && error.name === 'HeadersError',
    );
  });

  for (const key of ['', 'a b', 'a:b', 'a\tb', 'é', '\x7f', 'a\r\nb']) {
    void test(`append and set reject the key ${JSON.stringify(key)}`, () => {
      assert.throws(() => new MsgHeaders().append(key, 'v'), HeadersError);
      assert.throws(() => new MsgHeaders().set(key, 'v'), HeadersError);
    });
  }

  for (const value of ['a\r\nb', 'a\nb', 'a\rb', ' a', 'a ', '\t', ' ']) {
    void test(`append and set reject the value ${JSON.stringify(value)}`, () => {
      assert.throws(() => new MsgHeaders().append('K', value), HeadersError);
      assert.throws(() => new MsgHeaders().set('K', value), HeadersError);
    });
  }

  void test('a rejected set leaves the old values in place', () => {
    // Regression: set deleted the old values before checking the new one.
    const headers = new MsgHeaders().append('A', '1').append('A', '2');
    assert.throws(() => headers.set('A', 'bad\r\nvalue'), HeadersError);
    assert.deepEqual(headers.getAll('A'), ['1', '2']);
  });
});

void describe('MsgHeaders property', () => {
  // Keys: RFC 7230 tokens (printable ASCII without ':'); values: any text without
  // CR or LF and without surrounding whitespace.
  const key = fc.stringMatching(/^[!-9;-~]{1,20}$/);
  const value = fc
    .string({
      unit: fc.oneof(
        fc.constantFrom(' ', '\t', ':'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 24,
    })
    .map((raw) => raw.replace(/[\r\n]/g, '').trim());
  const statusLine = fc.oneof(
    fc.constant({ status: 0, description: '' }),
    fc.record({
      status: fc.integer({ min: 100, max: 999 }),
      description: value,
    }),
  );
  const headers = fc
    .tuple(statusLine, fc.array(fc.tuple(key, value), { maxLength: 8 }))
    .map(([{ status, description }, entries]) => {
      const built = new MsgHeaders(status, description);
      for (const [k, v] of entries) built.append(k, v);
      return built;
    });

  void test('encode -> decode -> encode gives identical bytes and the same headers', () => {
    fc.assert(
      fc.property(headers, (original) => {
        const block = original.encode();
        const decoded = MsgHeaders.decode(block);
        assert.deepEqual(decoded.encode(), block);
        assert.equal(decoded.status, original.status);
        assert.equal(decoded.description, original.description);
        assert.deepEqual(decoded.entries(), original.entries());
      }),
      { numRuns: 500 },
    );
  });
});
