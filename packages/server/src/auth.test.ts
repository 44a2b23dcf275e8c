// Authentication with the official nats.js v2 client and over raw sockets: token,
// user/password, a users list with plain and bcrypt passwords, nkeys, no_auth_user.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser } from '@nats-io/nkeys';
import { hashSync } from 'bcrypt';
import {
  connect,
  ErrorCode,
  Events,
  NatsError,
  nkeyAuthenticator,
  StringCodec,
  type ConnectionOptions,
  type NatsConnection,
} from 'nats';
import { CloseReason } from './close-reason.js';
import { rawConnect } from './raw-client.js';
import { startServer, v2Client } from './test-support.js';

const sc = StringCodec();

/** The connection works: a message to itself comes back. */
async function roundTrip(nc: NatsConnection, subject = 'ping.me'): Promise<void> {
  const sub = nc.subscribe(subject, { max: 1 });
  nc.publish(subject, sc.encode('hi'));
  for await (const msg of sub) assert.equal(sc.decode(msg.data), 'hi');
  assert.equal(sub.getProcessed(), 1);
}

async function refused(options: ConnectionOptions): Promise<void> {
  await assert.rejects(
    connect({ reconnect: false, ...options }),
    (e: unknown) =>
      e instanceof NatsError && e.code === (ErrorCode.AuthorizationViolation as string),
  );
}

/** Over a raw socket: INFO, then exactly the violation, then the close. */
async function rawRefused(port: number, connectJson: string): Promise<Record<string, unknown>> {
  const c = await rawConnect(port);
  try {
    const info = JSON.parse((await c.waitFor('\r\n')).slice(5).trim()) as Record<string, unknown>;
    c.send(`CONNECT ${connectJson}\r\nPING\r\n`);
    await c.waitFor("-ERR 'Authorization Violation'\r\n");
    await c.closed;
    assert.match(c.received(), /^INFO \{[^\r\n]*\} ?\r\n-ERR 'Authorization Violation'\r\n$/);
    return info;
  } finally {
    c.close();
  }
}

async function rawAccepted(port: number, connectJson: string): Promise<void> {
  const c = await rawConnect(port);
  try {
    c.send(`CONNECT ${connectJson}\r\nPING\r\n`);
    await c.waitFor(/^INFO [^\r\n]*\r\nPONG\r\n$/);
  } finally {
    c.close();
  }
}

void describe('authentication', () => {
  void test('token', async (t) => {
    const { url, port, server } = await startServer(t, 'authorization { token: s3cret }');
    await roundTrip(await v2Client(t, { servers: url, token: 's3cret' }));
    await refused({ servers: url, token: 'wrong' });
    await refused({ servers: url });
    const info = await rawRefused(port, '{"verbose":false,"auth_token":"nope"}');
    assert.equal(info.auth_required, true);
    assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.AuthenticationViolation);
    await rawAccepted(port, '{"verbose":false,"auth_token":"s3cret"}');
  });

  void test('single user and password', async (t) => {
    const { url, port } = await startServer(t, 'authorization { user: alice, password: pw }');
    await roundTrip(await v2Client(t, { servers: url, user: 'alice', pass: 'pw' }));
    await refused({ servers: url, user: 'alice', pass: 'PW' });
    await refused({ servers: url, user: 'bob', pass: 'pw' });
    await rawRefused(port, '{"verbose":false,"user":"alice","pass":"x"}');
    await rawAccepted(port, '{"verbose":false,"user":"alice","pass":"pw"}');
  });

  void test('users list with plain and bcrypt passwords', async (t) => {
    const hash = hashSync('hashed-pw', 4);
    const { url, port } = await startServer(
      t,
      `authorization { users = [
        { user: plain, password: "plain-pw" }
        { user: hashed, password: "${hash}" }
      ] }`,
    );
    await roundTrip(await v2Client(t, { servers: url, user: 'plain', pass: 'plain-pw' }));
    await roundTrip(await v2Client(t, { servers: url, user: 'hashed', pass: 'hashed-pw' }));
    await refused({ servers: url, user: 'plain', pass: 'hashed-pw' });
    await refused({ servers: url, user: 'hashed', pass: 'plain-pw' });
    // The hash itself is not the password.
    await refused({ servers: url, user: 'hashed', pass: hash });
    await refused({ servers: url, user: 'nobody', pass: 'plain-pw' });
    await rawRefused(port, '{"verbose":false,"user":"hashed","pass":"wrong"}');
    await rawAccepted(port, '{"verbose":false,"user":"hashed","pass":"hashed-pw"}');
  });

  void test('nkeys: a signature over the INFO nonce', async (t) => {
    const user = createUser();
    const stranger = createUser();
    const { url, port } = await startServer(
      t,
      `authorization { users = [ { nkey: ${user.getPublicKey()} } ] }`,
    );
    const nc = await v2Client(t, {
      servers: url,
      authenticator: nkeyAuthenticator(user.getSeed()),
    });
    await roundTrip(nc);
    assert.equal(typeof nc.info?.nonce, 'string');
    await refused({ servers: url, authenticator: nkeyAuthenticator(stranger.getSeed()) });
    await refused({ servers: url });
    // The right key with no signature, or a signature over something else.
    const info = await rawRefused(port, `{"verbose":false,"nkey":"${user.getPublicKey()}"}`);
    assert.match(String(info.nonce), /^[A-Za-z0-9_-]{15}$/);
    const sig = Buffer.from(user.sign(new TextEncoder().encode('not the nonce'))).toString(
      'base64url',
    );
    await rawRefused(port, `{"verbose":false,"nkey":"${user.getPublicKey()}","sig":"${sig}"}`);
  });

  void test('no_auth_user: no credentials means that user, with its permissions', async (t) => {
    const { url, port } = await startServer(
      t,
      `authorization { users = [
        { user: guest, password: guest-pw, permissions: { publish: "public.>", subscribe: "public.>" } }
        { user: admin, password: admin-pw }
      ] }
      no_auth_user: guest`,
    );
    const guest = await v2Client(t, { servers: url });
    assert.equal(guest.info?.auth_required, undefined);
    await roundTrip(guest, 'public.echo');
    // The guest's permissions apply.
    const errors = guest.status();
    guest.publish('private.x');
    for await (const status of errors) {
      assert.equal(status.type, Events.Error);
      assert.equal(status.data, ErrorCode.PermissionsViolation);
      assert.equal(status.permissionContext?.operation, 'publish');
      assert.equal(status.permissionContext.subject, 'private.x');
      break;
    }
    await guest.flush();
    assert.equal(guest.isClosed(), false);
    // Credentials, when given, are checked as usual.
    await roundTrip(
      await v2Client(t, { servers: url, user: 'admin', pass: 'admin-pw' }),
      'private.x',
    );
    await refused({ servers: url, user: 'admin', pass: 'wrong' });
    await refused({ servers: url, user: 'guest', pass: 'wrong' });
    await rawRefused(port, '{"verbose":false,"user":"admin","pass":"guest-pw"}');
    await rawAccepted(port, '{"verbose":false}');
  });
});
