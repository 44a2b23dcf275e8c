// The codec against a real nats-server (Debian's package): our frames are what it
// accepts, what it sends parses, and for bad input our ProtocolError carries the
// -ERR text it sends (or none where it closes silently).

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  encodeConnect,
  encodeHpub,
  encodePub,
  encodeSub,
  MsgHeaders,
  Parser,
  type Op,
  type PeerKind,
} from './index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = new TextEncoder();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (connected) return;
    await sleep(50);
  }
  throw new Error(`nats-server did not listen on ${port}`);
}

interface Conversation {
  ops: Op[];
  /** The server closed the connection (rather than going quiet). */
  closed: boolean;
}

/** A session with the server: everything it sends, parsed, until it closes or goes quiet. */
async function converse(port: number, input: Uint8Array[], quietMs = 300): Promise<Conversation> {
  const ops: Op[] = [];
  let closed = false;
  const parser = new Parser((op) => ops.push(op), { peer: 'server' });
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const quiet = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    socket.once('data', () => {
      for (const frame of input) socket.write(frame);
    });
    socket.on('data', (chunk) => {
      const error = parser.parse(chunk);
      if (error) reject(new Error(`could not parse nats-server output: ${error.detail}`));
      quiet();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('error', reject);
  });
  return { ops, closed };
}

function ourError(peer: PeerKind, input: string) {
  const parser = new Parser(() => undefined, { peer });
  return parser.parse(text.encode(input));
}

void describe('interop with nats-server', () => {
  let server: ChildProcess | undefined;
  let port = 0;

  before(async () => {
    const found = spawnSync('sh', ['-c', 'command -v nats-server']).status === 0;
    assert.ok(found, 'nats-server is not installed (apt-get install -y nats-server)');
    port = await freePort();
    server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitForPort(port, Date.now() + 10_000);
  });

  after(() => {
    server?.kill('SIGKILL');
  });

  void test('the README client publishes and receives its own message', () => {
    const run = spawnSync(
      process.execPath,
      [join(packageDir, 'examples/client.mjs'), String(port)],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^connected to \S+ \(nats-server 2\.\d+\.\d+\)\n/);
    assert.match(run.stdout, /greetings\.world: hello\n$/);
  });

  void test('INFO parses into the typed fields', async () => {
    const [info] = (await converse(port, [], 50)).ops;
    assert.equal(info.kind, 'INFO');
    assert.equal(info.info.proto, 1);
    assert.equal(info.info.port, port);
    assert.equal(info.info.headers, true);
    assert.equal(info.info.max_payload, 1024 * 1024);
    assert.equal(typeof info.info.server_id, 'string');
  });

  void test('HPUB headers come back in HMSG byte for byte, with reply and payload', async () => {
    const headers = new MsgHeaders().append('Nats-Msg-Id', 'abc').append('X-Trace', '1').encode();
    const { ops } = await converse(port, [
      encodeConnect({ verbose: false, pedantic: false, tls_required: false, headers: true }),
      encodeSub('orders.*', '7'),
      encodeHpub('orders.new', headers, text.encode('payload\r\nwith CRLF'), 'reply.to'),
      encodePub('orders.old', new Uint8Array(0)),
    ]);
    const messages = ops.filter((op) => op.kind === 'HMSG' || op.kind === 'MSG');
    assert.equal(messages.length, 2);
    const [withHeaders, plain] = messages;
    assert.equal(withHeaders.kind, 'HMSG');
    assert.equal(withHeaders.subject, 'orders.new');
    assert.equal(withHeaders.sid, '7');
    assert.equal(withHeaders.reply, 'reply.to');
    assert.deepEqual([...withHeaders.headers], [...headers]);
    assert.equal(new TextDecoder().decode(withHeaders.payload), 'payload\r\nwith CRLF');
    assert.equal(plain.kind, 'MSG');
    assert.equal(plain.payload.length, 0);
  });

  void test('a request nobody answers gets a 503 status header that MsgHeaders decodes', async () => {
    const { ops } = await converse(port, [
      encodeConnect({
        verbose: false,
        pedantic: false,
        tls_required: false,
        headers: true,
        no_responders: true,
      }),
      encodeSub('_INBOX.x', '1'),
      encodePub('nobody.home', text.encode('?'), '_INBOX.x'),
    ]);
    const reply = ops.find((op) => op.kind === 'HMSG');
    assert.ok(reply?.kind === 'HMSG');
    const headers = MsgHeaders.decode(reply.headers);
    assert.equal(headers.status, 503);
    assert.deepEqual([...headers.encode()], [...reply.headers]);
  });

  const badInputs: [name: string, input: string][] = [
    ['an unknown op', 'FOO\r\n'],
    ['an unknown op without a newline', 'FOO'],
    ['UNSUB without arguments', 'UNSUB\r\n'],
    ['a payload longer than declared', 'PUB foo 5\r\nhelloXX\r\n'],
    ['a payload over max_payload', 'PUB foo 2000000\r\n'],
    ['a control line over max_control_line', `SUB ${'a'.repeat(5000)} 1\r\n`],
    ['PUB without a size', 'PUB foo\r\n'],
    ['PUB with a size that is not a number', 'PUB foo x\r\n'],
    ['SUB without a sid', 'SUB foo\r\n'],
    ['CONNECT with bad JSON', 'CONNECT {bad\r\n'],
    ['MSG sent by a client', 'MSG foo 1 2\r\nhi\r\n'],
    ['RS+ sent by a client', 'RS+ $G foo\r\n'],
  ];
  for (const [name, input] of badInputs) {
    void test(`${name}: same -ERR as nats-server, then closed`, async () => {
      const { ops, closed } = await converse(port, [text.encode(input)], 1000);
      assert.ok(closed, 'nats-server kept the connection open');
      const sent = ops.filter((op) => op.kind === '-ERR').map((op) => op.message);
      const error = ourError('client', input);
      assert.ok(error, 'our parser accepted it');
      assert.deepEqual(sent, error.errText === undefined ? [] : [error.errText]);
    });
  }
});
