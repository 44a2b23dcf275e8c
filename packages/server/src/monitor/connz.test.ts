import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { rawConnect, type RawClient } from '../raw-client.js';
import type { NatsServer } from '../server.js';
import { startServer } from '../test-support.js';
import { connz } from './connz.js';
import { MonitorQueryError } from './query.js';

async function client(t: TestContext, port: number, commands: string): Promise<RawClient> {
  const raw = await rawConnect(port);
  t.after(() => {
    raw.close();
  });
  raw.send(`${commands}PING\r\n`);
  await raw.waitFor('PONG\r\n');
  return raw;
}

/** Two clients: "a" with two subscriptions that published once, "b" with three. */
async function twoClients(t: TestContext, config = '') {
  const { server, port } = await startServer(t, config);
  const a = await client(
    t,
    port,
    'CONNECT {"verbose":false,"name":"a","lang":"raw","version":"1.0","user":"alice","pass":"pa"}\r\n' +
      'SUB foo 1\r\nSUB bar q 2\r\nUNSUB 2 5\r\nPUB foo 5\r\nhello\r\n',
  );
  await a.waitFor('MSG foo 1 5\r\n');
  // Start times are in milliseconds: keep b's apart from a's for the uptime sort.
  await new Promise((r) => setTimeout(r, 3));
  const b = await client(
    t,
    port,
    'CONNECT {"verbose":false,"name":"b","user":"bob","pass":"pb"}\r\nSUB x 1\r\nSUB y 2\r\nSUB z 3\r\n',
  );
  return { server, a, b };
}

const names = (server: NatsServer, options: Parameters<typeof connz>[1]): string[] =>
  connz(server, options).connections.map((c) => c.name ?? '');

function rejects(run: () => unknown, text: string): void {
  assert.throws(run, (error) => error instanceof MonitorQueryError && error.message === text);
}

