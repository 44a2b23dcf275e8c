// Where the monitoring pages get JetStream's state: its own JSON API, asked from
// inside the server. The same requests reach an embedded JetStream and the
// store services of a split deployment, so /jsz and /metrics need not know
// which one the edge has.
import { statfsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname } from 'node:path';
import {
  streamsDirectory,
  type AccountInfo,
  type ApiError,
  type ApiRequester,
  type ConsumerInfo,
  type StreamInfo,
} from '@tsnats/jetstream';
import { internalRequest, type NatsServer } from '@tsnats/server';

/** nats-server's JetStreamConfig as /jsz shows it. */
export interface JetStreamConfigz {
  max_memory: number;
  max_storage: number;
  store_dir?: string;
  domain?: string;
}

export interface JetStreamSource {
  /** JetStream is configured and running (the edge's link is started). */
  running(): boolean;
  config(): JetStreamConfigz;
  /** One request to the JetStream API ($JS.API.INFO, ...), resolving with the JSON reply. */
  request: ApiRequester;
}

/** nats-server's JetStreamMaxStoreDefault, its fallback when the free disk space is unknown. */
const MAX_STORE_DEFAULT = 1024 ** 4;

/** The store directory's free space, three quarters of it, as nats-server's diskAvailable. */
function diskAvailable(dir: string): number {
  try {
    const fs = statfsSync(dir);
    return Math.floor((fs.bavail * fs.bsize * 3) / 4);
  } catch {
    return MAX_STORE_DEFAULT;
  }
}

/**
 * The JetStream config of `server`'s options as nats-server reports it: a limit
 * left at -1 is shown as the size nats-server would pick (three quarters of the
 * memory, of the free disk), so dashboards get a usable maximum. The store
 * directory is the edge's own only when the streams are kept in this process.
 */
export function jetStreamConfigz(server: NatsServer): JetStreamConfigz {
  const js = server.options.jetstream;
  const storeDir = dirname(dirname(streamsDirectory(js.storeDir)));
  const embedded = js.storeUrl === '';
  return {
    max_memory: js.maxMemory > 0 ? js.maxMemory : Math.floor((totalmem() * 3) / 4),
    max_storage: js.maxStore > 0 ? js.maxStore : diskAvailable(storeDir),
    ...(embedded ? { store_dir: storeDir } : {}),
    ...(js.domain === '' ? {} : { domain: js.domain }),
  };
}

/** The source for a server whose JetStream answers on its own $JS.API.> (embedded or split). */
export function serverJetStream(
  server: NatsServer,
  running: () => boolean,
  timeoutMs = 5_000,
): JetStreamSource {
  return {
    running,
    config: () => jetStreamConfigz(server),
    request: (subject, body) => internalRequest(server, subject, body, timeoutMs),
  };
}

/** The API's answer, or an Error carrying its description. */
async function ask<T>(source: JetStreamSource, subject: string, body = ''): Promise<T> {
  const reply = (await source.request(subject, body)) as { error?: ApiError } & T;
  if (reply.error !== undefined) {
    throw new Error(`${subject}: ${reply.error.description} (${reply.error.err_code})`);
  }
  return reply;
}

/** Every page of a paged list ($JS.API.STREAM.LIST, CONSUMER.LIST). */
async function allPages<T>(source: JetStreamSource, subject: string, key: string): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await ask<Record<string, unknown> & { total: number }>(
      source,
      subject,
      JSON.stringify({ offset: items.length }),
    );
    const got = (page[key] as T[] | null | undefined) ?? [];
    items.push(...got);
    if (got.length === 0 || items.length >= page.total) return items;
  }
}

export function accountInfo(source: JetStreamSource): Promise<AccountInfo> {
  return ask<AccountInfo>(source, '$JS.API.INFO');
}

export function listStreams(source: JetStreamSource): Promise<StreamInfo[]> {
  return allPages<StreamInfo>(source, '$JS.API.STREAM.LIST', 'streams');
}

export function listConsumers(source: JetStreamSource, stream: string): Promise<ConsumerInfo[]> {
  return allPages<ConsumerInfo>(source, `$JS.API.CONSUMER.LIST.${stream}`, 'consumers');
}
