// DIRECT.GET batches and multi-last gets (nats-server 2.11, ADR-31) through raw
// requests (exact headers and status messages) and the v3 @nats-io/jetstream
// client's jsm.direct.getBatch / getLastMessagesFor.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { jetstreamManager, type JetStreamManager, type StoredMsg } from '@nats-io/jetstream';
import {
  connect,
  createInbox,
  RequestError,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import { startJetStreamServer } from './jetstream-test-support.js';

const encoder = new TextEncoder();

async function setup(
  t: TestContext,
  stream: Record<string, unknown>,
  publishes: readonly string[] = [],
): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const { url } = await startJetStreamServer(t);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  // tsnats says 2.10.22 in INFO; the v3 client gates batch direct gets on 2.11.0.
  (nc as unknown as { features: { set(feature: string, min: string): void } }).features.set(
    'js_batch_direct_get',
    '2.10.0',
  );
  const jsm = await jetstreamManager(nc);
  const created = await nc.request(
    '$JS.API.STREAM.CREATE.' + String(stream.name),
    JSON.stringify(stream),
    {
      timeout: 2000,
    },
  );
  assert.equal(created.json<{ error?: unknown }>().error, undefined);
  for (const subject of publishes) {
    await nc.request(subject, subject, { timeout: 2000 });
  }
  return { nc, jsm };
}

interface Reply {
  status?: string;
  headers: Record<string, string>;
  data: string;
}

function describeMsg(msg: Msg): Reply {
  const headers: Record<string, string> = {};
  let status: string | undefined;
  if (msg.headers !== undefined) {
    for (const [key, values] of msg.headers) headers[key] = values.join(',');
    if (msg.headers.code !== 0) status = `${msg.headers.code} ${msg.headers.description}`;
  }
  return { ...(status === undefined ? {} : { status }), headers, data: msg.string() };
}

