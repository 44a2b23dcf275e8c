import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test, type TestContext } from 'node:test';
// @nats-io/nats-core's wsconnect, re-exported by the workspace's declared v3 client.
import { wsconnect, type NatsConnection } from '@nats-io/transport-node';
import { connect } from 'nats';
import { WebSocket, type ClientOptions } from 'ws';
import type { NatsServer } from '../server.js';
import { startServer, testOptions } from '../test-support.js';
import { serverTls, testdata, tlsBlock } from '../tls/fixtures.js';
import { startWebsocket } from './listener.js';

// Node 20 has no global WebSocket; the v3 client expects one.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

interface Started {
  server: NatsServer;
  tcpUrl: string;
  wsUrl: string;
  wsPort: number;
  logs: string[];
}

async function startWs(t: TestContext, websocket: string, extra = ''): Promise<Started> {
  const logs: string[] = [];
  const log = (level: string) => (message: string) => logs.push(`[${level}] ${message}`);
  const logger = {
    notice: log('INF'),
    warn: log('WRN'),
    error: log('ERR'),
    debug: () => undefined,
    trace: () => undefined,
  };
  const config = `websocket {\nhost: "127.0.0.1"\nport: -1\n${websocket}\n}\n${extra}`;
  const { server, url } = await startServer(t, config, { logger });
  const listener = await startWebsocket(server, server.options, logger);
  t.after(() => listener.close());
  const wsPort = listener.address.port;
  return { server, tcpUrl: url, wsUrl: `ws://127.0.0.1:${wsPort}`, wsPort, logs };
}

async function wsClient(t: TestContext, servers: string): Promise<NatsConnection> {
  const nc = await wsconnect({ servers, reconnect: false });
  t.after(() => nc.close());
  return nc;
}

