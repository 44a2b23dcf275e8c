import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setup, startApi, startServer } from './test-server.test-support.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, unknown> };
  security?: unknown[];
}

void describe('REST servers and cluster', () => {
  void test('this server: listed, found by id and name, and the cluster overview', async (t) => {
    const { api, server } = await setup(t);
    const list = await api.inject({ url: '/api/v1/servers' });
    assert.equal(list.statusCode, 200);
    const servers = list.json<{ servers: { id: string; name: string; connections: number }[] }>()
      .servers;
    assert.equal(servers.length, 1);
    assert.equal(servers[0].id, server.serverId);
    assert.equal(servers[0].connections, 1, 'the test client');

    const byId = await api.inject({ url: `/api/v1/servers/${server.serverId}` });
    assert.equal(byId.json<{ jetstream: boolean }>().jetstream, true);
    const byName = await api.inject({ url: `/api/v1/servers/${server.serverName}` });
    assert.equal(byName.statusCode, 200);
    assert.equal((await api.inject({ url: '/api/v1/servers/nobody' })).statusCode, 404);

    const cluster = await api.inject({ url: '/api/v1/cluster' });
    assert.equal(cluster.statusCode, 200);
    const overview = cluster.json<{ name: string; servers: unknown[]; routes: unknown[] }>();
    assert.deepEqual([overview.name, overview.servers.length, overview.routes], ['', 1, []]);
  });
});

void describe('REST auth', () => {
  void test('with tokens: 401 without or with a wrong one, served with a right one', async (t) => {
    const { api } = await setup(t, { tokens: ['s3cret', 'other'] });
    const none = await api.inject({ url: '/api/v1/streams' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="tsnats"');
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    assert.equal(none.json<{ status: number }>().status, 401);
    for (const authorization of ['Bearer wrong', 'Basic czNjcmV0', 'Bearer', 's3cret']) {
      const res = await api.inject({ url: '/api/v1/streams', headers: { authorization } });
      assert.equal(res.statusCode, 401, authorization);
    }
    for (const token of ['s3cret', 'other']) {
      const res = await api.inject({
        url: '/api/v1/streams',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 200, token);
    }
    const unknownRoute = await api.inject({ url: '/api/v1/nothing' });
    assert.equal(unknownRoute.statusCode, 401, 'which routes exist is not told either');

    const spec = await api.inject({ url: '/api/v1/openapi.json' });
    assert.equal(spec.statusCode, 200);
    assert.deepEqual(spec.json<OpenApi>().security, [{ bearerAuth: [] }]);
    assert.equal((await api.inject({ url: '/api/docs' })).statusCode < 400, true);
  });

  void test('without tokens the API is open', async (t) => {
    const { api } = await setup(t);
    assert.equal((await api.inject({ url: '/api/v1/streams' })).statusCode, 200);
    const spec = (await api.inject({ url: '/api/v1/openapi.json' })).json<OpenApi>();
    assert.equal(spec.security, undefined);
  });
});

void describe('REST without JetStream', () => {
  void test('JetStream requests are 503 problems, servers still answer', async (t) => {
    const { server } = await startServer(t, false);
    const api = await startApi(t, server);
    for (const url of [
      '/api/v1/streams',
      '/api/v1/streams/X',
      '/api/v1/kv',
      '/api/v1/kv/b/keys/k',
    ]) {
      const res = await api.inject({ url });
      assert.equal(res.statusCode, 503, url);
      assert.equal(res.json<{ type: string }>().type, 'urn:tsnats:problem:jetstream-unavailable');
    }
    const put = await api.inject({
      method: 'PUT',
      url: '/api/v1/kv/b/keys/k',
      headers: { 'content-type': 'application/json' },
      payload: '{"value":"eA=="}',
    });
    assert.equal(put.statusCode, 503);
    assert.equal((await api.inject({ url: '/api/v1/servers' })).statusCode, 200);
  });
});

void describe('OpenAPI document', () => {
  void test('is OpenAPI 3.1 and describes every operation with its problems', async (t) => {
    const { api } = await setup(t);
    const res = await api.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const spec = res.json<OpenApi>();
    assert.equal(spec.openapi, '3.1.0');
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(operations.sort(), [
      'DELETE /api/v1/kv/{bucket}',
      'DELETE /api/v1/kv/{bucket}/keys/{key}',
      'DELETE /api/v1/streams/{stream}',
      'DELETE /api/v1/streams/{stream}/consumers/{consumer}',
      'DELETE /api/v1/streams/{stream}/messages/{seq}',
      'GET /api/v1/cluster',
      'GET /api/v1/kv',
      'GET /api/v1/kv/{bucket}',
      'GET /api/v1/kv/{bucket}/keys',
      'GET /api/v1/kv/{bucket}/keys/{key}',
      'GET /api/v1/servers',
      'GET /api/v1/servers/{server}',
      'GET /api/v1/streams',
      'GET /api/v1/streams/{stream}',
      'GET /api/v1/streams/{stream}/consumers',
      'GET /api/v1/streams/{stream}/consumers/{consumer}',
      'GET /api/v1/streams/{stream}/messages/last',
      'GET /api/v1/streams/{stream}/messages/{seq}',
      'POST /api/v1/kv',
      'POST /api/v1/streams',
      'POST /api/v1/streams/{stream}/consumers',
      'POST /api/v1/streams/{stream}/purge',
      'PUT /api/v1/kv/{bucket}/keys/{key}',
      'PUT /api/v1/streams/{stream}',
    ]);
    const create = spec.paths['/api/v1/streams'].post;
    assert.ok(create.responses['409'], 'name in use is documented');
    assert.ok(
      (create.responses['409'] as { content: Record<string, unknown> }).content[
        'application/problem+json'
      ],
    );
    assert.ok(spec.components.securitySchemes.bearerAuth);
  });
});
