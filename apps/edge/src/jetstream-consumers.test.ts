// Consumers through the official v3 client (@nats-io/jetstream): pull (fetch,
// consume, next), acks, redelivery, max_deliver, ordered consumers, push
// consumers, workqueue retention, consumer info counts, and raw MSG.NEXT statuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AckPolicy, DeliverPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { type Msg, type NatsConnection } from '@nats-io/transport-node';
import { collect, nanos, startWithStream, text } from './jetstream-test-support.js';

/** A raw MSG.NEXT request: the first reply message. */
async function rawNext(
  nc: NatsConnection,
  stream: string,
  consumer: string,
  body: string,
): Promise<Msg> {
  return nc.request(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, body, { timeout: 2000 });
}

void describe('JetStream consumers with the v3 client', () => {
  void test('pull: fetch with explicit acks, info counts, next()', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'P', subjects: ['p.*'] }, 5);
    await jsm.consumers.add('P', { durable_name: 'd', ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get('P', 'd');
    const got = await collect(await c.fetch({ max_messages: 3, expires: 1000 }), 3, false);
    assert.deepEqual(
      got.map((m) => text(m.data)),
      ['m1', 'm2', 'm3'],
    );
    assert.deepEqual(
      got.map((m) => m.seq),
      [1, 2, 3],
    );
    assert.equal(got[0].info.pending, 4);
    let info = await c.info();
    assert.equal(info.num_ack_pending, 3);
    assert.equal(info.num_pending, 2);
    assert.equal(info.delivered.stream_seq, 3);
    await got[0].ackAck();
    got[1].ack();
    got[2].term();
    const next = await c.next({ expires: 1000 });
    assert.equal(next?.seq, 4);
    await next?.ackAck();
    info = await c.info();
    assert.equal(info.num_ack_pending, 0);
    assert.equal(info.ack_floor.stream_seq, 4);
    assert.equal(info.num_pending, 1);
    const si = await jsm.streams.info('P');
    assert.equal(si.state.consumer_count, 1);
  });

  void test('consume() gets messages published later', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'C', subjects: ['c.*'] });
    await jsm.consumers.add('C', { durable_name: 'w', ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get('C', 'w');
    const messages = await c.consume({ max_messages: 10 });
    const done = collect(messages, 20);
    for (let i = 0; i < 20; i++) await js.publish('c.x', String(i));
    const got = await done;
    assert.deepEqual(
      got.map((m) => Number(text(m.data))),
      [...Array(20).keys()],
    );
    await messages.close();
  });

  void test('redelivery after ack_wait, nak, max_deliver', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'R', subjects: ['r.*'] }, 1);
    await jsm.consumers.add('R', {
      durable_name: 'r',
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(300),
      max_deliver: 3,
    });
    const c = await js.consumers.get('R', 'r');
    const first = await c.next({ expires: 1000 });
    assert.equal(first?.info.deliveryCount, 1);
    const second = await c.next({ expires: 1500 });
    assert.equal(second?.seq, 1);
    assert.equal(second?.info.deliveryCount, 2);
    assert.equal(second?.redelivered, true);
    second?.nak();
    const third = await c.next({ expires: 1000 });
    assert.equal(third?.info.deliveryCount, 3);
    const info = await c.info();
    assert.equal(info.num_redelivered, 1);
    // max_deliver reached: nothing more after ack_wait.
    const none = await c.next({ expires: 1000 });
    assert.equal(none, null);
  });

  void test('working (+WPI) holds off redelivery; nak with delay', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'W', subjects: ['w.*'] }, 1);
    await jsm.consumers.add('W', {
      durable_name: 'w',
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(300),
    });
    const c = await js.consumers.get('W', 'w');
    const m = await c.next({ expires: 1000 });
    assert.ok(m);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      m.working();
    }
    assert.equal((await c.info()).num_redelivered, 0);
    m.nak(200);
    const again = await c.next({ expires: 1000 });
    assert.equal(again?.info.deliveryCount, 2);
    again?.ack();
  });

  void test('ordered consumer reads the stream', async (t) => {
    const { js } = await startWithStream(t, { name: 'O', subjects: ['o.*'] }, 10);
    const c = await js.consumers.get('O');
    const got = await collect(await c.fetch({ max_messages: 10, expires: 1000 }), 10, false);
    assert.deepEqual(
      got.map((m) => m.seq),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    const filtered = await js.consumers.get('O', {
      filter_subjects: ['o.a'],
      deliver_policy: DeliverPolicy.Last,
    });
    const last = await filtered.next({ expires: 1000 });
    assert.equal(last?.seq, 10);
  });

  void test('push consumer with a deliver subject and a plain subscription', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'PU', subjects: ['pu.*'] }, 3);
    const sub = nc.subscribe('deliver.here');
    await jsm.consumers.add('PU', {
      durable_name: 'push',
      deliver_subject: 'deliver.here',
      ack_policy: AckPolicy.Explicit,
    });
    const got: string[] = [];
    for await (const m of sub) {
      got.push(text(m.data));
      m.respond('+ACK');
      if (got.length === 3) break;
    }
    assert.deepEqual(got, ['m1', 'm2', 'm3']);
    await js.publish('pu.a', 'late');
    const info = await jsm.consumers.info('PU', 'push');
    assert.equal(info.delivered.stream_seq, 3);
  });

  void test('workqueue retention removes acked messages', async (t) => {
    const { js, jsm } = await startWithStream(
      t,
      { name: 'WQ', subjects: ['wq.*'], retention: RetentionPolicy.Workqueue },
      4,
    );
    await jsm.consumers.add('WQ', { durable_name: 'q', ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get('WQ', 'q');
    const got = await collect(await c.fetch({ max_messages: 2, expires: 1000 }), 2, false);
    for (const m of got) await m.ackAck();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const si = await jsm.streams.info('WQ');
    assert.equal(si.state.messages, 2);
    assert.equal(si.state.first_seq, 3);
  });

  void test('MSG.NEXT statuses: 404 no_wait, 408 expires, 409 max waiting, consumer names/list/delete', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'S', subjects: ['s.*'] });
    await jsm.consumers.add('S', {
      durable_name: 'x',
      ack_policy: AckPolicy.Explicit,
      max_waiting: 1,
    });
    const noWait = await rawNext(nc, 'S', 'x', JSON.stringify({ batch: 1, no_wait: true }));
    assert.equal(noWait.headers?.code, 404);
    assert.equal(noWait.headers?.description, 'No Messages');
    const expired = await rawNext(nc, 'S', 'x', JSON.stringify({ batch: 2, expires: nanos(100) }));
    assert.equal(expired.headers?.code, 408);
    assert.equal(expired.headers?.get('Nats-Pending-Messages'), '2');
    assert.equal(expired.headers?.get('Nats-Pending-Bytes'), '0');
    const inbox = nc.subscribe('held.reply');
    t.after(() => {
      inbox.unsubscribe();
    });
    nc.publish(
      '$JS.API.CONSUMER.MSG.NEXT.S.x',
      JSON.stringify({ batch: 1, expires: nanos(1000) }),
      {
        reply: 'held.reply',
      },
    );
    await nc.flush();
    const full = await rawNext(nc, 'S', 'x', JSON.stringify({ batch: 1, expires: nanos(500) }));
    assert.equal(full.headers?.code, 409);
    assert.equal(full.headers?.description, 'Exceeded MaxWaiting');
    await js.publish('s.a', 'one');
    for await (const m of inbox) {
      assert.equal(text(m.data), 'one');
      assert.match(m.reply ?? '', /^\$JS\.ACK\.S\.x\.1\.1\.1\.\d+\.0$/);
      break;
    }
    await jsm.consumers.add('S', { name: 'eph', ack_policy: AckPolicy.None });
    const names: string[] = [];
    for await (const name of jsm.consumers.list('S')) names.push(name.name);
    assert.deepEqual(names, ['eph', 'x']);
    assert.equal(await jsm.consumers.delete('S', 'eph'), true);
    assert.equal((await jsm.streams.info('S')).state.consumer_count, 1);
  });
});
