// /connz: the connections, open and recently closed (nats-server 2.10's Connz
// and ConnInfo in server/monitor.go), field for field and in the same order.
import type { ClientConnection } from '../client.js';
import type { NatsServer } from '../server.js';
import type { ServerSubscription } from '../subscription.js';
import { goDuration, goTime, goUptime, NS_PER_MS, omitEmpty } from './go-format.js';
import { MonitorQueryError } from './query.js';

/** nats-server's DefaultConnListSize and DefaultSubListSize. */
export const DEFAULT_LIST_SIZE = 1024;
/** Without accounts configured, every client is in nats-server's global account. */
export const GLOBAL_ACCOUNT = '$G';

export type ConnState = 'open' | 'closed' | 'any';

/** ConnzOptions; omitted fields take nats-server's defaults. */
export interface ConnzOptions {
  /** cid (default), start, subs, pending, msgs_to, msgs_from, bytes_to, bytes_from, last, idle, uptime, stop, reason, rtt. */
  sort?: string;
  /** Add authorized_user (and jwt) to each connection; nats-server's `auth`. */
  auth?: boolean;
  subscriptions?: boolean;
  subscriptionsDetail?: boolean;
  offset?: number;
  /** Default 1024. */
  limit?: number;
  /** One connection by id; the limit becomes 1. */
  cid?: number;
  state?: ConnState;
  /** Only the connections authenticated as this user (nkey, user name or token). */
  user?: string;
  /** Only this account's connections; tsnats has only the global account, $G. */
  account?: string;
  /** Only this MQTT client; tsnats has no MQTT, so none match. */
  mqttClient?: string;
}

export interface SubDetail {
  account?: string;
  subject: string;
  qgroup?: string;
  sid: string;
  msgs: number;
  max?: number;
  cid: number;
}

export interface TlsPeerCert {
  subject?: string;
  spki_sha256?: string;
  cert_sha256?: string;
}

export interface ConnInfo {
  cid: number;
  kind?: string;
  type?: string;
  ip: string;
  port: number;
  start: string;
  last_activity: string;
  stop?: string;
  reason?: string;
  rtt?: string;
  uptime: string;
  idle: string;
  pending_bytes: number;
  in_msgs: number;
  out_msgs: number;
  in_bytes: number;
  out_bytes: number;
  subscriptions: number;
  name?: string;
  lang?: string;
  version?: string;
  tls_version?: string;
  tls_cipher_suite?: string;
  tls_peer_certs?: TlsPeerCert[];
  tls_first?: boolean;
  authorized_user?: string;
  account?: string;
  subscriptions_list?: string[];
  subscriptions_list_detail?: SubDetail[];
  jwt?: string;
  issuer_key?: string;
  name_tag?: string;
  tags?: string[];
  mqtt_client?: string;
}

export interface Connz {
  server_id: string;
  now: string;
  num_connections: number;
  total: number;
  offset: number;
  limit: number;
  connections: ConnInfo[];
}

/** newClientSubDetail; /subsz adds the account. */
export function subDetail(sub: ServerSubscription, account?: string): SubDetail {
  return {
    ...(account === undefined ? {} : { account }),
    subject: sub.subject,
    ...(sub.queue === undefined || sub.queue === '' ? {} : { qgroup: sub.queue }),
    sid: sub.sid,
    msgs: sub.delivered,
    ...(sub.max > 0 ? { max: sub.max } : {}),
    cid: sub.subscriber.id,
  };
}

/**
 * client.go getRawAuthUser: the nkey, else the user name (no_auth_user's when it
 * stood in for missing credentials), else the token, as nats-server shows it.
 */
function rawAuthUser(client: ClientConnection): string {
  const options = client.connectOptions;
  return options.nkey || client.user?.name || options.user || options.auth_token || '';
}

