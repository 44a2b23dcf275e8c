// Parser tests: ops from server and route peers.
// Shared helpers are in parser.test.helpers.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtocolErrorCode, type ParserOptions } from './index.js';
import { H, HEADERS, parseAll, parserExpectations, readable } from './parser.test.helpers.js';

const { expectOps, expectError } = parserExpectations(assert);

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
