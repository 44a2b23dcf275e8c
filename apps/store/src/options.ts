// The command line and the -c file. The file uses nats-server's format with
// the flags' names as keys; a flag given on the command line wins over the file.

import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, formatPosition, parseConfigFile, positionOf } from '@tsnats/config';
import type { ConfigValue } from '@tsnats/config';

export const EXE = 'tsnats-store';
export const STORE_VERSION = '0.1.0';

export interface StoreOptions {
  /** host:port of the gRPC listener for edges. */
  readonly listen: string;
  /** host:port of the health endpoint; '' = none. */
  readonly http: string;
  readonly name: string;
  readonly storeDir: string;
  /** Redis URL; '' keeps streams in files under storeDir. */
  readonly redis: string;
  readonly redisReplicas: number;
  readonly domain: string;
  readonly maxMemoryStore: number;
  readonly maxFileStore: number;
  readonly portsFileDir: string;
  readonly debug: boolean;
  readonly configFile: string;
}

export const USAGE = `Usage: ${EXE} [options]

Stream storage service: JetStream served to tsnats edges (tsnats --store rpc://host:port).

Options:
      --listen <host:port>        Listen for edges on this address (default: 0.0.0.0:7422)
      --http <host:port>          Serve GET /healthz on this address (default: off)
      --name <name>               Server name (default: tsnats-store-<hostname>)
      --store_dir <dir>           Directory of file streams (default: ./data)
      --redis <url>               Keep every stream in Redis (redis://, redis-sentinel://,
                                  redis-cluster://); stores on one Redis are active/standby
      --redis_replicas <n>        WAIT for n Redis replicas before a publish is acknowledged
      --domain <domain>           JetStream domain
      --max_memory_store <bytes>  Limit of memory streams (default: no limit)
      --max_file_store <bytes>    Limit of file streams (default: no limit)
  -c, --config <file>             Configuration file (keys as the flags' names)
      --ports_file_dir <dir>      Write tsnats-store_<pid>.ports there once listening
  -D, --debug                     Debug logs
  -h, --help                      Show this help
  -v, --version                   Show the version
`;

const DEFAULTS: Omit<StoreOptions, 'configFile'> = {
  listen: '0.0.0.0:7422',
  http: '',
  name: `${EXE}-${hostname()}`,
  storeDir: './data',
  redis: '',
  redisReplicas: 0,
  domain: '',
  maxMemoryStore: -1,
  maxFileStore: -1,
  portsFileDir: '',
  debug: false,
};

type Key = keyof typeof DEFAULTS;

/** Flag (and config key) → option; the kind says how its text is read. */
const KEYS: Record<string, { key: Key; kind: 'string' | 'integer' | 'boolean' }> = {
  listen: { key: 'listen', kind: 'string' },
  http: { key: 'http', kind: 'string' },
  name: { key: 'name', kind: 'string' },
  server_name: { key: 'name', kind: 'string' },
  store_dir: { key: 'storeDir', kind: 'string' },
  redis: { key: 'redis', kind: 'string' },
  redis_replicas: { key: 'redisReplicas', kind: 'integer' },
  domain: { key: 'domain', kind: 'string' },
  max_memory_store: { key: 'maxMemoryStore', kind: 'integer' },
  max_file_store: { key: 'maxFileStore', kind: 'integer' },
  ports_file_dir: { key: 'portsFileDir', kind: 'string' },
  debug: { key: 'debug', kind: 'boolean' },
};

export type LoadResult =
  | { readonly kind: 'run'; readonly options: StoreOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

type Values = Partial<Record<Key, string | number | boolean>>;

export function loadOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): LoadResult {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    return { kind: 'error', message: describe(error) };
  }
  const flags = parsed.values;
  if (flags.help === true) return { kind: 'help' };
  if (flags.version === true) return { kind: 'version' };
  if (parsed.positionals.length > 0) {
    return { kind: 'error', message: `unexpected argument '${parsed.positionals[0]}'` };
  }
  const configFile = flags.config ?? '';
  try {
    const fromFile = configFile === '' ? {} : readConfig(configFile, env);
    const fromFlags: Values = {};
    for (const [flag, value] of Object.entries(flags)) {
      const spec = KEYS[flag];
      if (spec === undefined || value === undefined) continue;
      fromFlags[spec.key] = spec.kind === 'integer' ? integer(String(value), `--${flag}`) : value;
    }
    const options = { ...DEFAULTS, ...fromFile, ...fromFlags, configFile } as StoreOptions;
    checkAddress(options.listen, 'listen');
    if (options.http !== '') checkAddress(options.http, 'http');
    if (options.redisReplicas < 0) throw new Error('redis_replicas must not be negative');
    return { kind: 'run', options };
  } catch (error) {
    return { kind: 'error', message: describe(error) };
  }
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      listen: { type: 'string' },
      http: { type: 'string' },
      name: { type: 'string' },
      store_dir: { type: 'string' },
      redis: { type: 'string' },
      redis_replicas: { type: 'string' },
      domain: { type: 'string' },
      max_memory_store: { type: 'string' },
      max_file_store: { type: 'string' },
      ports_file_dir: { type: 'string' },
      config: { type: 'string', short: 'c' },
      debug: { type: 'boolean', short: 'D' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function readConfig(file: string, env: NodeJS.ProcessEnv): Values {
  const config = parseConfigFile(file, { env });
  const values: Values = {};
  for (const [name, value] of Object.entries(config)) {
    const at = positionOf(config, name);
    const where = at === undefined ? file : formatPosition(at);
    const spec = KEYS[name];
    if (spec === undefined) throw new Error(`${where}: unknown key '${name}'`);
    values[spec.key] = fileValue(value, spec.kind, `${where}: ${name}`);
  }
  return values;
}

function fileValue(
  value: ConfigValue,
  kind: 'string' | 'integer' | 'boolean',
  what: string,
): string | number | boolean {
  if (kind === 'boolean' && typeof value === 'boolean') return value;
  if (kind === 'string' && (typeof value === 'string' || typeof value === 'number')) {
    return String(value);
  }
  if (kind === 'integer' && (typeof value === 'number' || typeof value === 'bigint')) {
    return integer(String(value), what);
  }
  throw new Error(`${what}: expected ${kind === 'integer' ? 'an integer' : `a ${kind}`}`);
}

function integer(text: string, what: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new Error(`${what}: '${text}' is not an integer`);
  }
  return value;
}

function checkAddress(address: string, what: string): void {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:/\s]*):(\d+)$/.exec(address);
  const port = match === null ? NaN : Number(match[2]);
  if (!(port >= 0 && port < 65536))
    throw new Error(`${what}: expected host:port, got '${address}'`);
}

/** host:port split (brackets of an IPv6 host removed); '' host means every interface. */
export function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  return { host: host === '' ? '0.0.0.0' : host, port: Number(address.slice(colon + 1)) };
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
