// Flags and configuration file together, as nats-server's ConfigureOptions does:
// parse the flags, load the file named by -c, then apply the flags given over what
// the file set (flags win), then the defaults.

import { ConfigError } from '../errors.js';
import { parseConfig } from '../parser.js';
import type { ConfigMap } from '../types.js';
import { parseCommandLine, type CommandLine, type FlagValue } from './cli.js';
import { OptionError } from './diagnostics.js';
import {
  applyConfig,
  finishLoading,
  startLoading,
  type LoadResult,
  type UnknownFieldPolicy,
} from './load.js';
import { splitHostPort } from './sections.js';
import type { ServerOptions } from './types.js';

export interface LoadServerOptions {
  /** The arguments, without the program name (process.argv.slice(2)). */
  argv: readonly string[];
  /** Where `$NAME` falls back to (process.env for nats-server's behaviour). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads the -c file and its includes. Without it, -c is an error. */
  readFile?: (path: string) => string;
  unknownTopLevelFields?: UnknownFieldPolicy;
}

export interface ServerOptionsResult {
  options: ServerOptions;
  /** Option errors, and a rejected flag or a file that cannot be read or parsed (ConfigError). */
  errors: ConfigError[];
  warnings: LoadResult['warnings'];
  /** The parsed command line; undefined when a flag was rejected (see errors). */
  commandLine: CommandLine | undefined;
}

function noPosition(kind: 'flag' | 'io', reason: string): OptionError {
  return new OptionError(kind, { file: '', line: 0, column: 0 }, '', reason);
}

/** overrideCluster: --cluster / --cluster_listen `nats://[user:pass@]host:port`; '' turns clustering off. */
function overrideCluster(o: ServerOptions, listen: string): string | undefined {
  if (listen === '') {
    o.cluster.port = 0;
    return undefined;
  }
  let text = listen;
  const wantsRandom = text.endsWith(':-1');
  if (wantsRandom) text = `${text.slice(0, -3)}:0`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `parse ${JSON.stringify(text)}: invalid URL`;
  }
  const split = splitHostPort(url.host);
  if (typeof split === 'string') return `address ${url.host}: ${split}`;
  o.cluster.host = split[0].replace(/^\[(.*)\]$/, '$1');
  o.cluster.port = wantsRandom ? -1 : Number(split[1] === '' ? 'NaN' : split[1]);
  const userinfo = /^[^:/?#]+:\/\/([^@/?#]*)@/.exec(text)?.[1];
  if (userinfo !== undefined) {
    if (!userinfo.includes(':')) return 'expected cluster password to be set';
    o.cluster.untyped.username = decodeURIComponent(url.username);
    o.cluster.untyped.password = decodeURIComponent(url.password);
  } else {
    delete o.cluster.untyped.username;
    delete o.cluster.untyped.password;
  }
  return undefined;
}

/**
 * Applies the flags given over options loaded from a file (the second fs.Parse of
 * ConfigureOptions, then its special handling). Returns nats-server's error, if any.
 */
