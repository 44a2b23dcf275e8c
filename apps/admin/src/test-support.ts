// Test support: real processes (stores, edges, redis-server, the admin
// service, the CLI), each stopped after the test even when it fails.

import { spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import {
  startRedisServer,
  startTsnats,
  startTsnatsAdmin,
  startTsnatsStore,
  tsnatsAdminBin,
  type NatsLikeServer,
  type RedisServer,
  type TsnatsAdmin,
  type TsnatsStore,
} from '@tsnats/testkit';

export const adminBin = tsnatsAdminBin;

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

/** `tsnats-admin serve <args>` on a free port, stopped after the test. */
export async function admin(t: TestContext, args: readonly string[]): Promise<TsnatsAdmin> {
  const started = await startTsnatsAdmin({ args });
  t.after(() => started.stop());
  return started;
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

export { until } from '@tsnats/testkit';
