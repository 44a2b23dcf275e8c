import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  encode,
  encodeConnect,
  encodeErr,
  encodeHpub,
  encodeInfo,
  encodeMsg,
  encodePub,
  encodeRmsg,
  encodeSub,
  encodeUnsub,
  msgFrameLength,
  OK_FRAME,
  Parser,
  PING_FRAME,
  PONG_FRAME,
  writeMsg,
  type ConnectOptions,
  type Op,
  type PeerKind,
  type ServerInfo,
} from './index.js';

const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

const HEADERS = 'NATS/1.0\r\nA: b\r\n\r\n';
const H = bytes(HEADERS);
const HELLO = bytes('hello');

/** Asserts the exact frame, comparing as text for a readable diff, then as bytes. */
function expectFrame(frame: Uint8Array, expected: string): void {
  assert.equal(text(frame), expected);
  assert.deepEqual(frame, bytes(expected));
}

function parseOne(frame: Uint8Array, peer: PeerKind): Op {
  const ops: Op[] = [];
  const error = new Parser((op) => ops.push(op), { peer }).parse(frame);
  assert.equal(error, undefined, error?.detail);
  assert.equal(ops.length, 1);
  return ops[0];
}

void describe('fixed frames', () => {
  void test('PING_FRAME, PONG_FRAME and OK_FRAME', () => {
    expectFrame(PING_FRAME, 'PING\r\n');
    expectFrame(PONG_FRAME, 'PONG\r\n');
    expectFrame(OK_FRAME, '+OK\r\n');
  });

  void test('encode() of PING, PONG and +OK returns the shared frames', () => {
    assert.equal(encode({ kind: 'PING' }), PING_FRAME);
    assert.equal(encode({ kind: 'PONG' }), PONG_FRAME);
    assert.equal(encode({ kind: '+OK' }), OK_FRAME);
  });
});

void describe('encodePub', () => {
  void test('without reply', () => {
    expectFrame(encodePub('foo', HELLO), 'PUB foo 5\r\nhello\r\n');
  });

  void test('with reply', () => {
    expectFrame(encodePub('foo', HELLO, '_INBOX.1'), 'PUB foo _INBOX.1 5\r\nhello\r\n');
  });

  void test('empty payload', () => {
    expectFrame(encodePub('foo', new Uint8Array(0)), 'PUB foo 0\r\n\r\n');
  });

  void test('binary payload with CRLF and multi-digit size', () => {
    const payload = new Uint8Array(1234).map((_, i) => i % 256);
    const frame = encodePub('foo', payload);
    const head = bytes('PUB foo 1234\r\n');
    assert.equal(frame.length, head.length + 1234 + 2);
    assert.deepEqual(frame.subarray(0, head.length), head);
    assert.deepEqual(frame.subarray(head.length, head.length + 1234), payload);
    assert.deepEqual(frame.subarray(-2), bytes('\r\n'));
  });
});

void describe('encodeHpub', () => {
  void test('without reply: header size then total size', () => {
    expectFrame(encodeHpub('foo', H, HELLO), `HPUB foo 18 23\r\n${HEADERS}hello\r\n`);
  });

  void test('with reply', () => {
    expectFrame(encodeHpub('foo', H, HELLO, 'r'), `HPUB foo r 18 23\r\n${HEADERS}hello\r\n`);
  });

  void test('headers only', () => {
    expectFrame(encodeHpub('foo', H, new Uint8Array(0)), `HPUB foo 18 18\r\n${HEADERS}\r\n`);
  });
});

void describe('encodeSub and encodeUnsub', () => {
  void test('SUB without and with queue', () => {
    expectFrame(encodeSub('foo.*', '1'), 'SUB foo.* 1\r\n');
    expectFrame(encodeSub('foo.>', '22', 'workers'), 'SUB foo.> workers 22\r\n');
  });

  void test('UNSUB without and with max', () => {
    expectFrame(encodeUnsub('1'), 'UNSUB 1\r\n');
    expectFrame(encodeUnsub('1', 10), 'UNSUB 1 10\r\n');
    expectFrame(encodeUnsub('7', 999999999), 'UNSUB 7 999999999\r\n');
  });
});

void describe('encodeErr', () => {
  void test('quotes the message', () => {
    expectFrame(encodeErr('x'), "-ERR 'x'\r\n");
    expectFrame(encodeErr('Unknown Protocol Operation'), "-ERR 'Unknown Protocol Operation'\r\n");
    expectFrame(encodeErr(''), "-ERR ''\r\n");
  });
});

