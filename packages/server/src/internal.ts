import type { Message, ServerSubscription, Subscriber } from './subscription.js';
import { newSubscription } from './subscription.js';

/** The payload of every empty message handed over (a zero-length view cannot be written to). */
const EMPTY = new Uint8Array(0);

/** What an in-process subscriber is handed; the views are copied, so it may keep them. */
export type InternalHandler = (message: Message, origin: Subscriber | undefined) => void;

/**
 * An in-process subscriber (JetStream's API and stream capture, system
 * services): messages arrive as calls instead of frames. Payload and headers are
 * copied out of the publisher's read buffer, which is reused after delivery.
 */
export class InternalSubscriber implements Subscriber {
  readonly id = 0;
  open = true;
  readonly #handler: InternalHandler;

  constructor(handler: InternalHandler) {
    this.#handler = handler;
  }

  refuses(): boolean {
    return false;
  }

  deliver(sub: ServerSubscription, message: Message, origin: Subscriber | undefined): boolean {
    if (!this.open || sub.closed) return false;
    sub.delivered++;
    this.#handler(
      {
        subject: message.subject,
        reply: message.reply,
        headers: message.headers === undefined ? undefined : message.headers.slice(),
        // Acks and requests are often empty: nothing to copy, nothing to allocate.
        payload: message.payload.length === 0 ? EMPTY : message.payload.slice(),
      },
      origin,
    );
    return true;
  }

  subscription(subject: string, queue: string | undefined): ServerSubscription {
    return newSubscription(this, subject, queue, '');
  }
}
