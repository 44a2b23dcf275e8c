// nats-server's command line: the flags ConfigureOptions defines (server/opts.go),
// read as Go's flag package reads them: `-flag`, `--flag`, `-flag=value`,
// `-flag value` (not for booleans), `--` ends the flags, and so does the first
// argument that is not one; after the flags, only `version` or `help` may follow.

import { ConfigError } from '../errors.js';

type Kind = 'bool' | 'int' | 'string';

interface FlagSpec {
  /** The canonical name: aliases that set the same Go variable share it. */
  readonly name: string;
  readonly kind: Kind;
}

const FLAGS = new Map<string, FlagSpec>();
function define(kind: Kind, ...names: string[]): void {
  for (const n of names) FLAGS.set(n, { name: names[names.length - 1], kind });
}
define('bool', 'h', 'help');
define('int', 'p', 'port');
define('string', 'n', 'name', 'server_name');
define('string', 'a', 'net', 'addr');
define('string', 'client_advertise');
define('bool', 'D', 'debug');
define('bool', 'V', 'trace');
define('bool', 'VV');
define('bool', 'DV');
define('bool', 'DVV');
define('bool', 'T', 'logtime');
define('bool', 'logtime_utc');
define('string', 'user');
define('string', 'pass');
define('string', 'auth');
define('int', 'm', 'http_port');
define('int', 'ms', 'https_port');
define('string', 'c', 'config');
define('bool', 't');
define('string', 'sl', 'signal');
define('string', 'P', 'pid');
define('string', 'ports_file_dir');
define('string', 'l', 'log');
define('int', 'log_size_limit');
define('bool', 's', 'syslog');
define('string', 'r', 'remote_syslog');
define('bool', 'v', 'version');
define('int', 'profile');
define('string', 'routes');
define('string', 'cluster_listen', 'cluster');
define('string', 'cluster_advertise');
define('bool', 'no_advertise');
define('int', 'connect_retries');
define('string', 'cluster_name');
define('bool', 'help_tls');
define('bool', 'tls');
define('bool', 'tlsverify');
define('string', 'tlscert');
define('string', 'tlskey');
define('string', 'tlscacert');
define('int', 'max_traced_msg_len');
define('bool', 'js', 'jetstream');
define('string', 'sd', 'store_dir');
define('string', 'store');
define('string', 'api_token');

export type FlagValue = string | number | boolean;

export interface CommandLine {
  /**
   * The flags given, by canonical name (`port` for -p, `server_name` for -n and
   * --name, `addr` for -a and --net, `cluster` for --cluster_listen, ...); the
   * last value given wins, as when Go's flags share a variable.
   */
  readonly flags: ReadonlyMap<string, FlagValue>;
  /** -c / --config; '' for none. */
  readonly configFile: string;
  readonly showHelp: boolean;
  readonly showVersion: boolean;
  readonly showTlsHelp: boolean;
  /** -t: test the configuration and exit. */
  readonly checkConfig: boolean;
  /** -sl / --signal; '' for none. */
  readonly signal: string;
}

/** strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64), as flag.IntVar uses: an Error with flag's text, or the number. */
function parseInt64(s: string): number | string {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return 'parse error';
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (value > (1n << 63n) - 1n || value < -(1n << 63n)) return 'value out of range';
  return Number(value);
}

function fail(reason: string): never {
  throw new ConfigError('flag', { file: '', line: 0, column: 0 }, reason);
}

