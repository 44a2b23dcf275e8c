// Test support: a NatsServer with JetStream in this process (LocalLink, memory
// stores) on a free port of 127.0.0.1, the REST API on a fastify instance in
// front of it, and a v3 client; everything is stopped after the test.

import type { TestContext } from 'node:test';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { loadServerOptions } from '@tsnats/config';
import { NatsServer } from '@tsnats/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { startJetStream } from '../monitoring/monitoring.test-support.js';
import { serverGateway } from './gateway.js';
import { restApi, type RestApiOptions } from './plugin.js';
import { serverDirectory } from './servers.js';

export interface TestServer {
  server: NatsServer;
  /** nats://127.0.0.1:<port> */
  url: string;
}

/** A server with JetStream; `jetstream: false` leaves JetStream off. */
export async function startServer(t: TestContext, jetstream = true): Promise<TestServer> {
  const { options } = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1'] });
  const server = new NatsServer(options);
  await server.start();
  t.after(() => server.shutdown());
  if (jetstream) await startJetStream(t, server);
  return { server, url: `nats://127.0.0.1:${server.clientAddress.port}` };
}

/** The REST API on `server`, ready for inject(). */
export async function startApi(
  t: TestContext,
  server: NatsServer,
  options: Partial<RestApiOptions> = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(restApi, {
    gateway: serverGateway(server, { timeoutMs: 2000 }),
    servers: serverDirectory(server, { jetstream: () => true }),
    ...options,
  });
  await app.ready();
  t.after(() => app.close());
  return app;
}

/** A server with JetStream, the API on it, and a v3 client with its JetStream manager. */
export async function setup(
  t: TestContext,
  options: Partial<RestApiOptions> = {},
): Promise<{
  server: NatsServer;
  url: string;
  api: FastifyInstance;
  nc: NatsConnection;
  jsm: JetStreamManager;
}> {
  const { server, url } = await startServer(t);
  const api = await startApi(t, server, options);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return { server, url, api, nc, jsm: await jetstreamManager(nc) };
}
