// A deliberately naive stream store model (a sorted array, everything O(n)) and
// a checker that replays operations on a real StreamStore and the model and
// compares what they say after each step. The conformance suite drives it with
// a seeded random generator; MemoryStore's property test drives it with
// fast-check (which shrinks a failure to a short sequence).

import assert from 'node:assert/strict';
import { subjectMatches } from '@tsnats/router';
import { isStoreError, type StoreErrorCode } from './errors.js';
import type { DiscardPolicy, PurgeRequest, StreamStore } from './types.js';

export type ModelOp =
  | { readonly op: 'append'; readonly subject: string; readonly size: number }
  | { readonly op: 'remove'; readonly seq: number }
  | { readonly op: 'purge'; readonly request: PurgeRequest }
  | { readonly op: 'compact'; readonly seq: number }
  | { readonly op: 'truncate'; readonly seq: number }
  | { readonly op: 'skip' };

/** The limits the model understands (no max_bytes: sizes are backend-specific). */
export interface ModelConfig {
  readonly max_msgs: number;
  readonly max_msgs_per_subject: number;
  readonly discard: DiscardPolicy;
  readonly discard_new_per_subject: boolean;
}

/** Subjects the generators draw from: literal, nested, so that wildcards select subsets. */
export const MODEL_SUBJECTS = ['a', 'b', 'c.x', 'c.y', 'c.x.z'] as const;
/** Filters the checker queries with after every step. */
export const MODEL_FILTERS = ['', 'a', 'c.*', 'c.>', '*', '*.x', 'nope'] as const;

interface Msg {
  readonly seq: number;
  readonly subject: string;
}

type Outcome = { error: StoreErrorCode } | { value: number | boolean | undefined };

export class NaiveStreamModel {
  msgs: Msg[] = [];
  first = 0;
  last = 0;
  readonly #config: ModelConfig;

  constructor(config: ModelConfig) {
    this.#config = config;
  }

