// Stream republish, as nats-server 2.10 does it (stream.go processJetStreamMsg):
// each stored message whose subject matches republish.src is published to the
// transformed destination, before the pub ack, with Nats-Stream, Nats-Subject,
// Nats-Sequence, Nats-Time-Stamp and Nats-Last-Sequence (and Nats-Msg-Size with
// headers_only) after the message's own headers.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { jetstream, jetstreamManager, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { connect, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, tempDir } from '@tsnats/testkit';
import { startJetStreamServer, text } from './jetstream-test-support.js';

interface Seen {
  subject: string;
  headers: [string, string][];
  data: string;
}

function seen(msg: Msg): Seen {
  const entries: [string, string][] = [];
  for (const key of msg.headers?.keys() ?? []) entries.push([key, msg.headers?.get(key) ?? '']);
  return { subject: msg.subject, headers: entries, data: text(msg.data) };
}

/** Subscribes to `subject` on `nc`; the array fills as messages arrive. */
async function listen(nc: NatsConnection, subject: string): Promise<Seen[]> {
  const out: Seen[] = [];
  nc.subscribe(subject, {
    callback: (_error, msg) => {
      out.push(seen(msg));
    },
  });
  await nc.flush();
  return out;
}

/** The stored message's time as the API reports it (RFC 3339 with nanoseconds). */
async function storedTime(nc: NatsConnection, stream: string, seq: number): Promise<string> {
  const reply = await nc.request(`$JS.API.STREAM.MSG.GET.${stream}`, JSON.stringify({ seq }));
  return reply.json<{ message: { time: string } }>().message.time;
}

async function setup(t: TestContext, url: string, config: Partial<StreamConfig>) {
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'S', storage: StorageType.Memory, ...config });
  return { nc, js: jetstream(nc), jsm };
}

/** What the scenario of the comparison test publishes, and what the listener saw. */
async function scenario(url: string, t: TestContext): Promise<Seen[]> {
  const { nc, js } = await setup(t, url, {
    subjects: ['orders.>'],
    republish: { src: 'orders.*', dest: 'rp.orders.{{wildcard(1)}}' },
  });
  const out = await listen(nc, 'rp.>');
  await js.publish('orders.a', 'one');
  const h = headers();
  h.set('X-Trace', 'abc');
  await js.publish('orders.a', 'two', { headers: h });
  await js.publish('orders.b.c', 'not republished');
  await js.publish('orders.b', 'three', { msgID: 'id-1' });
  await nc.flush();
  return out;
}

