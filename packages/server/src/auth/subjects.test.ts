import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasWildcard, isSubsetMatch, queueMatches, SubjectList } from './subjects.js';

void describe('SubjectList.hasInterest (literal subjects)', () => {
  const list = new SubjectList(['foo', 'bar.*', 'baz.>', '*.qux'], false);

  void test('literal, * and > entries', () => {
    for (const s of ['foo', 'bar.x', 'baz.a', 'baz.a.b.c', 'x.qux'])
      assert.ok(list.hasInterest(s), s);
    for (const s of ['foo.x', 'bar', 'bar.x.y', 'baz', 'qux', 'x.y.qux', 'fo']) {
      assert.ok(!list.hasInterest(s), s);
    }
  });

  void test('a subject with an empty token matches nothing, as Sublist.Match', () => {
    const all = new SubjectList(['>'], false);
    assert.ok(all.hasInterest('a'));
    for (const s of ['', '.a', 'a.', 'a..b']) assert.ok(!all.hasInterest(s), JSON.stringify(s));
  });

  void test('entries Sublist.Insert refuses are skipped', () => {
    const bad = new SubjectList(['a..b', 'a.>.b', '.a', ''], false);
    for (const s of ['a.b', 'a.x.b', 'a', 'a.c']) assert.ok(!bad.hasInterest(s), s);
  });

  void test('unsplit entries keep "subject queue" as one literal token', () => {
    const raw = new SubjectList(['foo bar'], false);
    assert.ok(!raw.hasInterest('foo'));
  });
});

void describe('SubjectList.match (subscribe lists, wildcard subjects)', () => {
  void test('an entry * stands for any one token, wildcards included', () => {
    const list = new SubjectList(['foo.*'], true);
    assert.ok(list.match('foo.*').plain);
    assert.ok(list.match('foo.>').plain);
    assert.ok(!list.match('foo.*.x').plain);
  });

  void test('a literal entry does not admit a wildcard subject', () => {
    const list = new SubjectList(['foo.bar'], true);
    assert.ok(!list.match('foo.*').plain);
    assert.ok(!list.match('foo.>').plain);
  });

  void test('> admits everything below it', () => {
    const list = new SubjectList(['foo.>'], true);
    assert.ok(list.match('foo.*').plain);
    assert.ok(list.match('foo.>').plain);
    assert.ok(list.match('foo.a.>').plain);
    assert.ok(!list.match('foo').plain);
    assert.ok(!list.match('>').plain);
  });

  void test('queue entries are reported by queue name, not as plain', () => {
    const list = new SubjectList(['foo bar', 'foo  baz.*', '\tfoo\t', 'foo a b'], true);
    const m = list.match('foo');
    assert.ok(m.plain);
    assert.deepEqual(m.queues, ['bar', 'baz.*']);
    assert.deepEqual(new SubjectList(['foo bar'], true).match('foo'), {
      plain: false,
      queues: ['bar'],
    });
  });
});

void describe('subject helpers', () => {
  void test('hasWildcard: only whole tokens', () => {
    assert.ok(hasWildcard('*'));
    assert.ok(hasWildcard('a.>'));
    assert.ok(hasWildcard('a.*.b'));
    assert.ok(!hasWildcard('a*.b'));
    assert.ok(!hasWildcard('a.b>'));
    assert.ok(!hasWildcard('a.b'));
  });

  void test('isSubsetMatch', () => {
    assert.ok(isSubsetMatch('foo.bar', 'foo.*'));
    assert.ok(isSubsetMatch('foo.*', 'foo.*'));
    assert.ok(isSubsetMatch('foo.*', '>'));
    assert.ok(isSubsetMatch('foo.bar.baz', 'foo.>'));
    assert.ok(!isSubsetMatch('foo.*', 'foo.bar'));
    assert.ok(!isSubsetMatch('foo.>', 'foo.*'));
    assert.ok(!isSubsetMatch('foo', 'foo.*'));
    assert.ok(!isSubsetMatch('foo.bar', 'foo'));
  });

  void test('queueMatches: exact names, and wildcard entries that cover the queue', () => {
    assert.ok(queueMatches('bar', ['bar']));
    assert.ok(queueMatches('v1.*', ['v1.*']));
    assert.ok(queueMatches('v1.prod', ['v1.*']));
    assert.ok(queueMatches('v1.prod.x', ['v1.>']));
    assert.ok(!queueMatches('v1.*', ['v1.prod']));
    assert.ok(!queueMatches('bar', ['baz', 'v1.*']));
  });
});
