// Test support: an in-process NatsServer with JetStream through the LocalLink,
// on a free port of 127.0.0.1, stopped (JetStream, then the server) after the test.

import type { TestContext } from 'node:test';
import { loadServerOptions, type ServerOptions } from '@tsnats/config';
import type { JetStreamLink } from '@tsnats/jetstream';
import { NatsServer, silentLogger, type Logger } from '@tsnats/server';
import { tempDir } from '@tsnats/testkit';
import { startJetStream } from './jetstream.js';

export interface JetStreamServer {
  server: NatsServer;
  link: JetStreamLink;
  options: ServerOptions;
  /** nats://127.0.0.1:<port> */
  url: string;
}

export async function startJetStreamServer(
  t: TestContext,
  settings: { domain?: string; logger?: Logger; storeDir?: string; port?: number } = {},
): Promise<JetStreamServer> {
  const loaded = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1', '-js'] });
  let storeDir = settings.storeDir;
  if (storeDir === undefined) {
    // File streams of one test must not meet another test's (or the next run's).
    const dir = await tempDir('tsnats-js-');
    t.after(() => dir.remove());
    storeDir = dir.path;
  }
  const options: ServerOptions = {
    ...loaded.options,
    port: settings.port ?? loaded.options.port,
    jetstream: {
      ...loaded.options.jetstream,
      enabled: true,
      domain: settings.domain ?? '',
      storeDir,
    },
  };
  const logger = settings.logger ?? silentLogger;
  const server = new NatsServer(options, { logger });
  await server.start();
  const link = await startJetStream(server, options, logger);
  if (link === undefined) throw new Error('JetStream did not start');
  t.after(async () => {
    await link.stop();
    await server.shutdown();
  });
  return { server, link, options, url: `nats://127.0.0.1:${server.clientAddress.port}` };
}
