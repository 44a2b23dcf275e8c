// Shared by the monitoring tests: a started NatsServer on a free port of
// 127.0.0.1 (options from config text), optionally with JetStream embedded
// through a LocalLink, and its monitoring routes behind fastify's inject().
import type { TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loadOptionsFromConfig, loadServerOptions, parseConfig } from '@tsnats/config';
import { LocalLink } from '@tsnats/jetstream';
import { NatsServer, silentLogger, type Logger } from '@tsnats/server';
import { serverJetStream } from './jetstream-source.js';
import { monitorApp } from './routes.js';

export async function startServer(t: TestContext, config = ''): Promise<NatsServer> {
  const loaded = loadOptionsFromConfig(parseConfig(config));
  const { options } = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1'] });
  const server = new NatsServer({
    ...loaded.options,
    host: options.host,
    port: -1,
    httpHost: options.host,
  });
  await server.start();
  t.after(() => server.shutdown());
  return server;
}

/** An in-memory JetStream on `server`, reached as the edge reaches it: through the server's routing. */
export async function startJetStream(t: TestContext, server: NatsServer): Promise<LocalLink> {
  const link = new LocalLink();
  await link.start({
    publish: (message) => {
      server.publish(message);
    },
    subscribe: (subject, handler, queue) => server.subscribeInternal(subject, handler, queue),
    deliver: (deliverTo, message) => {
      server.deliver(deliverTo, message);
    },
    hasInterest: (subject) => server.sublist.hasInterest(subject),
    serverName: server.serverName,
  });
  t.after(() => link.stop());
  return link;
}

export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    notice: (m) => lines.push(`[INF] ${m}`),
    warn: (m) => lines.push(`[WRN] ${m}`),
    error: (m) => lines.push(`[ERR] ${m}`),
  };
  return { logger, lines };
}

export interface Monitored {
  server: NatsServer;
  inject: (url: string) => Promise<LightMyRequestResponse>;
}

/**
 * A server and its monitoring app. With `jetstream`, the config enables it and
 * an embedded JetStream runs; `jetstream: 'stopped'` configures it without
 * starting it.
 */
export async function monitored(
  t: TestContext,
  settings: { config?: string; logger?: Logger; jetstream?: boolean | 'stopped' } = {},
): Promise<Monitored> {
  const js = settings.jetstream ?? false;
  const config = `${settings.config ?? ''}\n${js === false ? '' : 'jetstream: enabled'}`;
  const server = await startServer(t, config);
  if (js === true) await startJetStream(t, server);
  const app = await monitorApp({
    server,
    logger: settings.logger ?? silentLogger,
    jetstream: js === false ? undefined : serverJetStream(server, () => js === true),
  });
  t.after(() => app.close());
  return { server, inject: (url) => app.inject({ method: 'GET', url }) };
}
