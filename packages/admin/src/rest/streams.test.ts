import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jetstream, StorageType } from '@nats-io/jetstream';
const PROBLEM_TYPE = /^application\/problem\+json/;
import { setup } from './test-server.test-support.js';

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

void describe('REST streams', () => {
  void test('a stream created over REST is there for NATS clients, and the other way round', async (t) => {
    const { api, nc, jsm } = await setup(t);
    const created = await api.inject({
      method: 'POST',
      url: '/api/v1/streams',
      ...json({ name: 'ORDERS', subjects: ['orders.>'], storage: 'memory' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, '/api/v1/streams/ORDERS');
    assert.match(String(created.headers.etag), /^"[\w-]+"$/);
    assert.equal(created.json<{ config: { name: string } }>().config.name, 'ORDERS');

    const info = await jsm.streams.info('ORDERS');
    assert.deepEqual(info.config.subjects, ['orders.>']);
    await jetstream(nc).publish('orders.1', 'first');

    await jsm.streams.add({ name: 'AUDIT', subjects: ['audit.>'], storage: StorageType.Memory });
    const got = await api.inject({ url: '/api/v1/streams/AUDIT' });
    assert.equal(got.statusCode, 200);
    const audit = got.json<{ config: { subjects: string[] }; state: { messages: number } }>();
    assert.deepEqual(audit.config.subjects, ['audit.>']);

    const orders = await api.inject({ url: '/api/v1/streams/ORDERS' });
    assert.equal(orders.json<{ state: { messages: number } }>().state.messages, 1);
    assert.equal(orders.headers.etag, created.headers.etag);
  });

  void test('lists streams by page', async (t) => {
    const { api, jsm } = await setup(t);
    for (const name of ['A', 'B', 'C']) {
      await jsm.streams.add({ name, subjects: [`${name}.>`], storage: StorageType.Memory });
    }
    const all = await api.inject({ url: '/api/v1/streams' });
    assert.equal(all.statusCode, 200);
    const body = all.json<{ total: number; offset: number; limit: number; streams: unknown[] }>();
    assert.equal(body.total, 3);
    assert.equal(body.offset, 0);
    assert.equal(body.limit, 100);
    assert.equal(body.streams.length, 3);

    const page = await api.inject({ url: '/api/v1/streams?offset=1&limit=1' });
    const paged = page.json<{ total: number; streams: { config: { name: string } }[] }>();
    assert.equal(paged.total, 3);
    assert.equal(paged.streams.length, 1);

    const filtered = await api.inject({ url: '/api/v1/streams?subject=B.x' });
    const names = filtered
      .json<{ streams: { config: { name: string } }[] }>()
      .streams.map((s) => s.config.name);
    assert.deepEqual(names, ['B']);

    const bad = await api.inject({ url: '/api/v1/streams?limit=0' });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), PROBLEM_TYPE);
  });

  void test('updates with If-Match: the current ETag wins, a stale one is 412', async (t) => {
    const { api, jsm } = await setup(t);
    await jsm.streams.add({ name: 'S', subjects: ['s.>'], storage: StorageType.Memory });
    const first = await api.inject({ url: '/api/v1/streams/S' });
    const etag = String(first.headers.etag);

    const updated = await api.inject({
      method: 'PUT',
      url: '/api/v1/streams/S',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      payload: JSON.stringify({ subjects: ['s.>', 't.>'], storage: 'memory', max_msgs: 10 }),
    });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.notEqual(updated.headers.etag, etag);
    assert.equal((await jsm.streams.info('S')).config.max_msgs, 10);

    const stale = await api.inject({
      method: 'PUT',
      url: '/api/v1/streams/S',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      payload: JSON.stringify({ subjects: ['s.>'], storage: 'memory' }),
    });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<{ status: number }>().status, 412);
    assert.deepEqual((await jsm.streams.info('S')).config.subjects, ['s.>', 't.>']);

    const mismatch = await api.inject({
      method: 'PUT',
      url: '/api/v1/streams/S',
      ...json({ name: 'OTHER', subjects: ['s.>'], storage: 'memory' }),
    });
    assert.equal(mismatch.statusCode, 400);

    const refused = await api.inject({
      method: 'PUT',
      url: '/api/v1/streams/S',
      ...json({ subjects: ['s.>'], storage: 'file' }),
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(typeof refused.json<{ err_code: number }>().err_code, 'number');
  });

  void test('create conflicts, bad configs and unknown streams are problems, never 500s', async (t) => {
    const { api } = await setup(t);
    const config = { name: 'DUP', subjects: ['dup.>'], storage: 'memory' };
    assert.equal(
      (await api.inject({ method: 'POST', url: '/api/v1/streams', ...json(config) })).statusCode,
      201,
    );
    const same = await api.inject({ method: 'POST', url: '/api/v1/streams', ...json(config) });
    assert.equal(same.statusCode, 409);
    assert.match(String(same.headers['content-type']), PROBLEM_TYPE);
    const differs = await api.inject({
      method: 'POST',
      url: '/api/v1/streams',
      ...json({ ...config, max_msgs: 5 }),
    });
    assert.equal(differs.statusCode, 409);
    assert.equal(differs.json<{ err_code: number }>().err_code, 10058);

    const overlap = await api.inject({
      method: 'POST',
      url: '/api/v1/streams',
      ...json({ name: 'OVER', subjects: ['dup.x'], storage: 'memory' }),
    });
    assert.equal(overlap.statusCode, 400);
    assert.equal(overlap.json<{ err_code: number }>().err_code, 10065);

    const badJson = await api.inject({
      method: 'POST',
      url: '/api/v1/streams',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(badJson.statusCode, 400);
    const problem = badJson.json<{ type: string; title: string; status: number; detail: string }>();
    assert.equal(problem.status, 400);
    assert.equal(problem.title, 'Bad Request');
    assert.doesNotMatch(badJson.body, /at .*\.js/);

    for (const body of [
      { subjects: ['x'] },
      { name: 'a.b' },
      { name: 'X', max_msgs: 'many' },
      { name: 'X', retention: 'forever' },
    ]) {
      const bad = await api.inject({ method: 'POST', url: '/api/v1/streams', ...json(body) });
      assert.equal(bad.statusCode, 400, JSON.stringify(body));
      assert.match(String(bad.headers['content-type']), PROBLEM_TYPE);
    }

    const badMax = await api.inject({
      method: 'POST',
      url: '/api/v1/streams',
      ...json({ name: 'NEG', subjects: ['neg'], storage: 'memory', max_age: -5 }),
    });
    assert.equal(badMax.statusCode, 400, badMax.body);

    for (const [method, url] of [
      ['GET', '/api/v1/streams/NOPE'],
      ['DELETE', '/api/v1/streams/NOPE'],
      ['PUT', '/api/v1/streams/NOPE'],
    ] as const) {
      const missing = await api.inject({ method, url, ...json({ subjects: ['n'] }) });
      assert.equal(missing.statusCode, 404, `${method} ${url}`);
      assert.equal(missing.json<{ err_code: number }>().err_code, 10059);
    }
    const noRoute = await api.inject({ url: '/api/v1/nothing' });
    assert.equal(noRoute.statusCode, 404);
    assert.match(String(noRoute.headers['content-type']), PROBLEM_TYPE);
  });

  void test('purges and deletes', async (t) => {
    const { api, nc, jsm } = await setup(t);
    await jsm.streams.add({ name: 'P', subjects: ['p.*'], storage: StorageType.Memory });
    const js = jetstream(nc);
    for (let i = 0; i < 5; i++) await js.publish('p.a', `a${i}`);
    for (let i = 0; i < 3; i++) await js.publish('p.b', `b${i}`);

    const keep = await api.inject({
      method: 'POST',
      url: '/api/v1/streams/P/purge',
      ...json({ filter: 'p.a', keep: 1 }),
    });
    assert.equal(keep.statusCode, 200, keep.body);
    assert.deepEqual(keep.json(), { purged: 4 });

    const both = await api.inject({
      method: 'POST',
      url: '/api/v1/streams/P/purge',
      ...json({ seq: 3, keep: 1 }),
    });
    assert.equal(both.statusCode, 400);

    const all = await api.inject({ method: 'POST', url: '/api/v1/streams/P/purge', ...json({}) });
    assert.deepEqual(all.json(), { purged: 4 });
    assert.equal((await jsm.streams.info('P')).state.messages, 0);

    const deleted = await api.inject({ method: 'DELETE', url: '/api/v1/streams/P' });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    await assert.rejects(jsm.streams.info('P'), /stream not found/);
  });
});
