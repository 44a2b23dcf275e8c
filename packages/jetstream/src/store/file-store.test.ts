import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tempDir } from '@tsnats/testkit';
import { ManualClock } from './clock.js';
import { runStreamStoreConformance } from './conformance.js';
import { FileStore, type FileStoreOptions } from './file-store.js';
import { crc32, crc32Table, fileMessageSize } from './file-store-format.js';
import { checkAgainstModel, randomScenario, seededRandom } from './model.js';
import type { StoreConfig, StreamStore } from './types.js';

const root = await tempDir('tsnats-filestore-');
after(() => root.remove());

const quiet = { warn: () => undefined };

runStreamStoreConformance('FileStore', (config, { clock }) =>
  FileStore.open(join(root.path, 'conformance'), config, { clock, logger: quiet }),
);

// Tiny blocks: every few records roll a block, so block removal and the BASE
// records that keep the bounds of dropped blocks are exercised on every scenario.
runStreamStoreConformance(
  'FileStore, 256-byte blocks',
  (config, { clock }) =>
    FileStore.open(join(root.path, 'tiny'), config, { clock, blockSize: 256, logger: quiet }),
  { modelRuns: 10 },
);

/**
 * A store that stops and reopens its FileStore after every mutation, so the
 * model check runs against state recovered from disk each step: from the index
 * snapshot, or with `replay` from the records.
 */
