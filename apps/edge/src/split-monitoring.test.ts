// /jsz, /metrics and the REST admin API in split mode: the edge holds no
// stream state, the pages and the API's answers come from the store service
// through the JetStream API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { useSplitMode } from './jetstream-test-support.js';
import { getJson, ordersScenario, startMonitoredJetStream } from './monitoring-test-support.js';

useSplitMode();

interface Jsz {
  streams: number;
  consumers: number;
  messages: number;
  account_details: {
    stream_detail: {
      name: string;
      state: { messages: number };
      consumer_detail: { name: string; num_pending: number; num_ack_pending: number }[];
    }[];
  }[];
}

void describe('monitoring a split edge', () => {
  void test('/jsz and /metrics show the store service’s streams and consumers', async (t) => {
    const { url, http } = await startMonitoredJetStream(t);
    await ordersScenario(url);
    const jsz = (await getJson(http, '/jsz?consumers=1')) as Jsz;
    assert.deepEqual([jsz.streams, jsz.consumers, jsz.messages], [1, 1, 3]);
    const [stream] = jsz.account_details[0].stream_detail;
    const [consumer] = stream.consumer_detail;
    assert.deepEqual(
      [
        stream.name,
        stream.state.messages,
        consumer.name,
        consumer.num_pending,
        consumer.num_ack_pending,
      ],
      ['ORDERS', 3, 'proc', 1, 1],
    );
    const metrics = await (await fetch(`${http}/metrics`)).text();
    assert.match(metrics, /^jetstream_consumer_num_ack_pending\{[^}]*consumer_name="proc"\} 1$/m);
    // The store's answer times, as the edge saw them: 3 publishes acked, 1 ackAck.
    const count = (operation: string): number =>
      Number(
        new RegExp(
          `^tsnats_rpc_request_duration_seconds_count\\{store="127\\.0\\.0\\.1:\\d+",operation="${operation}"\\} (\\d+)$`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      );
    assert.equal(count('publish'), 3);
    assert.equal(count('ack'), 1);
    assert.deepEqual([count('STREAM.CREATE'), count('CONSUMER.CREATE')], [1, 1]);
  });

  void test('the REST API and NATS clients see each other’s streams and keys at once', async (t) => {
    const { url, http } = await startMonitoredJetStream(t);
    const nc = await connect({ servers: url, reconnect: false });
    t.after(() => nc.close());
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${http}/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const created = await send('POST', '/streams', { name: 'REST', subjects: ['rest.>'] });
    assert.equal(created.status, 201);
    const jsm = await jetstreamManager(nc);
    assert.deepEqual((await jsm.streams.info('REST')).config.subjects, ['rest.>']);

    const kv = await new Kvm(nc).create('settings');
    await kv.put('color', 'blue');
    const read = await send('GET', '/kv/settings/keys/color?encoding=utf8');
    assert.equal(read.status, 200);
    assert.deepEqual(
      (({ value, revision }) => ({ value, revision }))(
        (await read.json()) as { value: string; revision: number },
      ),
      { value: 'blue', revision: 1 },
    );
    const put = await send('PUT', '/kv/settings/keys/size', { value: 'large', encoding: 'utf8' });
    assert.equal(put.status, 200);
    assert.equal((await kv.get('size'))?.string(), 'large');
  });
});