/**
 * Parses nats-server's arguments (without the program name). Throws a ConfigError
 * of kind 'flag' with Go's text on the first bad flag, as nats-server stops there:
 * `flag provided but not defined: -x`, `flag needs an argument: -p`,
 * `invalid value "abc" for flag -p: parse error`, `unrecognized command: "x"`.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const flags = new Map<string, FlagValue>();
  let i = 0;
  while (i < argv.length) {
    const s = argv[i];
    if (s.length < 2 || s[0] !== '-') break;
    let minuses = 1;
    if (s[1] === '-') {
      minuses = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') fail(`bad flag syntax: ${s}`);
    i++;
    let value: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = FLAGS.get(name);
    if (spec === undefined) fail(`flag provided but not defined: -${name}`);
    if (spec.kind === 'bool') {
      if (value === undefined) flags.set(spec.name, true);
      else {
        const b = parseBool(value);
        if (b === undefined)
          fail(`invalid boolean value ${JSON.stringify(value)} for -${name}: parse error`);
        flags.set(spec.name, b);
      }
      continue;
    }
    if (value === undefined) {
      if (i >= argv.length) fail(`flag needs an argument: -${name}`);
      value = argv[i++];
    }
    if (spec.kind === 'int') {
      const n = parseInt64(value);
      if (typeof n === 'string')
        fail(`invalid value ${JSON.stringify(value)} for flag -${name}: ${n}`);
      flags.set(spec.name, n);
    } else {
      flags.set(spec.name, value);
    }
  }
  let showHelp = flags.get('help') === true;
  let showVersion = flags.get('version') === true;
  // ProcessCommandLineArgs: what follows the flags may only be a command.
  const rest = argv.slice(i);
  if (rest.length > 0) {
    const command = rest[0].toLowerCase();
    if (command === 'version') showVersion = true;
    else if (command === 'help') showHelp = true;
    else fail(`unrecognized command: ${JSON.stringify(rest[0])}`);
  }
  const str = (n: string): string => {
    const v = flags.get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    flags,
    configFile: str('config'),
    showHelp,
    showVersion,
    showTlsHelp: flags.get('help_tls') === true,
    checkConfig: flags.get('t') === true,
    signal: str('signal'),
  };
}

/** main.go's usage text, as nats-server prints it for -h. */
export const USAGE = `
Usage: nats-server [options]

Server Options:
    -a, --addr, --net <host>         Bind to host address (default: 0.0.0.0)
    -p, --port <port>                Use port for clients (default: 4222)
    -n, --name
        --server_name <server_name>  Server name (default: auto)
    -P, --pid <file>                 File to store PID
    -m, --http_port <port>           Use port for http monitoring
    -ms,--https_port <port>          Use port for https monitoring
    -c, --config <file>              Configuration file
    -t                               Test configuration and exit
    -sl,--signal <signal>[=<pid>]    Send signal to nats-server process (ldm, stop, quit, term, reopen, reload)
                                     <pid> can be either a PID (e.g. 1) or the path to a PID file (e.g. /var/run/nats-server.pid)
        --client_advertise <string>  Client URL to advertise to other servers
        --ports_file_dir <dir>       Creates a ports file in the specified directory (<executable_name>_<pid>.ports).
        --api_token <token>          Bearer token of the REST admin API on the http port (tsnats; without one
                                     only loopback clients may use it)

Logging Options:
    -l, --log <file>                 File to redirect log output
    -T, --logtime                    Timestamp log entries (default: true)
    -s, --syslog                     Log to syslog or windows event log
    -r, --remote_syslog <addr>       Syslog server addr (udp://localhost:514)
    -D, --debug                      Enable debugging output
    -V, --trace                      Trace the raw protocol
    -VV                              Verbose trace (traces system account as well)
    -DV                              Debug and trace
    -DVV                             Debug and verbose trace (traces system account as well)
        --log_size_limit <limit>     Logfile size limit (default: auto)
        --max_traced_msg_len <len>   Maximum printable length for traced messages (default: unlimited)

JetStream Options:
    -js, --jetstream                 Enable JetStream functionality
    -sd, --store_dir <dir>           Set the storage directory
        --store <rpc://host:port,...> Keep streams in tsnats store services (split deployment)

Authorization Options:
        --user <user>                User required for connections
        --pass <password>            Password required for connections
        --auth <token>               Authorization token required for connections

TLS Options:
        --tls                        Enable TLS, do not verify clients (default: false)
        --tlscert <file>             Server certificate file
        --tlskey <file>              Private key for server certificate
        --tlsverify                  Enable TLS, verify client certificates
        --tlscacert <file>           Client certificate CA for verification

Cluster Options:
        --routes <rurl-1, rurl-2>    Routes to solicit and connect
        --cluster <cluster-url>      Cluster URL for solicited routes
        --cluster_name <string>      Cluster Name, if not set one will be dynamically generated
        --no_advertise <bool>        Do not advertise known cluster information to clients
        --cluster_advertise <string> Cluster URL to advertise to other servers
        --connect_retries <number>   For implicit routes, number of connect retries
        --cluster_listen <url>       Cluster url from which members can solicit routes

Profiling Options:
        --profile <port>             Profiling HTTP port

Common Options:
    -h, --help                       Show this message
    -v, --version                    Show version
        --help_tls                   TLS help
`;
