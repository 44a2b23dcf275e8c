// How nats-server's Go types come out in its monitoring JSON, so ours reads the
// same to tools that parse the strings (dashboards, prometheus-nats-exporter).

/** Nanoseconds in a millisecond: Go's durations are integer nanoseconds. */
export const NS_PER_MS = 1_000_000;

/**
 * A time.Time as encoding/json writes it (RFC 3339 with nanoseconds, trailing
 * zeros of the fraction dropped), in UTC as nats-server's `now` and `start` are.
 */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const dot = iso.indexOf('.');
  const fraction = iso.slice(dot + 1, -1).replace(/0+$/, '');
  return `${iso.slice(0, dot)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/**
 * nats-server's myUptime: whole seconds, with days and years spelled out
 * ("1y2d3h4m5s", "3m7s", "0s"), for the uptime and idle fields.
 */
export function goUptime(ms: number): string {
  const secs = Math.max(0, Math.floor(ms / 1000));
  const mins = Math.floor(secs / 60);
  const hrs = Math.floor(mins / 60);
  const days = Math.floor(hrs / 24);
  const years = Math.floor(days / 365);
  if (years > 0) return `${years}y${days % 365}d${hrs % 24}h${mins % 60}m${secs % 60}s`;
  if (days > 0) return `${days}d${hrs % 24}h${mins % 60}m${secs % 60}s`;
  if (hrs > 0) return `${hrs}h${mins % 60}m${secs % 60}s`;
  if (mins > 0) return `${mins}m${secs % 60}s`;
  return `${secs}s`;
}

/** Go's fmtFrac: the `precision` low digits of v as a fraction, trailing zeros dropped. */
function fraction(v: number, precision: number): { text: string; rest: number } {
  const scale = 10 ** precision;
  const digits = String(v % scale)
    .padStart(precision, '0')
    .replace(/0+$/, '');
  return { text: digits === '' ? '' : `.${digits}`, rest: Math.floor(v / scale) };
}

/** time.Duration.String(): "0s", "850µs", "1.5ms", "2m3.25s", "26h0m0s". */
export function goDuration(ns: number): string {
  const negative = ns < 0;
  let u = Math.trunc(Math.abs(ns));
  let text: string;
  if (u < 1e9) {
    if (u === 0) return '0s';
    const [precision, unit] = u < 1e3 ? [0, 'ns'] : u < 1e6 ? [3, 'µs'] : [6, 'ms'];
    const { text: frac, rest } = fraction(u, precision);
    text = `${rest}${frac}${unit}`;
  } else {
    const { text: frac, rest } = fraction(u, 9);
    u = rest;
    text = `${u % 60}${frac}s`;
    u = Math.floor(u / 60);
    if (u > 0) {
      text = `${u % 60}m${text}`;
      u = Math.floor(u / 60);
      if (u > 0) text = `${u}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}

/**
 * Go's `omitempty`, for spreading into an object literal so keys keep their
 * order: `{ key: value }`, or nothing when value is Go's zero value (undefined,
 * '', 0, false, an empty list).
 */
export function omitEmpty<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  const empty =
    value === undefined ||
    value === '' ||
    value === 0 ||
    value === false ||
    (Array.isArray(value) && value.length === 0);
  return empty ? {} : ({ [key]: value } as Record<K, V>);
}

// encoding/json escapes these inside strings so the output is safe to embed in
// HTML; they appear nowhere else in JSON text, so replacing them everywhere is exact.
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

// A bigint goes through JSON.stringify as a string with this prefix, then loses
// its quotes: Go's uint64 fields (a -1 limit as 18446744073709551615) keep every
// digit. Only a string starting with a NUL and "bigint:" could be mistaken for one.
const BIGINT_MARK = '\u0000bigint:';
const BIGINT_STRING = /"\\u0000bigint:(-?\d+)"/g;

/**
 * JSON as nats-server writes it: json.MarshalIndent with two spaces for the
 * monitoring pages (`indent`), json.Marshal otherwise; '<', '>' and '&' escaped
 * as \u003c, \u003e, \u0026 like Go does ("foo.>" is "foo.\u003e"). A bigint
 * is written as the exact integer.
 */
export function goJson(value: unknown, indent = true): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? `${BIGINT_MARK}${v}` : v),
    indent ? 2 : undefined,
  )
    .replace(BIGINT_STRING, '$1')
    .replace(GO_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
