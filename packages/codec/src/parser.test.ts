import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_MAX_CONTROL_LINE,
  DEFAULT_MAX_PAYLOAD,
  ErrText,
  Parser,
  ProtocolErrorCode,
  type Op,
  type ParserOptions,
  type PeerKind,
  type ProtocolError,
} from './index.js';

const utf8 = new TextEncoder();

function bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

type Input = string | Uint8Array;

interface Parsed {
  ops: Op[];
  error: ProtocolError | undefined;
  parser: Parser;
}

/** Feeds `chunks` to a fresh parser, one `parse` call each. */
function parseChunks(chunks: readonly Input[], options: ParserOptions = {}): Parsed {
  const ops: Op[] = [];
  const parser = new Parser((op) => {
    ops.push(op);
  }, options);
  let error: ProtocolError | undefined;
  for (const chunk of chunks)
    error = parser.parse(typeof chunk === 'string' ? bytes(chunk) : chunk);
  return { ops, error, parser };
}

function parseAll(input: Input, options: ParserOptions = {}): Parsed {
  return parseChunks([input], options);
}

/** Bytes as a latin1 string (exact for any byte), so ops compare readably. */
function latin1(data: Uint8Array): string {
  let out = '';
  for (const byte of data) out += String.fromCharCode(byte);
  return out;
}

/** An op with its byte fields turned into strings, for deepEqual. */
function readable(value: unknown): unknown {
  if (value instanceof Uint8Array) return latin1(value);
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, readable(item)]));
  }
  return value;
}

/** Parses `input` whole and expects exactly these ops (byte fields as strings) and no error. */
function expectOps(input: Input, expected: readonly object[], options: ParserOptions = {}): void {
  const { ops, error } = parseAll(input, options);
  assert.equal(error, undefined, error?.detail);
  assert.deepEqual(readable(ops), expected);
}

function expectError(
  input: Input | readonly Input[],
  code: ProtocolErrorCode,
  options: ParserOptions = {},
): Parsed {
  const parsed =
    typeof input === 'string' || input instanceof Uint8Array
      ? parseAll(input, options)
      : parseChunks(input, options);
  assert.ok(parsed.error, `expected ${code}, got no error`);
  assert.equal(parsed.error.code, code, parsed.error.detail);
  const errText: Record<ProtocolErrorCode, string | undefined> = {
    UNKNOWN_OP: 'Unknown Protocol Operation',
    MAX_CONTROL_LINE: 'maximum control line exceeded',
    MAX_PAYLOAD: 'Maximum Payload Violation',
    BAD_ARGUMENTS: undefined,
    BAD_JSON: undefined,
  };
  assert.equal(parsed.error.errText, errText[code]);
  assert.equal(typeof parsed.error.detail, 'string');
  return parsed;
}

const HEADERS = 'NATS/1.0\r\nA: b\r\n\r\n';
const H = HEADERS.length; // 18