function reopening(
  dir: string,
  config: StoreConfig,
  options: FileStoreOptions,
  replay: boolean,
): StreamStore {
  let inner: FileStore | undefined;
  let handler: Parameters<StreamStore['registerStorageUpdates']>[0];
  const current = async (): Promise<FileStore> => {
    // Without the index snapshot the stop left, the open replays every record.
    if (replay && inner === undefined) fs.rmSync(join(dir, 'R', 'index.snap'), { force: true });
    inner ??= await FileStore.open(dir, config, options);
    inner.registerStorageUpdates(handler);
    return inner;
  };
  const mutate =
    <A extends unknown[], R>(call: (s: FileStore, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const store = await current();
      try {
        return await call(store, ...args);
      } finally {
        await store.stop();
        inner = undefined;
      }
    };
  const read =
    <A extends unknown[], R>(call: (s: FileStore, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      call(await current(), ...args);
  return {
    storage: 'file',
    append: mutate((s, subject: string, h: Uint8Array | undefined, d: Uint8Array) =>
      s.append(subject, h, d),
    ),
    skip: mutate((s) => s.skip()),
    skipMany: mutate((s, seq: number, n: number) => s.skipMany(seq, n)),
    remove: mutate((s, seq: number) => s.remove(seq)),
    erase: mutate((s, seq: number) => s.erase(seq)),
    purge: mutate((s, r?: Parameters<StreamStore['purge']>[0]) => s.purge(r)),
    compact: mutate((s, seq: number) => s.compact(seq)),
    truncate: mutate((s, seq: number) => s.truncate(seq)),
    updateConfig: mutate((s, c: StoreConfig) => s.updateConfig(c)),
    load: read((s, seq: number) => s.load(seq)),
    loadNext: read((s, f: string | readonly string[], start: number) => s.loadNext(f, start)),
    loadLast: read((s, f: string) => s.loadLast(f)),
    seqFromTime: read((s, t: bigint) => s.seqFromTime(t)),
    filteredState: read((s, seq: number, f: string) => s.filteredState(seq, f)),
    subjectsState: read((s, f: string) => s.subjectsState(f)),
    subjectsTotals: read((s, f: string) => s.subjectsTotals(f)),
    numPending: read((s, seq: number, f: string, l: boolean) => s.numPending(seq, f, l)),
    multiLastSeqs: read((s, f: readonly string[], m: number, a: number) =>
      s.multiLastSeqs(f, m, a),
    ),
    state: read((s, o?: { deleted?: boolean }) => s.state(o)),
    consumerStore: read((s, n: string, c: object) => s.consumerStore(n, c)),
    registerStorageUpdates(h) {
      handler = h;
      inner?.registerStorageUpdates(h);
    },
    stop: async () => inner?.stop(),
    delete: async () => (inner ?? (await current())).delete(),
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

async function openAt(
  path: string,
  config: Partial<StoreConfig> = {},
  options: FileStoreOptions = {},
): Promise<FileStore> {
  return FileStore.open(
    path,
    { name: 'S', ...config },
    { clock: new ManualClock(), logger: quiet, ...options },
  );
}

void describe('FileStore', () => {
  void test('matches the model when reopened after every operation', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const replay = seed > 12;
      const { config, ops } = randomScenario(seededRandom(((seed - 1) % 12) + 1), 40);
      const dir = join(root.path, `reopen-${seed}`);
      const options = {
        clock: new ManualClock(),
        blockSize: seed % 2 === 0 ? 200 : 8192,
        logger: quiet,
      };
      const store = reopening(dir, { name: 'R', ...config }, options, replay);
      try {
        await checkAgainstModel(store, config, ops);
      } catch (err) {
        if (err instanceof Error) {
          err.message = `seed ${seed} (${replay ? 'replay' : 'snapshot'}): ${err.message}`;
        }
        throw err;
      } finally {
        await store.delete();
      }
    }
  });

  void test('reopens with the same state, messages and headers', async () => {
    const dir = join(root.path, 'restart');
    let store = await openAt(dir, {}, { blockSize: 1024 });
    for (let i = 0; i < 100; i++) {
      await store.append(
        `foo.${i % 7}`,
        i % 2 === 0 ? enc.encode(`NATS/1.0\r\nI: ${i}\r\n\r\n`) : undefined,
        enc.encode(`msg-${i}`),
      );
    }
    await store.skip();
    const before = await store.state({ deleted: true });
    assert.ok(store.blockCount > 1, 'rolled blocks');
    await store.stop();
    store = await openAt(dir, {}, { blockSize: 1024 });
    assert.deepEqual(await store.state({ deleted: true }), before);
    for (let i = 0; i < 100; i++) {
      const m = await store.load(i + 1);
      assert.equal(m.subject, `foo.${i % 7}`);
      assert.equal(dec.decode(m.data), `msg-${i}`);
      assert.equal(
        m.headers === undefined ? undefined : dec.decode(m.headers),
        i % 2 === 0 ? `NATS/1.0\r\nI: ${i}\r\n\r\n` : undefined,
      );
    }
    assert.equal((await store.append('bar', undefined, enc.encode('x'))).seq, 102);
    await store.delete();
    assert.equal(fs.existsSync(join(dir, 'S')), false, 'delete removes the directory');
  });

  void test('keeps removals, erasures, purges and consumer state across a restart', async () => {
    const dir = root.path;
    let store = await openAt(dir, { name: 'R2' });
    for (let i = 0; i < 10; i++) await store.append(`s.${i % 3}`, undefined, enc.encode(`m${i}`));
    assert.equal(await store.remove(4), true);
    assert.equal(await store.erase(5), true);
    assert.equal(await store.purge({ subject: 's.2' }), 3);
    const consumer = await store.consumerStore('dur', { ack_policy: 'explicit' });
    await consumer.updateDelivered(1, 1, 1, 5n);
    await consumer.updateDelivered(2, 2, 2, 6n);
    const consumerState = await consumer.state();
    await consumer.stop();
    const before = await store.state({ deleted: true });
    await store.stop();
    // The erased payload is gone from the files, not only hidden.
    const blocks = fs.readdirSync(join(dir, 'R2')).filter((f) => f.endsWith('.blk'));
    const raw = Buffer.concat(blocks.map((f) => fs.readFileSync(join(dir, 'R2', f))));
    assert.equal(raw.includes('m4'), false, 'erased (seq 5)');
    assert.equal(raw.includes('m3'), true, 'removed only (seq 4)');
    store = await openAt(dir, { name: 'R2' });
    assert.deepEqual(await store.state({ deleted: true }), before);
    await assert.rejects(store.load(5), /no message found/);
    const again = await store.consumerStore('dur', { ack_policy: 'explicit' });
    assert.deepEqual(await again.state(), consumerState);
    assert.equal(await again.hasState(), true);
    await store.delete();
  });

  void test('purge and compact delete whole blocks, and the bounds survive', async () => {
    const dir = join(root.path, 'blocks');
    let store = await openAt(dir, {}, { blockSize: 512 });
    for (let i = 0; i < 200; i++) await store.append('a', undefined, new Uint8Array(40));
    const many = store.blockCount;
    assert.ok(many > 10);
    assert.equal(await store.compact(150), 149);
    assert.ok(store.blockCount < many / 2, `${store.blockCount} of ${many} blocks left`);
    assert.equal(await store.purge(), 51);
    assert.equal(store.blockCount, 1);
    await store.stop();
    store = await openAt(dir, {}, { blockSize: 512 });
    const state = await store.state();
    assert.deepEqual([state.messages, state.first_seq, state.last_seq], [0, 201, 200]);
    assert.equal((await store.append('a', undefined, new Uint8Array(1))).seq, 201);
    await store.delete();
  });

  void test('applies a changed config and first_seq on open', async () => {
    const dir = join(root.path, 'config');
    let store = await openAt(dir, { first_seq: 100 });
    for (let i = 0; i < 10; i++) await store.append('a', undefined, new Uint8Array(1));
    await store.stop();
    store = await openAt(dir, { max_msgs: 4, first_seq: 1 });
    const state = await store.state();
    assert.deepEqual([state.messages, state.first_seq, state.last_seq], [4, 106, 109]);
    await store.delete();
  });

  void test('cuts a torn last record and keeps the messages before it', async () => {
    const dir = join(root.path, 'torn');
    const warnings: string[] = [];
    let store = await openAt(dir);
    for (let i = 0; i < 20; i++)
      await store.append(`t.${i}`, undefined, enc.encode(`payload-${i}`));
    await store.stop();
    const block = join(dir, 'S', '1.blk');
    const size = fs.statSync(block).size;
    fs.truncateSync(block, size - 7); // the middle of the last record
    store = await openAt(dir, {}, { logger: { warn: (m) => warnings.push(m) } });
    let state = await store.state();
    assert.deepEqual([state.messages, state.first_seq, state.last_seq], [19, 1, 19]);
    assert.equal(state.lost, undefined, 'an unacknowledged torn write is not reported lost');
    assert.equal(warnings.length, 1);
    assert.equal(dec.decode((await store.load(19)).data), 'payload-18');
    assert.equal((await store.append('t.again', undefined, enc.encode('new'))).seq, 20);
    await store.stop();
    // Garbage after the last record (a bad checksum) is cut too.
    fs.appendFileSync(block, Buffer.from([40, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    store = await openAt(dir, {}, { logger: quiet });
    state = await store.state();
    assert.deepEqual([state.messages, state.last_seq], [20, 20]);
    assert.equal(dec.decode((await store.load(20)).data), 'new');
    await store.delete();
  });

  void test('counts file bytes as nats-server and reads a write from the same turn', async () => {
    const store = await openAt(join(root.path, 'misc'));
    const pending = store.append('foo', enc.encode('name:derek'), enc.encode('Hello World'));
    const loaded = store.load(1);
    assert.equal(dec.decode((await loaded).data), 'Hello World');
    await pending;
    assert.equal((await store.state()).bytes, fileMessageSize(3, 10, 11));
    assert.equal(fileMessageSize(3, 10, 11), 22 + 3 + 4 + 10 + 11 + 8);
    await store.delete();
  });

  void test('zlib crc32 and the fallback table agree', () => {
    const data = enc.encode('The quick brown fox jumps over the lazy dog');
    assert.equal(crc32(data), 0x414fa339);
    assert.equal(crc32Table(data), 0x414fa339);
  });
});

void test('the creation time is kept in meta.json across a reopen and a config update', async () => {
  const config: StoreConfig = { name: 'CREATED', subjects: ['c.>'] };
  const first = await FileStore.open(root.path, config, { logger: quiet });
  assert.equal(first.keepCreated(123n), 123n);
  assert.equal(first.keepCreated(456n), 123n);
  await first.stop();
  const second = await FileStore.open(root.path, config, { logger: quiet });
  assert.equal(second.keepCreated(789n), 123n);
  await second.updateConfig({ ...config, max_msgs: 10 });
  await second.stop();
  const meta = JSON.parse(fs.readFileSync(join(root.path, 'CREATED', 'meta.json'), 'utf8')) as {
    created?: string;
    max_msgs?: number;
  };
  assert.equal(meta.created, '123');
  assert.equal(meta.max_msgs, 10);
  const third = await FileStore.open(root.path, config, { logger: quiet });
  assert.equal(third.keepCreated(0n), 123n);
  await third.delete();
});
