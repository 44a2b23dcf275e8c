import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connect, StringCodec } from 'nats';
import { internalRequest } from './internal-request.js';
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
  void test('internalRequest gets the JSON a client answers, through an announced inbox', async (t) => {
    const { server, url } = await startServer(t);
    const nc = await connect({ servers: url });
    t.after(() => nc.close());
    nc.subscribe('svc.add', {
      callback: (_error, message) => {
        const [a, b] = JSON.parse(sc.decode(message.data)) as [number, number];
        message.respond(sc.encode(JSON.stringify({ sum: a + b })));
      },
    });
    await nc.flush();
    const interest: string[] = [];
    const stop = server.watchInterest((subject, _queue, delta) => {
      if (subject.startsWith('_INBOX.tsnats.internal.')) interest.push(`${delta}`);
    });
    t.after(stop);
    assert.deepEqual(await internalRequest(server, 'svc.add', '[2,3]'), { sum: 5 });
    // Announced while waiting, withdrawn once the reply came.
    assert.deepEqual(interest, ['1', '-1']);
    await assert.rejects(internalRequest(server, 'svc.none', '{}', 50), /no reply to svc\.none/);
  });
});
