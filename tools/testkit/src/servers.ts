import { existsSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import {
  ProcessStartError,
  startProcess,
  type ExitStatus,
  type RunningProcess,
  type StartProcessOptions,
} from './process.js';
import { tempDir, type TempDir } from './temp.js';
import { which } from './which.js';

/** The edge binary, relative to this file (src/ or dist/, both one level below tools/testkit). */
export const tsnatsBin = fileURLToPath(
  new URL('../../../apps/edge/bin/tsnats.js', import.meta.url),
);

/** The store service binary, found as tsnatsBin is. */
export const tsnatsStoreBin = fileURLToPath(
  new URL('../../../apps/store/bin/tsnats-store.js', import.meta.url),
);

/** The admin service and CLI binary, found as tsnatsBin is. */
export const tsnatsAdminBin = fileURLToPath(
  new URL('../../../apps/admin/bin/tsnats-admin.js', import.meta.url),
);

export interface NatsServerOptions {
  /** Config file text; written to a temporary file and passed with -c. */
  config?: string;
  /** Extra flags, after ours, so they win where they overlap (the last flag counts). */
  args?: readonly string[];
  /** Also start the HTTP monitoring listener (-m) on a free port. */
  http?: boolean;
  /** Pass --ports_file_dir with a temporary directory (returned as portsFileDir). */
  portsFileDir?: boolean;
}

export interface NatsLikeServer {
  port: number;
  /** nats://127.0.0.1:<port> */
  url: string;
  httpPort?: number;
  portsFileDir?: string;
  process: RunningProcess;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its temp files; idempotent. */
  stop(): Promise<ExitStatus>;
}

export interface RedisServerOptions {
  args?: readonly string[];
}

export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  process: RunningProcess;
  stop(): Promise<ExitStatus>;
}

// freePort's port may be taken by someone else before the server binds it; with
// tests running in parallel files that happens now and then, so try a new port.
const ATTEMPTS = 3;

function lostPortRace(error: unknown): boolean {
  return (
    error instanceof ProcessStartError &&
    /address already in use/i.test(error.stderr + '\n' + error.stdout)
  );
}

