// A consumer's state kept in memory, for MemoryStore. The state record outlives
// the handle (stop) so reopening a consumer by name finds it, the behaviour a
// persistent backend has and the conformance suite checks.

import { emptyConsumerState } from './consumer-state.js';
import { StoreError } from './errors.js';
import {
  RecordConsumerStore,
  type ConsumerRecord,
  type ConsumerRecordOwner,
} from './record-consumer-store.js';
import type { ConsumerStoreConfig } from './types.js';

/** A stream store's consumers: saved state by name, and the open handles. */
export class ConsumerRegistry implements ConsumerRecordOwner {
  readonly #records = new Map<string, ConsumerRecord>();
  readonly #open = new Set<RecordConsumerStore>();

  /** Open handles (StreamState.consumer_count). */
  get openCount(): number {
    return this.#open.size;
  }

  open(name: string, config: ConsumerStoreConfig): RecordConsumerStore {
    if (name === '') throw new StoreError('bad_consumer_state', 'bad consumer config');
    let record = this.#records.get(name);
    if (record === undefined) {
      record = { name, state: emptyConsumerState(), hasState: false };
      this.#records.set(name, record);
    }
    const store = new RecordConsumerStore(config, record, this);
    this.#open.add(store);
    return store;
  }

  /** Memory is as durable as it gets: nothing to write. */
  save(): Promise<void> {
    return Promise.resolve();
  }

  /** An open handle closed. */
  released(store: RecordConsumerStore): void {
    this.#open.delete(store);
  }

  /** The consumer was deleted: drop its saved state (unless already replaced). */
  forget(record: ConsumerRecord): void {
    if (this.#records.get(record.name) === record) this.#records.delete(record.name);
  }

  /** The stream store closed: every handle is dead and the state gone. */
  closeAll(): void {
    for (const store of this.#open) store.close();
    this.#open.clear();
    this.#records.clear();
  }
}
