import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isLiteralSubject,
  isSubsetMatch,
  isValidPublishSubject,
  isValidSubject,
  subjectMatches,
  subjectsCollide,
  tokenize,
} from './subject.js';

// [subject, isValidSubject, isValidPublishSubject], as nats-server's
// IsValidSubject / IsValidPublishSubject answer them.
const VALIDITY: readonly (readonly [string, boolean, boolean])[] = [
  ['foo', true, true],
  ['foo.bar', true, true],
  ['foo.bar.baz.qux', true, true],
  ['_INBOX.abc123.1', true, true],
  ['$JS.API.INFO', true, true],
  ['foo-bar_baz', true, true],
  // Empty subject and empty tokens.
  ['', false, false],
  ['.', false, false],
  ['..', false, false],
  ['foo..bar', false, false],
  ['.foo', false, false],
  ['foo.', false, false],
  ['foo.*.', false, false],
  ['.>', false, false],
  // Whitespace of any of the five kinds, alone or inside a token.
  [' ', false, false],
  ['foo bar', false, false],
  ['foo. bar', false, false],
  ['foo.bar ', false, false],
  ['\t', false, false],
  ['foo\tbar', false, false],
  ['foo.\n', false, false],
  ['foo\nbar', false, false],
  ['foo.\r', false, false],
  ['foo\rbar', false, false],
  ['\f.foo', false, false],
  ['foo\fbar', false, false],
  ['foo.* ', false, false],
  // Only those five: nats-server accepts \v and non-ASCII spaces.
  ['foo\vbar', true, true],
  ['foo\u00a0bar', true, true],
  // Wildcard tokens.
  ['*', true, false],
  ['>', true, false],
  ['foo.*', true, false],
  ['*.bar', true, false],
  ['foo.*.bar', true, false],
  ['*.*.*', true, false],
  ['foo.>', true, false],
  ['*.>', true, false],
  // '>' must be the last token.
  ['foo.>.bar', false, false],
  ['>.foo', false, false],
  ['>.>', false, false],
  ['>.*', false, false],
  // '*' and '>' inside a longer token are literal characters.
  ['foo*', true, true],
  ['*foo', true, true],
  ['foo.*bar', true, true],
  ['foo.bar*', true, true],
  ['a.>b', true, true],
  ['a.b>', true, true],
  ['>>', true, true],
  ['**', true, true],
  ['a.>b.c', true, true],
  ['foo.**.>', true, false],
  // Unicode.
  ['héllo.wörld', true, true],
  ['日本.東京', true, true],
  ['日本.*', true, false],
  ['日本.>', true, false],
  ['emoji.😀.🚀', true, true],
  ['😀..🚀', false, false],
  ['ünï cödé', false, false],
];

void describe('isValidSubject and isValidPublishSubject', () => {
  for (const [subject, valid, validPublish] of VALIDITY) {
    void test(`${JSON.stringify(subject)}: subscribe ${valid}, publish ${validPublish}`, () => {
      assert.equal(isValidSubject(subject), valid);
      assert.equal(isValidPublishSubject(subject), validPublish);
    });
  }

  void test('a valid publish subject is a valid subject with no wildcard token', () => {
    for (const [subject] of VALIDITY) {
      assert.equal(
        isValidPublishSubject(subject),
        isValidSubject(subject) && isLiteralSubject(subject),
        JSON.stringify(subject),
      );
    }
  });
});

void describe('isLiteralSubject', () => {
  const cases: readonly (readonly [string, boolean])[] = [
    ['foo', true],
    ['foo.bar', true],
    ['*', false],
    ['>', false],
    ['foo.*', false],
    ['*.foo', false],
    ['foo.*.bar', false],
    ['foo.>', false],
    ['foo*', true],
    ['*foo', true],
    ['foo.*bar', true],
    ['a.>b', true],
    ['a.b>', true],
    ['**', true],
    ['>>', true],
    ['日本.東京', true],
    ['日本.*', false],
    // It does not check validity.
    ['', true],
    ['foo..bar', true],
    ['foo.>.bar', false],
  ];
  for (const [subject, literal] of cases) {
    void test(`${JSON.stringify(subject)} -> ${literal}`, () => {
      assert.equal(isLiteralSubject(subject), literal);
    });
  }
});

void describe('tokenize', () => {
  void test('splits on dots, keeping empty tokens', () => {
    assert.deepEqual(tokenize('foo.bar.>'), ['foo', 'bar', '>']);
    assert.deepEqual(tokenize('foo'), ['foo']);
    assert.deepEqual(tokenize('a..b'), ['a', '', 'b']);
  });
});

