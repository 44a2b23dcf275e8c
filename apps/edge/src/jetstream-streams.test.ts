// Streams through the official v3 clients (@nats-io/jetstream over
// @nats-io/transport-node) against the in-process server with JetStream.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { tempDir } from '@tsnats/testkit';
import { startJetStreamServer } from './jetstream-test-support.js';

async function setup(
  t: TestContext,
  domain?: string,
): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const { url } = await startJetStreamServer(t, { domain });
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc, domain === undefined ? {} : { domain });
  return { nc, jsm };
}

/** The err_code of the JetStreamApiError `promise` rejects with. */
async function apiErrorCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JetStreamApiError, String(error));
    return error.code;
  }
  assert.fail('expected a JetStream API error');
}

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

void describe('JetStream streams with the v3 clients', () => {
  void test('create, info, update, names, list, delete', async (t) => {
    const { jsm } = await setup(t);
    const info = await jsm.streams.add({
      name: 'ORDERS',
      subjects: ['orders.>'],
      storage: 'memory',
    });
    assert.equal(info.config.name, 'ORDERS');
    assert.deepEqual(info.config.subjects, ['orders.>']);
    assert.equal(info.config.retention, 'limits');
    assert.equal(info.config.duplicate_window, 120_000_000_000);
    assert.equal(info.state.messages, 0);
    // Same config again: the existing stream; a different one: 10058.
    const again = await jsm.streams.add({
      name: 'ORDERS',
      subjects: ['orders.>'],
      storage: 'memory',
    });
    assert.equal(again.created, info.created);
    const inUse = jsm.streams.add({ name: 'ORDERS', subjects: ['other.>'], storage: 'memory' });
    assert.equal(await apiErrorCode(inUse), 10058);

    const updated = await jsm.streams.update('ORDERS', {
      subjects: ['orders.>', 'returns.*'],
      max_msgs: 10,
    });
    assert.deepEqual(updated.config.subjects, ['orders.>', 'returns.*']);
    assert.equal(updated.config.max_msgs, 10);

    await jsm.streams.add({ name: 'EVENTS', subjects: ['events.*'], storage: 'memory' });
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    assert.deepEqual(names, ['EVENTS', 'ORDERS']);
    const filtered: string[] = [];
    for await (const name of jsm.streams.names('returns.x')) filtered.push(name);
    assert.deepEqual(filtered, ['ORDERS']);
    const listed: string[] = [];
    for await (const si of jsm.streams.list()) listed.push(si.config.name);
    assert.deepEqual(listed, ['EVENTS', 'ORDERS']);

    assert.equal(await jsm.streams.delete('EVENTS'), true);
    assert.equal(await apiErrorCode(jsm.streams.info('EVENTS')), 10059);
    assert.equal(await apiErrorCode(jsm.streams.delete('EVENTS')), 10059);
    assert.equal(await apiErrorCode(jsm.streams.update('EVENTS', { subjects: ['x'] })), 10059);
  });

  void test('subject overlap between streams is 10065', async (t) => {
    const { jsm } = await setup(t);
    await jsm.streams.add({ name: 'A', subjects: ['a.*'], storage: 'memory' });
    const overlap = jsm.streams.add({ name: 'B', subjects: ['a.b'], storage: 'memory' });
    assert.equal(await apiErrorCode(overlap), 10065);
  });

  void test('publish with acks, msgID dedupe, expected last sequence', async (t) => {
    const { nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'S', subjects: ['s.>'], storage: 'memory' });
    const js = jetstream(nc);
    const first = await js.publish('s.a', 'one');
    assert.equal(first.stream, 'S');
    assert.equal(first.seq, 1);
    assert.equal(first.duplicate, false);
    const withId = await js.publish('s.a', 'two', { msgID: 'm-1' });
    assert.equal(withId.seq, 2);
    const duplicate = await js.publish('s.a', 'two again', { msgID: 'm-1' });
    assert.equal(duplicate.seq, 2);
    assert.equal(duplicate.duplicate, true);
    const expected = await js.publish('s.b', 'three', { expect: { lastSequence: 2 } });
    assert.equal(expected.seq, 3);
    const wrong = js.publish('s.b', 'four', { expect: { lastSequence: 1 } });
    assert.equal(await apiErrorCode(wrong), 10071);
    const wrongSubject = js.publish('s.b', 'four', { expect: { lastSubjectSequence: 1 } });
    assert.equal(await apiErrorCode(wrongSubject), 10071);
    const rightSubject = await js.publish('s.b', 'four', { expect: { lastSubjectSequence: 3 } });
    assert.equal(rightSubject.seq, 4);
    const wrongStream = js.publish('s.b', 'x', { expect: { streamName: 'OTHER' } });
    assert.equal(await apiErrorCode(wrongStream), 10060);
    const info = await jsm.streams.info('S');
    assert.equal(info.state.messages, 4);
    assert.equal(info.state.last_seq, 4);
  });

  void test('purge with filter and keep; info subjects_filter and deleted_details', async (t) => {
    const { nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'P', subjects: ['p.*'], storage: 'memory' });
    const js = jetstream(nc);
    for (let i = 0; i < 5; i++) await js.publish('p.a', `a${i}`);
    for (let i = 0; i < 3; i++) await js.publish('p.b', `b${i}`);
    const withSubjects = await jsm.streams.info('P', { subjects_filter: '>' });
    assert.deepEqual(withSubjects.state.subjects, { 'p.a': 5, 'p.b': 3 });
    const kept = await jsm.streams.purge('P', { filter: 'p.b', keep: 1 });
    assert.equal(kept.success, true);
    assert.equal(kept.purged, 2);
    const info = await jsm.streams.info('P', { deleted_details: true });
    assert.equal(info.state.messages, 6);
    assert.deepEqual(info.state.deleted, [6, 7]);
    assert.equal(info.state.num_deleted, 2);
    const older = await jsm.streams.purge('P', { filter: 'p.a', keep: 2 });
    assert.equal(older.purged, 3);
    const all = await jsm.streams.purge('P');
    assert.equal(all.purged, 3);
    assert.equal((await jsm.streams.info('P')).state.messages, 0);
  });

  void test('get by sequence and last by subject, delete message, direct get', async (t) => {
    const { nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'M', subjects: ['m.*'], storage: 'memory', allow_direct: true });
    const js = jetstream(nc);
    const h = headers();
    h.set('X-Test', 'yes');
    await js.publish('m.a', 'first', { headers: h });
    await js.publish('m.b', 'second');
    await js.publish('m.a', 'third');
    const bySeq = await jsm.streams.getMessage('M', { seq: 1 });
    assert.ok(bySeq !== null);
    assert.equal(bySeq.subject, 'm.a');
    assert.equal(text(bySeq.data), 'first');
    assert.equal(bySeq.header.get('X-Test'), 'yes');
    const last = await jsm.streams.getMessage('M', { last_by_subj: 'm.a' });
    assert.equal(last?.seq, 3);
    assert.equal(await jsm.streams.deleteMessage('M', 2), true);
    assert.equal(await jsm.streams.getMessage('M', { seq: 2 }), null);
    assert.equal(await apiErrorCode(jsm.streams.deleteMessage('M', 2)), 10043);

    const direct = await jsm.direct.getMessage('M', { seq: 1 });
    assert.ok(direct !== null);
    assert.equal(direct.seq, 1);
    assert.equal(direct.subject, 'm.a');
    assert.equal(direct.header.get('Nats-Stream'), 'M');
    assert.equal(text(direct.data), 'first');
    assert.equal(direct.header.get('X-Test'), 'yes');
    const directLast = await jsm.direct.getMessage('M', { last_by_subj: 'm.a' });
    assert.equal(directLast?.seq, 3);
    assert.equal(await jsm.direct.getMessage('M', { seq: 2 }), null);
  });

  void test('the API answers on $JS.<domain>.API with a domain; pub acks carry it', async (t) => {
    const { nc, jsm } = await setup(t, 'hub');
    await jsm.streams.add({ name: 'D', subjects: ['d'], storage: 'memory' });
    const ack = await jetstream(nc, { domain: 'hub' }).publish('d', 'x');
    assert.equal(ack.domain, 'hub');
    assert.equal(ack.seq, 1);
    const account = await jsm.getAccountInfo();
    assert.equal(account.domain, 'hub');
    assert.equal(account.streams, 1);
  });
});

void describe('file streams across a restart', () => {
  void test('messages of a file stream are there again after the server restarts', async (t) => {
    const dir = await tempDir('tsnats-js-restart-');
    t.after(() => dir.remove());
    const first = await startJetStreamServer(t, { storeDir: dir.path });
    const nc = await connect({ servers: first.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File });
    const js = jetstream(nc);
    for (let i = 1; i <= 5; i++) await js.publish(`orders.${String(i)}`, `order ${String(i)}`);
    await nc.close();
    await first.link.stop();
    await first.server.shutdown();

    const second = await startJetStreamServer(t, { storeDir: dir.path });
    const again = await connect({ servers: second.url });
    t.after(() => again.close());
    const info = await (await jetstreamManager(again)).streams.info('ORDERS');
    assert.equal(info.state.messages, 5);
    assert.equal(info.config.storage, StorageType.File);
    const last = await (await jetstreamManager(again)).streams.getMessage('ORDERS', { seq: 5 });
    assert.equal(last?.string(), 'order 5');
    const ack = await jetstream(again).publish('orders.6', 'order 6');
    assert.equal(ack.seq, 6);
  });
});
