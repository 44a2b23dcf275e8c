// Consumers through the `nats` v2 client (pullSubscribe, fetch), and the v3
// key-value and object store clients built on streams, consumers and direct get.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import { connect as connectV3 } from '@nats-io/transport-node';
import { AckPolicy, connect, StringCodec } from 'nats';
import { startJetStreamServer } from './jetstream-test-support.js';

const sc = StringCodec();

async function url(t: TestContext): Promise<string> {
  return (await startJetStreamServer(t)).url;
}

void describe('consumers with the nats v2 client, KV and object store with v3', () => {
  void test('v2 js.fetch and js.pullSubscribe', async (t) => {
    const nc = await connect({ servers: await url(t), reconnect: false });
    t.after(() => nc.close());
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'V2C', subjects: ['v2c.*'] });
    const js = nc.jetstream();
    for (let i = 0; i < 3; i++) await js.publish('v2c.a', sc.encode(`m${i}`));
    await jsm.consumers.add('V2C', { durable_name: 'f', ack_policy: AckPolicy.Explicit });
    const got: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the v2 API under test
    for await (const m of js.fetch('V2C', 'f', { batch: 2, expires: 1000 })) {
      got.push(sc.decode(m.data));
      m.ack();
    }
    assert.deepEqual(got, ['m0', 'm1']);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the v2 API under test
    const sub = await js.pullSubscribe('v2c.*', { config: { durable_name: 'ps' } });
    sub.pull({ batch: 3, expires: 1000 });
    const pulled: number[] = [];
    for await (const m of sub) {
      pulled.push(m.seq);
      m.ack();
      if (pulled.length === 3) break;
    }
    assert.deepEqual(pulled, [1, 2, 3]);
  });

  void test('KV put/get/watch/keys', async (t) => {
    const nc = await connectV3({ servers: await url(t), reconnect: false });
    t.after(() => nc.close());
    const kv = await new Kvm(nc).create('cfg');
    await kv.put('a', 'one');
    await kv.put('b', 'two');
    assert.equal((await kv.get('a'))?.string(), 'one');
    const watch = await kv.watch();
    const seen: string[] = [];
    for await (const e of watch) {
      seen.push(`${e.key}=${e.string()}`);
      if (seen.length === 2) break;
    }
    assert.deepEqual(seen.sort(), ['a=one', 'b=two']);
    const keys: string[] = [];
    for await (const k of await kv.keys()) keys.push(k);
    assert.deepEqual(keys.sort(), ['a', 'b']);
  });

  void test('object store put/get', async (t) => {
    const nc = await connectV3({ servers: await url(t), reconnect: false });
    t.after(() => nc.close());
    const os = await new Objm(jetstream(nc)).create('files');
    const data = new Uint8Array(300_000).map((_, i) => i % 251);
    await os.putBlob({ name: 'blob' }, data);
    assert.deepEqual(await os.getBlob('blob'), data);
  });
});
