// A standby store follows the streams with more than one replica: their logs
// are in Redis already, so it serves their direct gets (allow_direct) from
// there, in the same `_sys_` queue group as the active store, as nats-server's
// followers do. Reads only: a follower's RedisStore is fenced out of every
// write. Which streams to follow comes from the registry, read again every
// refresh interval, so a stream created, changed or deleted on the active
// store is followed, updated or dropped within one interval.

import {
  DIRECT_GET_QUEUE,
  directGet,
  directGetSubjects,
  type JetStreamHost,
  type JetStreamLogger,
  type StreamConfig,
} from '@tsnats/jetstream';
import { RedisStore, type RedisClient } from '@tsnats/redis-log';
import type { RedisRegistry } from './registry.js';

export interface FollowersOptions {
  readonly redis: RedisClient;
  readonly registry: RedisRegistry;
  /** Where the direct gets are subscribed: the service's host, linked to every edge. */
  readonly host: JetStreamHost;
  readonly domain: string;
  readonly refreshEveryMs: number;
  readonly logger: JetStreamLogger;
}

interface Followed {
  /** What the subscriptions were made for: a change means subscribing again. */
  readonly key: string;
  readonly unsubscribe: (() => void)[];
}

/** Whether a standby serves this stream's direct gets. */
function followed(config: StreamConfig): boolean {
  return config.allow_direct && (config.num_replicas ?? 1) > 1;
}

export class Followers {
  readonly #options: FollowersOptions;
  readonly #streams = new Map<string, Followed>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(options: FollowersOptions) {
    this.#options = options;
  }

  /** The streams whose direct gets this store serves now. */
  get following(): string[] {
    return [...this.#streams.keys()].sort();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops following every stream; resolves once no refresh is running. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#refreshing;
    for (const name of [...this.#streams.keys()]) this.#drop(name);
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#refreshing = this.#refresh().finally(() => {
        if (this.#running) this.#schedule(this.#options.refreshEveryMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #refresh(): Promise<void> {
    let configs: StreamConfig[];
    try {
      configs = await this.#options.registry.streamConfigs();
    } catch (error) {
      // Redis away: keep serving what we follow; the reads fail on their own.
      this.#options.logger.debug(`Cannot refresh the followed streams: ${String(error)}`);
      return;
    }
    if (!this.#running) return;
    const wanted = new Map(
      configs.filter(followed).map((config) => [config.name, config] as const),
    );
    for (const name of [...this.#streams.keys()]) {
      if (!wanted.has(name)) this.#drop(name);
    }
    for (const [name, config] of wanted) {
      const key = JSON.stringify(config);
      if (this.#streams.get(name)?.key === key) continue;
      this.#drop(name);
      this.#follow(config, key);
    }
  }

  #follow(config: StreamConfig, key: string): void {
    const { host, redis, domain } = this.#options;
    const source = { name: config.name, store: RedisStore.follow(redis, config) };
    const unsubscribe = directGetSubjects(config.name, domain).map(({ subject, prefix }) =>
      host.subscribe(
        subject,
        (message) => {
          directGet(host, source, message, prefix);
        },
        DIRECT_GET_QUEUE,
      ),
    );
    this.#streams.set(config.name, { key, unsubscribe });
    this.#options.logger.notice(`Following stream '${config.name}': serving its direct gets`);
  }

  #drop(name: string): void {
    const stream = this.#streams.get(name);
    if (stream === undefined) return;
    this.#streams.delete(name);
    for (const unsubscribe of stream.unsubscribe) unsubscribe();
  }
}
