import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SubjectTransform } from './subject-transform.js';

const match = (src: string, dest: string, subject: string): string | undefined => {
  const transform = SubjectTransform.create(src, dest);
  return transform === undefined ? subject : transform.match(subject);
};

void describe('SubjectTransform.match (nats-server subjectTransform.Match)', () => {
  // nats-server's TestSubjectTransforms shouldMatch cases (v2.10.22).
  // prettier-ignore
  const cases: [string, string, string, string][] = [
    ['', 'prefix.>', 'foo', 'prefix.foo'],
    ['foo', '', 'foo', 'foo'],
    ['foo', 'bar', 'foo', 'bar'],
    ['foo.*.bar.*.baz', 'req.$2.$1', 'foo.A.bar.B.baz', 'req.B.A'],
    ['foo.*.bar.*.baz', 'req.{{wildcard(2)}}.{{wildcard(1)}}', 'foo.A.bar.B.baz', 'req.B.A'],
    ['baz.>', 'my.pre.>', 'baz.1.2.3', 'my.pre.1.2.3'],
    ['baz.>', 'foo.bar.>', 'baz.1.2.3', 'foo.bar.1.2.3'],
    ['*', 'foo.bar.$1', 'foo', 'foo.bar.foo'],
    ['*', '{{splitfromleft(1,3)}}', '12345', '123.45'],
    ['*', '{{SplitFromRight(1,3)}}', '12345', '12.345'],
    ['*', '{{SliceFromLeft(1,3)}}', '1234567890', '123.456.789.0'],
    ['*', '{{SliceFromRight(1,3)}}', '1234567890', '1.234.567.890'],
    ['*', '{{split(1,-)}}', '-abc-def--ghi-', 'abc.def.ghi'],
    ['*', '{{split(1,-)}}', 'abc-def--ghi-', 'abc.def.ghi'],
    ['*.*', '{{split(2,-)}}.{{splitfromleft(1,2)}}', 'foo.-abc-def--ghij-', 'abc.def.ghij.fo.o'],
    ['*', '{{right(1,1)}}', '1234', '4'],
    ['*', '{{right(1,3)}}', '1234', '234'],
    ['*', '{{right(1,6)}}', '1234', '1234'],
    ['*', '{{left(1,1)}}', '1234', '1'],
    ['*', '{{left(1,3)}}', '1234', '123'],
    ['*', '{{left(1,6)}}', '1234', '1234'],
  ];
  for (const [src, dest, subject, expected] of cases) {
    void test(`${src || '""'} -> ${dest || '""'}: ${subject}`, () => {
      assert.equal(match(src, dest, subject), expected);
    });
  }

  void test('a subject outside the source does not match', () => {
    assert.equal(match('foo.*', 'bar.$1', 'baz.x'), undefined);
    assert.equal(match('foo.*', 'bar.$1', 'foo.x.y'), undefined);
    assert.equal(match('foo.>', 'bar.>', 'foo'), undefined);
  });

  void test('">" to ">" is the subject unchanged', () => {
    assert.equal(match('>', '>', 'a.b.c'), 'a.b.c');
    assert.equal(match('', '>', 'a.b.c'), 'a.b.c');
  });

  void test('no transform for an empty destination', () => {
    assert.equal(SubjectTransform.create('foo.*', ''), undefined);
  });

  void test("an invalid pair throws nats-server's error", () => {
    assert.throws(() => SubjectTransform.create('foo.*', 'bar.$2'), {
      message: 'invalid mapping destination: wildcard index out of range in $2: [2]',
    });
  });

  void test('split functions leave a token too short for them whole', () => {
    assert.equal(match('*', '{{splitfromleft(1,5)}}', '12345'), '12345');
    assert.equal(match('*', '{{splitfromright(1,0)}}', '12345'), '12345');
    assert.equal(match('*', '{{slicefromleft(1,5)}}', '12345'), '12345');
    assert.equal(match('*', '{{slicefromright(1,6)}}', '12345'), '12345');
    assert.equal(match('*', '{{slicefromright(1,3)}}', '123456'), '123.456');
  });

  void test("split keeps nats-server's leading separator after two leading delimiters", () => {
    assert.equal(match('*', '{{split(1,-)}}', '--abc'), '.abc');
  });

  void test('partition is FNV-1a 32 of the concatenated tokens modulo the count', () => {
    // FNV-1a 32("foobar") = 0xbf9cf968, FNV-1a 32("a") = 0xe40c292c (published test vectors).
    assert.equal(match('*.*', 'p.{{partition(7,1,2)}}', 'foo.bar'), `p.${0xbf9cf968 % 7}`);
    assert.equal(match('*', '{{partition(1000,1)}}.$1', 'a'), `${0xe40c292c % 1000}.a`);
    assert.equal(
      match('foo.*.*', 'foo.{{wildcard(1)}}.{{wildcard(2)}}.{{partition(5,1,2)}}', 'foo.foo.bar'),
      `foo.foo.bar.${0xbf9cf968 % 5}`,
    );
  });

  void test('literal source and destination with ">"', () => {
    assert.equal(match('orders.>', 'archive.orders.>', 'orders.eu.1'), 'archive.orders.eu.1');
    assert.equal(match('a.*.>', 'b.$1.>', 'a.x.y.z'), 'b.x.y.z');
  });
});
