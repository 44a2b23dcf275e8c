import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidSubjectError, Sublist, type MatchResult, type Subscription } from './sublist.js';

interface Sub extends Subscription {
  readonly id: string;
}

let nextId = 0;
function sub(subject: string, queue?: string): Sub {
  return { subject, queue, id: `${subject}${queue === undefined ? '' : `@${queue}`}#${nextId++}` };
}

function sublistOf(...subs: Sub[]): Sublist<Sub> {
  const sublist = new Sublist<Sub>();
  for (const s of subs) sublist.insert(s);
  return sublist;
}

/** The result as sorted ids: plain, and queue groups by name. Throws on a malformed result. */
function shape(result: MatchResult<Sub>): { plain: string[]; queue: Record<string, string[]> } {
  const queue: Record<string, string[]> = {};
  for (const group of result.queue) {
    assert.ok(group.length > 0, 'empty queue group in a result');
    const name = group[0].queue;
    assert.ok(name !== undefined, 'a plain subscription in a queue group');
    assert.ok(!(name in queue), `queue group ${name} appears twice`);
    for (const member of group) assert.equal(member.queue, name, 'a group mixes queue names');
    queue[name] = group.map((member) => member.id).sort();
  }
  for (const s of result.plain) assert.equal(s.queue, undefined, 'a queue sub in plain');
  return { plain: result.plain.map((s) => s.id).sort(), queue };
}

function ids(...subs: Sub[]): string[] {
  return subs.map((s) => s.id).sort();
}

function assertMatch(
  sublist: Sublist<Sub>,
  subject: string,
  plain: Sub[],
  queue: Record<string, Sub[]> = {},
): void {
  const expectedQueue: Record<string, string[]> = {};
  for (const [name, members] of Object.entries(queue)) expectedQueue[name] = ids(...members);
  assert.deepEqual(shape(sublist.match(subject)), { plain: ids(...plain), queue: expectedQueue });
}

