// The JetStream, account, gateway and leaf node pages against a live
// nats-server (Debian's 2.9): the same keys with the same JSON types after the
// same stream and consumer were made on both, and the same 400 texts for bad
// parameters.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { shapeDifferences, startNatsServer, tempDir } from '@tsnats/testkit';
import { getJson, ordersScenario, startMonitoredJetStream } from './monitoring-test-support.js';

const PAGES = [
  '/jsz',
  '/jsz?accounts=1',
  '/jsz?acc=$G&streams=1',
  '/jsz?streams=1&consumers=1&config=1',
  '/jsz?acc=nobody',
  '/accountz',
  '/accountz?acc=$G',
  '/gatewayz',
  '/gatewayz?accs=1',
  '/leafz',
];

/** What nats-server sends and tsnats leaves out, and why. */
const LACKING = new Map([
  ['accountz.system_account', 'tsnats has no system account'],
  ['accountz.account_detail.imports', "the system account's service imports into $G"],
  [
    'jsz.account_details[].stream_detail[].consumer_detail[].delivered.last_active',
    "the JetStream API's consumer info has no last_active yet",
  ],
  [
    'jsz.account_details[].stream_detail[].consumer_detail[].ack_floor.last_active',
    "the JetStream API's consumer info has no last_active yet",
  ],
]);

/** Fields nats-server 2.10 added to what 2.9 sends. */
const ONLY_IN_2_10 = new Set([
  'jsz.account_details[].stream_detail[].consumer_detail[].ts',
  'jsz.account_details[].stream_detail[].config.compression',
  'jsz.account_details[].stream_detail[].config.consumer_limits',
]);

async function natsServerPages(t: TestContext): Promise<{ http: string; pages: unknown[] }> {
  const dir = await tempDir('tsnats-monitor-js-');
  t.after(() => dir.remove());
  const natsServer = await startNatsServer({ http: true, args: ['-js', '-sd', dir.path] });
  t.after(() => natsServer.stop());
  await ordersScenario(natsServer.url);
  const http = `http://127.0.0.1:${natsServer.httpPort}`;
  return { http, pages: await Promise.all(PAGES.map((path) => getJson(http, path))) };
}

async function ourPages(t: TestContext): Promise<{ http: string; pages: unknown[] }> {
  const { url, http } = await startMonitoredJetStream(t);
  await ordersScenario(url);
  return { http, pages: await Promise.all(PAGES.map((path) => getJson(http, path))) };
}

void describe("JetStream and account pages have nats-server's keys and JSON types", () => {
  void test('against a live nats-server with the same stream and consumer', async (t) => {
    const [theirs, ours] = await Promise.all([natsServerPages(t), ourPages(t)]);
    const problems = PAGES.flatMap((path, i) => {
      const name = path.slice(1).replace(/\?.*/, '');
      const our = ours.pages[i];
      let their = theirs.pages[i];
      if (name === 'leafz') {
        // 2.9 lists no leaf nodes as null, 2.10 (and tsnats) as [].
        assert.equal((their as { leafs: unknown }).leafs, null);
        assert.deepEqual((our as { leafs: unknown }).leafs, []);
        their = { ...(their as object), leafs: [] };
      }
      return shapeDifferences(their, our, name, { lacking: LACKING, extra: ONLY_IN_2_10 }).map(
        (problem) => `${path}: ${problem}`,
      );
    });
    // /varz's JetStream section (the rest of /varz is compared in @tsnats/server).
    const varzJetStream = async (http: string): Promise<unknown> =>
      ((await getJson(http, '/varz')) as { jetstream: unknown }).jetstream;
    const [their, our] = await Promise.all([theirs.http, ours.http].map(varzJetStream));
    problems.push(...shapeDifferences(their, our, 'varz.jetstream'));
    assert.deepEqual(problems, []);
  });

  void test('the same status and text for bad parameters, and for health', async (t) => {
    const [theirs, ours] = await Promise.all([natsServerPages(t), ourPages(t)]);
    for (const path of [
      '/jsz?accounts=x',
      '/jsz?offset=abc',
      '/jsz?limit=1.5',
      '/accountz?acc=nobody',
      '/gatewayz?accs=2',
      '/leafz?subs=x',
      '/healthz?js-enabled-only=true',
      '/healthz?js-enabled-only=x',
    ]) {
      const [their, our] = await Promise.all(
        [theirs.http, ours.http].map(async (base) => {
          const response = await fetch(`${base}${path}`);
          return [response.status, await response.text()];
        }),
      );
      assert.deepEqual(our, their, path);
    }
  });

  // nats-server 2.9 has no account, stream and consumer checks: these are 2.10's
  // (healthz in server/monitor.go), in its words.
  void test('healthz finds the account, stream and consumer as nats-server 2.10 does', async (t) => {
    const { url, http } = await startMonitoredJetStream(t);
    await ordersScenario(url);
    const health = async (query: string): Promise<[number, string]> => {
      const response = await fetch(`${http}/healthz?${query}`);
      return [response.status, await response.text()];
    };
    const ok: [number, string] = [200, '{"status":"ok"}'];
    assert.deepEqual(await health('account=$G'), ok);
    assert.deepEqual(await health('account=$G&stream=ORDERS'), ok);
    assert.deepEqual(await health('account=$G&stream=ORDERS&consumer=proc'), ok);
    assert.deepEqual(await health('account=nobody'), [
      404,
      '{"status":"unavailable","error":"JetStream account \\"nobody\\" not found"}',
    ]);
    assert.deepEqual(await health('account=$G&stream=NOPE'), [
      404,
      '{"status":"unavailable","error":"JetStream stream \\"NOPE\\" not found on account \\"$G\\""}',
    ]);
    assert.deepEqual(await health('account=$G&stream=ORDERS&consumer=nope'), [
      404,
      '{"status":"unavailable","error":"JetStream consumer \\"nope\\" not found for stream \\"ORDERS\\" on account \\"$G\\""}',
    ]);
    assert.deepEqual(await health('account=$G&stream=a.b&details=true'), [
      404,
      '{"status":"error","errors":[{"type":"STREAM","account":"$G","stream":"a.b","error":"JetStream stream \\"a.b\\" not found on account \\"$G\\""}]}',
    ]);
    assert.deepEqual(await health('account=$G&js-enabled-only=true&stream=NOPE'), ok);
    assert.deepEqual(await health('stream=ORDERS'), [
      400,
      '{"status":"error","error":"\\"account\\" must not be empty when checking stream health"}',
    ]);
  });
});