void describe('Parser: client peer (we are the server)', () => {
  const client: ParserOptions = { peer: 'client' };

  void test('peer defaults to client', () => {
    assert.equal(new Parser(() => undefined).peer, 'client');
  });

  void test('CONNECT with a JSON object, spaces inside strings kept', () => {
    expectOps('CONNECT {"verbose":false,"pedantic":true,"tls_required":false,"name":"a b"}\r\n', [
      {
        kind: 'CONNECT',
        options: { verbose: false, pedantic: true, tls_required: false, name: 'a b' },
      },
    ]);
  });

  void test('PUB without reply', () => {
    expectOps('PUB foo 5\r\nhello\r\n', [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: 'hello' },
    ]);
  });

  void test('PUB with reply', () => {
    expectOps('PUB foo.bar _INBOX.1 5\r\nhello\r\n', [
      { kind: 'PUB', subject: 'foo.bar', reply: '_INBOX.1', payload: 'hello' },
    ]);
  });

  void test('PUB with an empty payload', () => {
    expectOps('PUB foo 0\r\n\r\n', [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: '' },
    ]);
  });

  void test('PUB payload may contain CR, LF and CRLF', () => {
    expectOps('PUB foo 7\r\na\r\nb\nc\r\r\n', [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: 'a\r\nb\nc\r' },
    ]);
  });

  void test('PUB with a UTF-8 subject', () => {
    expectOps('PUB ünï.日本 2\r\nhi\r\n', [
      { kind: 'PUB', subject: 'ünï.日本', reply: undefined, payload: 'hi' },
    ]);
  });

  void test('HPUB without reply splits header block and payload', () => {
    expectOps(`HPUB foo ${H} ${H + 5}\r\n${HEADERS}hello\r\n`, [
      { kind: 'HPUB', subject: 'foo', reply: undefined, headers: HEADERS, payload: 'hello' },
    ]);
  });

  void test('HPUB with reply', () => {
    expectOps(`HPUB foo bar ${H} ${H + 2}\r\n${HEADERS}hi\r\n`, [
      { kind: 'HPUB', subject: 'foo', reply: 'bar', headers: HEADERS, payload: 'hi' },
    ]);
  });

  void test('HPUB with headers only', () => {
    expectOps(`HPUB foo ${H} ${H}\r\n${HEADERS}\r\n`, [
      { kind: 'HPUB', subject: 'foo', reply: undefined, headers: HEADERS, payload: '' },
    ]);
  });

  void test('SUB without and with queue group', () => {
    expectOps('SUB foo 1\r\nSUB foo.* workers 22\r\n', [
      { kind: 'SUB', subject: 'foo', queue: undefined, sid: '1' },
      { kind: 'SUB', subject: 'foo.*', queue: 'workers', sid: '22' },
    ]);
  });

  void test('UNSUB with and without max; a max that is not positive means now', () => {
    expectOps('UNSUB 1\r\nUNSUB 2 10\r\nUNSUB 3 0\r\nUNSUB 4 x\r\n', [
      { kind: 'UNSUB', sid: '1', max: undefined },
      { kind: 'UNSUB', sid: '2', max: 10 },
      { kind: 'UNSUB', sid: '3', max: undefined },
      { kind: 'UNSUB', sid: '4', max: undefined },
    ]);
  });

  void test('PING, PONG and +OK are shared frozen ops', () => {
    const { ops, error } = parseAll('PING\r\nPONG\r\n+OK\r\nPING\r\n');
    assert.equal(error, undefined);
    assert.deepEqual(readable(ops), [
      { kind: 'PING' },
      { kind: 'PONG' },
      { kind: '+OK' },
      { kind: 'PING' },
    ]);
    assert.equal(ops[0], ops[3]);
    assert.ok(ops.every((op) => Object.isFrozen(op)));
  });

  void test('ops without arguments ignore the rest of their line', () => {
    expectOps('PINGxyz\r\nPONG and more\r\n+OKAY\r\n', [
      { kind: 'PING' },
      { kind: 'PONG' },
      { kind: '+OK' },
    ]);
  });

  void test('-ERR: the quotes are framing; unquoted text is kept as is', () => {
    expectOps("-ERR 'Authorization Violation'\r\n-ERR oops\r\n-ERR ''\r\n", [
      { kind: '-ERR', message: 'Authorization Violation' },
      { kind: '-ERR', message: 'oops' },
      { kind: '-ERR', message: '' },
    ]);
  });

  void test('INFO is accepted from a client', () => {
    expectOps('INFO {"server_id":"x"}\r\n', [{ kind: 'INFO', info: { server_id: 'x' } }]);
  });

  void test('op names are case-insensitive', () => {
    expectOps(
      'pub a 1\r\nx\r\nPuB b 1\r\ny\r\n' +
        `hPuB c ${H} ${H}\r\n${HEADERS}\r\n` +
        "sub a 1\r\nSuB b 2\r\nunsub 1\r\nUnSuB 2\r\nping\r\nPoNg\r\n+ok\r\n-err 'e'\r\nconnect {}\r\ninfo {}\r\n",
      [
        { kind: 'PUB', subject: 'a', reply: undefined, payload: 'x' },
        { kind: 'PUB', subject: 'b', reply: undefined, payload: 'y' },
        { kind: 'HPUB', subject: 'c', reply: undefined, headers: HEADERS, payload: '' },
        { kind: 'SUB', subject: 'a', queue: undefined, sid: '1' },
        { kind: 'SUB', subject: 'b', queue: undefined, sid: '2' },
        { kind: 'UNSUB', sid: '1', max: undefined },
        { kind: 'UNSUB', sid: '2', max: undefined },
        { kind: 'PING' },
        { kind: 'PONG' },
        { kind: '+OK' },
        { kind: '-ERR', message: 'e' },
        { kind: 'CONNECT', options: {} },
        { kind: 'INFO', info: {} },
      ],
    );
  });

  void test('tabs and runs of spaces separate arguments, trailing blanks are ignored', () => {
    expectOps('PUB\tfoo \t  bar\t\t5 \t\r\nhello\r\nSUB  foo   q\t1   \r\nUNSUB\t\t7\t 3\r\n', [
      { kind: 'PUB', subject: 'foo', reply: 'bar', payload: 'hello' },
      { kind: 'SUB', subject: 'foo', queue: 'q', sid: '1' },
      { kind: 'UNSUB', sid: '7', max: 3 },
    ]);
  });

  void test('control lines may end in LF alone', () => {
    expectOps('PUB foo 5\nhello\r\nPING\nSUB foo 1\n', [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: 'hello' },
      { kind: 'PING' },
      { kind: 'SUB', subject: 'foo', queue: undefined, sid: '1' },
    ]);
  });

  for (const line of [
    'MSG foo 1 5\r\nhello\r\n',
    `HMSG foo 1 ${H} ${H}\r\n${HEADERS}\r\n`,
    'RMSG $G foo 5\r\nhello\r\n',
    'RS+ $G foo\r\n',
    'RS- $G foo\r\n',
    'LS+ o $G foo\r\n',
    'LS- o $G foo\r\n',
    'A+ $G\r\n',
    'A- $G\r\n',
  ]) {
    void test(`a client may not send ${line.slice(0, line.indexOf(' '))}`, () => {
      expectError(line, ProtocolErrorCode.UnknownOp, client);
    });
  }
});

