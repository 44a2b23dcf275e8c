// Per-subject index for MemoryStore: for each subject, its stored sequences in
// ascending order. nats-server's memstore keeps only {msgs, first, last} per
// subject and rescans the stream to find a subject's next first; keeping the
// sequences makes first/last exact in O(1), and a literal-filter loadNext,
// numPending or multi-last a binary search, for one extra number per message.
//
// Removals are lazy: a removed sequence stays in the array until it reaches the
// head or tail (which are trimmed at once) or until dead entries outnumber live
// ones (then the array is rebuilt). "Live" is asked of the store (the sequence is
// still stored), so the index never disagrees with the messages.

export interface SubjectEntry {
  /**
   * The subject, one string per subject: the message table stores this one
   * instead of each message's own copy from the parser.
   */
  readonly subject: string;
  /** Ascending; seqs[head] and seqs[seqs.length - 1] are always live. */
  seqs: number[];
  head: number;
  /** Live sequences in seqs. */
  msgs: number;
}

export type IsLive = (seq: number) => boolean;

export function entryFirst(entry: SubjectEntry): number {
  return entry.seqs[entry.head];
}

export function entryLast(entry: SubjectEntry): number {
  return entry.seqs[entry.seqs.length - 1];
}

/** Index of the first element >= seq in seqs[head..]. */
function lowerBound(entry: SubjectEntry, seq: number): number {
  let lo = entry.head;
  let hi = entry.seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entry.seqs[mid] < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SubjectIndex {
  readonly #entries = new Map<string, SubjectEntry>();
  readonly #isLive: IsLive;

  constructor(isLive: IsLive) {
    this.#isLive = isLive;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(subject: string): SubjectEntry | undefined {
    return this.#entries.get(subject);
  }

  entries(): IterableIterator<[string, SubjectEntry]> {
    return this.#entries.entries();
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Record an appended message (seq above every indexed one). */
  add(subject: string, seq: number): SubjectEntry {
    const entry = this.#entries.get(subject);
    if (entry === undefined) {
      const created = { subject, seqs: [seq], head: 0, msgs: 1 };
      this.#entries.set(subject, created);
      return created;
    }
    entry.seqs.push(seq);
    entry.msgs++;
    return entry;
  }

  /** Forget a removed message; call after the store stopped holding it. */
  remove(subject: string, seq: number): void {
    const entry = this.#entries.get(subject);
    if (entry === undefined) return;
    if (--entry.msgs === 0) {
      this.#entries.delete(subject);
      return;
    }
    const seqs = entry.seqs;
    const isLive = this.#isLive;
    if (seqs[entry.head] === seq) {
      do entry.head++;
      while (!isLive(seqs[entry.head]));
    } else if (seqs[seqs.length - 1] === seq) {
      do seqs.pop();
      while (!isLive(seqs[seqs.length - 1]));
    }
    if (seqs.length - entry.msgs > Math.max(32, entry.msgs)) {
      entry.seqs = seqs.slice(entry.head).filter(isLive);
      entry.head = 0;
    }
  }

  /** The first live sequence >= seq, or 0. */
  firstFrom(entry: SubjectEntry, seq: number): number {
    const seqs = entry.seqs;
    for (let i = lowerBound(entry, seq); i < seqs.length; i++) {
      if (this.#isLive(seqs[i])) return seqs[i];
    }
    return 0;
  }

  /** The last live sequence <= seq, or 0. */
  lastUpTo(entry: SubjectEntry, seq: number): number {
    const seqs = entry.seqs;
    for (let i = lowerBound(entry, seq + 1) - 1; i >= entry.head; i--) {
      if (this.#isLive(seqs[i])) return seqs[i];
    }
    return 0;
  }

  /** Live sequences >= seq: how many, and the first (0 when none). */
  countFrom(entry: SubjectEntry, seq: number): { count: number; first: number } {
    if (seq <= entryFirst(entry)) return { count: entry.msgs, first: entryFirst(entry) };
    if (seq > entryLast(entry)) return { count: 0, first: 0 };
    const seqs = entry.seqs;
    const isLive = this.#isLive;
    const at = lowerBound(entry, seq);
    // No removed sequences inside: plain arithmetic (the common case).
    if (seqs.length - entry.head === entry.msgs)
      return { count: seqs.length - at, first: seqs[at] };
    let first = 0;
    for (let i = at; i < seqs.length; i++) {
      if (isLive(seqs[i])) {
        first = seqs[i];
        break;
      }
    }
    // Count whichever side of `at` is shorter (consumers usually ask near the end).
    let count = 0;
    if (at - entry.head < seqs.length - at) {
      for (let i = entry.head; i < at; i++) if (isLive(seqs[i])) count++;
      count = entry.msgs - count;
    } else {
      for (let i = at; i < seqs.length; i++) if (isLive(seqs[i])) count++;
    }
    return { count, first };
  }

  /** Live sequences in ascending order, up to `max` (inclusive). */
  liveUpTo(entry: SubjectEntry, max: number): number[] {
    const out: number[] = [];
    const seqs = entry.seqs;
    for (let i = entry.head; i < seqs.length && seqs[i] <= max; i++) {
      if (this.#isLive(seqs[i])) out.push(seqs[i]);
    }
    return out;
  }
}