void describe('Sublist: plain subscriptions', () => {
  void test('the empty sublist matches nothing', () => {
    const sublist = new Sublist<Sub>();
    for (const subject of ['foo', 'foo.bar', '_INBOX.x.1']) {
      const result = sublist.match(subject);
      assert.deepEqual(result.plain, []);
      assert.deepEqual(result.queue, []);
      assert.equal(sublist.hasInterest(subject), false);
    }
    assert.equal(sublist.count(), 0);
    const stats = sublist.stats();
    assert.equal(stats.subscriptions, 0);
    assert.equal(stats.nodes, 0);
    assert.equal(sublist.generation, 0);
  });

  void test('a literal subscription matches its subject only', () => {
    const fooBar = sub('foo.bar');
    const sublist = sublistOf(fooBar);
    assertMatch(sublist, 'foo.bar', [fooBar]);
    for (const subject of ['foo', 'foo.baz', 'foo.bar.baz', 'bar.foo', 'foo.ba', 'foo.barr']) {
      assertMatch(sublist, subject, []);
    }
  });

  void test('the matched objects are the inserted ones', () => {
    const s = sub('foo');
    const sublist = sublistOf(s);
    assert.equal(sublist.match('foo').plain[0], s);
  });

  void test('two equal-looking subscription objects are two subscriptions', () => {
    const a: Sub = { subject: 'foo', id: 'a' };
    const b: Sub = { subject: 'foo', id: 'a' };
    const sublist = sublistOf(a, b);
    assert.equal(sublist.count(), 2);
    const plain = sublist.match('foo').plain;
    assert.equal(plain.length, 2);
    assert.ok(plain.includes(a) && plain.includes(b));
  });

  void test("'*' as the last token matches exactly one more token", () => {
    const s = sub('foo.*');
    const sublist = sublistOf(s);
    assertMatch(sublist, 'foo.bar', [s]);
    assertMatch(sublist, 'foo.baz', [s]);
    assertMatch(sublist, 'foo', []);
    assertMatch(sublist, 'foo.bar.baz', []);
    assertMatch(sublist, 'bar.baz', []);
  });

  void test("'*' in the middle matches any one token there", () => {
    const s = sub('foo.*.baz');
    const sublist = sublistOf(s);
    assertMatch(sublist, 'foo.bar.baz', [s]);
    assertMatch(sublist, 'foo.x.baz', [s]);
    assertMatch(sublist, 'foo.bar.qux', []);
    assertMatch(sublist, 'foo.baz', []);
    assertMatch(sublist, 'foo.bar.baz.qux', []);
  });

  void test("'*' alone matches every one-token subject", () => {
    const s = sub('*');
    const sublist = sublistOf(s);
    assertMatch(sublist, 'foo', [s]);
    assertMatch(sublist, 'foo.bar', []);
  });

  void test("'>' at the root matches every subject", () => {
    const s = sub('>');
    const sublist = sublistOf(s);
    for (const subject of ['foo', 'foo.bar', 'a.b.c.d.e.f', '_INBOX.x.1']) {
      assertMatch(sublist, subject, [s]);
    }
  });

  void test("'foo.>' matches one or more tokens after foo, never foo itself", () => {
    const s = sub('foo.>');
    const sublist = sublistOf(s);
    assertMatch(sublist, 'foo.bar', [s]);
    assertMatch(sublist, 'foo.bar.baz.qux', [s]);
    assertMatch(sublist, 'foo', []);
    assertMatch(sublist, 'bar.foo', []);
  });

  void test('overlapping literal and wildcard subscriptions all match', () => {
    const literal = sub('foo.bar');
    const lastStar = sub('foo.*');
    const firstStar = sub('*.bar');
    const stars = sub('*.*');
    const rootFull = sub('>');
    const fooFull = sub('foo.>');
    const starFull = sub('*.>');
    const other = sub('foo.baz.>');
    const sublist = sublistOf(literal, lastStar, firstStar, stars, rootFull, fooFull, starFull);
    sublist.insert(other);
    assertMatch(sublist, 'foo.bar', [
      literal,
      lastStar,
      firstStar,
      stars,
      rootFull,
      fooFull,
      starFull,
    ]);
    assertMatch(sublist, 'foo.baz', [lastStar, stars, rootFull, fooFull, starFull]);
    assertMatch(sublist, 'x.bar', [firstStar, stars, rootFull, starFull]);
    assertMatch(sublist, 'foo', [rootFull]);
    assertMatch(sublist, 'foo.baz.qux', [rootFull, fooFull, starFull, other]);
  });

  void test("a '*' or '>' inside a token is a literal character", () => {
    const fo = sub('fo*');
    const ab = sub('a.>b');
    const sublist = sublistOf(fo, ab);
    assertMatch(sublist, 'fo*', [fo]);
    assertMatch(sublist, 'foo', []);
    assertMatch(sublist, 'fo', []);
    assertMatch(sublist, 'a.>b', [ab]);
    assertMatch(sublist, 'a.b', []);
    assertMatch(sublist, 'a.xb', []);
  });

  void test('unicode subjects', () => {
    const s = sub('日本.*');
    const t = sub('😀.>');
    const sublist = sublistOf(s, t);
    assertMatch(sublist, '日本.東京', [s]);
    assertMatch(sublist, '😀.🚀.x', [t]);
    assertMatch(sublist, '日本', []);
  });

  void test('a subject with an empty token goes to nobody and is not cached', () => {
    const sublist = sublistOf(sub('>'), sub('foo.*'), sub('foo.>'), sub('*'));
    const before = sublist.stats().cacheEntries;
    for (const subject of ['', '.', 'foo.', '.foo', 'foo..bar', '..']) {
      assertMatch(sublist, subject, []);
      assert.equal(sublist.hasInterest(subject), false, JSON.stringify(subject));
    }
    assert.equal(sublist.stats().cacheEntries, before);
  });
});

