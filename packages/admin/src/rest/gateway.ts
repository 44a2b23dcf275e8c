// The REST API reaches JetStream only through a JetStreamGateway: request-reply
// on NATS subjects. An edge answers from its own routing (serverGateway below),
// a standalone admin service from a NATS connection, and the routes cannot tell
// which one they have, nor whether JetStream runs in this process.

import { MsgHeaders } from '@tsnats/codec';
import { requestInternal, type NatsServer } from '@tsnats/server';

/** The first reply to a request. */
export interface GatewayReply {
  /** The reply's headers (first value of each key); undefined when it had none. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly payload: Uint8Array;
}

export interface JetStreamGateway {
  /**
   * Publishes `payload` (with `headers`, when given) to `subject` with a fresh
   * reply subject and resolves the first reply, or undefined when nobody
   * answers in time: $JS.API.* JSON requests, and publishes to stream subjects
   * whose reply is the publish ack.
   */
  request(
    subject: string,
    payload: Uint8Array,
    headers?: Readonly<Record<string, string>>,
  ): Promise<GatewayReply | undefined>;
}

export interface ServerGatewayOptions {
  /** How long to wait for a reply; default 5000 ms. */
  timeoutMs?: number;
}

/** A header record as a NATS/1.0 block (what a request carries). */
export function encodeHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Uint8Array | undefined {
  if (headers === undefined) return undefined;
  const block = new MsgHeaders();
  for (const [key, value] of Object.entries(headers)) block.set(key, value);
  return block.encode();
}

/** A NATS/1.0 block as a record of each key's first value. */
export function decodeHeaders(block: Uint8Array | undefined): Record<string, string> | undefined {
  if (block === undefined) return undefined;
  const decoded = MsgHeaders.decode(block);
  const headers: Record<string, string> = {};
  for (const [key, value] of decoded.entries()) headers[key] ??= value;
  return headers;
}

/** Requests sent from inside `server` (no connection), replies taken on an internal inbox. */
export function serverGateway(
  server: NatsServer,
  options: ServerGatewayOptions = {},
): JetStreamGateway {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async request(subject, payload, headers) {
      // Nobody to answer (JetStream off, no stream on the subject): no point waiting.
      if (!server.sublist.hasInterest(subject)) return undefined;
      const reply = await requestInternal(
        server,
        subject,
        payload,
        encodeHeaders(headers),
        timeoutMs,
      );
      return reply === undefined
        ? undefined
        : { headers: decodeHeaders(reply.headers), payload: reply.payload };
    },
  };
}
