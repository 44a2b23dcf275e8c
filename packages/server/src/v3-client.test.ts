// The same core features with the official v3 client (@nats-io/transport-node).
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createUser } from '@nats-io/nkeys';
import {
  AuthorizationError,
  connect,
  headers,
  InvalidArgumentError,
  nkeyAuthenticator,
  NoRespondersError,
  PermissionViolationError,
  RequestError,
  type ConnectionOptions,
  type Msg,
  type NatsConnection,
  type Status,
} from '@nats-io/transport-node';
import { startServer } from './test-support.js';

async function client(t: TestContext, options: ConnectionOptions): Promise<NatsConnection> {
  const nc = await connect({ reconnect: false, ...options });
  t.after(() => nc.close());
  return nc;
}

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

function nextError(nc: NatsConnection): Promise<Status> {
  const statuses = nc.status();
  return (async () => {
    for await (const status of statuses) if (status.type === 'error') return status;
    throw new Error('closed without an error status');
  })();
}

void describe('the v3 client (@nats-io/transport-node)', () => {
  void test('wildcards and a queue group', async (t) => {
    const { url } = await startServer(t);
    const nc = await client(t, { servers: url });
    const star = record(nc, 'a.*');
    const tail = record(nc, 'a.>');
    const members = await Promise.all([0, 1, 2].map(() => client(t, { servers: url })));
    const got = members.map((m) => record(m, 'a.q', 'g'));
    await Promise.all(members.map((m) => m.flush()));
    for (let i = 0; i < 300; i++) nc.publish('a.q', String(i));
    nc.publish('a.b.c', 'deep');
    await nc.flush();
    await Promise.all(members.map((m) => m.flush()));
    assert.equal(star.length, 300);
    assert.deepEqual(
      tail.slice(-1).map((m) => m.string()),
      ['deep'],
    );
    assert.equal(tail.length, 301);
    const seen = got.flat().map((m) => Number(m.string()));
    assert.deepEqual(
      seen.sort((x, y) => x - y),
      Array.from({ length: 300 }, (_, i) => i),
    );
    for (const member of got) assert.ok(member.length > 0);
  });

  void test('request-reply: muxed, noMux, with headers', async (t) => {
    const { url } = await startServer(t);
    const svc = await client(t, { servers: url });
    const replies: string[] = [];
    svc.subscribe('svc', {
      callback: (_err, msg) => {
        replies.push(msg.reply ?? '');
        msg.respond(`re: ${msg.string()}`, { headers: msg.headers });
      },
    });
    await svc.flush();
    const nc = await client(t, { servers: url });
    const h = headers();
    h.append('X-Multi', 'one');
    h.append('X-Multi', 'two');
    const muxed = await nc.request('svc', 'a', { timeout: 2000, headers: h });
    assert.equal(muxed.string(), 're: a');
    assert.deepEqual(muxed.headers?.values('X-Multi'), ['one', 'two']);
    const old = await nc.request('svc', 'b', { timeout: 2000, noMux: true });
    assert.equal(old.string(), 're: b');
    assert.match(replies[0], /^_INBOX\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/);
    assert.match(replies[1], /^_INBOX\.[A-Za-z0-9]+$/);
  });

  void test('no responders', async (t) => {
    const { url } = await startServer(t);
    const nc = await client(t, { servers: url });
    for (const noMux of [false, true]) {
      await assert.rejects(
        nc.request('nobody', '', { timeout: 2000, noMux }),
        (e: unknown) =>
          (e instanceof RequestError && e.isNoResponders()) || e instanceof NoRespondersError,
      );
    }
  });

  void test('drain and auto-unsubscribe', async (t) => {
    const { url } = await startServer(t);
    const nc = await client(t, { servers: url });
    let limited = 0;
    const auto = nc.subscribe('au', {
      max: 2,
      callback: () => {
        limited++;
      },
    });
    let drained = 0;
    const sub = nc.subscribe('dr', {
      callback: () => {
        drained++;
      },
    });
    await nc.flush();
    const pub = await client(t, { servers: url });
    for (let i = 0; i < 5; i++) {
      pub.publish('au');
      pub.publish('dr');
    }
    await pub.flush();
    await sub.drain();
    assert.equal(drained, 5);
    assert.equal(limited, 2);
    assert.ok(auto.isClosed());
    await nc.drain();
    assert.ok(nc.isClosed());
  });

  void test('noEcho', async (t) => {
    const { url } = await startServer(t);
    const quiet = await client(t, { servers: url, noEcho: true });
    const got = record(quiet, 'e');
    const other = await client(t, { servers: url });
    const otherGot = record(other, 'e');
    await other.flush();
    quiet.publish('e', 'mine');
    await quiet.flush();
    other.publish('e', 'theirs');
    await other.flush();
    await quiet.flush();
    assert.deepEqual(
      got.map((m) => m.string()),
      ['theirs'],
    );
    assert.deepEqual(
      otherGot.map((m) => m.string()),
      ['mine', 'theirs'],
    );
  });

  void test('max_payload is enforced by the client from INFO', async (t) => {
    const { url } = await startServer(t, 'max_payload: 100');
    const nc = await client(t, { servers: url });
    assert.equal(nc.info?.max_payload, 100);
    assert.throws(() => {
      nc.publish('x', new Uint8Array(101));
    }, InvalidArgumentError);
  });

  void test('auth: token and nkey, and the AuthorizationError', async (t) => {
    const token = await startServer(t, 'authorization { token: s3cret }');
    await (await client(t, { servers: token.url, token: 's3cret' })).flush();
    await assert.rejects(
      connect({ servers: token.url, token: 'wrong', reconnect: false }),
      AuthorizationError,
    );
    const user = createUser();
    const nkey = await startServer(
      t,
      `authorization { users = [ { nkey: ${user.getPublicKey()} } ] }`,
    );
    await (
      await client(t, { servers: nkey.url, authenticator: nkeyAuthenticator(user.getSeed()) })
    ).flush();
    await assert.rejects(
      connect({
        servers: nkey.url,
        authenticator: nkeyAuthenticator(createUser().getSeed()),
        reconnect: false,
      }),
      AuthorizationError,
    );
  });

  void test('permissions: PermissionViolationError for subscribe and publish', async (t) => {
    const { url } = await startServer(
      t,
      `authorization { users = [
        { user: u, password: p, permissions: { publish: "ok.>", subscribe: { allow: ">", deny: "secret" } } }
      ] }`,
    );
    const nc = await client(t, { servers: url, user: 'u', pass: 'p' });
    const errors: unknown[] = [];
    const status = nextError(nc);
    const denied = nc.subscribe('secret', {
      callback: (err) => {
        errors.push(err);
      },
    });
    await nc.flush();
    assert.equal(errors.length, 1);
    const sub = errors[0];
    assert.ok(sub instanceof PermissionViolationError);
    assert.equal(sub.operation, 'subscription');
    assert.equal(sub.subject, 'secret');
    assert.ok(denied.isClosed());
    const s = await status;
    assert.ok(s.type === 'error' && s.error instanceof PermissionViolationError);

    const next = nextError(nc);
    nc.publish('not.ok');
    const p = await next;
    assert.ok(p.type === 'error' && p.error instanceof PermissionViolationError);
    assert.equal(p.error.operation, 'publish');
    assert.equal(p.error.subject, 'not.ok');
    await nc.flush();
    assert.equal(nc.isClosed(), false);
  });
});
