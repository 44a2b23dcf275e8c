// /varz: the server's identity, options and counters (nats-server 2.10's Varz in
// server/monitor.go), every key in the same order, so dashboards and
// prometheus-nats-exporter read it unchanged.
import { availableParallelism } from 'node:os';
import { TLS_TIMEOUT_SECONDS } from '@tsnats/config';
import { COMPATIBLE_VERSION, PROTOCOL_VERSION, RUNTIME_VERSION } from '../info.js';
import type { NatsServer } from '../server.js';
import { goTime, goUptime, NS_PER_MS, omitEmpty } from './go-format.js';

export interface ClusterOptsVarz {
  name?: string;
  addr?: string;
  cluster_port?: number;
  auth_timeout?: number;
  urls?: string[];
  tls_timeout?: number;
  tls_required?: boolean;
  tls_verify?: boolean;
  pool_size?: number;
}

export interface GatewayOptsVarz {
  name?: string;
  host?: string;
  port?: number;
  auth_timeout?: number;
  tls_timeout?: number;
  tls_required?: boolean;
  tls_verify?: boolean;
  advertise?: string;
  connect_retries?: number;
  gateways?: { name: string; tls_timeout?: number; urls?: string[] }[];
  reject_unknown?: boolean;
}

export interface LeafNodeOptsVarz {
  host?: string;
  port?: number;
  auth_timeout?: number;
  tls_timeout?: number;
  tls_required?: boolean;
  tls_verify?: boolean;
  remotes?: {
    local_account?: string;
    tls_timeout?: number;
    urls?: string[];
    deny?: { exports?: string[]; imports?: string[] };
    tls_ocsp_peer_verify?: boolean;
  }[];
  tls_ocsp_peer_verify?: boolean;
}

export interface MqttOptsVarz {
  host?: string;
  port?: number;
  no_auth_user?: string;
  auth_timeout?: number;
  tls_map?: boolean;
  tls_timeout?: number;
  tls_pinned_certs?: string[];
  js_domain?: string;
  /** Nanoseconds. */
  ack_wait?: number;
  max_ack_pending?: number;
  tls_ocsp_peer_verify?: boolean;
}

export interface WebsocketOptsVarz {
  host?: string;
  port?: number;
  advertise?: string;
  no_auth_user?: string;
  jwt_cookie?: string;
  /** Nanoseconds. */
  handshake_timeout?: number;
  auth_timeout?: number;
  no_tls?: boolean;
  tls_map?: boolean;
  tls_pinned_certs?: string[];
  same_origin?: boolean;
  allowed_origins?: string[];
  compression?: boolean;
  tls_ocsp_peer_verify?: boolean;
}

/** JetStream's config, stats and meta group; empty while tsnats has no JetStream. */
/** Filled in by whoever knows JetStream (the monitoring routes): config and stats. */
export interface JetStreamVarz {
  config?: object;
  stats?: object;
  meta?: object;
}

export interface OcspResponseCacheVarz {
  cache_type?: string;
  cache_hits?: number;
  cache_misses?: number;
  cached_responses?: number;
  cached_revoked_responses?: number;
  cached_good_responses?: number;
  cached_unknown_responses?: number;
}

export interface SlowConsumersStats {
  clients: number;
  routes: number;
  gateways: number;
  leafs: number;
}

export interface Varz {
  server_id: string;
  server_name: string;
  version: string;
  proto: number;
  git_commit?: string;
  go: string;
  host: string;
  port: number;
  auth_required?: boolean;
  tls_required?: boolean;
  tls_verify?: boolean;
  tls_ocsp_peer_verify?: boolean;
  ip?: string;
  connect_urls?: string[];
  ws_connect_urls?: string[];
  max_connections: number;
  max_subscriptions?: number;
  /** Nanoseconds, as Go's time.Duration marshals. */
  ping_interval: number;
  ping_max: number;
  http_host: string;
  http_port: number;
  http_base_path: string;
  https_port: number;
  /** Seconds. */
  auth_timeout: number;
  max_control_line: number;
  max_payload: number;
  max_pending: number;
  cluster: ClusterOptsVarz;
  gateway: GatewayOptsVarz;
  leaf: LeafNodeOptsVarz;
  mqtt: MqttOptsVarz;
  websocket: WebsocketOptsVarz;
  jetstream: JetStreamVarz;
  /** Seconds. */
  tls_timeout: number;
  /** Nanoseconds. */
  write_deadline: number;
  start: string;
  now: string;
  uptime: string;
  mem: number;
  cores: number;
  gomaxprocs: number;
  cpu: number;
  connections: number;
  total_connections: number;
  routes: number;
  remotes: number;
  leafnodes: number;
  in_msgs: number;
  out_msgs: number;
  in_bytes: number;
  out_bytes: number;
  slow_consumers: number;
  subscriptions: number;
  http_req_stats: Record<string, number>;
  config_load_time: string;
  tags?: string[];
  trusted_operators_jwt?: string[];
  trusted_operators_claim?: Record<string, unknown>[];
  system_account?: string;
  pinned_account_fails?: number;
  ocsp_peer_cache?: OcspResponseCacheVarz;
  slow_consumer_stats: SlowConsumersStats;
}

