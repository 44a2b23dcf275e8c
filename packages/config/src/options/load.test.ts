import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  loadOptionsFromConfig,
  parseConfig,
  type LoadOptions,
  type LoadResult,
  type ServerOptions,
} from '../index.js';

function load(text: string, opts: LoadOptions = {}): LoadResult {
  return loadOptionsFromConfig(parseConfig(text, { filename: 'server.conf' }), {
    filename: 'server.conf',
    ...opts,
  });
}

/** Loads text that must have no errors or warnings. */
function ok(text: string): ServerOptions {
  const r = load(text);
  assert.deepEqual(
    [...r.errors, ...r.warnings].map((e) => e.message),
    [],
    text,
  );
  return r.options;
}

function messages(text: string, opts: LoadOptions = {}): { errors: string[]; warnings: string[] } {
  const r = load(text, opts);
  return { errors: r.errors.map((e) => e.message), warnings: r.warnings.map((e) => e.message) };
}

void describe('defaults', () => {
  void test('an empty map gives nats-server defaults', () => {
    const { options: o, errors, warnings } = loadOptionsFromConfig({});
    assert.deepEqual(errors, []);
    assert.deepEqual(
      warnings.map((w) => w.message),
      ['config has no values or is empty'],
    );
    assert.equal(o.host, '0.0.0.0');
    assert.equal(o.port, 4222);
    assert.equal(o.serverName, '');
    assert.equal(o.httpHost, '0.0.0.0');
    assert.equal(o.httpPort, 0);
    assert.equal(o.httpsPort, 0);
    assert.equal(o.maxPayload, 1024 * 1024);
    assert.equal(o.maxControlLine, 4096);
    assert.equal(o.maxConnections, 65536);
    assert.equal(o.maxSubscriptions, 0);
    assert.equal(o.maxPending, 64 * 1024 * 1024);
    assert.equal(o.writeDeadlineMs, 10_000);
    assert.equal(o.pingIntervalMs, 120_000);
    assert.equal(o.pingMax, 2);
    assert.equal(o.lameDuckDurationMs, 120_000);
    assert.equal(o.lameDuckGracePeriodMs, 10_000);
    assert.equal(o.authorization.timeoutSeconds, 2);
    assert.deepEqual(o.authorization.users, []);
    assert.equal(o.logtime, true);
    assert.equal(o.debug, false);
    assert.equal(o.tls, undefined);
    assert.equal(o.jetstream.enabled, false);
    assert.equal(o.jetstream.maxMemory, -1);
    assert.equal(o.jetstream.maxStore, -1);
    assert.equal(o.cluster.port, 0);
    assert.equal(o.cluster.host, '');
    assert.equal(o.websocket.port, 0);
    assert.equal(o.websocket.host, '');
    assert.deepEqual(o.untyped, {});
  });

  void test('the empty-file warning names the file', () => {
    assert.deepEqual(messages('').warnings, ['server.conf: config has no values or is empty']);
  });
});

