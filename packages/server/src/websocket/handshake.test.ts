import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, test } from 'node:test';
import { checkUpgradeRequest, hostAndPort, OriginPolicy } from './handshake.js';

const UPGRADE: IncomingHttpHeaders = {
  host: 'nats.example.com:8080',
  upgrade: 'websocket',
  connection: 'keep-alive, Upgrade',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'sec-websocket-version': '13',
};

function origins(sameOrigin: boolean, allowedOrigins: string[] = []): OriginPolicy {
  return new OriginPolicy({ sameOrigin, allowedOrigins });
}

void describe('websocket upgrade checks', () => {
  void test("the RFC 6455 checks, in nats-server's order and words", () => {
    const open = origins(false);
    const check = (method: string, headers: IncomingHttpHeaders): unknown =>
      checkUpgradeRequest({ method, headers }, open, false);
    assert.equal(check('GET', UPGRADE), undefined);
    assert.deepEqual(check('POST', UPGRADE), {
      status: 405,
      reason: 'request method must be GET',
    });
    const without = (name: string): IncomingHttpHeaders =>
      Object.fromEntries(Object.entries(UPGRADE).filter(([key]) => key !== name));
    assert.deepEqual(check('GET', without('host')), {
      status: 400,
      reason: "'Host' missing in request",
    });
    assert.deepEqual(check('GET', without('upgrade')), {
      status: 400,
      reason: "invalid value for header 'Upgrade'",
    });
    assert.deepEqual(check('GET', { ...UPGRADE, connection: 'keep-alive' }), {
      status: 400,
      reason: "invalid value for header 'Connection'",
    });
    assert.deepEqual(check('GET', without('sec-websocket-key')), {
      status: 400,
      reason: 'key missing',
    });
    assert.deepEqual(check('GET', { ...UPGRADE, 'sec-websocket-version': '8' }), {
      status: 400,
      reason: 'invalid version',
    });
  });

  void test('same_origin compares scheme-default ports and lowercased hosts', () => {
    const same = origins(true);
    const verdict = (origin: string | undefined, host: string, secure = false): unknown =>
      checkUpgradeRequest({ method: 'GET', headers: { ...UPGRADE, host, origin } }, same, secure)
        ?.reason;
    assert.equal(verdict(undefined, 'a.com'), undefined, 'no Origin: not a browser, allowed');
    assert.equal(verdict('http://A.com', 'a.com:80'), undefined);
    assert.equal(verdict('https://a.com', 'a.com', true), undefined);
    assert.equal(verdict('https://a.com', 'a.com'), 'origin not allowed: not same origin');
    assert.equal(verdict('http://b.com:80', 'a.com:80'), 'origin not allowed: not same origin');
    assert.equal(
      verdict('null', 'a.com'),
      'origin not allowed: parse "null": invalid URI for request',
    );
  });

  void test('allowed_origins needs the host, scheme and port to match one entry', () => {
    const list = origins(false, ['http://example.com', 'https://Secure.example.com:8443']);
    const check = (origin: string): string | undefined => list.check({ origin }, false);
    assert.equal(check('http://example.com'), undefined);
    assert.equal(check('http://user@EXAMPLE.com:80/path'), undefined);
    assert.equal(check('https://secure.example.com:8443'), undefined);
    assert.equal(check('https://example.com'), 'not in the allowed list');
    assert.equal(check('http://example.com:8080'), 'not in the allowed list');
    assert.equal(check('https://secure.example.com'), 'not in the allowed list');
    assert.equal(check('http://evil.com'), 'not in the allowed list');
  });

  void test('an allowed origin nats-server cannot parse is logged and skipped', () => {
    const errors: string[] = [];
    const logger = {
      notice: () => undefined,
      warn: () => undefined,
      error: (message: string) => errors.push(message),
      debug: () => undefined,
      trace: () => undefined,
    };
    const list = new OriginPolicy({ sameOrigin: false, allowedOrigins: ['example.com'] }, logger);
    assert.deepEqual(errors, [
      'error parsing allowed origin: parse "example.com": invalid URI for request',
    ]);
    // With no usable entry left, nats-server checks nothing.
    assert.equal(list.check({ origin: 'http://evil.com' }, false), undefined);
  });

  void test("hostAndPort follows Go's SplitHostPort", () => {
    assert.deepEqual(hostAndPort(false, 'A.com'), ['a.com', '80']);
    assert.deepEqual(hostAndPort(true, 'a.com'), ['a.com', '443']);
    assert.deepEqual(hostAndPort(false, '[::1]:4443'), ['::1', '4443']);
    assert.deepEqual(hostAndPort(false, '[::1]'), ['[::1]', '80']);
    assert.equal(hostAndPort(false, '::1')[2], 'address ::1: too many colons in address');
  });
});
