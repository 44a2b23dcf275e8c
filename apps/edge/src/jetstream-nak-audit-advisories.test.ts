// The consumer NAK advisory ($JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.<stream>.<consumer>)
// and the API audit advisory ($JS.EVENT.ADVISORY.API), as nats-server 2.10 sends
// them (consumer.go processNak, jetstream_api.go sendJetStreamAPIAuditAdvisory),
// compared with nats-server 2.9 where both exist already.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, tempDir } from '@tsnats/testkit';
import { collect, inSplitMode, startJetStreamServer } from './jetstream-test-support.js';

interface Advisory {
  subject: string;
  body: Record<string, unknown>;
}

/** Subscribes to `subject`; `take(n)` resolves once n advisories arrived. */
async function watch(nc: NatsConnection, subject: string) {
  const seen: Advisory[] = [];
  let wanted = Infinity;
  let done: () => void = () => undefined;
  nc.subscribe(subject, {
    callback: (_error, msg) => {
      seen.push({ subject: msg.subject, body: msg.json() });
      if (seen.length >= wanted) done();
    },
  });
  await nc.flush();
  return {
    seen,
    take: (n: number): Promise<Advisory[]> => {
      if (seen.length >= n) return Promise.resolve(seen.slice(0, n));
      wanted = n;
      return new Promise((resolve) => {
        done = () => {
          resolve(seen.slice(0, n));
        };
      });
    },
  };
}

type Start = (t: TestContext) => Promise<string>;

/** A JSON string field of an advisory, parsed. */
const parsed = (value: unknown): Record<string, unknown> =>
  JSON.parse(String(value)) as Record<string, unknown>;

const servers: [string, Start][] = [
  ['tsnats', async (t) => (await startJetStreamServer(t)).url],
  [
    'nats-server 2.9',
    async (t) => {
      const dir = await tempDir('tsnats-adv-');
      t.after(() => dir.remove());
      const server = await startNatsServer({ args: ['-js', '-sd', dir.path] });
      t.after(() => server.stop());
      return server.url;
    },
  ],
];

async function client(t: TestContext, url: string): Promise<NatsConnection> {
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return nc;
}

for (const [name, start] of servers) {
  void describe(`NAK and API audit advisories (${name})`, () => {
    void test('a NAK of a pending delivery, not of an acked one', async (t) => {
      const nc = await client(t, await start(t));
      const jsm = await jetstreamManager(nc);
      const js = jetstream(nc);
      await jsm.streams.add({ name: 'N', subjects: ['n.>'], storage: StorageType.Memory });
      await js.publish('n.1', 'x');
      await js.publish('n.2', 'y');
      await jsm.consumers.add('N', { durable_name: 'C', ack_policy: AckPolicy.Explicit });
      const naks = await watch(nc, '$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.>');
      const consumer = await js.consumers.get('N', 'C');
      const [m1, m2] = await collect(
        await consumer.fetch({ max_messages: 2, expires: 2000 }),
        2,
        false,
      );
      m1.nak();
      // Acks of one consumer are handled in order: m1's NAK is done once m2's ack is.
      await m2.ackAck();
      // Acked already: no advisory for this one.
      m2.nak();
      const again = await consumer.next({ expires: 2000 });
      assert.ok(again !== null);
      assert.equal(again.seq, 1);
      again.nak();
      const [a, b] = await naks.take(2);
      await nc.flush();
      assert.equal(naks.seen.length, 2);
      assert.equal(a.subject, '$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.N.C');
      assert.deepEqual(Object.keys(a.body), [
        'type',
        'id',
        'timestamp',
        'stream',
        'consumer',
        'consumer_seq',
        'stream_seq',
        'deliveries',
      ]);
      assert.equal(a.body.type, 'io.nats.jetstream.advisory.v1.nak');
      const numbers = (advisory: Advisory) => [
        advisory.body.consumer_seq,
        advisory.body.stream_seq,
        advisory.body.deliveries,
      ];
      assert.deepEqual(numbers(a), [1, 1, 1]);
      assert.deepEqual(numbers(b), [3, 1, 2]);
    });

    void test('every JSON API request, answered or refused, with its request and response', async (t) => {
      const nc = await client(t, await start(t));
      const audits = await watch(nc, '$JS.EVENT.ADVISORY.API');
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'A', subjects: ['a.>'], storage: StorageType.Memory });
      await assert.rejects(jsm.streams.info('MISSING'));
      const all = await audits.take(3);
      const subjects = all.map((audit) => audit.subject);
      assert.deepEqual(new Set(subjects), new Set(['$JS.EVENT.ADVISORY.API']));
      const bySubject = (subject: string) => all.find((audit) => audit.body.subject === subject);
      const info = bySubject('$JS.API.INFO');
      assert.ok(info !== undefined, 'account info (the manager asks for it first)');
      assert.equal('request' in info.body, false);
      const create = bySubject('$JS.API.STREAM.CREATE.A');
      assert.ok(create !== undefined);
      assert.deepEqual(Object.keys(create.body), [
        'type',
        'id',
        'timestamp',
        'server',
        'client',
        'subject',
        'request',
        'response',
      ]);
      assert.equal(create.body.type, 'io.nats.jetstream.advisory.v1.api_audit');
      assert.equal(typeof create.body.server, 'string');
      // nats-server's ClientInfo for the global account's API import: acc, rtt (once measured), server.
      const { acc, rtt, server } = create.body.client as {
        acc: string;
        rtt: number;
        server: string;
      };
      assert.deepEqual([acc, server], ['$G', create.body.server]);
      // A store service does not learn the client's round trip from the edge.
      if (name === 'tsnats' && inSplitMode()) {
        assert.deepEqual(Object.keys(create.body.client as object), ['acc', 'server']);
      } else {
        assert.ok(Number.isInteger(rtt) && rtt > 0, `rtt in nanoseconds: ${rtt}`);
        assert.deepEqual(Object.keys(create.body.client as object), ['acc', 'rtt', 'server']);
      }
      assert.equal(parsed(create.body.request).name, 'A');
      assert.equal(
        parsed(create.body.response).type,
        'io.nats.jetstream.api.v1.stream_create_response',
      );
      const missing = bySubject('$JS.API.STREAM.INFO.MISSING');
      assert.ok(missing !== undefined);
      assert.equal((parsed(missing.body.response).error as { err_code: number }).err_code, 10059);
    });
  });
}
