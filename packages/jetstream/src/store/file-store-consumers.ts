/* eslint-disable @typescript-eslint/require-await --
 * async without await on purpose: a thrown StoreError becomes a rejection. */
// FileStore's consumers: each consumer's state in `consumers/<name>.json`,
// rewritten atomically (temp file + rename) after the changes of one turn, with
// the same transitions as MemoryStore (./consumer-state.ts). A mutation's
// promise resolves once its state file has been handed to the OS.

import * as fs from 'node:fs';
import { join } from 'node:path';
import {
  applyAck,
  applyDelivered,
  checkedReplacement,
  copyConsumerState,
  emptyConsumerState,
} from './consumer-state.js';
import { StoreError } from './errors.js';
import type { ConsumerState, ConsumerStore, ConsumerStoreConfig } from './types.js';

interface ConsumerRecord {
  readonly name: string;
  state: ConsumerState;
  hasState: boolean;
}

interface SavedState {
  has_state: boolean;
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { consumer_seq: number; stream_seq: number };
  /** [stream seq, consumer seq, timestamp ns as a decimal string] */
  pending: [number, number, string][];
  redelivered: [number, number][];
}

function serialize(record: ConsumerRecord): string {
  const { state } = record;
  const saved: SavedState = {
    has_state: record.hasState,
    delivered: state.delivered,
    ack_floor: state.ack_floor,
    pending: [...state.pending].map(([seq, p]) => [seq, p.sequence, p.timestamp.toString()]),
    redelivered: [...state.redelivered],
  };
  return JSON.stringify(saved);
}

function deserialize(name: string, text: string): ConsumerRecord {
  const saved = JSON.parse(text) as SavedState;
  return {
    name,
    hasState: saved.has_state,
    state: {
      delivered: { ...saved.delivered },
      ack_floor: { ...saved.ack_floor },
      pending: new Map(
        saved.pending.map(([seq, sequence, ts]) => [seq, { sequence, timestamp: BigInt(ts) }]),
      ),
      redelivered: new Map(saved.redelivered),
    },
  };
}

/** Write `text` to `path` atomically: a temp file renamed over it. */
export function writeFileAtomic(path: string, text: string, sync: boolean): void {
  const tmp = `${path}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    if (sync) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path);
}

/** A stream's consumers: saved states by name (on disk and cached) and open handles. */
export class FileConsumerRegistry {
  readonly #dir: string;
  readonly #sync: boolean;
  readonly #records = new Map<string, ConsumerRecord>();
  readonly #open = new Set<FileConsumerStore>();
  readonly #dirty = new Set<ConsumerRecord>();
  #batch: Promise<void> | undefined;

  constructor(streamDir: string, syncAlways: boolean) {
    this.#dir = join(streamDir, 'consumers');
    this.#sync = syncAlways;
  }

  get openCount(): number {
    return this.#open.size;
  }

  #path(name: string): string {
    return join(this.#dir, `${encodeURIComponent(name)}.json`);
  }

  open(name: string, config: ConsumerStoreConfig): FileConsumerStore {
    if (name === '') throw new StoreError('bad_consumer_state', 'bad consumer config');
    let record = this.#records.get(name);
    if (record === undefined) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(this.#path(name), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      record =
        text === undefined
          ? { name, state: emptyConsumerState(), hasState: false }
          : deserialize(name, text);
      this.#records.set(name, record);
    }
    const store = new FileConsumerStore(name, config, record, this);
    this.#open.add(store);
    return store;
  }

  /** Persist a changed record with the others changed this turn. */
  save(record: ConsumerRecord): Promise<void> {
    this.#dirty.add(record);
    this.#batch ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        this.#batch = undefined;
        try {
          this.flush();
          resolve();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    return this.#batch;
  }

  flush(): void {
    if (this.#dirty.size === 0) return;
    fs.mkdirSync(this.#dir, { recursive: true });
    for (const record of this.#dirty) {
      if (this.#records.get(record.name) === record) {
        writeFileAtomic(this.#path(record.name), serialize(record), this.#sync);
      }
    }
    this.#dirty.clear();
  }

  released(store: FileConsumerStore): void {
    this.#open.delete(store);
  }

  forget(record: ConsumerRecord): void {
    if (this.#records.get(record.name) !== record) return;
    this.#records.delete(record.name);
    this.#dirty.delete(record);
    fs.rmSync(this.#path(record.name), { force: true });
  }

  /** The stream store closed: write what is pending, every handle is dead. */
  closeAll(): void {
    for (const store of this.#open) store.close();
    this.#open.clear();
    try {
      this.flush();
    } finally {
      this.#records.clear();
    }
  }
}

export class FileConsumerStore implements ConsumerStore {
  readonly name: string;
  #config: ConsumerStoreConfig;
  readonly #record: ConsumerRecord;
  readonly #owner: FileConsumerRegistry;
  #closed = false;

  constructor(
    name: string,
    config: ConsumerStoreConfig,
    record: ConsumerRecord,
    owner: FileConsumerRegistry,
  ) {
    this.name = name;
    this.#config = { ...config };
    this.#record = record;
    this.#owner = owner;
  }

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
      // msg_not_found may still have moved delivered: save that too.
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
