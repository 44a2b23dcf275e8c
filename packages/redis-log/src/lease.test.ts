import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRedisServer } from '@tsnats/testkit';
import { Redis } from 'ioredis';
import { RedisLogError } from './errors.js';
import { StreamLease } from './lease.js';
import { RedisStore } from './redis-store.js';

const server = await startRedisServer();
const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
after(async () => {
  client.disconnect();
  await server.stop();
});

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const isFenced = (err: unknown): boolean => err instanceof RedisLogError && err.code === 'fenced';

void describe('StreamLease', () => {
  void test('a leader that lost its lease cannot write with its old token', async (t) => {
    const name = `LEASE_${process.pid}_1`;
    const leaseA = new StreamLease(client, name, { owner: 'A', ttlMs: 100 });
    const leaseB = new StreamLease(client, name, { owner: 'B', ttlMs: 5000 });
    const storeA = await RedisStore.open(client, { name });
    const storeB = await RedisStore.open(client, { name });
    t.after(() => storeB.delete());

    const grantA = await leaseA.acquire();
    assert.equal(typeof grantA.token, 'number');
    storeA.fencingToken = leaseA.token;
    assert.equal((await storeA.append('foo', undefined, bytes('a1'))).seq, 1);
    const consumerA = await storeA.consumerStore('C', { ack_policy: 'explicit' });
    await consumerA.updateDelivered(1, 1, 1, 1n);
    const refused = await leaseB.acquire();
    assert.equal(refused.token, undefined);
    assert.equal(refused.token === undefined && refused.holder.owner, 'A');

    // A is "paused" past its TTL; B takes over with a newer epoch.
    await sleep(150);
    const grantB = await leaseB.acquire();
    assert.equal(grantB.token, (grantA.token ?? 0) + 1);
    storeB.fencingToken = leaseB.token;

    await assert.rejects(storeA.append('foo', undefined, bytes('a2')), isFenced);
    await assert.rejects(
      storeA.appendBatch((append) => append('foo', undefined, bytes('a3'))),
      isFenced,
    );
    await assert.rejects(storeA.purge(), isFenced);
    // Consumer state too: A's view of an ack must not overwrite B's.
    await assert.rejects(consumerA.updateAcks(1, 1), isFenced);
    await assert.rejects(consumerA.delete(), isFenced);
    assert.equal(await leaseA.renew(), false, 'A cannot renew what it lost');
    assert.equal(leaseA.token, undefined);

    const state = await storeB.state();
    assert.deepEqual(
      [state.messages, state.last_seq],
      [1, 1],
      'nothing of A stored after B took over',
    );
    assert.equal((await storeB.append('foo', undefined, bytes('b1'))).seq, 2);
    const consumerB = await storeB.consumerStore('C', { ack_policy: 'explicit' });
    assert.deepEqual((await consumerB.state()).ack_floor, { consumer_seq: 0, stream_seq: 0 });
    assert.equal(
      (await consumerB.state()).pending.size,
      1,
      'as A left it before it lost the lease',
    );
    await consumerB.updateAcks(1, 1);
    await storeA.stop();
  });

  void test('renew extends only the holder, release lets the next one in', async () => {
    const name = `LEASE_${process.pid}_2`;
    const a = new StreamLease(client, name, { owner: 'A', ttlMs: 300 });
    const b = new StreamLease(client, name, { owner: 'B', ttlMs: 300 });
    const { token } = await a.acquire();
    assert.equal((await a.acquire()).token, token, 'the holder keeps its token');
    await sleep(200);
    assert.equal(await a.renew(), true);
    await sleep(200);
    assert.equal((await b.acquire()).token, undefined, 'renewed: still held by A');
    assert.equal(await a.release(), true);
    const next = await b.acquire();
    assert.equal(next.token, (token ?? 0) + 1);
    assert.equal(await b.release(), true);
    await assert.rejects(b.renew(), isFenced);
  });
});

void describe('RedisStore.follow', () => {
  void test('reads what the leader writes, as it writes it, and can write nothing', async (t) => {
    const name = `FOLLOW_${process.pid}`;
    const leader = await RedisStore.open(client, { name });
    t.after(() => leader.delete());
    const follower = RedisStore.follow(client, { name });
    await leader.append('a.1', undefined, bytes('one'));
    assert.equal(new TextDecoder().decode((await follower.loadLast('a.1')).data), 'one');
    await leader.append('a.2', undefined, bytes('two'));
    assert.equal((await follower.load(2)).subject, 'a.2');
    assert.equal((await follower.state()).last_seq, 2);
    await assert.rejects(follower.append('a.3', undefined, bytes('x')), isFenced);
    await assert.rejects(follower.purge(), isFenced);
    assert.equal((await leader.state()).messages, 2);
  });

  void test('opening a follower of a stream that is gone creates nothing', async () => {
    const name = `FOLLOW_GONE_${process.pid}`;
    const follower = RedisStore.follow(client, { name });
    await assert.rejects(follower.loadLast('>'));
    assert.deepEqual(await client.keys(`*${name}*`), []);
  });
});