void describe('Parser: server peer (we are a client)', () => {
  const server: ParserOptions = { peer: 'server' };

  void test('INFO with nested JSON', () => {
    expectOps(
      'INFO {"server_id":"N1","headers":true,"max_payload":1048576,"connect_urls":["a:1","b:2"]}\r\n',
      [
        {
          kind: 'INFO',
          info: {
            server_id: 'N1',
            headers: true,
            max_payload: 1048576,
            connect_urls: ['a:1', 'b:2'],
          },
        },
      ],
      server,
    );
  });

  void test('MSG without and with reply', () => {
    expectOps(
      'MSG foo 1 5\r\nhello\r\nMSG foo.bar 22 _INBOX.x 2\r\nhi\r\n',
      [
        { kind: 'MSG', subject: 'foo', sid: '1', reply: undefined, payload: 'hello' },
        { kind: 'MSG', subject: 'foo.bar', sid: '22', reply: '_INBOX.x', payload: 'hi' },
      ],
      server,
    );
  });

  void test('HMSG without and with reply', () => {
    expectOps(
      `HMSG foo 1 ${H} ${H + 5}\r\n${HEADERS}hello\r\nHMSG foo 2 r ${H} ${H}\r\n${HEADERS}\r\n`,
      [
        {
          kind: 'HMSG',
          subject: 'foo',
          sid: '1',
          reply: undefined,
          headers: HEADERS,
          payload: 'hello',
        },
        { kind: 'HMSG', subject: 'foo', sid: '2', reply: 'r', headers: HEADERS, payload: '' },
      ],
      server,
    );
  });

  void test('PING, PONG, +OK and -ERR', () => {
    expectOps(
      "PING\r\nPONG\r\n+OK\r\n-ERR 'Stale Connection'\r\n",
      [
        { kind: 'PING' },
        { kind: 'PONG' },
        { kind: '+OK' },
        { kind: '-ERR', message: 'Stale Connection' },
      ],
      server,
    );
  });

  for (const line of [
    'PUB foo 5\r\nhello\r\n',
    `HPUB foo ${H} ${H}\r\n${HEADERS}\r\n`,
    'SUB foo 1\r\n',
    'UNSUB 1\r\n',
    'RMSG $G foo 5\r\nhello\r\n',
    'RS+ $G foo\r\n',
    'A+ $G\r\n',
  ]) {
    void test(`a server may not send ${line.slice(0, line.indexOf(' '))}`, () => {
      expectError(line, ProtocolErrorCode.UnknownOp, server);
    });
  }
});

