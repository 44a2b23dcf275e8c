// The admin service's HTTP side: fastify with the REST API of @tsnats/admin
// on a gateway to the stores and a directory of the edges, and /healthz.

import type { AddressInfo } from 'node:net';
import { restApi } from '@tsnats/admin';
import type { Logger } from '@tsnats/server';
import Fastify from 'fastify';
import { ADMIN_VERSION } from '../version.js';
import { edgeDirectory } from './edge-directory.js';
import type { ServeOptions } from './options.js';
import { storeGateway } from './store-gateway.js';

export interface AdminService {
  /** http://host:port, with 0.0.0.0 and :: named as loopback addresses. */
  readonly url: string;
  close(): Promise<void>;
}

const EDGE_TIMEOUT_MS = 2_000;

function reachable(host: string, port: number): string {
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export async function startAdminService(
  options: ServeOptions,
  logger: Logger,
): Promise<AdminService> {
  const gateway = storeGateway(options.stores, { timeoutMs: options.timeoutMs, logger });
  const app = Fastify({ logger: false });
  app.addHook('onResponse', (request, reply, done) => {
    logger.debug(`${request.method} ${request.url} ${reply.statusCode}`);
    done();
  });
  app.addHook('onClose', (_app, done) => {
    gateway.close();
    done();
  });
  try {
    app.get('/healthz', () => ({ status: 'ok' }));
    await app.register(restApi, {
      gateway,
      servers: edgeDirectory(options.edges, { timeoutMs: EDGE_TIMEOUT_MS }),
      tokens: options.tokens,
      // As on an edge's HTTP port: an API without tokens is for this machine only.
      loopbackOnly: true,
      version: ADMIN_VERSION,
    });
    await app.listen({ host: options.listen.host, port: options.listen.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const bound = app.server.address() as AddressInfo;
  return { url: reachable(options.listen.host, bound.port), close: () => app.close() };
}
