// Conformance: consumer state (round trip, delivery and ack bookkeeping per ack
// policy, reopen by name, delete) and the store lifecycle (stop, delete).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConsumerState, StreamStore } from '../types.js';
import { bytes, fill, rejectsWith, withHarness, type StoreFactory } from './harness.js';

function sampleState(): ConsumerState {
  return {
    delivered: { consumer_seq: 10, stream_seq: 20 },
    ack_floor: { consumer_seq: 5, stream_seq: 12 },
    pending: new Map([
      [15, { sequence: 7, timestamp: 1_700_000_000_123_456_789n }],
      [20, { sequence: 10, timestamp: 1_700_000_001_000_000_000n }],
    ]),
    redelivered: new Map([[15, 2]]),
  };
}

/** Every StreamStore method but registerStorageUpdates, called with harmless arguments. */
function everyCall(store: StreamStore): [string, () => Promise<unknown>][] {
  return [
    ['append', () => store.append('foo', undefined, bytes('x'))],
    ['skip', () => store.skip()],
    ['skipMany', () => store.skipMany(0, 2)],
    ['load', () => store.load(1)],
    ['loadNext', () => store.loadNext('', 1)],
    ['loadLast', () => store.loadLast('foo')],
    ['remove', () => store.remove(1)],
    ['erase', () => store.erase(1)],
    ['purge', () => store.purge()],
    ['compact', () => store.compact(2)],
    ['truncate', () => store.truncate(0)],
    ['seqFromTime', () => store.seqFromTime(0n)],
    ['filteredState', () => store.filteredState(1, '')],
    ['subjectsState', () => store.subjectsState('')],
    ['subjectsTotals', () => store.subjectsTotals('')],
    ['numPending', () => store.numPending(1, '', false)],
    ['multiLastSeqs', () => store.multiLastSeqs(['>'], 0, 0)],
    ['state', () => store.state()],
    ['updateConfig', () => store.updateConfig({ name: 'x' })],
    ['consumerStore', () => store.consumerStore('c', {})],
  ];
}

