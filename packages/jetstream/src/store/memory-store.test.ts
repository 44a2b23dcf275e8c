import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from './clock.js';
import { runStreamStoreConformance } from './conformance.js';
import { MemoryStore, memoryMessageSize } from './memory-store.js';

runStreamStoreConformance('MemoryStore', (config, { clock }) =>
  Promise.resolve(new MemoryStore(config, { clock })),
);

// What only the memory store promises, beyond the shared suite.
void describe('MemoryStore', () => {
  void test('accounts bytes as nats-server memstore: subject + headers + data + 16', async () => {
    const store = new MemoryStore({ name: 'S' }, { clock: new ManualClock() });
    const hdr = new TextEncoder().encode('name:derek');
    await store.append('foo', hdr, new TextEncoder().encode('Hello World'));
    assert.equal((await store.state()).bytes, 3 + 10 + 11 + 16);
    assert.equal(memoryMessageSize('foo', hdr, new Uint8Array(11)), 40);
    assert.equal(memoryMessageSize('fö', undefined, new Uint8Array(0)), 3 + 16, 'UTF-8 bytes');
  });

  void test('applies a mutation when called, before its promise settles', async () => {
    const store = new MemoryStore({ name: 'S' }, { clock: new ManualClock() });
    const pending = store.append('foo', undefined, new Uint8Array(1));
    const removal = store.remove(1);
    assert.equal(await removal, true);
    assert.equal((await pending).seq, 1);
  });

  void test('drops its messages on stop and tells the update handler', async () => {
    const store = new MemoryStore({ name: 'S' }, { clock: new ManualClock() });
    const deltas: number[] = [];
    store.registerStorageUpdates((msgs) => deltas.push(msgs));
    await store.append('foo', undefined, new Uint8Array(1));
    await store.append('foo', undefined, new Uint8Array(1));
    await store.stop();
    assert.deepEqual(deltas, [1, 1, -2]);
  });

  void test('erase overwrites the bytes a reader still holds', async () => {
    const store = new MemoryStore({ name: 'S' }, { clock: new ManualClock() });
    await store.append('foo', undefined, new Uint8Array(64).fill(7));
    const held = await store.load(1);
    await store.erase(1);
    assert.notDeepEqual(held.data, new Uint8Array(64).fill(7));
  });

  void test('keeps first and subject bounds exact over a long FIFO with per-subject limits', async () => {
    const store = new MemoryStore(
      { name: 'S', max_msgs: 1000, max_msgs_per_subject: 5 },
      { clock: new ManualClock() },
    );
    for (let i = 0; i < 20_000; i++) {
      await store.append(`k.${i % 300}`, undefined, new Uint8Array(0));
    }
    const state = await store.state();
    assert.deepEqual([state.messages, state.first_seq, state.last_seq], [1000, 19_001, 20_000]);
    assert.equal(state.num_subjects, 300);
    const k0 = (await store.subjectsState('k.0')).get('k.0');
    assert.deepEqual(k0, { messages: 3, first_seq: 19_201, last_seq: 19_801 });
  });
});
