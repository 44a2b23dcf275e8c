import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isValidPublicUserKey,
  isValidSubject,
  loadOptionsFromConfig,
  parseConfig,
  type LoadResult,
} from '../index.js';

const NKEY = 'UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4';
const BCRYPT = '$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG';

function load(text: string): LoadResult {
  return loadOptionsFromConfig(parseConfig(text, { filename: 'auth.conf' }));
}

function errors(text: string): string[] {
  return load(text).errors.map((e) => e.message);
}

function clean(text: string): LoadResult['options'] {
  const r = load(text);
  assert.deepEqual(
    [...r.errors, ...r.warnings].map((e) => e.message),
    [],
  );
  return r.options;
}

void describe('authorization', () => {
  void test('token, user/password, timeout', () => {
    let a = clean('authorization { token: s3cr3t, timeout: 5 }').authorization;
    assert.deepEqual([a.token, a.user, a.password, a.timeoutSeconds], ['s3cr3t', '', '', 5]);
    a = clean('authorization { user: derek, password: pw, timeout: 0.5 }').authorization;
    assert.deepEqual([a.user, a.password, a.timeoutSeconds], ['derek', 'pw', 0.5]);
    a = clean('authorization { username: u, pass: p }').authorization;
    assert.deepEqual([a.user, a.password, a.timeoutSeconds], ['u', 'p', 2]);
  });

  void test('users, with bcrypt passwords kept verbatim, and nkey users', () => {
    const a = clean(`authorization {
      users = [
        { user: admin, password: ${BCRYPT} }
        { username: svc, pass: "plain" }
        { nkey: ${NKEY} }
      ]
    }`).authorization;
    assert.deepEqual(
      a.users.map((u) => [u.user, u.password, u.nkey]),
      [
        ['admin', BCRYPT, ''],
        ['svc', 'plain', ''],
        ['', '', NKEY],
      ],
    );
  });

  void test('default permissions go to users without their own', () => {
    const a = clean(`authorization {
      default_permissions { publish: "public.>" }
      users: [
        { user: a, password: a }
        { user: b, password: b, permissions: { subscribe: "b.>" } }
      ]
    }`).authorization;
    assert.deepEqual(a.defaultPermissions, { publish: { allow: ['public.>'] } });
    assert.deepEqual(a.users[0].permissions, { publish: { allow: ['public.>'] } });
    assert.deepEqual(a.users[1].permissions, { subscribe: { allow: ['b.>'] } });
    assert.deepEqual(
      clean('authorization { permissions: { pub: x }, users: [{user: c}] }').authorization.users[0]
        .permissions,
      { publish: { allow: ['x'] } },
    );
  });

  void test("nats-server's consistency checks", () => {
    assert.deepEqual(errors('authorization { user: a, token: t }'), [
      'auth.conf:1:1: authorization: Cannot have a user/pass and token',
    ]);
    assert.deepEqual(errors('authorization { user: a, users: [{user: b}] }'), [
      'auth.conf:1:1: authorization: Can not have a single user/pass and a users array',
    ]);
    assert.deepEqual(errors('authorization { token: t, users: [] }'), [
      'auth.conf:1:1: authorization: Can not have a token and a users array',
    ]);
    assert.deepEqual(errors('authorization { users: [{user: a}, {user: a}] }'), [
      'auth.conf:1:1: authorization: Duplicate user "a" detected',
    ]);
    assert.deepEqual(errors('authorization {\n  users: [\n    { password: x }\n  ]\n}'), [
      'auth.conf:3:5: authorization.users[0]: User entry requires a user',
    ]);
    assert.deepEqual(errors('authorization { users: [{ nkey: UABC }] }'), [
      'auth.conf:1:25: authorization.users[0]: Not a valid public nkey for a user',
    ]);
    assert.deepEqual(errors(`authorization { users: [{ nkey: ${NKEY}, user: x }] }`), [
      'auth.conf:1:25: authorization.users[0]: Nkey users do not take usernames or passwords',
    ]);
    assert.deepEqual(errors('authorization { users: { user: a } }'), [
      'auth.conf:1:17: authorization.users: Expected users field to be an array, got a map',
    ]);
    assert.deepEqual(errors('authorization { users: [ x ] }'), [
      'auth.conf:1:26: authorization.users[0]: Expected user entry to be a map/struct, got "x"',
    ]);
    assert.deepEqual(errors('authorization {\n  tken: x\n}'), [
      'auth.conf:2:3: authorization: unknown field "tken"',
    ]);
    assert.deepEqual(errors('authorization { users: [{ user: a, pasword: b }] }'), [
      'auth.conf:1:36: authorization.users[0]: unknown field "pasword"',
    ]);
    assert.deepEqual(errors('authorization { timeout: "5s" }'), [
      'auth.conf:1:17: authorization.timeout: expected a number, got "5s"',
    ]);
    assert.deepEqual(errors('authorization: 5'), [
      'auth.conf:1:1: authorization: expected a map to define authorization, got 5',
    ]);
  });
});

