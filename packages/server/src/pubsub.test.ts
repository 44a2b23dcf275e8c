// Core pub/sub with the official nats.js v2 client against the in-process server:
// wildcards, queue groups, headers, drain, auto-unsubscribe, no echo, reconnect.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connect, Events, headers, StringCodec, type Msg, type NatsConnection } from 'nats';
import { rawConnect } from './raw-client.js';
import { NatsServer } from './server.js';
import { startServer, testOptions, v2Client } from './test-support.js';

const sc = StringCodec();

/** Subscribes with a callback that records each message; the list fills as messages arrive. */
function record(nc: NatsConnection, subject: string, queue?: string): Msg[] {
  const got: Msg[] = [];
  nc.subscribe(subject, {
    queue,
    callback: (err, msg) => {
      assert.equal(err, null);
      got.push(msg);
    },
  });
  return got;
}

/** Resolves on the next status event of this type. */
function nextStatus(nc: NatsConnection, type: Events): Promise<void> {
  const statuses = nc.status();
  return (async () => {
    for await (const status of statuses) if (status.type === type) return;
    throw new Error(`the connection closed before a ${type} status`);
  })();
}

/** The server's side of a client connection. */
function serverSide(server: NatsServer, nc: NatsConnection) {
  const id = nc.info?.client_id;
  const conn = [...server.clients.values()].find((c) => c.id === id);
  assert.ok(conn, `no server connection with id ${String(id)}`);
  return conn;
}

