import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser, type KeyPair } from '@nats-io/nkeys';
import type { ConnectOptions } from '@tsnats/codec';
import { zeroOptions, type ServerOptions, type User } from '@tsnats/config';
import { hashSync } from 'bcrypt';
import { Authenticator } from './authenticator.js';

function options(edit: (o: ServerOptions) => void): ServerOptions {
  const o = zeroOptions();
  edit(o);
  return o;
}

function user(fields: Partial<User>): User {
  return { user: '', password: '', nkey: '', untyped: {}, ...fields };
}

function connect(fields: Partial<ConnectOptions> = {}): ConnectOptions {
  return { verbose: false, pedantic: false, tls_required: false, ...fields };
}

function signed(kp: KeyPair, nonce: string, encoding: BufferEncoding = 'base64url'): string {
  return Buffer.from(kp.sign(new TextEncoder().encode(nonce))).toString(encoding);
}

const HASH = hashSync('s3cret', 4);

void describe('Authenticator without auth configured', () => {
  const a = new Authenticator(zeroOptions());

  void test('requires nothing and accepts anyone, credentials or not', async () => {
    assert.equal(a.required, false);
    assert.equal(a.needsNonce, false);
    const nobody = { name: '', permissions: undefined };
    assert.deepEqual(await a.authenticate(connect(), undefined), nobody);
    assert.deepEqual(await a.authenticate(connect({ user: 'x', pass: 'y' }), undefined), nobody);
  });
});

void describe('token', () => {
  void test('plain and bcrypt tokens', async () => {
    for (const token of ['t0k3n', hashSync('t0k3n', 4)]) {
      const a = new Authenticator(options((o) => (o.authorization.token = token)));
      assert.equal(a.required, true);
      assert.deepEqual(await a.authenticate(connect({ auth_token: 't0k3n' }), undefined), {
        name: '',
        permissions: undefined,
      });
      assert.equal(await a.authenticate(connect({ auth_token: 'wrong' }), undefined), undefined);
      assert.equal(await a.authenticate(connect(), undefined), undefined);
      assert.equal(
        await a.authenticate(connect({ user: 'x', pass: 't0k3n' }), undefined),
        undefined,
      );
    }
  });
});

void describe('single user and password', () => {
  void test('plain and bcrypt passwords', async () => {
    for (const password of ['s3cret', HASH]) {
      const a = new Authenticator(
        options((o) => Object.assign(o.authorization, { user: 'alice', password })),
      );
      assert.equal(a.required, true);
      const ok = await a.authenticate(connect({ user: 'alice', pass: 's3cret' }), undefined);
      assert.deepEqual(ok, { name: 'alice', permissions: undefined });
      assert.equal(
        await a.authenticate(connect({ user: 'alice', pass: 'x' }), undefined),
        undefined,
      );
      assert.equal(
        await a.authenticate(connect({ user: 'bob', pass: 's3cret' }), undefined),
        undefined,
      );
      assert.equal(await a.authenticate(connect({ pass: 's3cret' }), undefined), undefined);
    }
  });
});

void describe('users', () => {
  const permissions = { publish: { allow: ['a.>'] } };
  const a = new Authenticator(
    options((o) => {
      o.authorization.users = [
        user({ user: 'plain', password: 'pw', permissions }),
        user({ user: 'hashed', password: HASH }),
        user({
          user: 'responder',
          password: 'pw',
          permissions: { allowResponses: { max: 0, expiresMs: 0 } },
        }),
      ];
    }),
  );

  void test('plain password, with the user`s permissions', async () => {
    assert.equal(a.required, true);
    assert.equal(a.needsNonce, false);
    assert.deepEqual(await a.authenticate(connect({ user: 'plain', pass: 'pw' }), undefined), {
      name: 'plain',
      permissions,
    });
    assert.equal(
      await a.authenticate(connect({ user: 'plain', pass: 'pw2' }), undefined),
      undefined,
    );
  });

  void test('bcrypt password', async () => {
    const ok = await a.authenticate(connect({ user: 'hashed', pass: 's3cret' }), undefined);
    assert.equal(ok?.name, 'hashed');
    assert.equal(
      await a.authenticate(connect({ user: 'hashed', pass: HASH }), undefined),
      undefined,
    );
  });

  void test('unknown user, or none', async () => {
    assert.equal(await a.authenticate(connect({ user: 'eve', pass: 'pw' }), undefined), undefined);
    assert.equal(await a.authenticate(connect(), undefined), undefined);
    assert.equal(await a.authenticate(connect({ auth_token: 'pw' }), undefined), undefined);
  });

  void test('permissions come with allow_responses defaults applied', async () => {
    const r = await a.authenticate(connect({ user: 'responder', pass: 'pw' }), undefined);
    assert.deepEqual(r?.permissions, {
      publish: { allow: [] },
      allowResponses: { max: 1, expiresMs: 120_000 },
    });
  });
});

