// Publish and subscribe permissions end to end: nats-server's exact -ERR texts over
// raw sockets, what the nats.js v2 client reports, deny over allow, allow_responses
// and the delivery filter of subscribe deny entries.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { ErrorCode, Events, NatsError, StringCodec, type NatsConnection, type Status } from 'nats';
import { rawConnect, type RawClient } from './raw-client.js';
import { startServer, v2Client } from './test-support.js';

const sc = StringCodec();

const CONFIG = `authorization { users = [
  { user: a, password: a, permissions: {
      publish: { allow: "foo.>", deny: "foo.secret" }
      subscribe: { allow: ["bar.>", "_INBOX.>"], deny: ["bar.secret", "bar.q grp"] }
  } }
  { user: r, password: r, permissions: { publish: "r.status", subscribe: "svc.>", allow_responses: true } }
  { user: w, password: w, permissions: { subscribe: { deny: "data.secret" } } }
  { user: admin, password: admin }
] }`;

// Per raw client: PINGs sent, and how far the replies have been read.
const progress = new WeakMap<RawClient, { pings: number; offset: number }>();

async function raw(t: TestContext, port: number, user: string): Promise<RawClient> {
  const c = await rawConnect(port);
  t.after(() => {
    c.close();
  });
  progress.set(c, { pings: 0, offset: 0 });
  const connected = `CONNECT {"verbose":false,"user":"${user}","pass":"${user}"}\r\n`;
  assert.equal(await exchange(c, connected), '');
  return c;
}

/**
 * Sends `ops` then PING, and returns what came back since the last exchange, up
 * to that PING's PONG: the server answers in order, so that is all `ops` caused
 * here, and all that other connections' earlier exchanges caused here too.
 */
async function exchange(c: RawClient, ops: string): Promise<string> {
  const p = progress.get(c);
  assert.ok(p);
  p.pings++;
  const upToPong = new RegExp(`^(?:[^]*?PONG\\r\\n){${p.pings}}`);
  c.send(`${ops}PING\r\n`);
  const text = await c.waitFor(upToPong);
  const end = upToPong.exec(text)?.[0].length ?? 0;
  const reply = text.slice(p.offset, end - 'PONG\r\n'.length);
  p.offset = end;
  return reply.replace(/^INFO [^\r\n]*\r\n/, '');
}

/** The first error status the connection reports. */
function nextError(nc: NatsConnection): Promise<Status> {
  const statuses = nc.status();
  return (async () => {
    for await (const status of statuses) if (status.type === Events.Error) return status;
    throw new Error('closed without an error status');
  })();
}

function isPermissionsViolation(e: unknown): boolean {
  return e instanceof NatsError && e.code === (ErrorCode.PermissionsViolation as string);
}

