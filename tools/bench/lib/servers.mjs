// The servers under test, as child processes: started on free ports, pinned to a core
// when asked, and killed on the way out whatever happens (normal end, error, signal).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The tsnats under test; TSNATS_BIN points elsewhere to measure another build. */
export const TSNATS_BIN = process.env.TSNATS_BIN ?? join(ROOT, 'apps/edge/bin/tsnats.js');
export const SINK_BIN = join(ROOT, 'tools/bench/sink.mjs');
/** The stream storage service of the split mode (`--split`). */
export const STORE_BIN =
  process.env.TSNATS_STORE_BIN ?? join(ROOT, 'apps/store/bin/tsnats-store.js');

/** Core the servers run on with --pinned; the generator gets the other one. */
export const SERVER_CORE = '0';
export const GENERATOR_CORE = '1';

const live = new Set();
/** JetStream store directories of servers still running; removed when they exit. */
const storeDirs = new Set();

function removeDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.error(`could not remove ${dir}: ${error.message}`);
  }
  storeDirs.delete(dir);
}

function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const dir of storeDirs) removeDir(dir);
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    killAll();
    process.exit(130);
  });
}

export function natsServerPath() {
  if (process.env.NATS_SERVER) return process.env.NATS_SERVER;
  for (const candidate of [
    '/usr/sbin/nats-server',
    '/usr/bin/nats-server',
    '/usr/local/bin/nats-server',
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return 'nats-server';
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Pins this process, every thread of it, to the generator's core. */
export function pinSelf() {
  const result = spawnSync('taskset', ['-a', '-p', '-c', GENERATOR_CORE, String(process.pid)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`taskset failed: ${result.stderr || result.error?.message}`);
  }
}

/** Resolves once something on `port` accepts a connection (and, with `info`, speaks first with INFO). */
async function waitForInfo(port, timeoutMs, child, info = true) {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode} before listening`);
    }
    const ok = await new Promise((done) => {
      const socket = connect({ port, host: '127.0.0.1' });
      if (!info) {
        socket.once('connect', () => {
          socket.destroy();
          done(true);
        });
      }
      socket.setTimeout(1000, () => socket.destroy());
      socket.once('data', (chunk) => {
        socket.destroy();
        done(chunk.toString('latin1').startsWith('INFO'));
      });
      socket.once('error', () => done(false));
      socket.once('close', () => done(false));
    });
    if (ok) return;
    if (Date.now() > giveUp) throw new Error(`not listening on ${port} after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export class ServerProcess {
  /**
   * @param {'nats-server' | 'tsnats' | 'tsnats-store' | 'sink'} kind
   * @param {{ pinned?: boolean, nodeFlags?: string[], monitor?: boolean, jetstream?: boolean, storeUrl?: string }} options
   *   `jetstream`: `-js -sd <a fresh temp dir>`, removed when the server exits;
   *   `storeUrl`: JetStream in the store services there instead (tsnats --store)
   */
  static async start(kind, options = {}) {
    const port = await freePort();
    const monitorPort =
      options.monitor === false || kind === 'tsnats-store' ? undefined : await freePort();
    const serverArgs = ['-a', '127.0.0.1', '-p', String(port)];
    if (monitorPort !== undefined) serverArgs.push('-m', String(monitorPort));
    let storeDir;
    if (options.storeUrl !== undefined) {
      serverArgs.push('--store', options.storeUrl);
    } else if (options.jetstream) {
      storeDir = mkdtempSync(join(tmpdir(), `bench-${kind}-js-`));
      storeDirs.add(storeDir);
      serverArgs.push('-js', '-sd', storeDir);
    }
    let command;
    let args;
    if (kind === 'nats-server') {
      command = natsServerPath();
      args = serverArgs;
    } else if (kind === 'tsnats') {
      command = process.execPath;
      args = [...(options.nodeFlags ?? []), TSNATS_BIN, ...serverArgs];
    } else if (kind === 'tsnats-store') {
      command = process.execPath;
      const listen = `127.0.0.1:${port}`;
      args = [...(options.nodeFlags ?? []), STORE_BIN, '--listen', listen, '--store_dir', storeDir];
    } else {
      command = process.execPath;
      args = [SINK_BIN, String(port)];
    }
    if (options.pinned) {
      args = ['-c', SERVER_CORE, command, ...args];
      command = 'taskset';
    }
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    const server = new ServerProcess(kind, child, port, monitorPort, [command, ...args], storeDir);
    try {
      await new Promise((done, fail) => {
        child.once('spawn', done);
        child.once('error', fail);
      });
      await waitForInfo(port, 15_000, child, kind !== 'tsnats-store');
    } catch (error) {
      await server.stop();
      throw new Error(`${kind} (${server.commandLine}): ${error.message}\n${server.logTail()}`, {
        cause: error,
      });
    }
    return server;
  }

  constructor(kind, child, port, monitorPort, argv, storeDir) {
    this.kind = kind;
    this.storeDir = storeDir;
    this.child = child;
    this.pid = child.pid;
    this.port = port;
    this.monitorPort = monitorPort;
    this.commandLine = argv.join(' ');
    this.log = [];
    const keep = (chunk) => {
      this.log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.log.length > 60) this.log.splice(0, this.log.length - 60);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        if (storeDir !== undefined) removeDir(storeDir);
        done({ code, signal });
      });
    });
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(lines = 15) {
    return this.log.slice(-lines).join('\n');
  }

  /** The server's resident set size in KiB (VmRSS). */
  rssKiB() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match === null) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(match[1]);
  }

  /** /varz from the monitoring port, or undefined when the server does not serve it. */
  async varz() {
    if (this.monitorPort === undefined) return undefined;
    try {
      const response = await fetch(`http://127.0.0.1:${this.monitorPort}/varz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) return undefined;
      return await response.json();
    } catch {
      return undefined;
    }
  }

  /** Stops with `signal`, then SIGKILL after `graceMs`. Resolves with how it exited. */
  async stop(signal = 'SIGTERM', graceMs = 5000) {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/**
 * tsnats in split mode: an edge whose streams live in a store service (a second
 * process, on the same core when pinned). Looks like a ServerProcess to the scenarios.
 */
export class SplitServer {
  static async start(options = {}) {
    const store = await ServerProcess.start('tsnats-store', { ...options, jetstream: true });
    try {
      const edge = await ServerProcess.start('tsnats', {
        ...options,
        storeUrl: `rpc://127.0.0.1:${store.port}`,
      });
      return new SplitServer(edge, store);
    } catch (error) {
      await store.stop();
      throw error;
    }
  }

  constructor(edge, store) {
    this.kind = 'tsnats-split';
    this.edge = edge;
    this.store = store;
    this.pid = edge.pid;
    this.port = edge.port;
    this.monitorPort = edge.monitorPort;
    this.storeDir = store.storeDir;
  }

  get running() {
    return this.edge.running && this.store.running;
  }

  logTail(lines = 15) {
    return `edge:\n${this.edge.logTail(lines)}\nstore:\n${this.store.logTail(lines)}`;
  }

  varz() {
    return this.edge.varz();
  }

  /** Stops the edge, then the store; resolves the store's exit (both sent `signal`). */
  async stop(signal = 'SIGTERM', graceMs = 5000) {
    await this.edge.stop(signal, graceMs);
    return this.store.stop(signal, graceMs);
  }
}

export function natsServerVersion() {
  const result = spawnSync(natsServerPath(), ['--version'], { encoding: 'utf8' });
  return (result.stdout || result.stderr || '').trim();
}