  #removeAt(index: number): void {
    const [gone] = this.msgs.splice(index, 1);
    if (gone.seq === this.first) this.first = this.msgs[0]?.seq ?? this.last + 1;
  }

  #remove(seq: number): boolean {
    const index = this.msgs.findIndex((m) => m.seq === seq);
    if (index < 0) return false;
    this.#removeAt(index);
    return true;
  }

  #count(subject: string): number {
    return this.msgs.filter((m) => m.subject === subject).length;
  }

  #compact(seq: number): number {
    if (seq === 0) return this.#dropAll(this.last + 1, this.last);
    if (seq > this.last) return this.#dropAll(seq, seq - 1);
    const below = this.msgs.filter((m) => m.seq < seq).length;
    if (below === 0) return 0;
    this.msgs = this.msgs.slice(below);
    this.first = this.msgs[0]?.seq ?? this.last + 1;
    return below;
  }

  #dropAll(first: number, last: number): number {
    const n = this.msgs.length;
    this.msgs = [];
    this.first = first;
    this.last = last;
    return n;
  }

  apply(op: ModelOp): Outcome {
    const c = this.#config;
    switch (op.op) {
      case 'append': {
        const atLimit =
          c.max_msgs_per_subject > 0 && this.#count(op.subject) >= c.max_msgs_per_subject;
        if (c.discard === 'new') {
          if (atLimit && c.discard_new_per_subject) return { error: 'max_msgs_per_subject' };
          if (c.max_msgs > 0 && this.msgs.length >= c.max_msgs && !atLimit)
            return { error: 'max_msgs' };
        }
        const seq = ++this.last;
        this.msgs.push({ seq, subject: op.subject });
        if (this.msgs.length === 1) this.first = seq;
        while (c.max_msgs_per_subject > 0 && this.#count(op.subject) > c.max_msgs_per_subject) {
          this.#removeAt(this.msgs.findIndex((m) => m.subject === op.subject));
        }
        while (c.discard === 'old' && c.max_msgs > 0 && this.msgs.length > c.max_msgs) {
          this.#removeAt(0);
        }
        return { value: seq };
      }
      case 'remove':
        return { value: this.#remove(op.seq) };
      case 'skip': {
        const seq = ++this.last;
        if (this.msgs.length === 0) this.first = seq + 1;
        return { value: seq };
      }
      case 'compact':
        return { value: this.#compact(op.seq) };
      case 'truncate': {
        if (op.seq === 0) {
          this.#dropAll(0, 0);
          return { value: undefined };
        }
        if (!this.msgs.some((m) => m.seq === op.seq)) return { error: 'invalid_sequence' };
        this.msgs = this.msgs.filter((m) => m.seq <= op.seq);
        this.last = op.seq;
        return { value: undefined };
      }
      case 'purge': {
        const { subject = '', seq = 0, keep = 0 } = op.request;
        if (subject === '' || subject === '>') {
          if (keep === 0 && seq === 0) return { value: this.#dropAll(this.last + 1, this.last) };
          if (seq > 1) return { value: this.#compact(seq) };
          if (keep > 0 && keep < this.msgs.length) {
            return { value: this.#compact(this.msgs[this.msgs.length - keep].seq) };
          }
          return { value: 0 };
        }
        const matching = this.msgs.filter((m) => subjectMatches(m.subject, subject));
        let toPurge = matching.length;
        if (keep > 0) {
          if (keep >= toPurge) return { value: 0 };
          toPurge -= keep;
        }
        const upTo = seq > 1 ? seq - 1 : this.last;
        let purged = 0;
        for (const m of matching) {
          if (m.seq > upTo || purged >= toPurge) break;
          this.#remove(m.seq);
          purged++;
        }
        return { value: purged };
      }
    }
  }
}

async function applyToStore(store: StreamStore, op: ModelOp): Promise<Outcome> {
  try {
    switch (op.op) {
      case 'append':
        return { value: (await store.append(op.subject, undefined, new Uint8Array(op.size))).seq };
      case 'remove':
        return { value: await store.remove(op.seq) };
      case 'skip':
        return { value: await store.skip() };
      case 'compact':
        return { value: await store.compact(op.seq) };
      case 'truncate':
        await store.truncate(op.seq);
        return { value: undefined };
      case 'purge':
        return { value: await store.purge(op.request) };
    }
  } catch (err) {
    if (isStoreError(err)) return { error: err.code };
    throw err;
  }
}

/**
 * Replay `ops` on `store` (fresh, created with the model's config) and on the
 * model, comparing every result and then the store's whole observable state.
 */
export async function checkAgainstModel(
  store: StreamStore,
  config: ModelConfig,
  ops: readonly ModelOp[],
): Promise<void> {
  const model = new NaiveStreamModel(config);
  // Appends report their size through the handler; bytes must equal the sum over live messages.
  const sizes = new Map<number, number>();
  store.registerStorageUpdates((msgs, bytes, seq) => {
    if (msgs === 1) sizes.set(seq, bytes);
  });
  for (const [step, op] of ops.entries()) {
    const where = `step ${step}: ${JSON.stringify(op)}`;
    assert.deepEqual(await applyToStore(store, op), model.apply(op), where);
    await compareState(store, model, sizes, where);
  }
}

async function compareState(
  store: StreamStore,
  model: NaiveStreamModel,
  sizes: ReadonlyMap<number, number>,
  where: string,
): Promise<void> {
  const state = await store.state({ deleted: true });
  const seqs = model.msgs.map((m) => m.seq);
  const deleted: number[] = [];
  if (seqs.length > 0) {
    for (let s = model.first; s <= model.last; s++) if (!seqs.includes(s)) deleted.push(s);
  }
  const bytes = seqs.reduce((sum, s) => sum + (sizes.get(s) ?? NaN), 0);
  assert.deepEqual(
    {
      messages: state.messages,
      first: state.first_seq,
      last: state.last_seq,
      bytes: state.bytes,
      subjects: state.num_subjects,
      numDeleted: state.num_deleted,
      deleted: state.deleted,
    },
    {
      messages: seqs.length,
      first: model.first,
      last: model.last,
      bytes,
      subjects: new Set(model.msgs.map((m) => m.subject)).size,
      numDeleted: deleted.length,
      deleted,
    },
    `state after ${where}`,
  );
  const starts = [
    0,
    model.first,
    Math.floor((model.first + model.last) / 2),
    model.last,
    model.last + 1,
  ];
  for (const filter of MODEL_FILTERS) {
    const matching = model.msgs.filter((m) => filter === '' || subjectMatches(m.subject, filter));
    for (const start of starts) {
      const from = matching.filter((m) => m.seq >= start);
      const pending = await store.numPending(start, filter, false);
      assert.equal(pending.total, from.length, `numPending(${start}, '${filter}') after ${where}`);
      const lastPer = new Set(from.map((m) => m.subject)).size;
      const perSubject = (await store.numPending(start, filter, true)).total;
      assert.equal(
        perSubject,
        lastPer,
        `last-per-subject numPending(${start}, '${filter}') after ${where}`,
      );
      const next = await store.loadNext(filter, start);
      assert.equal(
        next.message?.seq,
        from[0]?.seq,
        `loadNext('${filter}', ${start}) after ${where}`,
      );
      assert.equal(next.seq, from[0]?.seq ?? model.last, `loadNext seq after ${where}`);
    }
    const newest = matching[matching.length - 1]?.seq;
    const last = await store.loadLast(filter).then(
      (m) => m.seq,
      (err: unknown) => {
        if (isStoreError(err, 'msg_not_found')) return undefined;
        throw err;
      },
    );
    assert.equal(last, newest, `loadLast('${filter}') after ${where}`);
  }
}

/** A small deterministic PRNG (mulberry32), so a failing seed reproduces. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random config and operation list from `random`. */
export function randomScenario(
  random: () => number,
  length: number,
): { config: ModelConfig; ops: ModelOp[] } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const config: ModelConfig = {
    max_msgs: pick([0, 0, 3, 8]),
    max_msgs_per_subject: pick([0, 0, 1, 2]),
    discard: pick(['old', 'old', 'new'] as const),
    discard_new_per_subject: random() < 0.5,
  };
  const ops: ModelOp[] = [];
  let last = 0;
  const seq = (): number => Math.floor(random() * (last + 3));
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.5) {
      ops.push({ op: 'append', subject: pick(MODEL_SUBJECTS), size: Math.floor(random() * 8) });
      last++;
    } else if (r < 0.7) ops.push({ op: 'remove', seq: seq() });
    else if (r < 0.8) {
      const request: { subject?: string; seq?: number; keep?: number } = {};
      if (random() < 0.6) request.subject = pick([...MODEL_SUBJECTS, 'c.*', 'c.>', '>']);
      if (random() < 0.4) request.seq = seq();
      if (random() < 0.4) request.keep = Math.floor(random() * 4);
      ops.push({ op: 'purge', request });
    } else if (r < 0.87) ops.push({ op: 'compact', seq: seq() });
    else if (r < 0.93) {
      ops.push({ op: 'skip' });
      last++;
    } else ops.push({ op: 'truncate', seq: random() < 0.1 ? 0 : seq() });
  }
  return { config, ops };
}
