import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig, positionOf, type ConfigMap } from './index.js';

// A production-shaped nats-server configuration, with the accounts in an included
// file, parsed whole.

const SERVER_CONF = `# NATS server, node A
server_name: nats-a
listen: 0.0.0.0:4222
port: 4222
http: 8222
max_payload: 8MB
max_pending: 64MB
write_deadline: "10s"
ping_interval: 2m
debug: false
trace: off
logtime = true

TOKEN_USER = svc

authorization {
  timeout: 2.5
  users = [
    { user: admin, password: $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG }
    {
      user: $TOKEN_USER
      password: $SVC_PASSWORD
      permissions: {
        publish: { allow: ["orders.>", "_INBOX.>"], deny: "orders.secret" }
        subscribe = [ "replies.*" ]
        allow_responses: { max: 1, expires: "1m" }
      }
    }
  ]
}

cluster {
  name: east
  listen: 0.0.0.0:6222
  authorization { user: route, password: "s3cr3t\\tquoted", timeout: 0.75 }
  routes = [
    nats-route://route:s3cr3t@nats-b:6222
    nats-route://route:s3cr3t@nats-c:6222
  ]
  pool_size: 3
}

jetstream {
  store_dir: '/data/jetstream'
  max_memory_store: 1GB
  max_file_store: 10Gi
  sync_interval: always
}

tls {
  cert_file: "/etc/nats/certs/server.pem"
  key_file:  "/etc/nats/certs/server-key.pem"
  ca_file:   "/etc/nats/certs/ca.pem"
  verify: true
  timeout: 2
  pinned_certs: []
}

include ./accounts.conf

banner (
Welcome to nats-a.
  Be nice.
)
cert_expiry = 2030-01-01T00:00:00Z
`;

const ACCOUNTS_CONF = `// accounts, included from server.conf
accounts: {
  SYS: { users: [ { user: sys, password: sys } ] }
  APP: {
    jetstream: enabled
    users: [ { user: app, password: "app-pass" } ]
    exports: [ { stream: "events.>" }, { service: "help", response_type: stream } ]
    limits { max_connections: -1, max_subscriptions: 1k }
  }
}
system_account: SYS
`;

void test('a realistic server configuration, whole', () => {
  const files: Record<string, string> = { '/etc/nats/accounts.conf': ACCOUNTS_CONF };
  const config = parseConfig(SERVER_CONF, {
    filename: '/etc/nats/server.conf',
    env: { SVC_PASSWORD: "'pw with spaces'", UNUSED: 'x' },
    readFile: (path) => files[path],
  });
  const tls = config.tls as ConfigMap;
  assert.deepEqual(positionOf(tls, 'verify'), {
    file: '/etc/nats/server.conf',
    line: 54,
    column: 3,
  });
  const accounts = config.accounts as ConfigMap;
  assert.deepEqual(positionOf(config, 'accounts'), {
    file: '/etc/nats/accounts.conf',
    line: 2,
    column: 1,
  });
  assert.deepEqual(positionOf(accounts.APP as ConfigMap, 'limits'), {
    file: '/etc/nats/accounts.conf',
    line: 8,
    column: 5,
  });

  assert.deepEqual(config, {
    server_name: 'nats-a',
    listen: '0.0.0.0:4222',
    port: 4222,
    http: 8222,
    max_payload: 8 * 1024 * 1024,
    max_pending: 64 * 1024 * 1024,
    write_deadline: '10s',
    ping_interval: 2_000_000, // "2m" is the integer 2 * 10^6: durations need quotes
    debug: false,
    trace: false,
    logtime: true,
    TOKEN_USER: 'svc',
    authorization: {
      timeout: 2.5,
      users: [
        { user: 'admin', password: '$2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG' },
        {
          user: 'svc',
          password: 'pw with spaces',
          permissions: {
            publish: { allow: ['orders.>', '_INBOX.>'], deny: 'orders.secret' },
            subscribe: ['replies.*'],
            allow_responses: { max: 1, expires: '1m' },
          },
        },
      ],
    },
    cluster: {
      name: 'east',
      listen: '0.0.0.0:6222',
      authorization: { user: 'route', password: 's3cr3t\tquoted', timeout: 0.75 },
      routes: ['nats-route://route:s3cr3t@nats-b:6222', 'nats-route://route:s3cr3t@nats-c:6222'],
      pool_size: 3,
    },
    jetstream: {
      store_dir: '/data/jetstream',
      max_memory_store: 1024 ** 3,
      max_file_store: 10 * 1024 ** 3,
      sync_interval: 'always',
    },
    tls: {
      cert_file: '/etc/nats/certs/server.pem',
      key_file: '/etc/nats/certs/server-key.pem',
      ca_file: '/etc/nats/certs/ca.pem',
      verify: true,
      timeout: 2,
      pinned_certs: [],
    },
    accounts: {
      SYS: { users: [{ user: 'sys', password: 'sys' }] },
      APP: {
        jetstream: 'enabled',
        users: [{ user: 'app', password: 'app-pass' }],
        exports: [{ stream: 'events.>' }, { service: 'help', response_type: 'stream' }],
        limits: { max_connections: -1, max_subscriptions: 1000 },
      },
    },
    system_account: 'SYS',
    banner: '\nWelcome to nats-a.\n  Be nice.\n',
    cert_expiry: new Date('2030-01-01T00:00:00Z'),
  });
});
