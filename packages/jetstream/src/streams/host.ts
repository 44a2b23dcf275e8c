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
 * buffers JetStream may keep (copies of the publisher's bytes), and may name
 * the connection the message came from (`origin`, the host's own token).
 */
export type HostHandler = (message: HostMessage, origin?: object) => void;

/**
 * nats-server's ClientInfo (events.go) of the client behind a request, as API
 * audit advisories carry it: Go's JSON names, in Go's order, empty ones left out.
 */
export interface ClientInfo {
  readonly start?: string;
  readonly host?: string;
  readonly id?: number;
  readonly acc?: string;
  readonly svc?: string;
  readonly user?: string;
  readonly name?: string;
  readonly lang?: string;
  readonly ver?: string;
  /** Nanoseconds. */
  readonly rtt?: number;
  readonly server?: string;
  readonly cluster?: string;
  readonly alts?: readonly string[];
  readonly stop?: string;
  readonly jwt?: string;
  readonly issuer_key?: string;
  readonly name_tag?: string;
  readonly tags?: readonly string[];
  readonly kind?: string;
  readonly client_type?: string;
  readonly client_id?: string;
  readonly nonce?: string;
}

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
  /**
   * The client a message came from (the `origin` its handler got), for API
   * audit advisories: nats-server gives `acc`, `rtt` (when measured) and
   * `server`. Without it they carry the account and the server name.
   */
  clientInfo?(origin: object | undefined): ClientInfo | undefined;
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
