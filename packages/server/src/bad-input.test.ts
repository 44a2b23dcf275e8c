// Bad input over raw sockets gets what nats-server 2.9/2.10 gives, byte for byte,
// and never disturbs the other connections.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { CloseReason } from './close-reason.js';
import { rawConnect, type RawClient } from './raw-client.js';
import { startServer } from './test-support.js';

const INFO = /^INFO \{[^\r\n]*\} ?\r\n/;

async function raw(t: TestContext, port: number): Promise<RawClient> {
  const c = await rawConnect(port);
  t.after(() => {
    c.close();
  });
  return c;
}

/** What came after INFO. */
function afterInfo(c: RawClient): string {
  const text = c.received();
  assert.match(text, INFO);
  return text.replace(INFO, '');
}

/** A connection that subscribed to `subject` and proved it with a PONG. */
async function subscriber(t: TestContext, port: number, subject: string): Promise<RawClient> {
  const c = await raw(t, port);
  c.send(`CONNECT {"verbose":false}\r\nSUB ${subject} 1\r\nPING\r\n`);
  await c.waitFor('PONG\r\n');
  return c;
}

/** Sends `text`, waits for the close, and returns what came after INFO. */
async function sendUntilClosed(c: RawClient, text: string): Promise<string> {
  c.send(text);
  await c.closed;
  return afterInfo(c);
}