void describe('Parser: route peer', () => {
  const route: ParserOptions = { peer: 'route' };
  const rmsg = (fields: Record<string, unknown>): object => ({
    kind: 'RMSG',
    account: '$G',
    subject: 'foo',
    reply: undefined,
    queues: [],
    headers: undefined,
    payload: 'hello',
    ...fields,
  });

  void test('RMSG without reply; its empty queue list is frozen', () => {
    const { ops, error } = parseAll('RMSG $G foo 5\r\nhello\r\n', route);
    assert.equal(error, undefined);
    assert.deepEqual(readable(ops), [rmsg({})]);
    const [op] = ops;
    assert.ok(op.kind === 'RMSG' && Object.isFrozen(op.queues));
  });

  void test('RMSG with reply', () => {
    expectOps('RMSG $G foo _INBOX.r 5\r\nhello\r\n', [rmsg({ reply: '_INBOX.r' })], route);
  });

  void test("RMSG with '+ reply' and queue groups", () => {
    expectOps(
      'RMSG $G foo + _INBOX.r q1 q2 5\r\nhello\r\n',
      [rmsg({ reply: '_INBOX.r', queues: ['q1', 'q2'] })],
      route,
    );
  });

  void test("RMSG with '| queues' (no reply)", () => {
    expectOps(
      'RMSG $G foo | q1 5\r\nhello\r\nRMSG $G foo | q1 q2 5\r\nhello\r\n',
      [rmsg({ queues: ['q1'] }), rmsg({ queues: ['q1', 'q2'] })],
      route,
    );
  });

  void test("RMSG with '+ reply' and no queue", () => {
    expectOps('RMSG $G foo + r 5\r\nhello\r\n', [rmsg({ reply: 'r' })], route);
  });

  void test('HMSG on a route is a routed message with headers (kind RMSG)', () => {
    expectOps(
      `HMSG $G foo ${H} ${H + 5}\r\n${HEADERS}hello\r\n` +
        `HMSG $G foo r ${H} ${H + 5}\r\n${HEADERS}hello\r\n` +
        `HMSG $G foo + r q1 ${H} ${H + 5}\r\n${HEADERS}hello\r\n` +
        `HMSG $G foo | q1 q2 ${H} ${H}\r\n${HEADERS}\r\n`,
      [
        rmsg({ headers: HEADERS }),
        rmsg({ headers: HEADERS, reply: 'r' }),
        rmsg({ headers: HEADERS, reply: 'r', queues: ['q1'] }),
        rmsg({ headers: HEADERS, queues: ['q1', 'q2'], payload: '' }),
      ],
      route,
    );
  });

  void test('RS+ without and with queue and weight', () => {
    expectOps(
      'RS+ $G foo.>\r\nRS+ $G foo q 3\r\n',
      [
        { kind: 'RS+', account: '$G', subject: 'foo.>', queue: undefined, weight: undefined },
        { kind: 'RS+', account: '$G', subject: 'foo', queue: 'q', weight: 3 },
      ],
      route,
    );
  });

  void test('RS- without and with queue', () => {
    expectOps(
      'RS- $G foo\r\nRS- $G foo q\r\n',
      [
        { kind: 'RS-', account: '$G', subject: 'foo', queue: undefined },
        { kind: 'RS-', account: '$G', subject: 'foo', queue: 'q' },
      ],
      route,
    );
  });

  void test('LS+ has the origin first, then account, subject and optional queue and weight', () => {
    expectOps(
      'LS+ leaf1 $G foo\r\nLS+ leaf1 $G foo q 2\r\n',
      [
        {
          kind: 'LS+',
          origin: 'leaf1',
          account: '$G',
          subject: 'foo',
          queue: undefined,
          weight: undefined,
        },
        { kind: 'LS+', origin: 'leaf1', account: '$G', subject: 'foo', queue: 'q', weight: 2 },
      ],
      route,
    );
  });

  void test('LS- without and with queue', () => {
    expectOps(
      'LS- leaf1 $G foo\r\nLS- leaf1 $G foo q\r\n',
      [
        { kind: 'LS-', origin: 'leaf1', account: '$G', subject: 'foo', queue: undefined },
        { kind: 'LS-', origin: 'leaf1', account: '$G', subject: 'foo', queue: 'q' },
      ],
      route,
    );
  });

  void test('A+ and A-', () => {
    expectOps(
      'A+ acc\r\nA- acc\r\n',
      [
        { kind: 'A+', account: 'acc' },
        { kind: 'A-', account: 'acc' },
      ],
      route,
    );
  });

  void test('INFO, CONNECT, PING, PONG, +OK and -ERR', () => {
    expectOps(
      'INFO {"cluster":"c"}\r\nCONNECT {"cluster":"c"}\r\nPING\r\nPONG\r\n+OK\r\n-ERR \'x\'\r\n',
      [
        { kind: 'INFO', info: { cluster: 'c' } },
        { kind: 'CONNECT', options: { cluster: 'c' } },
        { kind: 'PING' },
        { kind: 'PONG' },
        { kind: '+OK' },
        { kind: '-ERR', message: 'x' },
      ],
      route,
    );
  });

  for (const line of ['PUB foo 5\r\nhello\r\n', 'SUB foo 1\r\n', 'MSG foo 1 5\r\nhello\r\n']) {
    void test(`a route may not send ${line.slice(0, line.indexOf(' '))}`, () => {
      expectError(line, ProtocolErrorCode.UnknownOp, route);
    });
  }
});

