// The Redis primary dies under publish load. Sentinel promotes a replica and
// points the other one at it; the store follows Sentinel to the new primary.
// With --redis_replicas 1 a publish is acknowledged only once a replica has
// it, so every acknowledged message survives the failover.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StorageType } from '@nats-io/jetstream';
import { connectRedis } from '@tsnats/redis-log';
import { startRedisSentinel } from '@tsnats/testkit';
import {
  activeStoreBehindEdge,
  publishUnderLoad,
  readStream,
  redis,
  until,
} from './test-support.js';

void describe('tsnats-store on Redis with Sentinel', () => {
  void test('kill -9 of the Redis primary loses no publish acknowledged with WAIT 1', async (t) => {
    const primary = await redis(t);
    const replicas = [
      await redis(t, ['--replicaof', '127.0.0.1', String(primary.port)]),
      await redis(t, ['--replicaof', '127.0.0.1', String(primary.port)]),
    ];
    for (const replica of replicas) {
      const watcher = await connectRedis(replica.url);
      t.after(() => {
        watcher.disconnect();
      });
      await until('the replica link', async () =>
        (await watcher.info('replication')).includes('master_link_status:up'),
      );
    }
    const sentinel = await startRedisSentinel({
      masterPort: primary.port,
      downAfterMs: 500,
      // Under a loaded CI machine a 2 s failover timeout made Sentinel give up
      // and retry (after twice the timeout).
      failoverTimeoutMs: 5000,
    });
    t.after(() => sentinel.stop());

    const url = `redis-sentinel://127.0.0.1:${sentinel.port}/mymaster`;
    const {
      store: active,
      js,
      jsm,
    } = await activeStoreBehindEdge(t, ['--redis', url, '--redis_replicas', '1']);
    await jsm.streams.add({ name: 'LOAD', subjects: ['load.>'], storage: StorageType.File });
    const load = publishUnderLoad(js);
    t.after(() => load.stop());
    await until('some load', () => load.acked.size >= 200);

    const killedAt = Date.now();
    await primary.process.stop('SIGKILL');
    // How long the failover takes is Sentinel's business (and the machine's
    // load); what this test asserts is that nothing acknowledged is lost. A
    // failure shows what the store and Sentinel went through.
    await until(
      'publishing to resume on the promoted replica',
      () => load.ackTimes.filter((time) => time > killedAt).length >= 300,
      60_000,
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n--- store:\n${active.process.stderr().slice(-4000)}\n--- sentinel:\n${sentinel.process.stdout().slice(-4000)}`,
      );
    });
    const times = load.ackTimes.filter((time) => time >= killedAt - 1_000).sort((a, b) => a - b);
    const outage = Math.max(...times.slice(1).map((time, i) => time - times[i]));
    t.diagnostic(`publishing stopped for ${outage} ms around the kill`);
    await load.stop();

    const stored = await readStream(js, jsm, 'LOAD');
    t.diagnostic(`${load.acked.size} messages acknowledged, ${stored.size} stored`);
    for (const [seq, payload] of load.acked) assert.equal(stored.get(seq), payload, `seq ${seq}`);
    const payloads = [...stored.values()];
    assert.equal(new Set(payloads).size, payloads.length, 'no message stored twice');
  });
});
