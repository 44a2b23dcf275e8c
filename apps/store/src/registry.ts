// What a store needs to find in Redis to serve the streams another store
// served: every stream's configuration and its durable consumers'
// configurations (their delivery and ack state is the RedisStore's). The
// registry's keys share the service lease's hash tag, so one script checks the
// writer's fencing token against the lease's epoch and writes, on Redis
// Cluster too: a paused store that lost the lease cannot bring back a stream
// the new active store deleted, or drop one it created.
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
import { FENCE_CHECK, type RedisClient } from '@tsnats/redis-log';

/** ARGV: fencing token ('' = none), op, stream, then the op's arguments. */
const REGISTRY_SCRIPT =
  'local B = KEYS[1]\n' +
  FENCE_CHECK +
  `
local op, stream = ARGV[2], ARGV[3]
if op == 'save-stream' then
  redis.call('HSET', B .. 'streams', stream, ARGV[4])
elseif op == 'remove-stream' then
  redis.call('HDEL', B .. 'streams', stream)
  redis.call('DEL', B .. 'consumers:' .. stream)
elseif op == 'save-consumer' then
  redis.call('HSET', B .. 'consumers:' .. stream, ARGV[4], ARGV[5])
else
  redis.call('HDEL', B .. 'consumers:' .. stream, ARGV[4])
end
return {'ok'}`;

interface RegistryCommands {
  tsnatsRegistry(base: string, fence: string, ...args: string[]): Promise<string[]>;
}

interface SavedConsumerJson {
  created: string;
  config: SavedConsumer['config'];
}

export class RedisRegistry implements ConsumerConfigStore {
  readonly #redis: RedisClient & RegistryCommands;
  readonly #logger: JetStreamLogger;
  readonly #base: string;
  /** stream name → consumer name → saved consumer */
  readonly #consumers = new Map<string, Map<string, SavedConsumer>>();
  /** The service lease's epoch while this store holds it: every write carries it. */
  fencingToken: number | undefined;

  /** `base`: the service lease's key base (its `epoch` key fences the writes). */
  constructor(redis: RedisClient, base: string, logger: JetStreamLogger) {
    redis.defineCommand('tsnatsRegistry', { numberOfKeys: 1, lua: REGISTRY_SCRIPT });
    this.#redis = redis as RedisClient & RegistryCommands;
    this.#logger = logger;
    this.#base = base;
  }

  /** The consumers saved for this stream, sorted by name (from memory: loadStreams read them). */
  load(stream: StreamConfig): SavedConsumer[] {
    const saved = this.#consumers.get(stream.name);
    if (saved === undefined) return [];
    return [...saved.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => value);
  }

  /** Every registered stream's config (unreadable entries are logged and left out). */
  async streamConfigs(): Promise<StreamConfig[]> {
    const streams: StreamConfig[] = [];
    const entries = await this.#redis.hgetall(`${this.#base}streams`);
    for (const [name, text] of Object.entries(entries)) {
      try {
        streams.push(JSON.parse(text) as StreamConfig);
      } catch (error) {
        this.#logger.error(`  Unreadable registry entry of stream '${name}': ${String(error)}`);
      }
    }
    return streams;
  }

  /** Every registered stream's config, with their consumers' configs read into memory. */
  async loadStreams(): Promise<StreamConfig[]> {
    this.#consumers.clear();
    const streams = await this.streamConfigs();
    for (const { name } of streams) {
      const consumers = new Map<string, SavedConsumer>();
      const saved = await this.#redis.hgetall(`${this.#base}consumers:${name}`);
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
  saveStream(config: StreamConfig): Promise<void> {
    return this.#run('save-stream', config.name, JSON.stringify(config));
  }

  /** Forgets a deleted stream and its consumers. */
  removeStream(name: string): Promise<void> {
    this.#consumers.delete(name);
    return this.#run('remove-stream', name);
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
      this.#run('save-consumer', stream.name, name, JSON.stringify(json)),
      stream.name,
      name,
    );
  }

  remove(stream: StreamConfig, name: string): void {
    this.#consumers.get(stream.name)?.delete(name);
    this.#write(this.#run('remove-consumer', stream.name, name), stream.name, name);
  }

  #write(done: Promise<unknown>, stream: string, consumer: string): void {
    done.catch((error: unknown) => {
      this.#logger.error(
        `Error saving the config of consumer '${stream} > ${consumer}' in Redis: ${String(error)}`,
      );
    });
  }

  async #run(...args: string[]): Promise<void> {
    const fence = this.fencingToken === undefined ? '' : String(this.fencingToken);
    const reply = await this.#redis.tsnatsRegistry(this.#base, fence, ...args);
    if (reply[0] === 'fenced') {
      throw new Error(
        `the store registry is fenced: epoch ${fence} is not the current ${reply[1]}`,
      );
    }
  }
}
