// Consumer replay_policy original, as nats-server's loopAndGatherMsgs: the
// messages the stream held when the consumer started go out spaced as they were
// stored; later ones as they come. Only a lower bound is checked, on the time
// from the request (consumer create, fetch) to the receipt of the last stored
// message: the waits add up to at least the stored spacing, and receipt delays
// only add to it. Run against nats-server 2.9 as well.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  ReplayPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, createInbox } from '@nats-io/transport-node';
import { startNatsServer, tempDir } from '@tsnats/testkit';
import { collect, startJetStreamServer, text } from './jetstream-test-support.js';

const GAP_MS = 250;
/** a to c as stored. */
const SPAN_MS = 3 * GAP_MS;
// Timers may fire a little early by performance.now(); far less than this.
const SLACK_MS = 20;

/** A stream with a, b (GAP_MS later) and c (2 * GAP_MS after b). */
async function streamWithGaps(t: TestContext, url: string) {
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await jsm.streams.add({ name: 'R', subjects: ['r.>'], storage: StorageType.Memory });
  await js.publish('r.1', 'a');
  await delay(GAP_MS);
  await js.publish('r.2', 'b');
  await delay(2 * GAP_MS);
  await js.publish('r.3', 'c');
  return { nc, jsm, js };
}

const servers: [string, (t: TestContext) => Promise<string>][] = [
  ['tsnats', async (t) => (await startJetStreamServer(t)).url],
  [
    'nats-server 2.9',
    async (t) => {
      const dir = await tempDir('tsnats-replay-');
      t.after(() => dir.remove());
      const server = await startNatsServer({ args: ['-js', '-sd', dir.path] });
      t.after(() => server.stop());
      return server.url;
    },
  ],
];

for (const [name, start] of servers) {
  void describe(`replay_policy original (${name})`, () => {
    void test('push: stored messages keep their spacing, new ones come at once', async (t) => {
      const { nc, jsm, js } = await streamWithGaps(t, await start(t));
      const deliverTo = createInbox();
      let thirdAt = 0;
      const data: string[] = [];
      let fourth: () => void = () => undefined;
      const gotFourth = new Promise<void>((resolve) => (fourth = resolve));
      nc.subscribe(deliverTo, {
        callback: (_error, msg) => {
          data.push(text(msg.data));
          if (data.length === 3) thirdAt = performance.now();
          if (data.length === 4) fourth();
        },
      });
      const requested = performance.now();
      await jsm.consumers.add('R', {
        durable_name: 'P',
        deliver_subject: deliverTo,
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
        replay_policy: ReplayPolicy.Original,
      });
      while (data.length < 3) await delay(20);
      await js.publish('r.4', 'd');
      await gotFourth;
      assert.deepEqual(data, ['a', 'b', 'c', 'd']);
      const span = thirdAt - requested;
      assert.ok(span >= SPAN_MS - SLACK_MS, `create to c: ${span} ms`);
    });

    void test('pull: a fetch gets the stored messages with their spacing', async (t) => {
      const { jsm, js } = await streamWithGaps(t, await start(t));
      await jsm.consumers.add('R', {
        durable_name: 'Q',
        ack_policy: AckPolicy.Explicit,
        replay_policy: ReplayPolicy.Original,
      });
      const consumer = await js.consumers.get('R', 'Q');
      const requested = performance.now();
      const messages = await collect(await consumer.fetch({ max_messages: 3, expires: 5000 }), 3);
      const span = performance.now() - requested;
      assert.deepEqual(
        messages.map((m) => m.seq),
        [1, 2, 3],
      );
      assert.ok(span >= SPAN_MS - SLACK_MS, `fetch to c: ${span} ms`);
    });
  });
}
