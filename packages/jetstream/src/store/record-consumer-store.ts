/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose: a thrown StoreError becomes a rejection, as
 * the ConsumerStore contract promises. */
// The ConsumerStore handle both stream stores hand out. The state record lives
// in the store's registry and outlives the handle (stop), so reopening a
// consumer by name finds it; the registry decides how a change is kept
// (in memory, or written to a file).

import {
  applyAck,
  applyDelivered,
  checkedReplacement,
  copyConsumerState,
} from './consumer-state.js';
import { StoreError } from './errors.js';
import type { ConsumerState, ConsumerStore, ConsumerStoreConfig } from './types.js';

/** What a stream store keeps per consumer name. */
export interface ConsumerRecord {
  readonly name: string;
  state: ConsumerState;
  hasState: boolean;
}

/** The registry side: how a changed record is kept, and handle bookkeeping. */
export interface ConsumerRecordOwner {
  /** Keeps a changed record; resolves once it is as durable as the store makes it. */
  save(record: ConsumerRecord): Promise<void>;
  /** An open handle closed. */
  released(store: RecordConsumerStore): void;
  /** The consumer was deleted: drop its record (unless already replaced). */
  forget(record: ConsumerRecord): void;
}

export class RecordConsumerStore implements ConsumerStore {
  readonly name: string;
  #config: ConsumerStoreConfig;
  readonly #record: ConsumerRecord;
  readonly #owner: ConsumerRecordOwner;
  #closed = false;

  constructor(config: ConsumerStoreConfig, record: ConsumerRecord, owner: ConsumerRecordOwner) {
    this.name = record.name;
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
    return this.#owner.save(record);
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
    return this.#owner.save(record);
  }

  async updateAcks(consumerSeq: number, streamSeq: number): Promise<void> {
    const record = this.#open();
    record.hasState = true;
    try {
      applyAck(record.state, this.#config, consumerSeq, streamSeq);
    } catch (err) {
      // msg_not_found may still have moved delivered: keep that too.
      void this.#owner.save(record).catch(() => undefined);
      throw err;
    }
    return this.#owner.save(record);
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
    return this.#owner.save(record);
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
    this.#owner.forget(this.#record);
  }
}
