import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AckPolicy, jetstream, StorageType } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { setup } from './test-server.test-support.js';

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

interface Message {
  subject: string;
  seq: number;
  time: string;
  headers?: Record<string, string[]>;
  data: string;
  encoding: string;
}

void describe('REST messages', () => {
  void test('gets by sequence and last by subject, in either encoding, and deletes', async (t) => {
    const { api, nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'M', subjects: ['m.*'], storage: StorageType.Memory });
    const js = jetstream(nc);
    const h = natsHeaders();
    h.append('X-Trace', 'one');
    h.append('X-Trace', 'two');
    await js.publish('m.a', 'hello', { headers: h });
    await js.publish('m.b', new Uint8Array([0, 255, 1]));
    await js.publish('m.a', 'again');

    const first = await api.inject({ url: '/api/v1/streams/M/messages/1?encoding=utf8' });
    assert.equal(first.statusCode, 200, first.body);
    const message = first.json<Message>();
    assert.equal(message.subject, 'm.a');
    assert.equal(message.seq, 1);
    assert.equal(message.data, 'hello');
    assert.equal(message.encoding, 'utf8');
    assert.deepEqual(message.headers, { 'X-Trace': ['one', 'two'] });
    assert.ok(!Number.isNaN(Date.parse(message.time)));

    const binary = (await api.inject({ url: '/api/v1/streams/M/messages/2' })).json<Message>();
    assert.equal(binary.encoding, 'base64');
    assert.deepEqual([...Buffer.from(binary.data, 'base64')], [0, 255, 1]);
    assert.equal(binary.headers, undefined);

    const last = await api.inject({
      url: '/api/v1/streams/M/messages/last?subject=m.a&encoding=utf8',
    });
    assert.equal(last.statusCode, 200, last.body);
    assert.deepEqual([last.json<Message>().seq, last.json<Message>().data], [3, 'again']);

    const none = await api.inject({ url: '/api/v1/streams/M/messages/last?subject=m.zzz' });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json<{ err_code: number }>().err_code, 10037);

    const deleted = await api.inject({ method: 'DELETE', url: '/api/v1/streams/M/messages/1' });
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal(await jsm.streams.getMessage('M', { seq: 1 }), null);
    const gone = await api.inject({ url: '/api/v1/streams/M/messages/1' });
    assert.equal(gone.statusCode, 404);
    const again = await api.inject({
      method: 'DELETE',
      url: '/api/v1/streams/M/messages/1?erase=true',
    });
    assert.equal(again.statusCode, 400, again.body);

    for (const url of [
      '/api/v1/streams/M/messages/0',
      '/api/v1/streams/M/messages/x',
      '/api/v1/streams/M/messages/1?encoding=hex',
      '/api/v1/streams/M/messages/last',
    ]) {
      assert.equal((await api.inject({ url })).statusCode, 400, url);
    }
    const unknown = await api.inject({ url: '/api/v1/streams/NOPE/messages/1' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ err_code: number }>().err_code, 10059);
  });
});

void describe('REST consumers', () => {
  void test('created over REST, consumed by a client; created by a client, seen over REST', async (t) => {
    const { api, nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'C', subjects: ['c.>'], storage: StorageType.Memory });
    const js = jetstream(nc);
    await js.publish('c.1', 'one');

    const created = await api.inject({
      method: 'POST',
      url: '/api/v1/streams/C/consumers',
      ...json({ durable_name: 'worker', ack_policy: 'explicit', filter_subject: 'c.>' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, '/api/v1/streams/C/consumers/worker');
    assert.equal(created.json<{ name: string }>().name, 'worker');

    const consumer = await js.consumers.get('C', 'worker');
    const message = await consumer.next({ expires: 2000 });
    assert.equal(message?.string(), 'one');
    message?.ack();

    await jsm.consumers.add('C', { durable_name: 'other', ack_policy: AckPolicy.None });
    const list = await api.inject({ url: '/api/v1/streams/C/consumers' });
    assert.equal(list.statusCode, 200);
    const names = list
      .json<{ total: number; consumers: { name: string }[] }>()
      .consumers.map((c) => c.name)
      .sort();
    assert.deepEqual(names, ['other', 'worker']);
    const page = await api.inject({ url: '/api/v1/streams/C/consumers?offset=1&limit=5' });
    assert.equal(page.json<{ total: number; consumers: unknown[] }>().consumers.length, 1);

    const info = await api.inject({ url: '/api/v1/streams/C/consumers/other' });
    assert.equal(info.statusCode, 200);
    assert.equal(info.json<{ config: { ack_policy: string } }>().config.ack_policy, 'none');

    const deleted = await api.inject({
      method: 'DELETE',
      url: '/api/v1/streams/C/consumers/worker',
    });
    assert.equal(deleted.statusCode, 204);
    await assert.rejects(jsm.consumers.info('C', 'worker'), /consumer not found/);
  });

  void test('conflicts, bad configs and unknown names', async (t) => {
    const { api, jsm } = await setup(t);
    await jsm.streams.add({ name: 'C', subjects: ['c.>'], storage: StorageType.Memory });
    const config = { name: 'dup', ack_policy: 'explicit' };
    const url = '/api/v1/streams/C/consumers';
    assert.equal((await api.inject({ method: 'POST', url, ...json(config) })).statusCode, 201);
    const same = await api.inject({ method: 'POST', url, ...json(config) });
    assert.equal(same.statusCode, 409);
    assert.equal(same.json<{ err_code: number }>().err_code, 10148);

    const bad = await api.inject({
      method: 'POST',
      url,
      ...json({ name: 'x', ack_policy: 'sometimes' }),
    });
    assert.equal(bad.statusCode, 400);
    const refused = await api.inject({
      method: 'POST',
      url,
      ...json({ name: 'y', deliver_policy: 'by_start_sequence' }),
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(typeof refused.json<{ err_code: number }>().err_code, 'number');
    const differ = await api.inject({
      method: 'POST',
      url,
      ...json({ name: 'a', durable_name: 'b' }),
    });
    assert.equal(differ.statusCode, 400);

    const ephemeral = await api.inject({ method: 'POST', url, ...json({ ack_policy: 'none' }) });
    assert.equal(ephemeral.statusCode, 201, ephemeral.body);
    assert.ok(ephemeral.json<{ name: string }>().name.length > 0);

    const noStream = await api.inject({
      method: 'POST',
      url: '/api/v1/streams/NOPE/consumers',
      ...json(config),
    });
    assert.equal(noStream.statusCode, 404);
    assert.equal(noStream.json<{ err_code: number }>().err_code, 10059);
    const noConsumer = await api.inject({ url: '/api/v1/streams/C/consumers/none' });
    assert.equal(noConsumer.statusCode, 404);
    assert.equal(noConsumer.json<{ err_code: number }>().err_code, 10014);
    const noDelete = await api.inject({
      method: 'DELETE',
      url: '/api/v1/streams/C/consumers/none',
    });
    assert.equal(noDelete.statusCode, 404);
  });
});
