// The edge's monitoring listener on a real port, with real clients. The routes
// themselves are tested in @tsnats/admin; nats-server comparisons are in
// monitoring-compat.test.ts.
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { describe, test, type TestContext } from 'node:test';
import { loadServerOptions } from '@tsnats/config';
import { NatsServer, silentLogger, type Logger } from '@tsnats/server';
import { connect } from 'nats';
import { startMonitoring } from './monitoring.js';

/** A started server on 127.0.0.1, stopped after the test. */
async function startServer(t: TestContext, ...argv: string[]): Promise<NatsServer> {
  const { options } = loadServerOptions({
    argv: ['-a', '127.0.0.1', '-p', '-1', '-m', '-1', ...argv],
  });
  const server = new NatsServer(options);
  await server.start();
  t.after(() => server.shutdown());
  return server;
}

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = { ...silentLogger, notice: (m) => lines.push(`[INF] ${m}`) };
  return { logger, lines };
}

void describe('startMonitoring', () => {
  void test('listens on a random port, logs it, and /connz shows a real client', async (t) => {
    const server = await startServer(t);
    const { logger, lines } = recordingLogger();
    const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, logger);
    t.after(() => monitor.close());
    const base = `http://127.0.0.1:${monitor.address.port}`;
    assert.ok(monitor.address.port > 0);
    assert.deepEqual(lines, [`[INF] Starting http monitor on 127.0.0.1:${monitor.address.port}`]);
    assert.deepEqual(server.monitorAddress, monitor.address);

    const nc = await connect({
      servers: `127.0.0.1:${server.clientAddress.port}`,
      name: 'watched',
    });
    t.after(() => nc.close());
    nc.subscribe('orders.>');
    nc.publish('orders.new', 'one');
    nc.publish('orders.new', 'two');
    await nc.flush();

    const connz = (await (await fetch(`${base}/connz?subs=1`)).json()) as {
      connections: {
        name: string;
        lang: string;
        in_msgs: number;
        out_msgs: number;
        subscriptions_list: string[];
      }[];
    };
    assert.equal(connz.connections.length, 1);
    const [info] = connz.connections;
    assert.deepEqual(
      [info.name, info.lang, info.in_msgs, info.out_msgs, info.subscriptions_list],
      ['watched', 'nats.js', 2, 2, ['orders.>']],
    );
    const varz = (await (await fetch(`${base}/varz`)).json()) as { http_port: number };
    assert.equal(varz.http_port, monitor.address.port);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(
      metrics,
      new RegExp(`^gnatsd_varz_in_msgs\\{server_id="${server.serverId}"\\} 2$`, 'm'),
    );
  });

  void test('close() stops listening and clears the monitor address', async (t) => {
    const server = await startServer(t);
    const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, silentLogger);
    await monitor.close();
    assert.equal(server.monitorAddress, undefined);
    await assert.rejects(fetch(`http://127.0.0.1:${monitor.address.port}/varz`));
  });

  void test('the REST admin API shares the port: open to loopback clients only, unless a token is set', async (t) => {
    const server = await startServer(t);
    // Every interface, as `-m` binds by default: reachable through a non-loopback address too.
    const monitor = await startMonitoring(server, { host: '0.0.0.0', port: -1 }, silentLogger);
    t.after(() => monitor.close());
    const port = monitor.address.port;
    const local = await fetch(`http://127.0.0.1:${port}/api/v1/servers`);
    assert.equal(local.status, 200);
    const listed = (await local.json()) as { servers: { id: string }[] };
    assert.equal(listed.servers[0].id, server.serverId);
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/docs`)).status, 200);

    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    if (external === undefined) {
      t.skip('this machine has no non-loopback IPv4 address');
      return;
    }
    const remote = await fetch(`http://${external}:${port}/api/v1/servers`);
    assert.equal(remote.status, 403);
    assert.match(remote.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.match(((await remote.json()) as { detail: string }).detail, /only loopback clients/);
    assert.equal(
      (await fetch(`http://${external}:${port}/varz`)).status,
      200,
      'monitoring stays open',
    );
  });

  void test('--api_token: the REST API wants the bearer token, from every address', async (t) => {
    const server = await startServer(t, '--api_token', 's3cret');
    const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, silentLogger);
    t.after(() => monitor.close());
    const url = `http://127.0.0.1:${monitor.address.port}/api/v1/servers`;
    assert.equal((await fetch(url)).status, 401);
    const ok = await fetch(url, { headers: { authorization: 'Bearer s3cret' } });
    assert.equal(ok.status, 200);
  });

  void test('rest_api: false leaves only the monitoring pages', async (t) => {
    const server = await startServer(t);
    server.options.restApi.enabled = false;
    const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, silentLogger);
    t.after(() => monitor.close());
    const response = await fetch(`http://127.0.0.1:${monitor.address.port}/api/v1/servers`);
    assert.equal(response.status, 404);
    assert.equal(await response.text(), '404 page not found\n');
  });
});
