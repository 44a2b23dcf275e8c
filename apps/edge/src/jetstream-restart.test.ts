// What a restart must not lose (nats-server's account recovery): durable
// consumers of file streams with their delivery and ack state, the Nats-Msg-Id
// table within the duplicate window; ephemeral consumers come back too, until
// their inactive_threshold removes them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import {
  AckPolicy,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  StorageType,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { tempDir } from '@tsnats/testkit';
import { streamsDirectory } from '@tsnats/jetstream';
import { startJetStreamServer, type JetStreamServer } from './jetstream-test-support.js';

/** A server on `storeDir` and a client connected to it (closed after the test). */
async function start(
  t: TestContext,
  storeDir: string,
): Promise<{ js: JetStreamServer; nc: NatsConnection }> {
  const js = await startJetStreamServer(t, { storeDir });
  const nc = await connect({ servers: js.url, reconnect: false });
  t.after(() => nc.close());
  return { js, nc };
}

/** Stops the server as a restart would: client, JetStream, then the server. */
async function stop({ js, nc }: { js: JetStreamServer; nc: NatsConnection }): Promise<void> {
  await nc.close();
  await js.link.stop();
  await js.server.shutdown();
}

async function storeDir(t: TestContext): Promise<string> {
  const dir = await tempDir('tsnats-js-restart-');
  t.after(() => dir.remove());
  return dir.path;
}

