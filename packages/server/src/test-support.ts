// Shared by this package's tests: a server on a free port with options from
// config text, stopped after the test.
import type { TestContext } from 'node:test';
import { connect, type ConnectionOptions, type NatsConnection } from 'nats';
import { loadServerOptions, parseConfig, loadOptionsFromConfig } from '@tsnats/config';
import type { ServerOptions } from '@tsnats/config';
import { NatsServer, type NatsServerDeps } from './server.js';

/** Options as nats-server would load them from `config`, listening on 127.0.0.1, a free port. */
export function testOptions(config = ''): ServerOptions {
  const loaded = loadOptionsFromConfig(parseConfig(config));
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const { options } = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1'] });
  return { ...loaded.options, host: options.host, port: -1, httpHost: options.host };
}

export async function startServer(
  t: TestContext,
  config = '',
  deps: NatsServerDeps = {},
): Promise<{ server: NatsServer; url: string; port: number }> {
  const server = new NatsServer(testOptions(config), deps);
  await server.start();
  t.after(() => server.shutdown());
  const port = server.clientAddress.port;
  return { server, url: `nats://127.0.0.1:${port}`, port };
}

/** An official v2 client that does not reconnect, closed after the test. */
export async function v2Client(
  t: TestContext,
  options: ConnectionOptions,
): Promise<NatsConnection> {
  const nc = await connect({ reconnect: false, ...options });
  t.after(() => nc.close());
  return nc;
}
