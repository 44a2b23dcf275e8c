// How an edge reaches JetStream. The edge holds a JetStreamLink and never looks
// behind it: LocalLink runs the engine in this process; the RPC link (store
// services) implements the same interface.

import { ApiServer } from '../api-handlers/api-server.js';
import { JetStreamEngine, type JetStreamEngineOptions } from './engine.js';
import type { JetStreamHost } from './host.js';

export interface JetStreamLink {
  /** Serves $JS.API.> and stream capture through `host` until stop(). */
  start(host: JetStreamHost): Promise<void>;
  /** Stops serving; stores are closed (persistent ones keep their data). */
  stop(): Promise<void>;
}

export type LocalLinkOptions = JetStreamEngineOptions;

/** JetStream in the same process as the edge. */
export class LocalLink implements JetStreamLink {
  readonly engine: JetStreamEngine;
  readonly #api: ApiServer;

  constructor(options: LocalLinkOptions = {}) {
    this.engine = new JetStreamEngine(options);
    this.#api = new ApiServer(this.engine);
  }

  start(host: JetStreamHost): Promise<void> {
    this.#api.start(host);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.#api.stop();
    await this.engine.stop();
  }
}
