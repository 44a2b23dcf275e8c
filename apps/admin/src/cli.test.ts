// The CLI, run as a process, against the admin service of a store (and an
// edge for `servers`): tables for people, --json as the API answers, and
// errors on stderr with exit code 1.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { freePort } from '@tsnats/testkit';
import { admin, cli, cliJson, edge, store } from './test-support.js';

async function deployment(t: TestContext, extra: string[] = []): Promise<string> {
  const storeA = await store(t);
  return (await admin(t, ['--store', `rpc://${storeA.address}`, ...extra])).url;
}

/** Where each header starts in the first line, and where the row's cells start. */
function columnStarts(line: string): number[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((match) => match.index);
}

void describe('tsnats-admin CLI', () => {
  void test('streams: add, ls as a table and as JSON, info, purge, consumers, rm', async (t) => {
    const url = await deployment(t);
    const run = (...args: string[]) => cli(['--url', url, ...args]);

    const added = await run(
      'stream',
      'add',
      'ORDERS',
      ...['--subjects', 'orders.new,orders.paid', '--storage', 'memory', '--max-msgs', '1000'],
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Created stream ORDERS\n/);
    assert.match(added.stdout, /^Max messages: +1000$/m);
    assert.equal((await run('stream', 'add', 'EVENTS_LOG')).code, 0);

    const listed = await run('streams', 'ls');
    assert.equal(listed.stderr, '');
    const [header, ...rows] = listed.stdout.trimEnd().split('\n');
    assert.match(header, /^NAME +SUBJECTS +STORAGE +REPLICAS +MESSAGES +BYTES +CONSUMERS$/);
    assert.equal(rows.length, 2);
    const orders = rows.find((row) => row.startsWith('ORDERS'));
    assert.ok(orders !== undefined);
    assert.match(orders, /^ORDERS +orders\.new,orders\.paid +memory +1 +0 +0 +0$/);
    // Text columns start under their header; numbers end under theirs.
    const starts = columnStarts(header);
    assert.deepEqual(columnStarts(orders).slice(0, 3), starts.slice(0, 3));
    assert.equal(orders.length, header.length);

    const document = (await cliJson(['--url', url, 'streams', 'ls'])) as {
      total: number;
      streams: { config: { name: string; max_msgs: number } }[];
    };
    assert.equal(document.total, 2);
    const config = document.streams.find((s) => s.config.name === 'ORDERS')?.config;
    assert.equal(config?.max_msgs, 1000);

    const info = (await cliJson(['--url', url, 'stream', 'info', 'ORDERS'])) as {
      config: { subjects: string[]; storage: string };
    };
    assert.deepEqual(info.config.subjects, ['orders.new', 'orders.paid']);
    assert.equal(info.config.storage, 'memory');
    assert.match(
      (await run('stream', 'info', 'ORDERS')).stdout,
      /^Subjects: +orders\.new,orders\.paid$/m,
    );

    const purged = await run('stream', 'purge', 'ORDERS');
    assert.equal(purged.stdout, 'Purged 0 messages from ORDERS\n');
    assert.deepEqual(await cliJson(['--url', url, 'stream', 'purge', 'ORDERS']), { purged: 0 });

    const consumer = await fetch(`${url}/api/v1/streams/ORDERS/consumers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ durable_name: 'shipper', ack_policy: 'explicit' }),
    });
    assert.equal(consumer.status, 201);
    const consumers = await run('consumers', 'ls', 'ORDERS');
    assert.match(consumers.stdout, /^NAME +DURABLE +ACK +FILTER +PENDING/);
    assert.match(consumers.stdout, /^shipper +yes +explicit +0 +0 +0 +0$/m);

    const removed = await run('stream', 'rm', 'ORDERS');
    assert.deepEqual(removed, { code: 0, stdout: 'Deleted stream ORDERS\n', stderr: '' });
    const gone = await run('stream', 'info', 'ORDERS');
    assert.deepEqual(gone, { code: 1, stdout: '', stderr: 'Not Found: stream not found\n' });
  });

  void test('kv: add, put, get, ls, rm', async (t) => {
    const url = await deployment(t);
    const run = (...args: string[]) => cli(['--url', url, ...args]);
    assert.equal(
      (await run('kv', 'add', 'config', '--history', '5')).stdout,
      'Created bucket config\n',
    );
    assert.equal(
      (await run('kv', 'put', 'config', 'db.host', 'db-1')).stdout,
      'config > db.host revision 1\n',
    );
    assert.deepEqual(await cliJson(['--url', url, 'kv', 'put', 'config', 'db.host', 'db-2']), {
      bucket: 'config',
      key: 'db.host',
      revision: 2,
    });
    const got = await run('kv', 'get', 'config', 'db.host');
    assert.match(got.stdout, /^Value: +db-2$/m);
    assert.match(got.stdout, /^Revision: +2$/m);
    const entry = (await cliJson(['--url', url, 'kv', 'get', 'config', 'db.host'])) as {
      value: string;
      operation: string;
    };
    assert.equal(entry.value, 'db-2');
    assert.equal(entry.operation, 'PUT');

    const buckets = await run('kv', 'ls');
    assert.match(
      buckets.stdout,
      /^BUCKET +VALUES +HISTORY +STORAGE +REPLICAS +BYTES\nconfig +2 +5 +file +1 +\d+\n$/,
    );

    assert.equal(
      (await run('kv', 'rm', 'config', 'db.host')).stdout,
      'Deleted db.host from bucket config\n',
    );
    const deleted = await run('kv', 'get', 'config', 'db.host');
    assert.equal(deleted.code, 1);
    assert.equal(deleted.stderr, 'Not Found: key db.host was deleted from bucket config\n');
  });

  void test('servers: the edges, one of them down', async (t) => {
    const storeA = await store(t);
    const server = await edge(t, [storeA.address]);
    const live = `http://127.0.0.1:${server.httpPort ?? 0}`;
    const down = `http://127.0.0.1:${await freePort()}`;
    const { url } = await admin(t, [
      ...['--store', `rpc://${storeA.address}`, '--edges', `${live},${down}`],
    ]);
    const listed = await cli(['servers'], { TSNATS_ADMIN_URL: url });
    assert.equal(listed.code, 0, listed.stderr);
    const [header, up, unreachable] = listed.stdout.trimEnd().split('\n');
    assert.match(header, /^NAME +ID +VERSION +HOST +PORT +CONNS +SUBS +ROUTES +JETSTREAM +STATUS$/);
    assert.match(up, new RegExp(` ${server.port} .* ok$`));
    assert.ok(unreachable.startsWith(down));
    assert.match(unreachable, /unreachable: .*ECONNREFUSED/);
    const document = (await cliJson(['--url', url, 'servers'])) as { servers: { url: string }[] };
    assert.deepEqual(
      document.servers.map((s) => s.url),
      [live, down],
    );
  });

  void test('a token: refused without it, accepted with it', async (t) => {
    const url = await deployment(t, ['--token', 's3cret']);
    const refused = await cli(['--url', url, 'streams', 'ls']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'Unauthorized: a valid bearer token is required\n');
    assert.equal((await cli(['--url', url, '--token', 's3cret', 'streams', 'ls'])).code, 0);
    const fromEnv = await cli(['--url', url, 'kv', 'ls'], { TSNATS_ADMIN_TOKEN: 's3cret' });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
  });

  void test('usage errors and an unreachable API exit 1 with the reason on stderr', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [['stream', 'launch', 'X'], /unknown command 'stream launch'/],
      [['stream', 'add'], /stream add: missing <name>/],
      [['kv', 'get', 'b', 'k', 'extra'], /unexpected argument 'extra'/],
      [['streams', 'ls', '--subjects', 'x'], /streams ls: unknown option '--subjects'/],
      [
        ['stream', 'add', 'X', '--storage', 'disk'],
        /--storage: expected file or memory, got 'disk'/,
      ],
      [['stream', 'add', 'X', '--max-msgs', 'many'], /--max-msgs: 'many' is not an integer/],
      [['--bogus'], /'--bogus'/],
      [['serve'], /--store is required/],
      [['serve', '--store', 'rpc://h:1', '--listen', 'nowhere'], /--listen: expected host:port/],
      [['serve', '--store', 'rpc://h:1', '--edges', 'ftp://x'], /not an http\(s\) URL/],
    ];
    for (const [args, stderr] of cases) {
      const result = await cli(args);
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
      assert.match(result.stderr, stderr, args.join(' '));
    }
    const unreachable = await cli([
      '--url',
      `http://127.0.0.1:${await freePort()}`,
      'streams',
      'ls',
    ]);
    assert.equal(unreachable.code, 1);
    assert.match(
      unreachable.stderr,
      /^cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/streams.*ECONNREFUSED/,
    );
  });

  void test('--help and --version', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tsnats-admin <command>/);
    assert.match(help.stdout, /^ {2}stream add <name> +Create a stream$/m);
    assert.match(help.stdout, /--subjects <a,b>/);
    const serveHelp = await cli(['serve', '--help']);
    assert.equal(serveHelp.code, 0);
    assert.match(serveHelp.stdout, /--store <rpc:\/\/h:p,\.\.\.>/);
    assert.match((await cli(['--version'])).stdout, /^tsnats-admin: v\d+\.\d+\.\d+\n$/);
  });
});
