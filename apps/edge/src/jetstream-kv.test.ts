// The key-value store as users use it through the official clients (v3
// @nats-io/kv, and the nats v2 client's js.views.kv): everything is
// client-side on top of a stream (rollup headers, DIRECT.GET last-by-subject,
// ordered consumers, purge with keep, subject-filtered stream info).
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/nats-core';
import { connect as connectV3, type NatsConnection } from '@nats-io/transport-node';
import { tempDir } from '@tsnats/testkit';
import { connect as connectV2, StringCodec } from 'nats';
import { startJetStreamServer, type JetStreamServer } from './jetstream-test-support.js';

async function client(t: TestContext, server?: JetStreamServer): Promise<NatsConnection> {
  const { url } = server ?? (await startJetStreamServer(t));
  const nc = await connectV3({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return nc;
}

async function bucket(t: TestContext, name = 'cfg'): Promise<{ nc: NatsConnection; kv: KV }> {
  const nc = await client(t);
  const kv = await new Kvm(nc).create(name, { history: 5, ttl: 60_000 });
  return { nc, kv };
}

/** Reads a watcher entry by entry (a QueuedIterator can be iterated only once). */
function reader(iter: QueuedIterator<KvWatchEntry>): (n: number) => Promise<string[]> {
  const it = iter[Symbol.asyncIterator]();
  return async (n) => {
    const out: string[] = [];
    while (out.length < n) {
      const r = await it.next();
      if (r.done === true) break;
      const e = r.value;
      out.push(`${e.operation} ${e.key}=${e.string()}`);
    }
    return out;
  };
}

async function all<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

void describe('KV with the v3 client', () => {
  void test('create a bucket: the stream behind it and status()', async (t) => {
    const { nc, kv } = await bucket(t);
    const jsm = await jetstreamManager(nc);
    const si = await jsm.streams.info('KV_cfg');
    assert.deepEqual(si.config.subjects, ['$KV.cfg.>']);
    assert.equal(si.config.max_msgs_per_subject, 5);
    assert.equal(si.config.max_age, 60_000_000_000);
    assert.equal(si.config.allow_rollup_hdrs, true);
    assert.equal(si.config.allow_direct, true);
    assert.equal(si.config.discard, 'new');

    await kv.put('a', 'one');
    await kv.put('a', 'two');
    await kv.put('b', 'three');
    const status = await kv.status();
    assert.equal(status.bucket, 'cfg');
    assert.equal(status.values, 3);
    assert.equal(status.history, 5);
    assert.equal(status.ttl, 60_000);
    assert.equal(status.storage, StorageType.File);
    assert.ok(status.size > 0);
    // Opening it again binds to the same stream.
    const again = await new Kvm(nc).open('cfg');
    assert.equal((await again.get('b'))?.string(), 'three');
  });

  void test('put, get, revisions, get by revision', async (t) => {
    const { kv } = await bucket(t);
    assert.equal(await kv.put('k', 'v1'), 1);
    assert.equal(await kv.put('other', 'x'), 2);
    assert.equal(await kv.put('k', 'v2'), 3);
    const e = await kv.get('k');
    assert.ok(e);
    assert.equal(e.string(), 'v2');
    assert.equal(e.revision, 3);
    assert.equal(e.operation, 'PUT');
    assert.equal(e.bucket, 'cfg');
    assert.equal(e.key, 'k');
    assert.equal(e.length, 2);
    assert.equal((await kv.get('k', { revision: 1 }))?.string(), 'v1');
    // A revision of another key is no entry of this one.
    assert.equal(await kv.get('k', { revision: 2 }), null);
    assert.equal(await kv.get('missing'), null);
    assert.equal((await kv.get('other'))?.string(), 'x');
  });

  void test('create fails when the key exists, update checks the revision', async (t) => {
    const { kv } = await bucket(t);
    assert.equal(await kv.create('c', 'first'), 1);
    await assert.rejects(kv.create('c', 'second'), /wrong last sequence: 1/);
    const rev = await kv.update('c', 'updated', 1);
    assert.equal(rev, 2);
    await assert.rejects(kv.update('c', 'stale', 1), /wrong last sequence: 2/);
    assert.equal((await kv.get('c'))?.string(), 'updated');
    // create is allowed again once the key is deleted (or purged).
    await kv.delete('c');
    assert.equal(await kv.create('c', 'again'), 4);
    await kv.purge('c');
    assert.equal(await kv.create('c', 'once more'), 6);
    // put with previousSeq is update.
    await assert.rejects(kv.put('c', 'x', { previousSeq: 1 }), /wrong last sequence: 6/);
  });

  void test('delete and purge leave markers with KV-Operation headers', async (t) => {
    const { nc, kv } = await bucket(t);
    await kv.put('d', '1');
    await kv.put('d', '2');
    await kv.put('p', '1');
    await kv.put('p', '2');
    await kv.delete('d');
    const del = await kv.get('d');
    assert.ok(del);
    assert.equal(del.operation, 'DEL');
    assert.equal(del.length, 0);
    assert.equal(del.revision, 5);
    // A delete keeps the history.
    assert.equal((await all(await kv.history({ key: 'd' }))).length, 3);

    await kv.purge('p');
    const purged = await kv.get('p');
    assert.ok(purged);
    assert.equal(purged.operation, 'PURGE');
    assert.equal(purged.revision, 6);
    // A purge is a rollup of the subject: only the marker stays.
    const hist = await all(await kv.history({ key: 'p' }));
    assert.deepEqual(
      hist.map((e) => [e.operation, e.revision]),
      [['PURGE', 6]],
    );

    // The markers as they are stored.
    const jsm = await jetstreamManager(nc);
    const dm = await jsm.streams.getMessage('KV_cfg', { last_by_subj: '$KV.cfg.d' });
    assert.equal(dm?.header.get('KV-Operation'), 'DEL');
    const pm = await jsm.streams.getMessage('KV_cfg', { last_by_subj: '$KV.cfg.p' });
    assert.equal(pm?.header.get('KV-Operation'), 'PURGE');
    assert.equal(pm?.header.get('Nats-Rollup'), 'sub');
    const si = await jsm.streams.info('KV_cfg');
    assert.equal(si.state.messages, 4);

    // purgeDeletes drops the markers (and what is left under them).
    const bucketImpl = kv as KV & {
      purgeDeletes(olderMillis?: number): Promise<{ purged: number }>;
    };
    const pr = await bucketImpl.purgeDeletes(-1);
    assert.equal(pr.purged, 4);
    assert.equal(await kv.get('d'), null);
    assert.equal(await kv.get('p'), null);
    assert.equal((await jsm.streams.info('KV_cfg')).state.messages, 0);
  });

  void test('history keeps at most `history` values per key', async (t) => {
    const { kv } = await bucket(t);
    for (let i = 1; i <= 7; i++) await kv.put('h', `v${String(i)}`);
    await kv.put('x', 'other');
    const hist = await all(await kv.history({ key: 'h' }));
    assert.deepEqual(
      hist.map((e) => `${String(e.revision)}:${e.string()}`),
      ['3:v3', '4:v4', '5:v5', '6:v6', '7:v7'],
    );
    const everything = await all(await kv.history());
    assert.equal(everything.length, 6);
    // An empty history ends at once.
    assert.deepEqual(await all(await kv.history({ key: 'none' })), []);
  });

  void test('keys with and without a filter', async (t) => {
    const { kv } = await bucket(t);
    await kv.put('users.alice', 'a');
    await kv.put('users.bob', 'b');
    await kv.put('users.alice', 'a2');
    await kv.put('groups.admins', 'g');
    await kv.put('gone', 'x');
    await kv.delete('gone');
    assert.deepEqual((await all(await kv.keys())).sort(), [
      'groups.admins',
      'users.alice',
      'users.bob',
    ]);
    assert.deepEqual((await all(await kv.keys('users.*'))).sort(), ['users.alice', 'users.bob']);
    assert.deepEqual((await all(await kv.keys(['groups.>', 'users.bob']))).sort(), [
      'groups.admins',
      'users.bob',
    ]);
    assert.deepEqual(await all(await kv.keys('nothing.>')), []);
  });

  void test('watch: initial values, then live puts and deletes', async (t) => {
    const { kv } = await bucket(t);
    await kv.put('a', '1');
    await kv.put('a', '2');
    await kv.put('b', '1');
    const w = await kv.watch();
    t.after(() => {
      w.stop();
    });
    const take = reader(w);
    assert.deepEqual(await take(2), ['PUT a=2', 'PUT b=1']);
    await kv.put('c', '1');
    await kv.delete('a');
    await kv.purge('b');
    assert.deepEqual(await take(3), ['PUT c=1', 'DEL a=', 'PURGE b=']);

    // A filtered watcher sees its keys only; an empty bucket's watcher only live updates.
    const f = await kv.watch({ key: 'c' });
    t.after(() => {
      f.stop();
    });
    await kv.put('z', 'ignored');
    await kv.put('c', '2');
    assert.deepEqual(await reader(f)(2), ['PUT c=1', 'PUT c=2']);
  });

  void test('watch with include history and updates only, ignoreDeletes', async (t) => {
    const { kv } = await bucket(t);
    await kv.put('a', '1');
    await kv.put('a', '2');
    await kv.delete('a');
    await kv.put('b', '1');

    const hist = await kv.watch({ include: 'history' });
    t.after(() => {
      hist.stop();
    });
    assert.deepEqual(await reader(hist)(4), ['PUT a=1', 'PUT a=2', 'DEL a=', 'PUT b=1']);

    const updates = await kv.watch({ include: 'updates' });
    t.after(() => {
      updates.stop();
    });
    const noDeletes = await kv.watch({ ignoreDeletes: true });
    t.after(() => {
      noDeletes.stop();
    });
    const updated = reader(updates);
    const noDel = reader(noDeletes);
    await kv.put('u', 'new');
    assert.deepEqual(await updated(1), ['PUT u=new']);
    assert.deepEqual(await noDel(2), ['PUT b=1', 'PUT u=new']);
    await kv.delete('u');
    await kv.put('v', 'next');
    assert.deepEqual(await updated(2), ['DEL u=', 'PUT v=next']);
    assert.deepEqual(await noDel(1), ['PUT v=next']);
  });

  void test('list buckets, destroy a bucket', async (t) => {
    const nc = await client(t);
    const kvm = new Kvm(nc);
    const one = await kvm.create('one');
    await kvm.create('two', { history: 2 });
    await one.put('k', 'v');
    const names = (await all(kvm.list())).map((s) => s.bucket).sort();
    assert.deepEqual(names, ['one', 'two']);
    assert.equal(await one.destroy(), true);
    const jsm = await jetstreamManager(nc);
    await assert.rejects(jsm.streams.info('KV_one'), /stream not found/);
    // open() binds without a look-up: the first use fails.
    await assert.rejects((await kvm.open('one')).status(), /stream not found/);
    assert.deepEqual(
      (await all(kvm.list())).map((s) => s.bucket),
      ['two'],
    );
  });

  void test('a file bucket survives a restart', async (t) => {
    const dir = await tempDir('tsnats-kv-restart-');
    t.after(() => dir.remove());
    const first = await startJetStreamServer(t, { storeDir: dir.path });
    const nc1 = await connectV3({ servers: first.url, reconnect: false });
    const kv1 = await new Kvm(nc1).create('durable', { history: 3, storage: StorageType.File });
    await kv1.put('a', '1');
    await kv1.put('a', '2');
    await kv1.put('b', '1');
    await kv1.delete('b');
    await nc1.close();
    await first.link.stop();
    await first.server.shutdown();

    const second = await startJetStreamServer(t, { storeDir: dir.path });
    const nc2 = await client(t, second);
    const kv2 = await new Kvm(nc2).open('durable');
    assert.equal((await kv2.get('a'))?.string(), '2');
    assert.equal((await kv2.get('b'))?.operation, 'DEL');
    assert.equal((await kv2.status()).history, 3);
    assert.deepEqual(await all(await kv2.keys()), ['a']);
    assert.equal(await kv2.put('a', '3'), 5);
    await assert.rejects(kv2.update('a', 'x', 2), /wrong last sequence: 5/);
    assert.deepEqual(
      (await all(await kv2.history({ key: 'a' }))).map((e) => e.string()),
      ['1', '2', '3'],
    );
  });
});

void describe('KV with the nats v2 client', () => {
  void test('js.views.kv round trip', async (t) => {
    const { url } = await startJetStreamServer(t);
    const nc = await connectV2({ servers: url, reconnect: false });
    t.after(() => nc.close());
    const sc = StringCodec();
    const kv = await nc.jetstream().views.kv('v2bucket', { history: 3 });
    assert.equal(await kv.put('k', sc.encode('v1')), 1);
    assert.equal(await kv.put('k', sc.encode('v2')), 2);
    const e = await kv.get('k');
    assert.equal(e && sc.decode(e.value), 'v2');
    assert.equal(e?.revision, 2);
    await assert.rejects(kv.create('k', sc.encode('x')), /wrong last sequence/);
    await kv.delete('k');
    assert.equal((await kv.get('k'))?.operation, 'DEL');
    const keys: string[] = [];
    await kv.put('j', sc.encode('j'));
    for await (const k of await kv.keys()) keys.push(k);
    assert.deepEqual(keys, ['j']);
    const status = await kv.status();
    assert.equal(status.history, 3);
    assert.equal(status.values, 4);
    assert.equal(await kv.destroy(), true);
  });
});
