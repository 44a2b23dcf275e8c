// Every stream in Redis (a RedisStore, whatever its `storage` says), so any
// store on the same Redis can serve it. The stores there are active/standby:
// the holder of the service lease runs JetStream, recovering each stream the
// registry lists through the API (as file streams are recovered from disk);
// consumers continue from their state in Redis. Each stream's epoch is raised
// to the lease's before the active store writes to it, and its RedisStore
// carries that epoch as fencing token, so an old active store that was paused
// past its lease writes nothing more. Standbys follow the streams with
// replicas and serve their direct gets (followers.ts).

import { randomUUID } from 'node:crypto';
import {
  recreateStream,
  type JetStreamEngineOptions,
  type JetStreamLogger,
  type StreamConfig,
  type StreamStore,
} from '@tsnats/jetstream';
import {
  connectRedis,
  DEFAULT_PREFIX,
  RedisStore,
  streamKeyBase,
  StreamLease,
  type RedisClient,
} from '@tsnats/redis-log';
import { Followers } from './followers.js';
import { Leadership } from './leadership.js';
import type { StorageMode } from './mode.js';
import { RedisRegistry } from './registry.js';
import type { StorageService } from '@tsnats/rpc';

export interface RedisModeOptions {
  readonly url: string;
  /** WAIT for this many replicas after each append (0: none). */
  readonly replicas: number;
  /** This store's name; the lease owner adds the pid and a random part. */
  readonly owner: string;
  readonly engine: Pick<JetStreamEngineOptions, 'domain' | 'maxMemory' | 'maxStore'>;
  readonly logger: JetStreamLogger;
}

/** The standbys take over within TTL + retry interval after the active store dies. */
export const LEASE_TTL_MS = 3_000;
const RENEW_EVERY_MS = 1_000;
const RETRY_EVERY_MS = 500;
const REPLICAS_TIMEOUT_MS = 1_000;
/** How soon a standby follows a stream created (or stops following one deleted) on the active store. */
const FOLLOW_REFRESH_MS = 1_000;
/** The service lease is a StreamLease on this name, under its own prefix (no stream's keys). */
const SERVICE_LEASE = 'service';
const SERVICE_PREFIX = `${DEFAULT_PREFIX}-store`;

/** Sets a stream's epoch to `epoch` unless it is already higher (epochs never go back). */
const RAISE_EPOCH_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return current`;

export async function redisMode(
  service: StorageService,
  options: RedisModeOptions,
): Promise<StorageMode> {
  const { logger } = options;
  const redis = await connectRedis(options.url);
  const registry = new RedisRegistry(redis, streamKeyBase(SERVICE_LEASE, SERVICE_PREFIX), logger);
  const lease = new StreamLease(redis, SERVICE_LEASE, {
    owner: `${options.owner}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ttlMs: LEASE_TTL_MS,
    prefix: SERVICE_PREFIX,
  });

  const followers = new Followers({
    redis,
    registry,
    host: service.host,
    domain: options.engine.domain ?? '',
    refreshEveryMs: FOLLOW_REFRESH_MS,
    logger,
  });

  const activate = async (epoch: number): Promise<void> => {
    // The active store serves direct gets as the streams' leader.
    await followers.stop();
    registry.fencingToken = epoch;
    const streams = await registry.loadStreams();
    await service.activate({
      ...options.engine,
      logger,
      consumerConfigs: registry,
      // Every stream is in Redis, which replicates it; standbys follow it (followers.ts).
      replicated: true,
      storeFactory: (config) => openStream(redis, registry, config, epoch, options.replicas),
    });
    // Redis failing here fails the activation; a refused config does not.
    for (const config of streams) {
      await recreateStream(
        (subject, body) => service.request(subject, body),
        '$JS.API',
        config.name,
        JSON.stringify(config),
        logger,
      );
    }
    logger.notice(`Active: serving ${streams.length} stream(s) from Redis`);
  };
  const leadership = new Leadership({
    lease,
    renewEveryMs: RENEW_EVERY_MS,
    retryEveryMs: RETRY_EVERY_MS,
    activate,
    deactivate: async () => {
      await service.deactivate();
      followers.start();
    },
    logger,
  });

  return {
    start() {
      followers.start();
      leadership.start();
      return Promise.resolve();
    },
    unavailable: () => leadership.unavailable(),
    async stop() {
      await leadership.stop();
      await followers.stop();
      await service.stop();
      await leadership.release().catch((error: unknown) => {
        logger.warn(`Could not release the service lease: ${String(error)}`);
      });
      await closeRedis(redis);
    },
  };
}

/** A stream's RedisStore, fenced with `epoch`, recorded in the registry while it lives. */
async function openStream(
  redis: RedisClient,
  registry: RedisRegistry,
  config: StreamConfig,
  epoch: number,
  replicas: number,
): Promise<StreamStore> {
  const raised = (await redis.eval(
    RAISE_EPOCH_SCRIPT,
    1,
    `${streamKeyBase(config.name)}epoch`,
    epoch,
  )) as number;
  if (raised > epoch) throw new Error(`a newer active store (epoch ${raised}) serves the streams`);
  const store = await RedisStore.open(redis, config, {
    replicas,
    replicasTimeoutMs: REPLICAS_TIMEOUT_MS,
  });
  store.fencingToken = epoch;
  await registry.saveStream(config);
  return registered(store, registry);
}

/**
 * The store, with its config changes and its deletion mirrored in the
 * registry (the engine updates and deletes streams through their store).
 */
function registered(store: RedisStore, registry: RedisRegistry): StreamStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'updateConfig') {
        return async (config: StreamConfig) => {
          await target.updateConfig(config);
          await registry.saveStream(config);
        };
      }
      if (property === 'delete') {
        return async () => {
          await target.delete();
          await registry.removeStream(target.name);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      // RedisStore's methods use private fields: call them on the store, not the proxy.
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

async function closeRedis(redis: RedisClient): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