void describe('top-level keys', () => {
  void test('client listen address: host, net, port, listen', () => {
    assert.deepEqual(pick(ok('host: 127.0.0.1\nport: 4333')), ['127.0.0.1', 4333]);
    assert.deepEqual(pick(ok('net: 10.0.0.1')), ['10.0.0.1', 4222]);
    assert.deepEqual(pick(ok('listen: 127.0.0.1:4333')), ['127.0.0.1', 4333]);
    assert.deepEqual(pick(ok('listen: "[::1]:4333"')), ['::1', 4333]);
    assert.deepEqual(pick(ok('listen: 5222')), ['0.0.0.0', 5222]);
    assert.deepEqual(pick(ok('port: -1')), ['0.0.0.0', -1]);
    assert.deepEqual(pick(ok('port: 0')), ['0.0.0.0', 4222]);
    assert.deepEqual(pick(ok('PORT: 4999')), ['0.0.0.0', 4999], 'keys are case-insensitive');
    function pick(o: ServerOptions): [string, number] {
      return [o.host, o.port];
    }
  });

  void test('names and advertise', () => {
    const o = ok('server_name: n1\nclient_advertise: "nats.example.com:4222"\nno_auth_user: app');
    assert.equal(o.serverName, 'n1');
    assert.equal(o.clientAdvertise, 'nats.example.com:4222');
    assert.equal(o.noAuthUser, 'app');
  });

  void test('monitoring: http, https, http_port, monitor_port, https_port', () => {
    let o = ok('http: 8222');
    assert.deepEqual([o.httpHost, o.httpPort], ['0.0.0.0', 8222]);
    o = ok('http: "127.0.0.1:-1"');
    assert.deepEqual([o.httpHost, o.httpPort], ['127.0.0.1', -1]);
    o = ok('https: 127.0.0.1:8443');
    assert.deepEqual([o.httpHost, o.httpsPort, o.httpPort], ['127.0.0.1', 8443, 0]);
    assert.equal(ok('http_port: 8222').httpPort, 8222);
    assert.equal(ok('monitor_port: 8223').httpPort, 8223);
    assert.equal(ok('https_port: 8224').httpsPort, 8224);
    o = ok('host: 10.0.0.5\nhttp_port: 8222');
    assert.equal(o.httpHost, '10.0.0.5', 'http host defaults to host');
  });

  void test('limits, with size suffixes and aliases', () => {
    const o = ok(
      'max_payload: 8MB\nmax_control_line: 2KB\nmax_connections: 100\nmax_subscriptions: 50\nmax_pending: 128MB\nping_max: 5',
    );
    assert.equal(o.maxPayload, 8 * 1024 * 1024);
    assert.equal(o.maxControlLine, 2048);
    assert.equal(o.maxConnections, 100);
    assert.equal(o.maxSubscriptions, 50);
    assert.equal(o.maxPending, 128 * 1024 * 1024);
    assert.equal(o.pingMax, 5);
    assert.equal(ok('max_conn: 7').maxConnections, 7);
    assert.equal(ok('max_subs: 9').maxSubscriptions, 9);
    assert.equal(ok('max_payload: 1k').maxPayload, 1000, 'k is a power of 1000');
  });

  void test('durations: strings, or seconds with a warning', () => {
    let o = ok('write_deadline: "2s"\nping_interval: "1h30m"');
    assert.equal(o.writeDeadlineMs, 2000);
    assert.equal(o.pingIntervalMs, 5_400_000);
    o = ok('lame_duck_duration: "45s"\nlame_duck_grace_period: "500ms"');
    assert.equal(o.lameDuckDurationMs, 45_000);
    assert.equal(o.lameDuckGracePeriodMs, 500);
    const r = load('write_deadline: 3\nping_interval: 60');
    assert.equal(r.options.writeDeadlineMs, 3000);
    assert.equal(r.options.pingIntervalMs, 60_000);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.warnings.map((w) => w.message),
      [
        'server.conf:1:1: invalid use of field "write_deadline": write_deadline should be converted to a duration',
        'server.conf:2:1: invalid use of field "ping_interval": ping_interval should be converted to a duration',
      ],
    );
    assert.equal(r.warnings[0].severity, 'warning');
  });

  void test('logging and files', () => {
    const o = ok(
      'debug: true\ntrace: on\nlogtime: false\nlog_file: /var/log/nats.log\npid_file: /run/nats.pid\nports_file_dir: /tmp',
    );
    assert.deepEqual(
      [o.debug, o.trace, o.logtime, o.logFile, o.pidFile, o.portsFileDir],
      [true, true, false, '/var/log/nats.log', '/run/nats.pid', '/tmp'],
    );
    assert.equal(ok('logfile: a.log').logFile, 'a.log');
    assert.equal(ok('pidfile: a.pid').pidFile, 'a.pid');
    const v = ok('trace_verbose: true');
    assert.deepEqual([v.trace, v.traceVerbose], [true, true]);
  });

  void test('tls and allow_non_tls', () => {
    const o = ok(
      'tls { cert_file: "./s.pem", key_file: "./k.pem", ca_file: "./ca.pem", verify: true, timeout: 3 }\nallow_non_tls: true',
    );
    assert.deepEqual(o.tls, {
      certFile: './s.pem',
      keyFile: './k.pem',
      caFile: './ca.pem',
      verify: true,
      timeoutSeconds: 3,
      untyped: {},
    });
    assert.equal(o.allowNonTls, true);
    assert.equal(o.authorization.timeoutSeconds, 4, 'auth timeout is the TLS timeout + 1');
    assert.equal(ok('tls { timeout: "1.5s" }').tls?.timeoutSeconds, 1.5);
    assert.equal(ok('tls { timeout: 0.5 }').tls?.timeoutSeconds, 0.5);
    assert.equal(ok('tls { cert_file: a }').tls?.timeoutSeconds, 2);
    const mapped = ok('tls { verify_and_map: true, cipher_suites: [TLS_AES_128_GCM_SHA256] }').tls;
    assert.equal(mapped?.verify, true);
    assert.deepEqual(mapped?.untyped, {
      verify_and_map: true,
      cipher_suites: ['TLS_AES_128_GCM_SHA256'],
    });
  });

  void test('websocket and ws', () => {
    const o = ok(`websocket {
      listen: "127.0.0.1:8080"
      no_tls: true
      compression: true
      same_origin: true
      allowed_origins: ["https://a.example", "https://b.example"]
      jwt_cookie: jwt
    }`);
    assert.deepEqual(
      [o.websocket.host, o.websocket.port, o.websocket.noTls, o.websocket.compression],
      ['127.0.0.1', 8080, true, true],
    );
    assert.equal(o.websocket.sameOrigin, true);
    assert.deepEqual(o.websocket.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(o.websocket.untyped, { jwt_cookie: 'jwt' });
    const w = ok(
      'ws { port: 8443, compress: true, origin: "https://c", tls { cert_file: c, key_file: k } }',
    );
    assert.deepEqual(
      [w.websocket.host, w.websocket.port, w.websocket.compression],
      ['0.0.0.0', 8443, true],
    );
    assert.deepEqual(w.websocket.allowedOrigins, ['https://c']);
    assert.equal(w.websocket.tls?.certFile, 'c');
    assert.equal(ok('websocket { host: h, port: 1 }').websocket.host, 'h');
    assert.equal(ok('websocket { net: h2, port: 1 }').websocket.host, 'h2');
  });

  void test('jetstream: bool, string, map with aliases and sizes', () => {
    assert.equal(ok('jetstream: true').jetstream.enabled, true);
    assert.equal(ok('jetstream: enabled').jetstream.enabled, true);
    assert.equal(ok('jetstream: disable').jetstream.enabled, false);
    let o = ok(
      'jetstream { store_dir: /data, max_memory_store: 1GB, max_file_store: 10GB, domain: hub }',
    );
    assert.deepEqual(
      [
        o.jetstream.enabled,
        o.jetstream.storeDir,
        o.jetstream.maxMemory,
        o.jetstream.maxStore,
        o.jetstream.domain,
      ],
      [true, '/data', 2 ** 30, 10 * 2 ** 30, 'hub'],
    );
    o = ok('jetstream { max_mem_store: "1G", max_file: "2T", store: /s }');
    assert.deepEqual([o.jetstream.maxMemory, o.jetstream.maxStore], [2 ** 30, 2 * 2 ** 40]);
    assert.equal(o.jetstream.storeDir, '/s');
    o = ok('jetstream { max_mem: 0, storedir: /t, enabled: false, sync_interval: "2m" }');
    assert.equal(o.jetstream.maxMemory, 0, 'an explicit 0 is kept, not made -1');
    assert.equal(o.jetstream.maxStore, -1);
    assert.equal(o.jetstream.enabled, false);
    assert.deepEqual(o.jetstream.untyped, { sync_interval: '2m' });
    assert.equal(ok('store_dir: /top\njetstream: true').jetstream.storeDir, '/top');
    assert.equal(ok('jetstream {}').jetstream.enabled, true);
  });

  void test('cluster: name, listen, host/port, routes', () => {
    let o = ok(`cluster {
      name: east
      listen: 0.0.0.0:6222
      routes: [ nats-route://a:6222, " nats-route://b:6222 " ]
      pool_size: 3
    }`);
    assert.deepEqual(o.cluster, {
      name: 'east',
      host: '0.0.0.0',
      port: 6222,
      routes: ['nats-route://a:6222', 'nats-route://b:6222'],
      untyped: { pool_size: 3 },
    });
    o = ok('cluster { port: 6333 }');
    assert.deepEqual([o.cluster.host, o.cluster.port], ['0.0.0.0', 6333]);
    o = ok('cluster { host: 10.1.1.1, port: -1 }');
    assert.deepEqual([o.cluster.host, o.cluster.port], ['10.1.1.1', -1]);
    assert.equal(ok('cluster { net: 10.2.2.2 }').cluster.host, '10.2.2.2');
  });

  void test('known keys not typed yet are kept as parsed', () => {
    const o = ok(
      'accounts { A { users: [{user: a, password: b}] } }\nmqtt { port: 1883 }\nsystem_account: SYS\nGATEWAY { name: g }',
    );
    assert.deepEqual(Object.keys(o.untyped), ['accounts', 'mqtt', 'system_account', 'GATEWAY']);
    assert.deepEqual(o.untyped.mqtt, { port: 1883 });
  });
});

