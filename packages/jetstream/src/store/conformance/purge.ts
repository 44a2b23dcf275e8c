// Conformance: purge (all, by subject, up to a sequence, keep N, and their
// combinations as nats-server's PurgeEx applies them), compact and truncate.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appendEach,
  fill,
  rejectsWith,
  storedSeqs,
  withHarness,
  type StoreFactory,
} from './harness.js';

/** foo.a, foo.b, bar alternating over 12 messages: foo.a at 1,4,7,10; foo.b 2,5,8,11; bar 3,6,9,12. */
const MIXED = Array.from({ length: 12 }, (_, i) => ['foo.a', 'foo.b', 'bar'][i % 3]);

export function purgeSection(factory: StoreFactory): void {
  const it = (name: string, body: Parameters<typeof withHarness>[1]): void => {
    void test(name, () => withHarness(factory, body));
  };

  void describe('purge', () => {
    it('purges everything and keeps counting sequences', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      assert.equal(await store.purge(), 10);
      const state = await store.state({ deleted: true });
      assert.deepEqual(
        [state.messages, state.bytes, state.first_seq, state.last_seq],
        [0, 0, 11, 10],
      );
      assert.deepEqual([state.num_subjects, state.num_deleted, state.first_ts], [0, 0, 0n]);
      assert.deepEqual(state.deleted, []);
      assert.equal(await store.purge(), 0);
      assert.equal(await store.purge({ subject: '>' }), 0);
      assert.equal((await store.append('foo', undefined, new Uint8Array(0))).seq, 11);
    });

    it('purges one subject or a wildcard', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      assert.equal(await store.purge({ subject: 'foo.a' }), 4);
      assert.deepEqual(await storedSeqs(store), [2, 3, 5, 6, 8, 9, 11, 12]);
      assert.equal(await store.purge({ subject: 'foo.*' }), 4);
      assert.deepEqual(await storedSeqs(store), [3, 6, 9, 12]);
      assert.equal(await store.purge({ subject: 'nothing' }), 0);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.num_subjects, state.num_deleted], [3, 1, 6]);
    });

    it('purges a subject entirely with seq 1 (TestMemStorePurgeExWithSubject)', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 100);
      assert.equal(await store.purge({ subject: 'foo', seq: 1 }), 100);
      assert.equal((await store.state()).messages, 0);
    });

    it('purges up to a sequence, like compact', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      assert.equal(await store.purge({ seq: 5 }), 4);
      assert.equal((await store.state()).first_seq, 5);
      assert.equal(await store.purge({ seq: 1 }), 0, 'nothing is below 1');
    });

    it('purges up to a deleted sequence (TestMemStorePurgeExWithDeletedMsgs)', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      await store.remove(2);
      await store.remove(9);
      assert.equal(await store.purge({ seq: 9 }), 7);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [10, 10, 1]);
    });

    it('keeps the newest N, exactly, across interior deletes', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      await store.remove(9);
      assert.equal(await store.purge({ keep: 3 }), 6);
      assert.deepEqual(await storedSeqs(store), [7, 8, 10]);
      assert.equal(await store.purge({ keep: 3 }), 0);
      assert.equal(await store.purge({ keep: 10 }), 0);
    });

    it('keeps the newest N of a subject', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      assert.equal(await store.purge({ subject: 'foo.b', keep: 1 }), 3);
      assert.deepEqual((await store.subjectsState('foo.b')).get('foo.b'), {
        messages: 1,
        first_seq: 11,
        last_seq: 11,
      });
      assert.equal(
        await store.purge({ subject: 'foo.*', keep: 2 }),
        3,
        'keep counts across the filter',
      );
      assert.deepEqual(await storedSeqs(store), [3, 6, 9, 10, 11, 12]);
      assert.equal(await store.purge({ subject: 'bar', keep: 4 }), 0);
    });

    it('purges a subject below a sequence', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      assert.equal(await store.purge({ subject: 'foo.a', seq: 8 }), 3);
      assert.deepEqual(
        (await storedSeqs(store)).filter((s) => s % 3 === 1),
        [10],
      );
      assert.equal(await store.purge({ subject: 'foo.*', seq: 6 }), 2);
      assert.deepEqual(await storedSeqs(store), [3, 6, 8, 9, 10, 11, 12]);
    });

    it('combines subject, sequence and keep', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      // bar has 4; keep 2 allows purging 2; seq 12 allows 3,6,9: the oldest two go.
      assert.equal(await store.purge({ subject: 'bar', seq: 12, keep: 2 }), 2);
      assert.deepEqual(
        (await storedSeqs(store)).filter((s) => s % 3 === 0),
        [9, 12],
      );
      // Without a subject, a sequence wins over keep (nats-server compacts).
      assert.equal(await store.purge({ seq: 4, keep: 100 }), 2);
      assert.equal((await store.state()).first_seq, 4);
    });

    it('reindexes subjects after purges', async (h) => {
      const store = await h.open();
      await appendEach(store, MIXED);
      await store.purge({ subject: 'foo.a', keep: 1 });
      const state = await store.state();
      assert.equal(state.num_subjects, 3);
      assert.equal((await store.loadNext('foo.a', 0)).message?.seq, 10);
      assert.equal((await store.loadLast('foo.a')).seq, 10);
    });
  });

  void describe('compact', () => {
    it('removes everything below a sequence (TestMemStoreCompact)', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      assert.equal(await store.compact(6), 5);
      let state = await store.state();
      assert.deepEqual([state.messages, state.first_seq], [5, 6]);
      assert.equal(state.first_ts, (await store.load(6)).time);
      assert.equal(await store.compact(3), 0, 'below first: nothing');
      assert.equal(await store.compact(100), 5);
      state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [100, 99, 0]);
      assert.equal((await store.append('foo', undefined, new Uint8Array(0))).seq, 100);
    });

    it('compacts with 0 as a purge, and onto deleted sequences', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      await store.remove(6);
      await store.remove(7);
      assert.equal(await store.compact(6), 5);
      assert.equal((await store.state()).first_seq, 8);
      assert.equal(await store.compact(0), 3);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [11, 10, 0]);
    });

    it('leaves first_seq past the end when nothing remains at or after seq', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      for (const seq of [6, 7, 8, 9, 10]) await store.remove(seq);
      assert.equal(await store.compact(6), 5);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [11, 10, 0]);
    });

    it('drops compacted subjects (TestMemStoreStreamCompactMultiBlockSubjectInfo)', async (h) => {
      const store = await h.open();
      await appendEach(
        store,
        Array.from({ length: 1000 }, (_, i) => `foo.${i}`),
      );
      assert.equal(await store.compact(501), 500);
      assert.equal((await store.state()).num_subjects, 500);
    });
  });

  void describe('truncate', () => {
    it('removes everything above a stored sequence (TestMemStoreStreamTruncate)', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 49);
      await fill(store, 'bar', 51);
      await rejectsWith(store.truncate(101), 'invalid_sequence');
      await store.truncate(50);
      assert.equal((await store.state()).messages, 50);
      for (const seq of [10, 20, 30, 40]) await store.remove(seq);
      await rejectsWith(store.truncate(40), 'invalid_sequence');
      await store.truncate(25);
      const state = await store.state({ deleted: true });
      assert.deepEqual([state.messages, state.last_seq, state.num_subjects], [23, 25, 1]);
      assert.equal(state.last_ts, (await store.load(25)).time);
      assert.deepEqual(state.deleted, [10, 20]);
      assert.equal((await store.append('baz', undefined, new Uint8Array(0))).seq, 26);
    });

    it('resets with 0 (TestMemStoreStreamTruncateReset)', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 100);
      await store.truncate(0);
      let state = await store.state();
      assert.deepEqual(
        [state.messages, state.bytes, state.first_seq, state.last_seq, state.num_subjects],
        [0, 0, 0, 0, 0],
      );
      assert.equal(state.num_deleted, 0);
      await fill(store, 'foo', 100);
      state = await store.state();
      assert.deepEqual([state.messages, state.first_seq, state.last_seq], [100, 1, 100]);
    });
  });
}
