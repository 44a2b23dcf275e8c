// Publishes captured in one turn are stored as one batch (Stream's #processBatch):
// the acks, the stored messages and the state must be exactly those of the same
// publishes captured one at a time, on both stores; a batch's acks resolve
// together, in order; other work queued between captures splits the batch.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { StreamConfig } from '../api/types.js';
import { FileStore } from '../store/file-store.js';
import { MemoryStore } from '../store/memory-store.js';
import type { StoreConfig, StreamStore, SyncAppend } from '../store/types.js';
import { silentJetStreamLogger, type HostMessage } from './host.js';
import { Stream } from './stream.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const dir = mkdtempSync(join(tmpdir(), 'stream-batch-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;

type Factory = (config: StoreConfig) => Promise<StreamStore>;

const factories: [string, Factory][] = [
  ['MemoryStore', (config) => Promise.resolve(new MemoryStore(config))],
  ['FileStore', (config) => FileStore.open(dir, config)],
];

interface Pub {
  readonly subject?: string;
  readonly data?: string;
  readonly headers?: Record<string, string>;
}

function message(pub: Pub): HostMessage {
  const headers =
    pub.headers === undefined
      ? undefined
      : encoder.encode(
          'NATS/1.0\r\n' +
            Object.entries(pub.headers)
              .map(([k, v]) => `${k}: ${v}\r\n`)
              .join('') +
            '\r\n',
        );
  return {
    subject: pub.subject ?? 'b.x',
    reply: '_INBOX.1',
    headers,
    payload: encoder.encode(pub.data ?? 'x'),
  };
}

async function newStream(
  factory: Factory,
  extra: Partial<StreamConfig> = {},
  wrap: (store: StreamStore) => StreamStore = (s) => s,
): Promise<{ stream: Stream; appended: number[] }> {
  const config = {
    name: `B${process.pid}_${++counter}`,
    subjects: ['b.>'],
    storage: 'memory',
    retention: 'limits',
    duplicate_window: 120_000_000_000,
    ...extra,
  } as StreamConfig;
  const store = wrap(await factory(config));
  const appended: number[] = [];
  const stream = new Stream(
    config,
    store,
    {
      domain: '',
      now: () => BigInt(Date.now()) * 1_000_000n,
      logger: silentJetStreamLogger,
      consumerCount: () => 0,
      appended: (_stream, seq) => appended.push(seq),
    },
    0,
    0n,
  );
  return { stream, appended };
}

async function summary(stream: Stream): Promise<string> {
  const state = await stream.store.state({ deleted: true });
  const msgs: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const m = await stream.getMessage({ seq });
    if (m !== undefined) msgs.push(`${m.seq}:${m.subject}:${decoder.decode(m.data)}`);
  }
  return JSON.stringify({ ...state, first_ts: 0, last_ts: 0, msgs });
}

/** The acks and final state of `pubs` captured in one turn and captured one at a time. */
async function both(
  factory: Factory,
  pubs: readonly Pub[],
  extra: Partial<StreamConfig> = {},
): Promise<{ batched: (string | undefined)[]; serial: (string | undefined)[] }> {
  const a = await newStream(factory, extra);
  const named = (ack: string | undefined, name: string): string | undefined =>
    ack?.replaceAll(`"${name}"`, '"S"');
  const batched = (await Promise.all(pubs.map((p) => a.stream.capture(message(p))))).map((x) =>
    named(x, a.stream.name),
  );
  const b = await newStream(factory, extra);
  const serial: (string | undefined)[] = [];
  for (const p of pubs) serial.push(named(await b.stream.capture(message(p)), b.stream.name));
  assert.deepEqual(batched, serial);
  assert.equal(await summary(a.stream), await summary(b.stream));
  assert.deepEqual(a.appended, b.appended);
  await a.stream.close(true);
  await b.stream.close(true);
  return { batched, serial };
}

const ack = (name: string, seq: number): string => `{"stream":"${name}", "seq":${seq}}`;

