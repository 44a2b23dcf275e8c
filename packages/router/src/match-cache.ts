import { subjectMatches } from './subject.js';

export const DEFAULT_CACHE_SIZE = 1024;
// When the cache overflows it is cut back to a quarter, as nats-server's sweep
// (slCacheMax 1024 -> slCacheSweep 256), so a stream of one-off subjects
// (inboxes) costs one sweep per 768 misses, not one eviction per miss.
const SWEEP_FRACTION = 4;

/**
 * Match results by literal subject, bounded. Entries leave oldest first when it
 * overflows; a subscription change updates or drops only the entries it affects.
 */
export class MatchCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #maxSize: number;
  readonly #sweepTo: number;

  constructor(maxSize = DEFAULT_CACHE_SIZE) {
    this.#maxSize = maxSize;
    this.#sweepTo = Math.floor(maxSize / SWEEP_FRACTION);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(subject: string): V | undefined {
    return this.#entries.get(subject);
  }

  set(subject: string, value: V): void {
    if (this.#maxSize <= 0) return;
    this.#entries.set(subject, value);
    if (this.#entries.size > this.#maxSize) this.#sweep();
  }

  /** Replaces an entry that exists; never adds one. */
  replace(subject: string, value: V): void {
    if (this.#entries.has(subject)) this.#entries.set(subject, value);
  }

  delete(subject: string): void {
    this.#entries.delete(subject);
  }

  /** Applies `update` to every cached subject the wildcard `filter` matches. */
  updateMatching(filter: string, update: (value: V) => V): void {
    for (const [subject, value] of this.#entries) {
      if (subjectMatches(subject, filter)) this.#entries.set(subject, update(value));
    }
  }

  deleteMatching(filter: string): void {
    for (const subject of this.#entries.keys()) {
      if (subjectMatches(subject, filter)) this.#entries.delete(subject);
    }
  }

  #sweep(): void {
    for (const subject of this.#entries.keys()) {
      if (this.#entries.size <= this.#sweepTo) break;
      this.#entries.delete(subject);
    }
  }
}
