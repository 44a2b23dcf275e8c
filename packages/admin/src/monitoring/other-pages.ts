// /accountz, /gatewayz and /leafz as nats-server 2.10 answers them for what
// tsnats has: the global account only (no system account, no account imports
// or exports), no gateways and no leaf nodes (server/monitor.go's Accountz,
// Gatewayz and Leafz).
import {
  decodeBool,
  goTime,
  MonitorQueryError,
  subsz,
  type NatsServer,
  type SublistStats,
} from '@tsnats/server';

const GLOBAL_ACCOUNT = '$G';

export interface AccountInfoz {
  account_name: string;
  update_time: string;
  expired: boolean;
  complete: boolean;
  jetstream_enabled: boolean;
  leafnode_connections: number;
  client_connections: number;
  subscriptions: number;
  sublist_stats: SublistStats;
}

export interface Accountz {
  server_id: string;
  now: string;
  accounts?: string[];
  account_detail?: AccountInfoz;
}

/** Server.Accountz: the account names, or one account's detail (`acc`); 400 for an unknown one. */
export function accountz(
  server: NatsServer,
  account: string,
  jetStreamEnabled: boolean,
  now = Date.now(),
): Accountz {
  const base = { server_id: server.serverId, now: goTime(now) };
  if (account === '') return { ...base, accounts: [GLOBAL_ACCOUNT] };
  if (account !== GLOBAL_ACCOUNT) throw new MonitorQueryError(`Account ${account} does not exist`);
  const stats = subsz(server);
  return {
    ...base,
    account_detail: {
      account_name: GLOBAL_ACCOUNT,
      // The global account exists, unchanged, since the server started.
      update_time: goTime(server.stats.started.getTime()),
      expired: false,
      complete: true,
      jetstream_enabled: jetStreamEnabled,
      leafnode_connections: 0,
      client_connections: server.clients.size,
      subscriptions: stats.num_subscriptions,
      sublist_stats: stats,
    },
  };
}

/** HandleAccountz's parameter. */
export function accountzQuery(params: URLSearchParams): string {
  return params.get('acc') ?? '';
}

export interface Gatewayz {
  server_id: string;
  now: string;
  outbound_gateways: Record<string, never>;
  inbound_gateways: Record<string, never>;
}

/** HandleGatewayz's parameters (accs, gw_name, acc_name): decoded for their errors only. */
export function gatewayzQuery(params: URLSearchParams): void {
  decodeBool(params, 'accs');
}

/** Server.Gatewayz without gateways configured. */
export function gatewayz(server: NatsServer, now = Date.now()): Gatewayz {
  return {
    server_id: server.serverId,
    now: goTime(now),
    outbound_gateways: {},
    inbound_gateways: {},
  };
}

export interface Leafz {
  server_id: string;
  now: string;
  leafnodes: number;
  leafs: never[];
}

/** HandleLeafz's parameters (subs, acc): decoded for their errors only. */
export function leafzQuery(params: URLSearchParams): void {
  decodeBool(params, 'subs');
}

/** Server.Leafz without leaf nodes (2.10 lists them as [], 2.9 as null). */
export function leafz(server: NatsServer, now = Date.now()): Leafz {
  return { server_id: server.serverId, now: goTime(now), leafnodes: 0, leafs: [] };
}