void describe('permissions', () => {
  function perms(text: string): unknown {
    const o = clean(`authorization { users: [ { user: u, permissions: ${text} } ] }`);
    return o.authorization.users[0].permissions;
  }

  void test('a subject, an array of subjects, or allow and deny', () => {
    assert.deepEqual(perms('{ publish: "a.b" }'), { publish: { allow: ['a.b'] } });
    assert.deepEqual(perms('{ subscribe: ["a.*", "b.>"] }'), {
      subscribe: { allow: ['a.*', 'b.>'] },
    });
    assert.deepEqual(perms('{ publish: { allow: ["a.>"], deny: "a.secret" } }'), {
      publish: { allow: ['a.>'], deny: ['a.secret'] },
    });
    assert.deepEqual(perms('{ subscribe: { deny: [x] } }'), { subscribe: { deny: ['x'] } });
    assert.deepEqual(perms('{ pub: a, sub: b }'), {
      publish: { allow: ['a'] },
      subscribe: { allow: ['b'] },
    });
    assert.deepEqual(perms('{ import: a, export: b }'), {
      publish: { allow: ['a'] },
      subscribe: { allow: ['b'] },
    });
    assert.deepEqual(perms('{ subscribe: "jobs.* workers" }'), {
      subscribe: { allow: ['jobs.* workers'] },
    });
    assert.deepEqual(perms('{ publish: {} }'), {}, 'an empty map sets nothing');
  });

  void test('allow_responses: true, false, or { max, expires }', () => {
    assert.deepEqual(perms('{ allow_responses: true }'), {
      allowResponses: { max: 1, expiresMs: 120_000 },
      publish: { allow: [] },
    });
    assert.deepEqual(perms('{ allow_responses: false }'), {});
    assert.deepEqual(perms('{ publish: "x", allow_responses: { max: 5, expires: "1m" } }'), {
      publish: { allow: ['x'] },
      allowResponses: { max: 5, expiresMs: 60_000 },
    });
    assert.deepEqual(perms('{ publish_allow_responses: { max_msgs: -1, ttl: "0s" } }'), {
      allowResponses: { max: -1, expiresMs: 120_000 },
      publish: { allow: [] },
    });
  });

  void test('bad permissions, with their positions', () => {
    const at = 'authorization { users: [ { user: u, permissions: ';
    assert.deepEqual(errors(`${at}{ publish: "a..b" } } ] }`), [
      'auth.conf:1:52: authorization.users[0].permissions.publish: subject "a..b" is not a valid subject',
    ]);
    assert.deepEqual(errors(`${at}{ publish: [a, 1,] } } ] }`), [
      'auth.conf:1:65: authorization.users[0].permissions.publish[1]: Subject in permissions array cannot be cast to string',
    ]);
    assert.deepEqual(errors(`${at}{ publish: { allw: a } } } ] }`), [
      `auth.conf:1:63: authorization.users[0].permissions.publish.allw: Unknown field name "allw" parsing subject permissions, only 'allow' or 'deny' are permitted`,
    ]);
    assert.deepEqual(errors(`${at}{ publsh: a } } ] }`), [
      'auth.conf:1:52: authorization.users[0].permissions.publsh: Unknown field "publsh" parsing permissions',
    ]);
    assert.deepEqual(errors(`${at}{ allow_responses: { expires: 5 } } } ] }`), [
      'auth.conf:1:71: authorization.users[0].permissions.allow_responses.expires: error parsing expires, not a duration string',
    ]);
    assert.deepEqual(errors(`${at}{ allow_responses: "yes" } } ] }`), [
      'auth.conf:1:52: authorization.users[0].permissions.allow_responses: error parsing response permissions, expected a boolean or a map',
    ]);
    assert.deepEqual(errors(`${at}x } ] }`), [
      'auth.conf:1:37: authorization.users[0].permissions: Expected permissions to be a map/struct, got "x"',
    ]);
  });
});

void test('subjects and nkeys are checked as nats-server checks them', () => {
  for (const s of ['a', 'a.b', 'a.*', '>', 'a.>', '*.*', 'a-b_c']) assert.ok(isValidSubject(s), s);
  for (const s of ['', '.', 'a.', '.a', 'a..b', '>.a', 'a b', 'a.\tb']) {
    assert.ok(!isValidSubject(s), JSON.stringify(s));
  }
  assert.ok(isValidPublicUserKey(NKEY));
  assert.ok(!isValidPublicUserKey(NKEY.slice(0, -1) + '5'), 'bad checksum');
  assert.ok(!isValidPublicUserKey('A' + NKEY.slice(1)), 'not a user key');
  assert.ok(!isValidPublicUserKey(NKEY.toLowerCase()));
});
