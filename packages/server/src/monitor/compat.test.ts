// Our monitoring JSON against nats-server's: the same keys with the same JSON
// types, recursively, after the same scenario. Against the answers recorded in
// testdata/ (offline), and against a live nats-server (Debian's 2.9.10).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, test, type TestContext } from 'node:test';
import { shapeDifferences } from '@tsnats/testkit';
import { connect, type NatsConnection } from 'nats';
import { startServer } from '../test-support.js';
import { connz } from './connz.js';
import { goJson } from './go-format.js';
import { healthz } from './healthz.js';
import { routez } from './routez.js';
import { subsz } from './subsz.js';
import { varz } from './varz.js';

/** Each recorded answer, by its testdata file name; see testdata/README.md for the requests. */
const REQUESTS = {
  varz: '/varz',
  connz: '/connz?subs=1',
  'connz-closed': '/connz?state=closed&subs=detail&auth=1',
  subsz: '/subsz?subs=1',
  healthz: '/healthz',
  routez: '/routez',
} as const;
type Answers = Record<keyof typeof REQUESTS, unknown>;

/** Keys nats-server 2.9 sends that tsnats leaves out on purpose, and why. */
const LACKING: ReadonlyMap<string, string> = new Map([
  ['varz.system_account', 'tsnats has no system account; nats-server omits the key without one'],
]);
/** Keys nats-server 2.10 added, which 2.9 does not send. */
const ONLY_IN_2_10 = new Set(['varz.slow_consumer_stats', 'routez.server_name']);
/** Objects whose keys are data (request paths), not field names: only their values' types count. */
const MAPS = new Set(['varz.http_req_stats']);

function assertSameShapes(theirs: Answers, ours: Answers): void {
  const problems = (Object.keys(REQUESTS) as (keyof Answers)[]).flatMap((name) =>
    shapeDifferences(theirs[name], ours[name], name, {
      lacking: LACKING,
      extra: ONLY_IN_2_10,
      maps: MAPS,
    }),
  );
  assert.deepEqual(problems, []);
}

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 250 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(await check(), 'timed out');
}

/** The scenario of testdata/README.md; returns the client that stays connected. */
async function exercise(port: number, closedCount: () => Promise<number> | number) {
  const servers = `127.0.0.1:${port}`;
  const client = await connect({ servers, name: 'monitor-compat' });
  client.subscribe('foo.*');
  client.subscribe('bar', { queue: 'q', max: 5 });
  client.publish('foo.x', 'hello');
  await client.flush();
  const gone = await connect({ servers, name: 'closed-one' });
  gone.subscribe('baz');
  await gone.flush();
  await gone.close();
  await until(async () => (await closedCount()) > 0);
  return client;
}

async function ourAnswers(t: TestContext): Promise<Answers> {
  const { server, port } = await startServer(t);
  const client: NatsConnection = await exercise(port, () => server.closed.size);
  t.after(() => client.close());
  const now = Date.now();
  // /healthz's HTTP body leaves the status code out.
  const health = healthz(server);
  delete health.status_code;
  const answers: Answers = {
    varz: varz(server, now, { '/varz': 1 }),
    connz: connz(server, { subscriptions: true }, now),
    'connz-closed': connz(server, { state: 'closed', subscriptionsDetail: true, auth: true }, now),
    subsz: subsz(server, { subscriptions: true }, now),
    healthz: health,
    routez: routez(server, now),
  };
  // Compare the JSON text as sent, not the objects it was made from.
  return JSON.parse(goJson(answers)) as Answers;
}

/** nats-server on free ports, stopped after the test; its client and monitoring ports. */
async function startNatsServer(t: TestContext): Promise<{ client: number; http: number }> {
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', '-1', '-m', '-1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill();
    await once(child, 'exit');
  });
  let log = '';
  child.stderr.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`nats-server did not start:\n${log}`));
    }, 10_000);
    child.stderr.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const port = (pattern: RegExp): number => Number(pattern.exec(log)?.[1]);
  return {
    client: port(/client connections on [^\s]+:(\d+)/),
    http: port(/monitor on [^\s]+:(\d+)/),
  };
}

async function natsServerAnswers(t: TestContext): Promise<Answers> {
  const ports = await startNatsServer(t);
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`http://127.0.0.1:${ports.http}${path}`);
    assert.equal(response.status, 200, path);
    return response.json();
  };
  const closed = async (): Promise<number> =>
    ((await get('/connz?state=closed')) as { total: number }).total;
  const client = await exercise(ports.client, closed);
  t.after(() => client.close());
  const entries = await Promise.all(
    Object.entries(REQUESTS).map(async ([name, path]) => [name, await get(path)] as const),
  );
  return Object.fromEntries(entries) as Answers;
}

function recorded(): Answers {
  const read = (name: string): unknown =>
    JSON.parse(
      readFileSync(new URL(`../../src/monitor/testdata/${name}.json`, import.meta.url), 'utf8'),
    );
  return Object.fromEntries(Object.keys(REQUESTS).map((name) => [name, read(name)])) as Answers;
}

void describe("monitoring JSON has nats-server's keys and JSON types", () => {
  void test('against the answers recorded from nats-server 2.9', async (t) => {
    assertSameShapes(recorded(), await ourAnswers(t));
  });

  void test('against a live nats-server', async (t) => {
    const theirs = await natsServerAnswers(t);
    assert.match((theirs.varz as { version: string }).version, /^2\./);
    assertSameShapes(theirs, await ourAnswers(t));
  });
});
