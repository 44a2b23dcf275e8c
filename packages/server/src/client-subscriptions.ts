import { InvalidSubjectError, type Sublist } from '@tsnats/router';
import type { InterestFeed } from './interest-feed.js';
import { newSubscription, type ServerSubscription, type Subscriber } from './subscription.js';

/**
 * One connection's subscriptions by sid, kept in step with the server's
 * sublist. Permission and limit checks stay with the connection, which knows
 * what to answer; this keeps the two indexes consistent.
 */
export class ClientSubscriptions {
  readonly #owner: Subscriber;
  readonly #sublist: Sublist<ServerSubscription>;
  readonly #bySid = new Map<string, ServerSubscription>();
  readonly #feed: InterestFeed | undefined;

  constructor(owner: Subscriber, sublist: Sublist<ServerSubscription>, feed?: InterestFeed) {
    this.#owner = owner;
    this.#sublist = sublist;
    this.#feed = feed;
  }

  get size(): number {
    return this.#bySid.size;
  }

  values(): IterableIterator<ServerSubscription> {
    return this.#bySid.values();
  }

  /**
   * Subscribes; a sid already in use keeps its subscription, as nats-server does.
   * Returns false for a subject the sublist refuses ('Invalid Subject').
   */
  add(subject: string, queue: string | undefined, sid: string): boolean {
    if (this.#bySid.has(sid)) return true;
    const sub = newSubscription(this.#owner, subject, queue, sid);
    try {
      this.#sublist.insert(sub);
    } catch (error) {
      if (!(error instanceof InvalidSubjectError)) throw error;
      return false;
    }
    this.#bySid.set(sid, sub);
    this.#feed?.changed(subject, queue, 1);
    return true;
  }

  /** UNSUB: now, or after `max` messages in all when that is still ahead. */
  unsubscribe(sid: string, max: number | undefined): void {
    const sub = this.#bySid.get(sid);
    if (sub === undefined) return;
    if (max !== undefined && max > 0 && max > sub.delivered) sub.max = max;
    else this.remove(sub);
  }

  remove(sub: ServerSubscription): void {
    sub.closed = true;
    this.#bySid.delete(sub.sid);
    this.#sublist.remove(sub);
    this.#feed?.changed(sub.subject, sub.queue, -1);
  }

  /** Removes the subscriptions `allowed` refuses; returns them in the order they were made. */
  removeUnless(allowed: (sub: ServerSubscription) => boolean): ServerSubscription[] {
    const removed = [...this.#bySid.values()].filter((sub) => !allowed(sub));
    for (const sub of removed) this.remove(sub);
    return removed;
  }

  /** On close: out of the sublist, but still listed (/connz shows a closed connection's subs). */
  detachAll(): void {
    for (const sub of this.#bySid.values()) {
      sub.closed = true;
      this.#sublist.remove(sub);
      this.#feed?.changed(sub.subject, sub.queue, -1);
    }
  }
}
