import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testOptions } from '../test-support.js';
import { loadTls, TlsConfigError } from './context.js';
import { testdata, tlsBlock } from './fixtures.js';
import { createTlsUpgrade } from './upgrade.js';

/** Calls createTlsUpgrade as the app does and returns the error it throws. */
function creationError(fields: Record<string, string | boolean | number>): TlsConfigError {
  try {
    createTlsUpgrade(testOptions(tlsBlock(fields)));
  } catch (error) {
    assert.ok(error instanceof TlsConfigError, String(error));
    return error;
  }
  assert.fail('createTlsUpgrade accepted a bad tls block');
}

const cert = testdata('server-cert.pem');
const key = testdata('server-key.pem');

void describe('loading the tls block', () => {
  void test('valid files load; verify and the timeout carry over', () => {
    const loaded = loadTls({
      certFile: cert,
      keyFile: key,
      caFile: testdata('ca.pem'),
      verify: true,
      timeoutSeconds: 0.5,
      untyped: {},
    });
    assert.equal(loaded.verify, true);
    assert.equal(loaded.timeoutMs, 500);
    assert.equal(loaded.serverOptions.requestCert, true);
    assert.equal(loaded.serverOptions.rejectUnauthorized, true);
    // nats-server's default handshake timeout is 2 s.
    const defaults = createTlsUpgrade(testOptions(tlsBlock({ cert_file: cert, key_file: key })));
    assert.deepEqual(defaults.tlsInfo, { required: true, verify: false, available: false });
  });

  void test('a missing file is named in the error, at creation', () => {
    const missing = testdata('no-such-cert.pem');
    const error = creationError({ cert_file: missing, key_file: key });
    assert.match(error.message, /^tls: cannot read cert_file ".*no-such-cert\.pem": ENOENT/);
    const noKey = creationError({ cert_file: cert, key_file: testdata('nope-key.pem') });
    assert.match(noKey.message, /cannot read key_file ".*nope-key\.pem"/);
    const noCa = creationError({ cert_file: cert, key_file: key, ca_file: testdata('nope.pem') });
    assert.match(noCa.message, /cannot read ca_file ".*nope\.pem"/);
  });

  void test('invalid or mismatched contents are named in the error', () => {
    const readme = testdata('README.md');
    assert.match(
      creationError({ cert_file: readme, key_file: key }).message,
      /cert_file ".*README\.md" holds no PEM certificate/,
    );
    assert.match(
      creationError({ cert_file: cert, key_file: readme }).message,
      /key_file ".*README\.md" holds no usable private key/,
    );
    assert.match(
      creationError({ cert_file: cert, key_file: testdata('client-key.pem') }).message,
      /private key in key_file ".*client-key\.pem" does not match the certificate in cert_file ".*server-cert\.pem"/,
    );
    assert.match(
      creationError({ cert_file: cert, key_file: key, ca_file: readme }).message,
      /failed to parse root ca certificate in ca_file ".*README\.md"/,
    );
    // GenTLSConfig's own texts for a half-configured pair.
    assert.match(creationError({ cert_file: cert }).message, /missing 'key_file'/);
    assert.match(creationError({ key_file: key }).message, /missing 'cert_file'/);
  });
});
