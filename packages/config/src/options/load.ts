// From a parsed configuration map to typed server options: processConfigFileLine of
// nats-server 2.10's server/opts.go, for the keys typed so far. Every problem is
// collected; nothing stops at the first.

import { isUsedVariable } from '../positions.js';
import type { ConfigMap, ConfigValue } from '../types.js';
import { authorization } from './auth.js';
import { childPlace, Diagnostics, Reader, type OptionError, type Place } from './diagnostics.js';
import { formatDuration, parseGoDuration } from './duration.js';
import {
  cluster,
  jetstream,
  listen,
  restApi,
  tls,
  websocket,
  type JetStreamState,
} from './sections.js';
import { setBaseline, zeroOptions, type ServerOptions } from './types.js';

/** What to do with a top-level key nats-server does not know. */
export type UnknownFieldPolicy = 'error' | 'warning' | 'ignore';

export interface LoadOptions {
  /** The file name for messages when the map's positions do not say (an empty map). */
  filename?: string;
  /**
   * nats-server reports an unknown top-level key as an error (unknownConfigFieldErr),
   * unless NoErrOnUnknownFields(true) was called ('ignore'). 'warning' reports it
   * without failing. Unknown keys inside blocks are always errors, as in Go.
   */
  unknownTopLevelFields?: UnknownFieldPolicy;
}

export interface LoadResult {
  options: ServerOptions;
  /** Problems that make nats-server refuse the file. */
  errors: OptionError[];
  /** Problems nats-server prints and carries on after. */
  warnings: OptionError[];
}

/** Top-level keys nats-server knows but this layer keeps untyped, as written. */
const UNTYPED = new Set([
  'logtime_utc',
  'mappings',
  'maps',
  'disable_sublist_cache',
  'no_sublist_cache',
  'accounts',
  'http_base_path',
  'gateway',
  'leaf',
  'leafnodes',
  'logfile_size_limit',
  'log_size_limit',
  'logfile_max_num',
  'log_max_num',
  'syslog',
  'remote_syslog',
  'prof_port',
  'prof_block_rate',
  'max_traced_msg_len',
  'max_sub_tokens',
  'max_subscription_tokens',
  'ocsp',
  'operator',
  'operators',
  'roots',
  'root',
  'root_operators',
  'root_operator',
  'resolver',
  'account_resolver',
  'accounts_resolver',
  'resolver_tls',
  'resolver_preload',
  'resolver_pinned_accounts',
  'system_account',
  'system',
  'no_system_account',
  'no_system',
  'no_sys_acc',
  'no_header_support',
  'trusted',
  'trusted_keys',
  'connect_error_reports',
  'reconnect_error_reports',
  'mqtt',
  'server_tags',
  'default_js_domain',
  'ocsp_cache',
]);

const INT32_MAX = 2 ** 31 - 1;

/** The state of one load: options being filled in, and what Go tracks beside them. */
export interface Loading {
  readonly options: ServerOptions;
  readonly reader: Reader;
  readonly js: JetStreamState;
}

export function startLoading(filename: string): Loading {
  return {
    options: zeroOptions(),
    reader: new Reader(new Diagnostics(filename)),
    js: { memSet: false, storeSet: false },
  };
}

/** Go's parseDuration: a duration string, or (with a warning) a number of seconds. */
function duration(r: Reader, place: Place, field: string, value: ConfigValue): number | undefined {
  if (typeof value === 'string') {
    try {
      return parseGoDuration(value);
    } catch (error) {
      r.diagnostics.errorVerbatim(place, `error parsing ${field}: ${(error as Error).message}`);
      return undefined;
    }
  }
  const seconds = r.integer(place, value);
  if (seconds === undefined) return undefined;
  r.diagnostics.warning(place, field, `${field} should be converted to a duration`);
  return seconds * 1000;
}