// nats-server samples its CPU share once a second (pse.periodic) and /varz shows
// the latest sample. Here the sample is taken when /varz asks, at most once a
// second: the share since the previous sample, the first one since the process
// started. Like nats-server's, it is a percentage of one core.
const CPU_SAMPLE_MS = 1000;
let cpuSample = { atMs: 0, usageMicros: 0, percent: 0 };

function cpuPercent(): number {
  const atMs = process.uptime() * 1000;
  if (atMs - cpuSample.atMs < CPU_SAMPLE_MS && cpuSample.atMs > 0) return cpuSample.percent;
  const usage = process.cpuUsage();
  const usageMicros = usage.user + usage.system;
  const elapsedMicros = (atMs - cpuSample.atMs) * 1000;
  // One decimal, as nats-server's per-mille integer divided by ten.
  const percent =
    elapsedMicros > 0
      ? Math.round(((usageMicros - cpuSample.usageMicros) / elapsedMicros) * 1000) / 10
      : 0;
  cpuSample = { atMs, usageMicros, percent };
  return percent;
}

/** Go marshals a map with its keys sorted. */
function sortedKeys(stats: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function clientPort(server: NatsServer): number {
  try {
    return server.clientAddress.port;
  } catch {
    // Before start() the server has no address yet: report the configured port.
    return server.options.port;
  }
}

function websocketVarz(server: NatsServer): WebsocketOptsVarz {
  const address = server.websocketAddress;
  if (address === undefined) return {};
  const ws = server.options.websocket;
  return {
    ...omitEmpty('host', ws.host),
    ...omitEmpty('port', address.port),
    ...omitEmpty('no_tls', ws.noTls),
    ...omitEmpty('same_origin', ws.sameOrigin),
    ...omitEmpty('allowed_origins', ws.allowedOrigins),
    ...omitEmpty('compression', ws.compression),
  };
}

/**
 * Server.Varz. `httpReqStats` counts the monitoring requests by path, which the
 * HTTP layer keeps. Cluster, gateway, leaf node, MQTT and JetStream are empty
 * objects: tsnats runs none of them yet.
 */
export function varz(
  server: NatsServer,
  now = Date.now(),
  httpReqStats: Readonly<Record<string, number>> = {},
): Varz {
  const options = server.options;
  const stats = server.stats;
  const monitor = server.monitorAddress;
  const tlsRequired = options.tls !== undefined && !options.allowNonTls;
  const cores = availableParallelism();
  const started = stats.started.getTime();
  return {
    server_id: server.serverId,
    server_name: server.serverName,
    version: COMPATIBLE_VERSION,
    proto: PROTOCOL_VERSION,
    go: RUNTIME_VERSION,
    host: options.host,
    port: clientPort(server),
    ...omitEmpty('auth_required', server.authenticator.required),
    ...omitEmpty('tls_required', tlsRequired),
    ...omitEmpty('tls_verify', options.tls?.verify),
    max_connections: options.maxConnections,
    ...omitEmpty('max_subscriptions', options.maxSubscriptions),
    ping_interval: options.pingIntervalMs * NS_PER_MS,
    ping_max: options.pingMax,
    // nats-server reports the configured port (-1 for a random one); the address
    // actually bound is what a scraper needs, so that is reported once known.
    http_host: monitor?.host ?? options.httpHost,
    http_port: monitor?.port ?? options.httpPort,
    http_base_path: '',
    https_port: options.httpsPort,
    auth_timeout: options.authorization.timeoutSeconds,
    max_control_line: options.maxControlLine,
    max_payload: options.maxPayload,
    max_pending: options.maxPending,
    cluster: {},
    gateway: {},
    leaf: {},
    mqtt: {},
    websocket: websocketVarz(server),
    jetstream: {},
    tls_timeout: options.tls?.timeoutSeconds ?? TLS_TIMEOUT_SECONDS,
    write_deadline: options.writeDeadlineMs * NS_PER_MS,
    start: goTime(started),
    now: goTime(now),
    uptime: goUptime(now - started),
    mem: process.memoryUsage.rss(),
    cores,
    gomaxprocs: cores,
    cpu: cpuPercent(),
    connections: server.clients.size,
    total_connections: stats.totalConnections,
    routes: 0,
    remotes: 0,
    leafnodes: 0,
    in_msgs: stats.inMsgs,
    out_msgs: stats.outMsgs,
    in_bytes: stats.inBytes,
    out_bytes: stats.outBytes,
    slow_consumers: stats.slowConsumers,
    subscriptions: server.sublist.count(),
    http_req_stats: sortedKeys(httpReqStats),
    // The server does not record when options were last reloaded; they were
    // first loaded when it started.
    config_load_time: goTime(started),
    slow_consumer_stats: { clients: stats.slowConsumers, routes: 0, gateways: 0, leafs: 0 },
  };
}
