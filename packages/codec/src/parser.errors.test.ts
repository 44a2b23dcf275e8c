// Parser tests: protocol errors, the parser stopping after one, the control-line and
// payload limits and their options, and memory bounds under hostile input.
// Shared helpers are in parser.test.helpers.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_MAX_CONTROL_LINE,
  DEFAULT_MAX_PAYLOAD,
  ErrText,
  Parser,
  ProtocolErrorCode,
  type PeerKind,
  type ProtocolError,
} from './index.js';
import {
  bytes,
  H,
  HEADERS,
  parseAll,
  parseChunks,
  parserExpectations,
  readable,
  type Input,
} from './parser.test.helpers.js';

const { expectOps, expectError } = parserExpectations(assert);

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
    // ...but once the op name is known, only its arguments count, as in nats-server:
    // one byte over the limit fails before the line ends.
    expectError(`SUB ${'a'.repeat(101)}`, ProtocolErrorCode.MaxControlLine, options);
    // A CR that may end the line is not an argument.
    assert.equal(parseAll(`SUB ${'a'.repeat(100)}\r`, options).error, undefined);
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
