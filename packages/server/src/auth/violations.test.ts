import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goQuote, publishViolation, replyViolation, subscribeViolation } from './violations.js';

void describe('violation texts', () => {
  void test('publish', () => {
    assert.equal(publishViolation('foo.bar'), 'Permissions Violation for Publish to "foo.bar"');
  });

  void test('subscribe, with and without a queue', () => {
    assert.equal(subscribeViolation('foo.*'), 'Permissions Violation for Subscription to "foo.*"');
    assert.equal(
      subscribeViolation('foo', 'bar'),
      'Permissions Violation for Subscription to "foo" using queue "bar"',
    );
  });

  void test('reserved reply', () => {
    assert.equal(
      replyViolation('_R_.x'),
      'Permissions Violation for Publish with Reply of "_R_.x"',
    );
  });
});

void describe('goQuote (Go %q)', () => {
  void test('quotes and backslashes are escaped', () => {
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  });

  void test('control characters as Go writes them', () => {
    assert.equal(goQuote('\x07\b\t\n\v\f\r'), '"\\a\\b\\t\\n\\v\\f\\r"');
    assert.equal(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"');
  });

  void test('printable Unicode is kept, the rest escaped', () => {
    assert.equal(goQuote('ünï.日本.😀'), '"ünï.日本.😀"');
    assert.equal(goQuote('a\u00a0b\u200bc'), '"a\\u00a0b\\u200bc"');
    assert.equal(goQuote('\u{e0001}'), '"\\U000e0001"');
  });
});
