// The stream limit policies shared by MemoryStore and FileStore (nats-server's
// memstore semantics): discard new / discard old at max_msgs, max_bytes and
// max_msgs_per_subject, max_age expiry on the store's clock, and which
// sequences a purge (subject, seq, keep) or compact removes. The policy reads
// the store's index (the SeqTable, SubjectIndex and StoreQueries both stores
// share) and calls back into the store to remove: MemoryStore drops from
// memory, FileStore also writes tombstones and compact records.

import { StoreError } from './errors.js';
import { isAllFilter, type StoreQueries } from './memory-queries.js';
import type { SeqTable } from './seq-table.js';
import { entryFirst, type SubjectEntry, type SubjectIndex } from './subject-index.js';
import type { PurgeRequest, StoreClock, StoreConfig } from './types.js';

interface Limits {
  maxMsgs: number;
  maxBytes: number;
  maxAge: bigint;
  maxPer: number;
  discardNew: boolean;
  discardNewPer: boolean;
}

function limitsOf(config: StoreConfig): Limits {
  const positive = (n: number | undefined): number => (n !== undefined && n > 0 ? n : 0);
  return {
    maxMsgs: positive(config.max_msgs),
    maxBytes: positive(config.max_bytes),
    maxAge: BigInt(Math.trunc(positive(config.max_age))),
    maxPer: positive(config.max_msgs_per_subject),
    discardNew: config.discard === 'new',
    discardNewPer: config.discard_new_per_subject === true,
  };
}

/** The store state the policy reads, live (FileStore's FileIndex has this shape). */
export interface PolicyView {
  readonly msgs: SeqTable;
  readonly subjects: SubjectIndex;
  readonly queries: StoreQueries;
  readonly first: number;
  readonly last: number;
  readonly firstTime: bigint;
  readonly bytes: number;
}

/** What the policy needs from its store. */
export interface PolicyHost {
  readonly view: PolicyView;
  readonly clock: StoreClock;
  /** Remove one stored message and report it; false when `seq` is not stored. */
  remove(seq: number): boolean;
  /**
   * Remove every message below `seq` (never 0) and report them as one bulk
   * change; past last_seq: everything, and the next append gets `seq`. Returns how many.
   */
  compact(seq: number): number;
  /** Runs a max_age timer's expiry (default: just `expire()`). */
  onTimer?(expire: () => void): void;
}

export class LimitsPolicy {
  #limits: Limits;
  readonly #host: PolicyHost;
  readonly #view: PolicyView;
  #cancelAgeCheck: (() => void) | undefined;
  #stopped = false;

  constructor(host: PolicyHost, config: StoreConfig) {
    this.#host = host;
    this.#view = host.view;
    this.#limits = limitsOf(config);
  }

  /** Take a new config's limits; returns the previous max_msgs_per_subject (for `enforce`). */
  configure(config: StoreConfig): number {
    const previousMaxPer = this.#limits.maxPer;
    this.#limits = limitsOf(config);
    return previousMaxPer;
  }

  /** Before an append of `size` bytes on `subject`: throw if discard new refuses it. */
  admit(subject: string, size: number): void {
    const limits = this.#limits;
    if (!limits.discardNew) return;
    const view = this.#view;
    const entry = view.subjects.get(subject);
    const atSubjectLimit = limits.maxPer > 0 && entry !== undefined && entry.msgs >= limits.maxPer;
    if (atSubjectLimit && limits.discardNewPer) throw new StoreError('max_msgs_per_subject');
    // At the subject's limit the new message replaces that subject's oldest, so
    // the totals do not grow: nats-server lets it through.
    if (limits.maxMsgs > 0 && view.msgs.size >= limits.maxMsgs && !atSubjectLimit) {
      throw new StoreError('max_msgs');
    }
    // `>=` as nats-server: a message that would fill max_bytes exactly is refused.
    if (limits.maxBytes > 0 && view.bytes + size >= limits.maxBytes) {
      if (!atSubjectLimit) throw new StoreError('max_bytes');
      if (view.msgs.sizeOf(entryFirst(entry)) < size) throw new StoreError('max_bytes');
    }
  }