/** Every reply to one DIRECT.GET up to and including the first status message. */
async function directGet(nc: NatsConnection, body: unknown, stream = 'S'): Promise<Reply[]> {
  const inbox = createInbox();
  const replies: Reply[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no status reply: ${JSON.stringify(replies)}`));
    }, 2000);
    nc.subscribe(inbox, {
      callback: (_err, msg) => {
        const reply = describeMsg(msg);
        replies.push(reply);
        if (reply.status !== undefined) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await nc.flush();
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  nc.publish(`$JS.API.DIRECT.GET.${stream}`, encoder.encode(payload), { reply: inbox });
  await done;
  return replies;
}

/** [subject, seq, Nats-Num-Pending, Nats-Last-Sequence] of each message, then the status line and its headers. */
function summary(replies: readonly Reply[]): unknown[] {
  return replies.map((r) =>
    r.status === undefined
      ? [
          r.headers['Nats-Subject'],
          Number(r.headers['Nats-Sequence']),
          r.headers['Nats-Num-Pending'],
          r.headers['Nats-Last-Sequence'],
        ]
      : [r.status, r.headers],
  );
}

async function collect(iter: AsyncIterable<StoredMsg>): Promise<[string, number, number][]> {
  const out: [string, number, number][] = [];
  for await (const m of iter) out.push([m.subject, m.seq, m.pending]);
  return out;
}

const DIRECT = { storage: 'memory', allow_direct: true };

void describe('DIRECT.GET batches and multi_last (nats-server 2.11)', () => {
  void test('batch from seq steps over deleted messages; headers and 204 EOB', async (t) => {
    const { nc } = await setup(t, { name: 'S', subjects: ['s.>'], ...DIRECT }, [
      's.a',
      's.b',
      's.c',
      's.d',
      's.e',
    ]);
    const deleted = await nc.request('$JS.API.STREAM.MSG.DELETE.S', '{"seq":3}', { timeout: 2000 });
    assert.equal(deleted.json<{ success: boolean }>().success, true);

    const all = await directGet(nc, { seq: 2, batch: 3 });
    assert.deepEqual(summary(all), [
      ['s.b', 2, '3', '0'],
      ['s.d', 4, '2', '2'],
      ['s.e', 5, '1', '4'],
      ['204 EOB', { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '5' }],
    ]);
    const first = all[0];
    assert.equal(first.headers['Nats-Stream'], 'S');
    assert.match(first.headers['Nats-Time-Stamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(first.data, 's.b');

    assert.deepEqual(summary(await directGet(nc, { seq: 1, batch: 2 })), [
      ['s.a', 1, '4', '0'],
      ['s.b', 2, '3', '1'],
      ['204 EOB', { 'Nats-Num-Pending': '2', 'Nats-Last-Sequence': '2' }],
    ]);
    // Past the end: 404 and no EOB; a batch that runs out ends with EOB.
    assert.deepEqual(summary(await directGet(nc, { seq: 9, batch: 5 })), [
      ['404 Message Not Found', {}],
    ]);
    assert.deepEqual(summary(await directGet(nc, { seq: 5, batch: 5 })), [
      ['s.e', 5, '1', '0'],
      ['204 EOB', { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '5' }],
    ]);
  });

  void test('batch on next_by_subj with a wildcard, max_bytes, start_time', async (t) => {
    const { nc } = await setup(t, { name: 'S', subjects: ['a.>', 'b.>'], ...DIRECT }, [
      'a.1',
      'b.1',
      'a.2',
      'b.2',
      'a.3',
    ]);
    assert.deepEqual(summary(await directGet(nc, { next_by_subj: 'a.*', batch: 10 })), [
      ['a.1', 1, '3', '0'],
      ['a.2', 3, '2', '1'],
      ['a.3', 5, '1', '3'],
      ['204 EOB', { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '5' }],
    ]);
    assert.deepEqual(
      summary(await directGet(nc, { next_by_subj: 'a.*', seq: 2, batch: 10, max_bytes: 1 })),
      [
        ['a.2', 3, '2', '0'],
        ['204 EOB', { 'Nats-Num-Pending': '1', 'Nats-Last-Sequence': '3' }],
      ],
    );
    const third = await directGet(nc, { seq: 3, batch: 1 });
    const stamp = third[0].headers['Nats-Time-Stamp'];
    assert.deepEqual(summary(await directGet(nc, { start_time: stamp, batch: 2 })), [
      ['a.2', 3, '3', '0'],
      ['b.2', 4, '2', '3'],
      ['204 EOB', { 'Nats-Num-Pending': '1', 'Nats-Last-Sequence': '4' }],
    ]);
    // start_time without batch: one message, no batch headers.
    const single = await nc.request('$JS.API.DIRECT.GET.S', JSON.stringify({ start_time: stamp }), {
      timeout: 2000,
    });
    assert.equal(single.headers?.get('Nats-Sequence'), '3');
    assert.equal(single.headers?.has('Nats-Num-Pending'), false);
  });

  void test('multi_last with up_to_seq, up_to_time, seq and batch', async (t) => {
    const { nc } = await setup(t, { name: 'S', subjects: ['kv.>', 'other.>'], ...DIRECT }, [
      'kv.a',
      'kv.b',
      'kv.a',
      'kv.c',
      'other.x',
    ]);
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['kv.*'] })), [
      ['kv.b', 2, '2', '0'],
      ['kv.a', 3, '1', '2'],
      ['kv.c', 4, '0', '3'],
      [
        '204 EOB',
        { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '4', 'Nats-UpTo-Sequence': '5' },
      ],
    ]);
    assert.deepEqual(
      summary(await directGet(nc, { multi_last: ['kv.a', 'other.>'], up_to_seq: 2 })),
      [
        ['kv.a', 1, '0', '0'],
        [
          '204 EOB',
          { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '1', 'Nats-UpTo-Sequence': '2' },
        ],
      ],
    );
    const third = await directGet(nc, { seq: 3, batch: 1 });
    const stamp = third[0].headers['Nats-Time-Stamp'];
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['kv.>'], up_to_time: stamp })), [
      ['kv.a', 1, '1', '0'],
      ['kv.b', 2, '0', '1'],
      [
        '204 EOB',
        { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '2', 'Nats-UpTo-Sequence': '2' },
      ],
    ]);
    // seq is a floor; batch a cap.
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['>'], seq: 3, batch: 2 })), [
      ['kv.a', 3, '2', '0'],
      ['kv.c', 4, '1', '3'],
      [
        '204 EOB',
        { 'Nats-Num-Pending': '0', 'Nats-Last-Sequence': '4', 'Nats-UpTo-Sequence': '5' },
      ],
    ]);
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['none.*'] })), [
      ['404 No Results', {}],
    ]);
    // up_to_time at or before the first message: no results.
    const first = (await directGet(nc, { seq: 1, batch: 1 }))[0].headers['Nats-Time-Stamp'];
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['kv.*'], up_to_time: first })), [
      ['404 No Results', {}],
    ]);
  });

  void test('multi_last over 1024 subjects is 413 Too Many Results', async (t) => {
    const { nc } = await setup(t, { name: 'S', subjects: ['m.>'], ...DIRECT });
    for (let i = 0; i < 1025; i++) nc.publish(`m.${i}`, 'x');
    await nc.request('m.last', 'x', { timeout: 2000 });
    assert.deepEqual(summary(await directGet(nc, { multi_last: ['m.*'] })), [
      ['413 Too Many Results', {}],
    ]);
    const capped = await directGet(nc, { multi_last: ['m.1', 'm.2'] });
    assert.equal(capped.length, 3);
  });

  void test('conflicting and empty requests: 408 as nats-server', async (t) => {
    const { nc } = await setup(t, { name: 'S', subjects: ['s.>'], ...DIRECT }, ['s.a']);
    const cases: [unknown, string][] = [
      [{ batch: 5 }, '408 Empty Request'],
      [{ last_by_subj: 's.a', batch: 2 }, '408 Bad Request'],
      [{ multi_last: ['s.a'], next_by_subj: 's.a' }, '408 Bad Request'],
      [{ multi_last: ['s.a'], last_by_subj: 's.a' }, '408 Bad Request'],
      [{ seq: 1, start_time: '2024-01-01T00:00:00Z' }, '408 Bad Request'],
      [{ start_time: '2024-01-01T00:00:00Z', last_by_subj: 's.a' }, '408 Bad Request'],
      [
        { multi_last: ['s.a'], up_to_seq: 1, up_to_time: '2024-01-01T00:00:00Z' },
        '408 Bad Request',
      ],
      [{ start_time: 'yesterday' }, '408 Malformed Request'],
      [{ multi_last: 's.a' }, '408 Malformed Request'],
    ];
    for (const [body, status] of cases) {
      const replies = await directGet(nc, body);
      assert.deepEqual(
        replies.map((r) => r.status),
        [status],
        JSON.stringify(body),
      );
    }
  });

  void test('v3 client: getBatch and getLastMessagesFor', async (t) => {
    const { jsm } = await setup(t, { name: 'KV', subjects: ['kv.>'], ...DIRECT }, [
      'kv.a',
      'kv.b',
      'kv.a',
      'kv.c',
    ]);
    assert.deepEqual(await collect(await jsm.direct.getBatch('KV', { seq: 2, batch: 2 })), [
      ['kv.b', 2, 3],
      ['kv.a', 3, 2],
    ]);
    assert.deepEqual(
      await collect(await jsm.direct.getBatch('KV', { seq: 1, next_by_subj: 'kv.a' })),
      [
        ['kv.a', 1, 2],
        ['kv.a', 3, 1],
      ],
    );
    assert.deepEqual(
      await collect(await jsm.direct.getBatch('KV', { start_time: new Date(0), batch: 10 })),
      [
        ['kv.a', 1, 4],
        ['kv.b', 2, 3],
        ['kv.a', 3, 2],
        ['kv.c', 4, 1],
      ],
    );
    assert.deepEqual(
      await collect(await jsm.direct.getLastMessagesFor('KV', { multi_last: ['kv.a', 'kv.b'] })),
      [
        ['kv.b', 2, 1],
        ['kv.a', 3, 0],
      ],
    );
    const msg = await jsm.direct.getMessage('KV', { last_by_subj: 'kv.a' });
    assert.equal(msg?.seq, 3);
  });

  void test('a stream without allow_direct does not answer: 503 no responders', async (t) => {
    const { nc } = await setup(t, { name: 'N', subjects: ['n.>'], storage: 'memory' }, ['n.a']);
    const started = Date.now();
    await assert.rejects(
      nc.request('$JS.API.DIRECT.GET.N', '{"seq":1}', { timeout: 2000 }),
      (error: unknown) => error instanceof RequestError && error.isNoResponders(),
    );
    await assert.rejects(
      nc.request('$JS.API.DIRECT.GET.N.n.a', undefined, { timeout: 2000 }),
      (error: unknown) => error instanceof RequestError && error.isNoResponders(),
    );
    assert.ok(Date.now() - started < 1000);
  });
});
