// The stream half of $JS.API through the `nats` v2 client and as raw requests:
// nats-server's JSON shapes, error codes and status messages.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { silentLogger } from '@tsnats/server';
import { connect, headers, StringCodec, type NatsConnection } from 'nats';
import { monitorApp, serverJetStream } from '@tsnats/admin';
import { startJetStreamServer } from './jetstream-test-support.js';

const sc = StringCodec();

async function client(t: TestContext): Promise<NatsConnection> {
  const { url } = await startJetStreamServer(t);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return nc;
}

async function api(
  nc: NatsConnection,
  subject: string,
  body = '',
): Promise<Record<string, unknown>> {
  const reply = await nc.request(subject, sc.encode(body), { timeout: 2000 });
  return JSON.parse(sc.decode(reply.data)) as Record<string, unknown>;
}

void describe('JetStream API with the nats v2 client', () => {
  void test('INFO says jetstream: true; /healthz is ok while JetStream runs', async (t) => {
    const { url, server } = await startJetStreamServer(t);
    const nc = await connect({ servers: url, reconnect: false });
    t.after(() => nc.close());
    assert.equal(nc.info?.jetstream, true);
    const jetstream = serverJetStream(server, () => true);
    const app = await monitorApp({ server, logger: silentLogger, jetstream });
    t.after(() => app.close());
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.body, '{"status":"ok"}');
  });

  void test('jetstreamManager: streams, publish, get, purge, delete', async (t) => {
    const nc = await client(t);
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.add({
      name: 'V2',
      subjects: ['v2.*'],
      storage: 'memory' as never,
    });
    assert.equal(info.config.name, 'V2');
    const js = nc.jetstream();
    const ack = await js.publish('v2.a', sc.encode('hello'), { msgID: 'x' });
    assert.deepEqual([ack.stream, ack.seq, ack.duplicate], ['V2', 1, false]);
    const dup = await js.publish('v2.a', sc.encode('hello'), { msgID: 'x' });
    assert.deepEqual([dup.seq, dup.duplicate], [1, true]);
    await js.publish('v2.b', sc.encode('world'));
    const got = await jsm.streams.getMessage('V2', { last_by_subj: 'v2.b' });
    assert.equal(got.seq, 2);
    assert.equal(sc.decode(got.data), 'world');
    await assert.rejects(
      js.publish('v2.a', sc.encode('late'), { expect: { lastSequence: 1 } }),
      /wrong last sequence: 2/,
    );
    const purged = await jsm.streams.purge('V2', { filter: 'v2.a' });
    assert.equal(purged.purged, 1);
    assert.deepEqual(await jsm.streams.names().next(), ['V2']);
    assert.equal(await jsm.streams.delete('V2'), true);
    await assert.rejects(jsm.streams.info('V2'), /stream not found/);
  });

  void test('account info: $JS.API.INFO', async (t) => {
    const nc = await client(t);
    await api(nc, '$JS.API.STREAM.CREATE.A', '{"name":"A","storage":"memory","max_bytes":1024}');
    await nc.request('A', sc.encode('12345'), { timeout: 2000 });
    const info = await api(nc, '$JS.API.INFO');
    assert.deepEqual(Object.keys(info), [
      'type',
      'memory',
      'storage',
      'reserved_memory',
      'reserved_storage',
      'streams',
      'consumers',
      'limits',
      'api',
    ]);
    assert.equal(info.type, 'io.nats.jetstream.api.v1.account_info_response');
    assert.equal(info.memory, 1 + 5 + 16);
    assert.equal(info.reserved_memory, 1024);
    assert.equal(info.streams, 1);
    assert.deepEqual(info.limits, {
      max_memory: -1,
      max_storage: -1,
      max_streams: -1,
      max_consumers: -1,
      max_ack_pending: -1,
      memory_max_stream_bytes: -1,
      storage_max_stream_bytes: -1,
      max_bytes_required: false,
    });
    assert.deepEqual(info.api, { total: 2, errors: 0 });
    const jsm = await nc.jetstreamManager();
    const account = await jsm.getAccountInfo();
    assert.equal(account.streams, 1);
  });

  void test('errors: bad JSON (10025), empty create, unknown subject, mismatch', async (t) => {
    const nc = await client(t);
    const bad = await api(nc, '$JS.API.STREAM.CREATE.X', '{"name":"X","max_msgs":"ten"}');
    assert.deepEqual(bad, {
      type: 'io.nats.jetstream.api.v1.stream_create_response',
      error: { code: 400, err_code: 10025, description: 'invalid JSON' },
    });
    const broken = await api(nc, '$JS.API.STREAM.CREATE.X', '{');
    assert.equal((broken.error as { err_code: number }).err_code, 10025);
    const mismatch = await api(nc, '$JS.API.STREAM.CREATE.X', '{"name":"Y"}');
    assert.equal((mismatch.error as { err_code: number }).err_code, 10056);
    const unknown = await api(nc, '$JS.API.STREAM.FROB.X');
    assert.deepEqual(unknown, {
      type: 'io.nats.jetstream.api.v1.system_response',
      error: { code: 400, err_code: 10003, description: 'bad request' },
    });
    const created = await api(nc, '$JS.API.STREAM.CREATE.X', '{"name":"X","storage":"memory"}');
    assert.equal(created.did_create, true);
    const getEmpty = await api(nc, '$JS.API.STREAM.MSG.GET.X');
    assert.equal((getEmpty.error as { err_code: number }).err_code, 10003);
    const notFound = await api(nc, '$JS.API.STREAM.MSG.GET.X', '{"seq":9}');
    assert.deepEqual(notFound.error, {
      code: 404,
      err_code: 10037,
      description: 'no message found',
    });
  });

  void test('pub acks and their errors, byte for byte', async (t) => {
    const nc = await client(t);
    await api(
      nc,
      '$JS.API.STREAM.CREATE.L',
      '{"name":"L","storage":"memory","max_msgs":1,"discard":"new","max_msg_size":64}',
    );
    const ack = await nc.request('L', sc.encode('a'), { timeout: 2000 });
    assert.equal(sc.decode(ack.data), '{"stream":"L", "seq":1}');
    const full = await nc.request('L', sc.encode('b'), { timeout: 2000 });
    assert.equal(
      sc.decode(full.data),
      '{"error":{"code":503,"err_code":10077,"description":"maximum messages exceeded"},"stream":"L","seq":0}',
    );
    const big = await nc.request('L', sc.encode('x'.repeat(65)), { timeout: 2000 });
    assert.match(
      sc.decode(big.data),
      /"err_code":10054,"description":"message size exceeds maximum allowed"/,
    );
    const h = headers();
    h.set('Nats-Msg-Id', 'id');
    await api(nc, '$JS.API.STREAM.PURGE.L');
    await nc.request('L', sc.encode('c'), { headers: h, timeout: 2000 });
    const duplicate = await nc.request('L', sc.encode('c'), { headers: h, timeout: 2000 });
    assert.equal(sc.decode(duplicate.data), '{"stream":"L", "seq":2,"duplicate": true}');
  });

  void test('direct get status replies: 404 and 408', async (t) => {
    const nc = await client(t);
    await api(
      nc,
      '$JS.API.STREAM.CREATE.G',
      '{"name":"G","subjects":["g.>"],"storage":"memory","allow_direct":true}',
    );
    await nc.request('g.1', sc.encode('x'), { timeout: 2000 });
    const found = await nc.request('$JS.API.DIRECT.GET.G', sc.encode('{"seq":1}'), {
      timeout: 2000,
    });
    assert.equal(found.headers?.get('Nats-Stream'), 'G');
    assert.equal(found.headers?.get('Nats-Subject'), 'g.1');
    assert.equal(found.headers?.get('Nats-Sequence'), '1');
    assert.match(found.headers?.get('Nats-Time-Stamp') ?? '', /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    const last = await nc.request('$JS.API.DIRECT.GET.G.g.1', undefined, { timeout: 2000 });
    assert.equal(sc.decode(last.data), 'x');
    const cases: [string, string, number, string][] = [
      ['$JS.API.DIRECT.GET.G', '{"seq":5}', 404, 'Message Not Found'],
      ['$JS.API.DIRECT.GET.G', '', 408, 'Empty Request'],
      ['$JS.API.DIRECT.GET.G', '{', 408, 'Malformed Request'],
      ['$JS.API.DIRECT.GET.G', '{"seq":1,"last_by_subj":"g.1"}', 408, 'Bad Request'],
      ['$JS.API.DIRECT.GET.G.g.1', 'body', 408, 'Bad Request'],
    ];
    for (const [subject, body, code, description] of cases) {
      const reply = await nc.request(subject, sc.encode(body), { timeout: 2000 });
      assert.equal(reply.headers?.code, code, `${subject} ${body}`);
      assert.equal(reply.headers?.description, description, `${subject} ${body}`);
    }
  });
});