void describe('Parser errors', () => {
  void describe('UNKNOWN_OP', () => {
    const cases: [name: string, input: Input | readonly Input[], peer?: PeerKind][] = [
      ['an unknown op name', 'FOO\r\n'],
      ['an unknown op name before any newline', 'FOO'],
      ['an unknown first byte, alone', 'X'],
      ['an unknown op name followed by 100 bytes without a newline', `FOO${'x'.repeat(100)}`],
      ['an unknown op name followed by 10 000 bytes without a newline', `FOO${'x'.repeat(10000)}`],
      ['an op name prefix gone wrong across chunks', ['PU', 'X'.repeat(100)]],
      ['an op name prefix gone wrong one byte at a time', ['S', 'U', 'X']],
      ['an empty line', '\r\n'],
      ['a line starting with a space', ' PING\r\n'],
      ['UNSUB without a space', 'UNSUB\r\n'],
      ['PUB without a space', 'PUB\r\n'],
      ['an op name run into its argument', 'PUBfoo 5\r\nhello\r\n'],
      ['a payload longer than declared', 'PUB foo 5\r\nhelloXX\r\n'],
      ['a split payload longer than declared', ['PUB foo 5\r\nhel', 'loXX\r\n']],
      ['a payload followed by LF alone', 'PUB foo 5\r\nhello\n'],
      ['a payload shorter than declared, then the next op', ['PUB foo 5\r\nhey\r\n', 'PING\r\n']],
      ['MSG sent by a client', 'MSG foo 1 5\r\nhello\r\n', 'client'],
      ['RS+ sent by a client', 'RS+ $G foo\r\n', 'client'],
      ['HPUB sent by a server', `HPUB foo ${H} ${H}\r\n${HEADERS}\r\n`, 'server'],
      ['an unknown op on a route', 'RSX $G foo\r\n', 'route'],
    ];
    for (const [name, input, peer] of cases) {
      void test(name, () => {
        expectError(input, ProtocolErrorCode.UnknownOp, { peer: peer ?? 'client' });
      });
    }

    void test('an unknown op name is reported before an overlong line', () => {
      const { error } = expectError(`XYZ${'a'.repeat(100_000)}`, ProtocolErrorCode.UnknownOp);
      assert.match(error?.detail ?? '', /XYZ/);
    });
  });

  void describe('MAX_CONTROL_LINE', () => {
    void test('a complete line over the limit', () => {
      expectError(`SUB ${'a'.repeat(5000)} 1\r\n`, ProtocolErrorCode.MaxControlLine);
    });

    void test('a line split across chunks that never ends', () => {
      const parser = new Parser(() => assert.fail('no op expected'));
      let fed = 'SUB '.length;
      let error = parser.parse(bytes('SUB '));
      while (error === undefined && fed < 100_000) {
        error = parser.parse(bytes('a'.repeat(100)));
        fed += 100;
      }
      assert.equal(error?.code, ProtocolErrorCode.MaxControlLine);
      assert.equal(error.errText, ErrText.MaxControlLine);
      assert.ok(fed > DEFAULT_MAX_CONTROL_LINE, `stopped after only ${fed} bytes`);
      assert.ok(fed <= DEFAULT_MAX_CONTROL_LINE + 200, `buffered ${fed} bytes`);
    });

    void test('CONNECT, -ERR and INFO lines count too', () => {
      const long = 'x'.repeat(5000);
      expectError(`CONNECT {"name":"${long}"}\r\n`, ProtocolErrorCode.MaxControlLine);
      expectError(`-ERR '${long}'\r\n`, ProtocolErrorCode.MaxControlLine);
      expectError(`INFO {"a":"${'x'.repeat(70000)}"}\r\n`, ProtocolErrorCode.MaxControlLine, {
        peer: 'server',
      });
    });

    void test('RMSG on a route over the route limit', () => {
      expectError(`RMSG $G ${'a'.repeat(70000)} 1\r\nx\r\n`, ProtocolErrorCode.MaxControlLine, {
        peer: 'route',
      });
    });
  });

  void describe('MAX_PAYLOAD', () => {
    const cases: [input: string, peer: PeerKind][] = [
      ['PUB foo 2000000\r\n', 'client'],
      ['PUB foo r 1048577\r\n', 'client'],
      ['PUB foo 999999999\r\n', 'client'],
      ['HPUB foo 10 2000000\r\n', 'client'],
      ['MSG foo 1 2000000\r\n', 'server'],
      ['HMSG foo 1 10 2000000\r\n', 'server'],
      ['RMSG $G foo 2000000\r\n', 'route'],
      ['RMSG $G foo + r q 2000000\r\n', 'route'],
      ['HMSG $G foo 10 2000000\r\n', 'route'],
    ];
    for (const [input, peer] of cases) {
      void test(`${input.trim()} from a ${peer}`, () => {
        expectError(input, ProtocolErrorCode.MaxPayload, { peer });
      });
    }
  });

  void describe('BAD_ARGUMENTS (nats-server closes without -ERR)', () => {
    const cases: [input: string, peer: PeerKind][] = [
      ['PUB foo\r\n', 'client'],
      ['PUB foo x\r\n', 'client'],
      ['PUB foo -1\r\n', 'client'],
      ['PUB foo 1000000000\r\n', 'client'],
      ['PUB foo bar baz 5\r\n', 'client'],
      ['PUB  \r\n', 'client'],
      ['HPUB foo 5 3\r\n', 'client'],
      ['HPUB foo 5\r\n', 'client'],
      ['HPUB foo x 5\r\n', 'client'],
      ['HPUB foo 3 x\r\n', 'client'],
      ['HPUB foo a b 3 5\r\n', 'client'],
      ['SUB foo\r\n', 'client'],
      ['SUB foo q 1 2\r\n', 'client'],
      ['UNSUB \r\n', 'client'],
      ['UNSUB 1 2 3\r\n', 'client'],
      ['MSG foo 5\r\n', 'server'],
      ['MSG foo 1 x\r\n', 'server'],
      ['MSG foo 1 r s 5\r\n', 'server'],
      ['HMSG foo 1 5\r\n', 'server'],
      ['HMSG foo 1 5 3\r\n', 'server'],
      ['HMSG foo 1 x 5\r\n', 'server'],
      ['RMSG $G 5\r\n', 'route'],
      ['RMSG $G foo x\r\n', 'route'],
      ['RMSG $G foo ? r q 5\r\n', 'route'],
      ['RMSG $G foo ++ r q 5\r\n', 'route'],
      ['HMSG $G 3 5\r\n', 'route'],
      ['HMSG $G foo 5 3\r\n', 'route'],
      ['HMSG $G foo | q x 5\r\n', 'route'],
      ['RS+ $G\r\n', 'route'],
      ['RS+ $G foo q\r\n', 'route'],
      ['RS+ $G foo q x\r\n', 'route'],
      ['RS+ $G foo q 1 2\r\n', 'route'],
      ['RS- $G\r\n', 'route'],
      ['RS- $G foo q x\r\n', 'route'],
      ['LS+ o $G\r\n', 'route'],
      ['LS+ o $G foo q\r\n', 'route'],
      ['LS+ o $G foo q w\r\n', 'route'],
      ['LS- o $G\r\n', 'route'],
      ['LS- o $G foo q x\r\n', 'route'],
      ['A+ \r\n', 'route'],
      ['A- a b\r\n', 'route'],
    ];
    for (const [input, peer] of cases) {
      void test(`${JSON.stringify(input)} from a ${peer}`, () => {
        expectError(input, ProtocolErrorCode.BadArguments, { peer });
      });
    }
  });

  void describe('BAD_JSON (nats-server closes without -ERR)', () => {
    const cases: [input: string, peer: PeerKind][] = [
      ['CONNECT {bad\r\n', 'client'],
      ['CONNECT []\r\n', 'client'],
      ['CONNECT 42\r\n', 'client'],
      ['CONNECT "x"\r\n', 'client'],
      ['CONNECT null\r\n', 'client'],
      ['INFO {\r\n', 'server'],
      ['INFO nope\r\n', 'route'],
    ];
    for (const [input, peer] of cases) {
      void test(`${JSON.stringify(input)} from a ${peer}`, () => {
        expectError(input, ProtocolErrorCode.BadJson, { peer });
      });
    }
  });

  void describe('after an error the parser stops', () => {
    const stopping: [name: string, input: string][] = [
      ['on an unknown op', 'PING\r\nFOO\r\nPING\r\n'],
      ['on bad arguments', 'PING\r\nPUB foo\r\nPING\r\n'],
      ['on a bad payload trailer', 'PING\r\nPUB foo 1\r\nxy\r\nPING\r\n'],
      ['on an overlong line', `PING\r\nSUB ${'a'.repeat(5000)} 1\r\nPING\r\n`],
      ['on an oversized payload', 'PING\r\nPUB foo 2000000\r\nPING\r\n'],
      ['on bad JSON', 'PING\r\nCONNECT {\r\nPING\r\n'],
    ];
    for (const [name, input] of stopping) {
      void test(name, () => {
        const { ops, error, parser } = parseAll(input);
        assert.ok(error);
        assert.deepEqual(readable(ops), [{ kind: 'PING' }], 'ops before the error are emitted');
        assert.equal(parser.error, error);
        assert.equal(parser.parse(bytes('PING\r\n')), error, 'the same error, again');
        assert.equal(parser.parse(bytes('PUB foo 1\r\nx\r\n')), error);
        assert.equal(ops.length, 1, 'nothing more is emitted');
      });
    }

    void test('a fresh parser has no error', () => {
      const parser = new Parser(() => undefined);
      assert.equal(parser.error, undefined);
      assert.equal(parser.parse(new Uint8Array(0)), undefined);
    });
  });
});

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

