import type { HostMessage, JetStreamHost } from '@tsnats/jetstream';

/** Names the peer a message came from; routing hands it back to internal subscribers. */
export type PeerOrigin = object;

export type EdgeHandler = (message: HostMessage, origin: PeerOrigin | undefined) => void;

/** A client subscription came (+1) or went (-1). */
export type InterestListener = (subject: string, queue: string | undefined, delta: 1 | -1) => void;

/**
 * What the edge's link to store services needs from the edge's routing: the
 * JetStream host, plus where messages come from (so what a store published is
 * not sent back to it) and the clients' interest (so a store knows where
 * messages are wanted, as a route peer does).
 */
export interface EdgeHost extends JetStreamHost {
  /** The server id: tells the edge apart at the stores. */
  readonly serverId: string;
  publish(message: HostMessage, origin?: PeerOrigin): void;
  deliver(deliverTo: string, message: HostMessage, origin?: PeerOrigin): void;
  subscribe(subject: string, handler: EdgeHandler, queue?: string): () => void;
  /** Every current client subscription (+1 each), then every change, until the returned function is called. */
  watchInterest(listener: InterestListener): () => void;
  /** A new origin token for one peer. */
  newOrigin(): PeerOrigin;
}