/** Node reports IPv4 peers of a dual-stack listener as ::ffff:a.b.c.d; Go prints a.b.c.d. */
function plainIp(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Row {
  readonly client: ClientConnection;
  readonly info: ConnInfo;
}

function descending(value: (client: ClientConnection) => number): (a: Row, b: Row) => number {
  return (a, b) => value(b.client) - value(a.client);
}

/**
 * monitor_sort_opts.go: only cid, start, uptime and reason ascend. Ties keep cid
 * order (Go's sort leaves them in no particular order).
 */
function sorter(sort: string, now: number): ((a: Row, b: Row) => number) | undefined {
  const end = (c: ClientConnection): number => c.stopped ?? now;
  switch (sort) {
    case 'cid':
    case 'start':
      return (a, b) => a.client.id - b.client.id;
    case 'subs':
      return descending((c) => c.subscriptions.size);
    case 'pending':
      return descending((c) => c.pendingBytes);
    case 'msgs_to':
      return descending((c) => c.counters.outMsgs);
    case 'msgs_from':
      return descending((c) => c.counters.inMsgs);
    case 'bytes_to':
      return descending((c) => c.counters.outBytes);
    case 'bytes_from':
      return descending((c) => c.counters.inBytes);
    case 'last':
      return descending((c) => c.lastActivity);
    case 'idle':
      return descending((c) => now - c.lastActivity);
    case 'uptime':
      return (a, b) => end(a.client) - a.client.started - (end(b.client) - b.client.started);
    case 'stop':
      return descending((c) => c.stopped ?? 0);
    case 'reason':
      // Go compares the strings byte by byte, not by locale.
      return (a, b) => compareStrings(a.info.reason ?? '', b.info.reason ?? '');
    case 'rtt':
      return descending((c) => c.rttMs);
    default:
      return undefined;
  }
}

function subscriptionLists(client: ClientConnection, options: ConnzOptions): Partial<ConnInfo> {
  if (client.subscriptions.size === 0) return {};
  const subs = [...client.subscriptions.values()];
  if (options.subscriptionsDetail === true) {
    // nats-server records a closed connection's subscriptions with their account.
    const account = client.stopped === undefined ? undefined : GLOBAL_ACCOUNT;
    return { subscriptions_list_detail: subs.map((sub) => subDetail(sub, account)) };
  }
  if (options.subscriptions === true) return { subscriptions_list: subs.map((s) => s.subject) };
  return {};
}

function connInfo(client: ClientConnection, now: number, options: ConnzOptions): ConnInfo {
  // A closed connection is reported as it was when it closed, as nats-server
  // snapshots it then.
  const end = client.stopped ?? now;
  const connectOptions = client.connectOptions;
  const port = client.origin.remotePort ?? 0;
  const auth = options.auth === true;
  return {
    cid: client.id,
    kind: 'Client',
    type: client.origin.kind === 'websocket' ? 'websocket' : 'nats',
    ip: port === 0 ? '' : plainIp(client.origin.remoteAddress ?? ''),
    port,
    start: goTime(client.started),
    last_activity: goTime(client.lastActivity),
    ...omitEmpty('stop', client.stopped === undefined ? undefined : goTime(client.stopped)),
    ...omitEmpty('reason', client.closeReason),
    rtt: goDuration(client.rttMs * NS_PER_MS),
    uptime: goUptime(end - client.started),
    idle: goUptime(end - client.lastActivity),
    pending_bytes: client.pendingBytes,
    in_msgs: client.counters.inMsgs,
    out_msgs: client.counters.outMsgs,
    in_bytes: client.counters.inBytes,
    out_bytes: client.counters.outBytes,
    subscriptions: client.subscriptions.size,
    ...omitEmpty('name', client.name),
    ...omitEmpty('lang', connectOptions.lang),
    ...omitEmpty('version', connectOptions.version),
    ...omitEmpty('tls_version', client.tls?.version),
    ...omitEmpty('tls_cipher_suite', client.tls?.cipherSuite),
    ...omitEmpty('authorized_user', auth ? rawAuthUser(client) : undefined),
    // No account: it is left out for the global account, the only one tsnats has.
    ...subscriptionLists(client, options),
    ...omitEmpty('jwt', auth ? connectOptions.jwt : undefined),
  };
}

/** Server.Connz: throws MonitorQueryError where nats-server answers 400. */
export function connz(server: NatsServer, options: ConnzOptions = {}, now = Date.now()): Connz {
  const sortOption = options.sort === undefined || options.sort === '' ? 'cid' : options.sort;
  const compare = sorter(sortOption, now);
  if (compare === undefined) throw new MonitorQueryError(`invalid sorting option: ${sortOption}`);
  const state = options.state ?? 'open';
  if ((sortOption === 'stop' || sortOption === 'reason') && state !== 'closed') {
    throw new MonitorQueryError(`sort by ${sortOption} only valid on closed connections`);
  }
  const offset = Math.max(0, options.offset ?? 0);
  const cid = options.cid ?? 0;
  const limit = cid > 0 ? 1 : (options.limit ?? 0) > 0 ? (options.limit ?? 0) : DEFAULT_LIST_SIZE;
  const account = options.account ?? '';
  const known = account === '' || account === GLOBAL_ACCOUNT;

  const open = state === 'closed' || !known ? [] : [...server.clients.values()];
  const closed = state === 'open' || !known ? [] : server.closed.list();
  // As nats-server: the total counts the state's connections before the cid and user filters.
  const total = open.length + closed.length;
  const user = options.user ?? '';
  const matching = [...open, ...closed].filter(
    (client) =>
      (cid === 0 || client.id === cid) &&
      (user === '' || rawAuthUser(client) === user) &&
      (options.mqttClient ?? '') === '',
  );
  const rows = matching
    .sort((a, b) => a.id - b.id)
    .map((client) => ({ client, info: connInfo(client, now, options) }))
    .sort(compare);
  const connections = rows.slice(Math.min(offset, rows.length), offset + limit).map((r) => r.info);
  return {
    server_id: server.serverId,
    now: goTime(now),
    num_connections: connections.length,
    total,
    offset,
    limit,
    connections,
  };
}