void describe('subjectMatches(literal, filter)', () => {
  // [literal, filter, matches]
  const cases: readonly (readonly [string, string, boolean])[] = [
    // Literal filters.
    ['foo', 'foo', true],
    ['foo.bar', 'foo.bar', true],
    ['foo.bar', 'foo.baz', false],
    ['foo.bar', 'foo', false],
    ['foo', 'foo.bar', false],
    ['foobar', 'foo', false],
    ['foo', 'foobar', false],
    ['foo.bar', 'foo.ba', false],
    ['foo.ba', 'foo.bar', false],
    // '*' as the last token: exactly one more token.
    ['foo.bar', 'foo.*', true],
    ['foo.b', 'foo.*', true],
    ['foo', 'foo.*', false],
    ['foo.bar.baz', 'foo.*', false],
    ['foo', '*', true],
    ['foo.bar', '*', false],
    ['foo.bar', '*.*', true],
    ['foo.bar.baz', '*.*', false],
    ['foo', '*.*', false],
    // '*' in the middle.
    ['foo.bar.baz', 'foo.*.baz', true],
    ['foo.x.baz', 'foo.*.baz', true],
    ['foo.bar.qux', 'foo.*.baz', false],
    ['foo.baz', 'foo.*.baz', false],
    ['foo.bar.baz.qux', 'foo.*.baz', false],
    ['foo.bar', '*.bar', true],
    ['foo.baz', '*.bar', false],
    ['bar', '*.bar', false],
    ['a.b.c', '*.b.*', true],
    ['a.x.c', '*.b.*', false],
    // '>' matches one or more trailing tokens, never zero.
    ['foo', '>', true],
    ['foo.bar.baz', '>', true],
    ['foo.bar', 'foo.>', true],
    ['foo.bar.baz', 'foo.>', true],
    ['foo', 'foo.>', false],
    ['bar.baz', 'foo.>', false],
    ['foobar.baz', 'foo.>', false],
    ['a.b.c', '*.>', true],
    ['a', '*.>', false],
    ['a.b', '*.*.>', false],
    ['a.b.c', '*.*.>', true],
    ['a.b.c.d', 'a.*.>', true],
    ['a.b', 'a.*.>', false],
    // '*' and '>' inside a token are literal characters.
    ['fo*', 'fo*', true],
    ['foo', 'fo*', false],
    ['fox', 'fo*', false],
    ['fo', 'fo*', false],
    ['*fo', '*fo', true],
    ['xfo', '*fo', false],
    ['a.>b', 'a.>b', true],
    ['a.xb', 'a.>b', false],
    ['a.b', 'a.>b', false],
    ['a.b>', 'a.b>', true],
    ['a.bc', 'a.b>', false],
    ['a.b.c', 'a.b>', false],
    ['foo.**', 'foo.*', true],
    ['foo.**', 'foo.**', true],
    ['foo.ab', 'foo.**', false],
    // Unicode tokens.
    ['日本.東京', '日本.*', true],
    ['日本.東京.x', '日本.>', true],
    ['日本', '日本.>', false],
    ['😀.🚀', '*.🚀', true],
    ['😀.🚀', '😀.🚁', false],
  ];
  for (const [literal, filter, matches] of cases) {
    void test(`${JSON.stringify(literal)} ~ ${JSON.stringify(filter)} -> ${matches}`, () => {
      assert.equal(subjectMatches(literal, filter), matches);
    });
  }
});

void describe('isSubsetMatch(subject, test)', () => {
  // [subject, test, subset]. The first rows are nats-server's own examples:
  // foo.* is a subset of '>', '*.*' and 'foo.*', but not of 'foo.bar'.
  const cases: readonly (readonly [string, string, boolean])[] = [
    ['foo.*', '>', true],
    ['foo.*', '*.*', true],
    ['foo.*', 'foo.*', true],
    ['foo.*', 'foo.bar', false],
    ['foo.bar', 'foo.bar', true],
    ['foo.>', '>', true],
    ['foo.>', '*.>', true],
    ['foo.>', 'foo.>', true],
    ['foo.>', 'foo.bar', false],
    ['foo.>', 'foo.*', false],
    ['foo.>', 'foo.*.>', false],
    ['foo.*.>', 'foo.>', true],
    ['foo.*', 'foo.>', true],
    ['foo.*', '*.>', true],
    ['foo.*', '*', false],
    ['foo.*', 'foo.*.*', false],
    ['foo.*', 'bar.*', false],
    ['foo.*', '*.bar', false],
    ['*.bar', 'foo.bar', false],
    ['*.bar', '*.*', true],
    ['foo.bar', 'foo.*', true],
    ['foo.bar', '*.bar', true],
    ['foo.bar', '*.*', true],
    ['foo.bar', '>', true],
    ['foo.bar', 'foo', false],
    ['foo', 'foo.bar', false],
    ['foo', 'foo.>', false],
    ['foo', '>', true],
    ['foo', '*', true],
    ['foo.bar.baz', 'foo.>', true],
    ['foo.bar.baz', 'foo.*', false],
    ['*', '>', true],
    ['*', '*', true],
    ['*', 'foo', false],
    ['>', '>', true],
    ['>', '*', false],
    ['>', 'foo.>', false],
    ['>', '*.>', false],
    // Partial-token wildcards are literal.
    ['foo.bar', 'foo.b*', false],
    ['foo.b*', 'foo.*', true],
    ['foo.*', 'foo.b*', false],
    // Bad subjects: nats-server says false for these two.
    ['foo..bar', 'foo.*', false],
    ['foo.*', 'foo..bar', false],
  ];
  for (const [subject, testSubject, subset] of cases) {
    void test(`${JSON.stringify(subject)} within ${JSON.stringify(testSubject)} -> ${subset}`, () => {
      assert.equal(isSubsetMatch(subject, testSubject), subset);
    });
  }
});

