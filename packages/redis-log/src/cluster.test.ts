import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRedisServer, which, type RedisServer } from '@tsnats/testkit';
import { Cluster, Redis } from 'ioredis';
import { connectRedis } from './connect.js';
import { RedisStore } from './redis-store.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

void test('runs unchanged on a real three-primary Redis Cluster', async (t) => {
  const nodes: RedisServer[] = [];
  t.after(() => Promise.all(nodes.map((n) => n.stop())));
  for (let i = 0; i < 3; i++) {
    nodes.push(await startRedisServer({ args: ['--cluster-enabled', 'yes'] }));
  }
  const cli = which('redis-cli');
  assert.ok(cli !== undefined, 'redis-cli (Debian package redis-tools) is needed');
  const created = spawnSync(
    cli,
    ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-yes'],
    { encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stdout + created.stderr);
  // Connecting right after create meets a cluster still converging, whose first
  // CLUSTER INFO may say cluster_state:fail: connectRedis must wait it out.
  const client = await connectRedis(
    `redis-cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
    { connectTimeoutMs: 20_000 },
  );
  t.after(() => {
    client.disconnect();
  });
  for (const node of nodes) {
    const probe = new Redis(node.url);
    try {
      for (let i = 0; !(await probe.cluster('INFO')).includes('cluster_state:ok'); i++) {
        assert.ok(i < 200, 'the cluster did not become ok');
        await sleep(50);
      }
    } finally {
      probe.disconnect();
    }
  }
  assert.ok(client instanceof Cluster);
  const names = Array.from({ length: 6 }, (_, i) => `CL${i}`);
  for (const name of names) {
    const store = await RedisStore.open(client, { name, max_msgs_per_subject: 2 });
    for (const s of ['a.1', 'a.2', 'a.1', 'a.1']) await store.append(s, undefined, bytes(s));
    assert.equal((await store.loadLast('a.*')).seq, 4);
    assert.deepEqual(await store.multiLastSeqs(['a.>'], 0, 0), [2, 4]);
    const consumer = await store.consumerStore('c', {});
    await consumer.setStarting(3);
    await store.stop();
  }
  // The streams spread over the primaries, each whole on one of them.
  const holders = new Set<number>();
  for (const name of names) {
    for (const [i, node] of nodes.entries()) {
      // A primary that does not serve the slot answers MOVED: not the holder.
      const direct = new Redis(node.url);
      const seqs = await direct.zcard(`{tsnats:${name}}:seqs`).catch(() => 0);
      direct.disconnect();
      if (seqs > 0) holders.add(i);
    }
  }
  assert.ok(holders.size > 1, 'six streams on more than one primary');
});
