// /routez: the cluster routes (nats-server 2.10's Routez and RouteInfo in
// server/monitor.go). tsnats has no routes yet, so the list is always empty.
import type { NatsServer } from '../server.js';
import type { SubDetail } from './connz.js';
import { goTime } from './go-format.js';

export interface RoutezOptions {
  subscriptions?: boolean;
  subscriptionsDetail?: boolean;
}

export interface SubjectPermission {
  allow?: string[];
  deny?: string[];
}

export interface RouteInfo {
  rid: number;
  remote_id: string;
  remote_name: string;
  did_solicit: boolean;
  is_configured: boolean;
  ip: string;
  port: number;
  start: string;
  last_activity: string;
  rtt?: string;
  uptime: string;
  idle: string;
  import?: SubjectPermission;
  export?: SubjectPermission;
  pending_size: number;
  in_msgs: number;
  out_msgs: number;
  in_bytes: number;
  out_bytes: number;
  subscriptions: number;
  subscriptions_list?: string[];
  subscriptions_list_detail?: SubDetail[];
  account?: string;
  compression?: string;
}

export interface Routez {
  server_id: string;
  /** The configured server_name, '' when none (not the id /varz falls back to). */
  server_name: string;
  now: string;
  import?: SubjectPermission;
  export?: SubjectPermission;
  num_routes: number;
  routes: RouteInfo[];
}

/** Server.Routez. The options only shape route entries, of which there are none yet. */
export function routez(server: NatsServer, now = Date.now()): Routez {
  return {
    server_id: server.serverId,
    server_name: server.options.serverName,
    now: goTime(now),
    num_routes: 0,
    routes: [],
  };
}