for (const [storeName, factory] of factories) {
  void describe(`stream batches: ${storeName}`, () => {
    void test('acks in order with rising sequences, resolved together', async () => {
      const { stream, appended } = await newStream(factory);
      const order: number[] = [];
      const acks = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stream.capture(message({ data: String(i) })).then((a) => {
            order.push(i);
            return a;
          }),
        ),
      );
      assert.deepEqual(
        acks,
        Array.from({ length: 50 }, (_, i) => ack(stream.name, i + 1)),
      );
      assert.deepEqual(
        order,
        Array.from({ length: 50 }, (_, i) => i),
      );
      assert.deepEqual(
        appended,
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      await stream.close(true);
    });

    void test('a msg id repeated within a batch is a duplicate', async () => {
      const { batched } = await both(factory, [
        { headers: { 'Nats-Msg-Id': 'a' } },
        { headers: { 'Nats-Msg-Id': 'b' } },
        { headers: { 'Nats-Msg-Id': 'a' } },
        {},
        { headers: { 'Nats-Msg-Id': 'b' } },
      ]);
      assert.match(batched[2] ?? '', /"seq":1,"duplicate": true}$/);
      assert.match(batched[4] ?? '', /"seq":2,"duplicate": true}$/);
      assert.match(batched[3] ?? '', /"seq":3}$/);
    });

    void test('expected last sequence and msg id see the earlier messages of the batch', async () => {
      const { batched } = await both(factory, [
        {},
        { headers: { 'Nats-Expected-Last-Sequence': '1', 'Nats-Msg-Id': 'm2' } },
        { headers: { 'Nats-Expected-Last-Sequence': '1' } },
        { headers: { 'Nats-Expected-Last-Msg-Id': 'm2' } },
        { headers: { 'Nats-Expected-Last-Msg-Id': 'm2' } },
        { headers: { 'Nats-Expected-Stream': 'other' } },
      ]);
      assert.match(batched[1] ?? '', /"seq":2}$/);
      assert.match(batched[2] ?? '', /wrong last sequence: 2/);
      assert.match(batched[3] ?? '', /"seq":3}$/);
      assert.match(batched[4] ?? '', /wrong last msg ID: /);
      assert.match(batched[5] ?? '', /"err_code":10060/);
    });

    void test('limits and discard policies apply message by message', async () => {
      const pubs = Array.from({ length: 6 }, (_, i) => ({ subject: `b.${i % 2}`, data: `${i}` }));
      const refused = await both(factory, pubs, { max_msgs: 3, discard: 'new' });
      assert.equal(refused.batched.filter((a) => a?.includes('"error"')).length, 3);
      await both(factory, pubs, { max_msgs: 3, discard: 'old' });
      await both(factory, pubs, { max_msgs_per_subject: 1, discard: 'old' });
      await both(factory, pubs, {
        max_msgs_per_subject: 1,
        discard: 'new',
        discard_new_per_subject: true,
      });
      await both(factory, [{ data: 'x'.repeat(20) }, { data: 'y' }], { max_msg_size: 10 });
    });

    void test('messages needing the store (last subject seq, rollup) keep their place', async () => {
      const { batched } = await both(
        factory,
        [
          { subject: 'b.a' },
          { subject: 'b.b' },
          { subject: 'b.a', headers: { 'Nats-Expected-Last-Subject-Sequence': '1' } },
          { subject: 'b.a', headers: { 'Nats-Expected-Last-Subject-Sequence': '1' } },
          { subject: 'b.b', headers: { 'Nats-Msg-Id': 'r' } },
          { subject: 'b.b', headers: { 'Nats-Rollup': 'sub' } },
          { subject: 'b.b', headers: { 'Nats-Msg-Id': 'r' } },
          { subject: 'b.c', headers: { 'Nats-Expected-Last-Sequence': '5' } },
          { subject: 'b.c', headers: { 'Nats-Rollup': 'bogus' } },
        ],
        { allow_rollup_hdrs: true },
      );
      assert.match(batched[2] ?? '', /"seq":3}$/);
      assert.match(batched[3] ?? '', /wrong last sequence: 3/);
      assert.match(batched[5] ?? '', /"seq":5}$/);
      assert.match(batched[6] ?? '', /"seq":4,"duplicate": true}$/);
      assert.match(batched[7] ?? '', /"seq":6}$/);
      assert.equal(batched[8], undefined);
    });

    void test('interest retention without consumers and sealed streams', async () => {
      await both(
        factory,
        [{}, { headers: { 'Nats-Msg-Id': 'i' } }, { headers: { 'Nats-Msg-Id': 'i' } }],
        {
          retention: 'interest',
        },
      );
      await both(factory, [{}, {}], { sealed: true });
    });

    void test('a purge between captures of one turn splits the batch', async () => {
      const { stream } = await newStream(factory);
      const first = [stream.capture(message({})), stream.capture(message({}))];
      const purged = stream.purge({});
      const last = stream.capture(message({ data: 'after' }));
      assert.deepEqual(await Promise.all(first), [ack(stream.name, 1), ack(stream.name, 2)]);
      assert.equal(await purged, 2);
      assert.equal(await last, ack(stream.name, 3));
      const state = await stream.store.state();
      assert.deepEqual([state.messages, state.first_seq, state.last_seq], [1, 3, 3]);
      await stream.close(true);
    });

    void test('captures after close get no reply', async () => {
      const { stream } = await newStream(factory);
      const before = stream.capture(message({}));
      const closed = stream.close(true);
      const afterClose = stream.capture(message({}));
      assert.equal(await before, ack(stream.name, 1));
      await closed;
      assert.equal(await afterClose, undefined);
    });
  });
}

