// A minimal EdgeHost for the link's tests: a sublist of in-process
// subscribers, client interest set by hand, and a log of what was routed.

import type { HostMessage } from '@tsnats/jetstream';
import { Sublist } from '@tsnats/router';
import type { EdgeHandler, EdgeHost, InterestListener, PeerOrigin } from './edge-host.js';

interface Sub {
  readonly subject: string;
  readonly queue: string | undefined;
  readonly handler: EdgeHandler;
}

export class FakeEdge implements EdgeHost {
  readonly serverId = `EDGE${Math.random().toString(36).slice(2)}`;
  readonly serverName = 'fake-edge';
  readonly #subs = new Sublist<Sub>();
  readonly #all = new Set<Sub>();
  readonly #interest = new Map<string, number>();
  readonly #watchers = new Set<InterestListener>();

  /** A client subscribes: the link reports it to the stores. */
  clientSubscribe(subject: string, handler: (message: HostMessage) => void): () => void {
    const unsubscribe = this.subscribe(subject, (message) => {
      handler(message);
    });
    this.#interest.set(subject, (this.#interest.get(subject) ?? 0) + 1);
    for (const watcher of this.#watchers) watcher(subject, undefined, 1);
    return () => {
      unsubscribe();
      this.#interest.set(subject, (this.#interest.get(subject) ?? 1) - 1);
      for (const watcher of this.#watchers) watcher(subject, undefined, -1);
    };
  }

  /** A client publishes. */
  clientPublish(subject: string, payload: string, reply?: string): void {
    this.publish({
      subject,
      reply,
      headers: undefined,
      payload: new TextEncoder().encode(payload),
    });
  }

  /** How many internal subscriptions there are, but the link's own $JS.API answers. */
  get subscriptions(): number {
    let count = 0;
    for (const sub of this.#all) if (!sub.subject.startsWith('$JS.API.')) count++;
    return count;
  }

  publish(message: HostMessage, origin?: PeerOrigin): void {
    this.deliver(message.subject, message, origin);
  }

  deliver(deliverTo: string, message: HostMessage, origin?: PeerOrigin): void {
    const result = this.#subs.match(deliverTo);
    for (const sub of result.plain) sub.handler(message, origin);
    for (const group of result.queue) group[0]?.handler(message, origin);
  }

  subscribe(subject: string, handler: EdgeHandler, queue?: string): () => void {
    const sub: Sub = { subject, queue, handler };
    this.#subs.insert(sub);
    this.#all.add(sub);
    return () => {
      this.#subs.remove(sub);
      this.#all.delete(sub);
    };
  }

  hasInterest(subject: string): boolean {
    return this.#subs.hasInterest(subject);
  }

  watchInterest(listener: InterestListener): () => void {
    for (const [subject, count] of this.#interest) {
      for (let i = 0; i < count; i++) listener(subject, undefined, 1);
    }
    this.#watchers.add(listener);
    return () => {
      this.#watchers.delete(listener);
    };
  }

  newOrigin(): PeerOrigin {
    return {};
  }
}
