import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CACHE_SIZE, MatchCache } from './match-cache.js';
import { Sublist, type MatchResult, type Subscription } from './sublist.js';

interface Sub extends Subscription {
  readonly id: string;
}

let nextId = 0;
function sub(subject: string, queue?: string): Sub {
  return { subject, queue, id: `${subject}${queue === undefined ? '' : `@${queue}`}#${nextId++}` };
}

/** A deep, independent copy of a result's membership, to compare later. */
function snapshot(result: MatchResult<Sub>): { plain: Sub[]; queue: Sub[][] } {
  return { plain: [...result.plain], queue: result.queue.map((group) => [...group]) };
}

/** Asserts the result still holds exactly what the snapshot held, by identity and order. */
function assertUnchanged(result: MatchResult<Sub>, before: { plain: Sub[]; queue: Sub[][] }): void {
  assert.equal(result.plain.length, before.plain.length);
  before.plain.forEach((s, i) => {
    assert.equal(result.plain[i], s);
  });
  assert.equal(result.queue.length, before.queue.length);
  before.queue.forEach((group, i) => {
    assert.equal(result.queue[i].length, group.length);
    group.forEach((s, j) => {
      assert.equal(result.queue[i][j], s);
    });
  });
}

function plainIds(result: MatchResult<Sub>): string[] {
  return result.plain.map((s) => s.id).sort();
}

function queueIds(result: MatchResult<Sub>): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const group of result.queue) groups[group[0].queue ?? ''] = group.map((s) => s.id).sort();
  return groups;
}

void describe('MatchCache', () => {
  void test('the default size is 1024', () => {
    assert.equal(DEFAULT_CACHE_SIZE, 1024);
  });

  void test('1025 entries in a 1024 cache sweep it to 256, oldest first', () => {
    const cache = new MatchCache<number>(1024);
    for (let i = 0; i < 1024; i++) cache.set(`s.${i}`, i);
    assert.equal(cache.size, 1024);
    assert.equal(cache.get('s.0'), 0);
    cache.set('s.1024', 1024);
    assert.equal(cache.size, 256);
    // The newest 256 stay, the new entry among them.
    for (let i = 0; i <= 1024; i++) {
      assert.equal(cache.get(`s.${i}`), i >= 769 ? i : undefined, `s.${i}`);
    }
  });

  void test('the default constructor is bounded at 1024 too', () => {
    const cache = new MatchCache<number>();
    for (let i = 0; i < 1024; i++) cache.set(`s.${i}`, i);
    assert.equal(cache.size, 1024);
    cache.set('one.more', 0);
    assert.equal(cache.size, 256);
  });

  void test('a small cache sweeps to a quarter of its size', () => {
    const cache = new MatchCache<number>(8);
    for (let i = 0; i < 8; i++) cache.set(`s.${i}`, i);
    assert.equal(cache.size, 8);
    cache.set('s.8', 8);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('s.7'), 7);
    assert.equal(cache.get('s.8'), 8);
    assert.equal(cache.get('s.6'), undefined);
  });

  void test('setting an existing subject replaces its value without growing', () => {
    const cache = new MatchCache<number>(4);
    cache.set('a', 1);
    cache.set('a', 2);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a'), 2);
  });

  void test('a cache of size 0 stores nothing', () => {
    const cache = new MatchCache<number>(0);
    cache.set('a', 1);
    assert.equal(cache.size, 0);
    assert.equal(cache.get('a'), undefined);
  });

  void test('replace changes an existing entry and never adds one', () => {
    const cache = new MatchCache<string>();
    cache.replace('a', 'x');
    assert.equal(cache.size, 0);
    assert.equal(cache.get('a'), undefined);
    cache.set('a', 'one');
    cache.replace('a', 'two');
    assert.equal(cache.get('a'), 'two');
    assert.equal(cache.size, 1);
  });

  void test('delete removes one entry', () => {
    const cache = new MatchCache<number>();
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    cache.delete('nope');
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b'), 2);
    assert.equal(cache.size, 1);
  });

  const SUBJECTS = ['foo', 'foo.bar', 'foo.baz', 'foo.bar.baz', 'bar.foo', 'bar', 'fo*', 'foox'];

  function filled(): MatchCache<string> {
    const cache = new MatchCache<string>();
    for (const subject of SUBJECTS) cache.set(subject, subject);
    return cache;
  }

  // [filter, subjects it matches among SUBJECTS]
  const FILTERS: readonly (readonly [string, readonly string[]])[] = [
    ['foo.*', ['foo.bar', 'foo.baz']],
    ['foo.>', ['foo.bar', 'foo.baz', 'foo.bar.baz']],
    ['*', ['foo', 'bar', 'fo*', 'foox']],
    ['>', SUBJECTS],
    ['*.foo', ['bar.foo']],
    ['*.bar.*', ['foo.bar.baz']],
    ['foo.bar', ['foo.bar']],
    ['fo*', ['fo*']],
    ['nothing.>', []],
  ];

  for (const [filter, matching] of FILTERS) {
    void test(`updateMatching(${JSON.stringify(filter)}) touches only ${JSON.stringify(matching)}`, () => {
      const cache = filled();
      const seen: string[] = [];
      cache.updateMatching(filter, (value) => {
        seen.push(value);
        return `${value}!`;
      });
      assert.deepEqual(seen.sort(), [...matching].sort());
      assert.equal(cache.size, SUBJECTS.length);
      for (const subject of SUBJECTS) {
        assert.equal(cache.get(subject), matching.includes(subject) ? `${subject}!` : subject);
      }
    });

    void test(`deleteMatching(${JSON.stringify(filter)}) drops only ${JSON.stringify(matching)}`, () => {
      const cache = filled();
      cache.deleteMatching(filter);
      assert.equal(cache.size, SUBJECTS.length - matching.length);
      for (const subject of SUBJECTS) {
        assert.equal(cache.get(subject), matching.includes(subject) ? undefined : subject);
      }
    });
  }
});

