// The gRPC listener for edges and the JetStream that runs behind it. Unlike
// @tsnats/rpc's StorageService, JetStream can start and stop while the
// listener stays: a standby accepts the edges' links but has no
// subscriptions, and once it becomes active the streams' subscriptions reach
// the edges over the links they already have.

import { randomUUID } from 'node:crypto';
import { LocalLink, type JetStreamEngine, type LocalLinkOptions } from '@tsnats/jetstream';
import { RemoteHost, StorageServer } from '@tsnats/rpc';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const REQUEST_TIMEOUT_MS = 30_000;

export class StoreService {
  readonly host: RemoteHost;
  readonly #server: StorageServer;
  #link: LocalLink | undefined;

  private constructor(host: RemoteHost, server: StorageServer) {
    this.host = host;
    this.#server = server;
  }

  /** Listens on `listen` (host:port, port 0 picks one) with no JetStream yet. */
  static async listen(listen: string, serverName: string): Promise<StoreService> {
    const storeId = randomUUID();
    const host = new RemoteHost({ serverName, storeId });
    // Health asks how many streams there are: the service made below knows.
    const made: { service?: StoreService } = {};
    const server = await StorageServer.listen(listen, {
      host,
      storeId,
      serverName,
      streams: () => made.service?.engine?.streams().length ?? 0,
    });
    made.service = new StoreService(host, server);
    return made.service;
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

  /** Stops JetStream; the edges' links stay, without subscriptions. */
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
