/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose: a thrown StoreError becomes a rejection, as
 * the ConsumerStore contract promises. */
// Consumer state in Redis: one key per consumer, `<base>c:<name>`, holding
// the whole ConsumerState as JSON, rewritten after every change (the set of
// names in `<base>consumers`, so deleting the stream finds them). Writes carry
// the stream's fencing token (lua/consumer.ts). Any process
// that opens the consumer by name continues from what was saved: acked
// messages are not delivered again. The transitions are nats-server's, from
// @tsnats/jetstream's consumer-state functions.

import {
  StoreError,
  applyAck,
  applyDelivered,
  checkedReplacement,
  copyConsumerState,
  emptyConsumerState,
  type ConsumerState,
  type ConsumerStore,
  type ConsumerStoreConfig,
} from '@tsnats/jetstream';
import { fencedError, wrapRedisError } from './errors.js';
import type { Reply, ScriptedClient } from './scripts.js';

interface SavedState {
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { consumer_seq: number; stream_seq: number };
  /** [stream seq, consumer seq, timestamp ns as a decimal string] */
  pending: [number, number, string][];
  redelivered: [number, number][];
}

function serialize(state: ConsumerState): string {
  const saved: SavedState = {
    delivered: state.delivered,
    ack_floor: state.ack_floor,
    pending: [...state.pending].map(([seq, p]) => [seq, p.sequence, p.timestamp.toString()]),
    redelivered: [...state.redelivered],
  };
  return JSON.stringify(saved);
}

function deserialize(text: string): ConsumerState {
  const saved = JSON.parse(text) as SavedState;
  return {
    delivered: { ...saved.delivered },
    ack_floor: { ...saved.ack_floor },
    pending: new Map(
      saved.pending.map(([seq, sequence, ts]) => [seq, { sequence, timestamp: BigInt(ts) }]),
    ),
    redelivered: new Map(saved.redelivered),
  };
}

/** A stream's open consumer handles, and where their state lives. */
export class RedisConsumers {
  readonly #redis: ScriptedClient;
  readonly #base: string;
  readonly #stream: string;
  /** The stream's current fencing token, '' for none. */
  readonly #fence: () => string;
  readonly #open = new Set<RedisConsumerStore>();

  constructor(redis: ScriptedClient, base: string, stream: string, fence: () => string) {
    this.#redis = redis;
    this.#base = base;
    this.#stream = stream;
    this.#fence = fence;
  }

  get openCount(): number {
    return this.#open.size;
  }

  async open(name: string, config: ConsumerStoreConfig): Promise<RedisConsumerStore> {
    if (name === '') throw new StoreError('bad_consumer_state', 'bad consumer config');
    const saved = await this.#redis.get(`${this.#base}c:${name}`).catch((err: unknown) => {
      throw wrapRedisError(this.#stream, err);
    });
    const state = saved === null ? emptyConsumerState() : deserialize(saved);
    const store = new RedisConsumerStore(name, config, state, saved !== null, this);
    this.#open.add(store);
    return store;
  }

  /** Writes the state; the command goes out now, in call order with the stream's. */
  save(name: string, state: ConsumerState): Promise<void> {
    return this.#run('save', name, serialize(state));
  }

  remove(name: string): Promise<void> {
    return this.#run('remove', name);
  }

  #run(...args: string[]): Promise<void> {
    const fence = this.#fence();
    return this.#redis.tsnatsConsumer(this.#base, fence, ...args).then(
      (reply: Reply[]) => {
        if (reply[0] !== 'fenced') return;
        throw fencedError(this.#stream, fence, String(reply[1]));
      },
      (err: unknown) => {
        throw wrapRedisError(this.#stream, err);
      },
    );
  }

  released(store: RedisConsumerStore): void {
    this.#open.delete(store);
  }

  /** The stream store closed: every handle is dead (the state stays in Redis). */
  closeAll(): void {
    for (const store of this.#open) store.close();
    this.#open.clear();
  }
}

export class RedisConsumerStore implements ConsumerStore {
  readonly name: string;
  #config: ConsumerStoreConfig;
  #state: ConsumerState;
  #hasState: boolean;
  readonly #owner: RedisConsumers;
  #closed = false;

  constructor(
    name: string,
    config: ConsumerStoreConfig,
    state: ConsumerState,
    hasState: boolean,
    owner: RedisConsumers,
  ) {
    this.name = name;
    this.#config = { ...config };
    this.#state = state;
    this.#hasState = hasState;
    this.#owner = owner;
  }

  close(): void {
    this.#closed = true;
  }

  #check(): ConsumerState {
    if (this.#closed) throw new StoreError('closed');
    return this.#state;
  }

  #save(): Promise<void> {
    this.#hasState = true;
    return this.#owner.save(this.name, this.#state);
  }

  async setStarting(streamSeq: number): Promise<void> {
    this.#check().delivered.stream_seq = streamSeq;
    return this.#save();
  }

  async hasState(): Promise<boolean> {
    this.#check();
    return this.#hasState;
  }

  async updateDelivered(
    consumerSeq: number,
    streamSeq: number,
    deliveryCount: number,
    time: bigint,
  ): Promise<void> {
    applyDelivered(this.#check(), this.#config, consumerSeq, streamSeq, deliveryCount, time);
    return this.#save();
  }

  async updateAcks(consumerSeq: number, streamSeq: number): Promise<void> {
    const state = this.#check();
    try {
      applyAck(state, this.#config, consumerSeq, streamSeq);
    } catch (err) {
      // msg_not_found may still have moved delivered: keep that too.
      if (this.#config.ack_policy !== 'none') void this.#save().catch(() => undefined);
      throw err;
    }
    return this.#save();
  }

  async updateConfig(config: ConsumerStoreConfig): Promise<void> {
    this.#check();
    this.#config = { ...config };
  }

  async update(state: ConsumerState): Promise<void> {
    const next = checkedReplacement(this.#check(), state);
    if (next === undefined) return;
    this.#state = next;
    return this.#save();
  }

  async state(): Promise<ConsumerState> {
    return copyConsumerState(this.#check());
  }

  async stop(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#owner.released(this);
  }

  async delete(): Promise<void> {
    await this.stop();
    await this.#owner.remove(this.name);
  }
}
