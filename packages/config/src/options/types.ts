// Typed nats-server options (server/opts.go's Options, the part typed so far),
// and their defaults (setBaselineOptions and server/const.go).

import type { ConfigMap } from '../types.js';

/** Allow and deny lists of subjects (Go's SubjectPermission). */
export interface SubjectPermission {
  allow?: string[];
  deny?: string[];
}

/** Go's ResponsePermission: how many replies, for how long, a requester may get. */
export interface ResponsePermission {
  /** Default 1; negative means unlimited. */
  max: number;
  /** Default 2 minutes; negative means forever. */
  expiresMs: number;
}

export interface Permissions {
  publish?: SubjectPermission;
  subscribe?: SubjectPermission;
  allowResponses?: ResponsePermission;
}

/** A user of the authorization block: a name and password, or an nkey. */
export interface User {
  /** Empty for nkey users. */
  user: string;
  /** Kept verbatim: bcrypt hashes ($2a$...) are compared by the server, not here. */
  password: string;
  /** The public user nkey (U...), for nkey users; empty otherwise. */
  nkey: string;
  /** The user's own, else the block's default permissions. */
  permissions?: Permissions;
  /** Known keys not typed yet (allowed_connection_types, ...). */
  untyped: ConfigMap;
}

export interface AuthorizationOptions {
  user: string;
  password: string;
  token: string;
  /** Users and nkey users, in the order written. */
  users: User[];
  /** `permissions` / `default_permissions` of the block, applied to users without their own. */
  defaultPermissions?: Permissions;
  /** Seconds. Default 2, or the TLS timeout + 1 when TLS is configured. */
  timeoutSeconds: number;
  untyped: ConfigMap;
}

export interface TlsOptions {
  certFile: string;
  keyFile: string;
  caFile: string;
  verify: boolean;
  /** Seconds. Default 2. */
  timeoutSeconds: number;
  /** Known keys not typed yet (cipher_suites, pinned_certs, ...). */
  untyped: ConfigMap;
}

export interface WebsocketOptions {
  /** Default '0.0.0.0' once a port is set. */
  host: string;
  /** 0: websocket off; -1: a random port. */
  port: number;
  noTls: boolean;
  tls?: TlsOptions;
  compression: boolean;
  sameOrigin: boolean;
  allowedOrigins: string[];
  untyped: ConfigMap;
}

export interface JetStreamOptions {
  enabled: boolean;
  storeDir: string;
  /** Bytes; -1 (the default) lets the server pick from the machine's resources. */
  maxMemory: number;
  /** Bytes; -1 (the default) lets the server pick from the disk. */
  maxStore: number;
  domain: string;
  /**
   * tsnats: `rpc://host:port[,host:port...]` of stream storage services (the
   * split deployment, `--store` or `jetstream { store_url }`); '' keeps streams
   * in this process.
   */
  storeUrl: string;
  untyped: ConfigMap;
}

/**
 * tsnats's REST admin API (`/api/v1`, OpenAPI, docs page) on the HTTP
 * monitoring port: `rest_api { enabled, token }` and `--api_token`.
 */
export interface RestApiOptions {
  enabled: boolean;
  /** Bearer tokens; none: only clients on loopback addresses may use the API. */
  tokens: string[];
}

export interface ClusterOptions {
  name: string;
  /** Default '0.0.0.0' once a port is set. */
  host: string;
  /** 0: clustering off; -1: a random port. */
  port: number;
  /** Route URLs as written (trimmed), duplicates dropped. */
  routes: string[];
  untyped: ConfigMap;
}

export interface ServerOptions {
  /** The configuration file the options came from; '' for none. */
  configFile: string;
  host: string;
  /** -1: a random port. */
  port: number;
  serverName: string;
  clientAdvertise: string;
  /** Defaults to `host`. */
  httpHost: string;
  /** 0: monitoring off; -1: a random port. */
  httpPort: number;
  httpsPort: number;
  maxPayload: number;
  maxControlLine: number;
  maxConnections: number;
  /** 0: unlimited. */
  maxSubscriptions: number;
  maxPending: number;
  writeDeadlineMs: number;
  pingIntervalMs: number;
  pingMax: number;
  authorization: AuthorizationOptions;
  noAuthUser: string;
  debug: boolean;
  trace: boolean;
  traceVerbose: boolean;
  logtime: boolean;
  logFile: string;
  pidFile: string;
  portsFileDir: string;
  lameDuckDurationMs: number;
  lameDuckGracePeriodMs: number;
  tls?: TlsOptions;
  allowNonTls: boolean;
  websocket: WebsocketOptions;
  jetstream: JetStreamOptions;
  cluster: ClusterOptions;
  restApi: RestApiOptions;
  /**
   * Top-level keys nats-server knows but this layer does not type yet (accounts,
   * gateway, leafnodes, mqtt, ...), as parsed, under the key as written.
   */
  untyped: ConfigMap;
}

