import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration, parseGoDurationNs } from '../index.js';
import { formatDuration } from './duration.js';

void test('Go durations parse to milliseconds', () => {
  const cases: [string, number][] = [
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['-1.5h', -5_400_000],
    ['+5s', 5_000],
    ['0', 0],
    ['.5s', 500],
    ['1.s', 1_000],
    ['100us', 0.1],
    ['100µs', 0.1],
    ['100μs', 0.1],
    ['1000000ns', 1],
    ['2h45m30.5s', 9_930_500],
  ];
  for (const [text, ms] of cases) assert.equal(parseGoDuration(text), ms, text);
  assert.equal(parseGoDurationNs('9223372036854775807ns'), 9223372036854775807n);
});

void test('bad durations fail with Go text', () => {
  const cases: [string, string][] = [
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseGoDuration(text), { message }, text);
  }
});

void test('durations print as Go prints them', () => {
  assert.equal(formatDuration(10_000), '10s');
  assert.equal(formatDuration(90_000), '1m30s');
  assert.equal(formatDuration(3_600_000), '1h0m0s');
  assert.equal(formatDuration(500), '500ms');
  assert.equal(formatDuration(0), '0s');
});
