// Limits as nats-server enforces them: payload and control line sizes, connection
// and subscription counts, slow consumers, the auth timeout and stale connections.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { connect, ErrorCode, NatsError } from 'nats';
import { CloseReason } from './close-reason.js';
import { rawConnect, type RawClient } from './raw-client.js';
import { startServer, v2Client } from './test-support.js';

async function raw(t: TestContext, port: number): Promise<RawClient> {
  const c = await rawConnect(port);
  t.after(() => {
    c.close();
  });
  return c;
}

const INFO = 'INFO \\{[^\\r\\n]*\\} ?\\r\\n';

/** Asserts the connection got exactly INFO and then `rest`, and was closed. */
async function infoThen(c: RawClient, rest: string): Promise<void> {
  await c.waitFor(rest);
  await c.closed;
  assert.match(c.received(), new RegExp(`^${INFO}${escape(rest)}$`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

void describe('limits', () => {
  void test('max_payload: the client refuses from INFO, the server answers a raw PUB', async (t) => {
    const { url, port, server } = await startServer(t, 'max_payload: 1024');
    const nc = await v2Client(t, { servers: url });
    assert.equal(nc.info?.max_payload, 1024);
    nc.publish('big', new Uint8Array(1024));
    assert.throws(
      () => {
        nc.publish('big', new Uint8Array(1025));
      },
      (e: unknown) => e instanceof NatsError && e.code === (ErrorCode.MaxPayloadExceeded as string),
    );
    await nc.flush();

    const c = await raw(t, port);
    c.send('CONNECT {"verbose":false}\r\nPUB foo 1025\r\n');
    await infoThen(c, "-ERR 'Maximum Payload Violation'\r\n");
    assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.MaxPayloadExceeded);
    // HPUB counts headers and payload together.
    const h = await raw(t, port);
    h.send('CONNECT {"verbose":false,"headers":true}\r\nHPUB foo 12 1030\r\n');
    await infoThen(h, "-ERR 'Maximum Payload Violation'\r\n");
  });

  void test('max_control_line over a raw socket', async (t) => {
    const { port } = await startServer(t, 'max_control_line: 256');
    const c = await raw(t, port);
    c.send(`CONNECT {"verbose":false}\r\nSUB ${'a'.repeat(300)} 1\r\n`);
    await infoThen(c, "-ERR 'maximum control line exceeded'\r\n");
    // Even before the line ends.
    const d = await raw(t, port);
    d.send(`CONNECT {"verbose":false}\r\nSUB ${'a'.repeat(400)}`);
    await infoThen(d, "-ERR 'maximum control line exceeded'\r\n");
  });

  void test('max_connections: the third connection gets INFO, then the error', async (t) => {
    const { port, url } = await startServer(t, 'max_connections: 2');
    const first = await raw(t, port);
    await first.waitFor('\r\n');
    const second = await v2Client(t, { servers: url });
    const third = await raw(t, port);
    await infoThen(third, "-ERR 'maximum connections exceeded'\r\n");
    // The v2 client is refused the same way.
    await assert.rejects(
      connect({ servers: url, reconnect: false }),
      /maximum connections exceeded/,
    );
    assert.equal(second.isClosed(), false);
    // Room again once one leaves (the server closes it, so it knows).
    first.send('CONNECT {}\r\nXYZZY\r\n');
    await first.closed;
    const again = await raw(t, port);
    again.send('CONNECT {"verbose":false}\r\nPING\r\n');
    await again.waitFor('PONG\r\n');
  });

  void test('max_subscriptions: an error, and the connection stays usable', async (t) => {
    const { port } = await startServer(t, 'max_subscriptions: 2');
    const c = await raw(t, port);
    c.send('CONNECT {"verbose":true}\r\nSUB a 1\r\nSUB b 2\r\nSUB c 3\r\nPING\r\n');
    await c.waitFor('PONG\r\n');
    assert.match(
      c.received(),
      new RegExp(
        `^${INFO}${escape("+OK\r\n+OK\r\n+OK\r\n-ERR 'maximum subscriptions exceeded'\r\nPONG\r\n")}$`,
      ),
    );
    c.send('PUB a 2\r\nhi\r\nPUB c 2\r\nno\r\nUNSUB 1\r\nSUB c 3\r\nPUB c 3\r\nyes\r\nPING\r\n');
    await c.waitFor(/PONG\r\n[^]*PONG\r\n$/);
    assert.ok(
      c
        .received()
        .endsWith(
          'PONG\r\n+OK\r\nMSG a 1 2\r\nhi\r\n+OK\r\n+OK\r\n+OK\r\n+OK\r\nMSG c 3 3\r\nyes\r\nPONG\r\n',
        ),
      JSON.stringify(c.received()),
    );
  });

  void test('a slow consumer is cut off; a well-behaved subscriber gets every message', async (t) => {
    const { url, port, server } = await startServer(t, 'max_pending: 262144');
    const slow = await raw(t, port);
    slow.send('CONNECT {"verbose":false}\r\nSUB flood 1\r\nPING\r\n');
    const info = JSON.parse((await slow.waitFor('PONG\r\n')).split('\r\n')[0].slice(5)) as {
      client_id: number;
    };
    const slowId = info.client_id;
    slow.socket.pause();

    const good = await v2Client(t, { servers: url });
    let received = 0;
    good.subscribe('flood', { callback: () => received++ });
    await good.flush();
    const pub = await v2Client(t, { servers: url });
    const payload = new Uint8Array(1024).fill(0x61);
    const batch = 64;
    let sent = 0;
    // 20 MB, or more until the kernel's socket buffers toward the paused reader are
    // full and the server's own pending bytes pass max_pending.
    while (sent < 20 * 1024 || (server.stats.slowConsumers === 0 && sent < 64 * 1024)) {
      for (let i = 0; i < batch; i++) pub.publish('flood', payload);
      sent += batch;
      // Everything sent so far is routed once the publisher's PONG is back, and in
      // the good subscriber's hands once its PONG is: it never falls behind a batch.
      await pub.flush();
      await good.flush();
      assert.equal(received, sent);
    }
    assert.equal(received, sent);
    assert.equal(server.stats.slowConsumers, 1);
    const closed = server.closed.list().find((c) => c.id === slowId);
    assert.equal(closed?.closeReason, CloseReason.SlowConsumerPendingBytes);
    assert.equal(server.clients.size, 2);
    slow.socket.resume();
    await slow.closed;
  });

  void test('no CONNECT in time with auth on: Authentication Timeout', async (t) => {
    const { port } = await startServer(t, 'authorization { token: x, timeout: 0.5 }');
    const c = await raw(t, port);
    await infoThen(c, "-ERR 'Authentication Timeout'\r\n");
  });

  void test('a client that never answers PING is stale; a v2 client stays', async (t) => {
    const { port, url, server } = await startServer(t, 'ping_interval: "200ms"\nping_max: 2');
    const nc = await v2Client(t, { servers: url });
    // Two silent clients one after the other: by the time the second is closed, the
    // v2 client has had more than ping_max PINGs of its own.
    for (let i = 0; i < 2; i++) {
      const c = await raw(t, port);
      c.send('CONNECT {"verbose":false}\r\n');
      await infoThen(c, "PING\r\nPING\r\n-ERR 'Stale Connection'\r\n");
      assert.equal(server.closed.list().at(-1)?.closeReason, CloseReason.StaleConnection);
    }
    assert.equal(nc.isClosed(), false);
    await nc.flush();
    assert.equal(server.clients.size, 1);
  });
});
