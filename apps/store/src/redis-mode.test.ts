// Streams in Redis: a store killed with SIGKILL is replaced by another on the
// same Redis, which recovers every stream and durable consumer from it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AckPolicy, StorageType } from '@nats-io/jetstream';
import { connectRedis, streamKeyBase } from '@tsnats/redis-log';
import {
  activeStoreBehindEdge,
  decode,
  encode,
  health,
  redis,
  store,
  until,
} from './test-support.js';

void describe('tsnats-store with --redis', () => {
  void test('another store on the same Redis recovers streams and consumers after kill -9', async (t) => {
    const redisServer = await redis(t);
    const { store: first, js, jsm } = await activeStoreBehindEdge(t, ['--redis', redisServer.url]);

    // Memory storage too: in Redis mode every stream is kept in Redis.
    await jsm.streams.add({ name: 'EVENTS', subjects: ['events.>'], storage: StorageType.Memory });
    await jsm.streams.add({ name: 'AUDIT', subjects: ['audit.>'], storage: StorageType.File });
    await jsm.streams.update('AUDIT', { subjects: ['audit.>'], max_msgs: 100 });
    for (let i = 1; i <= 20; i++) {
      assert.equal((await js.publish('events.x', encode(`event ${i}`))).seq, i);
    }
    await js.publish('audit.a', encode('audited'));
    await jsm.streams.add({ name: 'GONE', subjects: ['gone.>'] });
    await jsm.streams.delete('GONE');
    await jsm.consumers.add('EVENTS', { durable_name: 'reader', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get('EVENTS', 'reader');
    for await (const message of await consumer.fetch({ max_messages: 7, expires: 5_000 })) {
      assert.ok(await message.ackAck());
    }
    // The ack reply goes out before the state is written: wait for Redis to have it.
    const observer = await connectRedis(redisServer.url);
    t.after(() => {
      observer.disconnect();
    });
    await until('the ack floor in Redis', async () => {
      const saved = await observer.get(`${streamKeyBase('EVENTS')}c:reader`);
      return (
        saved !== null &&
        (JSON.parse(saved) as { ack_floor: { stream_seq: number } }).ack_floor.stream_seq === 7
      );
    });

    const killed = await first.process.stop('SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    const second = await store(t, { args: ['--redis', redisServer.url], port: first.rpcPort });
    await until('the new store to take over', async () => (await health(second)).code === 200);
    await until(
      'the streams to be back',
      async () => (await jsm.streams.info('EVENTS')).state.messages === 20,
    );

    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    assert.deepEqual(names.sort(), ['AUDIT', 'EVENTS']);
    const audit = await jsm.streams.info('AUDIT');
    assert.equal(audit.config.max_msgs, 100);
    assert.equal(audit.state.messages, 1);
    assert.equal((await jsm.consumers.info('EVENTS', 'reader')).ack_floor.stream_seq, 7);
    const next: string[] = [];
    const resumed = await js.consumers.get('EVENTS', 'reader');
    for await (const message of await resumed.fetch({ max_messages: 13, expires: 5_000 })) {
      next.push(decode(message.data));
      message.ack();
    }
    assert.deepEqual(
      next,
      Array.from({ length: 13 }, (_, i) => `event ${i + 8}`),
    );
    assert.equal((await js.publish('events.x', encode('event 21'))).seq, 21);
  });

  void test('while Redis is down: /healthz is 503, clients get JetStream errors, the edge stays up', async (t) => {
    const redisServer = await redis(t);
    const {
      store: started,
      nc,
      js,
      jsm,
    } = await activeStoreBehindEdge(t, ['--redis', redisServer.url]);
    await jsm.streams.add({ name: 'DOWN', subjects: ['down.>'] });
    await redisServer.stop();
    await until('health to report Redis', async () => {
      const { code, body } = await health(started);
      return code === 503 && (body as { status: string }).status === 'unavailable';
    });
    // The store stopped serving when it could not renew its lease: as nats-server
    // without a leader, the API says unavailable and publishes find no responders.
    await until('the API to say unavailable', async () => {
      try {
        await jsm.streams.info('DOWN');
        return false;
      } catch (error) {
        return (error as { code?: number }).code === 10008;
      }
    });
    await assert.rejects(js.publish('down.1', encode('lost')), /jetstream is not enabled/);
    assert.equal(nc.isClosed(), false);
    assert.deepEqual(await started.stop(), { code: 0, signal: null });
  });
});
