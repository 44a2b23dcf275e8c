// The admin service against a real split deployment: stores (tsnats-store),
// an edge (tsnats --store rpc://…) and the official v3 clients on the edge.
// What is made through the REST API is what the clients see, and the other
// way round.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePort, type NatsLikeServer } from '@tsnats/testkit';
import { admin, edge, redis, store, until } from './test-support.js';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

async function clientOf(
  t: TestContext,
  server: NatsLikeServer,
): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const nc = await connect({ servers: server.url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc, { timeout: 5_000, checkAPI: false });
  await until('the edge to reach its store', async () => {
    await jsm.getAccountInfo();
    return true;
  });
  return { nc, jsm };
}

const monitorUrl = (server: NatsLikeServer): string => `http://127.0.0.1:${server.httpPort ?? 0}`;

void describe('tsnats-admin serve in a split deployment', () => {
  void test('streams and KV keys made over REST are what the clients see, and back', async (t) => {
    const storeA = await store(t);
    const server = await edge(t, [storeA.address]);
    const service = await admin(t, ['--store', `rpc://${storeA.address}`]);
    const { nc, jsm } = await clientOf(t, server);

    const created = await call(service.url, 'POST', '/streams', {
      name: 'ORDERS',
      subjects: ['orders.>'],
      storage: 'memory',
    });
    assert.equal(created.status, 201);
    assert.deepEqual((await jsm.streams.info('ORDERS')).config.subjects, ['orders.>']);
    const ack = await jetstream(nc).publish('orders.1', 'first');
    assert.equal(ack.seq, 1);
    const info = await call(service.url, 'GET', '/streams/ORDERS');
    assert.equal((info.body.state as { messages: number }).messages, 1);
    const message = await call(service.url, 'GET', '/streams/ORDERS/messages/1?encoding=utf8');
    assert.equal(message.status, 200);
    assert.equal(message.body.data, 'first');

    await jsm.streams.add({ name: 'EVENTS', subjects: ['events.>'] });
    const listed = await call(service.url, 'GET', '/streams');
    const names = (listed.body.streams as { config: { name: string } }[]).map((s) => s.config.name);
    assert.deepEqual(names.sort(), ['EVENTS', 'ORDERS']);

    assert.equal(
      (await call(service.url, 'POST', '/kv', { bucket: 'cfg', history: 5 })).status,
      201,
    );
    const put = await call(service.url, 'PUT', '/kv/cfg/keys/color', {
      value: 'blue',
      encoding: 'utf8',
    });
    assert.deepEqual(put.body, { bucket: 'cfg', key: 'color', revision: 1 });
    const kv = await new Kvm(nc).open('cfg');
    const entry = await kv.get('color');
    assert.equal(entry?.string(), 'blue');
    assert.equal(entry.revision, 1);

    // A revision check travels as a header to the store: the stale one is refused.
    assert.equal(await kv.put('color', 'green'), 2);
    const stale = await call(service.url, 'PUT', '/kv/cfg/keys/color?revision=1', {
      value: 'red',
      encoding: 'utf8',
    });
    assert.equal(stale.status, 409);
    const read = await call(service.url, 'GET', '/kv/cfg/keys/color?encoding=utf8');
    assert.equal(read.body.value, 'green');
    assert.equal(read.body.revision, 2);

    const deleted = await call(service.url, 'DELETE', '/kv/cfg/keys/color');
    assert.equal(deleted.status, 204);
    assert.equal((await kv.get('color'))?.operation, 'DEL');
    assert.equal((await call(service.url, 'GET', '/kv/cfg/keys/color')).status, 404);
  });

  void test('/servers lists the edges, an edge that is down as unreachable', async (t) => {
    const storeA = await store(t);
    const server = await edge(t, [storeA.address]);
    const down = `http://127.0.0.1:${await freePort()}`;
    const service = await admin(t, [
      '--store',
      `rpc://${storeA.address}`,
      '--edges',
      `${monitorUrl(server)},${down}`,
    ]);
    const listed = await call(service.url, 'GET', '/servers');
    assert.equal(listed.status, 200);
    const [up, unreachable] = listed.body.servers as Record<string, unknown>[];
    assert.equal(up.url, monitorUrl(server));
    assert.equal(up.error, undefined);
    assert.equal(up.port, server.port);
    assert.match(String(up.id), /^N/);
    assert.equal(unreachable.url, down);
    assert.match(String(unreachable.error), /ECONNREFUSED/);
    const byName = await call(service.url, 'GET', `/servers/${String(up.name)}`);
    assert.equal(byName.body.id, up.id);
    const cluster = await call(service.url, 'GET', '/cluster');
    assert.equal(cluster.status, 200);
    assert.equal((cluster.body.servers as unknown[]).length, 2);
  });

  void test('with an active and a standby store, requests go to the one that answers', async (t) => {
    const redisServer = await redis(t);
    const health = async (port: number): Promise<number> =>
      (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    const active = await store(t, ['--redis', redisServer.url, '--name', 'store-a']);
    await until('store-a to be active', async () => (await health(active.httpPort)) === 200);
    const standby = await store(t, ['--redis', redisServer.url, '--name', 'store-b']);
    assert.equal(await health(standby.httpPort), 503);
    // The standby first: it answers "no reply" and the active store is asked next.
    const service = await admin(t, ['--store', `rpc://${standby.address},${active.address}`]);
    const created = await call(service.url, 'POST', '/streams', {
      name: 'ORDERS',
      subjects: ['orders.>'],
    });
    assert.equal(created.status, 201);
    assert.equal((await call(service.url, 'GET', '/streams/ORDERS')).status, 200);

    await active.stop();
    await until('store-b to take over', async () => (await health(standby.httpPort)) === 200);
    const info = await call(service.url, 'GET', '/streams/ORDERS');
    assert.equal(info.status, 200);
    assert.deepEqual((info.body.config as { subjects: string[] }).subjects, ['orders.>']);
  });

  void test('no store answering is a 503 problem', async (t) => {
    const service = await admin(t, ['--store', `rpc://127.0.0.1:${await freePort()}`]);
    const listed = await call(service.url, 'GET', '/streams');
    assert.equal(listed.status, 503);
    assert.equal(listed.body.status, 503);
  });

  void test('with --token, requests need it', async (t) => {
    const storeA = await store(t);
    const service = await admin(t, ['--store', `rpc://${storeA.address}`, '--token', 's3cret']);
    assert.equal((await call(service.url, 'GET', '/streams')).status, 401);
    const authorized = await fetch(`${service.url}/api/v1/streams`, {
      headers: { authorization: 'Bearer s3cret' },
    });
    assert.equal(authorized.status, 200);
    assert.equal((await fetch(`${service.url}/api/v1/openapi.json`)).status, 200);
  });

  void test('SIGTERM stops it gracefully', async (t) => {
    const service = await admin(t, ['--store', `rpc://127.0.0.1:${await freePort()}`]);
    assert.deepEqual(await service.process.stop('SIGTERM'), { code: 0, signal: null });
    assert.match(service.process.stderr(), /Server Exiting/);
  });
});
