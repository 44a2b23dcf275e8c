// Small helpers that reproduce Go behaviour the config checks depend on: byte
// lengths, %q quoting, time.Duration's String(), RFC 3339 times, reflect.DeepEqual
// on configs.

const encoder = new TextEncoder();

/** Length in UTF-8 bytes, as Go's len(string). */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** nats-server's isValidName: non-empty, none of " \t\r\n\f.*>". */
export function isValidName(name: string | undefined): boolean {
  return name !== undefined && name !== '' && !/[ \t\r\n\f.*>]/.test(name);
}

/** Go's strings.ContainsAny(name, `\/`): names that would be paths. */
export function hasPathSeparator(name: string): boolean {
  return name.includes('/') || name.includes('\\');
}

/** Go's %q for strings (strconv.Quote), for the printable text config errors quote. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += '\\' + char;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += char;
  }
  return out + '"';
}

function fraction(value: bigint, precision: number): [string, bigint] {
  // Go's fmtFrac: the digits of value's last `precision` decimals, trailing zeros dropped.
  let digits = '';
  let printed = false;
  let rest = value;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = digit.toString() + digits;
    rest /= 10n;
  }
  return [printed ? '.' + digits : '', rest];
}

/** Go's time.Duration.String() for a duration in nanoseconds: "2m0s", "1.5s", "100ms". */
export function formatGoDuration(nanos: number | bigint): string {
  let value = BigInt(nanos);
  if (value === 0n) return '0s';
  const negative = value < 0n;
  if (negative) value = -value;
  let text: string;
  if (value < 1_000_000_000n) {
    if (value < 1000n) text = `${value}ns`;
    else if (value < 1_000_000n) {
      const [frac, whole] = fraction(value, 3);
      text = `${whole}${frac}µs`;
    } else {
      const [frac, whole] = fraction(value, 6);
      text = `${whole}${frac}ms`;
    }
  } else {
    const [frac, seconds] = fraction(value, 9);
    text = `${seconds % 60n}${frac}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      text = `${minutes % 60n}m${text}`;
      const hours = minutes / 60n;
      if (hours > 0n) text = `${hours}h${text}`;
    }
  }
  return negative ? '-' + text : text;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Nanoseconds since the epoch of an RFC 3339 time as Go's time.Time accepts it in
 * JSON, or undefined when Go would reject it.
 */
export function parseTime(text: string): bigint | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, frac = '', zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // Day 0 of the next month is the last of this one (setUTCFullYear: no 19xx for years < 100).
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo, 0);
  if (d > probe.getUTCDate()) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 23 || zoneMinutes > 59) return undefined;
    offsetMinutes = (zoneHours * 60 + zoneMinutes) * (zone.startsWith('-') ? -1 : 1);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const seconds = BigInt(date.getTime() / 1000) - BigInt(offsetMinutes * 60);
  return seconds * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
}

function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Deep equality of two configs as reflect.DeepEqual compares the Go structs, except
 * that a missing field equals its zero value, an empty array or an empty object (Go's
 * nil and empty slices both disappear in JSON, so a client cannot tell them apart).
 */
export function configsEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => configsEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!configsEqual(left[key], right[key])) return false;
  }
  return true;
}

/** How a field of a Go struct is written: always, omitempty, or a pointer (absent when nil). */
export type FieldRule = 'always' | 'omitempty' | 'pointer';

function isEmptyValue(value: unknown): boolean {
  return isZero(value) || (Array.isArray(value) && value.length === 0);
}

/**
 * The fields of `source` in a Go struct's order, as encoding/json writes them:
 * missing fields dropped, omitempty ones dropped when zero or empty, and map
 * keys (metadata) sorted.
 */
export function goStruct<T extends object>(
  source: T,
  layout: ReadonlyArray<readonly [keyof T & string, FieldRule]>,
): T {
  const record = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, rule] of layout) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const isMap = typeof value === 'object' && !Array.isArray(value) && key === 'metadata';
    if (rule === 'omitempty') {
      if (isEmptyValue(value)) continue;
      if (isMap && Object.keys(value).length === 0) continue;
    }
    out[key] = isMap
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value;
  }
  return out as T;
}
