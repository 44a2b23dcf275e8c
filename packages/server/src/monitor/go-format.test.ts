import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goDuration, goJson, goTime, goUptime, omitEmpty } from './go-format.js';

void describe("Go's formats in monitoring JSON", () => {
  void test('time.Duration.String for rtt', () => {
    // Expected values printed by Go's time.Duration(n).String().
    const cases: [number, string][] = [
      [0, '0s'],
      [1, '1ns'],
      [999, '999ns'],
      [1_500, '1.5µs'],
      [508_000, '508µs'],
      [2_773_630, '2.77363ms'],
      [3_000_000, '3ms'],
      [1_000_000_000, '1s'],
      [62_500_000_000, '1m2.5s'],
      [7_384_000_000_000, '2h3m4s'],
      [93_600_000_000_000, '26h0m0s'],
      [-1_500_000, '-1.5ms'],
    ];
    for (const [ns, text] of cases) assert.equal(goDuration(ns), text, `${ns}ns`);
  });

  void test("nats-server's myUptime for uptime and idle: whole seconds, days and years", () => {
    const s = 1000;
    assert.equal(goUptime(0), '0s');
    assert.equal(goUptime(999), '0s');
    assert.equal(goUptime(59 * s), '59s');
    assert.equal(goUptime(62.5 * s), '1m2s');
    assert.equal(goUptime(3600 * s), '1h0m0s');
    assert.equal(goUptime((86400 + 3 * 3600 + 4 * 60 + 5) * s), '1d3h4m5s');
    assert.equal(goUptime(366 * 86400 * s), '1y1d0h0m0s');
  });

  void test('time.Time as RFC 3339 in UTC, trailing zeros of the fraction dropped', () => {
    assert.equal(goTime(Date.UTC(2026, 10, 24, 21, 32, 15, 45)), '2026-11-24T21:32:15.045Z');
    assert.equal(goTime(Date.UTC(2026, 10, 24, 21, 32, 15, 100)), '2026-11-24T21:32:15.1Z');
    assert.equal(goTime(Date.UTC(2026, 10, 24, 21, 32, 15, 0)), '2026-11-24T21:32:15Z');
  });

  void test("JSON indented like MarshalIndent, with Go's HTML escapes", () => {
    assert.equal(goJson({ a: ['foo.>'] }), '{\n  "a": [\n    "foo.\\u003e"\n  ]\n}');
    assert.equal(goJson({ s: '<&>' }, false), '{"s":"\\u003c\\u0026\\u003e"}');
    assert.deepEqual(JSON.parse(goJson({ s: 'a<b>&c' })), { s: 'a<b>&c' });
  });

  void test('a bigint keeps every digit, as a uint64 does', () => {
    assert.equal(
      goJson({ reserved: 2n ** 64n - 1n, n: -3n, s: 'bigint:1' }, false),
      '{"reserved":18446744073709551615,"n":-3,"s":"bigint:1"}',
    );
  });

  void test("omitempty leaves out Go's zero values and keeps the rest in place", () => {
    const value = {
      a: 1,
      ...omitEmpty('b', ''),
      ...omitEmpty('c', 0),
      ...omitEmpty('d', false),
      ...omitEmpty('e', []),
      ...omitEmpty('f', undefined),
      ...omitEmpty('g', 'x'),
      z: 2,
    };
    assert.deepEqual(Object.keys(value), ['a', 'g', 'z']);
  });
});