function required(program: string): string {
  const path = which(program);
  if (path === undefined) {
    throw new Error(
      `${program} not found in PATH, /usr/local/sbin, /usr/sbin or /sbin. ` +
        `Install the Debian package: apt-get install -y ${program}`,
    );
  }
  return path;
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

interface Launch {
  ports: number[];
  running: RunningProcess;
}

/**
 * Starts with fresh ports, retrying when another process took one first. A
 * port taken by someone else also accepts connections, so readiness is only
 * sure after `ready` (the ports file): a server that then dies of the lost race
 * is retried too.
 */
async function launchOnFreePorts(
  portCount: number,
  options: (ports: number[]) => StartProcessOptions,
  ready?: (running: RunningProcess) => Promise<void>,
): Promise<Launch> {
  for (let attempt = 1; ; attempt++) {
    const ports = await distinctFreePorts(portCount);
    try {
      const running = await startProcess({ ...options(ports), readyPort: ports });
      await ready?.(running);
      return { ports, running };
    } catch (error) {
      if (attempt >= ATTEMPTS || !lostPortRace(error)) throw error;
    }
  }
}

function stopOnce(running: RunningProcess, dir: TempDir | undefined): () => Promise<ExitStatus> {
  let stopping: Promise<ExitStatus> | undefined;
  return () => {
    stopping ??= running.stop().then(async (status) => {
      await dir?.remove();
      return status;
    });
    return stopping;
  };
}

async function startNatsLike(
  name: string,
  command: string,
  leadingArgs: readonly string[],
  options: NatsServerOptions,
): Promise<NatsLikeServer> {
  const needsDir = options.config !== undefined || options.portsFileDir === true;
  const dir = needsDir ? await tempDir(`testkit-${name}-`) : undefined;
  try {
    const fixedArgs = [...leadingArgs];
    if (options.config !== undefined && dir !== undefined) {
      const file = join(dir.path, 'server.conf');
      await writeFile(file, options.config);
      fixedArgs.push('-c', file);
    }
    if (options.portsFileDir === true && dir !== undefined) {
      fixedArgs.push('--ports_file_dir', dir.path);
    }
    const http = options.http === true;
    const portsFileDir = options.portsFileDir === true ? dir?.path : undefined;
    const { ports, running } = await launchOnFreePorts(
      http ? 2 : 1,
      ([port, httpPort]) => ({
        name,
        command,
        args: [
          ...fixedArgs,
          ...['-a', '127.0.0.1', '-p', String(port)],
          ...(http ? ['-m', String(httpPort)] : []),
          ...(options.args ?? []),
        ],
      }),
      // The server writes the file once its listeners are up, after they accept
      // connections (nats-server does it from a goroutine): wait for it, as
      // launchers do.
      portsFileDir === undefined
        ? undefined
        : (running) => waitForPortsFile(portsFileDir, name, running),
    );
    const [port, httpPort] = ports;
    return {
      port,
      url: `nats://127.0.0.1:${port}`,
      ...(http ? { httpPort } : {}),
      ...(options.portsFileDir === true ? { portsFileDir: dir?.path } : {}),
      process: running,
      stop: stopOnce(running, dir),
    };
  } catch (error) {
    await dir?.remove();
    throw error;
  }
}

const PORTS_FILE_TIMEOUT_MS = 10_000;

/** Waits for `<dir>/<program>_<pid>.ports`, the name nats-server (and tsnats) give it. */
async function waitForPortsFile(
  dir: string,
  program: string,
  running: RunningProcess,
): Promise<void> {
  const file = join(dir, `${program}_${running.pid}.ports`);
  const deadline = Date.now() + PORTS_FILE_TIMEOUT_MS;
  let status: ExitStatus | undefined;
  void running.exited.then((exit) => {
    status = exit;
  });
  while (!existsSync(file)) {
    if (status !== undefined) {
      throw new ProcessStartError(
        `${running.name} exited before it wrote its ports file ${file}`,
        running.name,
        running.stdout(),
        running.stderr(),
        status,
      );
    }
    if (Date.now() > deadline) {
      await running.stop('SIGKILL');
      throw new ProcessStartError(
        `${running.name} wrote no ports file ${file}`,
        running.name,
        running.stdout(),
        running.stderr(),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A real nats-server (Debian's 2.9) on a free port of 127.0.0.1, ready for clients. */
export function startNatsServer(options: NatsServerOptions = {}): Promise<NatsLikeServer> {
  return startNatsLike('nats-server', required('nats-server'), [], options);
}

/** The tsnats edge binary, run by this same node, with nats-server's flags. */
export function startTsnats(options: NatsServerOptions = {}): Promise<NatsLikeServer> {
  if (!existsSync(tsnatsBin)) {
    return Promise.reject(new Error(`tsnats not found at ${tsnatsBin}: build apps/edge first`));
  }
  return startNatsLike('tsnats', process.execPath, [tsnatsBin], options);
}

/** A real redis-server on a free port: no persistence, its working dir a temp dir. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const command = required('redis-server');
  const dir = await tempDir('testkit-redis-');
  try {
    const { ports, running } = await launchOnFreePorts(1, ([port]) => ({
      name: 'redis-server',
      command,
      args: [
        ...['--port', String(port), '--bind', '127.0.0.1'],
        ...['--save', '', '--appendonly', 'no', '--dir', dir.path],
        ...(options.args ?? []),
      ],
    }));
    const [port] = ports;
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      process: running,
      stop: stopOnce(running, dir),
    };
  } catch (error) {
    await dir.remove();
    throw error;
  }
}

export interface RedisSentinelOptions {
  /** The primary to monitor. */
  masterPort: number;
  /** The name clients ask for (default 'mymaster'). */
  masterName?: string;
  /** Sentinels that must agree the primary is down (default 1). */
  quorum?: number;
  /** How long the primary may be silent before it counts as down (default 1000 ms). */
  downAfterMs?: number;
  /** default 2000 ms */
  failoverTimeoutMs?: number;
}

/**
 * A real Redis Sentinel (`redis-server <conf> --sentinel`) on a free port
 * monitoring 127.0.0.1:masterPort; its config file (which Sentinel rewrites)
 * lives in a temp dir.
 */
export async function startRedisSentinel(options: RedisSentinelOptions): Promise<RedisServer> {
  const command = required('redis-server');
  const dir = await tempDir('testkit-sentinel-');
  try {
    const name = options.masterName ?? 'mymaster';
    const { ports, running } = await launchOnFreePorts(1, ([port]) => {
      const file = join(dir.path, `sentinel-${port}.conf`);
      // Sentinel reads (and rewrites) the file itself, so it must exist before the start.
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir.path}`,
          `sentinel monitor ${name} 127.0.0.1 ${options.masterPort} ${options.quorum ?? 1}`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 2000}`,
          '',
        ].join('\n'),
      );
      return {
        name: 'redis-sentinel',
        command,
        args: [file, '--sentinel'],
      };
    });
    const [port] = ports;
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      process: running,
      stop: stopOnce(running, dir),
    };
  } catch (error) {
    await dir.remove();
    throw error;
  }
}

export interface TsnatsStoreOptions {
  /** Extra flags, after ours, so they win where they overlap. */
  args?: readonly string[];
  /** Listen for edges on this port (to start a store again where it was); default a free one. */
  port?: number;
  /** --store_dir; default a directory inside the store's temp dir (removed by stop()). */
  storeDir?: string;
}

export interface TsnatsStore {
  rpcPort: number;
  /** The health endpoint's port (always on, 127.0.0.1). */
  httpPort: number;
  /** 127.0.0.1:<rpcPort>, as an edge's --store rpc://… takes it. */
  address: string;
  process: RunningProcess;
  /** Stops the store (SIGTERM, then SIGKILL) and removes its temp files; idempotent. */
  stop(): Promise<ExitStatus>;
}

/**
 * The tsnats-store binary, run by this same node, listening on 127.0.0.1 for
 * edges and for GET /healthz; resolves once it wrote its ports file (it is
 * serving, or a standby in Redis mode).
 */
export async function startTsnatsStore(options: TsnatsStoreOptions = {}): Promise<TsnatsStore> {
  if (!existsSync(tsnatsStoreBin)) {
    throw new Error(`tsnats-store not found at ${tsnatsStoreBin}: build apps/store first`);
  }
  const dir = await tempDir('testkit-tsnats-store-');
  try {
    const storeDir = options.storeDir ?? join(dir.path, 'data');
    const fixed = options.port;
    const { ports, running } = await launchOnFreePorts(
      fixed === undefined ? 2 : 1,
      (free) => {
        const [rpcPort, httpPort] = fixed === undefined ? free : [fixed, free[0]];
        return {
          name: 'tsnats-store',
          command: process.execPath,
          args: [
            tsnatsStoreBin,
            ...['--listen', `127.0.0.1:${rpcPort}`, '--http', `127.0.0.1:${httpPort}`],
            ...['--store_dir', storeDir, '--ports_file_dir', dir.path],
            ...(options.args ?? []),
          ],
        };
      },
      (running) => waitForPortsFile(dir.path, 'tsnats-store', running),
    );
    const [rpcPort, httpPort] = fixed === undefined ? ports : [fixed, ports[0]];
    return {
      rpcPort,
      httpPort,
      address: `127.0.0.1:${rpcPort}`,
      process: running,
      stop: stopOnce(running, dir),
    };
  } catch (error) {
    await dir.remove();
    throw error;
  }
}

export interface TsnatsAdmin {
  /** http://127.0.0.1:<port>: /api/v1, /api/docs. */
  url: string;
  httpPort: number;
  process: RunningProcess;
  /** Stops the service (SIGTERM, then SIGKILL) and removes its temp files; idempotent. */
  stop(): Promise<ExitStatus>;
}

/**
 * `tsnats-admin serve` on a free port of 127.0.0.1, run by this same node;
 * `args` name its stores (--store rpc://…) and edges. Resolves once it wrote
 * its ports file.
 */
export async function startTsnatsAdmin(
  options: { args?: readonly string[] } = {},
): Promise<TsnatsAdmin> {
  if (!existsSync(tsnatsAdminBin)) {
    throw new Error(`tsnats-admin not found at ${tsnatsAdminBin}: build apps/admin first`);
  }
  const dir = await tempDir('testkit-tsnats-admin-');
  try {
    const { ports, running } = await launchOnFreePorts(
      1,
      ([port]) => ({
        name: 'tsnats-admin',
        command: process.execPath,
        args: [
          tsnatsAdminBin,
          'serve',
          ...['--listen', `127.0.0.1:${port}`, '--ports_file_dir', dir.path],
          ...(options.args ?? []),
        ],
      }),
      (running) => waitForPortsFile(dir.path, 'tsnats-admin', running),
    );
    const [httpPort] = ports;
    return {
      url: `http://127.0.0.1:${httpPort}`,
      httpPort,
      process: running,
      stop: stopOnce(running, dir),
    };
  } catch (error) {
    await dir.remove();
    throw error;
  }
}
