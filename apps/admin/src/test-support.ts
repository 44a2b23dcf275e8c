// Test support: real processes (stores, edges, redis-server, the admin
// service, the CLI), each stopped after the test even when it fails.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  startProcess,
  startRedisServer,
  startTsnats,
  startTsnatsStore,
  tempDir,
  type NatsLikeServer,
  type RedisServer,
  type RunningProcess,
  type TsnatsStore,
} from '@tsnats/testkit';
import { portsFilePath } from '@tsnats/server';
import { EXE } from './version.js';

export const adminBin = fileURLToPath(new URL('../bin/tsnats-admin.js', import.meta.url));

export async function store(t: TestContext, args: string[] = []): Promise<TsnatsStore> {
  const started = await startTsnatsStore({ args });
  t.after(() => started.stop());
  return started;
}

/** An edge with its monitoring port, whose JetStream is the stores at `addresses`. */
export async function edge(t: TestContext, addresses: readonly string[]): Promise<NatsLikeServer> {
  const started = await startTsnats({
    http: true,
    args: ['--store', `rpc://${addresses.join(',')}`],
  });
  t.after(() => started.stop());
  return started;
}

export async function redis(t: TestContext): Promise<RedisServer> {
  const started = await startRedisServer();
  t.after(() => started.stop());
  return started;
}

export interface AdminProcess {
  /** http://127.0.0.1:<port>, where /api/v1 is served. */
  url: string;
  process: RunningProcess;
}

const READY_TIMEOUT_MS = 10_000;

/** `tsnats-admin serve <args>` on a free port; resolves once it wrote its ports file. */
export async function admin(t: TestContext, args: readonly string[]): Promise<AdminProcess> {
  const dir = await tempDir('tsnats-admin-test-');
  t.after(() => dir.remove());
  const running = await startProcess({
    name: 'tsnats-admin',
    command: process.execPath,
    args: [adminBin, 'serve', '--listen', '127.0.0.1:0', '--ports_file_dir', dir.path, ...args],
  });
  t.after(() => running.stop());
  let exited = false;
  void running.exited.then(() => {
    exited = true;
  });
  const file = portsFilePath(dir.path, EXE, running.pid);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (exited || Date.now() > deadline) {
      throw new Error(`tsnats-admin did not start:\n${running.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ports = JSON.parse(readFileSync(file, 'utf8')) as { http: string[] };
  return { url: ports.http[0], process: running };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end (asynchronously: a server in this process keeps answering). */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [adminBin, ...args], {
      env: { ...process.env, TSNATS_ADMIN_URL: '', TSNATS_ADMIN_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON of a successful `--json` run. */
export async function cliJson(args: readonly string[]): Promise<unknown> {
  const result = await cli([...args, '--json']);
  if (result.code !== 0) throw new Error(`tsnats-admin ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

/** Calls `check` until it resolves true (errors count as false); rejects at the deadline. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
