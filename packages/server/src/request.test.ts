// Request-reply with the official nats.js v2 client: the muxed inbox, old-style
// inboxes (noMux) and no responders.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createInbox,
  Empty,
  ErrorCode,
  headers,
  NatsError,
  StringCodec,
  type NatsConnection,
} from 'nats';
import { startServer, v2Client } from './test-support.js';

const sc = StringCodec();
const TIMEOUT = 2000;

/** An echo service on `subject` that records the reply subjects it was asked to answer. */
async function echo(nc: NatsConnection, subject: string): Promise<string[]> {
  const replies: string[] = [];
  nc.subscribe(subject, {
    callback: (err, msg) => {
      assert.equal(err, null);
      replies.push(msg.reply ?? '');
      msg.respond(sc.encode(`re: ${sc.decode(msg.data)}`), { headers: msg.headers });
    },
  });
  await nc.flush();
  return replies;
}

function isNoResponders(error: unknown): boolean {
  return error instanceof NatsError && error.code === (ErrorCode.NoResponders as string);
}

void describe('request-reply with the nats v2 client', () => {
  void test('muxed inbox: one wildcard subscription serves concurrent requests', async (t) => {
    const { url } = await startServer(t);
    const replies = await echo(await v2Client(t, { servers: url }), 'svc.echo');
    const nc = await v2Client(t, { servers: url });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        nc.request('svc.echo', sc.encode(String(i)), { timeout: TIMEOUT }),
      ),
    );
    assert.deepEqual(
      answers.map((m) => sc.decode(m.data)),
      Array.from({ length: 20 }, (_, i) => `re: ${i}`),
    );
    // _INBOX.<nuid>.<token>, all under one prefix.
    assert.equal(replies.length, 20);
    for (const reply of replies) assert.match(reply, /^_INBOX\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/);
    assert.equal(new Set(replies.map((r) => r.split('.')[1])).size, 1);
  });

  void test('old-style inbox (noMux): a subscription per request', async (t) => {
    const { url } = await startServer(t);
    const replies = await echo(await v2Client(t, { servers: url }), 'svc.echo');
    const nc = await v2Client(t, { servers: url });
    const answer = await nc.request('svc.echo', sc.encode('old'), {
      timeout: TIMEOUT,
      noMux: true,
    });
    assert.equal(sc.decode(answer.data), 're: old');
    const reply = createInbox();
    const explicit = await nc.request('svc.echo', sc.encode('own'), {
      timeout: TIMEOUT,
      noMux: true,
      reply,
    });
    assert.equal(sc.decode(explicit.data), 're: own');
    assert.equal(replies.length, 2);
    assert.match(replies[0], /^_INBOX\.[A-Za-z0-9]+$/);
    assert.equal(replies[1], reply);
  });

  void test('the responder may be a queue group; each request is answered once', async (t) => {
    const { url } = await startServer(t);
    let served = 0;
    for (let i = 0; i < 3; i++) {
      const nc = await v2Client(t, { servers: url });
      nc.subscribe('svc.q', {
        queue: 'q',
        callback: (_err, msg) => {
          served++;
          msg.respond(msg.data);
        },
      });
      await nc.flush();
    }
    const nc = await v2Client(t, { servers: url });
    for (let i = 0; i < 30; i++) {
      const answer = await nc.request('svc.q', sc.encode(String(i)), { timeout: TIMEOUT });
      assert.equal(sc.decode(answer.data), String(i));
    }
    assert.equal(served, 30);
  });

  void test('no responders: the 503 status rejects the request at once', async (t) => {
    const { url } = await startServer(t);
    const nc = await v2Client(t, { servers: url });
    // A timeout would be another error: only the 503 passes isNoResponders.
    await assert.rejects(nc.request('nobody', Empty, { timeout: TIMEOUT }), isNoResponders);
    await assert.rejects(
      nc.request('nobody', Empty, { timeout: TIMEOUT, noMux: true }),
      isNoResponders,
    );
    // A subscription that went away leaves no responders behind.
    const gone = await v2Client(t, { servers: url });
    gone.subscribe('was.here').unsubscribe();
    await gone.flush();
    await assert.rejects(nc.request('was.here', Empty, { timeout: TIMEOUT }), isNoResponders);
    // And the connection is fine.
    await nc.flush();
    assert.equal(nc.isClosed(), false);
  });

  void test('request and reply keep headers', async (t) => {
    const { url } = await startServer(t);
    await echo(await v2Client(t, { servers: url }), 'svc.h');
    const nc = await v2Client(t, { servers: url });
    const h = headers();
    h.append('Trace', 'a');
    h.append('Trace', 'b');
    const answer = await nc.request('svc.h', sc.encode('x'), { timeout: TIMEOUT, headers: h });
    assert.deepEqual(answer.headers?.values('Trace'), ['a', 'b']);
  });
});
