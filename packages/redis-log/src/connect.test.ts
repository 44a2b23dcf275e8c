import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startRedisSentinel, startRedisServer } from '@tsnats/testkit';
import { Redis } from 'ioredis';
import { connectRedis, parseRedisUrl } from './connect.js';
import { RedisLogError } from './errors.js';
import { RedisStore } from './redis-store.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

async function eventually<T>(what: string, attempt: () => Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`, { cause: err });
      await sleep(100);
    }
  }
}

void describe('parseRedisUrl', () => {
  void test('single node, TLS, sentinel and cluster URLs', () => {
    assert.deepEqual(parseRedisUrl('redis://h:1/2'), { kind: 'single', url: 'redis://h:1/2' });
    assert.equal(parseRedisUrl('rediss://h:1').kind, 'single');
    assert.deepEqual(parseRedisUrl('redis-sentinel://:pw@a:1,b/main/3'), {
      kind: 'sentinel',
      sentinels: [
        { host: 'a', port: 1 },
        { host: 'b', port: 6379 },
      ],
      masterName: 'main',
      db: 3,
      password: 'pw',
    });
    assert.deepEqual(parseRedisUrl('redis-cluster://u:p@a:7000,[::1]:7001'), {
      kind: 'cluster',
      nodes: [
        { host: 'a', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      username: 'u',
      password: 'p',
    });
  });

  void test('refuses what it cannot use', () => {
    assert.throws(() => parseRedisUrl('http://h:1'), /Unsupported Redis URL/);
    assert.throws(() => parseRedisUrl('redis-sentinel://a:1'), /master name/);
    assert.throws(() => parseRedisUrl('redis-sentinel://a:1/m/x'), /Invalid database/);
    assert.throws(() => parseRedisUrl('redis-cluster://a:1/0'), /no path/);
    assert.throws(() => parseRedisUrl('redis-cluster://a:b'), /Invalid host:port/);
  });
});

void describe('connectRedis', () => {
  void test('rejects with the reason when nothing listens', async () => {
    const port = await freePort();
    await assert.rejects(
      connectRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 1000 }),
      /Cannot connect to redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });

  // The timeout turns a hang (what this guards against) into a failure.
  void test(
    'a store rejects clearly, never hangs, once its Redis is gone',
    { timeout: 10_000 },
    async (t) => {
      const server = await startRedisServer();
      t.after(() => server.stop());
      const client = await connectRedis(`${server.url}/2`, { commandTimeoutMs: 1000 });
      t.after(() => {
        client.disconnect();
      });
      const store = await RedisStore.open(client, { name: 'DOWN' });
      assert.equal((await store.append('foo', undefined, bytes('x'))).seq, 1);
      await server.process.stop('SIGKILL');
      const unavailable = (err: unknown): boolean =>
        err instanceof RedisLogError &&
        err.code === 'unavailable' &&
        err.message.startsWith("redis-log stream 'DOWN': ");
      await assert.rejects(store.append('foo', undefined, bytes('y')), unavailable);
      await assert.rejects(store.state(), unavailable);
      await assert.rejects(store.consumerStore('c', {}), unavailable);
    },
  );

  void test('follows Sentinel to the primary, and to the new one after a failover', async (t) => {
    const primary = await startRedisServer();
    t.after(() => primary.stop());
    const replica = await startRedisServer({
      args: ['--replicaof', '127.0.0.1', String(primary.port)],
    });
    t.after(() => replica.stop());
    const sentinel = await startRedisSentinel({
      masterPort: primary.port,
      downAfterMs: 500,
      failoverTimeoutMs: 2000,
    });
    t.after(() => sentinel.stop());
    const watcher = new Redis(replica.url, { maxRetriesPerRequest: 1 });
    t.after(() => {
      watcher.disconnect();
    });
    await eventually('the replica link', async () => {
      assert.match(await watcher.info('replication'), /master_link_status:up/);
    });

    const client = await connectRedis(`redis-sentinel://127.0.0.1:${sentinel.port}/mymaster`, {
      commandTimeoutMs: 2000,
    });
    t.after(() => {
      client.disconnect();
    });
    const replicated = await RedisStore.open(client, { name: 'HA' }, { replicas: 1 });
    assert.equal((await replicated.append('foo', undefined, bytes('before'))).seq, 1);
    await replicated.stop();
    // After the failover no replica is left to WAIT for.
    const store = await RedisStore.open(client, { name: 'HA' });

    await primary.process.stop('SIGKILL');
    const after = await eventually('an append on the promoted replica', () =>
      store.append('foo', undefined, bytes('after')),
    );
    assert.equal(after.seq, 2, 'the replica had the first message');
    assert.match(await watcher.info('replication'), /role:master/);
    assert.equal(new TextDecoder().decode((await store.load(1)).data), 'before');
  });
});
