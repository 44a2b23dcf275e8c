// Parser tests: ops from a client peer (we are the server).
// Shared helpers are in parser.test.helpers.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Parser, ProtocolErrorCode, type ParserOptions } from './index.js';
import { H, HEADERS, parseAll, parserExpectations, readable } from './parser.test.helpers.js';

const { expectOps, expectError } = parserExpectations(assert);

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
