// What a store needs to find in Redis to serve the streams another store
// served: every stream's configuration and its durable consumers'
// configurations (their delivery and ack state is the RedisStore's). All
// registry keys share one hash tag, `{<prefix>}:store:…`, so a transaction
// can touch several of them on Redis Cluster too.
//
// The engine asks for consumer configs synchronously (ConsumerConfigStore),
// so they are read from Redis once before the streams are recovered and
// answered from memory; saves and removals update memory at once and are
// written to Redis in call order on the one connection.

import type {
  ConsumerConfigStore,
  JetStreamLogger,
  SavedConsumer,
  StreamConfig,
} from '@tsnats/jetstream';
import type { RedisClient } from '@tsnats/redis-log';

interface SavedConsumerJson {
  created: string;
  config: SavedConsumer['config'];
}

export class RedisRegistry implements ConsumerConfigStore {
  readonly #redis: RedisClient;
  readonly #logger: JetStreamLogger;
  readonly #streamsKey: string;
  readonly #consumersBase: string;
  /** stream name → consumer name → saved consumer */
  readonly #consumers = new Map<string, Map<string, SavedConsumer>>();

  constructor(redis: RedisClient, prefix: string, logger: JetStreamLogger) {
    this.#redis = redis;
    this.#logger = logger;
    this.#streamsKey = `{${prefix}}:store:streams`;
    this.#consumersBase = `{${prefix}}:store:consumers:`;
  }

  /** The consumers saved for this stream, sorted by name (from memory: loadStreams read them). */
  load(stream: StreamConfig): SavedConsumer[] {
    const saved = this.#consumers.get(stream.name);
    if (saved === undefined) return [];
    return [...saved.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => value);
  }

  /** Every registered stream's config, with their consumers' configs read into memory. */
  async loadStreams(): Promise<StreamConfig[]> {
    this.#consumers.clear();
    const streams: StreamConfig[] = [];
    const entries = await this.#redis.hgetall(this.#streamsKey);
    for (const [name, text] of Object.entries(entries)) {
      try {
        streams.push(JSON.parse(text) as StreamConfig);
      } catch (error) {
        this.#logger.error(`  Unreadable registry entry of stream '${name}': ${String(error)}`);
        continue;
      }
      const consumers = new Map<string, SavedConsumer>();
      const saved = await this.#redis.hgetall(this.#consumersBase + name);
      for (const [consumer, json] of Object.entries(saved)) {
        try {
          const parsed = JSON.parse(json) as SavedConsumerJson;
          consumers.set(consumer, { config: parsed.config, created: BigInt(parsed.created) });
        } catch (error) {
          this.#logger.error(
            `  Unreadable registry entry of consumer '${name} > ${consumer}': ${String(error)}`,
          );
        }
      }
      this.#consumers.set(name, consumers);
    }
    return streams;
  }

  /** Records a stream's current config (created or updated). */
  async saveStream(config: StreamConfig): Promise<void> {
    await this.#redis.hset(this.#streamsKey, config.name, JSON.stringify(config));
  }

  /** Forgets a deleted stream and its consumers. */
  async removeStream(name: string): Promise<void> {
    this.#consumers.delete(name);
    await this.#redis
      .multi()
      .hdel(this.#streamsKey, name)
      .del(this.#consumersBase + name)
      .exec();
  }

  save(stream: StreamConfig, name: string, consumer: SavedConsumer): void {
    let saved = this.#consumers.get(stream.name);
    if (saved === undefined) {
      saved = new Map();
      this.#consumers.set(stream.name, saved);
    }
    saved.set(name, consumer);
    const json: SavedConsumerJson = {
      created: consumer.created.toString(),
      config: consumer.config,
    };
    this.#write(
      this.#redis.hset(this.#consumersBase + stream.name, name, JSON.stringify(json)),
      stream.name,
      name,
    );
  }

  remove(stream: StreamConfig, name: string): void {
    this.#consumers.get(stream.name)?.delete(name);
    this.#write(this.#redis.hdel(this.#consumersBase + stream.name, name), stream.name, name);
  }

  #write(done: Promise<unknown>, stream: string, consumer: string): void {
    done.catch((error: unknown) => {
      this.#logger.error(
        `Error saving the config of consumer '${stream} > ${consumer}' in Redis: ${String(error)}`,
      );
    });
  }
}