void describe('subjectsCollide', () => {
  // [a, b, collide]; checked in both orders.
  const cases: readonly (readonly [string, string, boolean])[] = [
    // Literals.
    ['foo', 'foo', true],
    ['foo.bar', 'foo.bar', true],
    ['foo', 'bar', false],
    ['foo.bar', 'foo', false],
    ['foo.bar', 'foo.baz', false],
    // A literal and a filter: does the filter match it?
    ['foo.bar', 'foo.*', true],
    ['foo.bar', '*.*', true],
    ['foo.bar', '*', false],
    ['foo.bar', 'foo.>', true],
    ['foo', 'foo.>', false],
    ['foo', '>', true],
    ['foo.bar.baz', '>', true],
    ['foo.bar.baz', 'foo.*', false],
    ['foo.bar.baz', 'foo.*.baz', true],
    ['foo.bar.qux', 'foo.*.baz', false],
    // Two filters of the same length.
    ['foo.*', '*.bar', true],
    ['foo.*', 'bar.*', false],
    ['foo.*', 'foo.*', true],
    ['*.*', 'foo.bar', true],
    ['foo.*.bar.>', 'foo.*.bar.*', true],
    ['foo.*.bar.>', 'foo.*.baz.*', false],
    ['foo.>', 'foo.>', true],
    ['foo.>', 'bar.>', false],
    ['*.>', 'foo.>', true],
    ['foo.>', '*.*', true],
    ['a.*.c', 'a.b.*', true],
    ['a.*.c', 'a.b.d', false],
    // Different lengths: only a shorter one ending in '>' reaches further.
    ['>', 'foo', true],
    ['>', '*', true],
    ['>', 'foo.bar.baz', true],
    ['>', '*.*.*', true],
    ['>', 'foo.>', true],
    ['*', 'foo.bar', false],
    ['*', '*.*', false],
    ['*', 'foo.>', false],
    ['*', '*.>', false],
    ['foo.*', 'foo.bar.baz', false],
    ['foo.*', 'foo.*.*', false],
    ['foo.*', 'foo.*.>', false],
    ['foo.*', '*.*.>', false],
    ['foo.>', 'foo.bar.baz', true],
    ['foo.>', 'foo.*.*.*', true],
    ['foo.>', '*.bar.*', true],
    ['foo.>', 'bar.baz.qux', false],
    ['foo.>', '*', false],
    ['*.>', 'foo', false],
    ['*.>', 'foo.bar.baz', true],
    ['a.*.>', 'a.>', true],
    ['a.*.>', 'b.>', false],
    ['a.b.>', 'a.*', false],
    ['a.b.>', '*.b.c.d', true],
    ['a.b.>', '*.c.d.e', false],
    // '*' and '>' inside a token are literal characters.
    ['foo*', 'foo*', true],
    ['foo*', 'foox', false],
    ['foo*', 'foo.*', false],
    ['foo.*x', 'foo.*', true],
    ['foo.*x', 'foo.*y', false],
    ['a.*x.*', 'a.*y.*', false],
    ['a.>x', 'a.>', true],
    ['a.>x', 'a.>y', false],
  ];
  for (const [a, b, collide] of cases) {
    void test(`${JSON.stringify(a)} and ${JSON.stringify(b)} -> ${collide}`, () => {
      assert.equal(subjectsCollide(a, b), collide);
      assert.equal(subjectsCollide(b, a), collide);
    });
  }
});
