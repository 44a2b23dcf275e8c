import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser } from '@nats-io/nkeys';
import { hashSync } from 'bcrypt';
import {
  decodeSignature,
  isBcrypt,
  newNonce,
  PasswordChecker,
  verifyNonceSignature,
} from './credentials.js';

void describe('newNonce', () => {
  void test('15 base64 raw URL characters (11 bytes), different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const n = newNonce();
      assert.match(n, /^[A-Za-z0-9_-]{15}$/);
      assert.equal(Buffer.from(n, 'base64url').length, 11);
      seen.add(n);
    }
    assert.equal(seen.size, 100);
  });
});

void describe('isBcrypt', () => {
  void test('the prefixes auth.go recognises', () => {
    for (const h of ['$2a$10$x', '$2b$04$', '$2x$12$y', '$2y$31$z']) assert.ok(isBcrypt(h), h);
    for (const h of ['$2c$10$x', '$2a$1$x', '$2$10$x', 'x$2a$10$', '$2a10$']) {
      assert.ok(!isBcrypt(h), h);
    }
  });
});

void describe('decodeSignature', () => {
  const bytes = Uint8Array.from({ length: 64 }, (_, i) => i * 4 + 3);
  const url = Buffer.from(bytes).toString('base64url');
  const std = Buffer.from(bytes).toString('base64');

  void test('raw URL encoding first, standard encoding as the fallback', () => {
    assert.notEqual(url, std);
    assert.deepEqual(decodeSignature(url), Buffer.from(bytes));
    assert.deepEqual(decodeSignature(std), Buffer.from(bytes));
  });

  void test('CR and LF are skipped, as by Go`s decoders', () => {
    assert.deepEqual(
      decodeSignature(`${url.slice(0, 10)}\r\n${url.slice(10)}`),
      Buffer.from(bytes),
    );
  });

  void test('what neither encoding takes', () => {
    for (const s of ['a', 'abcde', 'ab=', 'ab==x', 'a+b_', 'ab!c', url + '=']) {
      assert.equal(decodeSignature(s), undefined, s);
    }
  });
});

void describe('verifyNonceSignature', () => {
  const kp = createUser();
  const pub = kp.getPublicKey();
  const nonce = newNonce();
  const sig = kp.sign(new TextEncoder().encode(nonce));

  void test('a signature over the nonce text, in either encoding', () => {
    assert.ok(verifyNonceSignature(pub, Buffer.from(sig).toString('base64url'), nonce));
    assert.ok(verifyNonceSignature(pub, Buffer.from(sig).toString('base64'), nonce));
  });

  void test('fails for another nonce, key, or a damaged or missing signature', () => {
    const good = Buffer.from(sig).toString('base64url');
    assert.ok(!verifyNonceSignature(pub, good, newNonce()));
    assert.ok(!verifyNonceSignature(createUser().getPublicKey(), good, nonce));
    const damaged = Buffer.from(sig);
    damaged[0] ^= 1;
    assert.ok(!verifyNonceSignature(pub, damaged.toString('base64url'), nonce));
    assert.ok(!verifyNonceSignature(pub, good.slice(0, 40), nonce), 'too short');
    assert.ok(!verifyNonceSignature(pub, '', nonce));
    assert.ok(!verifyNonceSignature(pub, '!!', nonce));
    assert.ok(!verifyNonceSignature('not-a-key', good, nonce));
  });
});

void describe('PasswordChecker', () => {
  const hash = hashSync('s3cret', 4);

  void test('plain passwords compare exactly', async () => {
    const c = new PasswordChecker();
    assert.ok(await c.matches('pw', 'pw'));
    assert.ok(!(await c.matches('pw', 'pW')));
    assert.ok(!(await c.matches('pw', 'pw2')));
    assert.ok(!(await c.matches('pw', '')));
    assert.ok(await c.matches('päss', 'päss'));
  });

  void test('bcrypt hashes, whatever the minor version', async () => {
    const c = new PasswordChecker();
    for (const minor of ['a', 'b', 'x', 'y']) {
      const h = `$2${minor}$` + hash.slice(4);
      assert.ok(await c.matches(h, 's3cret'), minor);
      assert.ok(!(await c.matches(h, 'wrong')), minor);
    }
  });

  void test('a malformed hash fails without throwing', async () => {
    const c = new PasswordChecker();
    assert.ok(!(await c.matches('$2a$99$' + hash.slice(7), 's3cret')));
    assert.ok(!(await c.matches('$2a$10$short', 's3cret')));
  });

  void test('a successful bcrypt check is remembered, a failed one is not', async () => {
    const slow = hashSync('s3cret', 10);
    const c = new PasswordChecker();
    let t = performance.now();
    assert.ok(await c.matches(slow, 's3cret'));
    const first = performance.now() - t;
    t = performance.now();
    assert.ok(await c.matches(slow, 's3cret'));
    const second = performance.now() - t;
    assert.ok(second * 10 < first, `first ${first} ms, then ${second} ms`);
    assert.ok(!(await c.matches(slow, 's3cret ')));
  });

  void test('concurrent checks of one pair share a run', async () => {
    const slow = hashSync('s3cret', 10);
    let t = performance.now();
    assert.ok(await new PasswordChecker().matches(slow, 's3cret'));
    const one = performance.now() - t;
    const c = new PasswordChecker();
    t = performance.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.matches(slow, 's3cret')));
    const twenty = performance.now() - t;
    assert.ok(results.every(Boolean));
    assert.ok(twenty < one * 5, `one check ${one} ms, twenty at once ${twenty} ms`);
  });
});