void describe('permissions', () => {
  void test('raw: violations get nats-server`s texts and the connection stays open', async (t) => {
    const { port } = await startServer(t, CONFIG);
    const c = await raw(t, port, 'a');
    assert.equal(
      await exchange(c, 'PUB x 1\r\na\r\n'),
      `-ERR 'Permissions Violation for Publish to "x"'\r\n`,
    );
    assert.equal(
      await exchange(c, 'SUB x 1\r\n'),
      `-ERR 'Permissions Violation for Subscription to "x"'\r\n`,
    );
    assert.equal(
      await exchange(c, 'SUB x grp 2\r\n'),
      `-ERR 'Permissions Violation for Subscription to "x" using queue "grp"'\r\n`,
    );
    // The queue-specific deny entry refuses that queue only.
    assert.equal(
      await exchange(c, 'SUB bar.q grp 3\r\nSUB bar.q other 4\r\nSUB bar.q 5\r\n'),
      `-ERR 'Permissions Violation for Subscription to "bar.q" using queue "grp"'\r\n`,
    );
    // Still usable.
    assert.equal(await exchange(c, 'SUB bar.ok 6\r\nPUB foo.x 2\r\nok\r\n'), '');
  });

  void test('deny beats allow, for publish and subscribe', async (t) => {
    const { port } = await startServer(t, CONFIG);
    const admin = await raw(t, port, 'admin');
    await exchange(admin, 'SUB foo.> 1\r\n');
    const c = await raw(t, port, 'a');
    assert.equal(
      await exchange(c, 'PUB foo.secret 1\r\ns\r\nPUB foo.open 1\r\no\r\n'),
      `-ERR 'Permissions Violation for Publish to "foo.secret"'\r\n`,
    );
    assert.equal(
      await exchange(c, 'SUB bar.secret 1\r\nSUB bar.* 2\r\n'),
      `-ERR 'Permissions Violation for Subscription to "bar.secret"'\r\n`,
    );
    // Only the allowed publish reached the subscriber.
    assert.equal(await exchange(admin, ''), 'MSG foo.open 1 1\r\no\r\n');
  });

  void test('v2 client: subscription violations close the subscription, with an error status', async (t) => {
    const { url } = await startServer(t, CONFIG);
    const nc = await v2Client(t, { servers: url, user: 'a', pass: 'a' });
    const status = nextError(nc);
    const errors: unknown[] = [];
    const denied = nc.subscribe('bar.secret', {
      callback: (err) => {
        errors.push(err);
      },
    });
    await nc.flush();
    assert.equal(errors.length, 1);
    assert.ok(isPermissionsViolation(errors[0]));
    // The client keeps the server's text as it came, quotes and all.
    assert.equal(
      (errors[0] as NatsError).message,
      `'Permissions Violation for Subscription to "bar.secret"'`,
    );
    assert.ok(denied.isClosed());
    const s = await status;
    assert.equal(s.data, ErrorCode.PermissionsViolation);
    assert.equal(s.permissionContext?.operation, 'subscription');
    assert.equal(s.permissionContext.subject, 'bar.secret');

    // An iterator ends with the error; a queue violation names the queue.
    const queued = nc.subscribe('bar.q', { queue: 'grp' });
    await assert.rejects(
      (async () => {
        for await (const msg of queued) assert.fail(`unexpected ${msg.subject}`);
      })(),
      (e: unknown) =>
        isPermissionsViolation(e) &&
        (e as NatsError).message ===
          `'Permissions Violation for Subscription to "bar.q" using queue "grp"'` &&
        (e as NatsError).permissionContext?.queue === 'grp',
    );
    // The connection goes on.
    const ok = nc.subscribe('bar.ok', { max: 1 });
    const admin = await v2Client(t, { servers: url, user: 'admin', pass: 'admin' });
    await nc.flush();
    admin.publish('bar.ok', sc.encode('fine'));
    for await (const msg of ok) assert.equal(sc.decode(msg.data), 'fine');
    assert.equal(nc.isClosed(), false);
  });

  void test('v2 client: publish violations, as a status and as a rejected request', async (t) => {
    const { url } = await startServer(t, CONFIG);
    const nc = await v2Client(t, { servers: url, user: 'a', pass: 'a' });
    const status = nextError(nc);
    nc.publish('not.allowed');
    const s = await status;
    assert.equal(s.type, Events.Error);
    assert.equal(s.data, ErrorCode.PermissionsViolation);
    assert.equal(s.permissionContext?.operation, 'publish');
    assert.equal(s.permissionContext.subject, 'not.allowed');
    await assert.rejects(
      nc.request('not.allowed', undefined, { timeout: 2000 }),
      isPermissionsViolation,
    );
    await assert.rejects(
      nc.request('foo.secret', undefined, { timeout: 2000, noMux: true }),
      isPermissionsViolation,
    );
    await nc.flush();
    assert.equal(nc.isClosed(), false);
  });

  void test('allow_responses: a responder may answer requests it got, once', async (t) => {
    const { url, port } = await startServer(t, CONFIG);
    const responder = await v2Client(t, { servers: url, user: 'r', pass: 'r' });
    responder.subscribe('svc.v2.*', {
      callback: (_err, msg) => {
        msg.respond(sc.encode(`answer to ${msg.subject}`));
      },
    });
    await responder.flush();
    const admin = await v2Client(t, { servers: url, user: 'admin', pass: 'admin' });
    const answer = await admin.request('svc.v2.time', undefined, { timeout: 2000 });
    assert.equal(sc.decode(answer.data), 'answer to svc.v2.time');
    const old = await admin.request('svc.v2.old', undefined, { timeout: 2000, noMux: true });
    assert.equal(sc.decode(old.data), 'answer to svc.v2.old');

    // Over a raw socket: one response per request, and nothing else beyond r.status.
    const watcher = await raw(t, port, 'admin');
    await exchange(watcher, 'SUB reply.> 1\r\n');
    const r = await raw(t, port, 'r');
    await exchange(r, 'SUB svc.raw 1\r\n');
    await exchange(watcher, 'PUB svc.raw reply.1 1\r\nq\r\n');
    assert.equal(await exchange(r, ''), 'MSG svc.raw 1 reply.1 1\r\nq\r\n');
    assert.equal(
      await exchange(r, 'PUB reply.1 3\r\none\r\nPUB reply.1 3\r\ntwo\r\nPUB reply.2 1\r\nx\r\n'),
      `-ERR 'Permissions Violation for Publish to "reply.1"'\r\n` +
        `-ERR 'Permissions Violation for Publish to "reply.2"'\r\n`,
    );
    assert.equal(await exchange(watcher, ''), 'MSG reply.1 1 3\r\none\r\n');
  });

  void test('subscribe deny filters deliveries to a wildcard subscription', async (t) => {
    const { port } = await startServer(t, CONFIG);
    const w = await raw(t, port, 'w');
    assert.equal(await exchange(w, 'SUB data.* 1\r\nSUB data.> 2\r\n'), '');
    const admin = await raw(t, port, 'admin');
    await exchange(admin, 'PUB data.secret 1\r\ns\r\nPUB data.open 1\r\no\r\n');
    const got = await exchange(w, 'SUB data.secret 3\r\n');
    // One MSG per subscription (the order is the sublist's), none for data.secret.
    assert.deepEqual(got.split(/(?=MSG |-ERR )/).sort(), [
      `-ERR 'Permissions Violation for Subscription to "data.secret"'\r\n`,
      'MSG data.open 1 1\r\no\r\n',
      'MSG data.open 2 1\r\no\r\n',
    ]);
  });
});
