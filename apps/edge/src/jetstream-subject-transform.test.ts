// Stream subject_transform, as nats-server 2.10 applies it (stream.go
// processJetStreamMsg): a captured message whose subject matches src is stored
// under the transformed subject; others keep theirs.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { collect, startJetStreamServer, text } from './jetstream-test-support.js';

async function setup(t: TestContext, config: Partial<StreamConfig>) {
  const { url } = await startJetStreamServer(t);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'S', storage: StorageType.Memory, ...config });
  return { nc, js: jetstream(nc), jsm };
}

void describe('stream subject_transform', () => {
  void test('stores matching messages under the transformed subject', async (t) => {
    const { js, jsm } = await setup(t, {
      subjects: ['in.>'],
      subject_transform: { src: 'in.*.*', dest: 'stored.{{wildcard(2)}}.{{wildcard(1)}}' },
    });
    assert.equal((await js.publish('in.eu.orders', 'a')).seq, 1);
    assert.equal((await js.publish('in.other', 'b')).seq, 2);
    assert.equal((await js.publish('in.us.orders', 'c')).seq, 3);
    const subjects = [1, 2, 3].map(
      async (seq) => (await jsm.streams.getMessage('S', { seq }))?.subject,
    );
    assert.deepEqual(await Promise.all(subjects), [
      'stored.orders.eu',
      'in.other',
      'stored.orders.us',
    ]);
    const info = await jsm.streams.info('S', { subjects_filter: '>' });
    assert.deepEqual(info.state.subjects, {
      'stored.orders.eu': 1,
      'in.other': 1,
      'stored.orders.us': 1,
    });
  });

  void test('consumers filter and deliver on the stored subject', async (t) => {
    const { js, jsm } = await setup(t, {
      subjects: ['raw.>'],
      subject_transform: { src: 'raw.>', dest: 'clean.>' },
    });
    await js.publish('raw.a.b', '1');
    await js.publish('raw.c', '2');
    await jsm.consumers.add('S', {
      durable_name: 'C',
      filter_subject: 'clean.a.>',
      ack_policy: AckPolicy.Explicit,
    });
    const consumer = await js.consumers.get('S', 'C');
    const [msg] = await collect(await consumer.consume(), 1);
    assert.equal(msg.subject, 'clean.a.b');
    assert.equal(text(msg.data), '1');
  });

  void test('expected last subject sequence and rollup use the stored subject', async (t) => {
    const { js, jsm } = await setup(t, {
      subjects: ['k.*'],
      allow_rollup_hdrs: true,
      subject_transform: { src: 'k.*', dest: 'kv.$1' },
    });
    await js.publish('k.x', '1');
    await assert.rejects(js.publish('k.x', '2', { expect: { lastSubjectSequence: 0 } }));
    const ack = await js.publish('k.x', '2', { expect: { lastSubjectSequence: 1 } });
    assert.equal(ack.seq, 2);
    const info = await jsm.streams.info('S', { subjects_filter: 'kv.>' });
    assert.deepEqual(info.state.subjects, { 'kv.x': 2 });
  });

  void test('partition and split functions', async (t) => {
    const { js, jsm } = await setup(t, {
      subjects: ['p.*'],
      subject_transform: { src: 'p.*', dest: 'part.{{partition(1,1)}}.{{splitfromleft(1,2)}}' },
    });
    await js.publish('p.abcd', '1');
    assert.equal((await jsm.streams.getMessage('S', { seq: 1 }))?.subject, 'part.0.ab.cd');
  });

  void test('an update adds, changes and removes the transform', async (t) => {
    const { js, jsm } = await setup(t, { subjects: ['u.*'] });
    const config = (await jsm.streams.info('S')).config;
    await js.publish('u.a', '1');
    await jsm.streams.update('S', { ...config, subject_transform: { src: 'u.*', dest: 'one.$1' } });
    await js.publish('u.a', '2');
    await jsm.streams.update('S', { ...config, subject_transform: { src: 'u.*', dest: 'two.$1' } });
    await js.publish('u.a', '3');
    await jsm.streams.update('S', { ...config, subject_transform: undefined });
    await js.publish('u.a', '4');
    const subjects = [1, 2, 3, 4].map(
      async (seq) => (await jsm.streams.getMessage('S', { seq }))?.subject,
    );
    assert.deepEqual(await Promise.all(subjects), ['u.a', 'one.a', 'two.a', 'u.a']);
    const info = await jsm.streams.info('S');
    assert.equal(info.config.subject_transform, undefined);
  });

  void test("an invalid transform is refused at create with nats-server's error", async (t) => {
    const { jsm } = await setup(t, { subjects: ['ok'] });
    await assert.rejects(
      jsm.streams.add({
        name: 'BAD',
        subjects: ['b.*'],
        storage: StorageType.Memory,
        subject_transform: { src: 'b.*', dest: 'c.$2' },
      }),
      /wildcard index out of range/,
    );
  });
});
