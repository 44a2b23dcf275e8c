// Consumer features beyond the basics, through the v3 clients and raw MSG.NEXT
// requests (exact status lines and headers, as nats-server v2.10.22 sends them):
// ack all, backoff, max_ack_pending, inactive_threshold, deliver policies,
// pull max_bytes / max_batch / idle heartbeats, push headers_only, interest
// retention and KV watches of live updates.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { AckPolicy, DeliverPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';
import {
  collect,
  nanos,
  startJetStreamServer,
  startWithStream,
  text,
} from './jetstream-test-support.js';

/** Replies to one MSG.NEXT request, on a subscription of its own. */
function pullReplies(
  t: TestContext,
  nc: NatsConnection,
  stream: string,
  consumer: string,
  body: unknown,
): AsyncIterator<Msg> {
  const inbox = `pull.${stream}.${consumer}.${Math.random().toString(36).slice(2)}`;
  const sub = nc.subscribe(inbox);
  t.after(() => {
    sub.unsubscribe();
  });
  nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, JSON.stringify(body), {
    reply: inbox,
  });
  return sub[Symbol.asyncIterator]();
}

async function nextOf(it: AsyncIterator<Msg>): Promise<Msg> {
  const r = await it.next();
  if (r.done === true) assert.fail('the subscription ended');
  return r.value;
}

