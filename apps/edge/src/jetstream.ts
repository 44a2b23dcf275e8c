// JetStream in the edge: options -> a JetStreamLink, and the host the link
// serves through (the server's own routing). The edge only knows the link
// interface; LocalLink runs JetStream in this process, the RPC link (store
// services) will be chosen here too.

import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ServerOptions } from '@tsnats/config';
import {
  FileConsumerConfigs,
  FileStore,
  LocalLink,
  MemoryStore,
  type JetStreamHost,
  type JetStreamLink,
  type JetStreamLogger,
} from '@tsnats/jetstream';
import type { Logger, NatsServer } from '@tsnats/server';
import { recoverFileStreams } from './jetstream-recovery.js';

/** The server's routing as JetStream's host: publish and internal subscriptions. */
export function serverHost(server: NatsServer): JetStreamHost {
  return {
    publish: (message) => {
      server.publish(message);
    },
    subscribe: (subject, handler, queue) =>
      server.subscribeInternal(
        subject,
        (message) => {
          handler(message);
        },
        queue,
      ),
    deliver: (deliverTo, message) => {
      server.deliver(deliverTo, message);
    },
    hasInterest: (subject) => server.sublist.hasInterest(subject),
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

/**
 * Where file streams live, as nats-server lays them out: `<store_dir>/jetstream/
 * $G/streams/<name>` (the global account), with store_dir defaulting to the
 * temporary directory.
 */
export function streamsDirectory(storeDir: string): string {
  const base = storeDir === '' ? tmpdir() : storeDir;
  const root = basename(base) === 'jetstream' ? base : join(base, 'jetstream');
  return join(root, '$G', 'streams');
}

/** The link for these options (undefined when JetStream is off). */
export function createJetStreamLink(
  options: ServerOptions,
  logger: Logger,
): JetStreamLink | undefined {
  const js = options.jetstream;
  if (!js.enabled) return undefined;
  const streamsDir = streamsDirectory(js.storeDir);
  return new LocalLink({
    domain: js.domain,
    maxMemory: js.maxMemory,
    maxStore: js.maxStore,
    logger: jetStreamLogger(logger),
    storeFactory: (config) =>
      config.storage === 'file'
        ? FileStore.open(streamsDir, config, {
            logger: {
              warn: (message) => {
                logger.warn(message);
              },
            },
          })
        : new MemoryStore(config),
    // Durable consumers of file streams come back with their stream after a restart.
    consumerConfigs: new FileConsumerConfigs(streamsDir),
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
  await link.start(serverHost(server));
  await recoverFileStreams(server, streamsDirectory(options.jetstream.storeDir), '$JS.API', logger);
  return link;
}
