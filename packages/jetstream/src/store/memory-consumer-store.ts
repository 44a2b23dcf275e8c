/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose: a thrown StoreError becomes a rejection, as
 * the ConsumerStore contract promises. */
// A consumer's state kept in memory, for MemoryStore. The state record outlives
// the handle (stop) so reopening a consumer by name finds it, the behaviour a
// persistent backend has and the conformance suite checks.

import {
  applyAck,
  applyDelivered,
  checkedReplacement,
  copyConsumerState,
  emptyConsumerState,
} from './consumer-state.js';
import { StoreError } from './errors.js';
import type { ConsumerState, ConsumerStore, ConsumerStoreConfig } from './types.js';

/** What the stream store keeps per consumer name. */
interface ConsumerRecord {
  state: ConsumerState;
  hasState: boolean;
}

/** A stream store's consumers: saved state by name, and the open handles. */
export class ConsumerRegistry {
  readonly #records = new Map<string, ConsumerRecord>();
  readonly #open = new Set<MemoryConsumerStore>();

  /** Open handles (StreamState.consumer_count). */
  get openCount(): number {
    return this.#open.size;
  }

  open(name: string, config: ConsumerStoreConfig): MemoryConsumerStore {
    if (name === '') throw new StoreError('bad_consumer_state', 'bad consumer config');
    let record = this.#records.get(name);
    if (record === undefined) {
      record = { state: emptyConsumerState(), hasState: false };
      this.#records.set(name, record);
    }
    const store = new MemoryConsumerStore(name, config, record, this);
    this.#open.add(store);
    return store;
  }

  /** An open handle closed. */
  released(store: MemoryConsumerStore): void {
    this.#open.delete(store);
  }

  /** The consumer was deleted: drop its saved state (unless already replaced). */
  forget(name: string, record: ConsumerRecord): void {
    if (this.#records.get(name) === record) this.#records.delete(name);
  }

  /** The stream store closed: every handle is dead and the state gone. */
  closeAll(): void {
    for (const store of this.#open) store.close();
    this.#open.clear();
    this.#records.clear();
  }
}

export class MemoryConsumerStore implements ConsumerStore {
  readonly name: string;
  #config: ConsumerStoreConfig;
  #record: ConsumerRecord;
  #owner: ConsumerRegistry;
  #closed = false;

  constructor(
    name: string,
    config: ConsumerStoreConfig,
    record: ConsumerRecord,
    owner: ConsumerRegistry,
  ) {
    this.name = name;
    this.#config = { ...config };
    this.#record = record;
    this.#owner = owner;
  }

  /** Called by the stream store when it stops: this handle is dead too. */
  close(): void {
    this.#closed = true;
  }

  #open(): ConsumerRecord {
    if (this.#closed) throw new StoreError('closed');
    return this.#record;
  }

  async setStarting(streamSeq: number): Promise<void> {
    const record = this.#open();
    record.state.delivered.stream_seq = streamSeq;
    record.hasState = true;
  }

  async hasState(): Promise<boolean> {
    return this.#open().hasState;
  }

  async updateDelivered(
    consumerSeq: number,
    streamSeq: number,
    deliveryCount: number,
    time: bigint,
  ): Promise<void> {
    const record = this.#open();
    applyDelivered(record.state, this.#config, consumerSeq, streamSeq, deliveryCount, time);
    record.hasState = true;
  }

  async updateAcks(consumerSeq: number, streamSeq: number): Promise<void> {
    const record = this.#open();
    record.hasState = true;
    applyAck(record.state, this.#config, consumerSeq, streamSeq);
  }

  async updateConfig(config: ConsumerStoreConfig): Promise<void> {
    this.#open();
    this.#config = { ...config };
  }

  async update(state: ConsumerState): Promise<void> {
    const record = this.#open();
    const next = checkedReplacement(record.state, state);
    if (next === undefined) return;
    record.state = next;
    record.hasState = true;
  }

  async state(): Promise<ConsumerState> {
    return copyConsumerState(this.#open().state);
  }

  async stop(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#owner.released(this);
  }

  async delete(): Promise<void> {
    await this.stop();
    this.#owner.forget(this.name, this.#record);
  }
}