void describe('Sublist: queue subscriptions', () => {
  void test('members of one queue group on one subject form one group', () => {
    const a = sub('foo', 'q1');
    const b = sub('foo', 'q1');
    const sublist = sublistOf(a, b);
    assertMatch(sublist, 'foo', [], { q1: [a, b] });
    assert.equal(sublist.hasInterest('foo'), true);
  });

  void test('queue members are grouped by name across different nodes', () => {
    const star = sub('foo.*', 'q1');
    const literal = sub('foo.bar', 'q1');
    const full = sub('>', 'q1');
    const sublist = sublistOf(star, literal, full);
    const result = sublist.match('foo.bar');
    assert.equal(result.queue.length, 1);
    assertMatch(sublist, 'foo.bar', [], { q1: [star, literal, full] });
    assertMatch(sublist, 'foo.baz', [], { q1: [star, full] });
    assertMatch(sublist, 'foo', [], { q1: [full] });
  });

  void test('several groups and plain subscribers on one subject', () => {
    const plain = sub('foo.bar');
    const plainStar = sub('foo.*');
    const q1a = sub('foo.bar', 'q1');
    const q1b = sub('foo.*', 'q1');
    const q2a = sub('foo.bar', 'q2');
    const q2b = sub('*.bar', 'q2');
    const q3 = sub('foo.>', 'q3');
    const sublist = sublistOf(plain, plainStar, q1a, q1b, q2a, q2b, q3);
    assertMatch(sublist, 'foo.bar', [plain, plainStar], {
      q1: [q1a, q1b],
      q2: [q2a, q2b],
      q3: [q3],
    });
    assertMatch(sublist, 'foo.baz', [plainStar], { q1: [q1b], q3: [q3] });
    assertMatch(sublist, 'x.bar', [], { q2: [q2b] });
  });

  void test('a plain and a queue subscription on one subject are independent', () => {
    const plain = sub('foo');
    const queued = sub('foo', 'q1');
    const sublist = sublistOf(plain, queued);
    assertMatch(sublist, 'foo', [plain], { q1: [queued] });
    assert.equal(sublist.remove(plain), true);
    assertMatch(sublist, 'foo', [], { q1: [queued] });
    assert.equal(sublist.remove(queued), true);
    assertMatch(sublist, 'foo', []);
    assert.equal(sublist.stats().nodes, 0);
  });

  void test('removing the last member of a group removes the group', () => {
    const a = sub('foo.*', 'q1');
    const b = sub('foo.bar', 'q1');
    const c = sub('foo.bar', 'q2');
    const sublist = sublistOf(a, b, c);
    sublist.remove(a);
    assertMatch(sublist, 'foo.bar', [], { q1: [b], q2: [c] });
    sublist.remove(b);
    assertMatch(sublist, 'foo.bar', [], { q2: [c] });
    sublist.remove(c);
    assertMatch(sublist, 'foo.bar', []);
    assert.equal(sublist.hasInterest('foo.bar'), false);
  });
});

