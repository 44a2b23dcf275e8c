// JetStream for an edge whose streams live in store services: the
// JetStreamLink the edge holds in split mode. The edge keeps no stream state;
// every store's subscriptions (stream subjects, $JS.API, acks, direct gets)
// are served through the edge's routing and forwarded over the link. While
// no store serves the API the edge answers it as nats-server does without a
// leader (unavailable-api.ts).

import type { JetStreamLink, JetStreamLogger } from '@tsnats/jetstream';
import type { EdgeHost } from './edge-host.js';
import { LinkMetrics } from './link-metrics.js';
import { StoreConnection } from './store-connection.js';
import { answerUnavailable } from './unavailable-api.js';

export interface RpcLinkOptions {
  /** host:port of each store service. */
  readonly addresses: readonly string[];
  readonly logger?: JetStreamLogger;
  /** Where the stores' answer times go (default: a registry of the link's own). */
  readonly metrics?: LinkMetrics;
}

export class RpcLink implements JetStreamLink {
  readonly #options: RpcLinkOptions;
  /** The stores' answer times, for the edge's /metrics. */
  readonly metrics: LinkMetrics;
  #connections: StoreConnection[] = [];
  #host: EdgeHost | undefined;
  /** Stops the edge's own answers; set while no store serves the API. */
  #stopAnswering: (() => void) | undefined;

  constructor(options: RpcLinkOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? new LinkMetrics();
  }

  /** The connections to the stores (status for monitoring and tests). */
  get connections(): readonly StoreConnection[] {
    return this.#connections;
  }

  /** Resolves once every store was tried once; unreachable ones keep being retried. */
  async start(host: EdgeHost): Promise<void> {
    this.#host = host;
    this.#connections = this.#options.addresses.map(
      (address) =>
        new StoreConnection({
          address,
          host,
          logger: this.#options.logger,
          pending: this.metrics.forStore(address),
          onServesApiChange: () => {
            this.#answerWhileUnserved();
          },
        }),
    );
    this.#answerWhileUnserved();
    await Promise.all(this.#connections.map((connection) => connection.start()));
  }

  stop(): Promise<void> {
    this.#host = undefined;
    for (const connection of this.#connections) connection.stop();
    this.#connections = [];
    this.#stopAnswering?.();
    this.#stopAnswering = undefined;
    return Promise.resolve();
  }

  #answerWhileUnserved(): void {
    const host = this.#host;
    if (host === undefined) return;
    const served = this.#connections.some((connection) => connection.servesApi);
    if (served && this.#stopAnswering !== undefined) {
      this.#stopAnswering();
      this.#stopAnswering = undefined;
    } else if (!served && this.#stopAnswering === undefined) {
      this.#stopAnswering = answerUnavailable(host);
    }
  }
}
