import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { status, type ServiceError } from '@grpc/grpc-js';
import { MsgHeaders } from '@tsnats/codec';
import { StorageClient } from './storage-client.js';
import { StorageService } from './storage-service.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function activeStore(t: TestContext): Promise<StorageClient> {
  const service = await StorageService.start({ listen: '127.0.0.1:0', serverName: 'store-a' });
  t.after(() => service.stop());
  const client = new StorageClient(`127.0.0.1:${service.port}`);
  t.after(() => {
    client.close();
  });
  return client;
}

async function json(client: StorageClient, subject: string, body: unknown): Promise<unknown> {
  const reply = await client.api(subject, encoder.encode(JSON.stringify(body)));
  assert.ok(reply !== undefined, `no reply to ${subject}`);
  return JSON.parse(decoder.decode(reply)) as unknown;
}

const headerBlock = (entries: Record<string, string>): Uint8Array => {
  const headers = new MsgHeaders();
  for (const [key, value] of Object.entries(entries)) headers.set(key, value);
  return headers.encode();
};

function grpcCode(code: status): (error: unknown) => boolean {
  return (error) => (error as ServiceError).code === code;
}

void describe('StorageClient', () => {
  void test('runs JetStream API requests', async (t) => {
    const client = await activeStore(t);
    const created = await json(client, '$JS.API.STREAM.CREATE.ORDERS', {
      name: 'ORDERS',
      subjects: ['orders.>'],
      storage: 'memory',
    });
    assert.equal((created as { config: { name: string } }).config.name, 'ORDERS');
    const health = await client.health();
    assert.equal(health.streams, 1);
  });

  void test('publishes to a stream subject with headers; the reply is the pub ack', async (t) => {
    const client = await activeStore(t);
    await json(client, '$JS.API.STREAM.CREATE.KV_B', {
      name: 'KV_B',
      subjects: ['$KV.B.>'],
      storage: 'memory',
      allow_direct: true,
      max_msgs_per_subject: 5,
    });
    const put = async (expectedLast: number): Promise<unknown> => {
      const reply = await client.request('$KV.B.k', encoder.encode('v1'), {
        headers: headerBlock({ 'Nats-Expected-Last-Subject-Sequence': String(expectedLast) }),
      });
      assert.ok(reply !== undefined);
      return JSON.parse(decoder.decode(reply.payload)) as unknown;
    };
    assert.deepEqual(await put(0), { stream: 'KV_B', seq: 1 });
    const refused = (await put(0)) as { error: { err_code: number } };
    assert.equal(refused.error.err_code, 10071);

    const got = await client.request('$JS.API.DIRECT.GET.KV_B.$KV.B.k', new Uint8Array(0));
    assert.ok(got?.headers !== undefined);
    const headers = MsgHeaders.decode(got.headers);
    assert.equal(headers.get('Nats-Subject'), '$KV.B.k');
    assert.equal(headers.get('Nats-Sequence'), '1');
    assert.equal(decoder.decode(got.payload), 'v1');
  });

  void test('a reply without headers has none', async (t) => {
    const client = await activeStore(t);
    const reply = await client.request('$JS.API.INFO', new Uint8Array(0));
    assert.ok(reply !== undefined);
    assert.equal(reply.headers, undefined);
  });

  void test('no reply, at once, where nothing in the store subscribes', async (t) => {
    const client = await activeStore(t);
    const started = Date.now();
    assert.equal(await client.request('nobody.here', encoder.encode('x')), undefined);
    const standby = await StorageService.listen('127.0.0.1:0', 'standby');
    t.after(() => standby.stop());
    const toStandby = new StorageClient(`127.0.0.1:${standby.port}`);
    t.after(() => {
      toStandby.close();
    });
    assert.equal(await toStandby.api('$JS.API.INFO', new Uint8Array(0)), undefined);
    // Well under the 5 s an unanswered request waits for.
    assert.ok(Date.now() - started < 2_000);
  });

  void test('refuses wildcards, the reply space, empty subjects and bad header blocks', async (t) => {
    const client = await activeStore(t);
    for (const subject of ['', 'orders.*', '$JS.API.>', '_INBOX.rpc.x.1', 'a b']) {
      await assert.rejects(
        client.request(subject, new Uint8Array(0)),
        grpcCode(status.INVALID_ARGUMENT),
        subject,
      );
    }
    await assert.rejects(
      client.request('$JS.API.INFO', new Uint8Array(0), { headers: encoder.encode('garbage') }),
      grpcCode(status.INVALID_ARGUMENT),
    );
  });

  void test('a traceparent joins the request headers', async (t) => {
    const service = await StorageService.start({ listen: '127.0.0.1:0', serverName: 'store-a' });
    t.after(() => service.stop());
    const seen: (Uint8Array | undefined)[] = [];
    service.host.subscribe('echo', (message) => {
      seen.push(message.headers);
      service.host.publish({
        subject: message.reply ?? '',
        reply: undefined,
        headers: message.headers,
        payload: message.payload,
      });
    });
    const client = new StorageClient(`127.0.0.1:${service.port}`);
    t.after(() => {
      client.close();
    });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const reply = await client.request('echo', encoder.encode('hi'), {
      headers: headerBlock({ 'KV-Operation': 'DEL' }),
      traceparent,
    });
    assert.ok(reply?.headers !== undefined);
    const headers = MsgHeaders.decode(reply.headers);
    assert.equal(headers.get('KV-Operation'), 'DEL');
    assert.equal(headers.get('traceparent'), traceparent);
    await client.request('echo', new Uint8Array(0));
    assert.equal(seen[1], undefined);
  });
});