void describe('Sublist match cache', () => {
  void test('inserting a literal subscription updates its cached entry in place of a rebuild', () => {
    const sublist = new Sublist<Sub>();
    const existing = sub('foo.bar');
    sublist.insert(existing);
    sublist.match('foo.bar');
    const unrelated = sublist.match('other.x');
    const entries = sublist.stats().cacheEntries;
    assert.equal(entries, 2);

    const added = sub('foo.bar');
    sublist.insert(added);
    assert.equal(sublist.stats().cacheEntries, entries);
    const hits = sublist.stats().cacheHits;
    assert.deepEqual(plainIds(sublist.match('foo.bar')), [existing.id, added.id].sort());
    assert.equal(sublist.stats().cacheHits, hits + 1, 'served from the updated cache entry');
    assert.equal(sublist.match('other.x'), unrelated);
  });

  void test('inserting a literal subscription on an uncached subject leaves the cache alone', () => {
    const sublist = new Sublist<Sub>();
    const cached = sublist.match('foo.bar');
    sublist.insert(sub('foo.baz'));
    assert.equal(sublist.stats().cacheEntries, 1);
    assert.equal(sublist.match('foo.bar'), cached);
  });

  void test('inserting a wildcard subscription updates every cached subject it matches', () => {
    const sublist = new Sublist<Sub>();
    const subjects = ['foo.a', 'foo.b', 'foo.c'];
    for (const subject of subjects) sublist.match(subject);
    const unrelated = ['foo', 'foo.a.b', 'bar.a'].map((subject) => sublist.match(subject));
    const star = sub('foo.*');
    sublist.insert(star);
    assert.equal(sublist.stats().cacheEntries, 6);
    const hits = sublist.stats().cacheHits;
    for (const subject of subjects) assert.deepEqual(plainIds(sublist.match(subject)), [star.id]);
    assert.equal(sublist.stats().cacheHits, hits + subjects.length);
    assert.equal(sublist.match('foo'), unrelated[0]);
    assert.equal(sublist.match('foo.a.b'), unrelated[1]);
    assert.equal(sublist.match('bar.a'), unrelated[2]);

    const full = sub('foo.>');
    sublist.insert(full);
    assert.equal(sublist.stats().cacheEntries, 6);
    assert.deepEqual(plainIds(sublist.match('foo.a')), [star.id, full.id].sort());
    assert.deepEqual(plainIds(sublist.match('foo.a.b')), [full.id]);
    assert.equal(sublist.match('foo'), unrelated[0]);
    assert.equal(sublist.match('bar.a'), unrelated[2]);
  });

  void test('inserting queue subscriptions adds to the right cached group', () => {
    const sublist = new Sublist<Sub>();
    const first = sub('foo.bar', 'q1');
    sublist.insert(first);
    sublist.match('foo.bar');
    const second = sub('foo.*', 'q1');
    const other = sub('>', 'q2');
    const plain = sub('foo.bar');
    sublist.insert(second);
    sublist.insert(other);
    sublist.insert(plain);
    const hits = sublist.stats().cacheHits;
    const result = sublist.match('foo.bar');
    assert.equal(sublist.stats().cacheHits, hits + 1);
    assert.deepEqual(plainIds(result), [plain.id]);
    assert.deepEqual(queueIds(result), { q1: [first.id, second.id].sort(), q2: [other.id] });
  });

  void test('removing a subscription updates the cached entries it touched, and only those', () => {
    const sublist = new Sublist<Sub>();
    const literal = sub('foo.bar');
    const star = sub('foo.*');
    sublist.insert(literal);
    sublist.insert(star);
    sublist.match('foo.bar');
    sublist.match('foo.baz');
    const unrelated = sublist.match('other.x');
    const deeper = sublist.match('foo.bar.baz');

    assert.equal(sublist.remove(literal), true);
    assert.deepEqual(plainIds(sublist.match('foo.bar')), [star.id]);
    assert.deepEqual(plainIds(sublist.match('foo.baz')), [star.id]);
    assert.equal(sublist.match('other.x'), unrelated);

    assert.equal(sublist.remove(star), true);
    assert.deepEqual(plainIds(sublist.match('foo.bar')), []);
    assert.deepEqual(plainIds(sublist.match('foo.baz')), []);
    assert.equal(sublist.match('other.x'), unrelated);
    assert.equal(sublist.match('foo.bar.baz'), deeper);
    assert.ok(sublist.stats().cacheEntries > 0);
  });

  void test('a result returned earlier is never changed by later inserts or removes', () => {
    const sublist = new Sublist<Sub>();
    const a = sub('foo.bar');
    const q = sub('foo.bar', 'q1');
    sublist.insert(a);
    sublist.insert(q);
    const first = sublist.match('foo.bar');
    const firstSnapshot = snapshot(first);
    const empty = sublist.match('foo.baz');
    const emptySnapshot = snapshot(empty);

    const more = [
      sub('foo.bar'),
      sub('foo.*'),
      sub('*.bar'),
      sub('>'),
      sub('foo.bar', 'q1'),
      sub('foo.*', 'q1'),
      sub('foo.>', 'q2'),
    ];
    const results: MatchResult<Sub>[] = [first];
    for (const s of more) {
      sublist.insert(s);
      const result = sublist.match('foo.bar');
      assert.notEqual(result, results[results.length - 1]);
      results.push(result);
      sublist.match('foo.baz');
    }
    const snapshots = results.map(snapshot);
    assertUnchanged(first, firstSnapshot);
    assertUnchanged(empty, emptySnapshot);
    assert.equal(sublist.match('foo.bar').plain.length, 5);

    for (const s of [...more, a, q]) {
      sublist.remove(s);
      sublist.match('foo.bar');
      sublist.match('foo.baz');
    }
    results.forEach((result, i) => {
      assertUnchanged(result, snapshots[i]);
    });
    assertUnchanged(first, firstSnapshot);
    assertUnchanged(empty, emptySnapshot);
    assert.deepEqual(plainIds(sublist.match('foo.bar')), []);
  });

  void test('the sublist cache stays bounded', () => {
    const sublist = new Sublist<Sub>();
    sublist.insert(sub('>'));
    for (let i = 0; i < 1024; i++) sublist.match(`s.${i}`);
    assert.equal(sublist.stats().cacheEntries, 1024);
    sublist.match('s.1024');
    assert.equal(sublist.stats().cacheEntries, 256);

    const small = new Sublist<Sub>({ cacheSize: 8 });
    for (let i = 0; i < 100; i++) {
      small.match(`s.${i}`);
      assert.ok(small.stats().cacheEntries <= 8);
    }
  });

  void test('results stay right after the cache sweeps', () => {
    const sublist = new Sublist<Sub>({ cacheSize: 8 });
    const star = sub('s.*');
    sublist.insert(star);
    for (let i = 0; i < 20; i++) sublist.match(`s.${i}`);
    const full = sub('s.>');
    sublist.insert(full);
    for (let i = 0; i < 20; i++) {
      assert.deepEqual(plainIds(sublist.match(`s.${i}`)), [star.id, full.id].sort());
    }
  });
});