export function applyFlags(
  o: ServerOptions,
  flags: ReadonlyMap<string, FlagValue>,
): string | undefined {
  const s = (v: FlagValue): string => String(v);
  const n = (v: FlagValue): number => Number(v);
  const b = (v: FlagValue): boolean => v === true;
  let tlsOverride = false;
  let tlsDisabled = false;
  for (const [name, v] of flags) {
    switch (name) {
      case 'port':
        o.port = n(v);
        break;
      case 'server_name':
        o.serverName = s(v);
        break;
      case 'addr':
        o.host = s(v);
        break;
      case 'client_advertise':
        o.clientAdvertise = s(v);
        break;
      case 'debug':
        o.debug = b(v);
        break;
      case 'trace':
        o.trace = b(v);
        break;
      case 'logtime':
        o.logtime = b(v);
        break;
      case 'user':
        o.authorization.user = s(v);
        break;
      case 'pass':
        o.authorization.password = s(v);
        break;
      case 'auth':
        o.authorization.token = s(v);
        break;
      case 'http_port':
        o.httpPort = n(v);
        break;
      case 'https_port':
        o.httpsPort = n(v);
        break;
      case 'pid':
        o.pidFile = s(v);
        break;
      case 'ports_file_dir':
        o.portsFileDir = s(v);
        break;
      case 'log':
        o.logFile = s(v);
        break;
      case 'cluster_name':
        o.cluster.name = s(v);
        break;
      case 'jetstream':
        o.jetstream.enabled = b(v);
        break;
      case 'store_dir':
        o.jetstream.storeDir = s(v);
        break;
      case 'store':
        o.jetstream.storeUrl = s(v);
        o.jetstream.enabled = true;
        break;
      case 'api_token':
        o.restApi.tokens = [s(v)];
        break;
      // Not typed yet: kept under the configuration key they correspond to.
      case 'logtime_utc':
        o.untyped.logtime_utc = v;
        break;
      case 'log_size_limit':
        o.untyped.log_size_limit = v;
        break;
      case 'syslog':
        o.untyped.syslog = v;
        break;
      case 'remote_syslog':
        o.untyped.remote_syslog = v;
        break;
      case 'profile':
        o.untyped.prof_port = v;
        break;
      case 'max_traced_msg_len':
        o.untyped.max_traced_msg_len = v;
        break;
      case 'cluster_advertise':
        o.cluster.untyped.cluster_advertise = v;
        break;
      case 'no_advertise':
        o.cluster.untyped.no_advertise = v;
        break;
      case 'connect_retries':
        o.cluster.untyped.connect_retries = v;
        break;
    }
  }
  // Go visits the set flags in name order for the flags that need more than a variable.
  for (const name of [...flags.keys()].sort()) {
    const v = flags.get(name) as FlagValue;
    if (name.startsWith('tls')) {
      if (name === 'tls' && v === false) {
        tlsDisabled = true;
        tlsOverride = false;
        o.tls = undefined;
      } else if (name === 'tls' || !tlsDisabled) tlsOverride = true;
      continue;
    }
    switch (name) {
      case 'VV':
        o.trace = o.traceVerbose = b(v);
        break;
      case 'DVV':
        o.trace = o.debug = o.traceVerbose = b(v);
        break;
      case 'DV':
        o.trace = o.debug = b(v);
        break;
      case 'cluster': {
        const err = overrideCluster(o, s(v));
        if (err !== undefined) return err;
        break;
      }
      case 'routes': {
        const text = s(v);
        o.cluster.routes = text === '' ? [] : text.split(',').map((r) => r.trim());
        break;
      }
    }
  }
  if (tlsOverride) {
    const str = (k: string): string => {
      const v = flags.get(k);
      return typeof v === 'string' ? v : '';
    };
    if (str('tlscert') === '') return 'TLS Server certificate must be present and valid';
    if (str('tlskey') === '') return 'TLS Server private key must be present and valid';
    o.tls = {
      certFile: str('tlscert'),
      keyFile: str('tlskey'),
      caFile: str('tlscacert'),
      verify: flags.get('tlsverify') === true,
      timeoutSeconds: o.tls?.timeoutSeconds ?? 0,
      untyped: {},
    };
  }
  const routes = flags.get('routes');
  if (
    typeof routes === 'string' &&
    routes !== '' &&
    (flags.get('cluster') ?? '') === '' &&
    o.cluster.host === '' &&
    o.cluster.port === 0
  ) {
    return 'solicited routes require cluster capabilities, e.g. --cluster';
  }
  return undefined;
}

/**
 * nats-server's start-up configuration: flags, the -c file, flags over the file,
 * defaults. Never throws: a rejected flag, an unreadable or unparsable file, and
 * every option error are in `errors`. Check `commandLine.showHelp` / `showVersion`.
 */
export function loadServerOptions(input: LoadServerOptions): ServerOptionsResult {
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(input.argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const l = startLoading('');
    const result = finishLoading(l);
    return { ...result, errors: [noPosition('flag', error.reason)], commandLine: undefined };
  }
  const file = commandLine.configFile;
  const l = startLoading(file);
  l.options.configFile = file;
  const extra: ConfigError[] = [];
  if (file !== '') {
    let map: ConfigMap | undefined;
    try {
      if (input.readFile === undefined) throw new Error('no readFile given');
      const text = input.readFile(file);
      map = parseConfig(text, { filename: file, env: input.env, readFile: input.readFile });
    } catch (error) {
      if (error instanceof ConfigError) extra.push(error);
      else {
        const why = error instanceof Error ? error.message : String(error);
        extra.push(noPosition('io', `cannot read config file ${JSON.stringify(file)}: ${why}`));
      }
    }
    if (map !== undefined)
      applyConfig(l, map, { filename: file, unknownTopLevelFields: input.unknownTopLevelFields });
  } else if (commandLine.checkConfig) {
    extra.push(
      noPosition('flag', 'must specify [-c, --config] option to check configuration file syntax'),
    );
  }
  const flagError = applyFlags(l.options, commandLine.flags);
  if (flagError !== undefined) extra.push(noPosition('flag', flagError));
  const result = finishLoading(l);
  return { ...result, errors: [...extra, ...result.errors], commandLine };
}