/** `store` with some methods replaced (the others keep `store` as their receiver). */
function override(store: StreamStore, methods: Partial<StreamStore>): StreamStore {
  return new Proxy(store, {
    get: (target, key: keyof StreamStore) => {
      if (key in methods) return methods[key];
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

void test('a failed batch commit turns its stored messages into store-failed acks', async () => {
  let failures = 1;
  const failing = (store: StreamStore): StreamStore =>
    override(store, {
      // Stores, then loses the answer (a connection dropped after the write).
      appendBatch: async <T>(fn: (append: SyncAppend) => T): Promise<T> => {
        const result = (await store.appendBatch?.(fn)) as T;
        if (failures-- > 0) throw new Error('disk on fire');
        return result;
      },
    });
  const { stream, appended } = await newStream(factories[0][1], { max_msg_size: 100 }, failing);
  const acks = await Promise.all([
    stream.capture(message({ headers: { 'Nats-Msg-Id': 'a' } })),
    stream.capture(message({ data: 'x'.repeat(200) })),
    stream.capture(message({ headers: { 'Nats-Msg-Id': 'a' } })),
  ]);
  assert.match(acks[0] ?? '', /"err_code":10077,"description":"disk on fire"/);
  assert.match(acks[1] ?? '', /"err_code":10054/);
  assert.match(acks[2] ?? '', /"err_code":10077,"description":"disk on fire"/);
  assert.deepEqual(appended, []);

  // The publisher tries again: the stream first reads back what the failed
  // write stored, so the retry is a duplicate and consumers hear of seq 1.
  const retry = await Promise.all([
    stream.capture(message({ headers: { 'Nats-Msg-Id': 'a' } })),
    stream.capture(message({ headers: { 'Nats-Msg-Id': 'b' } })),
    stream.capture(message({ headers: { 'Nats-Expected-Last-Msg-Id': 'b' } })),
  ]);
  assert.deepEqual(retry, [
    `{"stream":"${stream.name}", "seq":1,"duplicate": true}`,
    ack(stream.name, 2),
    ack(stream.name, 3),
  ]);
  assert.deepEqual(appended, [1, 2, 3]);
  assert.equal((await stream.store.state()).messages, 3);
});

void test('a failed write whose store cannot be read fails publishes until it can', async () => {
  let down = true;
  const flaky = (store: StreamStore): StreamStore =>
    override(store, {
      appendBatch: async <T>(fn: (append: SyncAppend) => T): Promise<T> => {
        if (down) throw new Error('connection lost');
        return (await store.appendBatch?.(fn)) as T;
      },
      state: (options?: { deleted?: boolean }) =>
        down ? Promise.reject(new Error('connection lost')) : store.state(options),
    });
  const { stream } = await newStream(factories[0][1], {}, flaky);
  assert.match((await stream.capture(message({}))) ?? '', /"description":"connection lost"/);
  assert.match((await stream.capture(message({}))) ?? '', /"description":"connection lost"/);
  down = false;
  assert.equal(await stream.capture(message({})), ack(stream.name, 1));
});
