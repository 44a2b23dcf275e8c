// The object store as users use it through the official clients (v3
// @nats-io/obj, and the nats v2 client's js.views.os): chunks on
// $O.<bucket>.C.<nuid>, the info as a rollup on $O.<bucket>.M.<name>, reads
// through ordered consumers and DIRECT.GET last-by-subject.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test, type TestContext } from 'node:test';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { connect as connectV3, type NatsConnection } from '@nats-io/transport-node';
import { connect as connectV2 } from 'nats';
import { startJetStreamServer } from './jetstream-test-support.js';

async function client(t: TestContext): Promise<NatsConnection> {
  const { url } = await startJetStreamServer(t);
  const nc = await connectV3({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return nc;
}

async function store(
  t: TestContext,
  name = 'files',
): Promise<{ nc: NatsConnection; os: ObjectStore }> {
  const nc = await client(t);
  const os = await new Objm(nc).create(name, { description: 'test files' });
  return { nc, os };
}

/** Deterministic bytes (not all alike, so a misplaced chunk shows). */
function bytes(size: number): Uint8Array {
  const data = new Uint8Array(size);
  let x = 7;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return data;
}

/** `data` as a stream of `piece`-byte reads. */
function streamOf(data: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.length) {
        controller.close();
        return;
      }
      controller.enqueue(data.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

async function readAll(rs: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of rs) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

/** Compares bytes without printing a megabyte when they differ. */
function sameBytes(actual: Uint8Array | null, expected: Uint8Array): void {
  assert.ok(actual !== null, 'no data');
  assert.equal(actual.length, expected.length);
  assert.ok(Buffer.from(actual).equals(Buffer.from(expected)), 'the bytes differ');
}

/** The object store's digest: SHA-256 in padded base64url. */
const digest = (data: Uint8Array): string =>
  `SHA-256=${createHash('sha256').update(data).digest('base64').replaceAll('+', '-').replaceAll('/', '_')}`;

void describe('object store with the v3 client', () => {
  void test('put a 1 MB stream in chunks, get it back, info and digest', async (t) => {
    const { nc, os } = await store(t);
    const data = bytes(1024 * 1024 + 1000);
    const info = await os.put(
      { name: 'big.bin', description: 'a big one', metadata: { kind: 'blob' } },
      streamOf(data, 50_000),
    );
    assert.equal(info.name, 'big.bin');
    assert.equal(info.bucket, 'files');
    assert.equal(info.size, data.length);
    assert.equal(info.chunks, Math.ceil(data.length / (128 * 1024)));
    assert.equal(info.deleted, false);
    assert.equal(info.description, 'a big one');
    assert.deepEqual(info.metadata, { kind: 'blob' });
    assert.equal(info.digest, digest(data));

    const got = await os.get('big.bin');
    assert.ok(got);
    sameBytes(await readAll(got.data), data);
    assert.equal((await got.error) ?? null, null);
    assert.equal(got.info.digest, info.digest);

    const again = await os.info('big.bin');
    assert.equal(again?.size, data.length);
    assert.equal(again?.nuid, info.nuid);
    assert.equal(again?.revision, info.revision);
    assert.equal(await os.info('missing'), null);
    assert.equal(await os.get('missing'), null);

    // The stream behind it: one message per chunk plus the info.
    const jsm = await jetstreamManager(nc);
    const si = await jsm.streams.info('OBJ_files');
    assert.deepEqual(si.config.subjects, ['$O.files.C.>', '$O.files.M.>']);
    assert.equal(si.config.allow_rollup_hdrs, true);
    assert.equal(si.config.allow_direct, true);
    assert.equal(si.state.messages, info.chunks + 1);
  });

  void test('putBlob/getBlob, replace, list, delete', async (t) => {
    const { nc, os } = await store(t);
    const a = bytes(300_000);
    await os.putBlob({ name: 'a' }, a);
    await os.putBlob({ name: 'b' }, new TextEncoder().encode('hello'));
    await os.putBlob({ name: 'empty' }, new Uint8Array(0));
    sameBytes(await os.getBlob('a'), a);
    assert.equal(new TextDecoder().decode((await os.getBlob('b')) ?? new Uint8Array()), 'hello');
    assert.deepEqual(await os.getBlob('empty'), new Uint8Array(0));
    assert.equal(await os.getBlob('missing'), null);

    // Putting a name again replaces it, and its old chunks go.
    const a2 = bytes(10_000);
    await os.putBlob({ name: 'a' }, a2);
    sameBytes(await os.getBlob('a'), a2);
    const jsm = await jetstreamManager(nc);
    assert.equal((await jsm.streams.info('OBJ_files')).state.messages, 3 + 1 + 1);

    const names = (await os.list()).map((i) => i.name).sort();
    assert.deepEqual(names, ['a', 'b', 'empty']);

    await os.delete('b');
    assert.equal(await os.get('b'), null);
    assert.equal(await os.getBlob('b'), null);
    const deleted = await os.info('b');
    assert.equal(deleted?.deleted, true);
    assert.equal(deleted?.size, 0);
    assert.deepEqual((await os.list()).map((i) => i.name).sort(), ['a', 'empty']);
  });

  void test('update meta, links, watch', async (t) => {
    const { os } = await store(t);
    await os.putBlob({ name: 'doc', description: 'first' }, new TextEncoder().encode('content'));
    await os.update('doc', { description: 'second', metadata: { v: '2' } });
    const info = await os.info('doc');
    assert.equal(info?.description, 'second');
    assert.deepEqual(info?.metadata, { v: '2' });

    // A rename keeps the content.
    await os.update('doc', { name: 'renamed' });
    assert.equal(await os.info('doc'), null);
    assert.equal(
      new TextDecoder().decode((await os.getBlob('renamed')) ?? new Uint8Array()),
      'content',
    );

    // A link to an object reads the object.
    const target = await os.info('renamed');
    assert.ok(target);
    const link = await os.link('alias', target);
    assert.deepEqual(link.options?.link, { bucket: 'files', name: 'renamed' });
    assert.equal(
      new TextDecoder().decode((await os.getBlob('alias')) ?? new Uint8Array()),
      'content',
    );

    // Without includeHistory the v3 client's watch sees new entries only.
    const w = await os.watch({ includeHistory: true });
    t.after(() => {
      w.stop();
    });
    const it = w[Symbol.asyncIterator]();
    const seen: string[] = [];
    const next = async (): Promise<void> => {
      const r = await it.next();
      if (r.done !== true) seen.push(`${r.value.name}${r.value.deleted ? ' deleted' : ''}`);
    };
    await next();
    await next();
    assert.deepEqual(seen.sort(), ['alias', 'renamed']);
    await os.putBlob({ name: 'new' }, new Uint8Array([1, 2, 3]));
    await next();
    await os.delete('new');
    await next();
    assert.deepEqual(seen.slice(2), ['new', 'new deleted']);
  });

  void test('status, seal, destroy', async (t) => {
    const { nc, os } = await store(t);
    await os.putBlob({ name: 'x' }, bytes(1000));
    const status = await os.status();
    assert.equal(status.bucket, 'files');
    assert.equal(status.description, 'test files');
    assert.equal(status.sealed, false);
    assert.equal(status.storage, StorageType.File);
    assert.equal(status.backingStore, 'JetStream');
    assert.ok(status.size > 1000);

    const sealed = await os.seal();
    assert.equal(sealed.sealed, true);
    assert.equal((await os.status()).sealed, true);
    await assert.rejects(os.putBlob({ name: 'y' }, bytes(10)), /sealed/);
    sameBytes(await os.getBlob('x'), bytes(1000));

    const objm = new Objm(nc);
    await objm.create('other');
    const buckets: string[] = [];
    for await (const s of objm.list()) buckets.push(s.bucket);
    assert.deepEqual(buckets.sort(), ['files', 'other']);

    assert.equal(await os.destroy(), true);
    const jsm = await jetstreamManager(nc);
    await assert.rejects(jsm.streams.info('OBJ_files'), /stream not found/);
    await assert.rejects(objm.open('files'), /object store not found/);
  });
});

void describe('object store with the nats v2 client', () => {
  void test('js.views.os round trip', async (t) => {
    const { url } = await startJetStreamServer(t);
    const nc = await connectV2({ servers: url, reconnect: false });
    t.after(() => nc.close());
    const os = await nc.jetstream().views.os('v2files');
    const data = bytes(200_000);
    const info = await os.put({ name: 'f' }, streamOf(data, 30_000));
    assert.equal(info.size, data.length);
    assert.equal(info.digest, digest(data));
    const got = await os.get('f');
    assert.ok(got);
    sameBytes(await readAll(got.data), data);
    assert.equal((await got.error) ?? null, null);
    assert.deepEqual(
      (await os.list()).map((i) => i.name),
      ['f'],
    );
    await os.delete('f');
    assert.equal(await os.get('f'), null);
    assert.equal((await os.status()).bucket, 'v2files');
    assert.equal(await os.destroy(), true);
  });
});
