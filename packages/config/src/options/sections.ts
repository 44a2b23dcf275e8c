// The cluster, jetstream, tls and websocket blocks (opts.go's parseListen,
// parseCluster, parseURLs, getStorageSize, parseJetStream, parseTLS, parseWebsocket).

import { isUsedVariable } from '../positions.js';
import type { ConfigValue } from '../types.js';
import { childPlace, describe, entries, type Place, type Reader } from './diagnostics.js';
import { parseGoDuration } from './duration.js';
import {
  emptyTls,
  type ClusterOptions,
  type JetStreamOptions,
  type TlsOptions,
  type RestApiOptions,
  type WebsocketOptions,
} from './types.js';

export interface HostPort {
  host: string;
  port: number;
}

/** Go's net.SplitHostPort, with its error texts. */
export function splitHostPort(address: string): [host: string, port: string] | string {
  const missingPort = 'missing port in address';
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0) return "missing ']' in address";
    if (end + 1 === address.length) return missingPort;
    if (address[end + 1] !== ':') return missingPort;
    return [address.slice(1, end), address.slice(end + 2)];
  }
  const colon = address.lastIndexOf(':');
  if (colon < 0) return missingPort;
  const host = address.slice(0, colon);
  if (host.includes(':')) return 'too many colons in address';
  return [host, address.slice(colon + 1)];
}

/** parseListen: a port, or "host:port" (a port of -1 means random). */
export function parseListen(value: ConfigValue): HostPort | string {
  if (typeof value === 'number' && Number.isInteger(value)) return { host: '', port: value };
  if (typeof value === 'string') {
    const split = splitHostPort(value);
    if (typeof split === 'string') return `could not parse address string ${JSON.stringify(value)}`;
    const [host, port] = split;
    if (!/^[+-]?\d+$/.test(port)) return `could not parse port ${JSON.stringify(port)}`;
    return { host, port: Number(port) };
  }
  return `expected port or host:port, got ${describe(value)}`;
}

export function listen(r: Reader, place: Place, value: ConfigValue): HostPort | undefined {
  const hp = parseListen(value);
  if (typeof hp === 'string') {
    r.diagnostics.error(place, hp);
    return undefined;
  }
  return hp;
}

function unknown(r: Reader, place: Place, parent: string): void {
  const { container } = place;
  if (container === undefined || Array.isArray(container)) return;
  if (!isUsedVariable(container, String(place.key))) r.diagnostics.unknownField(place, parent);
}

const CLUSTER_UNTYPED = new Set([
  'authorization',
  'tls',
  'cluster_advertise',
  'advertise',
  'no_advertise',
  'connect_retries',
  'permissions',
  'pool_size',
  'accounts',
  'compression',
  'ping_interval',
  'ping_max',
]);

/**
 * `listen`, `port` and `host`/`net` inside a block that listens (cluster,
 * websocket); false for any other key.
 */
function listenKey(
  r: Reader,
  at: Place,
  lower: string,
  value: ConfigValue,
  into: { host: string; port: number },
): boolean {
  switch (lower) {
    case 'listen': {
      const hostPort = listen(r, at, value);
      if (hostPort !== undefined) ({ host: into.host, port: into.port } = hostPort);
      return true;
    }
    case 'port':
      into.port = r.integer(at, value) ?? into.port;
      return true;
    case 'host':
    case 'net':
      into.host = r.string(at, value) ?? into.host;
      return true;
    default:
      return false;
  }
}

export function cluster(r: Reader, place: Place, value: ConfigValue, into: ClusterOptions): void {
  const cm = r.map(place, value, 'cluster');
  if (cm === undefined) return;
  for (const [key, lower, v] of entries(cm)) {
    const at = childPlace(cm, key, place.path);
    if (listenKey(r, at, lower, v, into)) continue;
    switch (lower) {
      case 'name':
        into.name = r.string(at, v) ?? into.name;
        break;
      case 'routes':
        into.routes = routes(r, at, v) ?? into.routes;
        break;
      default:
        if (CLUSTER_UNTYPED.has(lower)) into.untyped[key] = v;
        else unknown(r, at, place.path);
    }
  }
}

