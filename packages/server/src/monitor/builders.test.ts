// varz, subsz, healthz and routez against a running tsnats server.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test, type TestContext } from 'node:test';
import { COMPATIBLE_VERSION } from '../info.js';
import { rawConnect } from '../raw-client.js';
import { startServer } from '../test-support.js';
import { healthz } from './healthz.js';
import { MonitorQueryError } from './query.js';
import { routez } from './routez.js';
import { subsz, type Subsz } from './subsz.js';
import { varz } from './varz.js';

/** A client subscribed to foo.* and (queue q) bar, that published on foo.x. */
async function withClient(t: TestContext, config = '') {
  const started = await startServer(t, config);
  const raw = await rawConnect(started.port);
  t.after(() => {
    raw.close();
  });
  raw.send(
    'CONNECT {"verbose":false}\r\nSUB foo.* 1\r\nSUB bar q 2\r\nPUB foo.x 5\r\nhello\r\nPING\r\n',
  );
  await raw.waitFor('PONG\r\n');
  return started;
}

void describe('varz', () => {
  void test('identity, limits from the options, counters from the server', async (t) => {
    const { server, port } = await withClient(t, 'max_subscriptions: 100');
    server.monitorAddress = { host: '127.0.0.1', port: 8222 };
    const now = server.stats.started.getTime() + 3_723_000;
    const v = varz(server, now, { '/varz': 2, '/connz': 1 });
    assert.equal(v.server_id, server.serverId);
    assert.equal(v.server_name, server.serverId);
    assert.equal(v.version, COMPATIBLE_VERSION);
    assert.match(v.go, /^node\d+/);
    assert.deepEqual([v.host, v.port], ['127.0.0.1', port]);
    assert.deepEqual([v.http_host, v.http_port], ['127.0.0.1', 8222]);
    assert.equal(v.max_subscriptions, 100);
    assert.equal(v.ping_interval, 120_000_000_000, 'nanoseconds, as Go marshals a Duration');
    assert.equal(v.write_deadline, 10_000_000_000);
    assert.equal(v.tls_timeout, 2);
    assert.equal(v.uptime, '1h2m3s');
    assert.deepEqual([v.connections, v.total_connections, v.subscriptions], [1, 1, 2]);
    assert.deepEqual([v.in_msgs, v.in_bytes, v.out_msgs, v.out_bytes], [1, 5, 1, 5]);
    assert.deepEqual(Object.keys(v.http_req_stats), ['/connz', '/varz'], 'sorted, as a Go map');
    assert.deepEqual(v.slow_consumer_stats, { clients: 0, routes: 0, gateways: 0, leafs: 0 });
    assert.deepEqual([v.cluster, v.gateway, v.leaf, v.mqtt, v.jetstream], [{}, {}, {}, {}, {}]);
    assert.equal(v.cores, availableParallelism());
    assert.ok(v.mem > 0 && v.cpu >= 0);
    assert.equal(v.auth_required, undefined, 'omitempty');
  });

  void test('keys in Varz order, auth_required once auth is configured', async (t) => {
    const { server } = await startServer(t, 'authorization { token: s3cret }');
    const keys = Object.keys(varz(server));
    assert.deepEqual(keys.slice(0, 10), [
      'server_id',
      'server_name',
      'version',
      'proto',
      'go',
      'host',
      'port',
      'auth_required',
      'max_connections',
      'ping_interval',
    ]);
    assert.equal(keys.at(-1), 'slow_consumer_stats');
    assert.equal(
      varz(server).http_port,
      server.options.httpPort,
      'the configured port before the listener is up',
    );
  });
});

