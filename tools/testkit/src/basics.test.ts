import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute } from 'node:path';
import { test } from 'node:test';
import { freePort, mulberry32, tempDir, until, waitForPort, which } from './index.js';

void test('freePort returns distinct ports that can be listened on', async () => {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  assert.equal(new Set(ports).size, ports.length);
  for (const port of ports) {
    assert.ok(port > 0 && port < 65536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  }
});

void test('waitForPort resolves once something listens', async () => {
  const port = await freePort();
  const server = createServer();
  setTimeout(() => server.listen(port, '127.0.0.1'), 100);
  try {
    await waitForPort(port, '127.0.0.1', 2000);
  } finally {
    server.close();
  }
});

void test('waitForPort rejects with the address and timeout when nothing listens', async () => {
  const port = await freePort();
  const started = Date.now();
  await assert.rejects(
    waitForPort(port, '127.0.0.1', 200),
    new RegExp(`127\\.0\\.0\\.1:${port} within 200 ms \\(last error: ECONNREFUSED\\)`),
  );
  assert.ok(Date.now() - started < 1000);
});

void test('mulberry32 is reproducible from its seed and stays in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const fromA = Array.from({ length: 1000 }, a);
  assert.deepEqual(fromA, Array.from({ length: 1000 }, b));
  assert.notDeepEqual(fromA.slice(0, 10), Array.from({ length: 10 }, c));
  assert.ok(fromA.every((x) => x >= 0 && x < 1));
  // Spread over the range, not stuck in a corner.
  const mean = fromA.reduce((sum, x) => sum + x, 0) / fromA.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

void test('which finds programs by absolute path, including in sbin', () => {
  const node = which('node');
  assert.ok(node !== undefined && isAbsolute(node));
  const nats = which('nats-server');
  assert.ok(nats !== undefined && isAbsolute(nats), 'nats-server should be installed');
  assert.equal(which('surely-no-such-program-here'), undefined);
  assert.equal(which(process.execPath), process.execPath);
});

void test('tempDir makes a directory and remove() deletes it, twice without error', async () => {
  const dir = await tempDir('testkit-basics-');
  assert.ok(existsSync(dir.path));
  assert.match(dir.path, /testkit-basics-/);
  await dir.remove();
  await dir.remove();
  assert.ok(!existsSync(dir.path));
});

void test('until resolves once the check holds, and names what it waited for at the deadline', async () => {
  let calls = 0;
  await until('three calls', () => ++calls === 3);
  assert.equal(calls, 3);
  await assert.rejects(
    until('the impossible', () => Promise.reject(new Error('not yet')), 120),
    /timed out waiting for the impossible: not yet/,
  );
});
