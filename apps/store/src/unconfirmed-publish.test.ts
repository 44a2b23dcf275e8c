// A publish stored on the Redis primary whose replica did not confirm it (WAIT
// timed out) gets an error ack; the message is on the primary all the same. A
// retry with the same Nats-Msg-Id must not store it twice: it is answered as a
// duplicate, but only once the replica has the message, since a duplicate ack
// promises what any ack promises.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { connectRedis } from '@tsnats/redis-log';
import { activeStoreBehindEdge, decode, encode, redis, until } from './test-support.js';

void describe('tsnats-store with --redis_replicas', () => {
  void test('a publish the replica did not confirm is a duplicate on retry, once confirmed', async (t) => {
    const primary = await redis(t);
    const replica = await redis(t, ['--replicaof', '127.0.0.1', String(primary.port)]);
    const watcher = await connectRedis(replica.url);
    t.after(() => {
      watcher.disconnect();
    });
    await until('the replica link', async () =>
      (await watcher.info('replication')).includes('master_link_status:up'),
    );
    const { nc, jsm } = await activeStoreBehindEdge(t, [
      '--redis',
      primary.url,
      '--redis_replicas',
      '1',
    ]);
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'] });

    // The raw reply, as the v3 client turns an error ack into an exception.
    const publish = async (id: string): Promise<Record<string, unknown>> => {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', id);
      const reply = await nc.request('orders.new', encode(`order ${id}`), {
        headers: h,
        timeout: 5_000,
      });
      return JSON.parse(decode(reply.data)) as Record<string, unknown>;
    };
    assert.deepEqual(await publish('a'), { stream: 'ORDERS', seq: 1 });

    process.kill(replica.process.pid, 'SIGSTOP');
    let resumed = false;
    const resume = (): void => {
      if (!resumed) process.kill(replica.process.pid, 'SIGCONT');
      resumed = true;
    };
    t.after(resume);
    const unconfirmed = await publish('b');
    assert.equal((unconfirmed.error as { err_code: number }).err_code, 10077);
    assert.match(
      (unconfirmed.error as { description: string }).description,
      /0 of 1 replicas acknowledged/,
    );
    // Still unconfirmed: not a duplicate yet (and not stored again).
    assert.equal(((await publish('b')).error as { err_code: number }).err_code, 10077);

    resume();
    assert.deepEqual(await publish('b'), { stream: 'ORDERS', seq: 2, duplicate: true });
    assert.deepEqual(await publish('c'), { stream: 'ORDERS', seq: 3 });
    assert.equal((await jsm.streams.info('ORDERS')).state.messages, 3);
  });
});
