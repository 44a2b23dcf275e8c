// Scalar items to values, as conf/parse.go's processItem converts them.

type Fail = (reason: string) => never;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Size suffixes, lower-cased: the bare letter is a power of 1000, with b, i or ib
 * a power of 1024 (so 1k = 1000, 1kb = 1ki = 1kib = 1024), up to e (exa).
 */
const MULTIPLIERS: ReadonlyMap<string, bigint> = (() => {
  const table = new Map<string, bigint>([['', 1n]]);
  ['k', 'm', 'g', 't', 'p', 'e'].forEach((letter, i) => {
    const exponent = BigInt(i + 1);
    table.set(letter, 1000n ** exponent);
    for (const binary of ['b', 'i', 'ib']) table.set(letter + binary, 1024n ** exponent);
  });
  return table;
})();

const DIGITS = /^-?[0-9]+$/;

function isDigitOrMinus(ch: string): boolean {
  return ch === '-' || /^\p{Nd}$/u.test(ch);
}

/** An integer with an optional size suffix: "22", "-1", "8k", "64MiB". */
export function parseInteger(text: string, fail: Fail): number | bigint {
  let digits = '';
  for (const ch of text) {
    if (!isDigitOrMinus(ch)) break;
    digits += ch;
  }
  if (!DIGITS.test(digits)) fail(`expected integer, but got '${text}'`);
  const num = BigInt(digits);
  if (num < INT64_MIN || num > INT64_MAX) fail(`integer '${text}' is out of the range`);
  const suffix = text.slice(digits.length).trim().toLowerCase();
  const multiplier = MULTIPLIERS.get(suffix);
  // Go sets no value at all for an unknown suffix (e.g. "1kbb"): the key is lost.
  if (multiplier === undefined) fail(`invalid size suffix '${suffix}' in '${text}'`);
  const value = num * multiplier;
  // Go's int64 multiplication wraps around silently.
  if (value < INT64_MIN || value > INT64_MAX) fail(`integer '${text}' is out of the range`);
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

export function parseFloat64(text: string, fail: Fail): number {
  if (!/^-?[0-9]+\.[0-9]+$/.test(text)) fail(`expected float, but got '${text}'`);
  const value = Number(text);
  if (!Number.isFinite(value)) fail(`float '${text}' is out of the range`);
  return value;
}

export function parseBool(text: string, fail: Fail): boolean {
  switch (text.toLowerCase()) {
    case 'true':
    case 'yes':
    case 'on':
      return true;
    case 'false':
    case 'no':
    case 'off':
      return false;
  }
  return fail(`expected boolean value, but got '${text}'`);
}

const ZULU = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** YYYY-MM-DDTHH:MM:SSZ, checked as Go's time.Parse checks it (no 24:00, no Feb 30). */
export function parseDatetime(text: string, fail: Fail): Date {
  const m = ZULU.exec(text);
  const bad = (): never => fail(`expected Zulu formatted DateTime, but got '${text}'`);
  if (m === null) return bad();
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) bad();
  if (hour > 23 || minute > 59 || second > 59) bad();
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date;
}
