// A stream storage service: JetStream (streams, consumers, the $JS.API
// handlers) on a RemoteHost, served to edges by the StorageServer. JetStream
// can start and stop while the listener stays: a standby store accepts the
// edges' links with no subscriptions, and once it becomes active the streams'
// subscriptions reach the edges over the links they already have. apps/store
// composes it with its command line, storage choice and health endpoint; tests
// run it in-process with start().

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
const REQUEST_TIMEOUT_MS = 30_000;

export class StorageService {
  readonly host: RemoteHost;
  readonly #server: StorageServer;
  #link: LocalLink | undefined;

  private constructor(host: RemoteHost, server: StorageServer) {
    this.host = host;
    this.#server = server;
  }

  /** Listens on `listen` (host:port, port 0 picks one) with no JetStream yet. */
  static async listen(listen: string, serverName: string): Promise<StorageService> {
    const storeId = randomUUID();
    const host = new RemoteHost({ serverName, storeId });
    // Health asks how many streams there are: the service made below knows.
    const made: { service?: StorageService } = {};
    const server = await StorageServer.listen(listen, {
      host,
      storeId,
      serverName,
      streams: () => made.service?.engine?.streams().length ?? 0,
    });
    made.service = new StorageService(host, server);
    return made.service;
  }

  /** Listens and runs JetStream at once, recovering file streams when asked. */
  static async start(options: StorageServiceOptions): Promise<StorageService> {
    const service = await StorageService.listen(options.listen, options.serverName);
    try {
      await service.activate(options);
      if (options.recoverFrom !== undefined) {
        await recoverFileStreams(
          (subject, body) => service.request(subject, body),
          options.recoverFrom,
          '$JS.API',
          options.logger ?? silentJetStreamLogger,
        );
      }
    } catch (error) {
      await service.stop();
      throw error;
    }
    return service;
  }

  get port(): number {
    return this.#server.port;
  }

  get engine(): JetStreamEngine | undefined {
    return this.#link?.engine;
  }

  get active(): boolean {
    return this.#link !== undefined;
  }

  /** Starts JetStream: its subscriptions go to every linked edge. */
  async activate(options: LocalLinkOptions): Promise<void> {
    if (this.#link !== undefined) throw new Error('JetStream is already running');
    const link = new LocalLink(options);
    await link.start(this.host);
    this.#link = link;
  }

  /** Stops JetStream (file streams keep their data); the edges' links stay, without subscriptions. */
  async deactivate(): Promise<void> {
    const link = this.#link;
    this.#link = undefined;
    await link?.stop();
  }

  /** One JetStream API request through the host (recovery), its JSON reply parsed. */
  async request(subject: string, body: string): Promise<unknown> {
    const reply = await this.host.request(subject, encoder.encode(body), REQUEST_TIMEOUT_MS);
    if (reply === undefined) throw new Error(`no reply to ${subject}`);
    return JSON.parse(decoder.decode(reply.payload)) as unknown;
  }

  /** Ends the edges' links and stops listening, then stops JetStream. */
  async stop(): Promise<void> {
    await this.#server.stop();
    await this.deactivate();
  }
}