void describe('errors and warnings', () => {
  void test('type errors name file:line:column and the key', () => {
    assert.deepEqual(messages('debug: true\n\nport: "abc"').errors, [
      'server.conf:3:1: port: expected an integer, got "abc"',
    ]);
    assert.deepEqual(
      messages('  server_name = 5\ndebug: "yes"\nmax_payload: 1.5\nhttp: [1,]').errors,
      [
        'server.conf:1:3: server_name: expected a string, got 5',
        'server.conf:2:1: debug: expected a boolean, got "yes"',
        'server.conf:3:1: max_payload: expected an integer, got 1.5',
        'server.conf:4:1: http: expected port or host:port, got an array',
      ],
    );
    assert.deepEqual(messages('cluster {\n  name: east\n  port: "x"\n}').errors, [
      'server.conf:3:3: cluster.port: expected an integer, got "x"',
    ]);
    assert.deepEqual(messages('listen: "localhost"\nhttp: "h:x"').errors, [
      'server.conf:1:1: listen: could not parse address string "localhost"',
      'server.conf:2:1: http: could not parse port "x"',
    ]);
  });

  void test('every problem is collected, and the rest still loads', () => {
    const r = load('port: "a"\nhost: 1\nserver_name: ok\nmax_conn: x');
    assert.equal(r.errors.length, 3);
    assert.equal(r.options.serverName, 'ok');
    assert.equal(r.options.port, 4222);
  });

  void test("nats-server's own checks, with its text", () => {
    assert.deepEqual(messages('max_payload: 3GB\nmax_control_line: 4GB').errors, [
      'server.conf:1:1: max_payload value is too big',
      'server.conf:2:1: max_control_line value is too big',
    ]);
    assert.deepEqual(
      messages('lame_duck_duration: "10s"\nlame_duck_grace_period: "-1s"\nwrite_deadline: "x"')
        .errors,
      [
        'server.conf:1:1: invalid lame_duck_duration of 10s, minimum is 30 seconds',
        'server.conf:2:1: invalid lame_duck_grace_period, needs to be positive',
        'server.conf:3:1: error parsing write_deadline: time: invalid duration "x"',
      ],
    );
    assert.deepEqual(messages('lame_duck_duration: 60').errors, [
      'server.conf:1:1: lame_duck_duration: expected a string, got 60',
    ]);
    assert.deepEqual(messages('store_dir: /a\njetstream { store_dir: /b }').errors, [
      "server.conf:2:13: jetstream.store_dir: Duplicate 'store_dir' configuration",
    ]);
    assert.deepEqual(messages('jetstream: maybe\n').errors, [
      "server.conf:1:1: jetstream: Expected 'enabled' or 'disabled' for string value, got 'maybe'",
    ]);
    assert.deepEqual(messages('jetstream { max_mem: "1X", max_file: true }').errors, [
      'server.conf:1:13: jetstream.max_mem: max_mem_store sizes defined as strings must end in K, M, G, T',
      'server.conf:1:28: jetstream.max_file: max_file_store must be int64 or string',
    ]);
    assert.deepEqual(messages('tls { cert_file: a, nope: 1 }').errors, [
      'server.conf:1:21: tls.nope: error parsing tls config, unknown field "nope"',
    ]);
  });

  void test('unknown top-level field: an error, as in nats-server', () => {
    const r = load('port: 4222\nfoo: bar\n');
    assert.deepEqual(
      r.errors.map((e) => [e.message, e.kind, e.key]),
      [['server.conf:2:1: unknown field "foo"', 'unknown-field', 'foo']],
    );
    assert.equal(r.options.port, 4222);
  });

  void test('unknown top-level field: a warning, or nothing, when asked', () => {
    assert.deepEqual(messages('foo: bar', { unknownTopLevelFields: 'warning' }), {
      errors: [],
      warnings: ['server.conf:1:1: unknown field "foo"'],
    });
    assert.deepEqual(messages('foo: bar', { unknownTopLevelFields: 'ignore' }), {
      errors: [],
      warnings: [],
    });
  });

  void test('unknown fields inside blocks are errors whatever the policy', () => {
    assert.deepEqual(
      messages('cluster { nme: x }\nwebsocket { prt: 1 }\njetstream { stor: x }', {
        unknownTopLevelFields: 'ignore',
      }).errors,
      [
        'server.conf:1:11: cluster: unknown field "nme"',
        'server.conf:2:13: websocket: unknown field "prt"',
        'server.conf:3:13: jetstream: unknown field "stor"',
      ],
    );
  });

  void test('a key used as a $variable is not an unknown field', () => {
    const o = ok('PORT_NUMBER: 4333\nport: $PORT_NUMBER\ncluster { P = 6222\n port: $P }');
    assert.equal(o.port, 4333);
    assert.equal(o.cluster.port, 6222);
    assert.deepEqual(messages('UNUSED: 1').errors, ['server.conf:1:1: unknown field "UNUSED"']);
  });

  void test('duplicate routes are a warning and are dropped', () => {
    const r = load(
      'cluster {\n  port: 6222\n  routes: [\n    nats://a:6222\n    nats://a:6222\n  ]\n}',
    );
    assert.deepEqual(r.options.cluster.routes, ['nats://a:6222']);
    assert.deepEqual(
      r.warnings.map((w) => w.message),
      ['server.conf:5:5: invalid use of field "nats://a:6222": Duplicate route entry detected'],
    );
  });

  void test('errors in included files point into them', () => {
    const files: Record<string, string> = {
      '/etc/nats/limits.conf': 'max_payload: 1MB\nping_max: "x"',
    };
    const map = parseConfig('port: 4222\ninclude limits.conf', {
      filename: '/etc/nats/server.conf',
      readFile: (p) => files[p],
    });
    const r = loadOptionsFromConfig(map);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['/etc/nats/limits.conf:2:1: ping_max: expected an integer, got "x"'],
    );
  });
});
