// Replicated streams in Redis mode: a standby store follows the streams with
// num_replicas > 1 and serves their direct gets from Redis. Seen through the
// window after the active store dies and before the standby takes its lease
// (TTL 3 s): the standby is still a standby, and only it can answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jetstreamManager, type StoredMsg } from '@nats-io/jetstream';
import { client, decode, edge, encode, health, redis, store, until } from './test-support.js';

void describe('tsnats-store followers', () => {
  void test('a standby serves direct gets of replicated streams before it takes over', async (t) => {
    const redisServer = await redis(t);
    const active = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-a'] });
    await until('store-a to become active', async () => (await health(active)).code === 200);
    const standby = await store(t, { args: ['--redis', redisServer.url, '--name', 'store-b'] });
    const server = await edge(t, [active.address, standby.address]);
    const { nc, js, jsm } = await client(t, server);
    await until('the edge to reach the active store', async () => {
      await jsm.getAccountInfo();
      return true;
    });

    await jsm.streams.add({
      name: 'R2',
      subjects: ['r2.>'],
      num_replicas: 2,
      allow_direct: true,
    });
    await jsm.streams.add({ name: 'R1', subjects: ['r1.>'], allow_direct: true });
    for (const n of [1, 2, 3]) await js.publish(`r2.${n}`, encode(`replicated ${n}`));
    await js.publish('r1.1', encode('single'));
    assert.equal((await jsm.streams.info('R2')).config.num_replicas, 2);
    // The standby reads the registry every second.
    await until('store-b to follow R2', () =>
      standby.process.stderr().includes("Following stream 'R2'"),
    );

    await active.process.stop('SIGKILL');
    // Short timeouts: a request the edge routed to store-a before it saw the link drop is lost.
    const quick = await jetstreamManager(nc, { timeout: 500, checkAPI: false });
    let got: StoredMsg | null = null;
    await until(
      'the follower to answer',
      async () => (got = await quick.direct.getMessage('R2', { last_by_subj: 'r2.2' })) !== null,
      2_000,
    );
    assert.equal(got === null ? undefined : decode((got as StoredMsg).data), 'replicated 2');
    const bySeq = await quick.direct.getMessage('R2', { seq: 3 });
    assert.equal(bySeq?.subject, 'r2.3');
    // A stream of one replica has no follower: nobody answers until the takeover.
    await assert.rejects(quick.direct.getMessage('R1', { seq: 1 }));
    assert.deepEqual(
      await health(standby),
      { code: 503, body: { status: 'unavailable', error: 'standby' } },
      'the answers came from the follower',
    );

    await until('store-b to take over', async () => (await health(standby)).code === 200);
    await until('R1 served by the new leader', async () => {
      const single = await jsm.direct.getMessage('R1', { seq: 1 });
      return single !== null && decode(single.data) === 'single';
    });
  });
});