void describe('Sublist: insert and remove', () => {
  void test('the same subscription inserted twice counts once', () => {
    const plain = sub('foo.bar');
    const queued = sub('foo.*', 'q1');
    const sublist = sublistOf(plain, queued);
    const generation = sublist.generation;
    const stats = sublist.stats();
    sublist.insert(plain);
    sublist.insert(queued);
    assert.equal(sublist.count(), 2);
    assert.equal(sublist.generation, generation);
    assert.deepEqual(sublist.stats(), stats);
    assertMatch(sublist, 'foo.bar', [plain], { q1: [queued] });
    assert.equal(sublist.remove(plain), true);
    assert.equal(sublist.remove(queued), true);
    assert.equal(sublist.count(), 0);
    assertMatch(sublist, 'foo.bar', []);
    assert.equal(sublist.stats().nodes, 0);
  });

  void test('remove returns false for a subscription that is not there', () => {
    const inserted = sub('foo.bar', 'q1');
    const sublist = sublistOf(inserted, sub('foo.*'));
    const generation = sublist.generation;
    const stats = sublist.stats();
    const unknown = [
      sub('foo.bar'), // same subject, another object
      sub('foo.bar', 'q1'), // same subject and queue, another object
      { ...inserted }, // an equal-looking copy
      { ...inserted, queue: 'q2' }, // the wrong queue
      { ...inserted, queue: undefined }, // not as a plain subscription
      sub('nothing.here'),
      sub('foo'), // a prefix of a subscribed subject
      sub('foo.bar.baz'), // longer than a subscribed subject
      sub('foo.>'),
      sub('*'),
      sub('foo..bar'),
      sub('foo.>.bar'),
      sub(''),
    ];
    for (const s of unknown) assert.equal(sublist.remove(s), false, JSON.stringify(s));
    assert.equal(sublist.generation, generation);
    assert.deepEqual(sublist.stats(), stats);
    assert.equal(sublist.remove(inserted), true);
    assert.equal(sublist.remove(inserted), false);
  });

  void test('remove on the empty sublist returns false', () => {
    const sublist = new Sublist<Sub>();
    assert.equal(sublist.remove(sub('foo')), false);
    assert.equal(sublist.remove(sub('>')), false);
    assert.equal(sublist.generation, 0);
  });

  for (const subject of [
    'foo..bar',
    'foo.>.bar',
    '',
    '.',
    '.foo',
    'foo.',
    '>.foo',
    '>.>',
    'a.*.>.b',
  ]) {
    void test(`insert of ${JSON.stringify(subject)} throws InvalidSubjectError and changes nothing`, () => {
      const existing = sub('foo.bar');
      const queued = sub('foo.*', 'q1');
      const sublist = sublistOf(existing, queued);
      sublist.match('foo.bar');
      const stats = sublist.stats();
      const generation = sublist.generation;
      for (const queue of [undefined, 'q1']) {
        assert.throws(
          () => {
            sublist.insert(sub(subject, queue));
          },
          (error: unknown) => {
            assert.ok(error instanceof InvalidSubjectError);
            assert.ok(error instanceof Error);
            assert.equal(error.name, 'InvalidSubjectError');
            assert.ok(error.message.includes(JSON.stringify(subject)), error.message);
            return true;
          },
        );
      }
      assert.deepEqual(sublist.stats(), stats);
      assert.equal(sublist.generation, generation);
      assert.equal(sublist.count(), 2);
      // The cached result is untouched too.
      assertMatch(sublist, 'foo.bar', [existing], { q1: [queued] });
    });
  }

  void test('a failed insert under an existing branch leaves no nodes', () => {
    const sublist = sublistOf(sub('a.b.c'));
    assert.equal(sublist.stats().nodes, 3);
    for (const subject of ['a.b.c.', 'a.b..d', 'a.b.>.d', 'a.x.y.z..w']) {
      assert.throws(() => {
        sublist.insert(sub(subject));
      }, InvalidSubjectError);
      assert.equal(sublist.stats().nodes, 3, subject);
    }
  });

  void test('the sublist accepts what nats-server accepts: whitespace is not checked on insert', () => {
    // nats-server's Insert only rejects empty tokens and a '>' that is not last.
    const s = sub('foo bar');
    const sublist = sublistOf(s);
    assertMatch(sublist, 'foo bar', [s]);
  });

  void test('nodes are counted per token and pruned on remove', () => {
    const abc = sub('a.b.c');
    const abd = sub('a.b.d');
    const ab = sub('a.b');
    const star = sub('a.*');
    const full = sub('a.>');
    const sublist = new Sublist<Sub>();
    sublist.insert(abc);
    assert.equal(sublist.stats().nodes, 3);
    sublist.insert(abd);
    assert.equal(sublist.stats().nodes, 4);
    sublist.insert(ab);
    assert.equal(sublist.stats().nodes, 4);
    sublist.insert(star);
    sublist.insert(full);
    assert.equal(sublist.stats().nodes, 6);
    sublist.remove(abc);
    assert.equal(sublist.stats().nodes, 5);
    sublist.remove(ab);
    assert.equal(sublist.stats().nodes, 5); // 'a.b' still leads to 'a.b.d'
    assertMatch(sublist, 'a.b.d', [abd, full]);
    sublist.remove(abd);
    assert.equal(sublist.stats().nodes, 3);
    sublist.remove(star);
    sublist.remove(full);
    assert.equal(sublist.stats().nodes, 0);
    assert.equal(sublist.count(), 0);
  });

  void test('generation changes on every insert and remove, and on nothing else', () => {
    const sublist = new Sublist<Sub>();
    const a = sub('foo');
    const b = sub('foo.*', 'q');
    const seen = new Set<number>([sublist.generation]);
    const step = (action: () => void, changes: boolean): void => {
      const before = sublist.generation;
      action();
      if (changes) {
        assert.notEqual(sublist.generation, before);
        assert.ok(!seen.has(sublist.generation), 'a generation came back');
        seen.add(sublist.generation);
      } else {
        assert.equal(sublist.generation, before);
      }
    };
    step(() => {
      sublist.insert(a);
    }, true);
    step(() => {
      sublist.insert(b);
    }, true);
    step(() => sublist.match('foo.bar'), false);
    step(() => sublist.hasInterest('foo'), false);
    step(() => {
      sublist.insert(a); // a duplicate
    }, false);
    step(() => sublist.remove(sub('foo')), false); // unknown
    step(() => sublist.remove(a), true);
    step(() => sublist.remove(a), false);
    step(() => {
      sublist.insert(a);
    }, true);
    step(() => sublist.remove(b), true);
  });

  void test('count, stats and hasInterest follow inserts and removes', () => {
    const sublist = new Sublist<Sub>();
    const subs = [sub('a'), sub('a.b'), sub('a.*', 'q'), sub('>'), sub('a.b', 'q')];
    subs.forEach((s, i) => {
      sublist.insert(s);
      assert.equal(sublist.count(), i + 1);
    });
    assert.equal(sublist.hasInterest('a.b'), true);
    assert.equal(sublist.hasInterest('zzz'), true); // '>'
    sublist.remove(subs[3]);
    assert.equal(sublist.hasInterest('zzz'), false);
    assert.equal(sublist.hasInterest('a.c'), true);
    let stats = sublist.stats();
    assert.equal(stats.subscriptions, 4);
    assert.equal(stats.inserts, 5);
    assert.equal(stats.removes, 1);
    for (const s of subs) sublist.remove(s);
    stats = sublist.stats();
    assert.equal(sublist.count(), 0);
    assert.equal(stats.subscriptions, 0);
    assert.equal(stats.removes, 5);
    assert.equal(stats.nodes, 0);
    assert.equal(sublist.hasInterest('a.b'), false);
  });

  void test('stats count matches and cache hits', () => {
    const sublist = sublistOf(sub('foo'));
    sublist.match('foo');
    sublist.match('foo');
    sublist.match('bar');
    sublist.hasInterest('foo');
    const stats = sublist.stats();
    assert.equal(stats.matches, 4);
    assert.equal(stats.cacheHits, 2);
    assert.equal(stats.cacheEntries, 2);
  });

  void test('with the cache off (cacheSize 0) matches are still right', () => {
    const sublist = new Sublist<Sub>({ cacheSize: 0 });
    const a = sub('foo.*');
    const b = sub('foo.bar', 'q');
    sublist.insert(a);
    assertMatch(sublist, 'foo.bar', [a]);
    sublist.insert(b);
    assertMatch(sublist, 'foo.bar', [a], { q: [b] });
    sublist.remove(a);
    assertMatch(sublist, 'foo.bar', [], { q: [b] });
    assert.equal(sublist.stats().cacheEntries, 0);
    assert.equal(sublist.stats().cacheHits, 0);
  });
});
