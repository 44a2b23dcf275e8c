import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort, ProcessStartError, startProcess } from './index.js';
import { alive, firstLine, gone } from './test-support.js';

/**
 * A node program that listens on `port` once `setup` has run, and answers "hi".
 * It must survive the readiness probe, which hangs up at once: writing to that
 * socket fails, and an unhandled socket error would crash the program.
 */
function nodeListening(port: number, setup = ''): string[] {
  const serve = `(s) => { s.on('error', () => {}); s.end('hi\\r\\n'); }`;
  return ['-e', `${setup};require('node:net').createServer(${serve}).listen(${port}, '127.0.0.1')`];
}

void test('startProcess waits for the ready port; stop() ends the process and its pid is gone', async () => {
  const port = await freePort();
  const child = await startProcess({
    command: process.execPath,
    args: nodeListening(port, 'console.log("to stdout"); console.error("to stderr")'),
    readyPort: port,
  });
  assert.equal(await firstLine(port), 'hi');
  assert.ok(alive(child.pid));
  const status = await child.stop();
  assert.deepEqual(status, { code: null, signal: 'SIGTERM' });
  assert.ok(await gone(child.pid), `pid ${child.pid} still running`);
  assert.equal(child.stdout(), 'to stdout\n');
  assert.equal(child.stderr(), 'to stderr\n');
  // Idempotent: the same answer, no error for a process that is already gone.
  assert.deepEqual(await child.stop('SIGKILL'), status);
  assert.deepEqual(await child.exited, status);
});

void test('a process that ignores SIGTERM is SIGKILLed after the timeout', async () => {
  const port = await freePort();
  // Listening only after the handler is installed, so readiness proves it is deaf to SIGTERM.
  const child = await startProcess({
    command: process.execPath,
    args: nodeListening(port, 'process.on("SIGTERM", () => console.log("ignored"))'),
    readyPort: port,
  });
  const started = Date.now();
  const status = await child.stop('SIGTERM', 300);
  const took = Date.now() - started;
  assert.deepEqual(status, { code: null, signal: 'SIGKILL' });
  assert.ok(took >= 290 && took < 2000, `stop took ${took} ms`);
  assert.match(child.stdout(), /ignored/);
  assert.ok(await gone(child.pid));
});

void test('a crash before ready names the program and shows its stderr', async () => {
  const port = await freePort();
  const error: unknown = await startProcess({
    command: process.execPath,
    args: ['-e', 'console.error("fatal: bad things in the config"); process.exit(3)'],
    readyPort: port,
    name: 'crashy',
  }).catch((e: unknown) => e);
  assert.ok(error instanceof ProcessStartError);
  assert.equal(error.program, 'crashy');
  assert.deepEqual(error.status, { code: 3, signal: null });
  assert.match(
    error.message,
    new RegExp(`^crashy exited with code 3 before it listened on 127\\.0\\.0\\.1:${port}`),
  );
  assert.match(error.message, /--- crashy stderr ---\nfatal: bad things in the config/);
});

void test('a program that never listens is killed when the ready timeout passes', async () => {
  const port = await freePort();
  const started = Date.now();
  const error: unknown = await startProcess({
    command: process.execPath,
    args: ['-e', 'console.log(process.pid); setInterval(() => {}, 1000)'],
    readyPort: port,
    readyTimeoutMs: 300,
  }).catch((e: unknown) => e);
  assert.ok(Date.now() - started < 2000);
  assert.ok(error instanceof ProcessStartError);
  assert.match(error.message, /^node was not listening on 127\.0\.0\.1:\d+ within 300 ms/);
  assert.deepEqual(error.status, { code: null, signal: 'SIGKILL' });
  assert.ok(await gone(Number(error.stdout.trim())));
});

void test('a program that does not exist gives an error naming it', async () => {
  await assert.rejects(
    startProcess({ command: '/nonexistent/bin/some-server' }),
    (error: unknown) =>
      error instanceof ProcessStartError &&
      /^some-server could not be started: spawn \/nonexistent\/bin\/some-server ENOENT/.test(
        error.message,
      ),
  );
});

void test('without readyPort it resolves once spawned; exited reports the exit code', async () => {
  const child = await startProcess({
    command: process.execPath,
    args: ['-e', 'process.stdout.write(process.env.TESTKIT_GREETING ?? "none"); process.exit(7)'],
    env: { TESTKIT_GREETING: 'hello' },
  });
  assert.deepEqual(await child.exited, { code: 7, signal: null });
  assert.equal(child.stdout(), 'hello');
  assert.deepEqual(await child.stop(), { code: 7, signal: null });
});
