import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mappingDestinationError, subjectTransformError } from './subject-transform.js';
import { configsEqual, formatGoDuration, goQuote, parseTime } from './util.js';

const D = 'invalid mapping destination';

void describe('subjectTransformError (nats-server NewSubjectTransform)', () => {
  // From nats-server's TestSubjectTransforms (non-strict cases), with the texts its errors print.
  // prettier-ignore
  const rejected: [string, string, string][] = [
  ['foo..', 'bar', 'invalid subject'],
  ['foo.*', 'bar.*', 'invalid subject'],
  ['foo.*', 'bar.$2', `${D}: wildcard index out of range in $2: [2]`],
  ['foo.*', 'bar.$1.>', 'invalid subject'],
  ['foo.>', 'bar.baz', 'invalid subject'],
  ['foo.*', 'foo.{{wildcard(2)}}', `${D}: wildcard index out of range in {{wildcard(2)}}: [2]`],
  ['foo.*', 'foo.{{unimplemented(1)}}', `${D}: unknown function in {{unimplemented(1)}}`],
  ['foo.*', 'foo.{{partition(10)}}', `${D}: not enough arguments passed to the function in {{partition(10)}}`],
  ['foo.*', 'foo.{{wildcard(foo)}}', `${D}: function argument is invalid or in the wrong format in {{wildcard(foo)}}`],
  ['foo.*', 'foo.{{wildcard()}}', `${D}: not enough arguments passed to the function in {{wildcard()}}`],
  ['foo.*', 'foo.{{wildcard(1,2)}}', `${D}: too many arguments passed to the function in {{wildcard(1,2)}}`],
  ['foo.*', 'foo.{{ wildcard5) }}', `${D}: unknown function in {{ wildcard5) }}`],
  ['foo.*', 'foo.{{splitLeft(2,2}}', `${D}: unknown function in {{splitLeft(2,2}}`],
  ['foo', 'bla.{{wildcard(1)}}', `${D}: wildcard index out of range in {{wildcard(1)}}`],
  ['*', '{{split(1,a b)}}', `${D}: function argument is invalid or in the wrong format in {{split(1,a b)}}`],
  ['*', '{{SliceFromLeft(1)}}', `${D}: not enough arguments passed to the function in {{SliceFromLeft(1)}}`],
  ['*', '{{left(1,2,3)}}', `${D}: too many arguments passed to the function in {{left(1,2,3)}}`],
];
  for (const [src, dest, expected] of rejected) {
    void test(`${src} -> ${dest}`, () => {
      assert.equal(subjectTransformError(src, dest), expected);
    });
  }

  void test('accepts what nats-server accepts', () => {
    const ok: [string, string][] = [
      ['foo.*.*', 'bar.$2'],
      ['foo.*.*', 'bar.{{wildcard(1)}}'],
      ['foo', 'bar'],
      ['foo.*.bar.*.baz', 'req.$2.$1'],
      ['baz.>', 'mybaz.>'],
      ['*', '{{splitfromleft(1,1)}}'],
      ['', 'prefix.>'],
      ['*.*', '{{partition(10,1,2)}}'],
      ['foo.*.*', 'foo.{{wildcard(1)}}.{{wildcard(2)}}.{{partition(5,1,2)}}'],
      ['*', '{{split(1,-)}}'],
      ['*', '{{ Right(1, 3) }}'],
      ['foo', ''],
      ['foo.*', 'bar.$x'],
    ];
    for (const [src, dest] of ok)
      assert.equal(subjectTransformError(src, dest), undefined, `${src} -> ${dest}`);
  });
});

void describe('mappingDestinationError (nats-server ValidateMappingDestination)', () => {
  void test('rejects empty tokens, tokens after >, unknown functions and whitespace', () => {
    assert.equal(mappingDestinationError('a..b'), `${D}: invalid subject in `);
    assert.equal(mappingDestinationError('a.>.b'), `${D}: invalid subject in b`);
    assert.equal(mappingDestinationError('a.{{nope(1)}}'), `${D}: unknown function in {{nope(1)}}`);
    assert.equal(
      mappingDestinationError('a.{{left(1,1)}}'),
      `${D}: unknown function in {{left(1,1)}}`,
    );
    assert.equal(mappingDestinationError('a b'), `${D}: invalid subject`);
  });

  void test('accepts destinations nats-server accepts', () => {
    for (const dest of ['', 'a.b', 'a.>', 'x.{{wildcard(1)}}', '{{partition(3,1)}}', 'a.$1']) {
      assert.equal(mappingDestinationError(dest), undefined, dest);
    }
  });
});

void describe('Go helpers', () => {
  void test('formatGoDuration as time.Duration.String()', () => {
    const cases: [number | bigint, string][] = [
      [0, '0s'],
      [1, '1ns'],
      [1500, '1.5µs'],
      [100_000_000, '100ms'],
      [1_500_000_000, '1.5s'],
      [60_000_000_000, '1m0s'],
      [90_000_000_000, '1m30s'],
      [3_600_000_000_000, '1h0m0s'],
      [-2_000_000_000, '-2s'],
      [100n * 3_600_000_000_000n + 1n, '100h0m0.000000001s'],
    ];
    for (const [nanos, text] of cases) assert.equal(formatGoDuration(nanos), text);
  });

  void test('goQuote as %q', () => {
    assert.equal(goQuote('foo.*'), '"foo.*"');
    assert.equal(goQuote('a"b\\c\n\x01'), '"a\\"b\\\\c\\n\\x01"');
  });

  void test('parseTime reads RFC 3339 with nanoseconds and offsets', () => {
    assert.equal(parseTime('1970-01-01T00:00:01.5Z'), 1_500_000_000n);
    assert.equal(parseTime('1970-01-01T01:00:00+01:00'), 0n);
    assert.equal(parseTime('0001-01-01T00:00:00Z'), -62135596800n * 1_000_000_000n);
    for (const bad of [
      '2024-13-01T00:00:00Z',
      '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00',
      '2023-02-29T00:00:00Z',
    ]) {
      assert.equal(parseTime(bad), undefined, bad);
    }
  });

  void test('configsEqual treats missing and zero alike, as Go zero values', () => {
    assert.ok(configsEqual({ a: 1, b: false, c: [] }, { a: 1 }));
    assert.ok(!configsEqual({ a: 1 }, { a: 2 }));
    assert.ok(!configsEqual({ a: [1, 2] }, { a: [2, 1] }));
  });
});
