import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Kvm } from '@nats-io/kv';
import { setup } from './test-server.test-support.js';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify(body),
});

interface Entry {
  key: string;
  value: string;
  revision: number;
  operation: string;
}

void describe('REST key-value', () => {
  void test('buckets: created over REST open in @nats-io/kv, and the other way round', async (t) => {
    const { api, nc } = await setup(t);
    const created = await api.inject({
      method: 'POST',
      url: '/api/v1/kv',
      ...json({ bucket: 'config', history: 5, storage: 'memory', description: 'settings' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, '/api/v1/kv/config');
    const status = created.json<{ bucket: string; history: number; values: number }>();
    assert.deepEqual([status.bucket, status.history, status.values], ['config', 5, 0]);

    const kvm = new Kvm(nc);
    const kv = await kvm.open('config');
    const clientStatus = await kv.status();
    assert.equal(clientStatus.history, 5);
    assert.equal(clientStatus.description, 'settings');
    await kv.put('color', 'blue');

    await kvm.create('other', { history: 1 });
    const list = await api.inject({ url: '/api/v1/kv' });
    assert.equal(list.statusCode, 200);
    const buckets = list.json<{ total: number; buckets: { bucket: string; values: number }[] }>();
    assert.equal(buckets.total, 2);
    assert.deepEqual(
      buckets.buckets.map((b) => [b.bucket, b.values]),
      [
        ['config', 1],
        ['other', 0],
      ],
    );
    const page = await api.inject({ url: '/api/v1/kv?offset=1&limit=1' });
    assert.deepEqual(
      page.json<{ buckets: { bucket: string }[] }>().buckets.map((b) => b.bucket),
      ['other'],
    );

    const one = await api.inject({ url: '/api/v1/kv/other' });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json<{ history: number }>().history, 1);

    const dup = await api.inject({
      method: 'POST',
      url: '/api/v1/kv',
      ...json({ bucket: 'other' }),
    });
    assert.equal(dup.statusCode, 409);
    for (const body of [
      { bucket: 'a.b' },
      { bucket: 'x', history: 65 },
      { bucket: 'x', nope: 1 },
    ]) {
      const bad = await api.inject({ method: 'POST', url: '/api/v1/kv', ...json(body) });
      assert.equal(bad.statusCode, 400, JSON.stringify(body));
    }

    const deleted = await api.inject({ method: 'DELETE', url: '/api/v1/kv/other' });
    assert.equal(deleted.statusCode, 204);
    await assert.rejects(async () => (await kvm.open('other')).status(), /stream not found/);
    assert.equal((await api.inject({ url: '/api/v1/kv/other' })).statusCode, 404);
    assert.equal((await api.inject({ method: 'DELETE', url: '/api/v1/kv/other' })).statusCode, 404);
  });

  void test('keys: put, get, list and delete, seen by @nats-io/kv at once', async (t) => {
    const { api, nc } = await setup(t);
    const kv = await new Kvm(nc).create('app', { history: 10 });
    const url = '/api/v1/kv/app/keys';

    const put = await api.inject({
      method: 'PUT',
      url: `${url}/db.host`,
      ...json({ value: 'localhost', encoding: 'utf8' }),
    });
    assert.equal(put.statusCode, 200, put.body);
    const revision = put.json<{ revision: number }>().revision;
    assert.equal(put.headers.etag, `"${revision}"`);
    const entry = await kv.get('db.host');
    assert.equal(entry?.string(), 'localhost');
    assert.equal(entry.revision, revision);

    await kv.put('db.port', '5432');
    await kv.put('a/b', 'slash');
    await kv.put('gone', 'soon');
    await kv.delete('gone');
    await kv.put('purged', 'x');
    await kv.purge('purged');

    const got = await api.inject({ url: `${url}/db.port?encoding=utf8` });
    assert.equal(got.statusCode, 200, got.body);
    const port = got.json<Entry>();
    assert.deepEqual([port.key, port.value, port.operation], ['db.port', '5432', 'PUT']);
    assert.equal(got.headers.etag, `"${port.revision}"`);
    const b64 = await api.inject({ url: `${url}/db.port` });
    assert.equal(Buffer.from(b64.json<Entry>().value, 'base64').toString(), '5432');
    const slash = await api.inject({ url: `${url}/a%2Fb?encoding=utf8` });
    assert.equal(slash.json<Entry>().value, 'slash');

    assert.equal((await api.inject({ url: `${url}/gone` })).statusCode, 404);
    assert.equal((await api.inject({ url: `${url}/never` })).statusCode, 404);
    const old = await api.inject({ url: `${url}/db.host?revision=${revision}&encoding=utf8` });
    assert.equal(old.json<Entry>().value, 'localhost');
    const otherKey = await api.inject({ url: `${url}/db.port?revision=${revision}` });
    assert.equal(otherKey.statusCode, 404);

    const list = await api.inject({ url });
    assert.equal(list.statusCode, 200);
    const keys = list.json<{ total: number; keys: { key: string; revision: number }[] }>();
    assert.deepEqual(
      keys.keys.map((k) => k.key),
      ['a/b', 'db.host', 'db.port'],
    );
    assert.equal(keys.total, 3);
    const clientKeys: string[] = [];
    for await (const key of await kv.keys()) clientKeys.push(key);
    assert.deepEqual(clientKeys.sort(), ['a/b', 'db.host', 'db.port']);
    const page = await api.inject({ url: `${url}?offset=2&limit=5` });
    assert.deepEqual(
      page.json<{ keys: { key: string }[] }>().keys.map((k) => k.key),
      ['db.port'],
    );

    const binary = await api.inject({
      method: 'PUT',
      url: `${url}/bin`,
      ...json({ value: Buffer.from([0, 1, 254]).toString('base64') }),
    });
    assert.equal(binary.statusCode, 200);
    assert.deepEqual([...((await kv.get('bin'))?.value ?? [])], [0, 1, 254]);

    const del = await api.inject({ method: 'DELETE', url: `${url}/db.host` });
    assert.equal(del.statusCode, 204, del.body);
    assert.equal((await kv.get('db.host'))?.operation, 'DEL');
    assert.equal((await api.inject({ method: 'DELETE', url: `${url}/db.host` })).statusCode, 404);

    const purge = await api.inject({ method: 'DELETE', url: `${url}/db.port?purge=true` });
    assert.equal(purge.statusCode, 204);
    assert.equal((await kv.get('db.port'))?.operation, 'PURGE');
    const history: string[] = [];
    for await (const e of await kv.history({ key: 'db.port' })) history.push(e.operation);
    assert.deepEqual(history, ['PURGE']);
  });

  void test('revisions: ?revision= conflicts are 409, If-Match failures 412', async (t) => {
    const { api, nc } = await setup(t);
    const kv = await new Kvm(nc).create('rev');
    const url = '/api/v1/kv/rev/keys/k';
    const put = (query: string, headers: Record<string, string> = {}) =>
      api.inject({
        method: 'PUT',
        url: `${url}${query}`,
        ...json({ value: 'v', encoding: 'utf8' }, headers),
      });

    const created = await put('?revision=0');
    assert.equal(created.statusCode, 200, created.body);
    const first = created.json<{ revision: number }>().revision;
    const exists = await put('?revision=0');
    assert.equal(exists.statusCode, 409);
    assert.equal(exists.json<{ err_code: number }>().err_code, 10071);

    const stale = await put(`?revision=${first + 100}`);
    assert.equal(stale.statusCode, 409);
    const updated = await put(`?revision=${first}`);
    assert.equal(updated.statusCode, 200);
    const second = updated.json<{ revision: number }>().revision;

    const ifMatch = await put('', { 'if-match': `"${second}"` });
    assert.equal(ifMatch.statusCode, 200, ifMatch.body);
    const third = ifMatch.json<{ revision: number }>().revision;
    const failed = await put('', { 'if-match': `"${second}"` });
    assert.equal(failed.statusCode, 412);
    assert.equal((await kv.get('k'))?.revision, third);
    assert.equal((await put('', { 'if-match': 'W/"1"' })).statusCode, 400);
    assert.equal((await put(`?revision=${third}`, { 'if-match': `"${third}"` })).statusCode, 400);

    const staleDelete = await api.inject({ method: 'DELETE', url: `${url}?revision=${second}` });
    assert.equal(staleDelete.statusCode, 409);
    const matchedDelete = await api.inject({
      method: 'DELETE',
      url,
      headers: { 'if-match': `"${third}"` },
    });
    assert.equal(matchedDelete.statusCode, 204);
    assert.equal((await kv.get('k'))?.operation, 'DEL');

    // A deleted key counts as absent for a create, as in @nats-io/kv.
    const recreated = await put('?revision=0');
    assert.equal(recreated.statusCode, 200, recreated.body);
    assert.equal((await kv.get('k'))?.string(), 'v');
  });

  void test('bad keys, bad bodies and missing buckets', async (t) => {
    const { api, nc } = await setup(t);
    await new Kvm(nc).create('b');
    for (const key of ['.dot', 'dot.', 'sp%20ace', 'star*', 'gt%3E']) {
      const res = await api.inject({
        method: 'PUT',
        url: `/api/v1/kv/b/keys/${key}`,
        ...json({ value: 'x', encoding: 'utf8' }),
      });
      assert.equal(res.statusCode, 400, key);
    }
    for (const body of [{}, { value: 1 }, { value: 'x', encoding: 'hex' }, { value: 'x', y: 1 }]) {
      const res = await api.inject({ method: 'PUT', url: '/api/v1/kv/b/keys/k', ...json(body) });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    const noBucket = await api.inject({
      method: 'PUT',
      url: '/api/v1/kv/nope/keys/k',
      ...json({ value: 'x' }),
    });
    assert.equal(noBucket.statusCode, 404, noBucket.body);
    assert.equal(noBucket.json<{ err_code: number }>().err_code, 10059);
    assert.equal((await api.inject({ url: '/api/v1/kv/nope/keys/k' })).statusCode, 404);
    assert.equal((await api.inject({ url: '/api/v1/kv/nope/keys' })).statusCode, 404);
  });
});
