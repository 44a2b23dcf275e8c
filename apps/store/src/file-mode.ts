// Streams in files under store_dir, as the embedded edge keeps them: file
// streams in nats-server's layout (memory streams in memory), durable
// consumer configs beside them, and the streams found there recovered at start.

import {
  fileStorageOptions,
  recoverFileStreams,
  streamsDirectory,
  type JetStreamEngineOptions,
  type JetStreamLogger,
} from '@tsnats/jetstream';
import type { StorageMode } from './mode.js';
import type { StorageService } from '@tsnats/rpc';

export function fileMode(
  service: StorageService,
  storeDir: string,
  engine: Pick<JetStreamEngineOptions, 'domain' | 'maxMemory' | 'maxStore'>,
  logger: JetStreamLogger,
): StorageMode {
  return {
    async start() {
      await service.activate({ ...engine, logger, ...fileStorageOptions(storeDir, logger) });
      await recoverFileStreams(
        (subject, body) => service.request(subject, body),
        streamsDirectory(storeDir),
        '$JS.API',
        logger,
      );
    },
    unavailable: () => (service.active ? undefined : 'JetStream is not running'),
    stop: () => service.stop(),
  };
}