  /** After an append to `entry` (its subject's index entry): discard old, arm max_age. */
  appended(entry: SubjectEntry): void {
    const limits = this.#limits;
    if (limits.maxPer > 0) {
      while (entry.msgs > limits.maxPer) this.#host.remove(entryFirst(entry));
    }
    this.#enforceTotals();
    if (this.#cancelAgeCheck === undefined && limits.maxAge > 0n) {
      // When the oldest message expires: max_age from now, unless it was given
      // an older time (mirrors, replicas), when sooner.
      this.#scheduleAgeCheck(this.#view.firstTime + limits.maxAge - this.#host.clock.now());
    }
  }

  /** Enforce the current limits on what is stored (a lower per-subject limit than `previousMaxPer` trims). */
  enforce(previousMaxPer: number): void {
    const { maxPer, maxAge } = this.#limits;
    this.#enforceTotals();
    // As nats-server's filestore (memstore misses the unlimited -> limited case).
    if (maxPer > 0 && (previousMaxPer === 0 || maxPer < previousMaxPer)) {
      for (const [, entry] of [...this.#view.subjects.entries()]) {
        while (entry.msgs > maxPer) this.#host.remove(entryFirst(entry));
      }
    }
    if (maxAge === 0n) {
      this.#cancelTimer();
    } else {
      this.expire();
    }
  }

  /** Discard old: drop from the front until max_msgs and max_bytes hold. */
  #enforceTotals(): void {
    const { maxMsgs, maxBytes, discardNew } = this.#limits;
    if (discardNew) return;
    const view = this.#view;
    while (maxMsgs > 0 && view.msgs.size > maxMsgs) this.#host.remove(view.first);
    while (maxBytes > 0 && view.bytes > maxBytes) this.#host.remove(view.first);
  }

  #scheduleAgeCheck(delayNs: bigint): void {
    this.#cancelAgeCheck?.();
    // Round up: firing early would only find nothing old enough and re-arm.
    const delayMs = delayNs <= 0n ? 1 : Math.ceil(Number(delayNs) / 1e6);
    this.#cancelAgeCheck = this.#host.clock.schedule(() => {
      this.#cancelAgeCheck = undefined;
      if (this.#stopped) return;
      if (this.#host.onTimer === undefined) {
        this.expire();
      } else {
        this.#host.onTimer(() => {
          this.expire();
        });
      }
    }, delayMs);
  }

  #cancelTimer(): void {
    this.#cancelAgeCheck?.();
    this.#cancelAgeCheck = undefined;
  }

  /** Remove what is older than max_age, then re-arm for the next oldest (nats-server expireMsgs). */
  expire(): void {
    const maxAge = this.#limits.maxAge;
    if (this.#stopped || maxAge === 0n) return;
    const view = this.#view;
    const clock = this.#host.clock;
    let minAge = clock.now() - maxAge;
    while (view.msgs.size > 0 && view.firstTime <= minAge) {
      this.#host.remove(view.first);
      minAge = clock.now() - maxAge;
    }
    if (view.msgs.size === 0) {
      this.#cancelTimer();
    } else {
      this.#scheduleAgeCheck(view.firstTime - minAge);
    }
  }

  /** Purge as nats-server: everything, below `seq`, all but the newest `keep`, per subject. */
  purge(request: PurgeRequest): number {
    const subject = request.subject ?? '';
    const seq = request.seq ?? 0;
    const keep = request.keep ?? 0;
    const view = this.#view;
    if (isAllFilter(subject)) {
      if (keep === 0 && seq === 0) return this.#host.compact(view.last + 1);
      if (seq > 1) return this.#host.compact(seq);
      if (keep > 0) {
        // Keep exactly the newest `keep` (nats-server's filestore; memstore
        // compacts at last_seq - keep + 1 and keeps fewer across interior deletes).
        if (keep >= view.msgs.size) return 0;
        return this.#host.compact(view.queries.nthLive(view.msgs.size - keep));
      }
      return 0;
    }
    const matching = view.queries.matchingSeqs(subject);
    let toPurge = matching.length;
    if (keep > 0) {
      if (keep >= toPurge) return 0;
      toPurge -= keep;
    }
    const upTo = seq > 1 ? seq - 1 : view.last;
    let purged = 0;
    for (const s of matching) {
      if (s > upTo || purged >= toPurge) break;
      if (this.#host.remove(s)) purged++;
    }
    return purged;
  }

  /** Remove every message below `seq` (0: everything). */
  compact(seq: number): number {
    return this.#host.compact(seq === 0 ? this.#view.last + 1 : seq);
  }

  /** The store closed: no more expiry. */
  stop(): void {
    this.#stopped = true;
    this.#cancelTimer();
  }
}
