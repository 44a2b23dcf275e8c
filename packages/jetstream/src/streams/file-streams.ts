// JetStream on files, as any process that hosts streams sets it up (the edge
// in the embedded default, a store service without Redis): file streams in
// nats-server's layout, durable consumer configs beside them, and recovery of
// the streams found on disk at start.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FileStore } from '../store/file-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { FileConsumerConfigs } from './consumer-configs.js';
import type { JetStreamEngineOptions } from './engine.js';
import type { JetStreamLogger } from './host.js';

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

/** Engine options that keep file streams (and their durable consumers) under `storeDir`. */
export function fileStorageOptions(
  storeDir: string,
  logger: JetStreamLogger,
): Pick<JetStreamEngineOptions, 'storeFactory' | 'consumerConfigs'> {
  const streamsDir = streamsDirectory(storeDir);
  return {
    storeFactory: (config) =>
      config.storage === 'file'
        ? FileStore.open(streamsDir, config, { logger })
        : new MemoryStore(config),
    // Durable consumers of file streams come back with their stream after a restart.
    consumerConfigs: new FileConsumerConfigs(streamsDir),
  };
}

/** Sends one JetStream API request (JSON body) and resolves the parsed reply. */
export type ApiRequester = (subject: string, body: string) => Promise<unknown>;

/**
 * Creates a stream again through the API from its saved config (JSON) and logs
 * it. A config the API refuses is logged and resolves false; a request that
 * fails (no reply, a store error) rejects, for the caller to decide.
 */
export async function recreateStream(
  request: ApiRequester,
  apiPrefix: string,
  name: string,
  config: string,
  logger: JetStreamLogger,
): Promise<boolean> {
  const reply = (await request(`${apiPrefix}.STREAM.CREATE.${name}`, config)) as {
    error?: { description?: string };
  };
  if (reply.error !== undefined) {
    logger.error(`  Error recovering stream '${name}': ${reply.error.description ?? ''}`);
    return false;
  }
  logger.notice(`  Restored stream '${name}'`);
  return true;
}

/**
 * Re-creates every file stream found under `streamsDir` through the API (the
 * FileStore then finds its messages on disk): each stream directory's meta.json
 * holds the config it was created with. Returns how many came back.
 */
export async function recoverFileStreams(
  request: ApiRequester,
  streamsDir: string,
  apiPrefix: string,
  logger: JetStreamLogger,
): Promise<number> {
  if (!existsSync(streamsDir)) return 0;
  let recovered = 0;
  for (const name of readdirSync(streamsDir)) {
    const metaFile = join(streamsDir, name, 'meta.json');
    if (!existsSync(metaFile)) continue;
    try {
      const config = readFileSync(metaFile, 'utf8');
      if (await recreateStream(request, apiPrefix, name, config, logger)) recovered++;
    } catch (error) {
      logger.error(`  Error recovering stream '${name}': ${String(error)}`);
    }
  }
  return recovered;
}
