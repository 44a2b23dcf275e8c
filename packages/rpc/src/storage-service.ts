// A stream storage service: JetStream (streams, consumers, the $JS.API
// handlers) on a RemoteHost, served to edges by the StorageServer. apps/store
// composes it with its command line, storage choice and health endpoint; tests
// run it in-process.

import { randomUUID } from 'node:crypto';
import {
  LocalLink,
  recoverFileStreams,
  silentJetStreamLogger,
  type JetStreamEngine,
  type LocalLinkOptions,
} from '@tsnats/jetstream';
import { RemoteHost } from './remote-host.js';
import { StorageServer } from './storage-server.js';

export interface StorageServiceOptions extends LocalLinkOptions {
  /** host:port to serve on; port 0 picks a free one. */
  readonly listen: string;
  readonly serverName: string;
  /** Where file streams found at start are recovered from (streamsDirectory(store_dir)). */
  readonly recoverFrom?: string;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const RECOVERY_TIMEOUT_MS = 30_000;

export class StorageService {
  readonly host: RemoteHost;
  readonly engine: JetStreamEngine;
  readonly #link: LocalLink;
  readonly #server: StorageServer;

  private constructor(host: RemoteHost, link: LocalLink, server: StorageServer) {
    this.host = host;
    this.#link = link;
    this.engine = link.engine;
    this.#server = server;
  }

  get port(): number {
    return this.#server.port;
  }

  static async start(options: StorageServiceOptions): Promise<StorageService> {
    const storeId = randomUUID();
    const host = new RemoteHost({ serverName: options.serverName, storeId });
    const link = new LocalLink(options);
    await link.start(host);
    if (options.recoverFrom !== undefined) {
      await recoverFileStreams(
        async (subject, body) => {
          const reply = await host.request(subject, encoder.encode(body), RECOVERY_TIMEOUT_MS);
          if (reply === undefined) throw new Error(`no reply to ${subject}`);
          return JSON.parse(decoder.decode(reply.payload)) as unknown;
        },
        options.recoverFrom,
        '$JS.API',
        options.logger ?? silentJetStreamLogger,
      );
    }
    let server: StorageServer;
    try {
      server = await StorageServer.listen(options.listen, {
        host,
        storeId,
        serverName: options.serverName,
        streams: () => link.engine.streams().length,
      });
    } catch (error) {
      await link.stop();
      throw error;
    }
    return new StorageService(host, link, server);
  }

  /** Ends the edges' links, then stops JetStream (file streams keep their data). */
  async stop(): Promise<void> {
    await this.#server.stop();
    await this.#link.stop();
  }
}
