import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { get } from 'node:http';
import { describe, test } from 'node:test';
import {
  ProcessStartError,
  startNatsServer,
  startRedisServer,
  startTsnats,
  tsnatsBin,
} from './index.js';
import { firstLine, gone } from './test-support.js';

function httpStatus(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).once('error', reject);
  });
}

void describe('startNatsServer', () => {
  void test('a client gets an INFO line on a raw socket; stop() ends the server', async (t) => {
    const server = await startNatsServer();
    t.after(() => server.stop());
    assert.equal(server.url, `nats://127.0.0.1:${server.port}`);
    assert.equal(server.httpPort, undefined);
    const line = await firstLine(server.port);
    assert.match(line, /^INFO \{.*"port":\d+/);
    assert.equal((JSON.parse(line.slice(5)) as { port: number }).port, server.port);
    await server.stop();
    assert.ok(await gone(server.process.pid));
  });

  void test('config text and the HTTP monitor port', async (t) => {
    const server = await startNatsServer({ config: 'max_payload: 1000\n', http: true });
    t.after(() => server.stop());
    const info = JSON.parse((await firstLine(server.port)).slice(5)) as { max_payload: number };
    assert.equal(info.max_payload, 1000);
    assert.ok(server.httpPort !== undefined && server.httpPort !== server.port);
    assert.equal(await httpStatus(server.httpPort, '/varz'), 200);
  });

  void test('a bad config fails with nats-server named and its parse error', async () => {
    const error: unknown = await startNatsServer({ config: 'port: {' }).catch((e: unknown) => e);
    assert.ok(error instanceof ProcessStartError);
    assert.match(error.message, /^nats-server exited with code 1 before it listened/);
    assert.match(error.message, /--- nats-server stderr ---\nnats-server: Parse error/);
  });

  void test('portsFileDir passes a temp dir, which stop() removes', async () => {
    const server = await startNatsServer({ portsFileDir: true });
    const dir = server.portsFileDir;
    assert.ok(dir !== undefined);
    assert.ok(readdirSync(dir).some((name) => name.endsWith('.ports')));
    await server.stop();
    await server.stop();
    assert.ok(!existsSync(dir));
  });
});

void test('startRedisServer answers PING with +PONG on a raw socket', async (t) => {
  const server = await startRedisServer();
  t.after(() => server.stop());
  assert.equal(server.url, `redis://127.0.0.1:${server.port}`);
  assert.equal(await firstLine(server.port, 'PING\r\n'), '+PONG');
  assert.deepEqual(await server.stop(), { code: 0, signal: null });
  assert.ok(await gone(server.process.pid));
});

void test(
  'startTsnats serves INFO like nats-server',
  { skip: existsSync(tsnatsBin) ? false : 'apps/edge not built yet (no apps/edge/bin/tsnats.js)' },
  async (t) => {
    const server = await startTsnats();
    t.after(() => server.stop());
    assert.match(await firstLine(server.port), /^INFO \{/);
  },
);
