import type { ConnectOptions, ServerInfo } from './json.js';

/**
 * Who is on the other end of the connection decides which ops are legal and
 * how HMSG's arguments read, exactly as nats-server's `c.kind` does:
 * - `client`: we are a server reading a client (CONNECT PUB HPUB SUB UNSUB ...).
 * - `server`: we are a client reading a server (INFO MSG HMSG +OK -ERR ...).
 * - `route`: a server-to-server link (routes and gateways: RS+ RS- RMSG LS+ LS- A+ A-).
 */
export type PeerKind = 'client' | 'server' | 'route';

export interface InfoOp {
  readonly kind: 'INFO';
  readonly info: ServerInfo;
}
export interface ConnectOp {
  readonly kind: 'CONNECT';
  readonly options: ConnectOptions;
}
export interface PubOp {
  readonly kind: 'PUB';
  readonly subject: string;
  readonly reply: string | undefined;
  readonly payload: Uint8Array;
}
export interface HpubOp {
  readonly kind: 'HPUB';
  readonly subject: string;
  readonly reply: string | undefined;
  /** The raw header block, `NATS/1.0...\r\n\r\n`; decode with `MsgHeaders.decode`. */
  readonly headers: Uint8Array;
  readonly payload: Uint8Array;
}
export interface SubOp {
  readonly kind: 'SUB';
  readonly subject: string;
  readonly queue: string | undefined;
  readonly sid: string;
}
export interface UnsubOp {
  readonly kind: 'UNSUB';
  readonly sid: string;
  /** Auto-unsubscribe after this many messages; absent means now. */
  readonly max: number | undefined;
}
export interface MsgOp {
  readonly kind: 'MSG';
  readonly subject: string;
  readonly sid: string;
  readonly reply: string | undefined;
  readonly payload: Uint8Array;
}
export interface HmsgOp {
  readonly kind: 'HMSG';
  readonly subject: string;
  readonly sid: string;
  readonly reply: string | undefined;
  readonly headers: Uint8Array;
  readonly payload: Uint8Array;
}
/**
 * A message between servers. On the wire it is `RMSG` without headers and
 * `HMSG <account> ...` with them; both arrive as this one kind so a route
 * handler has a single message path.
 */
export interface RmsgOp {
  readonly kind: 'RMSG';
  readonly account: string;
  readonly subject: string;
  readonly reply: string | undefined;
  /** Queue groups the sender picked this server for; empty for plain interest. */
  readonly queues: readonly string[];
  readonly headers: Uint8Array | undefined;
  readonly payload: Uint8Array;
}
export interface RouteSubOp {
  readonly kind: 'RS+';
  readonly account: string;
  readonly subject: string;
  readonly queue: string | undefined;
  /** Queue weight: how many members the remote has; set when queue is. */
  readonly weight: number | undefined;
}
export interface RouteUnsubOp {
  readonly kind: 'RS-';
  readonly account: string;
  readonly subject: string;
  readonly queue: string | undefined;
}
/** Interest of a leaf node, forwarded over a route with the origin cluster. */
export interface LeafSubOp {
  readonly kind: 'LS+';
  readonly origin: string;
  readonly account: string;
  readonly subject: string;
  readonly queue: string | undefined;
  readonly weight: number | undefined;
}
export interface LeafUnsubOp {
  readonly kind: 'LS-';
  readonly origin: string;
  readonly account: string;
  readonly subject: string;
  readonly queue: string | undefined;
}
/** Gateway account interest (interest-only mode switch per account). */
export interface AccountSubOp {
  readonly kind: 'A+';
  readonly account: string;
}
export interface AccountUnsubOp {
  readonly kind: 'A-';
  readonly account: string;
}
export interface PingOp {
  readonly kind: 'PING';
}
export interface PongOp {
  readonly kind: 'PONG';
}
export interface OkOp {
  readonly kind: '+OK';
}
export interface ErrOp {
  readonly kind: '-ERR';
  /** The text between the quotes of `-ERR '...'`. */
  readonly message: string;
}

export type Op =
  | InfoOp
  | ConnectOp
  | PubOp
  | HpubOp
  | SubOp
  | UnsubOp
  | MsgOp
  | HmsgOp
  | RmsgOp
  | RouteSubOp
  | RouteUnsubOp
  | LeafSubOp
  | LeafUnsubOp
  | AccountSubOp
  | AccountUnsubOp
  | PingOp
  | PongOp
  | OkOp
  | ErrOp;

export type OpKind = Op['kind'];

// Ops without arguments are shared frozen values: the parser allocates nothing for them.
export const PING: PingOp = Object.freeze({ kind: 'PING' });
export const PONG: PongOp = Object.freeze({ kind: 'PONG' });
export const OK: OkOp = Object.freeze({ kind: '+OK' });
