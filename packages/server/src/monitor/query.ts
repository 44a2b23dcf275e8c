// The query parameters of the monitoring endpoints, decoded as nats-server's
// handlers decode them (decodeBool, decodeInt, decodeUint64, decodeState), with
// the same error texts: a bad value is the caller's mistake, a 400, never a 500.
import type { ConnState, ConnzOptions } from './connz.js';
import type { HealthzOptions } from './healthz.js';
import type { RoutezOptions } from './routez.js';
import type { SubszOptions } from './subsz.js';

/** A query nats-server answers with 400 Bad Request and this text. */
export class MonitorQueryError extends Error {
  override readonly name = 'MonitorQueryError';
}

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseBool, as decodeBool reports it. */
export function decodeBool(params: URLSearchParams, name: string): boolean {
  const text = params.get(name) ?? '';
  if (text === '' || FALSE.has(text)) return false;
  if (TRUE.has(text)) return true;
  throw new MonitorQueryError(
    `Error decoding boolean for '${name}': strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`,
  );
}

/** strconv.Atoi (64-bit int), as decodeInt reports it. */
export function decodeInt(params: URLSearchParams, name: string): number {
  const text = params.get(name) ?? '';
  if (text === '') return 0;
  return Number(
    parseInteger(
      text,
      /^[+-]?\d+$/,
      INT64_MIN,
      INT64_MAX,
      `Error decoding int for '${name}'`,
      'Atoi',
    ),
  );
}

/** strconv.ParseUint(s, 10, 64), as decodeUint64 reports it. */
export function decodeUint64(params: URLSearchParams, name: string): number {
  const text = params.get(name) ?? '';
  if (text === '') return 0;
  const where = `Error decoding uint64 for '${name}'`;
  return Number(parseInteger(text, /^\d+$/, 0n, UINT64_MAX, where, 'ParseUint'));
}

function parseInteger(
  text: string,
  syntax: RegExp,
  min: bigint,
  max: bigint,
  where: string,
  func: string,
): bigint {
  const prefix = `${where}: strconv.${func}: parsing ${JSON.stringify(text)}`;
  if (!syntax.test(text)) throw new MonitorQueryError(`${prefix}: invalid syntax`);
  const value = BigInt(text);
  if (value < min || value > max) throw new MonitorQueryError(`${prefix}: value out of range`);
  return value;
}

/** decodeSubs: `subs=detail` (any case) for details, else a boolean. */
function decodeSubs(params: URLSearchParams): { subs: boolean; detail: boolean } {
  if ((params.get('subs') ?? '').toLowerCase() === 'detail') return { subs: false, detail: true };
  return { subs: decodeBool(params, 'subs'), detail: false };
}

function decodeState(params: URLSearchParams): ConnState {
  const text = params.get('state') ?? '';
  switch (text.toLowerCase()) {
    case '':
    case 'open':
      return 'open';
    case 'closed':
      return 'closed';
    case 'any':
    case 'all':
      return 'any';
    default:
      throw new MonitorQueryError(`Error decoding state for ${text}`);
  }
}

/** /connz: sort, auth, subs, offset, limit, cid, state, user, acc, mqtt_client. */
export function connzQuery(params: URLSearchParams): ConnzOptions {
  const sort = params.get('sort') ?? '';
  const auth = decodeBool(params, 'auth');
  const { subs, detail } = decodeSubs(params);
  return {
    sort,
    auth,
    subscriptions: subs,
    subscriptionsDetail: detail,
    offset: decodeInt(params, 'offset'),
    limit: decodeInt(params, 'limit'),
    cid: decodeUint64(params, 'cid'),
    state: decodeState(params),
    user: params.get('user') ?? '',
    account: params.get('acc') ?? '',
    mqttClient: params.get('mqtt_client') ?? '',
  };
}

/** /subsz: subs, offset, limit, test, acc. */
export function subszQuery(params: URLSearchParams): SubszOptions {
  return {
    subscriptions: decodeBool(params, 'subs'),
    offset: decodeInt(params, 'offset'),
    limit: decodeInt(params, 'limit'),
    test: params.get('test') ?? '',
    account: params.get('acc') ?? '',
  };
}

/** /healthz: js-enabled (deprecated), js-enabled-only, js-server-only, details, account, stream, consumer. */
export function healthzQuery(params: URLSearchParams): HealthzOptions {
  return {
    jsEnabled: decodeBool(params, 'js-enabled'),
    jsEnabledOnly: decodeBool(params, 'js-enabled-only'),
    jsServerOnly: decodeBool(params, 'js-server-only'),
    details: decodeBool(params, 'details'),
    account: params.get('account') ?? '',
    stream: params.get('stream') ?? '',
    consumer: params.get('consumer') ?? '',
  };
}

/** /routez: subs. */
export function routezQuery(params: URLSearchParams): RoutezOptions {
  const { subs, detail } = decodeSubs(params);
  return { subscriptions: subs, subscriptionsDetail: detail };
}
