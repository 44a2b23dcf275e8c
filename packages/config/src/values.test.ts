import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig, type ConfigValue } from './index.js';

const value = (text: string): ConfigValue => parseConfig(`v = ${text}\n`).v;

void describe('values', () => {
  void test('size suffixes: a letter is a power of 1000, with b, i or ib a power of 1024', () => {
    const cases: [string, number | bigint][] = [
      ['1k', 1e3],
      ['1K', 1e3],
      ['1kb', 1024],
      ['1KB', 1024],
      ['1Ki', 1024],
      ['1KiB', 1024],
      ['1m', 1e6],
      ['1M', 1e6],
      ['1mb', 1024 ** 2],
      ['1MB', 1024 ** 2],
      ['1g', 1e9],
      ['1G', 1e9],
      ['1gb', 1024 ** 3],
      ['1GB', 1024 ** 3],
      ['1t', 1e12],
      ['1TB', 1024 ** 4],
      ['1p', 1e15],
      ['4PB', 4 * 1024 ** 5],
      ['8PB', 2n ** 53n],
      ['1e', 10n ** 18n],
      ['1EB', 2n ** 60n],
      ['7Ei', 7n * 2n ** 60n],
      ['-1m', -1e6],
      ['-1GB', -(1024 ** 3)],
      ['0k', 0],
    ];
    for (const [text, expected] of cases) assert.equal(value(text), expected, text);
  });

  void test('integers: negative, int64 limits as bigints, overflow is an error', () => {
    assert.equal(value('-123'), -123);
    assert.equal(value('-0'), 0);
    assert.equal(value('9007199254740991'), Number.MAX_SAFE_INTEGER);
    assert.equal(value('9007199254740992'), 9007199254740992n);
    assert.equal(value('9223372036854775807'), 2n ** 63n - 1n);
    assert.equal(value('-9223372036854775808'), -(2n ** 63n));
    assert.throws(() => value('9223372036854775808'), {
      message: "1:5: integer '9223372036854775808' is out of the range",
    });
    // Go's int64 multiplication would wrap around to a negative number here.
    assert.throws(() => value('8EB'), {
      kind: 'value',
      message: "1:5: integer '8EB' is out of the range",
    });
  });

  void test('a suffix the parser does not know is an error (Go silently drops the key)', () => {
    assert.throws(() => value('1kbb'), { message: "1:5: invalid size suffix 'kbb' in '1kbb'" });
    assert.throws(() => value('1mbi'), { kind: 'value' });
  });

  void test('unquoted values that start like numbers but are not stay strings', () => {
    assert.equal(value('1Ghz'), '1Ghz');
    assert.equal(value('2Pie'), '2Pie');
    assert.equal(value('3xyz'), '3xyz');
    assert.equal(value('2s'), '2s');
    assert.equal(value('1h30m'), '1h30m');
    assert.equal(value('100ms'), '100ms');
    assert.equal(value('127.0.0.1'), '127.0.0.1');
    assert.equal(value('127.0.0.1:4222'), '127.0.0.1:4222');
    assert.equal(value('0.0.0.0:-1'), '0.0.0.0:-1');
    assert.equal(value('nats.io:-1'), 'nats.io:-1');
    assert.equal(value(':4222'), ':4222');
    // 1m30s: "1m" then a digit is an integer token Go cannot end ('3' follows).
    assert.throws(() => value('1m30s'), /Expected a top-level value to end/);
  });

  void test('an integer right before "]" is read as a string, as in Go 2.10', () => {
    // Go's lexer reads the ']' into an unquoted string: "3]" swallows the array end.
    assert.throws(() => parseConfig('a = [1, 2, 3]\n'), {
      message:
        '1:5: Unexpected EOF: unterminated array. ' +
        "(Note: a number directly followed by ']' is read as a string that includes the ']', " +
        "as nats-server 2.10 does; put a ',' or a new line before the ']'.)",
    });
    // With a size suffix the ']' is not swallowed, but the value is a string.
    assert.deepEqual(parseConfig('a = [1k]\nb = 2'), { a: ['1k'], b: 2 });
    assert.deepEqual(parseConfig('a = [1, 2, 3,]'), { a: [1, 2, 3] });
    assert.deepEqual(parseConfig('a = [1, 2, 3\n]'), { a: [1, 2, 3] });
    assert.deepEqual(parseConfig('a = [1.5, -2, true]'), { a: [1.5, -2, true] });
  });

  void test('floats', () => {
    assert.equal(value('22.2'), 22.2);
    assert.equal(value('-0.5'), -0.5);
    assert.equal(value('0.1'), 0.1);
    assert.throws(() => value('.2'), { message: '1:5: Floats must start with a digit' });
    assert.throws(() => value('-.2'), /Floats must start with a digit, not '\.'/);
    assert.throws(() => value('1.x'), /Floats must have a digit after the '\.', but got 'x'/);
  });

  void test('booleans, in any case; quoted ones are strings', () => {
    for (const t of ['true', 'TRUE', 'True', 'yes', 'Yes', 'on', 'ON'])
      assert.equal(value(t), true);
    for (const f of ['false', 'FALSE', 'no', 'NO', 'off', 'Off']) assert.equal(value(f), false);
    assert.equal(value('"true"'), 'true');
    assert.equal(value("'no'"), 'no');
    assert.equal(value('truex'), 'truex');
  });

  void test('datetimes: full Zulu ISO 8601 only, checked like Go time.Parse', () => {
    assert.deepEqual(value('2016-05-04T18:53:41Z'), new Date('2016-05-04T18:53:41Z'));
    assert.deepEqual(value('2024-02-29T00:00:00Z'), new Date('2024-02-29T00:00:00Z'));
    const year50 = value('0050-01-01T00:00:00Z') as Date;
    assert.equal(year50.getUTCFullYear(), 50);
    assert.throws(() => value('2023-02-29T00:00:00Z'), /expected Zulu formatted DateTime/);
    assert.throws(() => value('2016-13-04T18:53:41Z'), /expected Zulu formatted DateTime/);
    assert.throws(() => value('2016-05-04T24:00:00Z'), /expected Zulu formatted DateTime/);
    assert.throws(() => value('2016-05-04'), /Expected 'T' in ISO8601 datetime, but found '\\n'/);
    assert.throws(() => value('16-05-04T18:53:41Z'), /All ISO8601 dates must be in full Zulu form/);
    assert.throws(() => value('2016-05-04T18:53:41+01:00'), /Expected 'Z' in ISO8601 datetime/);
  });

  void test('double-quoted strings and their escapes', () => {
    assert.equal(value(String.raw`"a\tb\nc\rd\"e\\f"`), 'a\tb\nc\rd"e\\f');
    assert.equal(value(String.raw`"\x41\x42"`), 'AB');
    // Consecutive \x bytes are decoded together as UTF-8.
    assert.equal(value(String.raw`"\xe2\x82\xac"`), '€');
    assert.equal(value('"multi\nline"'), 'multi\nline');
    assert.equal(value('""'), '');
    assert.equal(value('"$notavariable"'), '$notavariable');
    assert.equal(value('"é ø 🙂"'), 'é ø 🙂');
    // Only \xXX \t \n \r \" \\ exist in Go 2.10: no \u.
    assert.throws(() => value(String.raw`"\u0041"`), {
      message:
        "1:6: Invalid escape character 'u'. Only the following escape characters are allowed: " +
        '\\xXX, \\t, \\n, \\r, \\", \\\\.',
    });
  });

  void test('single-quoted strings are raw', () => {
    assert.equal(value(String.raw`'a\tb\x41'`), String.raw`a\tb\x41`);
    assert.equal(value(`'say "hi"'`), 'say "hi"');
    assert.equal(value("''"), '');
  });

  void test('unquoted strings end at whitespace, new line, ; , ] } and take escapes', () => {
    assert.deepEqual(parseConfig('a = b c'.replace(' c', '')), { a: 'b' });
    assert.deepEqual(parseConfig('a = x;b = y,c = z'), { a: 'x', b: 'y', c: 'z' });
    assert.deepEqual(parseConfig('m { a = x}'), { m: { a: 'x' } });
    assert.equal(
      value('nats://user:pass@host:4222/path?q=1#frag'),
      'nats://user:pass@host:4222/path?q=1#frag',
    );
    assert.equal(value(String.raw`a\x20b`), 'a b');
    assert.equal(value(String.raw`\\true`), '\\true');
    assert.equal(value(String.raw`\x74rue`), 'true');
    assert.equal(value("bar'"), 'bar');
  });

  void test('block strings keep everything up to a ")" alone on its line', () => {
    assert.equal(value('(\n1234567890\n)'), '\n1234567890\n');
    assert.equal(
      value('(\n  12(34)56\n  (\n    7890\n  )\n)\n'),
      '\n  12(34)56\n  (\n    7890\n  )\n',
    );
    assert.equal(
      value('(\n  "quotes" and $dollars and \\x41\n)'),
      '\n  "quotes" and $dollars and \\x41\n',
    );
    assert.throws(() => value('(\nnever closed )\n'), {
      message: '1:5: Unexpected EOF: unterminated block string.',
    });
  });

  void test('special keys stay plain own properties', () => {
    const config = parseConfig('__proto__ = 1\nconstructor = 2\ntoString { a = $constructor }');
    assert.equal(Object.getPrototypeOf(config), Object.prototype);
    assert.deepEqual(Object.keys(config), ['__proto__', 'constructor', 'toString']);
    const own = (key: string) => config[key];
    assert.equal(own('constructor'), 2);
    assert.deepEqual(own('toString'), { a: 2 });
    assert.throws(() => parseConfig('a = $hasOwnProperty'), /undefined variable "hasOwnProperty"/);
  });
});
