// Active/standby: two stores on one Redis behind one edge. Killing the active
// one with SIGKILL under publish load: the standby takes the lease, recovers
// from Redis and serves; nothing acknowledged is lost and the durable
// consumer does not get acknowledged messages again.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  AckPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connectRedis, streamKeyBase } from '@tsnats/redis-log';
import {
  client,
  edge,
  health,
  publishUnderLoad,
  readStream,
  redis,
  store,
  until,
} from './test-support.js';

/** Two stores on one Redis, store-a active, behind one edge with a connected client. */
async function activeStandby(t: TestContext) {
  const redisServer = await redis(t);
  const active = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-a'] });
  await until('store-a to become active', async () => (await health(active)).code === 200);
  const standby = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-b'] });
  // Until its first try at the lease it says 'starting'.
  await until('store-b to be a standby', async () => {
    const { code, body } = await health(standby);
    return code === 503 && (body as { error?: string }).error === 'standby';
  });
  const server = await edge(t, [active.address, standby.address]);
  const { js, jsm } = await client(t, server);
  await until('the edge to reach the active store', async () => {
    await jsm.getAccountInfo();
    return true;
  });
  return { redisServer, active, standby, js, jsm };
}

/** Every acknowledged message is stored under its sequence, and none twice. */
async function assertAckedStoredOnce(
  t: TestContext,
  js: JetStreamClient,
  jsm: JetStreamManager,
  acked: Map<number, string>,
): Promise<void> {
  const stored = await readStream(js, jsm, 'LOAD');
  t.diagnostic(`${acked.size} messages acknowledged, ${stored.size} stored`);
  for (const [seq, payload] of acked) assert.equal(stored.get(seq), payload, `seq ${seq}`);
  const payloads = [...stored.values()];
  assert.equal(new Set(payloads).size, payloads.length, 'no message stored twice');
}

void describe('tsnats-store active/standby on one Redis', () => {
  void test('the standby takes over within 5 s of kill -9, losing nothing acknowledged', async (t) => {
    const { redisServer, active, standby, js, jsm } = await activeStandby(t);
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

    await assertAckedStoredOnce(t, js, jsm, load.acked);

    assert.equal((await jsm.consumers.info('LOAD', 'worker')).ack_floor.stream_seq, 50);
    const resumed = await js.consumers.get('LOAD', 'worker');
    const next: number[] = [];
    for await (const message of await resumed.fetch({ max_messages: 5, expires: 5_000 })) {
      next.push(message.seq);
      message.ack();
    }
    assert.deepEqual(next, [51, 52, 53, 54, 55]);
  });

  void test('a paused active store that wakes after the takeover writes nothing', async (t) => {
    const { active, standby, js, jsm } = await activeStandby(t);
    await jsm.streams.add({ name: 'LOAD', subjects: ['load.>'], storage: StorageType.File });
    const load = publishUnderLoad(js);
    t.after(() => load.stop());
    await until('some load', () => load.acked.size >= 200);

    // Paused, store-a keeps its connections: the edge still sends it publishes,
    // which it will handle when it wakes, long after its lease expired.
    process.kill(active.process.pid, 'SIGSTOP');
    const wake = (): void => {
      try {
        process.kill(active.process.pid, 'SIGCONT');
      } catch {
        // Already gone: the test's own stop got there first.
      }
    };
    t.after(wake);
    await until('store-b to serve', async () => (await health(standby)).code === 200);
    const servingAt = Date.now();
    await until(
      'publishes acknowledged through store-b',
      () => load.ackTimes.filter((time) => time > servingAt).length >= 100,
    );
    wake();
    await until('store-a to step down', async () => (await health(active)).code === 503);
    const wokeAt = Date.now();
    await until(
      'more load after store-a woke',
      () => load.ackTimes.filter((time) => time > wokeAt).length >= 100,
    );
    await load.stop();

    await assertAckedStoredOnce(t, js, jsm, load.acked);
    const state = (await jsm.streams.info('LOAD')).state;
    assert.equal(state.messages, state.last_seq, 'no sequence written twice or skipped');
    // On waking it either notices the lost lease first (its renewal timer is
    // overdue) or first handles what the edge sent it while it was paused; any
    // such write it tried, Redis refused by fencing (lease.test.ts and
    // registry.test.ts test the refusal itself).
    const log = active.process.stderr();
    assert.match(log, /Stopped serving: the service lease was taken over/);
    for (const line of log.split('\n').filter((l) => l.includes('failed to store'))) {
      assert.match(line, /fencing token 1 is not the current epoch 2/);
    }
  });
});