/** A websocket speaking the protocol by hand: everything received, and how it closed. */
function rawWs(t: TestContext, url: string, options: ClientOptions = {}) {
  const ws = new WebSocket(url, options);
  t.after(() => {
    ws.terminate();
  });
  const frames: string[] = [];
  let onFrame = (): void => undefined;
  ws.on('message', (data: Buffer) => {
    frames.push(data.toString());
    onFrame();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  // Awaited only by some tests; a failed open must not become an unhandled rejection.
  opened.catch(() => undefined);
  const received = (): string => frames.join('');
  const waitFor = (text: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${text}; got ${JSON.stringify(received())}`));
      }, 2000);
      onFrame = () => {
        if (!received().includes(text)) return;
        clearTimeout(timer);
        resolve(received());
      };
      onFrame();
    });
  return { ws, frames, opened, closed, received, waitFor };
}

/** The HTTP status the upgrade gets (101 when it goes through), and the response. */
function handshake(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => {
        ws.terminate();
        resolve({ status: 101, headers: {}, body: '' });
      });
      ws.once('unexpected-response', (request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      });
      ws.once('error', reject);
    },
  );
}

void describe('the websocket listener', () => {
  void test('v3 websocket and TCP clients: pub/sub and request/reply both ways', async (t) => {
    const { server, tcpUrl, wsUrl, wsPort, logs } = await startWs(t, 'no_tls: true');
    assert.ok(logs.includes(`[INF] Listening for websocket clients on ws://127.0.0.1:${wsPort}`));
    assert.ok(logs.includes('[WRN] Websocket not configured with TLS. DO NOT USE IN PRODUCTION!'));
    assert.deepEqual(server.websocketAddress, { host: '127.0.0.1', port: wsPort });
    const ws = await wsClient(t, wsUrl);
    const tcp = await connect({ servers: tcpUrl, reconnect: false });
    t.after(() => tcp.close());

    const fromTcp = ws.subscribe('to.ws', { max: 1 });
    const fromWs = tcp.subscribe('to.tcp', { max: 1 });
    await Promise.all([ws.flush(), tcp.flush()]);
    tcp.publish('to.ws', 'hello ws');
    ws.publish('to.tcp', 'hello tcp');
    for await (const msg of fromTcp) assert.equal(msg.string(), 'hello ws');
    for await (const msg of fromWs) assert.equal(msg.string(), 'hello tcp');

    ws.subscribe('svc.ws', { callback: (_, msg) => void msg.respond(`ws:${msg.string()}`) });
    tcp.subscribe('svc.tcp', { callback: (_, msg) => void msg.respond(`tcp:${msg.string()}`) });
    await Promise.all([ws.flush(), tcp.flush()]);
    assert.equal((await tcp.request('svc.ws', 'a')).string(), 'ws:a');
    assert.equal((await ws.request('svc.tcp', 'b')).string(), 'tcp:b');
    const kinds = [...server.clients.values()].map((client) => client.origin.kind).sort();
    assert.deepEqual(kinds, ['tcp', 'websocket']);
  });

  void test('INFO is the first message; protocol may be split and merged across frames', async (t) => {
    const { wsUrl } = await startWs(t, 'no_tls: true');
    const client = rawWs(t, wsUrl);
    await client.waitFor('\r\n');
    assert.match(client.frames[0], /^INFO \{.*\} \r\n$/);
    client.ws.send(Buffer.from('CONN'));
    client.ws.send(Buffer.from('ECT {"verbose":false}\r\nSUB a 1\r\nPU'));
    client.ws.send(Buffer.from('B a 2\r\nhi\r\nPING\r\n'));
    assert.match(await client.waitFor('PONG\r\n'), /\r\nMSG a 1 2\r\nhi\r\nPONG\r\n$/);
  });

  void test("garbage gets -ERR 'Unknown Protocol Operation', then a 1002 close", async (t) => {
    const { wsUrl } = await startWs(t, 'no_tls: true');
    const client = rawWs(t, wsUrl);
    await client.waitFor('\r\n');
    client.ws.send(Buffer.from('CONNECT {}\r\nXYZZY\r\n'));
    await client.waitFor("-ERR 'Unknown Protocol Operation'\r\n");
    // nats-server's close frame: ParseError maps to 1002, the reason as text.
    assert.deepEqual(await client.closed, { code: 1002, reason: 'Parse Error' });
  });

  void test('server shutdown closes websocket clients with 1001 Server Shutdown', async (t) => {
    const { server, wsUrl } = await startWs(t, 'no_tls: true');
    const client = rawWs(t, wsUrl);
    await client.waitFor('\r\n');
    await server.shutdown();
    assert.deepEqual(await client.closed, { code: 1001, reason: 'Server Shutdown' });
  });

  void test('same_origin: a foreign Origin gets 403 Forbidden', async (t) => {
    const { wsUrl, wsPort, logs } = await startWs(t, 'no_tls: true\nsame_origin: true');
    assert.equal((await handshake(wsUrl, {})).status, 101);
    const same = await handshake(wsUrl, { Origin: `http://127.0.0.1:${wsPort}` });
    assert.equal(same.status, 101);
    const foreign = await handshake(wsUrl, { Origin: 'http://evil.example.com' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body, 'Forbidden\n');
    assert.equal(foreign.headers['sec-websocket-version'], '13');
    assert.equal(foreign.headers['content-type'], 'text/plain; charset=utf-8');
    assert.ok(
      logs.some((line) =>
        /^\[ERR\] 127\.0\.0\.1:\d+ - websocket handshake error: origin not allowed: not same origin$/.test(
          line,
        ),
      ),
    );
  });

  void test('allowed_origins: only listed origins (scheme, host and port) pass', async (t) => {
    const config =
      'no_tls: true\nallowed_origins: ["http://example.com", "https://app.example.com"]';
    const { wsUrl } = await startWs(t, config);
    const status = async (origin: string): Promise<number> =>
      (await handshake(wsUrl, { Origin: origin })).status;
    assert.equal(await status('http://example.com'), 101);
    assert.equal(await status('https://app.example.com:443'), 101);
    assert.equal(await status('https://example.com'), 403);
    assert.equal(await status('http://example.com:8080'), 403);
    assert.equal(await status('http://evil.com'), 403);
  });

  void test('compression: permessage-deflate as nats-server answers it', async (t) => {
    const { wsUrl } = await startWs(t, 'no_tls: true\ncompression: true');
    const client = rawWs(t, wsUrl, { perMessageDeflate: true });
    const upgrade = new Promise<unknown>((resolve) =>
      client.ws.once('upgrade', (response) => {
        resolve(response.headers['sec-websocket-extensions']);
      }),
    );
    await client.opened;
    assert.equal(client.ws.extensions, 'permessage-deflate');
    assert.equal(
      await upgrade,
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover',
    );
    const nc = await wsClient(t, wsUrl);
    const sub = nc.subscribe('big', { max: 1 });
    const payload = 'x'.repeat(100_000);
    nc.publish('big', payload);
    for await (const msg of sub) assert.equal(msg.string(), payload);

    const { wsUrl: plainUrl } = await startWs(t, 'no_tls: true');
    const plain = rawWs(t, plainUrl, { perMessageDeflate: true });
    await plain.opened;
    assert.equal(plain.ws.extensions, '');
  });

  void test('wss: the websocket tls block serves TLS', async (t) => {
    const { wsPort, logs } = await startWs(t, tlsBlock(serverTls()));
    assert.ok(logs.includes(`[INF] Listening for websocket clients on wss://127.0.0.1:${wsPort}`));
    const client = rawWs(t, `wss://localhost:${wsPort}`, { ca: readFileSync(testdata('ca.pem')) });
    await client.waitFor('\r\n');
    assert.match(client.frames[0], /^INFO \{/);
  });

  void test('a plain HTTP request gets 400, as nats-server answers it', async (t) => {
    const { wsPort, logs } = await startWs(t, 'no_tls: true');
    const response = await fetch(`http://127.0.0.1:${wsPort}/`);
    assert.equal(response.status, 400);
    assert.equal(await response.text(), 'Bad Request\n');
    assert.ok(
      logs.some((line) => line.endsWith("handshake error: invalid value for header 'Upgrade'")),
    );
  });

  void test('startup errors: no TLS without no_tls, and an unreadable certificate', async (t) => {
    const { server } = await startServer(t);
    const noTls = testOptions('websocket { port: -1 }');
    await assert.rejects(startWebsocket(server, noTls), {
      message: 'websocket requires TLS configuration',
    });
    const badCert = testOptions(
      `websocket { port: -1\n${tlsBlock(serverTls({ cert_file: testdata('missing.pem') }))} }`,
    );
    await assert.rejects(startWebsocket(server, badCert), /websocket tls: cannot read cert_file/);
  });

  // nats-server gives websocket clients the websocket host, port and TLS in INFO
  // (client.go generateClientInfoJSON).
  void test("a websocket client's INFO names the websocket port", async (t) => {
    const { wsUrl, wsPort } = await startWs(t, 'no_tls: true');
    const client = rawWs(t, wsUrl);
    const info = JSON.parse((await client.waitFor('\r\n')).slice(5)) as { port: number };
    assert.equal(info.port, wsPort);
  });
});