async function closeAndWait(server: NatsServer, raw: RawClient): Promise<void> {
  raw.close();
  for (let i = 0; i < 250 && server.closed.size === 0; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(server.closed.size, 1);
}

void describe('connz', () => {
  void test("lists open connections with nats-server's fields, in its order", async (t) => {
    const { server } = await twoClients(t);
    const now = Date.now();
    const result = connz(server, {}, now);
    assert.deepEqual(Object.keys(result), [
      'server_id',
      'now',
      'num_connections',
      'total',
      'offset',
      'limit',
      'connections',
    ]);
    assert.equal(result.server_id, server.serverId);
    assert.equal(result.now, new Date(now).toISOString().replace(/\.?0+Z$/, 'Z'));
    assert.equal(result.num_connections, 2);
    assert.equal(result.total, 2);
    assert.equal(result.limit, 1024);
    const a = result.connections[0];
    assert.deepEqual(Object.keys(a), [
      'cid',
      'kind',
      'type',
      'ip',
      'port',
      'start',
      'last_activity',
      'rtt',
      'uptime',
      'idle',
      'pending_bytes',
      'in_msgs',
      'out_msgs',
      'in_bytes',
      'out_bytes',
      'subscriptions',
      'name',
      'lang',
      'version',
    ]);
    assert.equal(a.cid, 1);
    assert.equal(a.kind, 'Client');
    assert.equal(a.type, 'nats');
    assert.equal(a.ip, '127.0.0.1');
    assert.ok(a.port > 0);
    assert.deepEqual([a.in_msgs, a.in_bytes, a.out_msgs, a.out_bytes], [1, 5, 1, 5]);
    assert.equal(a.subscriptions, 2);
    assert.deepEqual([a.name, a.lang, a.version], ['a', 'raw', '1.0']);
    assert.equal(result.connections[1].lang, undefined, 'omitempty');
  });

  void test('uptime and idle are measured to `now`', async (t) => {
    const { server } = await twoClients(t);
    const first = server.clients.get(1);
    assert.ok(first !== undefined);
    const info = connz(server, { cid: 1 }, first.started + 62_500).connections[0];
    assert.equal(info.uptime, '1m2s');
  });

  void test('subscriptions as subjects, or in detail (without account while open)', async (t) => {
    const { server } = await twoClients(t);
    const [a] = connz(server, { subscriptions: true }).connections;
    assert.deepEqual(a.subscriptions_list, ['foo', 'bar']);
    const [detailed] = connz(server, { subscriptionsDetail: true }).connections;
    assert.equal(detailed.subscriptions_list, undefined);
    assert.deepEqual(detailed.subscriptions_list_detail, [
      { subject: 'foo', sid: '1', msgs: 1, cid: 1 },
      { subject: 'bar', qgroup: 'q', sid: '2', msgs: 0, max: 5, cid: 1 },
    ]);
  });

  void test('sorts as nats-server: cid ascending, counts descending', async (t) => {
    const { server } = await twoClients(t);
    assert.deepEqual(names(server, {}), ['a', 'b']);
    assert.deepEqual(names(server, { sort: 'subs' }), ['b', 'a']);
    assert.deepEqual(names(server, { sort: 'msgs_from' }), ['a', 'b']);
    assert.deepEqual(names(server, { sort: 'bytes_to' }), ['a', 'b']);
    assert.deepEqual(names(server, { sort: 'start' }), ['a', 'b']);
    assert.deepEqual(names(server, { sort: 'uptime' }), ['b', 'a']);
    rejects(() => connz(server, { sort: 'size' }), 'invalid sorting option: size');
    rejects(() => connz(server, { sort: 'stop' }), 'sort by stop only valid on closed connections');
    rejects(
      () => connz(server, { sort: 'reason', state: 'any' }),
      'sort by reason only valid on closed connections',
    );
  });

  void test('pages with offset and limit; cid picks one and makes the limit 1', async (t) => {
    const { server } = await twoClients(t);
    const page = connz(server, { offset: 1, limit: 1 });
    assert.deepEqual([page.offset, page.limit, page.total, page.num_connections], [1, 1, 2, 1]);
    assert.equal(page.connections[0].name, 'b');
    assert.deepEqual(connz(server, { offset: 5 }).connections, []);
    assert.equal(connz(server, { offset: -3 }).offset, 0);
    assert.equal(connz(server, { limit: 0 }).limit, 1024);
    const one = connz(server, { cid: 2 });
    assert.deepEqual([one.limit, one.total, one.num_connections], [1, 2, 1]);
    assert.equal(one.connections[0].name, 'b');
    assert.equal(connz(server, { cid: 99 }).num_connections, 0);
  });

  void test('closed connections: stop, reason, and their subscriptions with the account', async (t) => {
    const { server, b } = await twoClients(t);
    await closeAndWait(server, b);
    const closed = connz(server, { state: 'closed', subscriptionsDetail: true });
    assert.equal(closed.total, 1);
    const info = closed.connections[0];
    assert.equal(info.name, 'b');
    assert.equal(info.reason, 'Client Closed');
    assert.ok(info.stop !== undefined && Date.parse(info.stop) >= Date.parse(info.start));
    assert.deepEqual(Object.keys(info).slice(6, 10), ['last_activity', 'stop', 'reason', 'rtt']);
    assert.deepEqual(info.subscriptions_list_detail?.[0], {
      account: '$G',
      subject: 'x',
      sid: '1',
      msgs: 0,
      cid: 2,
    });
    assert.deepEqual(names(server, {}), ['a']);
    assert.deepEqual(names(server, { state: 'any' }), ['a', 'b']);
    assert.deepEqual(names(server, { state: 'closed', sort: 'stop' }), ['b']);
    assert.deepEqual(names(server, { state: 'closed', sort: 'reason' }), ['b']);
  });

  void test('auth adds the authorized user; user filters by it', async (t) => {
    const config =
      'authorization { users = [{user: alice, password: pa}, {user: bob, password: pb}] }';
    const { server } = await twoClients(t, config);
    assert.equal(connz(server).connections[0].authorized_user, undefined);
    const withAuth = connz(server, { auth: true }).connections;
    assert.deepEqual(
      withAuth.map((c) => c.authorized_user),
      ['alice', 'bob'],
    );
    const bob = connz(server, { user: 'bob' });
    assert.deepEqual(
      bob.connections.map((c) => c.name),
      ['b'],
    );
    assert.equal(bob.total, 2, 'as nats-server, the total is before the user filter');
  });

  void test('accounts: $G is every connection, another account has none', async (t) => {
    const { server } = await twoClients(t);
    assert.equal(connz(server, { account: '$G' }).num_connections, 2);
    const other = connz(server, { account: 'OTHER' });
    assert.deepEqual([other.total, other.connections], [0, []]);
    assert.equal(connz(server, { mqttClient: 'id' }).num_connections, 0);
  });
});