void describe('Parser options', () => {
  void test('defaults: 4096 control line for clients, 1 MiB payload', () => {
    assert.equal(DEFAULT_MAX_CONTROL_LINE, 4096);
    assert.equal(DEFAULT_MAX_PAYLOAD, 1024 * 1024);
  });

  void test('the client control-line limit counts the arguments: 4096 pass, 4097 fail', () => {
    const subject = (argsLength: number): string => 'a'.repeat(argsLength - ' 1'.length);
    expectOps(`SUB ${subject(4096)} 1\r\n`, [
      { kind: 'SUB', subject: subject(4096), queue: undefined, sid: '1' },
    ]);
    expectError(`SUB ${subject(4097)} 1\r\n`, ProtocolErrorCode.MaxControlLine);
  });

  for (const peer of ['server', 'route'] as const) {
    void test(`a ${peer} peer's default control-line limit is 64 KiB`, () => {
      const json = (length: number): string => `{"a":"${'x'.repeat(length - 8)}"}`;
      const { ops, error } = parseAll(`INFO ${json(65536)}\r\n`, { peer });
      assert.equal(error, undefined);
      assert.equal(ops[0].kind, 'INFO');
      expectError(`INFO ${json(65537)}\r\n`, ProtocolErrorCode.MaxControlLine, { peer });
    });
  }

  void test('maxControlLine sets the limit on the arguments', () => {
    const options = { maxControlLine: 16 };
    expectOps(
      'SUB abcdefghijklmn 1\r\n',
      [{ kind: 'SUB', subject: 'abcdefghijklmn', queue: undefined, sid: '1' }],
      options,
    );
    expectError('SUB abcdefghijklmno 1\r\n', ProtocolErrorCode.MaxControlLine, options);
  });

  void test('maxControlLine bounds an unfinished line too', () => {
    const options = { maxControlLine: 100 };
    // A line that may still be legal is kept...
    assert.equal(parseAll(`SUB ${'a'.repeat(100)}`, options).error, undefined);
    // ...but not much more than the limit and an op name.
    expectError(`SUB ${'a'.repeat(200)}`, ProtocolErrorCode.MaxControlLine, options);
  });

  void test('maxPayload sets the limit; headers count toward it', () => {
    const options = { maxPayload: 10 };
    expectOps(
      'PUB foo 10\r\n0123456789\r\n',
      [{ kind: 'PUB', subject: 'foo', reply: undefined, payload: '0123456789' }],
      options,
    );
    expectError('PUB foo 11\r\n', ProtocolErrorCode.MaxPayload, options);
    expectError('HPUB foo 5 11\r\n', ProtocolErrorCode.MaxPayload, options);
    expectError('MSG foo 1 11\r\n', ProtocolErrorCode.MaxPayload, { ...options, peer: 'server' });
  });

  void test('maxPayload 0 allows only empty payloads', () => {
    const options = { maxPayload: 0 };
    expectOps(
      'PUB foo 0\r\n\r\n',
      [{ kind: 'PUB', subject: 'foo', reply: undefined, payload: '' }],
      options,
    );
    expectError('PUB foo 1\r\n', ProtocolErrorCode.MaxPayload, options);
  });

  void test('the default payload limit: 1 MiB passes, one byte more fails', () => {
    const payload = new Uint8Array(DEFAULT_MAX_PAYLOAD).fill(0x61);
    const { ops, error } = parseChunks([`PUB foo ${DEFAULT_MAX_PAYLOAD}\r\n`, payload, '\r\n']);
    assert.equal(error, undefined);
    assert.ok(ops[0].kind === 'PUB' && ops[0].payload.length === DEFAULT_MAX_PAYLOAD);
    expectError(`PUB foo ${DEFAULT_MAX_PAYLOAD + 1}\r\n`, ProtocolErrorCode.MaxPayload);
  });
});

