import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { loadServerOptions, parseConfig, loadOptionsFromConfig } from '@tsnats/config';
import { NatsServer, silentLogger, type Logger } from '@tsnats/server';
import { connect } from 'nats';
import { monitorApp, startMonitoring } from './monitoring.js';

/** A started server on 127.0.0.1 with options from config text, stopped after the test. */
async function startServer(t: TestContext, config = ''): Promise<NatsServer> {
  const loaded = loadOptionsFromConfig(parseConfig(config));
  const { options } = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1', '-m', '-1'] });
  const server = new NatsServer({
    ...loaded.options,
    host: options.host,
    port: -1,
    httpHost: options.host,
    httpPort: -1,
  });
  await server.start();
  t.after(() => server.shutdown());
  return server;
}

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    notice: (m) => lines.push(`[INF] ${m}`),
    warn: (m) => lines.push(`[WRN] ${m}`),
    error: (m) => lines.push(`[ERR] ${m}`),
  };
  return { logger, lines };
}

async function app(t: TestContext, config = '', logger = silentLogger) {
  const server = await startServer(t, config);
  const fastify = monitorApp(server, logger);
  t.after(() => fastify.close());
  return { server, inject: (url: string) => fastify.inject({ method: 'GET', url }) };
}

void describe('the monitoring endpoints over HTTP', () => {
  void test('JSON pages, pretty-printed, with nats-server headers', async (t) => {
    const { inject, server } = await app(t);
    for (const path of ['/varz', '/connz', '/subsz', '/subscriptionsz', '/routez']) {
      const response = await inject(path);
      assert.equal(response.statusCode, 200, path);
      assert.equal(response.headers['content-type'], 'application/json', path);
      assert.equal(response.headers['access-control-allow-origin'], '*', path);
      assert.match(response.body, /^\{\n {2}"/, path);
    }
    const varz = (await inject('/varz')).json<{ server_id: string }>();
    assert.equal(varz.server_id, server.serverId);
    const health = await inject('/healthz');
    assert.equal(health.body, '{"status":"ok"}', 'compact, without status_code');
  });

  void test('bad query values: 400 with the text nats-server gives', async (t) => {
    const { inject } = await app(t);
    const cases: [string, string][] = [
      [
        '/connz?limit=abc',
        `Error decoding int for 'limit': strconv.Atoi: parsing "abc": invalid syntax`,
      ],
      ['/connz?state=xx', 'Error decoding state for xx'],
      ['/connz?sort=foo', 'invalid sorting option: foo'],
      ['/connz?sort=stop', 'sort by stop only valid on closed connections'],
      [
        '/connz?cid=-1',
        `Error decoding uint64 for 'cid': strconv.ParseUint: parsing "-1": invalid syntax`,
      ],
      ['/subsz?test=foo.*', 'invalid test subject, must be valid publish subject: foo.*'],
      [
        '/subsz?subs=x',
        `Error decoding boolean for 'subs': strconv.ParseBool: parsing "x": invalid syntax`,
      ],
      [
        '/healthz?js-enabled-only=x',
        `Error decoding boolean for 'js-enabled-only': strconv.ParseBool: parsing "x": invalid syntax`,
      ],
      [
        '/routez?subs=x',
        `Error decoding boolean for 'subs': strconv.ParseBool: parsing "x": invalid syntax`,
      ],
    ];
    for (const [url, text] of cases) {
      const response = await inject(url);
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8', url);
      assert.equal(response.body, text, url);
    }
  });

  void test('unknown paths are 404; / is the index of the endpoints', async (t) => {
    const { inject } = await app(t);
    const missing = await inject('/jsz');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '404 page not found\n');
    const index = await inject('/');
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    for (const path of ['varz', 'connz', 'subsz', 'routez', 'healthz']) {
      assert.match(index.body, new RegExp(`<a href=\\./${path}[ >]`));
    }
  });

  void test('JSONP with callback=', async (t) => {
    const { inject } = await app(t);
    const response = await inject('/healthz?callback=cb');
    assert.equal(response.headers['content-type'], 'application/javascript');
    assert.equal(response.body, 'cb({"status":"ok"})');
  });

  void test('/varz counts the requests per endpoint as nats-server does', async (t) => {
    const { inject } = await app(t);
    for (const url of [
      '/',
      '/connz',
      '/connz?limit=x',
      '/subscriptionsz',
      '/subsz?subs=x',
      '/healthz',
    ]) {
      await inject(url);
    }
    const { http_req_stats: stats } = (await inject('/varz')).json<{
      http_req_stats: Record<string, number>;
    }>();
    // A /connz whose parameters do not decode is not counted; a /subsz is.
    assert.deepEqual(stats, { '/': 1, '/connz': 1, '/healthz': 1, '/subsz': 2, '/varz': 1 });
  });

  void test('/healthz answers 503 and warns when configured JetStream is not there', async (t) => {
    const { logger, lines } = recordingLogger();
    const { inject } = await app(t, 'jetstream: enabled', logger);
    const response = await inject('/healthz');
    assert.equal(response.statusCode, 503);
    assert.equal(response.body, '{"status":"unavailable","error":"JetStream not enabled (10076)"}');
    assert.deepEqual(lines, ['[WRN] Healthcheck failed: "JetStream not enabled (10076)"']);
  });
});

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
  });

  void test('close() stops listening and clears the monitor address', async (t) => {
    const server = await startServer(t);
    const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, silentLogger);
    await monitor.close();
    assert.equal(server.monitorAddress, undefined);
    await assert.rejects(fetch(`http://127.0.0.1:${monitor.address.port}/varz`));
  });
});
