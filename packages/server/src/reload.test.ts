import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawConnect } from './raw-client.js';
import { startServer, testOptions } from './test-support.js';

const LOGIN = 'CONNECT {"verbose":false,"user":"a","pass":"p"}\r\n';

function usersWith(permissions: string, extra = ''): string {
  return `authorization { users = [ { user: a, password: p, permissions: ${permissions} } ] }\n${extra}`;
}

// nats-server's reload applies to connections already open: new permissions,
// new limits, and a subscription the new permissions refuse is dropped.
void describe('reload', () => {
  void test('new permissions apply to an open connection', async (t) => {
    const { server, port } = await startServer(t, usersWith('{ publish: ">", subscribe: ">" }'));
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    client.send(`${LOGIN}SUB secret.x 1\r\nPUB secret.x 1\r\nx\r\nPING\r\n`);
    await client.waitFor(/MSG secret.x 1 1\r\nx\r\nPONG\r\n$/);
    await server.reload(
      testOptions(usersWith('{ publish: { deny: "secret.>" }, subscribe: { deny: "secret.>" } }')),
    );
    client.send('PUB secret.x 1\r\nx\r\nPING\r\n');
    const text = await client.waitFor(/PONG\r\n.*PONG\r\n$/s);
    assert.match(
      text,
      /PONG\r\n-ERR 'Permissions Violation for Subscription to "secret.x" \(sid "1"\)'\r\n-ERR 'Permissions Violation for Publish to "secret.x"'\r\nPONG\r\n$/,
    );
    // The subscription on a now-denied subject is gone: another user's publish would not reach it.
    assert.equal(server.sublist.match('secret.x').plain.length, 0);
  });

  void test('a lower max_pending applies to open connections', async (t) => {
    const { server, port } = await startServer(t);
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    client.send('CONNECT {"verbose":false}\r\nPING\r\n');
    await client.waitFor('PONG\r\n');
    await server.reload(testOptions('max_pending: 1024\nwrite_deadline: "1s"'));
    assert.equal(server.options.maxPending, 1024);
    client.send('SUB big 1\r\nPUB big 2000\r\n' + 'x'.repeat(2000) + '\r\n');
    // One 2000-byte message passes max_pending 1024 for this subscriber: it is
    // cut off as a slow consumer under the new limit.
    await client.closed;
    assert.equal(server.stats.slowConsumers, 1);
  });
});
