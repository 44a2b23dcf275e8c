// How long store services take to answer, seen from the edge: from the moment
// the edge forwards a request (a message with a reply subject: a publish
// awaiting its ack, a JetStream API call, an ack awaiting its ackAck, a direct
// get) over a link until the store's first message to that reply subject. A
// histogram per store and operation, in a prom-client registry the edge's
// /metrics merges. Requests that get no answer (a lost link, a pull that
// waits) are forgotten when the link goes, or when too many pile up.

import { Histogram, Registry } from 'prom-client';

/** Past this many unanswered requests on one link, the oldest are forgotten. */
const MAX_PENDING = 10_000;

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The JetStream API operations named in the `operation` label (others are 'other'). */
const API_OPERATIONS = new Set([
  'INFO',
  'STREAM.CREATE',
  'STREAM.UPDATE',
  'STREAM.NAMES',
  'STREAM.LIST',
  'STREAM.INFO',
  'STREAM.DELETE',
  'STREAM.PURGE',
  'STREAM.MSG.GET',
  'STREAM.MSG.DELETE',
  'CONSUMER.CREATE',
  'CONSUMER.DURABLE.CREATE',
  'CONSUMER.DELETE',
  'CONSUMER.INFO',
  'CONSUMER.NAMES',
  'CONSUMER.LIST',
  'CONSUMER.MSG.NEXT',
  'DIRECT.GET',
]);

/** The `operation` label of a request on `subject`: bounded, whatever clients send. */
export function operationOf(subject: string): string {
  if (subject.startsWith('$JS.ACK.')) return 'ack';
  if (!subject.startsWith('$JS.API.')) return 'publish';
  const tokens = subject.split('.');
  for (const length of [3, 2, 1]) {
    const name = tokens.slice(2, 2 + length).join('.');
    if (API_OPERATIONS.has(name)) return name;
  }
  return 'other';
}

type Observe = (seconds: number) => void;

/** The requests one link has forwarded and not yet seen answered. */
export class PendingRequests {
  readonly #observer: (operation: string) => Observe;
  /** reply subject → when it was forwarded (ms) and where to record the answer */
  readonly #pending = new Map<string, { start: number; observe: Observe }>();

  constructor(observer: (operation: string) => Observe) {
    this.#observer = observer;
  }

  get size(): number {
    return this.#pending.size;
  }

  forwarded(subject: string, reply: string): void {
    if (this.#pending.size >= MAX_PENDING) {
      // Map order is insertion order: the first keys are the oldest.
      for (const key of this.#pending.keys()) {
        this.#pending.delete(key);
        if (this.#pending.size < MAX_PENDING / 2) break;
      }
    }
    this.#pending.set(reply, { start: performance.now(), observe: this.#observer(subject) });
  }

  /** The store sent a message to `subject`: the answer, when a request waits on it. */
  answered(subject: string): void {
    const request = this.#pending.get(subject);
    if (request === undefined) return;
    this.#pending.delete(subject);
    request.observe((performance.now() - request.start) / 1000);
  }

  clear(): void {
    this.#pending.clear();
  }
}

export class LinkMetrics {
  readonly registry: Registry;
  readonly #histogram: Histogram<'store' | 'operation'>;
  /** `store operation` → the bound histogram child. */
  readonly #children = new Map<string, Observe>();

  constructor(registry = new Registry()) {
    this.registry = registry;
    this.#histogram = new Histogram({
      name: 'tsnats_rpc_request_duration_seconds',
      help: 'Time from the edge forwarding a request to a store service until its first answer, by store and operation',
      labelNames: ['store', 'operation'],
      buckets: BUCKETS,
      registers: [registry],
    });
  }

  /** The pending requests of the link to `store` (host:port). */
  forStore(store: string): PendingRequests {
    return new PendingRequests((subject) => {
      const operation = operationOf(subject);
      const key = `${store} ${operation}`;
      let observe = this.#children.get(key);
      if (observe === undefined) {
        const child = this.#histogram.labels({ store, operation });
        observe = (seconds) => {
          child.observe(seconds);
        };
        this.#children.set(key, observe);
      }
      return observe;
    });
  }
}
