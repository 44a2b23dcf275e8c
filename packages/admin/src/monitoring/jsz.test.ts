// /jsz and /metrics over an embedded JetStream, with streams and consumers made
// by a real v3 client: what the JetStream API says, in nats-server's shapes.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { monitored, type Monitored } from './monitoring.test-support.js';
import type { JSInfo } from './jsz.js';

/** ORDERS (orders.>) with 3 messages, a durable `proc` that got 2 and acked 1, and EMPTY. */
async function withStreams(t: TestContext): Promise<Monitored> {
  const monitor = await monitored(t, { jetstream: true });
  const nc = await connect({
    servers: `127.0.0.1:${monitor.server.clientAddress.port}`,
    reconnect: false,
  });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.Memory });
  await jsm.streams.add({ name: 'EMPTY', subjects: ['empty'], storage: StorageType.Memory });
  await jsm.consumers.add('ORDERS', { durable_name: 'proc', ack_policy: AckPolicy.Explicit });
  const js = jetstream(nc);
  for (const n of [1, 2, 3]) await js.publish('orders.new', `order ${n}`);
  const consumer = await js.consumers.get('ORDERS', 'proc');
  const batch = await consumer.fetch({ max_messages: 2, expires: 1000 });
  let first = true;
  for await (const message of batch) {
    if (first) await message.ackAck();
    first = false;
  }
  return monitor;
}

const get = async (monitor: Monitored, url: string): Promise<JSInfo> => {
  const response = await monitor.inject(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json<JSInfo>();
};

void describe('/jsz', () => {
  void test('totals, and nothing per account unless asked', async (t) => {
    const monitor = await withStreams(t);
    const info = await get(monitor, '/jsz');
    assert.deepEqual(
      [info.streams, info.consumers, info.messages, info.accounts, info.disabled],
      [2, 1, 3, 1, undefined],
    );
    assert.ok(info.bytes > 0 && info.memory === info.bytes);
    assert.ok(info.api.total > 0);
    assert.ok(info.config.max_memory > 0 && info.config.max_storage > 0);
    assert.equal(info.account_details, undefined);
    for (const url of ['/jsz?acc=other', '/jsz?accounts=1&offset=1']) {
      assert.equal((await get(monitor, url)).account_details, undefined, url);
    }
  });

  void test('accounts, streams, consumers and config', async (t) => {
    const monitor = await withStreams(t);
    const accounts = await get(monitor, '/jsz?accounts=true');
    const [account] = accounts.account_details ?? [];
    assert.deepEqual([account.name, account.id, account.stream_detail], ['$G', '$G', undefined]);
    // An account without limits of its own reserves Go's uint64(-1).
    const raw = (await monitor.inject('/jsz?accounts=true')).body;
    assert.match(raw, /"reserved_memory": 18446744073709551615,/);

    const streams = (await get(monitor, '/jsz?streams=1')).account_details?.[0].stream_detail ?? [];
    assert.deepEqual(
      streams
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => [s.name, s.state.messages, s.config, s.consumer_detail]),
      [
        ['EMPTY', 0, undefined, undefined],
        ['ORDERS', 3, undefined, undefined],
      ],
    );

    const full = await get(monitor, '/jsz?acc=$G&consumers=1&config=1');
    const orders = full.account_details?.[0].stream_detail?.find((s) => s.name === 'ORDERS');
    assert.equal(orders?.config?.name, 'ORDERS');
    const [proc] = orders?.consumer_detail ?? [];
    assert.deepEqual(
      [proc.name, proc.num_pending, proc.num_ack_pending, proc.config?.durable_name],
      ['proc', 1, 1, 'proc'],
    );
    const bare = await get(monitor, '/jsz?consumers=1');
    const noConfig = bare.account_details?.[0].stream_detail?.find((s) => s.name === 'ORDERS');
    assert.equal(noConfig?.consumer_detail?.[0].config, undefined);
    assert.equal(noConfig?.config, undefined);
  });

  void test('leader-only: a single server leads', async (t) => {
    const monitor = await withStreams(t);
    assert.equal((await get(monitor, '/jsz?leader-only=1')).streams, 2);
  });
});

void describe('/metrics', () => {
  void test('server counters and JetStream gauges in the Prometheus text format', async (t) => {
    const monitor = await withStreams(t);
    const response = await monitor.inject('/metrics');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
    const id = monitor.server.serverId;
    const body = response.body;
    const value = (name: string, labels: string): number => {
      const line = body.split('\n').find((l) => l.startsWith(`${name}{${labels}`));
      assert.ok(line !== undefined, `${name}{${labels}...} in\n${body}`);
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    assert.match(body, /^# HELP gnatsd_varz_connections /m);
    assert.match(body, /^# TYPE gnatsd_varz_connections gauge$/m);
    assert.equal(value('gnatsd_varz_connections', `server_id="${id}"`), 1);
    assert.ok(value('gnatsd_varz_in_msgs', `server_id="${id}"`) >= 3);
    assert.ok(value('gnatsd_varz_out_msgs', `server_id="${id}"`) >= 2);
    assert.ok(value('gnatsd_varz_in_bytes', `server_id="${id}"`) > 0);
    assert.equal(value('gnatsd_varz_slow_consumers', `server_id="${id}"`), 0);
    assert.ok(value('gnatsd_varz_subscriptions', `server_id="${id}"`) > 0);

    const server = `server_id="${id}",server_name="${monitor.server.serverName}",domain=""`;
    assert.equal(value('jetstream_server_jetstream_disabled', server), 0);
    assert.equal(value('jetstream_server_total_streams', server), 2);
    const orders = `${server},account="$G",stream_name="ORDERS"`;
    assert.equal(value('jetstream_stream_total_messages', orders), 3);
    assert.ok(value('jetstream_stream_total_bytes', orders) > 0);
    assert.equal(value('jetstream_stream_consumer_count', orders), 1);
    const proc = `${orders},consumer_name="proc"`;
    assert.equal(value('jetstream_consumer_num_pending', proc), 1);
    assert.equal(value('jetstream_consumer_num_ack_pending', proc), 1);
  });

  void test('a deleted stream leaves the next scrape', async (t) => {
    const monitor = await withStreams(t);
    assert.match((await monitor.inject('/metrics')).body, /stream_name="EMPTY"/);
    const nc = await connect({
      servers: `127.0.0.1:${monitor.server.clientAddress.port}`,
      reconnect: false,
    });
    t.after(() => nc.close());
    await (await jetstreamManager(nc)).streams.delete('EMPTY');
    assert.doesNotMatch((await monitor.inject('/metrics')).body, /stream_name="EMPTY"/);
  });

  void test('without JetStream: the server counters, and JetStream disabled', async (t) => {
    const monitor = await monitored(t);
    const body = (await monitor.inject('/metrics')).body;
    assert.match(body, /^gnatsd_varz_connections\{server_id="[A-Z0-9]+"\} 0$/m);
    assert.match(body, /^jetstream_server_jetstream_disabled\{[^}]*\} 1$/m);
    assert.doesNotMatch(body, /^jetstream_stream_total_messages\{/m);
  });
});
