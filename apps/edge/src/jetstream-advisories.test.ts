// JetStream advisories on $JS.EVENT.ADVISORY.>, as nats-server 2.10 publishes
// them: stream and consumer actions, max deliveries and terminated messages,
// seen by a plain subscriber next to the v3 client (@nats-io/jetstream).
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startJetStreamServer } from './jetstream-test-support.js';

const nanos = (ms: number): number => ms * 1_000_000;

interface Advisory {
  subject: string;
  body: Record<string, unknown>;
}

/** Collects the advisories; `next(subject)` resolves with the first one on `subject`. */
class Advisories {
  readonly seen: Advisory[] = [];
  #waiters: { subject: string; resolve: (advisory: Advisory) => void }[] = [];

  add(advisory: Advisory): void {
    this.seen.push(advisory);
    const ready = this.#waiters.filter((w) => w.subject === advisory.subject);
    this.#waiters = this.#waiters.filter((w) => w.subject !== advisory.subject);
    for (const waiter of ready) waiter.resolve(advisory);
  }

  next(subject: string, timeoutMs = 2000): Promise<Advisory> {
    const found = this.seen.find((advisory) => advisory.subject === subject);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.seen.map((advisory) => advisory.subject).join(', ');
        reject(new Error(`no advisory on ${subject} (seen: ${seen})`));
      }, timeoutMs);
      this.#waiters.push({
        subject,
        resolve: (advisory) => {
          clearTimeout(timer);
          resolve(advisory);
        },
      });
    });
  }
}

interface Setup {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  advisories: Advisories;
}

async function setup(t: TestContext, domain?: string): Promise<Setup> {
  const { url } = await startJetStreamServer(t, { domain });
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const advisories = new Advisories();
  nc.subscribe('$JS.EVENT.ADVISORY.>', {
    callback: (error, msg) => {
      if (error !== null) return;
      advisories.add({ subject: msg.subject, body: msg.json() });
    },
  });
  await nc.flush();
  const jsm = await jetstreamManager(nc, domain === undefined ? {} : { domain });
  const js = jetstream(nc, domain === undefined ? {} : { domain });
  return { nc, js, jsm, advisories };
}

