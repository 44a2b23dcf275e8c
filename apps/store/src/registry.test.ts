import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentJetStreamLogger, type StreamConfig } from '@tsnats/jetstream';
import { connectRedis, streamKeyBase, StreamLease } from '@tsnats/redis-log';
import { redis } from './test-support.js';
import { RedisRegistry } from './registry.js';

const stream = (name: string): StreamConfig => ({ name, subjects: [name] }) as StreamConfig;

void test('a store that lost the service lease cannot change the registry', async (t) => {
  const server = await redis(t);
  const client = await connectRedis(server.url);
  t.after(() => {
    client.disconnect();
  });
  const base = streamKeyBase('service', 'test-store');
  const leaseA = new StreamLease(client, 'service', {
    owner: 'A',
    ttlMs: 100,
    prefix: 'test-store',
  });
  const leaseB = new StreamLease(client, 'service', {
    owner: 'B',
    ttlMs: 5000,
    prefix: 'test-store',
  });
  const registryA = new RedisRegistry(client, base, silentJetStreamLogger);
  const registryB = new RedisRegistry(client, base, silentJetStreamLogger);

  registryA.fencingToken = (await leaseA.acquire()).token;
  await registryA.saveStream(stream('KEPT'));
  await registryA.saveStream(stream('DOOMED'));
  // A pauses past its TTL; B takes over and deletes a stream.
  await sleep(150);
  registryB.fencingToken = (await leaseB.acquire()).token;
  assert.equal(registryB.fencingToken, (registryA.fencingToken ?? 0) + 1);
  await registryB.removeStream('DOOMED');

  // A wakes up with requests it received before the takeover.
  await assert.rejects(
    registryA.saveStream(stream('DOOMED')),
    /fenced: epoch 1 is not the current 2/,
  );
  await assert.rejects(registryA.removeStream('KEPT'), /fenced/);
  assert.deepEqual(
    (await registryB.loadStreams()).map((config) => config.name),
    ['KEPT'],
  );
});
