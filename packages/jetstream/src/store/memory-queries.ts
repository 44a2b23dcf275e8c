// MemoryStore's read-side algorithms (filtered loads, counts, per-subject
// state), over the store's message table and subject index. Split out so each
// file stays readable; nothing here mutates.

import { isLiteralSubject, subjectMatches } from '@tsnats/router';
import { StoreError } from './errors.js';
import type { SeqTable } from './seq-table.js';
import { entryFirst, entryLast, type SubjectEntry, type SubjectIndex } from './subject-index.js';
import type { SimpleState } from './types.js';

/** The store state the queries read. */
export interface StoreView {
  readonly table: SeqTable;
  readonly subjects: SubjectIndex;
  readonly first: number;
  readonly last: number;
}

/** '' and '>' select every subject. */
export function isAllFilter(filter: string): boolean {
  return filter === '' || filter === '>';
}

const EMPTY_STATE: SimpleState = { messages: 0, first_seq: 0, last_seq: 0 };

export class StoreQueries {
  readonly #t: StoreView;

  constructor(view: StoreView) {
    this.#t = view;
  }

  /** The first stored sequence >= from, or 0. */
  nextLive(from: number): number {
    let found = 0;
    this.#t.table.scan(Math.max(from, this.#t.first), this.#t.last, (seq) => {
      found = seq;
      return true;
    });
    return found;
  }

  /** The last stored sequence <= to, or 0. */
  prevLive(to: number): number {
    let found = 0;
    this.#t.table.scanBack(this.#t.first, to, (seq) => {
      found = seq;
      return true;
    });
    return found;
  }

  liveSeqs(from: number, to: number): number[] {
    const out: number[] = [];
    this.#t.table.scan(from, to, (seq) => {
      out.push(seq);
      return false;
    });
    return out;
  }

  /** The sequence of the n-th (0-based) stored message, or 0. */
  nthLive(n: number): number {
    let i = 0;
    let found = 0;
    this.#t.table.scan(this.#t.first, this.#t.last, (seq) => {
      if (i++ !== n) return false;
      found = seq;
      return true;
    });
    return found;
  }

  /** Subjects (with their index entries) matching a filter. */
  *matchingEntries(filter: string): Generator<[string, SubjectEntry]> {
    const subjects = this.#t.subjects;
    if (isAllFilter(filter)) {
      yield* subjects.entries();
    } else if (isLiteralSubject(filter)) {
      const entry = subjects.get(filter);
      if (entry !== undefined) yield [filter, entry];
    } else {
      for (const pair of subjects.entries()) if (subjectMatches(pair[0], filter)) yield pair;
    }
  }

  /** Every stored sequence whose subject matches, ascending. */
  matchingSeqs(filter: string): number[] {
    const { table, subjects, first, last } = this.#t;
    if (isLiteralSubject(filter)) {
      const entry = subjects.get(filter);
      return entry === undefined ? [] : subjects.liveUpTo(entry, last);
    }
    const out: number[] = [];
    table.scan(first, last, (seq, subject) => {
      if (subjectMatches(subject, filter)) out.push(seq);
      return false;
    });
    return out;
  }

  /** The first stored sequence >= start matching the filter(s), or 0. */
  loadNext(filter: string | readonly string[], start: number): number {
    const { table, subjects, first, last } = this.#t;
    if (start < first) start = first;
    if (start > last || table.size === 0) return 0;
    if (typeof filter !== 'string') {
      if (filter.length === 1) filter = filter[0];
      else if (filter.length === 0 || filter.some(isAllFilter)) filter = '';
      else {
        const filters = filter;
        return this.#firstMatch(start, (subject) =>
          filters.some((f) => subjectMatches(subject, f)),
        );
      }
    }
    if (isAllFilter(filter)) return this.nextLive(start);
    if (isLiteralSubject(filter)) {
      const entry = subjects.get(filter);
      return entry === undefined ? 0 : subjects.firstFrom(entry, start);
    }
    // A wildcard: per subject when there are fewer subjects than sequences to
    // walk (nats-server's heuristic, without its 256-subject cap since the
    // per-subject lookup here is a binary search, not a rescan).
    if (subjects.size < last - start + 1) {
      let best = 0;
      for (const [subject, entry] of subjects.entries()) {
        if (entryLast(entry) < start || (best !== 0 && entryFirst(entry) > best)) continue;
        if (!subjectMatches(subject, filter)) continue;
        const seq = subjects.firstFrom(entry, start);
        if (seq !== 0 && (best === 0 || seq < best)) best = seq;
      }
      return best;
    }
    const wildcard = filter;
    return this.#firstMatch(start, (subject) => subjectMatches(subject, wildcard));
  }

  #firstMatch(start: number, matches: (subject: string) => boolean): number {
    let found = 0;
    this.#t.table.scan(start, this.#t.last, (seq, subject) => {
      if (!matches(subject)) return false;
      found = seq;
      return true;
    });
    return found;
  }

  /** The newest sequence matching, or 0. */
  lastMatching(filter: string): number {
    if (isAllFilter(filter)) return this.prevLive(this.#t.last);
    let best = 0;
    for (const [, entry] of this.matchingEntries(filter)) best = Math.max(best, entryLast(entry));
    return best;
  }

  /** nats-server GetSeqFromTime, as a binary search that steps over deleted sequences. */
  seqFromTime(time: bigint): number {
    const { table, first, last } = this.#t;
    let lo = first;
    let hi = last;
    let answer = last + 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      let n = 0;
      table.scan(mid, hi, (seq) => {
        n = seq;
        return true;
      });
      if (n === 0) {
        hi = mid - 1;
      } else if (table.time(n) >= time) {
        answer = n;
        hi = mid - 1;
      } else {
        lo = n + 1;
      }
    }
    return answer;
  }

  /** Stored messages in [from, to]. */
  countLive(from: number, to: number): number {
    let n = 0;
    this.#t.table.scan(from, to, () => {
      n++;
      return false;
    });
    return n;
  }

  filteredState(seq: number, filter: string): SimpleState {
    const { table, subjects, first, last } = this.#t;
    if (seq < first) seq = first;
    if (seq > last || table.size === 0) return EMPTY_STATE;
    if (isAllFilter(filter)) {
      const lastLive = this.prevLive(last);
      if (seq <= first) return { messages: table.size, first_seq: first, last_seq: lastLive };
      const firstFrom = this.nextLive(seq);
      if (firstFrom === 0) return EMPTY_STATE;
      // Count the shorter side of `seq`.
      const messages =
        seq - first < last - seq
          ? table.size - this.countLive(first, seq - 1)
          : this.countLive(seq, last);
      return { messages, first_seq: firstFrom, last_seq: lastLive };
    }
    if (!isLiteralSubject(filter) && last - seq + 1 < subjects.size) {
      // Few sequences, many subjects: walk the sequences.
      let messages = 0;
      let firstSeq = 0;
      let lastSeq = 0;
      table.scan(seq, last, (s, subject) => {
        if (subjectMatches(subject, filter)) {
          messages++;
          if (firstSeq === 0) firstSeq = s;
          lastSeq = s;
        }
        return false;
      });
      return { messages, first_seq: firstSeq, last_seq: lastSeq };
    }
    let messages = 0;
    let firstSeq = 0;
    let lastSeq = 0;
    for (const [, entry] of this.matchingEntries(filter)) {
      const { count, first: f } = subjects.countFrom(entry, seq);
      if (count === 0) continue;
      messages += count;
      if (firstSeq === 0 || f < firstSeq) firstSeq = f;
      lastSeq = Math.max(lastSeq, entryLast(entry));
    }
    return { messages, first_seq: firstSeq, last_seq: lastSeq };
  }

  subjectsState(filter: string): Map<string, SimpleState> {
    const out = new Map<string, SimpleState>();
    for (const [subject, entry] of this.matchingEntries(filter)) {
      out.set(subject, {
        messages: entry.msgs,
        first_seq: entryFirst(entry),
        last_seq: entryLast(entry),
      });
    }
    return out;
  }

  /** Message count per subject matching a filter. */
  subjectsTotals(filter: string): Map<string, number> {
    const totals = new Map<string, number>();
    for (const [subject, entry] of this.matchingEntries(filter)) totals.set(subject, entry.msgs);
    return totals;
  }

  /** Subjects matching whose newest message is at or after seq. */
  lastPerSubjectCount(seq: number, filter: string): number {
    const { first, last } = this.#t;
    if (seq < first) seq = first;
    if (seq > last) return 0;
    let n = 0;
    for (const [, entry] of this.matchingEntries(filter)) if (entryLast(entry) >= seq) n++;
    return n;
  }

  multiLastSeqs(filters: readonly string[], maxSeq: number, maxAllowed: number): number[] {
    const { table, subjects, last } = this.#t;
    if (table.size === 0) return [];
    if (maxSeq === 0) maxSeq = last;
    const seen = new Set<number>();
    for (const filter of filters) {
      for (const [, entry] of this.matchingEntries(filter)) {
        const newest =
          entryLast(entry) <= maxSeq ? entryLast(entry) : subjects.lastUpTo(entry, maxSeq);
        if (newest !== 0) seen.add(newest);
      }
      if (maxAllowed > 0 && seen.size > maxAllowed) throw new StoreError('too_many_results');
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** The gaps between first_seq and last_seq, ascending. O(stored + deleted). */
  deletedSeqs(): number[] {
    const { table, first, last } = this.#t;
    const out: number[] = [];
    if (table.size === 0) return out;
    let expected = first;
    table.scan(first, last, (seq) => {
      for (; expected < seq; expected++) out.push(expected);
      expected = seq + 1;
      return false;
    });
    for (; expected <= last; expected++) out.push(expected);
    return out;
  }
}
