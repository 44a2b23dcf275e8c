// Conformance: per-subject state and totals, filtered state, numPending (with
// last-per-subject), multi-last, seqFromTime, and the storage update handler.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StreamStore } from '../types.js';
import {
  appendEach,
  bytes,
  fill,
  record,
  rejectsWith,
  withHarness,
  type StoreFactory,
} from './harness.js';

/** 1 foo.a, 2 foo.b, 3 bar.a, 4 foo.a, 5 foo.c.x, 6 bar.a, 7 foo.a, 8 baz */
const SUBJECTS = ['foo.a', 'foo.b', 'bar.a', 'foo.a', 'foo.c.x', 'bar.a', 'foo.a', 'baz'];

/** Brute force over the stream: what numPending must say. */
async function expectedPending(
  store: StreamStore,
  seq: number,
  matches: (subject: string) => boolean,
  lastPerSubject: boolean,
): Promise<number> {
  const seen = new Set<string>();
  let n = 0;
  for (let start = Math.max(seq, 1); ;) {
    const { message } = await store.loadNext('', start);
    if (message === undefined) break;
    start = message.seq + 1;
    if (!matches(message.subject)) continue;
    if (lastPerSubject) seen.add(message.subject);
    else n++;
  }
  return lastPerSubject ? seen.size : n;
}