void describe('subsz', () => {
  void test('without subs=1: the sublist statistics alone', async (t) => {
    const { server } = await withClient(t);
    assert.deepEqual(subsz(server), {
      num_subscriptions: 2,
      num_cache: 1,
      num_inserts: 2,
      num_removes: 0,
      num_matches: 1,
      cache_hit_rate: 0,
      max_fanout: 0,
      avg_fanout: 0,
    });
  });

  void test('with subs=1: the list, filtered by a test subject and paged', async (t) => {
    const { server } = await withClient(t);
    const all = subsz(server, { subscriptions: true }) as Subsz;
    assert.deepEqual(Object.keys(all).slice(0, 3), ['server_id', 'now', 'num_subscriptions']);
    assert.deepEqual(all.subscriptions_list, [
      { account: '$G', subject: 'foo.*', sid: '1', msgs: 1, cid: 1 },
      { account: '$G', subject: 'bar', qgroup: 'q', sid: '2', msgs: 0, cid: 1 },
    ]);
    assert.deepEqual([all.total, all.offset, all.limit], [2, 0, 1024]);
    const tested = subsz(server, { subscriptions: true, test: 'foo.y' }) as Subsz;
    assert.deepEqual(
      tested.subscriptions_list?.map((s) => s.subject),
      ['foo.*'],
    );
    const paged = subsz(server, { subscriptions: true, offset: 1, limit: 5 }) as Subsz;
    assert.deepEqual([paged.total, paged.subscriptions_list?.[0].subject], [1, 'bar']);
    // Nothing on the page: nats-server answers with the statistics alone.
    assert.equal('server_id' in subsz(server, { subscriptions: true, test: 'nope' }), false);
    assert.equal(subsz(server, { account: 'OTHER' }).num_subscriptions, 0);
  });

  void test('a test subject must be a valid publish subject', async (t) => {
    const { server } = await startServer(t);
    assert.throws(
      () => subsz(server, { test: 'foo.*' }),
      (e) =>
        e instanceof MonitorQueryError &&
        e.message === 'invalid test subject, must be valid publish subject: foo.*',
    );
  });
});

void describe('healthz', () => {
  void test('ok while the server accepts clients', async (t) => {
    const { server } = await startServer(t);
    assert.deepEqual(healthz(server), { status: 'ok', status_code: 200 });
    assert.deepEqual(healthz(server, { jsEnabledOnly: true }), { status: 'ok', status_code: 200 });
  });

  void test('an error once the listener is closed (lame duck, shutdown)', async (t) => {
    const { server } = await startServer(t);
    await server.shutdown();
    assert.deepEqual(healthz(server), {
      status: 'error',
      status_code: 500,
      error: 'failed to be ready for connections after 1ms: server',
    });
    assert.deepEqual(healthz(server, { details: true }), {
      status: 'error',
      status_code: 500,
      errors: [
        { type: 'CONNECTION', error: 'failed to be ready for connections after 1ms: server' },
      ],
    });
  });

  void test('unavailable when JetStream is configured: tsnats has none yet', async (t) => {
    const { server } = await startServer(t, 'jetstream: enabled');
    assert.deepEqual(healthz(server, { jsEnabledOnly: true }), {
      status: 'unavailable',
      status_code: 503,
      error: 'JetStream not enabled (10076)',
    });
  });

  void test('a stream needs an account, a consumer a stream', async (t) => {
    const { server } = await startServer(t);
    assert.deepEqual(healthz(server, { stream: 'S' }), {
      status: 'error',
      status_code: 400,
      error: '"account" must not be empty when checking stream health',
    });
    assert.deepEqual(healthz(server, { consumer: 'C', details: true }), {
      status: 'error',
      status_code: 400,
      errors: [
        { type: 'BAD_REQUEST', error: '"stream" must not be empty when checking consumer health' },
      ],
    });
  });
});

void describe('routez', () => {
  void test('no routes; server_name is the configured name', async (t) => {
    const { server } = await startServer(t, 'server_name: edge-1');
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 600);
    assert.deepEqual(routez(server, now), {
      server_id: server.serverId,
      server_name: 'edge-1',
      now: '2026-01-02T03:04:05.6Z',
      num_routes: 0,
      routes: [],
    });
  });
});
