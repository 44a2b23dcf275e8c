import type { ClientConnection } from './client.js';

// nats-server keeps the last 10,000 closed connections for /connz?state=closed.
const DEFAULT_CAPACITY = 10_000;

/** The most recently closed connections, oldest dropped first. */
export class ClosedConnections {
  readonly #capacity: number;
  #entries: ClientConnection[] = [];

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  add(client: ClientConnection): void {
    this.#entries.push(client);
    // Trim in batches so a steady stream of closes does not shift the array each time.
    if (this.#entries.length > this.#capacity * 1.25) {
      this.#entries = this.#entries.slice(-this.#capacity);
    }
  }

  /** Oldest first, at most `capacity`. */
  list(): readonly ClientConnection[] {
    const entries = this.#entries;
    return entries.length > this.#capacity ? entries.slice(-this.#capacity) : entries;
  }

  get size(): number {
    return Math.min(this.#entries.length, this.#capacity);
  }
}
