// The last-resort cleanup, seen from outside: a program that uses the testkit and
// never stops its nats-server must not leave that server running.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { gone } from './test-support.js';

const script = `
  import { startNatsServer } from ${JSON.stringify(new URL('./index.js', import.meta.url).href)};
  const server = await startNatsServer();
  console.log(server.process.pid);
  const mode = process.argv[1];
  if (mode === 'throw') throw new Error('the test failed');
  if (mode === 'wait') setInterval(() => {}, 1000);
`;
const nodeArgs = ['--input-type=module', '-e', script];

/** Runs the script to its end; its stdout and exit code. */
function run(mode: string): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    // The timeout turns "the leftover server kept the program alive" into a failure, not a hang.
    execFile(process.execPath, [...nodeArgs, mode], { timeout: 4000 }, (error, stdout) => {
      resolve({
        stdout,
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
      });
    });
  });
}

function serverPid(stdout: string): number {
  const pid = Number(stdout.trim());
  assert.ok(
    Number.isInteger(pid) && pid > 0,
    `expected a pid on stdout, got ${JSON.stringify(stdout)}`,
  );
  return pid;
}

void test('a server left running is killed when the program ends normally', async () => {
  const { stdout, code } = await run('return');
  assert.equal(code, 0);
  const pid = serverPid(stdout);
  assert.ok(await gone(pid), `nats-server ${pid} outlived its test program`);
});

void test('a server left running is killed when the program dies of an uncaught error', async () => {
  const { stdout, code } = await run('throw');
  assert.equal(code, 1);
  const pid = serverPid(stdout);
  assert.ok(await gone(pid), `nats-server ${pid} outlived its test program`);
});

void test('a server left running is killed when the program gets SIGTERM', async () => {
  const child = spawn(process.execPath, [...nodeArgs, 'wait'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const pid = serverPid(chunk.toString());
    child.kill('SIGTERM');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    // Re-raised, so the program still dies of the signal rather than exiting cleanly.
    assert.deepEqual({ code, signal }, { code: null, signal: 'SIGTERM' });
    assert.ok(await gone(pid), `nats-server ${pid} outlived its test program`);
  } finally {
    child.kill('SIGKILL');
  }
});
