// The HTTP monitoring listener (nats-server's -m / http_port): the monitoring
// routes of @tsnats/admin, answered as nats-server answers them, and the REST
// admin API (/api/v1, /api/docs) unless `rest_api: false`, on the address the
// options name. The API reaches JetStream from inside the server, whichever
// link serves it.
import type { AddressInfo } from 'node:net';
import {
  monitorApp,
  restApi,
  serverDirectory,
  serverGateway,
  serverJetStream,
} from '@tsnats/admin';
import type { ListenAddress, Logger, NatsServer } from '@tsnats/server';
import type { Registry } from 'prom-client';

export interface MonitoringListener {
  readonly address: ListenAddress;
  close(): Promise<void>;
}

/** Go's net.JoinHostPort. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface MonitoringExtras {
  /** Whether JetStream is running (for /healthz and /jsz). */
  readonly jetStreamRunning?: () => boolean;
  /** tsnats's version, for the REST API's OpenAPI document and /servers. */
  readonly version?: string;
  /** prom-client registries /metrics adds (a split edge's link to its stores). */
  readonly metrics?: readonly Registry[];
}

/**
 * Starts the monitoring listener; port -1 picks a free one. The server's
 * monitorAddress is set to where it listens, for /varz. JetStream's pages ask
 * its API from inside the server, whichever link serves it.
 */
export async function startMonitoring(
  server: NatsServer,
  listen: ListenAddress,
  logger: Logger,
  { jetStreamRunning = () => false, version, metrics }: MonitoringExtras = {},
): Promise<MonitoringListener> {
  const jetstream = server.options.jetstream.enabled
    ? serverJetStream(server, jetStreamRunning)
    : undefined;
  const app = await monitorApp({ server, logger, jetstream, metrics });
  const api = server.options.restApi;
  if (api.enabled) {
    await app.register(restApi, {
      gateway: serverGateway(server),
      servers: serverDirectory(server, { version, jetstream: jetStreamRunning }),
      tokens: api.tokens,
      loopbackOnly: true,
      version,
    });
  }
  await app.listen({ host: listen.host, port: listen.port === -1 ? 0 : listen.port });
  const bound = app.server.address() as AddressInfo;
  const address = { host: listen.host, port: bound.port };
  server.monitorAddress = address;
  logger.notice(`Starting http monitor on ${joinHostPort(address.host, address.port)}`);
  return {
    address,
    close: async () => {
      if (server.monitorAddress === address) server.monitorAddress = undefined;
      await app.close();
    },
  };
}