/** parseURLs for routes: strings, trimmed; a duplicate is a warning and is dropped. */
function routes(r: Reader, place: Place, value: ConfigValue): string[] | undefined {
  if (!Array.isArray(value)) {
    r.diagnostics.error(place, `expected an array of route URLs, got ${describe(value)}`);
    return undefined;
  }
  const seen = new Set<string>();
  const out: string[] = [];
  value.forEach((element, i) => {
    const at = childPlace(value, i, place.path);
    const url = r.string(at, element);
    if (url === undefined) return;
    if (seen.has(url)) {
      r.diagnostics.warning(at, url, 'Duplicate route entry detected');
      return;
    }
    seen.add(url);
    out.push(url.trim());
  });
  return out;
}

/** getStorageSize: an integer, or a string with a K, M, G or T suffix (powers of 1024). */
function storageSize(value: ConfigValue): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') return 'must be int64 or string';
  if (value === '') return 0;
  const prefix = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(prefix)) {
    return `strconv.ParseInt: parsing ${JSON.stringify(prefix)}: invalid syntax`;
  }
  const shift = { K: 10, M: 20, G: 30, T: 40 }[value.slice(-1)];
  if (shift === undefined) return 'sizes defined as strings must end in K, M, G, T';
  return Number(prefix) * 2 ** shift;
}

const JETSTREAM_UNTYPED = new Set([
  'sync',
  'sync_interval',
  'key',
  'ek',
  'encryption_key',
  'prev_key',
  'prev_ek',
  'prev_encryption_key',
  'cipher',
  'extension_hint',
  'limits',
  'unique_tag',
  'max_outstanding_catchup',
  'request_queue_limit',
]);

/** What parseJetStream records besides the options: whether sizes were given. */
export interface JetStreamState {
  memSet: boolean;
  storeSet: boolean;
}

export function jetstream(
  r: Reader,
  place: Place,
  value: ConfigValue,
  into: JetStreamOptions,
  state: JetStreamState,
): void {
  if (typeof value === 'boolean') {
    into.enabled = value;
    return;
  }
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'enabled' || v === 'enable') into.enabled = true;
    else if (v === 'disabled' || v === 'disable') into.enabled = false;
    else
      r.diagnostics.error(
        place,
        `Expected 'enabled' or 'disabled' for string value, got '${value}'`,
      );
    return;
  }
  const jm = r.map(place, value, 'JetStream');
  if (jm === undefined) return;
  let enable = true;
  for (const [key, lower, v] of entries(jm)) {
    const at = childPlace(jm, key, place.path);
    switch (lower) {
      case 'store':
      case 'store_dir':
      case 'storedir': {
        if (into.storeDir !== '') {
          r.diagnostics.error(at, "Duplicate 'store_dir' configuration");
          break;
        }
        into.storeDir = r.string(at, v) ?? '';
        break;
      }
      case 'max_memory_store':
      case 'max_mem_store':
      case 'max_mem': {
        const size = storageSize(v);
        if (typeof size === 'string') r.diagnostics.error(at, `max_mem_store ${size}`);
        else {
          into.maxMemory = size;
          state.memSet = true;
        }
        break;
      }
      case 'max_file_store':
      case 'max_file': {
        const size = storageSize(v);
        if (typeof size === 'string') r.diagnostics.error(at, `max_file_store ${size}`);
        else {
          into.maxStore = size;
          state.storeSet = true;
        }
        break;
      }
      case 'domain':
        into.domain = r.string(at, v) ?? into.domain;
        break;
      case 'store_url':
        into.storeUrl = r.string(at, v) ?? into.storeUrl;
        break;
      case 'enable':
      case 'enabled':
        enable = r.bool(at, v) ?? enable;
        break;
      default:
        if (JETSTREAM_UNTYPED.has(lower)) into.untyped[key] = v;
        else unknown(r, at, place.path);
    }
  }
  into.enabled = enable;
}

