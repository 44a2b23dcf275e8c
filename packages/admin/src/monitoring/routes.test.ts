// Every monitoring route through fastify's inject(): nats-server's headers,
// JSON and error texts, without a listener.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monitored, recordingLogger } from './monitoring.test-support.js';

const JSON_PAGES = [
  '/varz',
  '/connz',
  '/subsz',
  '/subscriptionsz',
  '/routez',
  '/jsz',
  '/accountz',
  '/gatewayz',
  '/leafz',
];

void describe('the monitoring endpoints over HTTP', () => {
  void test('JSON pages, pretty-printed, with nats-server headers', async (t) => {
    const { inject, server } = await monitored(t);
    for (const path of JSON_PAGES) {
      const response = await inject(path);
      assert.equal(response.statusCode, 200, path);
      assert.equal(response.headers['content-type'], 'application/json', path);
      assert.equal(response.headers['access-control-allow-origin'], '*', path);
      assert.match(response.body, /^\{\n {2}"/, path);
      // nats-server's /subsz without subs=1 is the sublist's statistics alone.
      if (!path.startsWith('/subs')) {
        assert.equal(response.json<{ server_id: string }>().server_id, server.serverId, path);
      }
    }
    const health = await inject('/healthz');
    assert.equal(health.body, '{"status":"ok"}', 'compact, without status_code');
  });

  void test('bad query values: 400 with the text nats-server gives', async (t) => {
    const { inject } = await monitored(t);
    const bool = (name: string, value = 'x'): string =>
      `Error decoding boolean for '${name}': strconv.ParseBool: parsing "${value}": invalid syntax`;
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
      ['/subsz?subs=x', bool('subs')],
      ['/healthz?js-enabled-only=x', bool('js-enabled-only')],
      ['/routez?subs=x', bool('subs')],
      ['/jsz?accounts=yes', bool('accounts', 'yes')],
      ['/jsz?consumers=2', bool('consumers', '2')],
      ['/jsz?streams=1&config=x', bool('config')],
      ['/jsz?leader-only=x', bool('leader-only')],
      [
        '/jsz?offset=1.5',
        `Error decoding int for 'offset': strconv.Atoi: parsing "1.5": invalid syntax`,
      ],
      ['/jsz?limit=x', `Error decoding int for 'limit': strconv.Atoi: parsing "x": invalid syntax`],
      ['/jsz?leader-only=true', 'filtered response: not leader'],
      ['/accountz?acc=nope', 'Account nope does not exist'],
      ['/gatewayz?accs=x', bool('accs')],
      ['/leafz?subs=x', bool('subs')],
    ];
    for (const [url, text] of cases) {
      const response = await inject(url);
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8', url);
      assert.equal(response.body, text, url);
    }
  });

  void test('unknown paths are 404; / is the index of the endpoints', async (t) => {
    const { inject } = await monitored(t);
    const missing = await inject('/nothing');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '404 page not found\n');
    const index = await inject('/');
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    for (const path of JSON_PAGES.filter((p) => p !== '/subscriptionsz')) {
      assert.match(index.body, new RegExp(`<a href=\\.${path}[ >]`), path);
    }
    assert.match(index.body, /<a href=\.\/metrics>/);
    assert.match(index.body, /<a href=\.\/healthz class=last>/);
  });

  void test('JSONP with callback=', async (t) => {
    const { inject } = await monitored(t);
    const response = await inject('/healthz?callback=cb');
    assert.equal(response.headers['content-type'], 'application/javascript');
    assert.equal(response.body, 'cb({"status":"ok"})');
    const jsz = await inject('/jsz?callback=f');
    assert.match(jsz.body, /^f\(\{\n {2}"server_id"/);
  });

  void test('/varz counts the requests per endpoint as nats-server does', async (t) => {
    const { inject } = await monitored(t);
    for (const url of [
      '/',
      '/connz',
      '/connz?limit=x',
      '/subscriptionsz',
      '/subsz?subs=x',
      '/healthz',
      '/jsz',
      '/jsz?limit=x',
      '/accountz',
      '/gatewayz?accs=x',
      '/leafz',
      '/metrics',
    ]) {
      await inject(url);
    }
    const { http_req_stats: stats } = (await inject('/varz')).json<{
      http_req_stats: Record<string, number>;
    }>();
    // A /connz whose parameters do not decode is not counted; a /subsz, /jsz or /gatewayz is.
    assert.deepEqual(stats, {
      '/': 1,
      '/connz': 1,
      '/healthz': 1,
      '/subsz': 2,
      '/varz': 1,
      '/jsz': 2,
      '/accountz': 1,
      '/gatewayz': 1,
      '/leafz': 1,
    });
  });

  void test('/healthz answers 503 and warns when configured JetStream is not there', async (t) => {
    const { logger, lines } = recordingLogger();
    const { inject } = await monitored(t, { logger, jetstream: 'stopped' });
    for (const url of ['/healthz', '/healthz?js-enabled-only=true']) {
      const response = await inject(url);
      assert.equal(response.statusCode, 503, url);
      assert.equal(
        response.body,
        '{"status":"unavailable","error":"JetStream not enabled (10076)"}',
        url,
      );
    }
    assert.deepEqual(lines, [
      '[WRN] Healthcheck failed: "JetStream not enabled (10076)"',
      '[WRN] Healthcheck failed: "JetStream not enabled (10076)"',
    ]);
    const jsz = (await inject('/jsz')).json<{ disabled: boolean }>();
    assert.equal(jsz.disabled, true);
  });

  void test('/healthz?js-enabled-only=true is ok once JetStream runs', async (t) => {
    const { inject } = await monitored(t, { jetstream: true });
    for (const url of ['/healthz', '/healthz?js-enabled-only=true', '/healthz?js-enabled=1']) {
      const response = await inject(url);
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, '{"status":"ok"}', url);
    }
  });
});

void describe('/accountz, /gatewayz, /leafz', () => {
  void test('the global account is the only one', async (t) => {
    const { inject, server } = await monitored(t, { jetstream: true });
    const list = (await inject('/accountz')).json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(list), ['server_id', 'now', 'accounts']);
    assert.deepEqual(list.accounts, ['$G']);
    const detail = (await inject('/accountz?acc=$G')).json<{
      account_detail: Record<string, unknown>;
    }>().account_detail;
    assert.equal(detail.account_name, '$G');
    assert.equal(detail.jetstream_enabled, true);
    assert.equal(detail.client_connections, 0);
    assert.equal(detail.subscriptions, server.sublist.count());
    assert.equal(detail.update_time, server.stats.started.toISOString().replace(/\.?0*Z$/, 'Z'));
  });

  void test('no gateways and no leaf nodes', async (t) => {
    const { inject, server } = await monitored(t);
    const gatewayz = (await inject('/gatewayz?accs=1&gw_name=x')).json<Record<string, unknown>>();
    assert.deepEqual(
      { ...gatewayz, now: '' },
      { server_id: server.serverId, now: '', outbound_gateways: {}, inbound_gateways: {} },
    );
    const leafz = (await inject('/leafz?subs=true')).json<Record<string, unknown>>();
    assert.deepEqual(
      { ...leafz, now: '' },
      { server_id: server.serverId, now: '', leafnodes: 0, leafs: [] },
    );
  });
});
