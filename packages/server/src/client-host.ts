import type { ServerOptions } from '@tsnats/config';
import type { MatchResult, Sublist } from '@tsnats/router';
import type { Authenticator } from './auth/index.js';
import type { ClientConnection } from './client.js';
import type { ConnectionOrigin } from './connection-origin.js';
import type { InterestFeed } from './interest-feed.js';
import type { MessageFrame } from './frame.js';
import type { Logger } from './logger.js';
import type { Message, ServerSubscription, Subscriber } from './subscription.js';

/** What a client connection needs from its server; the server implements it. */
export interface ClientHost {
  readonly options: ServerOptions;
  readonly logger: Logger;
  readonly authenticator: Authenticator;
  readonly sublist: Sublist<ServerSubscription>;
  /** Where client subscription changes are reported. */
  readonly interest: InterestFeed;
  /** The INFO frame for one client. */
  infoFor(
    clientId: number,
    clientIp: string | undefined,
    nonce: string | undefined,
    kind: ConnectionOrigin['kind'],
  ): Uint8Array;
  /**
   * The frame of the message being routed, encoded once for all its recipients
   * (and only in the parts that differ from the previous message's); undefined
   * when it has none.
   */
  readonly sharedFrame: MessageFrame | undefined;
  /** Delivers to every match; true when at least one subscriber got it. */
  /** `matched`: the sublist's match for the subject, when the caller has it already. */
  route(
    message: Message,
    origin: Subscriber | undefined,
    deliverTo?: string,
    matched?: MatchResult<ServerSubscription>,
  ): boolean;
  /** The connection has frames to send; it is flushed at the end of this turn. */
  markDirty(client: ClientConnection): void;
  flushDirty(): void;
  countInbound(bytes: number): void;
  countSlowConsumer(): void;
  onClosed(client: ClientConnection): void;
}