void describe('encodeInfo and encodeConnect', () => {
  void test('INFO is the op name, a space and compact JSON', () => {
    const info = { server_id: 'N1', max_payload: 1048576, headers: true } as unknown as ServerInfo;
    expectFrame(
      encodeInfo(info),
      'INFO {"server_id":"N1","max_payload":1048576,"headers":true}\r\n',
    );
  });

  void test('CONNECT is the op name, a space and compact JSON; strings may hold spaces', () => {
    const options: ConnectOptions = {
      verbose: false,
      pedantic: false,
      tls_required: false,
      name: 'my app',
    };
    expectFrame(
      encodeConnect(options),
      'CONNECT {"verbose":false,"pedantic":false,"tls_required":false,"name":"my app"}\r\n',
    );
  });
});

void describe('encodeMsg', () => {
  void test('MSG without reply', () => {
    expectFrame(encodeMsg('foo', '1', HELLO), 'MSG foo 1 5\r\nhello\r\n');
  });

  void test('MSG with reply', () => {
    expectFrame(encodeMsg('foo', '1', HELLO, '_INBOX.x'), 'MSG foo 1 _INBOX.x 5\r\nhello\r\n');
  });

  void test('HMSG when headers are given', () => {
    expectFrame(
      encodeMsg('foo', '1', HELLO, undefined, H),
      `HMSG foo 1 18 23\r\n${HEADERS}hello\r\n`,
    );
  });

  void test('HMSG with reply', () => {
    expectFrame(encodeMsg('foo', '1', HELLO, 'r', H), `HMSG foo 1 r 18 23\r\n${HEADERS}hello\r\n`);
  });

  void test('empty payload, with and without headers', () => {
    const empty = new Uint8Array(0);
    expectFrame(encodeMsg('foo', '1', empty), 'MSG foo 1 0\r\n\r\n');
    expectFrame(encodeMsg('foo', '1', empty, undefined, H), `HMSG foo 1 18 18\r\n${HEADERS}\r\n`);
  });
});

void describe('encodeRmsg', () => {
  void test('no reply, no queues', () => {
    expectFrame(encodeRmsg('$G', 'foo', HELLO), 'RMSG $G foo 5\r\nhello\r\n');
  });

  void test('reply without queues goes in place', () => {
    expectFrame(encodeRmsg('$G', 'foo', HELLO, { reply: 'r' }), 'RMSG $G foo r 5\r\nhello\r\n');
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { reply: 'r', queues: [] }),
      'RMSG $G foo r 5\r\nhello\r\n',
    );
  });

  void test("reply with queues: '+ reply q1 q2'", () => {
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { reply: 'r', queues: ['q1', 'q2'] }),
      'RMSG $G foo + r q1 q2 5\r\nhello\r\n',
    );
  });

  void test("queues without reply: '| q1'", () => {
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { queues: ['q1'] }),
      'RMSG $G foo | q1 5\r\nhello\r\n',
    );
  });

  void test('headers make it HMSG with a header size', () => {
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { headers: H }),
      `HMSG $G foo 18 23\r\n${HEADERS}hello\r\n`,
    );
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { headers: H, reply: 'r', queues: ['q'] }),
      `HMSG $G foo + r q 18 23\r\n${HEADERS}hello\r\n`,
    );
    expectFrame(
      encodeRmsg('$G', 'foo', HELLO, { headers: H, queues: ['q1', 'q2'] }),
      `HMSG $G foo | q1 q2 18 23\r\n${HEADERS}hello\r\n`,
    );
  });
});