void describe('Parser against hostile input', () => {
  const TEN_MB = 10 * 1024 * 1024;

  function hostile(prefix: string): Uint8Array {
    const input = new Uint8Array(prefix.length + TEN_MB).fill(0x61);
    input.set(bytes(prefix));
    return input;
  }

  void test('10 MB without a newline after PUB, in one chunk: MAX_CONTROL_LINE, nothing copied', () => {
    const input = hostile('PUB ');
    const parser = new Parser(() => assert.fail('no op expected'));
    const before = process.memoryUsage().arrayBuffers;
    const error = parser.parse(input);
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.equal(error?.code, ProtocolErrorCode.MaxControlLine);
    // The chunk is not duplicated into the line buffer just to be rejected.
    assert.ok(grown < 1024 * 1024, `array buffers grew by ${grown} bytes`);
  });

  void test('10 MB without a newline after PUB, in 64 KiB chunks: stops on the first chunk', () => {
    const input = hostile('PUB ');
    const parser = new Parser(() => assert.fail('no op expected'));
    const results: (ProtocolError | undefined)[] = [];
    for (let at = 0; at < input.length; at += 65536) {
      results.push(parser.parse(input.subarray(at, at + 65536)));
    }
    const first = results[0];
    assert.equal(first?.code, ProtocolErrorCode.MaxControlLine);
    assert.ok(results.every((result) => result === first));
  });

  void test('a line fed one byte at a time is cut off just past the limit', () => {
    const parser = new Parser(() => assert.fail('no op expected'));
    const one = bytes('a');
    let fed = 4;
    let error = parser.parse(bytes('PUB '));
    while (error === undefined && fed < 10_000) {
      error = parser.parse(one);
      fed++;
    }
    assert.equal(error?.code, ProtocolErrorCode.MaxControlLine);
    assert.ok(fed > DEFAULT_MAX_CONTROL_LINE && fed <= DEFAULT_MAX_CONTROL_LINE + 65 + 4);
  });

  void test('10 MB after an unknown op name: UNKNOWN_OP', () => {
    expectError(hostile('XUB '), ProtocolErrorCode.UnknownOp);
  });

  void test('a declared payload waits for its bytes without error', () => {
    const { ops, error } = parseChunks([`PUB foo ${DEFAULT_MAX_PAYLOAD}\r\n`, 'abc']);
    assert.equal(error, undefined);
    assert.equal(ops.length, 0);
  });
});
