// What every conformance section shares: opening stores through the backend's
// factory with a fresh manual clock, closing them after each test, and small
// helpers for bytes and assertions.

import assert from 'node:assert/strict';
import { ManualClock } from '../clock.js';
import { isStoreError, type StoreErrorCode } from '../errors.js';
import type { StoreConfig, StreamStore } from '../types.js';

/** What the suite hands a backend's factory besides the config. */
export interface StoreTestEnv {
  /** The store must take its time and its max_age timers from this clock. */
  readonly clock: ManualClock;
}

/**
 * Make a new, empty store for `config`. Called several times per test; each
 * call gets a config with a distinct `name`, so a backend keyed by name (files,
 * Redis keys) needs no cleanup between calls beyond the suite's `delete()`.
 */
export type StoreFactory = (config: StoreConfig, env: StoreTestEnv) => Promise<StreamStore>;

let streamCounter = 0;

export class Harness {
  readonly clock = new ManualClock();
  readonly #factory: StoreFactory;
  readonly #opened: StreamStore[] = [];

  constructor(factory: StoreFactory) {
    this.#factory = factory;
  }

  /** A fresh store; `config.name` defaults to a unique one. */
  async open(config: Partial<StoreConfig> = {}): Promise<StreamStore> {
    const name = config.name ?? `CONFORMANCE_${process.pid}_${++streamCounter}`;
    const store = await this.#factory({ subjects: ['>'], ...config, name }, { clock: this.clock });
    this.#opened.push(store);
    return store;
  }

  /** Delete every store this test opened (idempotent on stopped stores). */
  async close(): Promise<void> {
    for (const store of this.#opened.splice(0)) await store.delete();
  }
}

/** Run `body` with a harness whose stores are deleted afterwards, pass or fail. */
export async function withHarness(
  factory: StoreFactory,
  body: (h: Harness) => Promise<void>,
): Promise<void> {
  const h = new Harness(factory);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function text(data: Uint8Array | undefined): string {
  return data === undefined ? '' : decoder.decode(data);
}

export const NO_DATA = new Uint8Array(0);

/** Append `count` messages on `subject` (payload "<subject>-<i>"); resolves their sequences. */
export async function fill(store: StreamStore, subject: string, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    seqs.push((await store.append(subject, undefined, bytes(`${subject}-${i}`))).seq);
  }
  return seqs;
}

/** Append one message per subject, in order; resolves their sequences. */
export async function appendEach(
  store: StreamStore,
  subjects: readonly string[],
): Promise<number[]> {
  const seqs: number[] = [];
  for (const subject of subjects) {
    seqs.push((await store.append(subject, undefined, bytes(subject))).seq);
  }
  return seqs;
}

/** The bytes one message of this shape accounts for in this backend. */
export async function sizeOf(
  h: Harness,
  subject: string,
  headers: Uint8Array | undefined,
  data: Uint8Array,
): Promise<number> {
  const probe = await h.open();
  await probe.append(subject, headers, data);
  const { bytes: size } = await probe.state();
  await probe.delete();
  return size;
}

/** `promise` rejects with a StoreError of `code`. */
export async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isStoreError(err, code), `expected StoreError '${code}', got ${String(err)}`);
    return true;
  });
}

/** Sequences of every stored message, via loadNext (independent of state()). */
export async function storedSeqs(store: StreamStore): Promise<number[]> {
  const seqs: number[] = [];
  for (let start = 0; ;) {
    const { message } = await store.loadNext('', start);
    if (message === undefined) return seqs;
    seqs.push(message.seq);
    start = message.seq + 1;
  }
}

/** A plain object of a Map, for deepEqual with readable diffs. */
export function record<V>(map: ReadonlyMap<string, V>): Record<string, V> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
