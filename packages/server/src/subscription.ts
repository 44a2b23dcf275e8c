import type { Subscription } from '@tsnats/router';

/** One message on its way to subscribers. Views are only valid during delivery. */
export interface Message {
  readonly subject: string;
  readonly reply: string | undefined;
  /** The raw NATS/1.0 header block, or undefined for a message without headers. */
  readonly headers: Uint8Array | undefined;
  readonly payload: Uint8Array;
}

/**
 * Who a subscription delivers to: a client connection, or an in-process
 * subscriber (JetStream, system services) that gets the message as a call.
 */
export interface Subscriber {
  /** Client id for connections; 0 for in-process subscribers. */
  readonly id: number;
  /** False once closed, so queue groups pick another member. */
  readonly open: boolean;
  /** Delivers; returns false when the message was not delivered (closed, echo off, denied). */
  deliver(sub: ServerSubscription, message: Message, origin: Subscriber | undefined): boolean;
  /** Whether `deliver` would refuse this message from `origin` outright (echo off). */
  refuses(origin: Subscriber | undefined): boolean;
}

export interface ServerSubscription extends Subscription {
  readonly subject: string;
  readonly queue: string | undefined;
  readonly sid: string;
  /** The sid as bytes, for frames encoded once per message (MessageFrame). */
  readonly sidBytes: Uint8Array;
  readonly subscriber: Subscriber;
  /** Auto-unsubscribe after this many messages; 0 for none. */
  max: number;
  delivered: number;
  closed: boolean;
}

export function newSubscription(
  subscriber: Subscriber,
  subject: string,
  queue: string | undefined,
  sid: string,
): ServerSubscription {
  const sidBytes = Buffer.from(sid);
  return { subject, queue, sid, sidBytes, subscriber, max: 0, delivered: 0, closed: false };
}
