// One option names the Redis deployment:
//
//   redis://[user:password@]host:port[/db]        one node (ioredis parses it)
//   rediss://…                                    the same over TLS
//   redis-sentinel://[user:password@]host:port,host:port/<masterName>[/db]
//   redis-cluster://[user:password@]host:port,host:port
//
// The client fails fast instead of hanging when Redis is away: no offline
// queue (a call while disconnected rejects at once), no resending of a command
// whose connection dropped before its answer, and a timeout on every command. It keeps reconnecting
// in the background, so calls succeed again once Redis is back.

import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisClient } from './scripts.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly HostPort[];
      readonly masterName: string;
      readonly db: number;
      readonly username?: string;
      readonly password?: string;
    }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly HostPort[];
      readonly username?: string;
      readonly password?: string;
    };

export interface ConnectOptions {
  /** Reject a command that got no answer in this time (default 5000 ms). */
  readonly commandTimeoutMs?: number;
  /** Give up connecting (or waiting for ready) after this long (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** More ioredis options, applied last (for each cluster node too). */
  readonly redisOptions?: RedisOptions;
}

const DEFAULT_PORT = 6379;

function hostPorts(list: string, url: string): HostPort[] {
  const out = list.split(',').map((item) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(item.trim());
    if (match === null) throw new Error(`Invalid host:port '${item}' in ${url}`);
    const host = match[1].replace(/^\[|\]$/g, '');
    return { host, port: match[2] === undefined ? DEFAULT_PORT : Number(match[2]) };
  });
  if (out.length === 0) throw new Error(`No hosts in ${url}`);
  return out;
}

function credentials(userinfo: string | undefined): { username?: string; password?: string } {
  if (userinfo === undefined) return {};
  const colon = userinfo.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
  return {
    ...(username === '' ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
}

/** What a connection URL names; throws on a malformed one. */
export function parseRedisUrl(url: string): RedisTarget {
  const scheme = /^([a-z-]+):\/\//.exec(url)?.[1];
  if (scheme === 'redis' || scheme === 'rediss') return { kind: 'single', url };
  if (scheme !== 'redis-sentinel' && scheme !== 'redis-cluster') {
    throw new Error(
      `Unsupported Redis URL '${url}': use redis://, rediss://, redis-sentinel:// or redis-cluster://`,
    );
  }
  const rest = url.slice(scheme.length + 3);
  const at = rest.lastIndexOf('@');
  const auth = credentials(at < 0 ? undefined : rest.slice(0, at));
  const [hosts, ...path] = rest.slice(at + 1).split('/');
  if (scheme === 'redis-cluster') {
    if (path.some((p) => p !== '')) throw new Error(`A cluster URL has no path: ${url}`);
    return { kind: 'cluster', nodes: hostPorts(hosts, url), ...auth };
  }
  const [masterName, db = '0'] = path;
  if (masterName === undefined || masterName === '') {
    throw new Error(
      `A sentinel URL needs the master name: redis-sentinel://host:port/<name> (${url})`,
    );
  }
  if (!/^\d+$/.test(db)) throw new Error(`Invalid database '${db}' in ${url}`);
  return {
    kind: 'sentinel',
    sentinels: hostPorts(hosts, url),
    masterName: decodeURIComponent(masterName),
    db: Number(db),
    ...auth,
  };
}

function baseOptions(options: ConnectOptions): RedisOptions {
  return {
    // A command sent again after a reconnect could run twice (an append stored
    // twice, on a promoted replica that had the first). It fails instead, and
    // its caller reads back what happened (the stream's reconcile).
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    // Reconnect forever, backing off to 2 s.
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2000),
    lazyConnect: true,
    ...options.redisOptions,
  };
}

/** A client for the deployment `url` names, resolved once it is ready for commands. */
export async function connectRedis(
  url: string,
  options: ConnectOptions = {},
): Promise<RedisClient> {
  const target = parseRedisUrl(url);
  const common = baseOptions(options);
  let client: RedisClient;
  switch (target.kind) {
    case 'single':
      client = new Redis(target.url, common);
      break;
    case 'sentinel':
      client = new Redis({
        ...common,
        sentinels: target.sentinels.map((s) => ({ ...s })),
        name: target.masterName,
        db: target.db,
        ...(target.username === undefined ? {} : { username: target.username }),
        ...(target.password === undefined ? {} : { password: target.password }),
      });
      break;
    case 'cluster': {
      const { maxRetriesPerRequest, enableOfflineQueue, lazyConnect, ...node } = common;
      client = new Cluster(
        target.nodes.map((n) => ({ ...n })),
        {
          enableOfflineQueue,
          lazyConnect,
          maxRedirections: 16,
          redisOptions: {
            ...node,
            maxRetriesPerRequest,
            ...(target.username === undefined ? {} : { username: target.username }),
            ...(target.password === undefined ? {} : { password: target.password }),
          },
        },
      );
      break;
    }
  }
  await ready(client, url, options.connectTimeoutMs ?? 5000);
  return client;
}

async function ready(client: RedisClient, url: string, timeoutMs: number): Promise<void> {
  let lastError: Error | undefined;
  // Without a listener ioredis prints every connection error; the caller sees them as rejections.
  client.on('error', (err: Error) => {
    lastError = err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      // ioredis's Cluster connect() promise never settles when its first ready check
      // finds the cluster still converging (cluster_state:fail): it reconnects on its own
      // and only the 'ready' event says it got there.
      new Promise<void>((resolve) => {
        client.once('ready', () => {
          resolve();
        });
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } catch (err) {
    client.disconnect();
    const why = lastError?.message ?? (err instanceof Error ? err.message : String(err));
    throw new Error(`Cannot connect to ${url}: ${why}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
