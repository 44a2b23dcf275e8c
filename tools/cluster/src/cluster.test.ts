import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startLocalCluster } from './cluster.js';

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

void test('a local split cluster: streams written through one edge are read through the other and the admin service', async (t) => {
  const cluster = await startLocalCluster();
  t.after(() => cluster.stop());
  assert.equal(cluster.edges.length, 2);
  assert.equal(cluster.stores.length, 2);

  const writer = await connect({ servers: cluster.clientUrls[0], reconnect: false });
  t.after(() => writer.close());
  const jsm = await jetstreamManager(writer);
  await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'] });
  const js = jetstream(writer);
  for (let i = 1; i <= 10; i++) {
    const ack = await js.publish(`orders.${i}`, `order ${i}`);
    assert.equal(ack.seq, i);
  }

  const reader = await connect({ servers: cluster.clientUrls[1], reconnect: false });
  t.after(() => reader.close());
  const readerJsm = await jetstreamManager(reader);
  await readerJsm.consumers.add('ORDERS', { durable_name: 'r', ack_policy: AckPolicy.Explicit });
  const consumer = await jetstream(reader).consumers.get('ORDERS', 'r');
  const batch = await consumer.fetch({ max_messages: 10, expires: 5000 });
  const got: string[] = [];
  for await (const m of batch) {
    got.push(text(m.data));
    m.ack();
  }
  assert.deepEqual(
    got,
    Array.from({ length: 10 }, (_, i) => `order ${i + 1}`),
  );

  // The admin service sees the stream through the stores, and both edges.
  const stream = (await (await fetch(`${cluster.admin.url}/api/v1/streams/ORDERS`)).json()) as {
    state: { messages: number };
  };
  assert.equal(stream.state.messages, 10);
  const servers = (await (await fetch(`${cluster.admin.url}/api/v1/servers`)).json()) as {
    servers: { name: string }[];
  };
  assert.deepEqual(servers.servers.map((server) => server.name).sort(), ['edge-1', 'edge-2']);
});
