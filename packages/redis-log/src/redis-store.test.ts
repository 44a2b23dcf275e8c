import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { isStoreError } from '@tsnats/jetstream';
import { ManualClock, runStreamStoreConformance } from '@tsnats/jetstream/testing';
import { startRedisServer } from '@tsnats/testkit';
import { Redis } from 'ioredis';
import { RedisLogError } from './errors.js';
import { RedisStore } from './redis-store.js';

const server = await startRedisServer();
const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
after(async () => {
  client.disconnect();
  await server.stop();
});

runStreamStoreConformance('RedisStore', (config, { clock }) =>
  RedisStore.open(client, config, { clock }),
);

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
let streams = 0;
const uniqueName = (): string => `RS_${process.pid}_${++streams}`;

/** Opens a fresh stream and deletes it after the test. */
async function fresh(
  t: { after: (fn: () => Promise<void>) => void },
  config: Partial<Parameters<typeof RedisStore.open>[1]> = {},
  clock = new ManualClock(),
): Promise<RedisStore> {
  const store = await RedisStore.open(client, { name: uniqueName(), ...config }, { clock });
  t.after(() => store.delete());
  return store;
}

void describe('RedisStore', () => {
  void test('another client opens the stream and continues it, consumers included', async (t) => {
    const name = uniqueName();
    const clock = new ManualClock();
    const first = await RedisStore.open(client, { name, max_msgs_per_subject: 2 }, { clock });
    for (const s of ['a', 'b', 'a']) await first.append(s, undefined, bytes(s));
    assert.equal(first.keepCreated(42n), 42n);
    const consumer = await first.consumerStore('dur', { ack_policy: 'explicit' });
    for (let i = 1; i <= 3; i++) await consumer.updateDelivered(i, i, 1, BigInt(i));
    await consumer.updateAcks(1, 1);
    await consumer.updateAcks(2, 2);
    await first.stop();

    const other = new Redis(server.url, { maxRetriesPerRequest: 1 });
    const second = await RedisStore.open(other, { name, max_msgs_per_subject: 2 }, { clock });
    t.after(async () => {
      await second.delete();
      other.disconnect();
    });
    assert.equal(second.keepCreated(99n), 42n, 'the creation time was kept');
    assert.equal((await second.append('a', undefined, bytes('a'))).seq, 4);
    const state = await second.state();
    assert.deepEqual([state.messages, state.first_seq, state.last_seq], [3, 2, 4]);
    const resumed = await second.consumerStore('dur', { ack_policy: 'explicit' });
    assert.equal(await resumed.hasState(), true);
    const s = await resumed.state();
    assert.deepEqual(s.ack_floor, { consumer_seq: 2, stream_seq: 2 });
    assert.deepEqual([...s.pending.keys()], [3], 'only the unacked message is pending');
  });

  void test('appendChecked: dedupe within the window and the expected-last checks', async (t) => {
    const clock = new ManualClock();
    const store = await RedisStore.open(
      client,
      { name: uniqueName() },
      { clock, duplicateWindowMs: 1000 },
    );
    t.after(() => store.delete());
    const first = await store.appendChecked('foo', undefined, bytes('1'), { msgId: 'id-1' });
    assert.deepEqual(first, { kind: 'stored', seq: 1, time: clock.now() });
    assert.deepEqual(await store.appendChecked('foo', undefined, bytes('1'), { msgId: 'id-1' }), {
      kind: 'duplicate',
      seq: 1,
    });
    await clock.advance(1001);
    const again = await store.appendChecked('foo', undefined, bytes('1'), { msgId: 'id-1' });
    assert.equal(again.kind === 'stored' && again.seq, 2, 'outside the window it is new');

    assert.deepEqual(
      await store.appendChecked('foo', undefined, bytes('x'), { expectedLastSeq: 1 }),
      { kind: 'wrong_last_sequence', last: 2 },
    );
    assert.deepEqual(
      await store.appendChecked('bar', undefined, bytes('x'), { expectedLastSubjectSeq: 1 }),
      { kind: 'wrong_last_subject_sequence', last: 0 },
    );
    assert.deepEqual(
      await store.appendChecked('foo', undefined, bytes('x'), { expectedLastMsgId: 'other' }),
      { kind: 'wrong_last_msg_id', last: 'id-1' },
    );
    const ok = await store.appendChecked('foo', undefined, bytes('x'), {
      expectedLastSeq: 2,
      expectedLastSubjectSeq: 2,
      expectedLastMsgId: 'id-1',
      msgId: 'id-2',
    });
    assert.equal(ok.kind === 'stored' && ok.seq, 3);
    assert.equal((await store.state()).messages, 3, 'failed checks stored nothing');
  });

  void test('appendBatch answers synchronously and stores every record in one call', async (t) => {
    const store = await fresh(t);
    await store.append('pre', undefined, bytes('0'));
    const seqs = await store.appendBatch((append) =>
      Array.from({ length: 2500 }, (_, i) => append(`s.${i % 7}`, undefined, bytes(`${i}`)).seq),
    );
    assert.equal(seqs[0], 2);
    assert.equal(seqs[2499], 2501);
    assert.equal((await store.state()).messages, 2501);
    assert.equal(new TextDecoder().decode((await store.load(2501)).data), '2499');
    assert.equal((await store.append('post', undefined, bytes('x'))).seq, 2502);
  });

  void test('appendBatch rejects from a record a discard-new limit refuses on', async (t) => {
    const store = await fresh(t, { max_msgs: 2, discard: 'new' });
    const batch = store.appendBatch((append) => {
      for (let i = 0; i < 4; i++) append('foo', undefined, bytes(`${i}`));
    });
    await assert.rejects(batch, (err: unknown) => isStoreError(err, 'max_msgs'));
    const state = await store.state();
    assert.deepEqual([state.messages, state.last_seq], [2, 2], 'nothing after the refusal');
  });

  void test('appendBatch refuses predictions another writer made stale', async (t) => {
    const store = await fresh(t);
    await store.append('foo', undefined, bytes('x'));
    const other = await RedisStore.open(client, { name: store.name });
    await other.append('foo', undefined, bytes('y'));
    await other.stop();
    await assert.rejects(
      store.appendBatch((append) => append('foo', undefined, bytes('z'))),
      (err: unknown) => err instanceof RedisLogError && err.code === 'diverged',
    );
    assert.equal((await store.state()).last_seq, 2);
    assert.equal(
      (await store.appendBatch((append) => append('foo', undefined, bytes('z')))).seq,
      3,
    );
  });

  void test('keeps every key under the stream hash tag, and delete removes them all', async () => {
    const name = uniqueName();
    const store = await RedisStore.open(client, { name });
    await store.appendChecked('a.b', bytes('NATS/1.0\r\n\r\n'), bytes('x'), { msgId: 'm' });
    await store.append('c', undefined, bytes('y'));
    const consumer = await store.consumerStore('dur', {});
    await consumer.setStarting(1);
    const keys = await client.keys('*');
    const mine = keys.filter((k) => k.includes(`:${name}}`));
    assert.ok(mine.length >= 8, `found ${mine.join(', ')}`);
    for (const key of mine) assert.ok(key.startsWith(`{tsnats:${name}}:`), key);
    await store.delete();
    const left = (await client.keys('*')).filter((k) => k.includes(`:${name}}`));
    assert.deepEqual(left, []);
  });
});
