// How long store services take to answer, seen from the edge: from the moment
// the edge forwards a request (a message with a reply subject: a publish
// awaiting its ack, a JetStream API call, an ack awaiting its ackAck, a direct
// get) over a link until the store's first message to that reply subject. A
// histogram per store and operation, in a prom-client registry the edge's
// /metrics merges. Timing every request cost the edge a tenth of its time at
// full publish load (a map entry per request, a histogram update per ack), so
// one request per operation is timed at a time: all of them when requests
// wait on each other, about one per round trip under load.

import { Histogram, Registry } from 'prom-client';

/** A timed request not answered by then is given up (a pull that waits, a lost link). */
const GIVE_UP_MS = 30_000;

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

interface Timed {
  readonly reply: string;
  readonly operation: string;
  readonly start: number;
}

/** The requests one link is timing: at most one per operation. */
export class PendingRequests {
  readonly #observe: (operation: string, seconds: number) => void;
  readonly #timed: Timed[] = [];

  constructor(observe: (operation: string, seconds: number) => void) {
    this.#observe = observe;
  }

  get size(): number {
    return this.#timed.length;
  }

  forwarded(subject: string, reply: string): void {
    const operation = operationOf(subject);
    const timed = this.#timed;
    for (let i = 0; i < timed.length; i++) {
      if (timed[i].operation !== operation) continue;
      if (performance.now() - timed[i].start < GIVE_UP_MS) return;
      timed.splice(i, 1);
      break;
    }
    timed.push({ reply, operation, start: performance.now() });
  }

  /** The store sent a message to `subject`: the answer, when a timed request waits on it. */
  answered(subject: string): void {
    const timed = this.#timed;
    for (let i = 0; i < timed.length; i++) {
      if (timed[i].reply !== subject) continue;
      const { operation, start } = timed[i];
      timed.splice(i, 1);
      this.#observe(operation, (performance.now() - start) / 1000);
      return;
    }
  }

  clear(): void {
    this.#timed.length = 0;
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
    return new PendingRequests((operation, seconds) => {
      const key = `${store} ${operation}`;
      let observe = this.#children.get(key);
      if (observe === undefined) {
        const child = this.#histogram.labels({ store, operation });
        observe = (value) => {
          child.observe(value);
        };
        this.#children.set(key, observe);
      }
      observe(seconds);
    });
  }
}
