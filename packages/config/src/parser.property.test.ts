import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '@tsnats/testkit';
import { parseConfig, type ConfigArray, type ConfigMap, type ConfigValue } from './index.js';

// Random nested maps and arrays of strings, numbers, booleans and dates, written
// out in the conf format in varied styles (quoting, separators, comments), parse
// back to the same object.

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const BARE_VALUE = /^[A-Za-z_][A-Za-z0-9_./@>*-]*$/;
const BOOL_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

class Writer {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  private pick<T>(options: readonly T[]): T {
    return options[Math.floor(this.random() * options.length)];
  }

  key(key: string): string {
    if (BARE_KEY.test(key) && key.toLowerCase() !== 'include' && this.random() < 0.7) return key;
    return this.random() < 0.5 || key.includes("'") ? `"${key}"` : `'${key}'`;
  }

  string(s: string): string {
    const lower = s.toLowerCase();
    if (BARE_VALUE.test(s) && !BOOL_WORDS.has(lower) && this.random() < 0.5) return s;
    if (!s.includes("'") && !s.includes('\0') && this.random() < 0.3) return `'${s}'`;
    const escaped = s
      .replaceAll('\\', '\\\\')
      .replaceAll('"', '\\"')
      .replaceAll('\0', '\\x00')
      .replaceAll('\t', this.pick(['\t', '\\t']))
      .replaceAll('\n', this.pick(['\n', '\\n']));
    return `"${escaped}"`;
  }

  value(v: ConfigValue, depth: number): string {
    if (typeof v === 'string') return this.string(v);
    if (typeof v === 'boolean') {
      const words = v ? ['true', 'TRUE', 'yes', 'On'] : ['false', 'False', 'no', 'OFF'];
      return this.pick(words);
    }
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
    if (Array.isArray(v)) return this.array(v, depth);
    return `{${this.entries(v, depth + 1)}\n${'  '.repeat(depth)}}`;
  }

  array(values: ConfigArray, depth: number): string {
    if (values.length === 0) return '[]';
    const pad = `\n${'  '.repeat(depth + 1)}`;
    const items = values.map((v, i) => {
      const sep = i === 0 ? pad : this.pick([`,${pad}`, pad, ', ', `,${pad}# a comment${pad}`]);
      return sep + this.value(v, depth + 1);
    });
    // A newline before ']': Go reads "3]" as a string when a number touches it.
    return `[${items.join('')}${this.pick([',', ''])}\n${'  '.repeat(depth)}]`;
  }

  entries(map: ConfigMap, depth: number): string {
    const pad = `\n${'  '.repeat(depth)}`;
    return Object.keys(map)
      .map((key, i) => {
        const value = map[key];
        const isMap =
          typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
        const sep = isMap
          ? this.pick([' ', ' = ', ': ', '='])
          : this.pick([' = ', ': ', '=', ':', ' ', '\t']);
        const before =
          i === 0 ? pad : this.pick([pad, `;${pad}`, `,${pad}`, `${pad}// note${pad}`]);
        return `${before}${this.key(key)}${sep}${this.value(value, depth)}`;
      })
      .join('');
  }
}

/** A plain object from entries, "__proto__" included as an own key. */
function toMap(entries: [string, ConfigValue][]): ConfigMap {
  const map: ConfigMap = {};
  for (const [k, v] of entries)
    Object.defineProperty(map, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return map;
}

const keyArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/),
  fc
    .string({ unit: 'grapheme', maxLength: 8 })
    .filter((k) => !k.includes('"') && !k.includes('\0')),
  fc.constantFrom('__proto__', 'constructor', 'include', 'true', '}'),
);

const floatArb = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter(
    (x) =>
      !Object.is(x, -0) &&
      !String(x).includes('e') &&
      (!Number.isInteger(x) || Number.isSafeInteger(x)),
  );

const dateArb = fc
  .date({
    min: new Date('0000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

const scalarArb: fc.Arbitrary<ConfigValue> = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./@>*-]{0,12}$/),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -1000, max: 1000 }),
  floatArb,
  fc.boolean(),
  dateArb,
);

const { map: mapArb } = fc.letrec<{ value: ConfigValue; map: ConfigMap; array: ConfigArray }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalarArb,
      tie('array'),
      tie('map'),
    ),
    array: fc.array(tie('value'), { maxLength: 4 }),
    map: fc
      .uniqueArray(fc.tuple(keyArb, tie('value')), { selector: ([k]) => k, maxLength: 5 })
      .map(toMap),
  }),
);

void test('property: written conf text parses back to the same object', () => {
  fc.assert(
    fc.property(mapArb, fc.integer(), (config, seed) => {
      const text = new Writer(seed).entries(config, 0);
      assert.deepStrictEqual(parseConfig(text), config, text);
    }),
    { numRuns: 400 },
  );
});