void describe('republish', () => {
  void test('copies arrive before the pub ack, with the stream headers after the own', async (t) => {
    const { url } = await startJetStreamServer(t);
    const { nc, js } = await setup(t, url, {
      subjects: ['orders.>'],
      republish: { src: 'orders.*', dest: 'rp.orders.{{wildcard(1)}}' },
    });
    const out = await listen(nc, 'rp.>');
    await js.publish('orders.a', 'one');
    // Same connection: the copy was read before the ack that resolved the publish.
    assert.equal(out.length, 1);
    const h = headers();
    h.set('X-Trace', 'abc');
    await js.publish('orders.a', 'two', { headers: h });
    await js.publish('orders.b.c', 'not republished');
    await js.publish('orders.b', 'three');
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], {
      subject: 'rp.orders.a',
      headers: [
        ['Nats-Stream', 'S'],
        ['Nats-Subject', 'orders.a'],
        ['Nats-Sequence', '1'],
        ['Nats-Time-Stamp', await storedTime(nc, 'S', 1)],
        ['Nats-Last-Sequence', '0'],
      ],
      data: 'one',
    });
    assert.deepEqual(out[1], {
      subject: 'rp.orders.a',
      headers: [
        ['X-Trace', 'abc'],
        ['Nats-Stream', 'S'],
        ['Nats-Subject', 'orders.a'],
        ['Nats-Sequence', '2'],
        ['Nats-Time-Stamp', await storedTime(nc, 'S', 2)],
        ['Nats-Last-Sequence', '1'],
      ],
      data: 'two',
    });
    assert.equal(out[2].subject, 'rp.orders.b');
    assert.deepEqual(
      out[2].headers.filter(([key]) => key === 'Nats-Sequence' || key === 'Nats-Last-Sequence'),
      [
        ['Nats-Sequence', '4'],
        ['Nats-Last-Sequence', '0'],
      ],
    );
  });

  void test('headers_only sends Nats-Msg-Size and no payload', async (t) => {
    const { url } = await startJetStreamServer(t);
    const { nc, js } = await setup(t, url, {
      subjects: ['data.*'],
      republish: { src: '>', dest: 'meta.>', headers_only: true },
    });
    const out = await listen(nc, 'meta.>');
    await js.publish('data.x', 'twelve bytes');
    assert.deepEqual(out[0], {
      subject: 'meta.data.x',
      headers: [
        ['Nats-Stream', 'S'],
        ['Nats-Subject', 'data.x'],
        ['Nats-Sequence', '1'],
        ['Nats-Time-Stamp', await storedTime(nc, 'S', 1)],
        ['Nats-Last-Sequence', '0'],
        ['Nats-Msg-Size', '12'],
      ],
      data: '',
    });
  });

  void test('refused publishes and duplicates are not republished', async (t) => {
    const { url } = await startJetStreamServer(t);
    const { nc, js } = await setup(t, url, {
      subjects: ['in.>'],
      max_msg_size: 64,
      // An empty source is '>'.
      republish: { src: '', dest: 'out.>' },
    });
    const out = await listen(nc, 'out.>');
    await js.publish('in.a', 'x', { msgID: 'once' });
    const duplicate = await js.publish('in.a', 'x', { msgID: 'once' });
    assert.equal(duplicate.duplicate, true);
    await assert.rejects(js.publish('in.a', 'x'.repeat(65)));
    await js.publish('in.b', 'y', { expect: { lastSequence: 1 } });
    assert.deepEqual(
      out.map((m) => [m.subject, m.data]),
      [
        ['out.in.a', 'x'],
        ['out.in.b', 'y'],
      ],
    );
  });

  void test('Nats-Subject is the subject after the stream subject transform', async (t) => {
    const { url } = await startJetStreamServer(t);
    const { nc, js } = await setup(t, url, {
      subjects: ['raw.*'],
      subject_transform: { src: 'raw.*', dest: 'clean.$1' },
      republish: { src: 'clean.*', dest: 'rp.$1' },
    });
    const out = await listen(nc, 'rp.>');
    await js.publish('raw.a', '1');
    assert.equal(out[0].subject, 'rp.a');
    assert.deepEqual(out[0].headers[1], ['Nats-Subject', 'clean.a']);
  });

  void test('an update can add, change and remove it', async (t) => {
    const { url } = await startJetStreamServer(t);
    const { nc, js, jsm } = await setup(t, url, { subjects: ['u.*'] });
    const out = await listen(nc, 'rp.>');
    await js.publish('u.a', '1');
    const info = await jsm.streams.info('S');
    await jsm.streams.update('S', { ...info.config, republish: { src: 'u.*', dest: 'rp.one.$1' } });
    await js.publish('u.a', '2');
    await jsm.streams.update('S', { ...info.config, republish: { src: 'u.*', dest: 'rp.two.$1' } });
    await js.publish('u.a', '3');
    await jsm.streams.update('S', { ...info.config, republish: undefined });
    await js.publish('u.a', '4');
    await nc.flush();
    assert.deepEqual(
      out.map((m) => [m.subject, m.data]),
      [
        ['rp.one.a', '2'],
        ['rp.two.a', '3'],
      ],
    );
    assert.deepEqual(out[0].headers.at(-1), ['Nats-Last-Sequence', '1']);
  });

  void test('the same copies as nats-server 2.9 (which has no Nats-Time-Stamp)', async (t) => {
    const dir = await tempDir('tsnats-rp-');
    t.after(() => dir.remove());
    const reference = await startNatsServer({ args: ['-js', '-sd', dir.path] });
    t.after(() => reference.stop());
    const expected = await scenario(reference.url, t);
    const { url } = await startJetStreamServer(t);
    const actual = await scenario(url, t);
    const withoutTime = (all: Seen[]) =>
      all.map((m) => ({ ...m, headers: m.headers.filter(([key]) => key !== 'Nats-Time-Stamp') }));
    assert.equal(expected.length, 3);
    assert.deepEqual(withoutTime(actual), withoutTime(expected));
    assert.ok(actual.every((m) => m.headers.some(([key]) => key === 'Nats-Time-Stamp')));
  });
});
