// JetStream in the edge: options -> a JetStreamLink, and the host the link
// serves through (the server's own routing). The edge only knows the link
// interface; LocalLink runs JetStream in this process, the RPC link (store
// services) will be chosen here too.

import type { ServerOptions } from '@tsnats/config';
import {
  fileStorageOptions,
  LocalLink,
  streamsDirectory,
  type JetStreamLink,
  type JetStreamLogger,
} from '@tsnats/jetstream';
import { parseStoreUrl, RpcLink, type EdgeHost } from '@tsnats/rpc';
import { ClientConnection, type Logger, type NatsServer, type Subscriber } from '@tsnats/server';
import { recoverEdgeFileStreams } from './jetstream-recovery.js';

/**
 * The server's routing as JetStream's host: publish and internal subscriptions,
 * and for the link to store services, where messages came from and the
 * clients' interest.
 */
export function serverHost(server: NatsServer): EdgeHost {
  return {
    publish: (message, origin) => {
      server.publish(message, origin as Subscriber | undefined);
    },
    subscribe: (subject, handler, queue) => server.subscribeInternal(subject, handler, queue),
    deliver: (deliverTo, message, origin) => {
      server.deliver(deliverTo, message, origin as Subscriber | undefined);
    },
    hasInterest: (subject) => server.sublist.hasInterest(subject),
    watchInterest: (listener) => server.watchInterest(listener),
    newOrigin: () => server.peerOrigin(),
    // What nats-server puts in an API audit advisory for a client's request
    // through the global account's import: the account, the client's
    // measured round trip (omitted until measured) and this server.
    clientInfo: (origin) => {
      if (!(origin instanceof ClientConnection)) return undefined;
      const rtt = Math.round(origin.rttMs * 1_000_000);
      return { acc: '$G', ...(rtt > 0 ? { rtt } : {}), server: server.serverName };
    },
    get serverId() {
      return server.serverId;
    },
    get serverName() {
      return server.serverName;
    },
  };
}

function jetStreamLogger(logger: Logger): JetStreamLogger {
  return {
    notice: (message) => {
      logger.notice(message);
    },
    warn: (message) => {
      logger.warn(message);
    },
    error: (message) => {
      logger.error(message);
    },
    debug: (message) => {
      logger.debug(message);
    },
  };
}

/** The link for these options (undefined when JetStream is off). */
export function createJetStreamLink(
  options: ServerOptions,
  logger: Logger,
): JetStreamLink | undefined {
  const js = options.jetstream;
  if (!js.enabled) return undefined;
  if (js.storeUrl !== '') {
    return new RpcLink({ addresses: parseStoreUrl(js.storeUrl), logger: jetStreamLogger(logger) });
  }
  const jsLogger = jetStreamLogger(logger);
  return new LocalLink({
    domain: js.domain,
    maxMemory: js.maxMemory,
    maxStore: js.maxStore,
    logger: jsLogger,
    ...fileStorageOptions(js.storeDir, jsLogger),
  });
}

/** Starts JetStream on a started server; logs as nats-server's banner does, briefly. */
export async function startJetStream(
  server: NatsServer,
  options: ServerOptions,
  logger: Logger,
): Promise<JetStreamLink | undefined> {
  const link = createJetStreamLink(options, logger);
  if (link === undefined) return undefined;
  logger.notice('Starting JetStream');
  if (options.jetstream.storeDir !== '') {
    logger.notice(`  Store Directory: "${options.jetstream.storeDir}"`);
  }
  if (options.jetstream.domain !== '') logger.notice(`  Domain: ${options.jetstream.domain}`);
  if (options.jetstream.storeUrl !== '') {
    logger.notice(`  Store services: ${options.jetstream.storeUrl}`);
    await link.start(serverHost(server));
    return link;
  }
  await link.start(serverHost(server));
  await recoverEdgeFileStreams(
    server,
    streamsDirectory(options.jetstream.storeDir),
    '$JS.API',
    jetStreamLogger(logger),
  );
  return link;
}
