// Where consumers' configurations are kept so they survive a restart
// (nats-server keeps each in `<stream dir>/obs/<name>/meta.inf`, ephemeral ones
// too). The stream store keeps a consumer's delivery and ack state; this keeps
// what it was created with. The engine saves a consumer's config when it is
// created or updated, removes it when the consumer is deleted, and creates the
// saved consumers again when a stream is created over a store that already exists.

import * as fs from 'node:fs';
import { join } from 'node:path';
import type { ConsumerConfig, StreamConfig } from '../api/types.js';

/** A consumer as saved: its configuration and creation time (ns). */
export interface SavedConsumer {
  readonly config: ConsumerConfig;
  readonly created: bigint;
}

export interface ConsumerConfigStore {
  /** The consumers saved for this stream, sorted by name; unreadable files are reported and skipped. */
  load(stream: StreamConfig, onError?: (name: string, error: unknown) => void): SavedConsumer[];
  save(stream: StreamConfig, name: string, consumer: SavedConsumer): void;
  remove(stream: StreamConfig, name: string): void;
}

const CONFIG_SUFFIX = '.config.json';

interface ConfigFile {
  name: string;
  /** Nanoseconds since the Unix epoch, as a decimal string. */
  created: string;
  config: ConsumerConfig;
}

/**
 * Consumer configs of file streams, next to the FileStore's consumer state:
 * `<streamsDir>/<stream>/consumers/<name>.config.json` (the state is
 * `<name>.json`; consumer names cannot contain '.', so the two never meet).
 * Written to a temp file and renamed. Streams of other storage types keep
 * nothing (their consumers do not outlive the process either).
 */
export class FileConsumerConfigs implements ConsumerConfigStore {
  readonly #streamsDir: string;

  constructor(streamsDir: string) {
    this.#streamsDir = streamsDir;
  }

  #dir(stream: StreamConfig): string {
    return join(this.#streamsDir, stream.name, 'consumers');
  }

  #path(stream: StreamConfig, name: string): string {
    return join(this.#dir(stream), `${encodeURIComponent(name)}${CONFIG_SUFFIX}`);
  }

  load(stream: StreamConfig, onError?: (name: string, error: unknown) => void): SavedConsumer[] {
    if (stream.storage !== 'file') return [];
    let entries: string[];
    try {
      entries = fs.readdirSync(this.#dir(stream));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const saved: SavedConsumer[] = [];
    for (const entry of entries.sort()) {
      if (!entry.endsWith(CONFIG_SUFFIX)) continue;
      const name = decodeURIComponent(entry.slice(0, -CONFIG_SUFFIX.length));
      try {
        const file = JSON.parse(fs.readFileSync(join(this.#dir(stream), entry), 'utf8')) as
          Partial<ConfigFile> | undefined;
        const config = file?.config;
        if (
          typeof config !== 'object' ||
          (config.durable_name || config.name || '') !== name ||
          typeof file?.created !== 'string'
        ) {
          throw new Error('not a consumer config');
        }
        saved.push({ config, created: BigInt(file.created) });
      } catch (error) {
        onError?.(name, error);
      }
    }
    return saved;
  }

  save(stream: StreamConfig, name: string, consumer: SavedConsumer): void {
    if (stream.storage !== 'file') return;
    fs.mkdirSync(this.#dir(stream), { recursive: true });
    const file: ConfigFile = {
      name,
      created: consumer.created.toString(),
      config: consumer.config,
    };
    const path = this.#path(stream, name);
    const tmp = `${path}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(file));
    fs.renameSync(tmp, path);
  }

  remove(stream: StreamConfig, name: string): void {
    if (stream.storage !== 'file') return;
    fs.rmSync(this.#path(stream, name), { force: true });
  }
}
