import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRedisServer } from '@tsnats/testkit';
import { Redis } from 'ioredis';
import { RedisLogError } from './errors.js';
import { RedisStore } from './redis-store.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

void describe('replicas (WAIT)', () => {
  void test('an append resolves once a real replica acknowledged it', async (t) => {
    const primary = await startRedisServer();
    t.after(() => primary.stop());
    const replica = await startRedisServer({
      args: ['--replicaof', '127.0.0.1', String(primary.port)],
    });
    t.after(() => replica.stop());
    const client = new Redis(primary.url, { maxRetriesPerRequest: 1 });
    const replicaClient = new Redis(replica.url, { maxRetriesPerRequest: 1 });
    t.after(() => {
      client.disconnect();
      replicaClient.disconnect();
    });
    await until('the replica link', async () =>
      (await replicaClient.info('replication')).includes('master_link_status:up'),
    );

    const store = await RedisStore.open(
      client,
      { name: 'REPL' },
      { replicas: 1, replicasTimeoutMs: 2000 },
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append('foo', undefined, bytes(`${i}`))),
    );
    assert.equal(results[19].seq, 20);
    await store.appendBatch((append) => append('foo', undefined, bytes('batch')));
    assert.equal(await replicaClient.zcard('{tsnats:REPL}:seqs'), 21, 'on the replica already');
  });

  void test('an append rejects when no replica acknowledges within the timeout', async (t) => {
    const primary = await startRedisServer();
    t.after(() => primary.stop());
    const client = new Redis(primary.url, { maxRetriesPerRequest: 1 });
    t.after(() => {
      client.disconnect();
    });
    const store = await RedisStore.open(
      client,
      { name: 'ALONE' },
      { replicas: 1, replicasTimeoutMs: 200 },
    );
    await assert.rejects(
      store.append('foo', undefined, bytes('x')),
      (err: unknown) => err instanceof RedisLogError && err.code === 'replicas',
    );
    assert.equal((await store.state()).messages, 1, 'stored on the primary all the same');
  });
});