export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_PORT = 4222;
export const MAX_PAYLOAD_SIZE = 1024 * 1024;
export const MAX_CONTROL_LINE_SIZE = 4096;
export const MAX_PENDING_SIZE = 64 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 64 * 1024;
export const DEFAULT_FLUSH_DEADLINE_MS = 10_000;
export const DEFAULT_PING_INTERVAL_MS = 120_000;
export const DEFAULT_PING_MAX_OUT = 2;
export const DEFAULT_LAME_DUCK_DURATION_MS = 120_000;
export const DEFAULT_LAME_DUCK_GRACE_PERIOD_MS = 10_000;
export const TLS_TIMEOUT_SECONDS = 2;
export const AUTH_TIMEOUT_SECONDS = 2;
export const DEFAULT_ALLOW_RESPONSE_MAX_MSGS = 1;
export const DEFAULT_ALLOW_RESPONSE_EXPIRATION_MS = 120_000;

export function emptyTls(): TlsOptions {
  return { certFile: '', keyFile: '', caFile: '', verify: false, timeoutSeconds: 0, untyped: {} };
}

/**
 * Options before defaults: zero values, as Go's Options{} is. setBaseline() then
 * fills in what is left at zero, as nats-server's setBaselineOptions does.
 */
export function zeroOptions(): ServerOptions {
  return {
    configFile: '',
    host: '',
    port: 0,
    serverName: '',
    clientAdvertise: '',
    httpHost: '',
    httpPort: 0,
    httpsPort: 0,
    maxPayload: 0,
    maxControlLine: 0,
    maxConnections: 0,
    maxSubscriptions: 0,
    maxPending: 0,
    writeDeadlineMs: 0,
    pingIntervalMs: 0,
    pingMax: 0,
    authorization: { user: '', password: '', token: '', users: [], timeoutSeconds: 0, untyped: {} },
    noAuthUser: '',
    debug: false,
    trace: false,
    traceVerbose: false,
    logtime: true, // the -T flag's default, which nats-server applies before the file
    logFile: '',
    pidFile: '',
    portsFileDir: '',
    lameDuckDurationMs: 0,
    lameDuckGracePeriodMs: 0,
    allowNonTls: false,
    websocket: {
      host: '',
      port: 0,
      noTls: false,
      compression: false,
      sameOrigin: false,
      allowedOrigins: [],
      untyped: {},
    },
    jetstream: {
      enabled: false,
      storeDir: '',
      maxMemory: 0,
      maxStore: 0,
      domain: '',
      storeUrl: '',
      untyped: {},
    },
    cluster: { name: '', host: '', port: 0, routes: [], untyped: {} },
    restApi: { enabled: true, tokens: [] },
    untyped: {},
  };
}

/** nats-server's setBaselineOptions, for the typed options. */
export function setBaseline(o: ServerOptions, jsSizesSet: { mem: boolean; store: boolean }): void {
  if (o.host === '') o.host = DEFAULT_HOST;
  if (o.httpHost === '') o.httpHost = o.host;
  if (o.port === 0) o.port = DEFAULT_PORT;
  if (o.maxConnections === 0) o.maxConnections = DEFAULT_MAX_CONNECTIONS;
  if (o.pingIntervalMs === 0) o.pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
  if (o.pingMax === 0) o.pingMax = DEFAULT_PING_MAX_OUT;
  if (o.tls !== undefined && o.tls.timeoutSeconds === 0) o.tls.timeoutSeconds = TLS_TIMEOUT_SECONDS;
  if (o.authorization.timeoutSeconds === 0) {
    o.authorization.timeoutSeconds =
      o.tls !== undefined ? o.tls.timeoutSeconds + 1 : AUTH_TIMEOUT_SECONDS;
  }
  if (o.cluster.port !== 0 && o.cluster.host === '') o.cluster.host = DEFAULT_HOST;
  if (o.maxControlLine === 0) o.maxControlLine = MAX_CONTROL_LINE_SIZE;
  if (o.maxPayload === 0) o.maxPayload = MAX_PAYLOAD_SIZE;
  if (o.maxPending === 0) o.maxPending = MAX_PENDING_SIZE;
  if (o.writeDeadlineMs === 0) o.writeDeadlineMs = DEFAULT_FLUSH_DEADLINE_MS;
  if (o.lameDuckDurationMs === 0) o.lameDuckDurationMs = DEFAULT_LAME_DUCK_DURATION_MS;
  if (o.lameDuckGracePeriodMs === 0) o.lameDuckGracePeriodMs = DEFAULT_LAME_DUCK_GRACE_PERIOD_MS;
  if (o.websocket.port !== 0 && o.websocket.host === '') o.websocket.host = DEFAULT_HOST;
  if (o.jetstream.maxMemory === 0 && !jsSizesSet.mem) o.jetstream.maxMemory = -1;
  if (o.jetstream.maxStore === 0 && !jsSizesSet.store) o.jetstream.maxStore = -1;
}
