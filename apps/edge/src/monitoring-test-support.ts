// Test support for the monitoring pages with JetStream: a JetStream server
// (embedded, or split after useSplitMode) with its monitoring listener, and
// the scenario the nats-server comparisons run on both servers.
import type { TestContext } from 'node:test';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { RpcLink } from '@tsnats/rpc';
import { silentLogger } from '@tsnats/server';
import { startJetStreamServer } from './jetstream-test-support.js';
import { startMonitoring } from './monitoring.js';

/** A JetStream server and its monitoring listener: the client URL and the monitor's base URL. */
export async function startMonitoredJetStream(
  t: TestContext,
): Promise<{ url: string; http: string }> {
  const { server, url, edgeLink } = await startJetStreamServer(t);
  const monitor = await startMonitoring(server, { host: '127.0.0.1', port: -1 }, silentLogger, {
    jetStreamRunning: () => true,
    metrics: edgeLink instanceof RpcLink ? [edgeLink.metrics.registry] : [],
  });
  t.after(() => monitor.close());
  return { url, http: `http://127.0.0.1:${monitor.address.port}` };
}

/**
 * Stream ORDERS (orders.>) with 3 messages and a durable pull consumer `proc`
 * that was handed 2 of them and acked 1: pending 1, ack pending 1.
 */
export async function ordersScenario(url: string): Promise<void> {
  const nc = await connect({ servers: url, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'] });
    await jsm.consumers.add('ORDERS', { durable_name: 'proc', ack_policy: AckPolicy.Explicit });
    const js = jetstream(nc);
    for (const n of [1, 2, 3]) await js.publish('orders.new', `order ${n}`);
    const consumer = await js.consumers.get('ORDERS', 'proc');
    const batch = await consumer.fetch({ max_messages: 2, expires: 2000 });
    let first = true;
    for await (const message of batch) {
      if (first) await message.ackAck();
      first = false;
    }
  } finally {
    await nc.close();
  }
}

/** GET `path` as JSON (any status). */
export async function getJson(base: string, path: string): Promise<unknown> {
  const response = await fetch(`${base}${path}`);
  return response.json();
}