void describe('bad input', () => {
  void test('garbage: Unknown Protocol Operation and a close; others keep working', async (t) => {
    const { port, server } = await startServer(t);
    const other = await subscriber(t, port, 'still.here');
    const bad = await raw(t, port);
    assert.equal(
      await sendUntilClosed(bad, 'CONNECT {"verbose":false}\r\nXYZZY\r\n'),
      "-ERR 'Unknown Protocol Operation'\r\n",
    );
    assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.ParseError);
    // Garbage before any CONNECT too.
    const early = await raw(t, port);
    assert.equal(
      await sendUntilClosed(early, 'HELLO\r\n'),
      "-ERR 'Unknown Protocol Operation'\r\n",
    );
    const pub = await raw(t, port);
    pub.send('CONNECT {"verbose":false}\r\nPUB still.here 2\r\nok\r\nPING\r\n');
    await pub.waitFor('PONG\r\n');
    other.send('PING\r\n');
    assert.equal(
      (await other.waitFor(/PONG\r\n[^]*PONG\r\n$/)).replace(INFO, ''),
      'PONG\r\nMSG still.here 1 2\r\nok\r\nPONG\r\n',
    );
  });

  void test('ops before the bad one in the same read are handled first, as nats-server does', async (t) => {
    const { port } = await startServer(t);
    const sub = await subscriber(t, port, 'foo');
    const bad = await raw(t, port);
    // All in one write: the publish is delivered and the PING answered before the error.
    assert.equal(
      await sendUntilClosed(bad, 'CONNECT {"verbose":false}\r\nPUB foo 2\r\nhi\r\nPING\r\nXYZ\r\n'),
      "PONG\r\n-ERR 'Unknown Protocol Operation'\r\n",
    );
    await sub.waitFor('MSG foo 1 2\r\nhi\r\n');
    // Likewise for errors that close without a word.
    const quiet = await raw(t, port);
    assert.equal(
      await sendUntilClosed(quiet, 'CONNECT {"verbose":false}\r\nSUB a..b 1\r\nSUB a b c d\r\n'),
      "-ERR 'Invalid Subject'\r\n",
    );
  });

  void test('invalid subjects in SUB: Invalid Subject, and the connection stays', async (t) => {
    const { port } = await startServer(t);
    const c = await raw(t, port);
    c.send(
      'CONNECT {"verbose":true}\r\nSUB foo..bar 1\r\nSUB foo.>.bar 2\r\nSUB .foo 3\r\nSUB foo. 4\r\nSUB foo.* 5\r\nPING\r\n',
    );
    await c.waitFor('PONG\r\n');
    assert.equal(
      afterInfo(c),
      "+OK\r\n-ERR 'Invalid Subject'\r\n-ERR 'Invalid Subject'\r\n-ERR 'Invalid Subject'\r\n-ERR 'Invalid Subject'\r\n+OK\r\nPONG\r\n",
    );
    c.send('PUB foo.x 1\r\na\r\nPING\r\n');
    await c.waitFor('+OK\r\nMSG foo.x 5 1\r\na\r\nPONG\r\n');
  });

  void test('pedantic PUB to a wildcard subject: Invalid Publish Subject (and still routed, as in nats-server)', async (t) => {
    const { port } = await startServer(t);
    const c = await raw(t, port);
    c.send(
      'CONNECT {"verbose":false,"pedantic":true}\r\nSUB foo.* 1\r\nPUB foo.* 2\r\nhi\r\nPUB foo.> 2\r\nhi\r\nPING\r\n',
    );
    await c.waitFor('PONG\r\n');
    assert.equal(
      afterInfo(c),
      "-ERR 'Invalid Publish Subject'\r\nMSG foo.* 1 2\r\nhi\r\n" +
        // nats-server's sublist lets * match the literal token '>'.
        "-ERR 'Invalid Publish Subject'\r\nMSG foo.> 1 2\r\nhi\r\nPONG\r\n",
    );
    // Without pedantic, no complaint.
    const lax = await raw(t, port);
    lax.send(
      'CONNECT {"verbose":false,"pedantic":false}\r\nSUB foo.* 1\r\nPUB foo.* 2\r\nhi\r\nPING\r\n',
    );
    await lax.waitFor('PONG\r\n');
    assert.equal(afterInfo(lax), 'MSG foo.* 1 2\r\nhi\r\nPONG\r\n');
  });

  void test('malformed CONNECT JSON: closed without a word', async (t) => {
    const { port, server } = await startServer(t);
    for (const json of ['{"verbose":false', '{bad}', '[]', '"x"']) {
      const c = await raw(t, port);
      assert.equal(await sendUntilClosed(c, `CONNECT ${json}\r\nPING\r\n`), '', json);
    }
    assert.equal(server.clients.size, 0);
  });

  void test('HPUB from a client that did not declare headers: closed', async (t) => {
    const { port, server } = await startServer(t);
    const sub = await subscriber(t, port, 'foo');
    for (const connect of ['{"verbose":false}', '{"verbose":false,"headers":false}']) {
      const c = await raw(t, port);
      assert.equal(
        await sendUntilClosed(
          c,
          `CONNECT ${connect}\r\nHPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n`,
        ),
        '',
      );
      assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.ProtocolViolation);
    }
    sub.send('PING\r\n');
    await sub.waitFor(/PONG\r\nPONG\r\n$/);
  });

  void test('an unknown client protocol version', async (t) => {
    const { port } = await startServer(t);
    const c = await raw(t, port);
    assert.equal(
      await sendUntilClosed(c, 'CONNECT {"verbose":false,"protocol":2}\r\n'),
      "-ERR 'invalid client protocol'\r\n",
    );
  });

  void test('a half-open socket is cleaned up', async (t) => {
    const { port, server } = await startServer(t);
    const c = await raw(t, port);
    c.send('CONNECT {"verbose":false}\r\nSUB foo 1\r\nPING\r\n');
    await c.waitFor('PONG\r\n');
    assert.equal(server.clients.size, 1);
    // The client ends its side and keeps reading: the server closes its side too.
    c.socket.end();
    await c.closed;
    assert.equal(server.clients.size, 0);
    assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.ClientClosed);
    assert.equal(server.sublist.match('foo').plain.length, 0);
    // Also in the middle of a message.
    const d = await raw(t, port);
    d.send('CONNECT {"verbose":false}\r\nPUB foo 10\r\nabc');
    d.socket.end();
    await d.closed;
    assert.equal(server.clients.size, 0);
  });

  void test('a client that writes and ends at once still has its ops handled', async (t) => {
    const { port, server } = await startServer(
      t,
      'authorization { users = [ { user: a, password: b } ] }',
    );
    const sub = await raw(t, port);
    sub.send('CONNECT {"verbose":false,"user":"a","pass":"b"}\r\nSUB foo 1\r\nPING\r\n');
    await sub.waitFor('PONG\r\n');
    const c = await raw(t, port);
    // The PUB and PING wait for CONNECT's authentication; the end of input waits for them.
    c.socket.end('CONNECT {"verbose":false,"user":"a","pass":"b"}\r\nPUB foo 2\r\nhi\r\nPING\r\n');
    await c.closed;
    assert.equal(afterInfo(c), 'PONG\r\n');
    await sub.waitFor('MSG foo 1 2\r\nhi\r\n');
    assert.equal(server.clients.size, 1);
  });
});