/** Polls `check` (every 20 ms, up to `ms`) until it is true. */
async function until(check: () => Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

void describe('JetStream consumers: more of consumer.go', () => {
  void test('ack policy all: acking seq 3 acks 1-3', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'AA', subjects: ['aa.*'] }, 5);
    await jsm.consumers.add('AA', { durable_name: 'all', ack_policy: AckPolicy.All });
    const c = await js.consumers.get('AA', 'all');
    const got = await collect(await c.fetch({ max_messages: 5, expires: 1000 }), 5, false);
    assert.equal((await c.info()).num_ack_pending, 5);
    await got[2].ackAck();
    const info = await c.info();
    assert.equal(info.num_ack_pending, 2);
    assert.deepEqual(info.ack_floor, { consumer_seq: 3, stream_seq: 3 });
    await got[4].ackAck();
    const done = await c.info();
    assert.equal(done.num_ack_pending, 0);
    assert.deepEqual(done.ack_floor, { consumer_seq: 5, stream_seq: 5 });
  });

  void test('backoff: redeliveries wait the backoff entries, the last one repeating', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'BO', subjects: ['bo.*'] }, 1);
    await jsm.consumers.add('BO', {
      durable_name: 'b',
      ack_policy: AckPolicy.Explicit,
      backoff: [nanos(100), nanos(400)],
      max_deliver: 4,
    });
    const c = await js.consumers.get('BO', 'b');
    // The server times a redelivery from when it sent the delivery before, which
    // is after this client asked for it: measuring from each request (not from
    // when the previous message arrived, which may be late) gives sound lower bounds.
    const asked: number[] = [];
    const received: number[] = [];
    for (let i = 1; i <= 3; i++) {
      asked.push(Date.now());
      const m = await c.next({ expires: 1500 });
      received.push(Date.now());
      assert.equal(m?.seq, 1);
      assert.equal(m.info.deliveryCount, i);
    }
    const first = received[1] - asked[0];
    const second = received[2] - asked[1];
    // Node's timers may fire up to a millisecond early on whole-ms clocks.
    assert.ok(first >= 99, `first redelivery after ${first} ms`);
    // The second backoff entry would make it at least 400 ms: the first one was used.
    assert.ok(first < 399, `first redelivery after ${first} ms`);
    assert.ok(second >= 399, `second redelivery after ${second} ms`);
  });

  void test('ack reply pending counts messages not yet delivered, not redeliveries', async (t) => {
    const { nc, jsm } = await startWithStream(t, { name: 'PC', subjects: ['pc.*'] }, 4);
    await jsm.consumers.add('PC', { durable_name: 'p', ack_policy: AckPolicy.Explicit });
    const it = pullReplies(t, nc, 'PC', 'p', { batch: 3 });
    const got = [await nextOf(it), await nextOf(it), await nextOf(it)];
    assert.deepEqual(
      got.map((m) => m.reply?.split('.').at(-1)),
      ['3', '2', '1'],
    );
    for (const m of got) await nc.request(m.reply ?? '', '-NAK');
    // Redelivered (2) seq 1 as consumer seq 4; one message (seq 4) not yet delivered.
    const again = await nextOf(pullReplies(t, nc, 'PC', 'p', { batch: 1 }));
    assert.match(again.reply ?? '', /^\$JS\.ACK\.PC\.p\.2\.1\.4\.\d+\.1$/);
  });

  void test('max_ack_pending: no more than N outstanding', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'MP', subjects: ['mp.*'] }, 5);
    await jsm.consumers.add('MP', {
      durable_name: 'm',
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: 2,
    });
    const c = await js.consumers.get('MP', 'm');
    const it = pullReplies(t, nc, 'MP', 'm', { batch: 5, expires: nanos(300) });
    const got = [await nextOf(it), await nextOf(it)];
    assert.deepEqual(
      got.map((m) => m.subject),
      ['mp.a', 'mp.a'],
    );
    const timeout = await nextOf(it);
    assert.equal(timeout.headers?.code, 408);
    assert.equal(timeout.headers?.get('Nats-Pending-Messages'), '3');
    let info = await c.info();
    assert.equal(info.num_ack_pending, 2);
    assert.equal(info.num_pending, 3);
    assert.equal(info.delivered.stream_seq, 2);
    await nc.request(got[0].reply ?? '', '+ACK');
    const next = await c.next({ expires: 1000 });
    assert.equal(next?.seq, 3);
    info = await c.info();
    assert.equal(info.num_ack_pending, 2);
  });

  void test('max_deliver reached frees a max_ack_pending slot for the next message', async (t) => {
    const { nc, jsm } = await startWithStream(t, { name: 'MD', subjects: ['md.*'] }, 2);
    await jsm.consumers.add('MD', {
      durable_name: 'm',
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(100),
      max_deliver: 1,
      max_ack_pending: 1,
    });
    const it = pullReplies(t, nc, 'MD', 'm', { batch: 2, expires: nanos(1500) });
    const first = await nextOf(it);
    assert.match(first.reply ?? '', /^\$JS\.ACK\.MD\.m\.1\.1\.1\./);
    // Not acked: after ack_wait seq 1 is done (max_deliver 1) and seq 2 goes out.
    const second = await nextOf(it);
    assert.equal(second.headers?.code, undefined);
    assert.match(second.reply ?? '', /^\$JS\.ACK\.MD\.m\.1\.2\.2\./);
    const info = await jsm.consumers.info('MD', 'm');
    assert.equal(info.num_ack_pending, 1);
  });

  void test('inactive_threshold removes an idle ephemeral consumer', async (t) => {
    const { jsm } = await startWithStream(t, { name: 'IT', subjects: ['it.*'] }, 1);
    await jsm.consumers.add('IT', {
      name: 'idle',
      ack_policy: AckPolicy.Explicit,
      inactive_threshold: nanos(200),
    });
    assert.equal((await jsm.streams.info('IT')).state.consumer_count, 1);
    await until(async () => (await jsm.streams.info('IT')).state.consumer_count === 0);
    await assert.rejects(jsm.consumers.info('IT', 'idle'), /consumer not found/);
  });

  void test('deliver policies by_start_sequence and by_start_time', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'DP', subjects: ['dp.*'] }, 5);
    await jsm.consumers.add('DP', {
      durable_name: 'seq',
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: 3,
    });
    const bySeq = await js.consumers.get('DP', 'seq');
    const seqs = await collect(await bySeq.fetch({ max_messages: 3, expires: 1000 }), 3, false);
    assert.deepEqual(
      seqs.map((m) => m.seq),
      [3, 4, 5],
    );
    assert.equal((await bySeq.info()).num_pending, 0);
    // The stored time of seq 4, with its nanoseconds.
    const raw = await nc.request('$JS.API.STREAM.MSG.GET.DP', JSON.stringify({ seq: 4 }));
    const time = (JSON.parse(text(raw.data)) as { message: { time: string } }).message.time;
    await jsm.consumers.add('DP', {
      durable_name: 'time',
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: time,
    });
    const byTime = await js.consumers.get('DP', 'time');
    assert.equal((await byTime.info()).num_pending, 2);
    const times = await collect(await byTime.fetch({ max_messages: 2, expires: 1000 }), 2, false);
    assert.deepEqual(
      times.map((m) => m.seq),
      [4, 5],
    );
  });

  void test('deliver policy last_per_subject, then new messages', async (t) => {
    const { js, jsm } = await startWithStream(t, { name: 'LP', subjects: ['lp.*'] });
    for (const s of ['a', 'b', 'a', 'c', 'a']) await js.publish(`lp.${s}`, s);
    await jsm.consumers.add('LP', {
      durable_name: 'l',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.LastPerSubject,
      filter_subject: 'lp.*',
    });
    const c = await js.consumers.get('LP', 'l');
    assert.equal((await c.info()).num_pending, 3);
    const got = await collect(await c.fetch({ max_messages: 3, expires: 1000 }), 3, false);
    assert.deepEqual(
      got.map((m) => `${m.subject}@${m.seq}`),
      ['lp.b@2', 'lp.c@4', 'lp.a@5'],
    );
    for (const m of got) await m.ackAck();
    await js.publish('lp.b', 'later');
    const next = await c.next({ expires: 1000 });
    assert.equal(next?.seq, 6);
  });

  void test('pull: 409 Message Size Exceeds MaxBytes and Exceeded MaxRequestBatch', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'MB', subjects: ['mb.*'] });
    await js.publish('mb.a', new Uint8Array(100));
    await jsm.consumers.add('MB', {
      durable_name: 'x',
      ack_policy: AckPolicy.Explicit,
      max_batch: 2,
    });
    // nats-server counts subject, ack reply, headers and data: 104 bytes is not enough.
    const noReply = await nextOf(pullReplies(t, nc, 'MB', 'x', { batch: 1, max_bytes: 104 }));
    assert.equal(noReply.headers?.code, 409);
    assert.equal(noReply.headers?.get('Nats-Pending-Bytes'), '104');
    const tooBig = await nextOf(pullReplies(t, nc, 'MB', 'x', { batch: 1, max_bytes: 10 }));
    assert.equal(tooBig.headers?.code, 409);
    assert.equal(tooBig.headers?.description, 'Message Size Exceeds MaxBytes');
    assert.equal(tooBig.headers?.get('Nats-Pending-Messages'), '1');
    assert.equal(tooBig.headers?.get('Nats-Pending-Bytes'), '10');
    assert.equal(tooBig.data.length, 0);
    const batch = await nextOf(pullReplies(t, nc, 'MB', 'x', { batch: 5, expires: nanos(500) }));
    assert.equal(batch.headers?.code, 409);
    assert.equal(batch.headers?.description, 'Exceeded MaxRequestBatch of 2');
    // The message is still there for a request that fits.
    const fits = await nextOf(pullReplies(t, nc, 'MB', 'x', { batch: 1, max_bytes: 1000 }));
    assert.equal(fits.data.length, 100);
    assert.equal((await jsm.consumers.info('MB', 'x')).num_ack_pending, 1);
  });

  void test('pull idle heartbeats: 100 Idle Heartbeat with the last sequences', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'HB', subjects: ['hb.*'] }, 1);
    await jsm.consumers.add('HB', { durable_name: 'h', ack_policy: AckPolicy.None });
    const first = pullReplies(t, nc, 'HB', 'h', { batch: 1 });
    assert.equal((await nextOf(first)).subject, 'hb.a');
    const it = pullReplies(t, nc, 'HB', 'h', {
      batch: 1,
      expires: nanos(2000),
      idle_heartbeat: nanos(100),
    });
    const beat = await nextOf(it);
    assert.equal(beat.headers?.code, 100);
    assert.equal(beat.headers?.description, 'Idle Heartbeat');
    assert.equal(beat.headers?.get('Nats-Last-Consumer'), '1');
    assert.equal(beat.headers?.get('Nats-Last-Stream'), '1');
    assert.equal(beat.data.length, 0);
    assert.equal(beat.reply, '');
    const again = await nextOf(it);
    assert.equal(again.headers?.description, 'Idle Heartbeat');
    await js.publish('hb.b', 'two');
    let m = await nextOf(it);
    while (m.headers?.code === 100) m = await nextOf(it);
    assert.equal(text(m.data), 'two');
  });

  void test('push headers_only: headers and Nats-Msg-Size, no payload', async (t) => {
    const { nc, js, jsm } = await startWithStream(t, { name: 'HO', subjects: ['ho.*'] });
    const h = headers();
    h.set('X-Test', 'yes');
    await js.publish('ho.a', 'hello', { headers: h });
    await js.publish('ho.b', 'plain!');
    const sub = nc.subscribe('deliver.ho');
    t.after(() => {
      sub.unsubscribe();
    });
    await jsm.consumers.add('HO', {
      durable_name: 'p',
      deliver_subject: 'deliver.ho',
      ack_policy: AckPolicy.None,
      headers_only: true,
    });
    const got: Msg[] = [];
    for await (const m of sub) {
      got.push(m);
      if (got.length === 2) break;
    }
    assert.equal(got[0].data.length, 0);
    assert.equal(got[0].headers?.get('X-Test'), 'yes');
    assert.equal(got[0].headers?.get('Nats-Msg-Size'), '5');
    assert.equal(got[1].data.length, 0);
    assert.equal(got[1].headers?.get('Nats-Msg-Size'), '6');
  });

  void test('interest retention: a message goes once every consumer acked it', async (t) => {
    const { js, jsm } = await startWithStream(t, {
      name: 'IN',
      subjects: ['in.*'],
      retention: RetentionPolicy.Interest,
    });
    await jsm.consumers.add('IN', { durable_name: 'one', ack_policy: AckPolicy.Explicit });
    await jsm.consumers.add('IN', { durable_name: 'two', ack_policy: AckPolicy.Explicit });
    for (let i = 1; i <= 3; i++) await js.publish('in.a', `m${i}`);
    const one = await js.consumers.get('IN', 'one');
    const two = await js.consumers.get('IN', 'two');
    for (const m of await collect(await one.fetch({ max_messages: 3, expires: 1000 }), 3, false)) {
      await m.ackAck();
    }
    assert.equal((await jsm.streams.info('IN')).state.messages, 3);
    const fromTwo = await collect(await two.fetch({ max_messages: 3, expires: 1000 }), 3, false);
    await fromTwo[0].ackAck();
    await fromTwo[2].ackAck();
    await until(async () => (await jsm.streams.info('IN')).state.messages === 1);
    const state = (await jsm.streams.info('IN')).state;
    assert.equal(state.first_seq, 2);
    assert.equal(state.last_seq, 3);
  });

  void test('KV watch gets updates put after it started', async (t) => {
    const { url } = await startJetStreamServer(t);
    const nc = await connect({ servers: url, reconnect: false });
    t.after(() => nc.close());
    const kv = await new Kvm(nc).create('live');
    await kv.put('old', 'before');
    const watch = await kv.watch();
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of watch) {
        seen.push(`${e.key}=${e.string()}@${e.revision}`);
        if (seen.length === 4) break;
      }
    })();
    await kv.put('a', 'one');
    await kv.put('b', 'two');
    await kv.put('a', 'three');
    await done;
    assert.deepEqual(seen, ['old=before@1', 'a=one@2', 'b=two@3', 'a=three@4']);
  });
});
