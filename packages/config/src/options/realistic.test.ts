import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadServerOptions } from '../index.js';

// A production-shaped server configuration, with an include and environment
// variables, loaded end to end the way nats-server starts.

const FILES: Record<string, string> = {
  '/etc/nats/nats-a.conf': `# node A
server_name: nats-a
listen: 0.0.0.0:4222
http: 127.0.0.1:8222
client_advertise: "nats-a.example.com:4222"

max_payload: 8MB
max_pending: 64MB
max_connections: 10K
max_control_line: 4KB
write_deadline: "5s"
ping_interval: "30s"
ping_max: 3
lame_duck_duration: "1m"
lame_duck_grace_period: "5s"

debug: false
trace: off
logtime: true
log_file: "/var/log/nats/nats-a.log"
pid_file: "/var/run/nats/nats-a.pid"

tls {
  cert_file: "/etc/nats/certs/server.pem"
  key_file: "/etc/nats/certs/server-key.pem"
  ca_file: "/etc/nats/certs/ca.pem"
  verify: true
  timeout: 2.5
}

include ./auth.conf

no_auth_user: $APP_USER

jetstream {
  store_dir: /data/jetstream
  max_mem: 1G
  max_file: "100G"
  domain: hub
}

websocket {
  port: 8080
  no_tls: true
  compression: true
  allowed_origins: ["https://app.example.com"]
}

cluster {
  name: east
  listen: 0.0.0.0:6222
  routes: [
    nats-route://nats-b:6222
    nats-route://nats-c:6222
  ]
  compression: s2_auto
}

system_account: SYS
accounts { SYS { users: [{ user: sys, password: $SYS_PASS }] } }
`,
  '/etc/nats/auth.conf': `APP_USER = app
authorization {
  timeout: 3
  default_permissions: { subscribe: "_INBOX.>" }
  users: [
    { user: admin, password: $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG, permissions: { publish: ">", subscribe: ">" } }
    { user: $APP_USER, password: $APP_PASS, permissions: {
        publish: { allow: ["orders.>"], deny: "orders.internal.>" }
        subscribe: ["orders.replies.*", "_INBOX.>"]
        allow_responses: { max: 1, expires: "1m" }
    } }
    { user: reader, password: r }
  ]
}
`,
};

void test('a realistic configuration loads end to end', () => {
  const r = loadServerOptions({
    argv: ['-c', '/etc/nats/nats-a.conf', '-m', '8223', '-DV'],
    env: { APP_PASS: 'app-secret', SYS_PASS: 'sys-secret' },
    readFile: (path) => {
      const text = FILES[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
  });
  assert.deepEqual(
    [...r.errors, ...r.warnings].map((e) => e.message),
    [],
  );
  const o = r.options;
  assert.equal(o.serverName, 'nats-a');
  assert.deepEqual([o.host, o.port, o.httpHost, o.httpPort], ['0.0.0.0', 4222, '127.0.0.1', 8223]);
  assert.equal(o.clientAdvertise, 'nats-a.example.com:4222');
  assert.deepEqual(
    [o.maxPayload, o.maxPending, o.maxConnections, o.maxControlLine],
    [8 * 2 ** 20, 64 * 2 ** 20, 10_000, 4096],
  );
  assert.deepEqual(
    [o.writeDeadlineMs, o.pingIntervalMs, o.pingMax, o.lameDuckDurationMs, o.lameDuckGracePeriodMs],
    [5000, 30_000, 3, 60_000, 5000],
  );
  assert.deepEqual([o.debug, o.trace, o.logtime], [true, true, true], '-DV over the file');
  assert.equal(o.logFile, '/var/log/nats/nats-a.log');
  assert.equal(o.pidFile, '/var/run/nats/nats-a.pid');
  assert.equal(o.tls?.verify, true);
  assert.equal(o.tls?.timeoutSeconds, 2.5);
  assert.equal(o.authorization.timeoutSeconds, 3);
  assert.deepEqual(
    o.authorization.users.map((u) => [u.user, u.password]),
    [
      ['admin', '$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG'],
      ['app', 'app-secret'],
      ['reader', 'r'],
    ],
  );
  assert.deepEqual(o.authorization.users[1].permissions, {
    publish: { allow: ['orders.>'], deny: ['orders.internal.>'] },
    subscribe: { allow: ['orders.replies.*', '_INBOX.>'] },
    allowResponses: { max: 1, expiresMs: 60_000 },
  });
  assert.deepEqual(o.authorization.users[2].permissions, { subscribe: { allow: ['_INBOX.>'] } });
  assert.equal(o.noAuthUser, 'app');
  assert.deepEqual(o.jetstream, {
    enabled: true,
    storeDir: '/data/jetstream',
    maxMemory: 1_000_000_000,
    maxStore: 100 * 2 ** 30,
    domain: 'hub',
    storeUrl: '',
    untyped: {},
  });
  assert.deepEqual(
    [o.websocket.host, o.websocket.port, o.websocket.noTls, o.websocket.compression],
    ['0.0.0.0', 8080, true, true],
  );
  assert.deepEqual(o.cluster, {
    name: 'east',
    host: '0.0.0.0',
    port: 6222,
    routes: ['nats-route://nats-b:6222', 'nats-route://nats-c:6222'],
    untyped: { compression: 's2_auto' },
  });
  assert.deepEqual(Object.keys(o.untyped), ['system_account', 'accounts']);
});
