// FileStore's consumers: each consumer's state in `consumers/<name>.json`,
// rewritten atomically (temp file + rename) after the changes of one turn, with
// the same handles as MemoryStore (./record-consumer-store.ts). A mutation's
// promise resolves once its state file has been handed to the OS.

import * as fs from 'node:fs';
import { join } from 'node:path';
import { emptyConsumerState } from './consumer-state.js';
import { StoreError } from './errors.js';
import {
  RecordConsumerStore,
  type ConsumerRecord,
  type ConsumerRecordOwner,
} from './record-consumer-store.js';
import type { ConsumerStoreConfig } from './types.js';

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
export class FileConsumerRegistry implements ConsumerRecordOwner {
  readonly #dir: string;
  readonly #sync: boolean;
  readonly #records = new Map<string, ConsumerRecord>();
  readonly #open = new Set<RecordConsumerStore>();
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

  open(name: string, config: ConsumerStoreConfig): RecordConsumerStore {
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
    const store = new RecordConsumerStore(config, record, this);
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

  released(store: RecordConsumerStore): void {
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
