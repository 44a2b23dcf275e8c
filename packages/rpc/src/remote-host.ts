// The store side of the links: JetStream's host when the clients are on edges
// in other processes. JetStream subscribes, publishes and asks about interest
// exactly as it does in the edge; this turns that into ops on every edge's
// link, the way a server treats a route peer: subscriptions go to every edge,
// a message goes to each edge that has interest in its subject.

import type { HostHandler, HostMessage, JetStreamHost } from '@tsnats/jetstream';
import { pickQueueMember, Sublist } from '@tsnats/router';
import { Batcher } from './batcher.js';
import { EdgeInterest } from './edge-interest.js';
import { fromMsg, toMsg } from './message.js';
import type { EdgeOp, StoreOp } from './protocol.js';

interface StoreSubscription {
  readonly id: number;
  readonly subject: string;
  readonly queue: string | undefined;
  readonly handler: HostHandler;
  closed: boolean;
}

/** One edge's link as the store sees it. */
export class EdgeSession {
  readonly interest = new EdgeInterest();
  edgeId = '';
  serverName = '';
  readonly #out: Batcher<StoreOp>;

  constructor(send: (ops: StoreOp[]) => void) {
    this.#out = new Batcher(send);
  }

  send(op: StoreOp): void {
    this.#out.push(op);
  }

  close(): void {
    this.#out.clear();
  }
}

export interface RemoteHostOptions {
  readonly serverName: string;
  /** Names reply subjects of requests made through request(); unique per store. */
  readonly storeId: string;
}

export class RemoteHost implements JetStreamHost {
  readonly serverName: string;
  readonly #storeId: string;
  readonly #subs = new Map<number, StoreSubscription>();
  /** The store's own subscriptions, for what it publishes to itself and for request(). */
  readonly #local = new Sublist<StoreSubscription>();
  readonly #sessions = new Set<EdgeSession>();
  readonly #replies = new Map<string, (message: HostMessage) => void>();
  #nextSub = 1;
  #nextReply = 1;

  constructor(options: RemoteHostOptions) {
    this.serverName = options.serverName;
    this.#storeId = options.storeId;
  }

  get edges(): number {
    return this.#sessions.size;
  }

  /** A new link: it gets every current subscription, then every change. */
  attach(session: EdgeSession): void {
    this.#sessions.add(session);
    for (const sub of this.#subs.values()) session.send(subscribeOp(sub));
  }

  detach(session: EdgeSession): void {
    this.#sessions.delete(session);
    session.close();
  }

  /** Applies one frame's ops from `session`, in order. */
  receive(session: EdgeSession, ops: readonly EdgeOp[]): void {
    for (const op of ops) {
      if (op.deliver != null) {
        const sub = this.#subs.get(op.deliver.sub ?? 0);
        if (sub !== undefined && !sub.closed) sub.handler(fromMsg(op.deliver.msg));
      } else if (op.interest != null) {
        const { subject, queue, delta } = op.interest;
        session.interest.change(subject ?? '', queue ?? '', delta ?? 0);
      } else if (op.hello != null) {
        session.edgeId = op.hello.edgeId ?? '';
        session.serverName = op.hello.serverName ?? '';
      }
    }
  }

  subscribe(subject: string, handler: HostHandler, queue?: string): () => void {
    const sub: StoreSubscription = {
      id: this.#nextSub++,
      subject,
      queue: queue === '' ? undefined : queue,
      handler,
      closed: false,
    };
    this.#local.insert(sub);
    this.#subs.set(sub.id, sub);
    for (const session of this.#sessions) session.send(subscribeOp(sub));
    return () => {
      if (sub.closed) return;
      sub.closed = true;
      this.#local.remove(sub);
      this.#subs.delete(sub.id);
      for (const session of this.#sessions) session.send({ unsubscribe: sub.id });
    };
  }

  publish(message: HostMessage): void {
    this.#route(message, message.subject, false);
  }

  deliver(deliverTo: string, message: HostMessage): void {
    this.#route(message, deliverTo, true);
  }

  hasInterest(subject: string): boolean {
    if (this.#replies.has(subject)) return true;
    return this.edgeInterest(subject) || this.#local.hasInterest(subject);
  }

  /** Whether a client on some edge is subscribed to `subject`. */
  edgeInterest(subject: string): boolean {
    for (const session of this.#sessions) if (session.interest.has(subject)) return true;
    return false;
  }

  /**
   * Sends a request to the store's own subscriptions (the Api RPC) and resolves
   * the reply, or undefined when none came within `timeoutMs`, or at once when
   * nothing here subscribes to `subject` (a standby store, no stream on it).
   */
  request(
    subject: string,
    payload: Uint8Array,
    timeoutMs: number,
    headers?: Uint8Array,
  ): Promise<HostMessage | undefined> {
    if (!this.#local.hasInterest(subject)) return Promise.resolve(undefined);
    const reply = `_INBOX.rpc.${this.#storeId}.${this.#nextReply++}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#replies.delete(reply);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      this.#replies.set(reply, (message) => {
        clearTimeout(timer);
        this.#replies.delete(reply);
        resolve(message);
      });
      this.#deliverLocally({ subject, reply, headers, payload }, subject);
    });
  }

  #route(message: HostMessage, target: string, keepSubject: boolean): void {
    // Hashing every (one-off) reply subject costs when no Api call waits.
    const waiting = this.#replies.size === 0 ? undefined : this.#replies.get(target);
    if (waiting !== undefined) {
      waiting(message);
      return;
    }
    let op: StoreOp | undefined;
    for (const session of this.#sessions) {
      if (!session.interest.has(target)) continue;
      op ??= keepSubject
        ? { deliver: { deliverTo: target, msg: toMsg(message) } }
        : { publish: toMsg(message) };
      session.send(op);
    }
    this.#deliverLocally(message, target);
  }

  #deliverLocally(message: HostMessage, target: string): void {
    const result = this.#local.match(target);
    for (const sub of result.plain) sub.handler(message);
    for (const group of result.queue) {
      const member = pickQueueMember(group, (sub) => !sub.closed);
      member?.handler(message);
    }
  }
}

function subscribeOp(sub: StoreSubscription): StoreOp {
  return { subscribe: { sub: sub.id, subject: sub.subject, queue: sub.queue ?? '' } };
}