/** type, id (a nuid), timestamp (RFC 3339, UTC) and the rest in nats-server's order. */
function assertEvent(advisory: Advisory, type: string, keys: string[]): void {
  assert.equal(advisory.body.type, type);
  assert.deepEqual(Object.keys(advisory.body), ['type', 'id', 'timestamp', ...keys]);
  assert.match(String(advisory.body.id), /^[0-9A-Za-z]{22}$/);
  assert.match(String(advisory.body.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
}

async function fetchOne(js: JetStreamClient, stream: string, consumer: string): Promise<JsMsg> {
  const c = await js.consumers.get(stream, consumer);
  const m = await c.next({ expires: 1000 });
  assert.ok(m !== null, 'a message');
  return m;
}

const STREAM_ACTION = 'io.nats.jetstream.advisory.v1.stream_action';
const CONSUMER_ACTION = 'io.nats.jetstream.advisory.v1.consumer_action';

void describe('JetStream advisories', () => {
  void test('stream created, updated and deleted', async (t) => {
    const { jsm, advisories } = await setup(t);
    await jsm.streams.add({ name: 'S', subjects: ['s.>'], storage: StorageType.Memory });
    const created = await advisories.next('$JS.EVENT.ADVISORY.STREAM.CREATED.S');
    assertEvent(created, STREAM_ACTION, ['stream', 'action']);
    assert.equal(created.body.stream, 'S');
    assert.equal(created.body.action, 'create');

    await jsm.streams.update('S', { subjects: ['s.>', 't.>'] });
    const updated = await advisories.next('$JS.EVENT.ADVISORY.STREAM.UPDATED.S');
    assertEvent(updated, STREAM_ACTION, ['stream', 'action']);
    assert.equal(updated.body.action, 'modify');

    await jsm.streams.delete('S');
    const deleted = await advisories.next('$JS.EVENT.ADVISORY.STREAM.DELETED.S');
    assertEvent(deleted, STREAM_ACTION, ['stream', 'action']);
    assert.equal(deleted.body.action, 'delete');
    assert.notEqual(created.body.id, deleted.body.id);
  });

  void test('a domain is in the advisories', async (t) => {
    const { jsm, advisories } = await setup(t, 'hub');
    await jsm.streams.add({ name: 'D', subjects: ['d.>'], storage: StorageType.Memory });
    const created = await advisories.next('$JS.EVENT.ADVISORY.STREAM.CREATED.D');
    assertEvent(created, STREAM_ACTION, ['stream', 'action', 'domain']);
    assert.equal(created.body.domain, 'hub');
  });

  void test('consumer created and deleted (also with its stream)', async (t) => {
    const { jsm, advisories } = await setup(t);
    await jsm.streams.add({ name: 'C', subjects: ['c.>'], storage: StorageType.Memory });
    await jsm.consumers.add('C', { durable_name: 'd1', ack_policy: AckPolicy.Explicit });
    const created = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.CREATED.C.d1');
    assertEvent(created, CONSUMER_ACTION, ['stream', 'consumer', 'action']);
    assert.deepEqual(
      [created.body.stream, created.body.consumer, created.body.action],
      ['C', 'd1', 'create'],
    );
    // An update of the consumer is no new consumer.
    await jsm.consumers.update('C', 'd1', { description: 'updated' });

    await jsm.consumers.delete('C', 'd1');
    const deleted = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.DELETED.C.d1');
    assertEvent(deleted, CONSUMER_ACTION, ['stream', 'consumer', 'action']);
    assert.equal(deleted.body.action, 'delete');

    // Deleting a stream deletes its consumers first, as nats-server's stream.stop.
    await jsm.consumers.add('C', { durable_name: 'd2', ack_policy: AckPolicy.Explicit });
    await jsm.streams.delete('C');
    await advisories.next('$JS.EVENT.ADVISORY.STREAM.DELETED.C');
    // API audits ($JS.EVENT.ADVISORY.API) come between them: jetstream-nak-audit-advisories.test.ts.
    const subjects = advisories.seen
      .map((advisory) => advisory.subject)
      .filter((subject) => subject !== '$JS.EVENT.ADVISORY.API');
    assert.deepEqual(subjects, [
      '$JS.EVENT.ADVISORY.STREAM.CREATED.C',
      '$JS.EVENT.ADVISORY.CONSUMER.CREATED.C.d1',
      '$JS.EVENT.ADVISORY.CONSUMER.DELETED.C.d1',
      '$JS.EVENT.ADVISORY.CONSUMER.CREATED.C.d2',
      '$JS.EVENT.ADVISORY.CONSUMER.DELETED.C.d2',
      '$JS.EVENT.ADVISORY.STREAM.DELETED.C',
    ]);
  });

  void test('max deliveries: ack_wait expired after the last delivery', async (t) => {
    const { js, jsm, advisories } = await setup(t);
    await jsm.streams.add({ name: 'M', subjects: ['m.>'], storage: StorageType.Memory });
    await js.publish('m.a', 'one');
    await js.publish('m.a', 'two');
    await jsm.consumers.add('M', {
      durable_name: 'md',
      ack_policy: AckPolicy.Explicit,
      max_deliver: 1,
      ack_wait: nanos(200),
    });
    const m = await fetchOne(js, 'M', 'md');
    assert.equal(m.seq, 1);
    const advisory = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.M.md');
    assertEvent(advisory, 'io.nats.jetstream.advisory.v1.max_deliver', [
      'stream',
      'consumer',
      'stream_seq',
      'deliveries',
    ]);
    assert.deepEqual(
      [advisory.body.stream, advisory.body.consumer, advisory.body.stream_seq],
      ['M', 'md', 1],
    );
    assert.equal(advisory.body.deliveries, 1);
    // Dropped, not delivered again: the next message is the second one.
    assert.equal((await fetchOne(js, 'M', 'md')).seq, 2);
  });

  void test('max deliveries: a -NAK after the last delivery drops the message', async (t) => {
    const { js, jsm, advisories } = await setup(t);
    await jsm.streams.add({ name: 'N', subjects: ['n.>'], storage: StorageType.Memory });
    await js.publish('n.a', 'one');
    await js.publish('n.a', 'two');
    await jsm.consumers.add('N', {
      durable_name: 'nd',
      ack_policy: AckPolicy.Explicit,
      max_deliver: 2,
    });
    const first = await fetchOne(js, 'N', 'nd');
    first.nak();
    const again = await fetchOne(js, 'N', 'nd');
    assert.deepEqual([again.seq, again.info.deliveryCount], [1, 2]);
    again.nak();
    // Not a third delivery of 1: 2 comes next.
    assert.equal((await fetchOne(js, 'N', 'nd')).seq, 2);
    const advisory = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.N.nd');
    assert.deepEqual([advisory.body.stream_seq, advisory.body.deliveries], [1, 2]);
  });

  void test('terminated: +TERM with and without a reason', async (t) => {
    const { js, jsm, advisories } = await setup(t);
    await jsm.streams.add({ name: 'T', subjects: ['t.>'], storage: StorageType.Memory });
    await js.publish('t.a', 'one');
    await js.publish('t.a', 'two');
    await jsm.consumers.add('T', { durable_name: 'td', ack_policy: AckPolicy.Explicit });
    const first = await fetchOne(js, 'T', 'td');
    first.term('bad payload');
    const advisory = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.T.td');
    assertEvent(advisory, 'io.nats.jetstream.advisory.v1.terminated', [
      'stream',
      'consumer',
      'consumer_seq',
      'stream_seq',
      'deliveries',
      'reason',
    ]);
    assert.deepEqual(
      [
        advisory.body.stream,
        advisory.body.consumer,
        advisory.body.consumer_seq,
        advisory.body.stream_seq,
        advisory.body.deliveries,
        advisory.body.reason,
      ],
      ['T', 'td', 1, 1, 1, 'bad payload'],
    );

    const second = await fetchOne(js, 'T', 'td');
    assert.equal(second.seq, 2);
    advisories.seen.length = 0;
    second.term();
    const plain = await advisories.next('$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.T.td');
    assert.equal(plain.body.stream_seq, 2);
    assert.equal('reason' in plain.body, false);
  });
});
