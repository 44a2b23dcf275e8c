import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { connect as connectV3 } from '@nats-io/transport-node';
import { createUser } from '@nats-io/nkeys';
import { connect, nkeyAuthenticator, type ConnectionOptions, type NatsConnection } from 'nats';
import { connz } from '../monitor/index.js';
import { rawConnect, type RawClient } from '../raw-client.js';
import { NatsServer } from '../server.js';
import { silentLogger } from '../logger.js';
import { testOptions } from '../test-support.js';
import { serverTls, testdata, tlsBlock } from './fixtures.js';
import { createTlsUpgrade } from './upgrade.js';

const ca = testdata('ca.pem');
const clientCert = { certFile: testdata('client-cert.pem'), keyFile: testdata('client-key.pem') };
const untrusted = {
  certFile: testdata('untrusted-cert.pem'),
  keyFile: testdata('untrusted-key.pem'),
};

async function startTlsServer(
  t: TestContext,
  config: string,
): Promise<{ server: NatsServer; servers: string; port: number; errors: string[] }> {
  const options = testOptions(config);
  const errors: string[] = [];
  const logger = { ...silentLogger, error: (message: string) => errors.push(message) };
  const server = new NatsServer(options, { logger, ...createTlsUpgrade(options, logger) });
  await server.start();
  t.after(() => server.shutdown());
  const port = server.clientAddress.port;
  return { server, servers: `127.0.0.1:${port}`, port, errors };
}

async function natsV2(t: TestContext, options: ConnectionOptions): Promise<NatsConnection> {
  const nc = await connect({ reconnect: false, ...options });
  t.after(() => nc.close());
  return nc;
}

async function raw(t: TestContext, port: number): Promise<{ client: RawClient; info: Info }> {
  const client = await rawConnect(port);
  t.after(() => {
    client.close();
  });
  const line = (await client.waitFor('\r\n')).split('\r\n')[0];
  return { client, info: JSON.parse(line.slice('INFO '.length)) as Info };
}

interface Info {
  tls_required?: boolean;
  tls_verify?: boolean;
  tls_available?: boolean;
}

/** A publish on one connection reaches a subscriber on the other. */
async function roundTrip(from: NatsConnection, to: NatsConnection): Promise<void> {
  const sub = to.subscribe('tls.check', { max: 1 });
  await to.flush();
  from.publish('tls.check', 'hello');
  for await (const msg of sub) assert.equal(msg.string(), 'hello');
}

function kinds(server: NatsServer): string[] {
  return [...server.clients.values()].map((client) => client.origin.kind).sort();
}

