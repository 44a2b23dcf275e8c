/**
 * Tells listeners when client interest changes: a subscription added or
 * removed. A peer that must know where messages are wanted (a stream storage
 * service behind the edge, as a route peer would) mirrors the server's client
 * subscriptions from it. Internal subscriptions are reported only when
 * announced (the server's own reply inboxes): the others are the peers' own.
 */
export type InterestListener = (subject: string, queue: string | undefined, delta: 1 | -1) => void;

export class InterestFeed {
  readonly #listeners = new Set<InterestListener>();

  /** One subscription came or went; costs one size check when nobody listens. */
  changed(subject: string, queue: string | undefined, delta: 1 | -1): void {
    if (this.#listeners.size === 0) return;
    for (const listener of this.#listeners) listener(subject, queue, delta);
  }

  /** Listens from now on; returns the function that stops it. */
  listen(listener: InterestListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