export function consumersSection(factory: StoreFactory): void {
  const it = (name: string, body: Parameters<typeof withHarness>[1]): void => {
    void test(name, () => withHarness(factory, body));
  };

  void describe('consumer state', () => {
    it('round-trips a whole state and hands out copies', async (h) => {
      const store = await h.open();
      const consumer = await store.consumerStore('dur', { ack_policy: 'explicit' });
      assert.equal(consumer.name, 'dur');
      assert.equal(await consumer.hasState(), false);
      await consumer.update(sampleState());
      assert.equal(await consumer.hasState(), true);
      const got = await consumer.state();
      assert.deepEqual(got, sampleState());
      got.pending.clear();
      got.delivered.consumer_seq = 99;
      assert.deepEqual(await consumer.state(), sampleState(), 'state() is a copy');
    });

    it('ignores an older update and refuses an inconsistent one', async (h) => {
      const store = await h.open();
      const consumer = await store.consumerStore('dur', {});
      await consumer.update(sampleState());
      const older = sampleState();
      older.delivered.consumer_seq = 9;
      await consumer.update(older);
      assert.deepEqual(await consumer.state(), sampleState());
      const badFloor = sampleState();
      badFloor.ack_floor.stream_seq = 21;
      badFloor.delivered.consumer_seq = 11;
      await rejectsWith(consumer.update(badFloor), 'bad_consumer_state');
      const badPending = sampleState();
      badPending.pending.set(12, { sequence: 1, timestamp: 0n });
      await rejectsWith(consumer.update(badPending), 'bad_consumer_state');
    });

    it('tracks explicit acks: pending, redeliveries and the ack floor', async (h) => {
      const store = await h.open();
      const c = await store.consumerStore('dur', { ack_policy: 'explicit', max_deliver: 3 });
      await c.setStarting(0);
      for (let i = 1; i <= 4; i++) await c.updateDelivered(i, i + 10, 1, BigInt(i));
      let s = await c.state();
      assert.deepEqual(s.delivered, { consumer_seq: 4, stream_seq: 14 });
      assert.deepEqual([...s.pending.keys()], [11, 12, 13, 14]);
      await c.updateDelivered(5, 12, 2, 50n);
      s = await c.state();
      assert.deepEqual(
        s.pending.get(12),
        { sequence: 2, timestamp: 50n },
        'original consumer seq kept',
      );
      assert.equal(s.redelivered.get(12), 1);
      await c.updateAcks(1, 11);
      s = await c.state();
      assert.deepEqual(s.ack_floor, { consumer_seq: 1, stream_seq: 11 });
      await c.updateAcks(3, 13);
      s = await c.state();
      assert.deepEqual(s.ack_floor, { consumer_seq: 1, stream_seq: 11 }, 'a gap holds the floor');
      await c.updateAcks(5, 12);
      s = await c.state();
      assert.deepEqual(
        s.ack_floor,
        { consumer_seq: 3, stream_seq: 13 },
        'floor jumps to the next pending',
      );
      assert.equal(s.redelivered.has(12), false);
      await rejectsWith(c.updateAcks(6, 30), 'msg_not_found');
      await c.updateDelivered(6, 14, 4, 60n);
      assert.equal((await c.state()).pending.has(14), false, 'past max_deliver: no longer pending');
    });

    it('tracks ack all', async (h) => {
      const store = await h.open();
      const c = await store.consumerStore('all', { ack_policy: 'all' });
      for (let i = 1; i <= 5; i++) await c.updateDelivered(i, i, 1, 0n);
      await c.updateAcks(3, 3);
      const s = await c.state();
      assert.deepEqual(s.ack_floor, { consumer_seq: 3, stream_seq: 3 });
      assert.deepEqual([...s.pending.keys()].sort(), [4, 5]);
    });

    it('tracks ack none', async (h) => {
      const store = await h.open();
      const c = await store.consumerStore('none', { ack_policy: 'none' });
      await c.updateDelivered(1, 7, 1, 0n);
      const s = await c.state();
      assert.deepEqual(
        [s.delivered, s.ack_floor],
        [
          { consumer_seq: 1, stream_seq: 7 },
          { consumer_seq: 1, stream_seq: 7 },
        ],
      );
      assert.equal(s.pending.size, 0);
      await rejectsWith(c.updateDelivered(2, 7, 2, 0n), 'no_ack_policy');
      await rejectsWith(c.updateAcks(1, 7), 'no_ack_policy');
      await c.updateConfig({ ack_policy: 'explicit' });
      await c.updateDelivered(2, 8, 1, 0n);
      assert.equal((await c.state()).pending.size, 1);
    });

    it('reopens by name, counts open consumers, and deletes', async (h) => {
      const store = await h.open();
      const a = await store.consumerStore('a', {});
      const b = await store.consumerStore('b', {});
      assert.equal((await store.state()).consumer_count, 2);
      await a.update(sampleState());
      await a.stop();
      await rejectsWith(a.state(), 'closed');
      assert.equal((await store.state()).consumer_count, 1);
      const again = await store.consumerStore('a', {});
      assert.deepEqual(await again.state(), sampleState());
      assert.equal(await again.hasState(), true);
      await again.delete();
      await b.delete();
      assert.equal((await store.state()).consumer_count, 0);
      const fresh = await store.consumerStore('a', {});
      assert.equal(await fresh.hasState(), false);
      assert.equal((await fresh.state()).pending.size, 0);
    });
  });

  void describe('lifecycle', () => {
    it('rejects every call with closed after stop', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 3);
      const consumer = await store.consumerStore('c', {});
      await store.stop();
      await store.stop();
      for (const [name, call] of everyCall(store)) {
        await rejectsWith(
          call().then(() => assert.fail(`${name} resolved after stop`)),
          'closed',
        );
      }
      await rejectsWith(consumer.state(), 'closed');
      store.registerStorageUpdates(undefined);
    });

    it('rejects every call with closed after delete', async (h) => {
      const store = await h.open();
      await fill(store, 'foo', 3);
      await store.delete();
      await store.delete();
      for (const [, call] of everyCall(store)) await rejectsWith(call(), 'closed');
    });
  });
}
