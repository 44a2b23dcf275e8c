// Active/standby: two stores on one Redis behind one edge. Killing the active
// one with SIGKILL under publish load: the standby takes the lease, recovers
// from Redis and serves; nothing acknowledged is lost and the durable
// consumer does not get acknowledged messages again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AckPolicy, StorageType, type JetStreamClient } from '@nats-io/jetstream';
import { connectRedis, streamKeyBase } from '@tsnats/redis-log';
import { client, decode, edge, encode, health, redis, store, until } from './test-support.js';

const PUBLISHERS = 4;

/** Publishers that retry each message (same Nats-Msg-Id) until it is acknowledged. */
function publishUnderLoad(js: JetStreamClient): {
  acked: Map<number, string>;
  ackTimes: number[];
  stop: () => Promise<void>;
} {
  const acked = new Map<number, string>();
  const ackTimes: number[] = [];
  let next = 0;
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const payload = `load ${next++}`;
      while (!stopped) {
        try {
          const ack = await js.publish('load.x', encode(payload), {
            msgID: payload,
            timeout: 2_000,
          });
          acked.set(ack.seq, payload);
          ackTimes.push(Date.now());
          break;
        } catch {
          // No store serves the stream right now: try the same message again shortly.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }
  };
  const loops = Array.from({ length: PUBLISHERS }, () => loop());
  return {
    acked,
    ackTimes,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

void describe('tsnats-store active/standby on one Redis', () => {
  void test('the standby takes over within 5 s of kill -9, losing nothing acknowledged', async (t) => {
    const redisServer = await redis(t);
    const active = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-a'] });
    await until('store-a to become active', async () => (await health(active)).code === 200);
    const standby = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-b'] });
    assert.deepEqual(await health(standby), {
      code: 503,
      body: { status: 'unavailable', error: 'standby' },
    });
    const server = await edge(t, [active.address, standby.address]);
    const { js, jsm } = await client(t, server);
    await until('the edge to reach the active store', async () => {
      await jsm.getAccountInfo();
      return true;
    });

    await jsm.streams.add({ name: 'LOAD', subjects: ['load.>'], storage: StorageType.File });
    await jsm.consumers.add('LOAD', { durable_name: 'worker', ack_policy: AckPolicy.Explicit });
    const load = publishUnderLoad(js);
    t.after(() => load.stop());
    await until('some load', () => load.acked.size >= 200);
    const consumer = await js.consumers.get('LOAD', 'worker');
    for await (const message of await consumer.fetch({ max_messages: 50, expires: 5_000 })) {
      assert.ok(await message.ackAck());
    }
    const observer = await connectRedis(redisServer.url);
    t.after(() => {
      observer.disconnect();
    });
    await until('the ack floor in Redis', async () => {
      const saved = await observer.get(`${streamKeyBase('LOAD')}c:worker`);
      return (
        saved !== null &&
        (JSON.parse(saved) as { ack_floor: { stream_seq: number } }).ack_floor.stream_seq === 50
      );
    });

    const killedAt = Date.now();
    const deadline = killedAt + 5_000;
    await active.process.stop('SIGKILL');
    // Acks already on their way from store-a may still arrive: count those after store-b serves.
    await until(
      'store-b to serve',
      async () => (await health(standby)).code === 200,
      deadline - Date.now(),
    );
    const servingAt = Date.now();
    await until(
      'a publish acknowledged through store-b',
      () => load.ackTimes.some((time) => time > servingAt),
      deadline - Date.now(),
    );
    const resumedAfter = Math.min(...load.ackTimes.filter((time) => time > servingAt)) - killedAt;
    t.diagnostic(`publishing resumed through store-b ${resumedAfter} ms after the kill`);
    await until(
      'more load after the failover',
      () => load.ackTimes.filter((time) => time > servingAt).length >= 100,
    );
    await load.stop();

    const state = (await jsm.streams.info('LOAD')).state;
    const stored = new Map<number, string>();
    const reader = await js.consumers.get('LOAD');
    const messages = await reader.consume();
    for await (const message of messages) {
      stored.set(message.seq, decode(message.data));
      if (message.seq >= state.last_seq) break;
    }
    t.diagnostic(`${load.acked.size} messages acknowledged, ${stored.size} stored`);
    for (const [seq, payload] of load.acked) assert.equal(stored.get(seq), payload, `seq ${seq}`);
    const payloads = [...stored.values()];
    assert.equal(new Set(payloads).size, payloads.length, 'no message stored twice');

    assert.equal((await jsm.consumers.info('LOAD', 'worker')).ack_floor.stream_seq, 50);
    const resumed = await js.consumers.get('LOAD', 'worker');
    const next: number[] = [];
    for await (const message of await resumed.fetch({ max_messages: 5, expires: 5_000 })) {
      next.push(message.seq);
      message.ack();
    }
    assert.deepEqual(next, [51, 52, 53, 54, 55]);
  });
});
