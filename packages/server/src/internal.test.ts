import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connect, StringCodec } from 'nats';
import type { Message } from './subscription.js';
import { startServer } from './test-support.js';

const sc = StringCodec();

void describe('in-process subscribers', () => {
  void test('a handler answers requests from a real client, and stops after unsubscribe', async (t) => {
    const { server, url } = await startServer(t);
    const seen: Message[] = [];
    const unsubscribe = server.subscribeInternal('svc.>', (message) => {
      seen.push(message);
      if (message.reply !== undefined) {
        server.publish({
          subject: message.reply,
          reply: undefined,
          headers: undefined,
          payload: sc.encode(`echo ${sc.decode(message.payload)}`),
        });
      }
    });
    const nc = await connect({ servers: url });
    t.after(() => nc.close());
    const reply = await nc.request('svc.echo', sc.encode('hi'));
    assert.equal(sc.decode(reply.data), 'echo hi');
    assert.equal(seen[0].subject, 'svc.echo');
    assert.equal(sc.decode(seen[0].payload), 'hi');
    unsubscribe();
    await assert.rejects(nc.request('svc.echo', sc.encode('again'), { timeout: 1000 }), /503/);
  });

  void test('internal members of a queue group share messages with client members', async (t) => {
    const { server, url } = await startServer(t);
    let internal = 0;
    server.subscribeInternal('work', () => internal++, 'workers');
    const nc = await connect({ servers: url });
    t.after(() => nc.close());
    let external = 0;
    nc.subscribe('work', { queue: 'workers', callback: () => external++ });
    await nc.flush();
    for (let i = 0; i < 400; i++) nc.publish('work');
    await nc.flush();
    assert.equal(internal + external, 400);
    assert.ok(internal > 0 && external > 0);
  });
});
