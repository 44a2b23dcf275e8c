// GET /healthz in nats-server's shape: 200 {"status":"ok"} while the store
// serves its streams, 503 {"status":"unavailable","error":...} otherwise (a
// standby, Redis unreachable), so load balancers and orchestrators can tell.

import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

export interface HealthListener {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on host:port; `unavailable` says why the store is not serving, undefined when it is. */
export async function startHealth(
  host: string,
  port: number,
  unavailable: () => string | undefined,
): Promise<HealthListener> {
  const app = Fastify({ logger: false });
  app.get('/healthz', async (_request, reply) => {
    const error = unavailable();
    if (error === undefined) return reply.code(200).send({ status: 'ok' });
    return reply.code(503).send({ status: 'unavailable', error });
  });
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  return { port: address.port, close: () => app.close() };
}