void describe('encode() of every op kind', () => {
  const cases: [op: Op, frame: string, peer: PeerKind][] = [
    [
      { kind: 'INFO', info: { server_id: 'x' } as ServerInfo },
      'INFO {"server_id":"x"}\r\n',
      'server',
    ],
    [
      {
        kind: 'CONNECT',
        options: { verbose: true, pedantic: false, tls_required: false },
      },
      'CONNECT {"verbose":true,"pedantic":false,"tls_required":false}\r\n',
      'client',
    ],
    [
      { kind: 'PUB', subject: 'foo', reply: undefined, payload: HELLO },
      'PUB foo 5\r\nhello\r\n',
      'client',
    ],
    [
      { kind: 'PUB', subject: 'foo', reply: 'r', payload: HELLO },
      'PUB foo r 5\r\nhello\r\n',
      'client',
    ],
    [
      { kind: 'HPUB', subject: 'foo', reply: 'r', headers: H, payload: HELLO },
      `HPUB foo r 18 23\r\n${HEADERS}hello\r\n`,
      'client',
    ],
    [{ kind: 'SUB', subject: 'foo', queue: 'q', sid: '1' }, 'SUB foo q 1\r\n', 'client'],
    [{ kind: 'SUB', subject: 'foo', queue: undefined, sid: '1' }, 'SUB foo 1\r\n', 'client'],
    [{ kind: 'UNSUB', sid: '1', max: 5 }, 'UNSUB 1 5\r\n', 'client'],
    [{ kind: 'UNSUB', sid: '1', max: undefined }, 'UNSUB 1\r\n', 'client'],
    [
      { kind: 'MSG', subject: 'foo', sid: '1', reply: 'r', payload: HELLO },
      'MSG foo 1 r 5\r\nhello\r\n',
      'server',
    ],
    [
      { kind: 'HMSG', subject: 'foo', sid: '1', reply: undefined, headers: H, payload: HELLO },
      `HMSG foo 1 18 23\r\n${HEADERS}hello\r\n`,
      'server',
    ],
    [
      {
        kind: 'RMSG',
        account: '$G',
        subject: 'foo',
        reply: 'r',
        queues: ['q1', 'q2'],
        headers: undefined,
        payload: HELLO,
      },
      'RMSG $G foo + r q1 q2 5\r\nhello\r\n',
      'route',
    ],
    [
      {
        kind: 'RMSG',
        account: '$G',
        subject: 'foo',
        reply: undefined,
        queues: [],
        headers: H,
        payload: HELLO,
      },
      `HMSG $G foo 18 23\r\n${HEADERS}hello\r\n`,
      'route',
    ],
    [
      { kind: 'RS+', account: '$G', subject: 'foo', queue: undefined, weight: undefined },
      'RS+ $G foo\r\n',
      'route',
    ],
    [
      { kind: 'RS+', account: '$G', subject: 'foo', queue: 'q', weight: 3 },
      'RS+ $G foo q 3\r\n',
      'route',
    ],
    [{ kind: 'RS-', account: '$G', subject: 'foo', queue: undefined }, 'RS- $G foo\r\n', 'route'],
    [{ kind: 'RS-', account: '$G', subject: 'foo', queue: 'q' }, 'RS- $G foo q\r\n', 'route'],
    [
      {
        kind: 'LS+',
        origin: 'o',
        account: '$G',
        subject: 'foo',
        queue: undefined,
        weight: undefined,
      },
      'LS+ o $G foo\r\n',
      'route',
    ],
    [
      { kind: 'LS+', origin: 'o', account: '$G', subject: 'foo', queue: 'q', weight: 0 },
      'LS+ o $G foo q 0\r\n',
      'route',
    ],
    [
      { kind: 'LS-', origin: 'o', account: '$G', subject: 'foo', queue: undefined },
      'LS- o $G foo\r\n',
      'route',
    ],
    [
      { kind: 'LS-', origin: 'o', account: '$G', subject: 'foo', queue: 'q' },
      'LS- o $G foo q\r\n',
      'route',
    ],
    [{ kind: 'A+', account: 'acc' }, 'A+ acc\r\n', 'route'],
    [{ kind: 'A-', account: 'acc' }, 'A- acc\r\n', 'route'],
    [{ kind: 'PING' }, 'PING\r\n', 'client'],
    [{ kind: 'PONG' }, 'PONG\r\n', 'server'],
    [{ kind: '+OK' }, '+OK\r\n', 'server'],
    [{ kind: '-ERR', message: 'Stale Connection' }, "-ERR 'Stale Connection'\r\n", 'server'],
  ];

  for (const [op, frame, peer] of cases) {
    void test(`${op.kind} -> ${JSON.stringify(frame.split('\r\n')[0])}, and parses back`, () => {
      const encoded = encode(op);
      expectFrame(encoded, frame);
      assert.deepEqual(parseOne(encoded, peer), op);
    });
  }
});

