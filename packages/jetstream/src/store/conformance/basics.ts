// Conformance: append, load, remove/erase, skip, first_seq, state and the
// deleted list, loadNext and loadLast.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  NO_DATA,
  appendEach,
  bytes,
  fill,
  rejectsWith,
  sizeOf,
  storedSeqs,
  text,
  withHarness,
  type StoreFactory,
} from './harness.js';

export function basicsSection(factory: StoreFactory): void {
  const it = (name: string, body: Parameters<typeof withHarness>[1]): void => {
    void test(name, () => withHarness(factory, body));
  };

  void describe('append and load', () => {
    it('assigns sequences from 1 and stamps the clock time', async (h) => {
      const store = await h.open();
      const a = await store.append('foo', undefined, bytes('one'));
      await h.clock.advance(1);
      const b = await store.append('bar', undefined, bytes('two'));
      assert.deepEqual([a.seq, b.seq], [1, 2]);
      assert.equal(b.time - a.time, 1_000_000n);
      assert.equal(a.time, h.clock.now() - 1_000_000n);
      const loaded = await store.load(2);
      assert.equal(loaded.subject, 'bar');
      assert.equal(loaded.seq, 2);
      assert.equal(text(loaded.data), 'two');
      assert.equal(loaded.headers, undefined);
      assert.equal(loaded.time, b.time);
    });

    it('keeps headers and empty payloads', async (h) => {
      const store = await h.open();
      const hdr = bytes('NATS/1.0\r\nNats-Msg-Id: 1\r\n\r\n');
      await store.append('foo', hdr, NO_DATA);
      const loaded = await store.load(1);
      assert.equal(text(loaded.headers), 'NATS/1.0\r\nNats-Msg-Id: 1\r\n\r\n');
      assert.equal(loaded.data.length, 0);
    });

    it('copies the bytes it is given', async (h) => {
      const store = await h.open();
      const hdr = bytes('NATS/1.0\r\nA: b\r\n\r\n');
      const data = bytes('payload');
      await store.append('foo', hdr, data);
      data.fill(0);
      hdr.fill(0);
      const loaded = await store.load(1);
      assert.equal(text(loaded.data), 'payload');
      assert.equal(text(loaded.headers), 'NATS/1.0\r\nA: b\r\n\r\n');
    });

    it('rejects eof past the end and msg_not_found for deleted sequences', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 3);
      await rejectsWith(store.load(4), 'eof');
      assert.equal(await store.remove(2), true);
      await rejectsWith(store.load(2), 'msg_not_found');
      await rejectsWith(store.load(0), 'msg_not_found');
    });

    it('stores at an explicit sequence and time, and refuses a gap', async (h) => {
      const store = await h.open();
      const r = await store.append('foo', undefined, bytes('x'), { seq: 1, time: 42n });
      assert.deepEqual(r, { seq: 1, time: 42n });
      assert.equal((await store.load(1)).time, 42n);
      await rejectsWith(
        store.append('foo', undefined, bytes('x'), { seq: 5 }),
        'sequence_mismatch',
      );
      await rejectsWith(
        store.append('foo', undefined, bytes('x'), { seq: 1 }),
        'sequence_mismatch',
      );
      assert.equal((await store.append('foo', undefined, bytes('x'), { seq: 2 })).seq, 2);
      assert.equal((await store.state()).last_seq, 2);
    });

    it('applies pipelined appends in call order', async (h) => {
      const store = await h.open();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.append(`s.${i % 5}`, undefined, bytes(`${i}`))),
      );
      assert.deepEqual(
        results.map((r) => r.seq),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      assert.equal(text((await store.load(50)).data), '49');
    });

    it('reports counts, bytes, bounds and times in state', async (h) => {
      const size = await sizeOf(h, 'foo', undefined, bytes('hello'));
      assert.ok(size >= 5, 'a message accounts for at least its payload');
      const store = await h.open();
      const empty = await store.state();
      assert.deepEqual(
        [empty.messages, empty.bytes, empty.first_seq, empty.last_seq, empty.first_ts],
        [0, 0, 0, 0, 0n],
      );
      const t1 = (await store.append('foo', undefined, bytes('hello'))).time;
      await h.clock.advance(5);
      await store.append('bar', undefined, bytes('hello'));
      const t3 = (await store.append('foo', undefined, bytes('hello'))).time;
      const state = await store.state();
      assert.equal(state.messages, 3);
      assert.equal(state.bytes, 3 * size, 'same-shaped messages account the same bytes');
      assert.deepEqual([state.first_seq, state.last_seq], [1, 3]);
      assert.deepEqual([state.first_ts, state.last_ts], [t1, t3]);
      assert.equal(state.num_subjects, 2);
      assert.equal(state.num_deleted, 0);
      assert.equal(state.consumer_count, 0);
      const withHeaders = await sizeOf(h, 'foo', bytes('NATS/1.0\r\n\r\n'), bytes('hello'));
      assert.ok(withHeaders > size, 'headers count toward bytes');
    });
  });

  void describe('remove and erase', () => {
    it('counts interior deletes and lists them on request', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      for (const seq of [2, 4, 6, 8]) assert.equal(await store.remove(seq), true);
      const state = await store.state({ deleted: true });
      assert.equal(state.messages, 6);
      assert.equal(state.num_deleted, 4);
      assert.deepEqual(state.deleted, [2, 4, 6, 8]);
      assert.equal((await store.state()).deleted, undefined, 'no list unless asked');
      // Removing the first ones moves first_seq past the gaps (TestMemStoreStreamStateDeleted).
      await store.remove(1);
      await store.remove(3);
      const after = await store.state({ deleted: true });
      assert.equal(after.first_seq, 5);
      assert.deepEqual(after.deleted, [6, 8]);
      assert.equal(after.first_ts, (await store.load(5)).time);
    });

    it('returns false for a missing or already removed message', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 2);
      assert.equal(await store.remove(1), true);
      assert.equal(await store.remove(1), false);
      assert.equal(await store.remove(99), false);
      assert.equal(await store.remove(0), false);
      assert.equal((await store.state()).messages, 1);
    });

    it('leaves first_seq = last_seq + 1 when everything is removed', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 10);
      for (let seq = 1; seq <= 10; seq++) await store.remove(seq);
      const state = await store.state({ deleted: true });
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [11, 10, 0]);
      assert.deepEqual([state.num_deleted, state.bytes, state.num_subjects], [0, 0, 0]);
      assert.deepEqual(state.deleted, []);
      assert.equal((await store.append('foo', undefined, NO_DATA)).seq, 11);
    });

    it('erases a message', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 3);
      assert.equal(await store.erase(2), true);
      assert.equal(await store.erase(2), false);
      await rejectsWith(store.load(2), 'msg_not_found');
      assert.equal((await store.state()).messages, 2);
    });
  });

  void describe('skip and first_seq', () => {
    it('skips on an empty store by moving first_seq', async (h) => {
      const store = await h.open();
      assert.equal(await store.skip(), 1);
      assert.equal(await store.skip(), 2);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.num_deleted], [3, 2, 0]);
      assert.equal((await store.append('foo', undefined, NO_DATA)).seq, 3);
    });

    it('counts a skip after messages as an interior delete', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 1);
      assert.equal(await store.skip(), 2);
      await fill(store, 'foo', 1);
      const state = await store.state({ deleted: true });
      assert.deepEqual([state.messages, state.first_seq, state.last_seq], [2, 1, 3]);
      assert.deepEqual(state.deleted, [2]);
      await rejectsWith(store.load(2), 'msg_not_found');
    });

    it('skips many (TestMemStoreSkipMsgs)', async (h) => {
      const store = await h.open();
      await rejectsWith(store.skipMany(10, 100), 'sequence_mismatch');
      await store.skipMany(1, 100);
      let state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq], [101, 100]);
      await store.skipMany(101, 100_000);
      state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq], [100_101, 100_100]);

      const other = await h.open();
      await other.append('foo', undefined, NO_DATA);
      await other.skipMany(2, 10);
      state = await other.state({ deleted: true });
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [1, 11, 1]);
      assert.equal(state.num_deleted, 10);
      assert.equal(state.deleted?.length, 10);
    });

    it('starts at config.first_seq', async (h) => {
      const store = await h.open({ first_seq: 1000 });
      const before = await store.state();
      assert.deepEqual([before.first_seq, before.last_seq, before.messages], [1000, 999, 0]);
      assert.deepEqual(await appendEach(store, ['A', 'B']), [1000, 1001]);
      const state = await store.state();
      assert.deepEqual([state.first_seq, state.last_seq, state.messages], [1000, 1001, 2]);
    });
  });

  void describe('loadNext', () => {
    const subjects = ['foo.a', 'bar.a', 'foo.b', 'foo.a.x', 'baz', 'foo.a'];

    it('finds the next message for literal, wildcard and all filters', async (h) => {
      const store = await h.open();
      await appendEach(store, subjects);
      const next = async (filter: string | string[], start: number): Promise<number> =>
        (await store.loadNext(filter, start)).message?.seq ?? 0;
      assert.equal(await next('foo.a', 0), 1);
      assert.equal(await next('foo.a', 2), 6);
      assert.equal(await next('foo.*', 2), 3);
      assert.equal(await next('foo.>', 4), 4);
      assert.equal(await next('*.a', 2), 2);
      assert.equal(await next('*', 1), 5);
      assert.equal(await next('>', 5), 5);
      assert.equal(await next('', 3), 3);
      assert.equal(await next(['baz', 'bar.*'], 1), 2);
      assert.equal(await next(['baz', 'bar.*'], 3), 5);
      assert.equal(await next([], 3), 3, 'no filters: all');
      const found = await store.loadNext('foo.b', 1);
      assert.equal(found.seq, 3);
      assert.equal(found.message?.subject, 'foo.b');
      assert.equal(text(found.message?.data), 'foo.b');
    });

    it('answers no message with the last sequence', async (h) => {
      const store = await h.open();
      assert.deepEqual(await store.loadNext('', 1), { message: undefined, seq: 0 });
      await appendEach(store, subjects);
      assert.deepEqual(await store.loadNext('foo.b', 4), { message: undefined, seq: 6 });
      assert.deepEqual(await store.loadNext('nope', 0), { message: undefined, seq: 6 });
      assert.deepEqual(await store.loadNext('>', 7), { message: undefined, seq: 6 });
      assert.deepEqual(await store.loadNext(['x', 'y'], 1), { message: undefined, seq: 6 });
    });

    it('steps over deletes and large gaps', async (h) => {
      const store = await h.open();
      await fill(store, 'foo.a', 1);
      await store.skipMany(2, 200_000);
      await fill(store, 'foo.b', 1);
      await fill(store, 'foo.a', 3);
      await store.remove(200_003);
      assert.equal((await store.loadNext('', 2)).message?.seq, 200_002);
      assert.equal((await store.loadNext('foo.*', 2)).message?.seq, 200_002);
      assert.equal((await store.loadNext('foo.a', 2)).message?.seq, 200_004);
      assert.equal((await store.loadNext('*.a', 200_003)).message?.seq, 200_004);
      assert.deepEqual(await storedSeqs(store), [1, 200_002, 200_004, 200_005]);
    });
  });

  void describe('loadLast', () => {
    it('finds the newest message for a literal, a wildcard or any subject', async (h) => {
      const store = await h.open();
      await appendEach(store, ['foo.a', 'foo.b', 'bar', 'foo.a', 'bar']);
      assert.equal((await store.loadLast('foo.a')).seq, 4);
      assert.equal((await store.loadLast('foo.*')).seq, 4);
      assert.equal((await store.loadLast('bar')).seq, 5);
      assert.equal((await store.loadLast('')).seq, 5);
      assert.equal((await store.loadLast('>')).seq, 5);
      await store.remove(4);
      assert.equal((await store.loadLast('foo.a')).seq, 1);
      assert.equal((await store.loadLast('foo.>')).seq, 2);
      await store.remove(5);
      assert.equal((await store.loadLast('')).seq, 3, 'the newest stored, not last_seq');
      await rejectsWith(store.loadLast('nope'), 'msg_not_found');
      await rejectsWith(store.loadLast('nope.*'), 'msg_not_found');
      const empty = await h.open();
      await rejectsWith(empty.loadLast(''), 'msg_not_found');
    });
  });
}