void describe('nkey users', () => {
  const kp = createUser();
  const pub = kp.getPublicKey();
  const permissions = { subscribe: { deny: ['x'] } };
  const a = new Authenticator(
    options((o) => {
      o.authorization.users = [
        user({ nkey: pub, permissions }),
        user({ user: 'u', password: 'pw' }),
      ];
    }),
  );

  void test('a signature over the nonce, base64url or std', async () => {
    assert.equal(a.required, true);
    assert.equal(a.needsNonce, true);
    const nonce = a.newNonce();
    for (const encoding of ['base64url', 'base64'] as const) {
      const sig = signed(kp, nonce, encoding);
      assert.deepEqual(await a.authenticate(connect({ nkey: pub, sig }), nonce), {
        name: pub,
        permissions,
      });
    }
  });

  void test('bad signature, another nonce, no signature, unknown key', async () => {
    const nonce = a.newNonce();
    const other = createUser();
    const fail = async (c: ConnectOptions, n: string | undefined) => {
      assert.equal(await a.authenticate(c, n), undefined);
    };
    await fail(connect({ nkey: pub, sig: signed(other, nonce) }), nonce);
    await fail(connect({ nkey: pub, sig: signed(kp, nonce) }), a.newNonce());
    await fail(connect({ nkey: pub, sig: signed(kp, nonce) }), undefined);
    await fail(connect({ nkey: pub }), nonce);
    await fail(connect({ nkey: other.getPublicKey(), sig: signed(other, nonce) }), nonce);
    // An unknown nkey fails at once, whatever else the CONNECT holds.
    await fail(connect({ nkey: 'garbage', sig: signed(kp, nonce), user: 'u', pass: 'pw' }), nonce);
  });

  void test('password users still sign in beside nkey users', async () => {
    const r = await a.authenticate(connect({ user: 'u', pass: 'pw' }), a.newNonce());
    assert.equal(r?.name, 'u');
  });

  void test('a CONNECT nkey means nothing without nkey users', async () => {
    const b = new Authenticator(
      options((o) => (o.authorization.users = [user({ user: 'u', password: 'pw' })])),
    );
    const r = await b.authenticate(connect({ nkey: pub, user: 'u', pass: 'pw' }), undefined);
    assert.equal(r?.name, 'u');
  });
});

void describe('no_auth_user', () => {
  const kp = createUser();
  const guestPermissions = { publish: { allow: ['public.>'] } };
  const users = [
    user({ user: 'guest', password: 'pw', permissions: guestPermissions }),
    user({ user: 'admin', password: 'root' }),
    user({ user: 'hashed', password: HASH }),
    user({ nkey: kp.getPublicKey() }),
  ];
  const make = (noAuthUser: string) =>
    new Authenticator(
      options((o) => {
        o.authorization.users = users;
        o.noAuthUser = noAuthUser;
      }),
    );

  void test('a CONNECT without credentials is that user', async () => {
    const r = await make('guest').authenticate(connect(), undefined);
    assert.deepEqual(r, { name: 'guest', permissions: guestPermissions });
  });

  void test('a CONNECT with credentials goes through the normal checks', async () => {
    const a = make('guest');
    assert.equal(
      (await a.authenticate(connect({ user: 'admin', pass: 'root' }), undefined))?.name,
      'admin',
    );
    assert.equal(
      await a.authenticate(connect({ user: 'admin', pass: 'bad' }), undefined),
      undefined,
    );
    assert.equal(await a.authenticate(connect({ pass: 'pw' }), undefined), undefined);
    assert.equal(await a.authenticate(connect({ auth_token: 'x' }), undefined), undefined);
  });

  void test('an nkey no_auth_user needs no signature', async () => {
    const pub = kp.getPublicKey();
    const a = make(pub);
    assert.equal((await a.authenticate(connect(), a.newNonce()))?.name, pub);
    assert.equal((await a.authenticate(connect({ nkey: pub }), a.newNonce()))?.name, pub);
  });

  void test('a bcrypt no_auth_user fails, as in nats-server (hash checked against itself)', async () => {
    assert.equal(await make('hashed').authenticate(connect(), undefined), undefined);
  });

  void test('must name a configured user or nkey', () => {
    assert.throws(() => make('nobody'), {
      message:
        'no_auth_user: "nobody" not present as user or nkey in authorization block or account configuration',
    });
    assert.throws(() => new Authenticator(options((o) => (o.noAuthUser = 'guest'))), {
      message: 'no_auth_user: "guest" present, but users/nkeys are not defined',
    });
  });
});

void describe('allowed_connection_types', () => {
  const typed = (value: string | string[]) =>
    new Authenticator(
      options((o) => {
        o.authorization.users = [
          user({ user: 'u', password: 'pw', untyped: { Allowed_Connection_Types: value } }),
        ];
      }),
    );

  void test('limits the user to those types, in any case', async () => {
    const a = typed(['websocket']);
    const c = connect({ user: 'u', pass: 'pw' });
    assert.equal(await a.authenticate(c, undefined), undefined);
    assert.equal(await a.authenticate(c, undefined, 'STANDARD'), undefined);
    assert.equal((await a.authenticate(c, undefined, 'WEBSOCKET'))?.name, 'u');
    assert.equal((await typed('STANDARD').authenticate(c, undefined))?.name, 'u');
  });

  void test('unknown types are refused as nats-server refuses the config', () => {
    assert.throws(() => typed(['STANDARD', 'carrier pigeon']), {
      message: 'invalid connection types ["CARRIER PIGEON"]',
    });
  });
});