void describe('msgFrameLength and writeMsg', () => {
  const subjects: [subject: string, sid: string, reply: string | undefined][] = [
    ['foo', '1', undefined],
    ['foo.bar', '123', '_INBOX.abc'],
    ['ü.日本', 'sïd', 'rëply'],
    ['emoji.😀', '😀', '😀.reply'],
  ];
  const payloadLengths = [0, 1, 9, 10, 99, 100, 1000, 65536];
  const headerBlocks = [undefined, H, new Uint8Array(0), new Uint8Array(95).fill(0x41)];

  void test('msgFrameLength is the length encodeMsg and writeMsg write, for every shape', () => {
    for (const [subject, sid, reply] of subjects) {
      for (const length of payloadLengths) {
        for (const headers of headerBlocks) {
          const payload = new Uint8Array(length).fill(0x7a);
          const expected = msgFrameLength(subject, sid, reply, headers, length);
          const frame = encodeMsg(subject, sid, payload, reply, headers);
          const shape = `${subject} ${sid} ${String(reply)} ${String(headers?.length)} ${length}`;
          assert.equal(frame.length, expected, shape);
          // No byte of the frame is left unwritten (zero) by a short count.
          assert.deepEqual(frame.subarray(-2), bytes('\r\n'), shape);
          const target = new Uint8Array(expected);
          assert.equal(writeMsg(target, 0, subject, sid, reply, headers, payload), expected, shape);
          assert.deepEqual(target, frame, shape);
        }
      }
    }
  });

  void test('the frame is exactly the MSG/HMSG text', () => {
    const frame = encodeMsg('ü.日本', 'sïd', HELLO, 'rëply');
    expectFrame(frame, 'MSG ü.日本 sïd rëply 5\r\nhello\r\n');
    assert.equal(frame.length, msgFrameLength('ü.日本', 'sïd', 'rëply', undefined, 5));
  });

  void test('writeMsg writes at an offset and touches nothing outside its frame', () => {
    const length = msgFrameLength('foo', '1', 'r', H, HELLO.length);
    const offset = 7;
    const target = new Uint8Array(offset + length + 9).fill(0xee);
    const end = writeMsg(target, offset, 'foo', '1', 'r', H, HELLO);
    assert.equal(end, offset + length);
    assert.ok(
      target.subarray(0, offset).every((byte) => byte === 0xee),
      'bytes before',
    );
    assert.ok(
      target.subarray(end).every((byte) => byte === 0xee),
      'bytes after',
    );
    expectFrame(target.subarray(offset, end), `HMSG foo 1 r 18 23\r\n${HEADERS}hello\r\n`);
  });

  void test('writeMsg frames written back to back parse as consecutive messages', () => {
    const first = msgFrameLength('a', '1', undefined, undefined, 5);
    const second = msgFrameLength('日本', '2', 'r', H, 0);
    const target = new Uint8Array(first + second);
    const middle = writeMsg(target, 0, 'a', '1', undefined, undefined, HELLO);
    assert.equal(middle, first);
    const end = writeMsg(target, middle, '日本', '2', 'r', H, new Uint8Array(0));
    assert.equal(end, target.length);
    const ops: Op[] = [];
    assert.equal(new Parser((op) => ops.push(op), { peer: 'server' }).parse(target), undefined);
    assert.deepEqual(ops, [
      { kind: 'MSG', subject: 'a', sid: '1', reply: undefined, payload: HELLO },
      {
        kind: 'HMSG',
        subject: '日本',
        sid: '2',
        reply: 'r',
        headers: H,
        payload: new Uint8Array(0),
      },
    ]);
  });
});

void describe('UTF-8 subjects and tokens', () => {
  void test('multi-byte subjects are written as UTF-8 and sized in bytes', () => {
    expectFrame(encodePub('ünï.日本', HELLO, 'rép.😀'), 'PUB ünï.日本 rép.😀 5\r\nhello\r\n');
    expectFrame(encodeSub('ünï.*', 'sïd', 'qüeue'), 'SUB ünï.* qüeue sïd\r\n');
    expectFrame(
      encodeRmsg('äcc', '日本', HELLO, { reply: 'r', queues: ['q😀'] }),
      'RMSG äcc 日本 + r q😀 5\r\nhello\r\n',
    );
  });

  void test('they parse back to the same strings', () => {
    const op: Op = { kind: 'PUB', subject: 'ünï.日本.😀', reply: 'rép', payload: HELLO };
    assert.deepEqual(parseOne(encode(op), 'client'), op);
  });
});