void describe('TLS on the client port', () => {
  void test('tls required: INFO says so, and the nats v2 client works over TLS', async (t) => {
    const { server, servers, port } = await startTlsServer(t, tlsBlock(serverTls()));
    const { info } = await raw(t, port);
    assert.equal(info.tls_required, true);
    assert.equal(info.tls_available, undefined);
    assert.equal(info.tls_verify, undefined);
    const a = await natsV2(t, { servers, tls: { caFile: ca } });
    const b = await natsV2(t, { servers, tls: { caFile: ca } });
    assert.equal(a.info?.tls_required, true);
    await roundTrip(a, b);
    assert.deepEqual(kinds(server), ['tls', 'tls']);
    const [first] = connz(server).connections;
    assert.equal(first.tls_version, '1.3');
    assert.match(first.tls_cipher_suite ?? '', /^TLS_/);
  });

  void test('a plaintext client gets INFO, then the connection closes without a word', async (t) => {
    const { server, port, errors } = await startTlsServer(t, tlsBlock(serverTls()));
    const { client } = await raw(t, port);
    const infoText = client.received();
    const localPort = client.socket.localPort ?? 0;
    client.send('CONNECT {"verbose":false}\r\nPING\r\n');
    await client.closed;
    // Go's TLS server drops a non-TLS first record without an alert or -ERR.
    assert.equal(client.received(), infoText);
    assert.deepEqual(errors, [
      `127.0.0.1:${localPort} - TLS handshake error: tls: first record does not look like a TLS handshake`,
    ]);
    assert.equal(server.clients.size, 0);
    // The v2 client, seeing tls_required, tries TLS anyway and rejects the test CA.
    await assert.rejects(connect({ servers: `127.0.0.1:${port}`, reconnect: false }), {
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  void test('a client that does not finish the handshake in tls.timeout is dropped', async (t) => {
    const { port, errors } = await startTlsServer(t, tlsBlock(serverTls({ timeout: 0.2 })));
    const started = Date.now();
    const silent = await raw(t, port);
    const stalled = await raw(t, port);
    stalled.client.send('\x16\x03\x01');
    await Promise.all([silent.client.closed, stalled.client.closed]);
    assert.ok(Date.now() - started >= 150, 'closed before the timeout');
    assert.doesNotMatch(silent.client.received() + stalled.client.received(), /-ERR/);
    assert.equal(errors.filter((e) => e.endsWith('TLS handshake timeout')).length, 2);
  });

  void test('verify: a CA-signed client certificate is accepted, INFO has tls_verify', async (t) => {
    const config = tlsBlock(serverTls({ ca_file: ca, verify: true }));
    const { server, servers, port } = await startTlsServer(t, config);
    assert.equal((await raw(t, port)).info.tls_verify, true);
    const nc = await natsV2(t, { servers, tls: { caFile: ca, ...clientCert } });
    const sub = nc.subscribe('svc', {
      callback: (_, msg) => {
        msg.respond('pong');
      },
    });
    t.after(() => {
      sub.unsubscribe();
    });
    assert.equal((await nc.request('svc', 'ping')).string(), 'pong');
    assert.deepEqual(kinds(server), ['tls']);
  });

  void test('verify: no client certificate fails the handshake', async (t) => {
    const config = tlsBlock(serverTls({ ca_file: ca, verify: true }));
    const { server, servers } = await startTlsServer(t, config);
    // OpenSSL answers with TLS 1.3's certificate_required alert, as Go does.
    await assert.rejects(connect({ servers, reconnect: false, tls: { caFile: ca } }), {
      code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    });
    assert.equal(server.clients.size, 0);
  });

  void test('verify: a certificate from an unknown CA is rejected', async (t) => {
    const config = tlsBlock(serverTls({ ca_file: ca, verify: true }));
    const { server, servers, errors } = await startTlsServer(t, config);
    await assert.rejects(connect({ servers, reconnect: false, tls: { caFile: ca, ...untrusted } }));
    await assert.rejects(
      connectV3({ servers, reconnect: false, tls: { caFile: ca, ...untrusted } }),
    );
    assert.equal(server.clients.size, 0);
    assert.equal(errors.length, 2);
    for (const error of errors) {
      assert.match(error, / - TLS handshake error: unable to verify the first certificate$/);
    }
  });

  void test('allow_non_tls: plaintext and TLS clients both work, INFO says tls_available', async (t) => {
    const config = `${tlsBlock(serverTls({ timeout: 0.2 }))}\nallow_non_tls: true`;
    const { server, servers, port } = await startTlsServer(t, config);
    const { client, info } = await raw(t, port);
    assert.equal(info.tls_required, undefined);
    assert.equal(info.tls_available, true);
    client.send('CONNECT {"verbose":false}\r\nPING\r\n');
    await client.waitFor('PONG\r\n');
    // `tls: null` keeps the v2 client in plaintext when the server offers TLS.
    const plain = await natsV2(t, { servers, tls: null });
    const secure = await natsV2(t, { servers, tls: { caFile: ca } });
    await roundTrip(plain, secure);
    await roundTrip(secure, plain);
    assert.deepEqual(kinds(server), ['tcp', 'tcp', 'tls']);
    // A client silent past the TLS timeout is taken as plaintext, as nats-server does.
    const quiet = await raw(t, port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    quiet.client.send('CONNECT {"verbose":false}\r\nPING\r\n');
    await quiet.client.waitFor('PONG\r\n');
  });

  void test('the v3 client (@nats-io/transport-node) with a client certificate', async (t) => {
    const config = tlsBlock(serverTls({ ca_file: ca, verify: true }));
    const { servers } = await startTlsServer(t, config);
    const nc = await connectV3({ servers, reconnect: false, tls: { caFile: ca, ...clientCert } });
    t.after(() => nc.close());
    assert.equal(nc.info?.tls_required, true);
    const sub = nc.subscribe('v3.svc', {
      callback: (_, msg) => {
        msg.respond(`re:${msg.string()}`);
      },
    });
    t.after(() => {
      sub.unsubscribe();
    });
    assert.equal((await nc.request('v3.svc', 'hi')).string(), 're:hi');
    await assert.rejects(connectV3({ servers, reconnect: false, tls: { caFile: ca } }));
  });

  // The INFO sent before the handshake carries the nonce the connection then
  // checks the signature against.
  void test('an nkey user authenticates over TLS', async (t) => {
    const user = createUser();
    const auth = `authorization { users: [ { nkey: "${user.getPublicKey()}" } ] }`;
    const { servers } = await startTlsServer(t, `${tlsBlock(serverTls())}\n${auth}`);
    const authenticator = nkeyAuthenticator(user.getSeed());
    await natsV2(t, { servers, tls: { caFile: ca }, authenticator });
  });
});
