// An edge process, a store process keeping file streams, and the official
// client: streams survive the store stopping and starting again, and clients
// get errors (not hangs) while it is away.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AckPolicy, StorageType } from '@nats-io/jetstream';
import { tempDir } from '@tsnats/testkit';
import { client, decode, edge, encode, store, until } from './test-support.js';

void describe('tsnats-store with file streams', () => {
  void test('streams, messages and ack floors survive a restart; clients fail fast meanwhile', async (t) => {
    const dir = await tempDir('tsnats-store-file-');
    t.after(() => dir.remove());
    const first = await store(t, { storeDir: dir.path });
    const server = await edge(t, [first.address]);
    const { js, jsm } = await client(t, server);
    await until('the edge to reach the store', async () => {
      await jsm.getAccountInfo();
      return true;
    });

    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File });
    for (let i = 1; i <= 10; i++) {
      const ack = await js.publish(`orders.${i}`, encode(`order ${i}`));
      assert.equal(ack.seq, i);
    }
    await jsm.consumers.add('ORDERS', { durable_name: 'worker', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get('ORDERS', 'worker');
    const batch = await consumer.fetch({ max_messages: 4, expires: 5_000 });
    const seen: number[] = [];
    for await (const message of batch) {
      seen.push(message.seq);
      assert.ok(await message.ackAck());
    }
    assert.deepEqual(seen, [1, 2, 3, 4]);

    const status = await first.process.stop('SIGTERM');
    assert.deepEqual(status, { code: 0, signal: null });
    // What nats-server answers while a stream has no leader: the API says the
    // system is unavailable, a publish finds no responders (which the client
    // words as "jetstream is not enabled").
    await assert.rejects(jsm.streams.info('ORDERS'), (error: Error) => {
      assert.match(error.message, /JetStream system temporarily unavailable/);
      assert.equal((error as { code?: number }).code, 10008);
      return true;
    });
    await assert.rejects(js.publish('orders.11', encode('lost')), /jetstream is not enabled/);
    assert.equal(server.process.stderr().includes('lost'), true, 'the edge logs the lost store');

    await store(t, { storeDir: dir.path, port: first.rpcPort });
    await until('the stream to be back', async () => {
      const info = await jsm.streams.info('ORDERS');
      return info.state.messages === 10;
    });
    const info = await jsm.consumers.info('ORDERS', 'worker');
    assert.equal(info.ack_floor.stream_seq, 4);
    const rest = await (
      await js.consumers.get('ORDERS', 'worker')
    ).fetch({
      max_messages: 6,
      expires: 5_000,
    });
    const after: string[] = [];
    for await (const message of rest) {
      after.push(decode(message.data));
      message.ack();
    }
    assert.deepEqual(
      after,
      [5, 6, 7, 8, 9, 10].map((i) => `order ${i}`),
    );
    assert.equal((await js.publish('orders.11', encode('order 11'))).seq, 11);
  });
});