void describe('pub/sub with the nats v2 client', () => {
  void test('literal, * and > subscriptions get what they match', async (t) => {
    const { url } = await startServer(t);
    const nc = await v2Client(t, { servers: url });
    const literal = record(nc, 'foo.bar');
    const star = record(nc, 'foo.*');
    const tail = record(nc, 'foo.>');
    const middle = record(nc, '*.bar.*');
    for (const subject of ['foo', 'foo.bar', 'foo.baz', 'foo.bar.baz', 'bar.foo', 'x.bar.y']) {
      nc.publish(subject, sc.encode(subject));
    }
    // One connection: the PONG comes after every MSG the publishes caused.
    await nc.flush();
    const subjects = (msgs: Msg[]) => msgs.map((m) => m.subject);
    assert.deepEqual(subjects(literal), ['foo.bar']);
    assert.deepEqual(subjects(star), ['foo.bar', 'foo.baz']);
    assert.deepEqual(subjects(tail), ['foo.bar', 'foo.baz', 'foo.bar.baz']);
    assert.deepEqual(subjects(middle), ['foo.bar.baz', 'x.bar.y']);
    assert.deepEqual(
      tail.map((m) => sc.decode(m.data)),
      ['foo.bar', 'foo.baz', 'foo.bar.baz'],
    );
  });

  void test('a queue group of 3 gets each of 600 messages exactly once, spread over all', async (t) => {
    const { url } = await startServer(t);
    const members = await Promise.all([0, 1, 2].map(() => v2Client(t, { servers: url })));
    const got = members.map((nc) => record(nc, 'work', 'workers'));
    // A plain subscriber beside the group gets every message.
    const watcher = await v2Client(t, { servers: url });
    const all = record(watcher, 'work');
    await Promise.all([...members, watcher].map((nc) => nc.flush()));
    const pub = await v2Client(t, { servers: url });
    for (let i = 0; i < 600; i++) pub.publish('work', sc.encode(String(i)));
    await pub.flush();
    // The server has routed everything; each member's PONG comes after its MSGs.
    await Promise.all([...members, watcher].map((nc) => nc.flush()));
    const seen = got.flat().map((m) => Number(sc.decode(m.data)));
    assert.equal(seen.length, 600);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 600 }, (_, i) => i),
    );
    for (const member of got) assert.ok(member.length > 0, 'every member got some');
    assert.equal(all.length, 600);
  });

  void test('headers round trip: several values per key, case kept', async (t) => {
    const { url, port } = await startServer(t);
    const nc = await v2Client(t, { servers: url });
    const got = record(nc, 'h');
    // A raw subscriber shows the bytes on the wire; one without headers gets the payload alone.
    const raw = await rawConnect(port);
    t.after(() => {
      raw.close();
    });
    raw.send('CONNECT {"verbose":false,"headers":true}\r\nSUB h 7\r\nPING\r\n');
    await raw.waitFor('PONG\r\n');
    const plain = await rawConnect(port);
    t.after(() => {
      plain.close();
    });
    plain.send('CONNECT {"verbose":false}\r\nSUB h 8\r\nPING\r\n');
    await plain.waitFor('PONG\r\n');

    const h = headers();
    h.append('X-Multi', 'one');
    h.append('X-Multi', 'two');
    h.set('lower-case', 'v');
    h.set('MiXeD-Case', 'Value With Spaces');
    nc.publish('h', sc.encode('body'), { headers: h });
    await nc.flush();

    const msg = got[0];
    assert.ok(msg.headers);
    assert.deepEqual(msg.headers.values('X-Multi'), ['one', 'two']);
    assert.equal(msg.headers.get('lower-case'), 'v');
    assert.equal(msg.headers.get('MiXeD-Case'), 'Value With Spaces');
    assert.deepEqual(msg.headers.keys().sort(), ['MiXeD-Case', 'X-Multi', 'lower-case']);
    assert.equal(sc.decode(msg.data), 'body');

    const block =
      'NATS/1.0\r\nX-Multi: one\r\nX-Multi: two\r\nlower-case: v\r\nMiXeD-Case: Value With Spaces\r\n\r\n';
    const frame = `HMSG h 7 ${block.length} ${block.length + 4}\r\n${block}body\r\n`;
    assert.ok((await raw.waitFor(frame)).endsWith(`PONG\r\n${frame}`));
    await plain.waitFor('MSG h 8 4\r\nbody\r\n');
  });

  void test('drain of a subscription delivers what is in flight, then closes it', async (t) => {
    const { url, server } = await startServer(t);
    const sub = await v2Client(t, { servers: url });
    let count = 0;
    const s = sub.subscribe('d', { callback: () => count++ });
    await sub.flush();
    const pub = await v2Client(t, { servers: url });
    for (let i = 0; i < 50; i++) pub.publish('d');
    await pub.flush();
    await s.drain();
    assert.equal(count, 50);
    assert.ok(s.isClosed());
    assert.equal(serverSide(server, sub).subscriptions.size, 0);
    pub.publish('d');
    await pub.flush();
    await sub.flush();
    assert.equal(count, 50);
  });

  void test('drain of a connection delivers what is in flight, then closes it', async (t) => {
    const { url } = await startServer(t);
    const nc = await v2Client(t, { servers: url });
    const counts = [0, 0];
    nc.subscribe('a', { callback: () => counts[0]++ });
    nc.subscribe('b.*', { callback: () => counts[1]++ });
    await nc.flush();
    const pub = await v2Client(t, { servers: url });
    for (let i = 0; i < 100; i++) {
      pub.publish('a');
      pub.publish(`b.${i}`);
    }
    await pub.flush();
    const closed = nc.closed();
    await nc.drain();
    assert.deepEqual(counts, [100, 100]);
    assert.ok(nc.isClosed());
    assert.equal(await closed, undefined);
  });

  void test('max on subscribe: exactly max messages, then the server drops the subscription', async (t) => {
    const { url, server } = await startServer(t);
    const nc = await v2Client(t, { servers: url });
    let count = 0;
    const s = nc.subscribe('au', { max: 3, callback: () => count++ });
    for (let i = 0; i < 10; i++) nc.publish('au');
    await nc.flush();
    assert.equal(count, 3);
    assert.equal(s.getProcessed(), 3);
    assert.ok(s.isClosed());
    assert.equal(serverSide(server, nc).subscriptions.size, 0);
  });

  void test('UNSUB with max over a raw socket', async (t) => {
    const { port } = await startServer(t);
    const raw = await rawConnect(port);
    t.after(() => {
      raw.close();
    });
    raw.send('CONNECT {"verbose":false}\r\nSUB foo 1\r\nUNSUB 1 2\r\n');
    raw.send('PUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\nPING\r\n');
    const text = await raw.waitFor('PONG\r\n');
    assert.match(text, /\r\nMSG foo 1 1\r\na\r\nMSG foo 1 1\r\nb\r\nPONG\r\n$/);
  });

  void test('noEcho: a connection does not get its own publishes, others do', async (t) => {
    const { url } = await startServer(t);
    const quiet = await v2Client(t, { servers: url, noEcho: true });
    const other = await v2Client(t, { servers: url });
    const quietGot = record(quiet, 'e');
    const otherGot = record(other, 'e');
    await quiet.flush();
    await other.flush();
    quiet.publish('e', sc.encode('from quiet'));
    await quiet.flush();
    other.publish('e', sc.encode('from other'));
    await other.flush();
    await quiet.flush();
    const texts = (msgs: Msg[]) => msgs.map((m) => sc.decode(m.data));
    assert.deepEqual(texts(quietGot), ['from other']);
    assert.deepEqual(texts(otherGot), ['from quiet', 'from other']);
  });

  void test('reconnect after the server restarts on the same port; subscriptions resume', async (t) => {
    const first = await startServer(t);
    const nc = await connect({
      servers: first.url,
      reconnectTimeWait: 20,
      reconnectJitter: 0,
      maxReconnectAttempts: -1,
    });
    t.after(() => nc.close());
    const got = record(nc, 'r.>');
    await nc.flush();
    const disconnected = nextStatus(nc, Events.Disconnect);
    const reconnected = nextStatus(nc, Events.Reconnect);
    await first.server.shutdown();
    await disconnected;

    const second = new NatsServer({ ...testOptions(), port: first.port });
    await second.start();
    t.after(() => second.shutdown());
    assert.equal(second.clientAddress.port, first.port);
    await reconnected;
    // The client sent its SUBs again on reconnect; a PING after them proves they are in.
    await nc.flush();
    const pub = await v2Client(t, { servers: first.url });
    pub.publish('r.1', sc.encode('after restart'));
    await pub.flush();
    await nc.flush();
    assert.deepEqual(
      got.map((m) => sc.decode(m.data)),
      ['after restart'],
    );
    assert.notEqual(nc.info?.server_id, undefined);
    assert.equal(nc.info?.server_id, second.serverId);
  });
});
