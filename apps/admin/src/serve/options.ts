// `tsnats-admin serve`'s flags. --edges and --token repeat or take comma
// separated lists, as --store does.

import { parseArgs } from 'node:util';
import { parseStoreUrl } from '@tsnats/rpc';
import { EXE } from '../version.js';

export interface ServeOptions {
  /** host:port of each store service, in the order they are tried first. */
  readonly stores: readonly string[];
  /** Monitoring base URLs of the edges (/varz, /routez). */
  readonly edges: readonly string[];
  readonly listen: { readonly host: string; readonly port: number };
  readonly tokens: readonly string[];
  readonly portsFileDir: string;
  /** How long one store gets to answer a request. */
  readonly timeoutMs: number;
  readonly debug: boolean;
}

export const SERVE_USAGE = `Usage: ${EXE} serve --store rpc://host:port[,host:port] [options]

The REST admin API (/api/v1, OpenAPI at /api/v1/openapi.json, docs at /api/docs)
for a split deployment: JetStream through the store services over gRPC, servers
from the edges' monitoring endpoints.

Options:
      --store <rpc://h:p,...>     Store services; with several (active/standby), each
                                  request goes to the one that answers (required)
      --edges <url,...>           Edges' monitoring URLs, e.g. http://edge-1:8222
      --listen <host:port>        Listen on this address (default: 127.0.0.1:8080)
      --token <token>             Require Authorization: Bearer <token> (repeatable);
                                  without one, only loopback clients are answered
      --timeout <ms>              How long a store gets to answer (default: 5000)
      --ports_file_dir <dir>      Write ${EXE}_<pid>.ports there once listening
  -D, --debug                     Log every request
  -h, --help                      Show this help
`;

export type ServeLoad =
  | { readonly kind: 'run'; readonly options: ServeOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const list = (values: readonly string[] | undefined): string[] =>
  (values ?? []).flatMap((value) => value.split(',')).map((entry) => entry.trim());

export function loadServeOptions(argv: readonly string[]): ServeLoad {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        store: { type: 'string', multiple: true },
        edges: { type: 'string', multiple: true },
        listen: { type: 'string', default: '127.0.0.1:8080' },
        token: { type: 'string', multiple: true },
        timeout: { type: 'string', default: '5000' },
        ports_file_dir: { type: 'string', default: '' },
        debug: { type: 'boolean', short: 'D', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
    if (values.store === undefined) throw new Error('--store is required');
    const tokens = list(values.token);
    if (tokens.includes('')) throw new Error('--token must not be empty');
    return {
      kind: 'run',
      options: {
        stores: values.store.flatMap(parseStoreUrl),
        edges: list(values.edges)
          .filter((edge) => edge !== '')
          .map(edgeUrl),
        listen: listenAddress(values.listen),
        tokens,
        portsFileDir: values.ports_file_dir,
        timeoutMs: positiveInteger(values.timeout, '--timeout'),
        debug: values.debug,
      },
    };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

function edgeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--edges: '${text}' is not a URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--edges: '${text}' is not an http(s) URL`);
  }
  return url.href.replace(/\/+$/, '');
}

function listenAddress(address: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:/\s]*):(\d+)$/.exec(address);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || !(port >= 0 && port < 65536)) {
    throw new Error(`--listen: expected host:port, got '${address}'`);
  }
  const host = match[1].replace(/^\[|\]$/g, '');
  return { host: host === '' ? '0.0.0.0' : host, port };
}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value === 0) {
    throw new Error(`${what}: '${text}' is not a positive integer`);
  }
  return value;
}