/** lame_duck_duration and lame_duck_grace_period: duration strings only. */
function strictDuration(
  r: Reader,
  place: Place,
  field: string,
  value: ConfigValue,
): number | undefined {
  const text = r.string(place, value);
  if (text === undefined) return undefined;
  try {
    return parseGoDuration(text);
  } catch (error) {
    r.diagnostics.errorVerbatim(place, `error parsing ${field}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Applies one top-level key (processConfigFileLine). */
function line(
  l: Loading,
  map: ConfigMap,
  key: string,
  value: ConfigValue,
  policy: UnknownFieldPolicy,
): void {
  const { options: o, reader: r } = l;
  const at = childPlace(map, key, '');
  const str = (fallback: string): string => r.string(at, value) ?? fallback;
  const bool = (fallback: boolean): boolean => r.bool(at, value) ?? fallback;
  const int = (fallback: number, max?: number): number => r.integer(at, value, max) ?? fallback;
  const lower = key.toLowerCase();
  switch (lower) {
    case 'listen': {
      const hp = listen(r, at, value);
      if (hp !== undefined) ({ host: o.host, port: o.port } = hp);
      return;
    }
    case 'client_advertise':
      o.clientAdvertise = str(o.clientAdvertise);
      return;
    case 'port':
      o.port = int(o.port);
      return;
    case 'server_name':
      o.serverName = str(o.serverName);
      return;
    case 'host':
    case 'net':
      o.host = str(o.host);
      return;
    case 'debug':
      o.debug = bool(o.debug);
      return;
    case 'trace':
      o.trace = bool(o.trace);
      return;
    case 'trace_verbose':
      o.traceVerbose = bool(o.traceVerbose);
      o.trace = o.traceVerbose;
      return;
    case 'logtime':
      o.logtime = bool(o.logtime);
      return;
    case 'authorization':
      authorization(r, at, value, o.authorization);
      return;
    case 'http':
    case 'https': {
      const hp = listen(r, at, value);
      if (hp === undefined) return;
      o.httpHost = hp.host;
      if (lower === 'http') o.httpPort = hp.port;
      else o.httpsPort = hp.port;
      return;
    }
    case 'http_port':
    case 'monitor_port':
      o.httpPort = int(o.httpPort);
      return;
    case 'https_port':
      o.httpsPort = int(o.httpsPort);
      return;
    case 'cluster':
      cluster(r, at, value, o.cluster);
      return;
    case 'store_dir':
    case 'storedir':
      if (o.jetstream.storeDir !== '') {
        r.diagnostics.error(at, "Duplicate 'store_dir' configuration");
        return;
      }
      o.jetstream.storeDir = str('');
      return;
    case 'jetstream':
      jetstream(r, at, value, o.jetstream, l.js);
      return;
    case 'logfile':
    case 'log_file':
      o.logFile = str(o.logFile);
      return;
    case 'pidfile':
    case 'pid_file':
      o.pidFile = str(o.pidFile);
      return;
    case 'ports_file_dir':
      o.portsFileDir = str(o.portsFileDir);
      return;
    case 'max_control_line':
      o.maxControlLine = int(o.maxControlLine, INT32_MAX);
      return;
    case 'max_payload':
      o.maxPayload = int(o.maxPayload, INT32_MAX);
      return;
    case 'max_pending':
      o.maxPending = int(o.maxPending);
      return;
    case 'max_connections':
    case 'max_conn':
      o.maxConnections = int(o.maxConnections);
      return;
    case 'max_subscriptions':
    case 'max_subs':
      o.maxSubscriptions = int(o.maxSubscriptions);
      return;
    case 'ping_interval':
      o.pingIntervalMs = duration(r, at, 'ping_interval', value) ?? o.pingIntervalMs;
      return;
    case 'ping_max':
      o.pingMax = int(o.pingMax);
      return;
    case 'tls': {
      const tc = tls(r, at, value);
      if (tc !== undefined) o.tls = tc;
      return;
    }
    case 'allow_non_tls':
      o.allowNonTls = bool(o.allowNonTls);
      return;
    case 'write_deadline':
      o.writeDeadlineMs = duration(r, at, 'write_deadline', value) ?? o.writeDeadlineMs;
      return;
    case 'lame_duck_duration': {
      const ms = strictDuration(r, at, 'lame_duck_duration', value);
      if (ms === undefined) return;
      if (ms < 30_000) {
        r.diagnostics.errorVerbatim(
          at,
          `invalid lame_duck_duration of ${formatDuration(ms)}, minimum is 30 seconds`,
        );
        return;
      }
      o.lameDuckDurationMs = ms;
      return;
    }
    case 'lame_duck_grace_period': {
      const ms = strictDuration(r, at, 'lame_duck_grace_period', value);
      if (ms === undefined) return;
      if (ms < 0) {
        r.diagnostics.errorVerbatim(at, 'invalid lame_duck_grace_period, needs to be positive');
        return;
      }
      o.lameDuckGracePeriodMs = ms;
      return;
    }
    case 'no_auth_user':
      o.noAuthUser = str(o.noAuthUser);
      return;
    case 'websocket':
    case 'ws':
      websocket(r, at, value, o.websocket);
      return;
    case 'rest_api':
      restApi(r, at, value, o.restApi);
      return;
    default:
      if (UNTYPED.has(lower)) {
        o.untyped[key] = value;
        return;
      }
      if (policy === 'ignore' || isUsedVariable(map, key)) return;
      r.diagnostics.unknownField(at, '', policy === 'warning');
  }
}

/** Applies every key of a parsed configuration to the options being loaded. */
export function applyConfig(l: Loading, map: ConfigMap, load: LoadOptions = {}): void {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    // Go: "<file>: config has no values or is empty"; the position is the file alone.
    l.reader.diagnostics.warningVerbatim(
      { container: undefined, key: '', path: '' },
      'config has no values or is empty',
    );
  }
  for (const key of keys) line(l, map, key, map[key], load.unknownTopLevelFields ?? 'error');
}

export function finishLoading(l: Loading): LoadResult {
  setBaseline(l.options, { mem: l.js.memSet, store: l.js.storeSet });
  const { errors, warnings } = l.reader.diagnostics;
  return { options: l.options, errors, warnings };
}

/**
 * Typed server options from a parsed configuration (parseConfig / parseConfigFile),
 * with nats-server's defaults for what is not set. Never throws: problems are in
 * `errors` (nats-server would refuse to start) and `warnings`.
 */
export function loadOptionsFromConfig(map: ConfigMap, load: LoadOptions = {}): LoadResult {
  const l = startLoading(load.filename ?? '');
  l.options.configFile = load.filename ?? '';
  applyConfig(l, map, load);
  return finishLoading(l);
}
