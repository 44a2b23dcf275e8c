import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { HostMessage } from '@tsnats/jetstream';
import { FakeEdge } from './fake-edge.test-support.js';
import { RemoteHost } from './remote-host.js';
import { RpcLink } from './rpc-link.js';
import { StorageServer } from './storage-server.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function startStore(
  t: TestContext,
  port = 0,
): Promise<{ host: RemoteHost; server: StorageServer; address: string }> {
  const host = new RemoteHost({ serverName: 'store-a', storeId: 'A' });
  const server = await StorageServer.listen(`127.0.0.1:${port}`, {
    host,
    storeId: 'A',
    serverName: 'store-a',
    streams: () => 0,
  });
  t.after(() => server.stop());
  return { host, server, address: `127.0.0.1:${server.port}` };
}

async function startEdge(
  t: TestContext,
  address: string,
): Promise<{ edge: FakeEdge; link: RpcLink }> {
  const edge = new FakeEdge();
  const link = new RpcLink({ addresses: [address] });
  await link.start(edge);
  t.after(() => link.stop());
  return { edge, link };
}

/** Resolves once `check` holds (polled; the links are asynchronous); fails after 10 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not true: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function received(edge: FakeEdge, subject: string): HostMessage[] {
  const got: HostMessage[] = [];
  edge.clientSubscribe(subject, (message) => got.push(message));
  return got;
}

void describe('edge ↔ store link', () => {
  void test("the store's subscriptions serve the edge's clients, replies come back", async (t) => {
    const { host, address } = await startStore(t);
    host.subscribe('orders.*', (message) => {
      host.publish({
        subject: message.reply ?? '',
        reply: undefined,
        headers: undefined,
        payload: encoder.encode(`stored ${message.subject}`),
      });
    });
    const { edge, link } = await startEdge(t, address);
    assert.equal(link.connections[0].storeName, 'store-a');
    assert.equal(edge.subscriptions, 1);
    const replies = received(edge, '_INBOX.1');
    await until(() => host.hasInterest('_INBOX.1'));
    edge.clientPublish('orders.new', 'x', '_INBOX.1');
    await until(() => replies.length === 1);
    assert.equal(decoder.decode(replies[0].payload), 'stored orders.new');
  });

  void test('a message crosses only to an edge with interest; headers survive, absent stays absent', async (t) => {
    const { host, address } = await startStore(t);
    const { edge: a } = await startEdge(t, address);
    const { edge: b } = await startEdge(t, address);
    const gotA = received(a, 'events.>');
    await until(() => host.edgeInterest('events.x'));
    const headers = encoder.encode('NATS/1.0\r\nA: 1\r\n\r\n');
    host.publish({ subject: 'events.x', reply: undefined, headers, payload: encoder.encode('1') });
    host.publish({
      subject: 'events.y',
      reply: 'r',
      headers: undefined,
      payload: new Uint8Array(0),
    });
    await until(() => gotA.length === 2);
    assert.equal(decoder.decode(gotA[0].headers), 'NATS/1.0\r\nA: 1\r\n\r\n');
    assert.equal(gotA[1].headers, undefined);
    assert.equal(gotA[1].reply, 'r');
    assert.equal(b.hasInterest('events.x'), false);
    assert.equal(host.edges, 2);
  });

  void test('what the store publishes is not forwarded back to it', async (t) => {
    const { host, address } = await startStore(t);
    let captured = 0;
    host.subscribe('loop.>', () => captured++);
    const { edge } = await startEdge(t, address);
    const got = received(edge, 'loop.>');
    await until(() => host.edgeInterest('loop.a'));
    host.publish({
      subject: 'loop.a',
      reply: undefined,
      headers: undefined,
      payload: new Uint8Array(0),
    });
    await until(() => got.length === 1);
    // The store's own subscription got it once, locally, as in one process.
    assert.equal(captured, 1);
    edge.clientPublish('loop.b', '');
    await until(() => captured === 2);
  });

  void test('unsubscribing in the store removes the edge subscription', async (t) => {
    const { host, address } = await startStore(t);
    const unsubscribe = host.subscribe('a', () => undefined);
    const { edge } = await startEdge(t, address);
    assert.equal(edge.subscriptions, 1);
    unsubscribe();
    await until(() => edge.subscriptions === 0);
  });

  void test('a store that goes away takes its subscriptions; the edge reconnects when it is back', async (t) => {
    const first = await startStore(t);
    first.host.subscribe('svc', () => undefined);
    const port = first.server.port;
    const { edge, link } = await startEdge(t, first.address);
    assert.equal(edge.subscriptions, 1);
    await first.server.stop();
    await until(() => edge.subscriptions === 0 && !link.connections[0].connected);
    const second = await startStore(t, port);
    second.host.subscribe('svc', () => undefined);
    second.host.subscribe('svc2', () => undefined);
    await until(() => link.connections[0].connected && edge.subscriptions === 2);
  });

  void test('while no store serves the API the edge answers it: 503 / 10008, as nats-server without a leader', async (t) => {
    const store = await startStore(t);
    const port = store.server.port;
    const { edge, link } = await startEdge(t, store.address);
    const replies = received(edge, 'reply.>');
    const answers = () => replies.map((message) => decoder.decode(message.payload));
    edge.clientPublish('$JS.API.STREAM.INFO.ORDERS', '', 'reply.1');
    assert.deepEqual(
      answers().map((text) => JSON.parse(text) as unknown),
      [
        {
          type: 'io.nats.jetstream.api.v1.stream_info_response',
          error: {
            code: 503,
            err_code: 10008,
            description: 'JetStream system temporarily unavailable',
          },
        },
      ],
    );
    // Pull requests and direct gets stay unanswered (no-responders for clients).
    edge.clientPublish('$JS.API.CONSUMER.MSG.NEXT.ORDERS.C', '', 'reply.2');
    edge.clientPublish('$JS.API.DIRECT.GET.ORDERS', '', 'reply.3');
    assert.equal(replies.length, 1);

    // An active store subscribes to the API: it alone answers.
    store.host.subscribe('$JS.API.>', (message) => {
      store.host.publish({
        subject: message.reply ?? '',
        reply: undefined,
        headers: undefined,
        payload: encoder.encode('from the store'),
      });
    });
    await until(() => link.connections[0].servesApi);
    edge.clientPublish('$JS.API.INFO', '', 'reply.4');
    await until(() => replies.length === 2);
    assert.equal(answers()[1], 'from the store');

    await store.server.stop();
    await until(() => !link.connections[0].servesApi);
    edge.clientPublish('$JS.API.INFO', '', 'reply.5');
    assert.match(answers()[2], /"type":"io.nats.jetstream.api.v1.account_info_response".*10008/);
    await startStore(t, port);
    await until(() => link.connections[0].connected);
    edge.clientPublish('$JS.API.INFO', '', 'reply.6');
    assert.match(answers()[3], /10008/, 'a standby (no API subscription) is no answer yet');
  });

  void test('start() returns when no store is reachable, and keeps trying', async (t) => {
    const probe = await startStore(t);
    const address = probe.address;
    await probe.server.stop();
    const { link } = await startEdge(t, address);
    assert.equal(link.connections[0].connected, false);
  });

  void test('a burst of publishes in one turn crosses as one frame', async (t) => {
    const { host, address } = await startStore(t);
    const seen: string[] = [];
    host.subscribe('burst', (message) => seen.push(decoder.decode(message.payload)));
    const { edge } = await startEdge(t, address);
    const frames: number[] = [];
    const receive = host.receive.bind(host);
    host.receive = (session, ops) => {
      frames.push(ops.length);
      receive(session, ops);
    };
    for (let i = 0; i < 500; i++) edge.clientPublish('burst', String(i));
    await until(() => seen.length === 500);
    assert.deepEqual(
      seen,
      Array.from({ length: 500 }, (_, i) => String(i)),
    );
    assert.deepEqual(frames, [500]);
  });
});
