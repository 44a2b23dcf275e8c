// What JetStream needs from message routing. @tsnats/jetstream never imports the
// server: the edge (or a store service, later) implements this small interface
// with its own routing, so a stream is "a subscriber like any other".

/** A message as routing delivers it and as JetStream publishes it. */
export interface HostMessage {
  readonly subject: string;
  readonly reply: string | undefined;
  /** The raw `NATS/1.0` header block, or undefined. */
  readonly headers: Uint8Array | undefined;
  readonly payload: Uint8Array;
}

/**
 * A handler of messages routed to a JetStream subscription. The host passes
 * buffers JetStream may keep (copies of the publisher's bytes).
 */
export type HostHandler = (message: HostMessage) => void;

export interface JetStreamHost {
  /** Routes a message as if a client had published it (acks, API replies, direct gets). */
  publish(message: HostMessage): void;
  /** Registers interest in `subject` (wildcards allowed); returns the unsubscribe function. */
  subscribe(subject: string, handler: HostHandler, queue?: string): () => void;
  /**
   * Routes `message` to the subscribers of `deliverTo`, keeping its own subject
   * (consumer deliveries: the stored subject, to the request's or deliver subject).
   * Without it, JetStream publishes to `deliverTo` instead.
   */
  deliver?(deliverTo: string, message: HostMessage): void;
  /** Whether anyone is subscribed to `subject` (push consumers, pull requests); default: yes. */
  hasInterest?(subject: string): boolean;
  /** The server's name: reported as the stream leader in stream infos. */
  readonly serverName?: string;
}

/** Where JetStream logs (the edge passes its logger). */
export interface JetStreamLogger {
  notice(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentJetStreamLogger: JetStreamLogger = {
  notice: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
