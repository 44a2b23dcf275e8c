// Request-reply from inside the server: the request is published as a client's
// would be, and the reply comes back to an internal inbox subscription. The
// edge uses it to reach JetStream's API without knowing which link serves it
// (stream recovery, the monitoring pages, the REST admin API).
import { randomBytes } from 'node:crypto';
import type { Message } from './subscription.js';
import type { NatsServer } from './server.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Publishes `payload` (with the raw `headers` block, if any) to `subject` and
 * resolves the first reply, or undefined when none came within `timeoutMs`.
 */
export function requestInternal(
  server: NatsServer,
  subject: string,
  payload: Uint8Array,
  headers: Uint8Array | undefined,
  timeoutMs: number,
): Promise<Message | undefined> {
  const inbox = `_INBOX.tsnats.internal.${randomBytes(12).toString('hex')}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, timeoutMs);
    // Announced, so that a store service answering for a split edge knows the
    // inbox is wanted here.
    const unsubscribe = server.subscribeInternal(
      inbox,
      (message) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(message);
      },
      undefined,
      { announce: true },
    );
    server.publish({ subject, reply: inbox, headers, payload });
  });
}

/** Sends `body` to `subject` and resolves with the JSON reply; rejects after `timeoutMs`. */
export async function internalRequest(
  server: NatsServer,
  subject: string,
  body: string,
  timeoutMs = 10_000,
): Promise<unknown> {
  const reply = await requestInternal(server, subject, encoder.encode(body), undefined, timeoutMs);
  if (reply === undefined) throw new Error(`no reply to ${subject}`);
  return JSON.parse(decoder.decode(reply.payload));
}