void describe('JetStream across a restart', () => {
  void test('a durable pull consumer keeps its acks and pending messages', async (t) => {
    const dir = await storeDir(t);
    const first = await start(t, dir);
    const jsm = await jetstreamManager(first.nc);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File });
    const js = jetstream(first.nc);
    for (let i = 1; i <= 5; i++) await js.publish(`orders.${String(i)}`, `order ${String(i)}`);
    const before = await jsm.consumers.add('ORDERS', {
      durable_name: 'worker',
      ack_policy: AckPolicy.Explicit,
      ack_wait: 300_000_000,
    });
    // Four delivered, the first three acked: 4 stays pending, 5 was never delivered.
    const consumer = await js.consumers.get('ORDERS', 'worker');
    const seen: number[] = [];
    for await (const m of await consumer.fetch({ max_messages: 4, expires: 2000 })) {
      seen.push(m.seq);
      if (m.seq <= 3) await m.ackAck();
    }
    assert.deepEqual(seen, [1, 2, 3, 4]);
    await stop(first);

    const second = await start(t, dir);
    const jsm2 = await jetstreamManager(second.nc);
    const info = await jsm2.consumers.info('ORDERS', 'worker');
    assert.equal(info.created, before.created);
    assert.equal(info.config.ack_wait, 300_000_000);
    assert.deepEqual(info.ack_floor, { consumer_seq: 3, stream_seq: 3 });
    assert.deepEqual(info.delivered, { consumer_seq: 4, stream_seq: 4 });
    assert.equal(info.num_ack_pending, 1);
    assert.equal(info.num_pending, 1);

    // Exactly the two unacked messages: 5 for the first time, 4 again after ack_wait.
    const again = await jetstream(second.nc).consumers.get('ORDERS', 'worker');
    const got: JsMsg[] = [];
    for await (const m of await again.fetch({ max_messages: 2, expires: 2000 })) {
      got.push(m);
      await m.ackAck();
    }
    assert.deepEqual(got.map((m) => m.seq).sort(), [4, 5]);
    assert.equal(got.find((m) => m.seq === 4)?.redelivered, true);
    assert.equal(got.find((m) => m.seq === 5)?.redelivered, false);
    assert.equal(got.find((m) => m.seq === 5)?.string(), 'order 5');
    const after = await jsm2.consumers.info('ORDERS', 'worker');
    assert.deepEqual(after.ack_floor.stream_seq, 5);
    assert.equal(after.num_ack_pending, 0);
    assert.equal(after.num_pending, 0);
    const none = await again.fetch({ max_messages: 1, expires: 1000 });
    for await (const m of none) assert.fail(`unexpected message ${String(m.seq)}`);
  });

  void test('pending messages are due one ack_wait after their delivery, not the restart', async (t) => {
    const dir = await storeDir(t);
    const first = await start(t, dir);
    const jsm = await jetstreamManager(first.nc);
    await jsm.streams.add({ name: 'DUE', subjects: ['due.>'], storage: StorageType.File });
    const js = jetstream(first.nc);
    await js.publish('due.1', 'one');
    // 'overdue' is past its ack_wait at the restart; 'later' is not.
    const overdueWait = 1500;
    const laterWait = 4000;
    for (const [name, wait] of [
      ['overdue', overdueWait],
      ['later', laterWait],
    ] as const) {
      await jsm.consumers.add('DUE', {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        ack_wait: wait * 1_000_000,
      });
    }
    const deliveredBefore = Date.now();
    for (const name of ['overdue', 'later']) {
      const consumer = await js.consumers.get('DUE', name);
      const seqs: number[] = [];
      for await (const m of await consumer.fetch({ max_messages: 1, expires: 2000 })) {
        seqs.push(m.seq);
      }
      assert.deepEqual(seqs, [1]);
    }
    await new Promise((resolve) =>
      setTimeout(resolve, overdueWait + 100 - (Date.now() - deliveredBefore)),
    );
    await stop(first);

    const second = await start(t, dir);
    const restarted = Date.now();
    const js2 = jetstream(second.nc);
    // Overdue: at once, well within one ack_wait from the restart.
    const overdue = await js2.consumers.get('DUE', 'overdue');
    const got: JsMsg[] = [];
    for await (const m of await overdue.fetch({ max_messages: 1, expires: 1000 })) got.push(m);
    assert.deepEqual(
      got.map((m) => [m.seq, m.redelivered]),
      [[1, true]],
    );
    assert.ok(
      Date.now() - restarted < overdueWait,
      'redelivered before one ack_wait after restart',
    );

    // Not yet due: nothing before its deadline (delivery + ack_wait), then it comes
    // before one ack_wait after the restart would have been up.
    const later = await js2.consumers.get('DUE', 'later');
    const deadline = deliveredBefore + laterWait;
    const early = await later.fetch({
      max_messages: 1,
      expires: Math.max(1000, deadline - 300 - Date.now()),
    });
    for await (const m of early) assert.fail(`redelivered early: ${String(m.seq)}`);
    const due: number[] = [];
    const fetched = await later.fetch({
      max_messages: 1,
      expires: restarted + laterWait - 300 - Date.now(),
    });
    for await (const m of fetched) {
      due.push(m.seq);
      assert.equal(m.redelivered, true);
    }
    assert.deepEqual(due, [1]);
  });

  void test('a file stream keeps its created time', async (t) => {
    const dir = await storeDir(t);
    const first = await start(t, dir);
    const jsm = await jetstreamManager(first.nc);
    const created = (
      await jsm.streams.add({ name: 'KEEP', subjects: ['keep.>'], storage: StorageType.File })
    ).created;
    await stop(first);
    // A restart's clock has moved on.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = await start(t, dir);
    const jsm2 = await jetstreamManager(second.nc);
    assert.equal((await jsm2.streams.info('KEEP')).created, created);
    // An update does not lose it either (meta.json is written again).
    await jsm2.streams.update('KEEP', { subjects: ['keep.>', 'kept.>'] });
    await stop(second);
    const third = await start(t, dir);
    const info = await (await jetstreamManager(third.nc)).streams.info('KEEP');
    assert.equal(info.created, created);
    assert.deepEqual(info.config.subjects, ['keep.>', 'kept.>']);
  });

  void test('a msg id stored before the restart is a duplicate after it', async (t) => {
    const dir = await storeDir(t);
    const first = await start(t, dir);
    const jsm = await jetstreamManager(first.nc);
    await jsm.streams.add({ name: 'DEDUPE', subjects: ['dd.>'], storage: StorageType.File });
    const js = jetstream(first.nc);
    assert.equal((await js.publish('dd.a', 'one', { msgID: 'id-1' })).seq, 1);
    assert.equal((await js.publish('dd.b', 'two', { msgID: 'id-2' })).seq, 2);
    await stop(first);

    const second = await start(t, dir);
    const js2 = jetstream(second.nc);
    const duplicate = await js2.publish('dd.a', 'one again', { msgID: 'id-1' });
    assert.equal(duplicate.duplicate, true);
    assert.equal(duplicate.seq, 1);
    // The last msg id is known again too (Nats-Expected-Last-Msg-Id).
    const next = await js2.publish('dd.c', 'three', {
      msgID: 'id-3',
      expect: { lastMsgID: 'id-2' },
    });
    assert.equal(next.duplicate, false);
    assert.equal(next.seq, 3);
    const info = await (await jetstreamManager(second.nc)).streams.info('DEDUPE');
    assert.equal(info.state.messages, 3);
  });

  void test('an ephemeral consumer comes back with its state, then goes once unused', async (t) => {
    const dir = await storeDir(t);
    const first = await start(t, dir);
    const jsm = await jetstreamManager(first.nc);
    await jsm.streams.add({ name: 'EPH', subjects: ['eph.>'], storage: StorageType.File });
    await jetstream(first.nc).publish('eph.1', 'x');
    await jetstream(first.nc).publish('eph.2', 'y');
    await jsm.consumers.add('EPH', { durable_name: 'keep', ack_policy: AckPolicy.Explicit });
    const ephemeral = await jsm.consumers.add('EPH', {
      ack_policy: AckPolicy.Explicit,
      inactive_threshold: 2_000_000_000,
    });
    const name = ephemeral.name;
    const consumer = await jetstream(first.nc).consumers.get('EPH', name);
    for await (const m of await consumer.fetch({ max_messages: 1, expires: 1000 })) {
      assert.ok(await m.ackAck());
    }
    await stop(first);
    const consumersDir = join(streamsDirectory(dir), 'EPH', 'consumers');
    assert.ok(
      existsSync(join(consumersDir, `${name}.json`)),
      'its state is kept, as nats-server keeps it',
    );

    // nats-server recovers ephemeral consumers too, and its inactive_threshold
    // removes them unless a client uses them again.
    const second = await start(t, dir);
    const jsm2 = await jetstreamManager(second.nc);
    const names: string[] = [];
    for await (const n of jsm2.consumers.list('EPH')) names.push(n.name);
    assert.deepEqual(names.sort(), ['keep', name].sort());
    const info = await jsm2.consumers.info('EPH', name);
    assert.equal(info.ack_floor.stream_seq, 1);
    assert.equal(info.num_pending, 1);
    const deadline = Date.now() + 10_000;
    while ((await jsm2.streams.info('EPH')).state.consumer_count !== 1) {
      assert.ok(Date.now() < deadline, 'the unused ephemeral consumer was not removed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await assert.rejects(jsm2.consumers.info('EPH', name), (error: unknown) => {
      assert.ok(error instanceof JetStreamApiError, String(error));
      assert.equal(error.code, 10014);
      return true;
    });
    assert.equal(existsSync(join(consumersDir, `${name}.json`)), false);
  });
});
