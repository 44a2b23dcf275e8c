// Conformance: max_msgs, max_bytes, max_msgs_per_subject under each discard
// policy, max_age expiry on the injected clock, and updateConfig.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appendEach,
  bytes,
  fill,
  rejectsWith,
  sizeOf,
  storedSeqs,
  withHarness,
  type StoreFactory,
} from './harness.js';

const MS = 1_000_000; // max_age is in nanoseconds

export function limitsSection(factory: StoreFactory): void {
  const it = (name: string, body: Parameters<typeof withHarness>[1]): void => {
    void test(name, () => withHarness(factory, body));
  };

  void describe('limits, discard old', () => {
    it('drops the oldest past max_msgs (TestMemStoreMsgLimit)', async (h) => {
      const store = await h.open({ max_msgs: 10 });
      await fill(store, 'foo', 11);
      const state = await store.state();
      assert.deepEqual([state.messages, state.first_seq, state.last_seq], [10, 2, 11]);
      await rejectsWith(store.load(1), 'msg_not_found');
    });

    it('drops the oldest past max_bytes (TestMemStoreBytesLimit)', async (h) => {
      const data = new Uint8Array(512);
      const size = await sizeOf(h, 'foo', undefined, data);
      const store = await h.open({ max_bytes: size * 20 });
      for (let i = 0; i < 30; i++) await store.append('foo', undefined, data);
      const state = await store.state();
      assert.deepEqual([state.messages, state.bytes], [20, 20 * size]);
      assert.deepEqual([state.first_seq, state.last_seq], [11, 30]);
    });

    it('drops a subject’s oldest past max_msgs_per_subject', async (h) => {
      const store = await h.open({ max_msgs_per_subject: 2 });
      await appendEach(store, ['a', 'b', 'a', 'a', 'b', 'a', 'c']);
      assert.deepEqual(await storedSeqs(store), [2, 4, 5, 6, 7]);
      const a = (await store.subjectsState('a')).get('a');
      assert.deepEqual(a, { messages: 2, first_seq: 4, last_seq: 6 });
    });

    it('treats 0 and negative limits as unlimited', async (h) => {
      const store = await h.open({
        max_msgs: -1,
        max_bytes: 0,
        max_msgs_per_subject: -1,
        max_age: 0,
      });
      await fill(store, 'foo', 50);
      assert.equal((await store.state()).messages, 50);
    });
  });

  void describe('limits, discard new', () => {
    it('refuses past max_msgs without using a sequence', async (h) => {
      const store = await h.open({ max_msgs: 3, discard: 'new' });
      await fill(store, 'foo', 3);
      await rejectsWith(store.append('foo', undefined, bytes('x')), 'max_msgs');
      const state = await store.state();
      assert.deepEqual([state.messages, state.last_seq], [3, 3]);
      await store.remove(1);
      assert.equal((await store.append('foo', undefined, bytes('x'))).seq, 4);
    });

    it('refuses a message that would reach max_bytes (TestMemStoreBytesLimitWithDiscardNew)', async (h) => {
      const data = new Uint8Array(7);
      const size = await sizeOf(h, 'tiny', undefined, data);
      // Room for exactly 4, but nats-server refuses when bytes + size >= max_bytes.
      const store = await h.open({ max_bytes: 4 * size, discard: 'new' });
      for (let i = 0; i < 3; i++) await store.append('tiny', undefined, data);
      await rejectsWith(store.append('tiny', undefined, data), 'max_bytes');
      const state = await store.state();
      assert.deepEqual([state.messages, state.bytes], [3, 3 * size]);
    });

    it('refuses at max_msgs_per_subject with discard_new_per_subject', async (h) => {
      const store = await h.open({
        max_msgs_per_subject: 2,
        discard: 'new',
        discard_new_per_subject: true,
      });
      await appendEach(store, ['a', 'a', 'b']);
      await rejectsWith(store.append('a', undefined, bytes('x')), 'max_msgs_per_subject');
      assert.equal((await store.append('b', undefined, bytes('x'))).seq, 4);
    });

    it('replaces a subject’s oldest at max_msgs_per_subject without the per-subject flag', async (h) => {
      const store = await h.open({ max_msgs_per_subject: 2, discard: 'new' });
      await appendEach(store, ['a', 'a', 'a']);
      assert.deepEqual(await storedSeqs(store), [2, 3]);
    });

    it('lets a message replace its subject’s oldest even at max_msgs', async (h) => {
      const store = await h.open({ max_msgs: 3, max_msgs_per_subject: 1, discard: 'new' });
      await appendEach(store, ['a', 'b', 'c']);
      await rejectsWith(store.append('d', undefined, bytes('d')), 'max_msgs');
      assert.equal((await store.append('a', undefined, bytes('a'))).seq, 4);
      assert.deepEqual(await storedSeqs(store), [2, 3, 4]);
    });

    it('at max_bytes lets a subject replace its oldest only when that frees enough', async (h) => {
      const small = new Uint8Array(10);
      const large = new Uint8Array(100);
      const smallSize = await sizeOf(h, 'a', undefined, small);
      const store = await h.open({
        max_bytes: 3 * smallSize,
        max_msgs_per_subject: 1,
        discard: 'new',
      });
      await store.append('a', undefined, small);
      await store.append('b', undefined, small);
      await rejectsWith(store.append('c', undefined, small), 'max_bytes');
      await rejectsWith(store.append('a', undefined, large), 'max_bytes');
      assert.equal((await store.append('a', undefined, small)).seq, 3);
      assert.deepEqual(await storedSeqs(store), [2, 3]);
    });
  });

  void describe('max_age', () => {
    it('expires messages once they are older than max_age', async (h) => {
      const store = await h.open({ max_age: 10 * MS });
      await fill(store, 'foo', 5);
      await h.clock.advance(5);
      await fill(store, 'bar', 5);
      await h.clock.advance(5);
      let state = await store.state();
      assert.deepEqual([state.messages, state.first_seq], [5, 6], 'the first five are 10ms old');
      await h.clock.advance(4);
      assert.equal((await store.state()).messages, 5);
      await h.clock.advance(1);
      state = await store.state();
      assert.deepEqual(
        [state.messages, state.bytes, state.first_seq, state.last_seq],
        [0, 0, 11, 10],
      );
      // The timer re-arms for new messages (TestMemStoreAgeLimit).
      await fill(store, 'foo', 3);
      await h.clock.advance(10);
      assert.equal((await store.state()).messages, 0);
    });

    it('expires by message time, including times given to append', async (h) => {
      const store = await h.open({ max_age: 60_000 * MS });
      const now = h.clock.now();
      await store.append('old', undefined, bytes('x'), { time: now - 59_000n * 1_000_000n });
      await store.append('new', undefined, bytes('x'));
      await h.clock.advance(1_000);
      assert.deepEqual(await storedSeqs(store), [2]);
    });

    it('starts, expires and stops with updateConfig', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 3);
      await h.clock.advance(100);
      await fill(store, 'foo', 2);
      await store.updateConfig({ name: 'x', max_age: 50 * MS });
      assert.deepEqual(await storedSeqs(store), [4, 5], 'too old already: gone at once');
      await store.updateConfig({ name: 'x', max_age: 0 });
      await h.clock.advance(1_000);
      assert.deepEqual(await storedSeqs(store), [4, 5], 'no expiry without max_age');
    });
  });

  void describe('updateConfig', () => {
    it('enforces lowered limits and allows raised ones', async (h) => {
      const store = await h.open({ max_msgs: 10 });
      await fill(store, 'foo', 10);
      await store.updateConfig({ name: 'x', max_msgs: 5 });
      assert.deepEqual(await storedSeqs(store), [6, 7, 8, 9, 10]);
      await store.updateConfig({ name: 'x', max_msgs: 20 });
      await fill(store, 'foo', 10);
      assert.equal((await store.state()).messages, 15);
      const size = (await store.state()).bytes / 15;
      await store.updateConfig({ name: 'x', max_bytes: size * 4 });
      assert.deepEqual(await storedSeqs(store), [17, 18, 19, 20]);
    });

    it('does not drop messages for lowered totals with discard new', async (h) => {
      const store = await h.open({ discard: 'new' });
      await fill(store, 'foo', 10);
      await store.updateConfig({ name: 'x', max_msgs: 5, discard: 'new' });
      assert.equal((await store.state()).messages, 10);
      await rejectsWith(store.append('foo', undefined, bytes('x')), 'max_msgs');
    });

    it('trims subjects to a new or lowered max_msgs_per_subject (TestMemStoreUpdateMaxMsgsPerSubject)', async (h) => {
      const store = await h.open({ max_msgs_per_subject: 10 });
      await store.updateConfig({ name: 'x', max_msgs_per_subject: 50 });
      await fill(store, 'foo', 22);
      await fill(store, 'bar', 3);
      assert.equal((await store.subjectsState('foo')).get('foo')?.messages, 22);
      await store.updateConfig({ name: 'x', max_msgs_per_subject: 10 });
      assert.equal((await store.subjectsState('foo')).get('foo')?.messages, 10);
      await store.updateConfig({ name: 'x' });
      await fill(store, 'foo', 5);
      await store.updateConfig({ name: 'x', max_msgs_per_subject: 2, discard: 'new' });
      const totals = await store.subjectsTotals('');
      assert.deepEqual([totals.get('foo'), totals.get('bar')], [2, 2]);
    });
  });
}