export function queriesSection(factory: StoreFactory): void {
  const it = (name: string, body: Parameters<typeof withHarness>[1]): void => {
    void test(name, () => withHarness(factory, body));
  };

  void describe('subject state', () => {
    it('reports per-subject counts and bounds for a filter', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      assert.deepEqual(record(await store.subjectsState('foo.*')), {
        'foo.a': { messages: 3, first_seq: 1, last_seq: 7 },
        'foo.b': { messages: 1, first_seq: 2, last_seq: 2 },
      });
      assert.deepEqual(record(await store.subjectsState('bar.a')), {
        'bar.a': { messages: 2, first_seq: 3, last_seq: 6 },
      });
      assert.equal((await store.subjectsState('')).size, 5);
      assert.equal((await store.subjectsState('>')).size, 5);
      assert.equal((await store.subjectsState('nope.>')).size, 0);
      await store.remove(1);
      await store.remove(7);
      assert.deepEqual((await store.subjectsState('foo.a')).get('foo.a'), {
        messages: 1,
        first_seq: 4,
        last_seq: 4,
      });
    });

    it('reports per-subject totals', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      assert.deepEqual(record(await store.subjectsTotals('foo.>')), {
        'foo.a': 3,
        'foo.b': 1,
        'foo.c.x': 1,
      });
      assert.deepEqual(record(await store.subjectsTotals('*.a')), { 'bar.a': 2, 'foo.a': 3 });
      assert.deepEqual(record(await store.subjectsTotals('baz')), { baz: 1 });
      assert.equal((await store.subjectsTotals('')).size, 5);
    });

    it('reports filtered state from a sequence', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      assert.deepEqual(await store.filteredState(1, 'foo.a'), {
        messages: 3,
        first_seq: 1,
        last_seq: 7,
      });
      assert.deepEqual(await store.filteredState(2, 'foo.a'), {
        messages: 2,
        first_seq: 4,
        last_seq: 7,
      });
      assert.deepEqual(await store.filteredState(3, 'foo.>'), {
        messages: 3,
        first_seq: 4,
        last_seq: 7,
      });
      assert.deepEqual(await store.filteredState(0, ''), {
        messages: 8,
        first_seq: 1,
        last_seq: 8,
      });
      assert.deepEqual(await store.filteredState(6, '>'), {
        messages: 3,
        first_seq: 6,
        last_seq: 8,
      });
      assert.equal((await store.filteredState(9, '')).messages, 0);
      assert.equal((await store.filteredState(1, 'nope')).messages, 0);
    });
  });

  void describe('numPending', () => {
    it('counts matching messages from a sequence', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      const pending = async (seq: number, filter: string): Promise<number> => {
        const r = await store.numPending(seq, filter, false);
        assert.equal(r.validThrough, 8);
        return r.total;
      };
      assert.equal(await pending(0, ''), 8);
      assert.equal(await pending(4, ''), 5);
      assert.equal(await pending(1, 'foo.a'), 3);
      assert.equal(await pending(5, 'foo.a'), 1);
      assert.equal(await pending(3, 'foo.*'), 2);
      assert.equal(await pending(1, '*.a'), 5);
      assert.equal(await pending(9, '>'), 0);
    });

    it('counts subjects with a newest message at or after seq, for last-per-subject', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      const last = async (seq: number, filter: string): Promise<number> =>
        (await store.numPending(seq, filter, true)).total;
      assert.equal(await last(0, ''), 5);
      assert.equal(await last(7, ''), 2);
      assert.equal(await last(3, 'foo.>'), 2);
      assert.equal(await last(1, 'bar.a'), 1);
      assert.equal(await last(7, 'bar.a'), 0);
    });

    it('agrees with a brute-force count over interior deletes', async (h) => {
      const store = await h.open();
      const tokens = ['foo', 'bar', 'baz'];
      for (let i = 0; i < 600; i++) {
        const subject = `${tokens[i % 3]}.${tokens[(i * 7) % 3]}.${tokens[(i * 13 + 1) % 3]}`;
        await store.append(subject, undefined, bytes('x'));
      }
      for (let seq = 5; seq <= 600; seq += 7) await store.remove(seq);
      await store.purge({ subject: 'bar.bar.*', keep: 3 });
      const filters: [string, (s: string) => boolean][] = [
        ['foo.>', (s) => s.startsWith('foo.')],
        ['*.bar.>', (s) => s.split('.')[1] === 'bar'],
        ['foo.bar.*', (s) => s.startsWith('foo.bar.')],
        ['baz.foo.bar', (s) => s === 'baz.foo.bar'],
        ['', () => true],
      ];
      for (const [filter, matches] of filters) {
        for (const seq of [0, 1, 2, 150, 444, 555, 599, 600, 601]) {
          for (const lastPerSubject of [false, true]) {
            const got = await store.numPending(seq, filter, lastPerSubject);
            const want = await expectedPending(store, seq, matches, lastPerSubject);
            assert.equal(got.total, want, `numPending(${seq}, '${filter}', ${lastPerSubject})`);
            if (!lastPerSubject) {
              assert.equal((await store.filteredState(seq, filter)).messages, want);
            }
          }
        }
      }
    });
  });

  void describe('multiLastSeqs', () => {
    it('lists the newest sequence per matching subject', async (h) => {
      const store = await h.open();
      await appendEach(store, SUBJECTS);
      assert.deepEqual(await store.multiLastSeqs(['foo.*'], 0, 0), [2, 7]);
      assert.deepEqual(await store.multiLastSeqs(['foo.>', 'bar.*'], 0, 0), [2, 5, 6, 7]);
      assert.deepEqual(await store.multiLastSeqs(['foo.a', '*.a'], 0, 0), [6, 7], 'no duplicates');
      assert.deepEqual(await store.multiLastSeqs(['>'], 5, 0), [2, 3, 4, 5], 'up to seq 5');
      assert.deepEqual(await store.multiLastSeqs(['baz'], 7, 0), []);
      await rejectsWith(store.multiLastSeqs(['>'], 0, 3), 'too_many_results');
      assert.deepEqual(await store.multiLastSeqs(['>'], 0, 5), [2, 5, 6, 7, 8]);
      const empty = await h.open();
      assert.deepEqual(await empty.multiLastSeqs(['>'], 0, 0), []);
    });
  });

  void describe('seqFromTime', () => {
    it('finds the first sequence at or after a time', async (h) => {
      const store = await h.open();
      const times: bigint[] = [];
      for (let i = 0; i < 10; i++) {
        times.push((await store.append('foo', undefined, bytes('x'))).time);
        await h.clock.advance(10);
      }
      assert.equal(await store.seqFromTime(times[0] - 1n), 1);
      assert.equal(await store.seqFromTime(times[0]), 1);
      assert.equal(await store.seqFromTime(times[4]), 5);
      assert.equal(await store.seqFromTime(times[4] + 1n), 6);
      assert.equal(await store.seqFromTime(times[9] + 1n), 11);
      await store.remove(5);
      await store.remove(6);
      assert.equal(await store.seqFromTime(times[4]), 7, 'steps over deleted sequences');
      await store.remove(10);
      assert.equal(
        await store.seqFromTime(times[9]),
        11,
        'last deleted (TestMemStoreGetSeqFromTimeWithLastDeleted)',
      );
      const empty = await h.open();
      assert.equal(await empty.seqFromTime(0n), 1);
    });
  });

  void describe('storage update handler', () => {
    it('reports appends and removals with sequence and subject', async (h) => {
      const store = await h.open();
      const calls: [number, number, number, string][] = [];
      store.registerStorageUpdates((msgs, b, seq, subject) => calls.push([msgs, b, seq, subject]));
      await store.append('foo', undefined, bytes('hello'));
      const size = (await store.state()).bytes;
      await store.remove(1);
      assert.deepEqual(calls, [
        [1, size, 1, 'foo'],
        [-1, -size, 1, 'foo'],
      ]);
      store.registerStorageUpdates(undefined);
      await store.append('foo', undefined, bytes('hello'));
      assert.equal(calls.length, 2, 'cleared');
    });

    it('sums to the change in state across every kind of operation', async (h) => {
      const store = await h.open({ max_msgs: 40, max_msgs_per_subject: 8, max_age: 1_000_000_000 });
      let msgs = 0;
      let total = 0;
      store.registerStorageUpdates((m, b) => {
        msgs += m;
        total += b;
      });
      const check = async (what: string): Promise<void> => {
        const state = await store.state();
        assert.deepEqual([msgs, total], [state.messages, state.bytes], what);
      };
      for (let i = 0; i < 60; i++) await store.append(`s.${i % 6}`, undefined, bytes(`${i}`));
      await check('appends under limits');
      await store.remove(30);
      await store.erase(31);
      await check('remove and erase');
      await store.purge({ subject: 's.1', keep: 2 });
      await check('filtered purge');
      await store.purge({ keep: 20 });
      await check('keep purge');
      await store.compact(50);
      await check('compact');
      await store.truncate(55);
      await check('truncate');
      await store.updateConfig({ name: 'x', max_msgs: 3, max_age: 1_000_000_000 });
      await check('updateConfig');
      await h.clock.advance(1_000);
      await check('max_age expiry');
      await fill(store, 'z', 4);
      await store.purge();
      await check('purge');
    });
  });
}