const TLS_UNTYPED = new Set([
  'insecure',
  'verify_and_map',
  'verify_cert_and_check_known_urls',
  'cipher_suites',
  'curve_preferences',
  'connection_rate_limit',
  'pinned_certs',
  'cert_store',
  'cert_match_by',
  'cert_match',
  'handshake_first',
  'first',
  'immediate',
  'ocsp_peer',
  'certs',
  'certificates',
  'min_version',
]);

/** parseTLS, for what it checks without reading certificates. */
export function tls(r: Reader, place: Place, value: ConfigValue): TlsOptions | undefined {
  const tm = r.map(place, value, 'tls');
  if (tm === undefined) return undefined;
  const tc = emptyTls();
  for (const [key, lower, v] of entries(tm)) {
    const at = childPlace(tm, key, place.path);
    switch (lower) {
      case 'cert_file':
        tc.certFile = r.string(at, v) ?? '';
        break;
      case 'key_file':
        tc.keyFile = r.string(at, v) ?? '';
        break;
      case 'ca_file':
        tc.caFile = r.string(at, v) ?? '';
        break;
      case 'verify':
        tc.verify = r.bool(at, v) ?? tc.verify;
        break;
      case 'timeout': {
        if (typeof v === 'string') {
          try {
            tc.timeoutSeconds = parseGoDuration(v) / 1000;
          } catch (error) {
            r.diagnostics.error(
              at,
              `error parsing tls config, 'timeout' ${(error as Error).message}`,
            );
          }
        } else tc.timeoutSeconds = r.number(at, v) ?? tc.timeoutSeconds;
        break;
      }
      default:
        if (!TLS_UNTYPED.has(lower)) {
          r.diagnostics.error(at, `error parsing tls config, unknown field ${JSON.stringify(key)}`);
          return undefined;
        }
        tc.untyped[key] = v;
        // verify_and_map and verify_cert_and_check_known_urls also turn verify on.
        if (
          (lower === 'verify_and_map' || lower === 'verify_cert_and_check_known_urls') &&
          v === true
        ) {
          tc.verify = true;
        }
    }
  }
  return tc;
}

const WEBSOCKET_UNTYPED = new Set([
  'advertise',
  'handshake_timeout',
  'authorization',
  'authentication',
  'jwt_cookie',
  'no_auth_user',
]);

export function restApi(r: Reader, place: Place, value: ConfigValue, into: RestApiOptions): void {
  if (typeof value === 'boolean') {
    into.enabled = value;
    return;
  }
  const rm = r.map(place, value, 'rest_api');
  if (rm === undefined) return;
  for (const [key, lower, v] of entries(rm)) {
    const at = childPlace(rm, key, place.path);
    switch (lower) {
      case 'enabled':
      case 'enable':
        into.enabled = r.bool(at, v) ?? into.enabled;
        break;
      case 'token':
      case 'tokens':
        into.tokens = (typeof v === 'string' ? [v] : r.stringArray(at, v)) ?? into.tokens;
        break;
      default:
        unknown(r, at, place.path);
    }
  }
}

export function websocket(
  r: Reader,
  place: Place,
  value: ConfigValue,
  into: WebsocketOptions,
): void {
  const wm = r.map(place, value, 'websocket');
  if (wm === undefined) return;
  for (const [key, lower, v] of entries(wm)) {
    const at = childPlace(wm, key, place.path);
    if (listenKey(r, at, lower, v, into)) continue;
    switch (lower) {
      case 'no_tls':
        into.noTls = r.bool(at, v) ?? into.noTls;
        break;
      case 'tls': {
        const tc = tls(r, at, v);
        if (tc !== undefined) into.tls = tc;
        break;
      }
      case 'same_origin':
        into.sameOrigin = r.bool(at, v) ?? into.sameOrigin;
        break;
      case 'allowed_origins':
      case 'allowed_origin':
      case 'allow_origins':
      case 'allow_origin':
      case 'origins':
      case 'origin':
        into.allowedOrigins = r.stringArray(at, v) ?? into.allowedOrigins;
        break;
      case 'compress':
      case 'compression':
        into.compression = r.bool(at, v) ?? into.compression;
        break;
      default:
        if (WEBSOCKET_UNTYPED.has(lower)) into.untyped[key] = v;
        else unknown(r, at, place.path);
    }
  }
}
