import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isSubsetMatch, subjectMatches, subjectsCollide } from './subject.js';
import { Sublist, type MatchResult, type Subscription } from './sublist.js';

// The reference: a straightforward token-by-token matcher, and a live set of
// subscriptions filtered with it.

function naiveMatches(literal: string, filter: string): boolean {
  const tokens = literal.split('.');
  const filterTokens = filter.split('.');
  for (let i = 0; i < filterTokens.length; i++) {
    const filterToken = filterTokens[i];
    if (filterToken === '>') return tokens.length > i;
    if (i >= tokens.length) return false;
    if (filterToken !== '*' && filterToken !== tokens[i]) return false;
  }
  return tokens.length === filterTokens.length;
}

interface Sub extends Subscription {
  readonly id: number;
}

interface Shape {
  plain: number[];
  queue: Record<string, number[]>;
}

const byNumber = (a: number, b: number): number => a - b;

function resultShape(result: MatchResult<Sub>): Shape {
  const queue: Record<string, number[]> = {};
  for (const group of result.queue) {
    assert.ok(group.length > 0, 'an empty queue group');
    const name = group[0].queue;
    assert.ok(name !== undefined, 'a plain subscription in a queue group');
    assert.ok(!(name in queue), `group ${name} twice`);
    for (const member of group) assert.equal(member.queue, name);
    queue[name] = group.map((s) => s.id).sort(byNumber);
  }
  return { plain: result.plain.map((s) => s.id).sort(byNumber), queue };
}

function referenceShape(live: Iterable<Sub>, subject: string): Shape {
  const plain: number[] = [];
  const queue: Record<string, number[]> = {};
  for (const s of live) {
    if (!naiveMatches(subject, s.subject)) continue;
    if (s.queue === undefined) plain.push(s.id);
    else (queue[s.queue] ??= []).push(s.id);
  }
  for (const members of Object.values(queue)) members.sort(byNumber);
  return { plain: plain.sort(byNumber), queue };
}

// Subjects over a small alphabet, so they collide often.

const LITERAL_TOKENS = ['a', 'b', 'c'] as const;

/** A valid subscription subject: 1-4 tokens of a, b, c, '*', with '>' only last. */
const filterSubject = fc
  .tuple(
    fc.array(fc.constantFrom(...LITERAL_TOKENS, '*'), { minLength: 0, maxLength: 3 }),
    fc.constantFrom(...LITERAL_TOKENS, '*', '>'),
  )
  .map(([head, last]) => [...head, last].join('.'));

function literalSubject(maxTokens: number, tokens: readonly string[] = LITERAL_TOKENS) {
  return fc
    .array(fc.constantFrom(...tokens), { minLength: 1, maxLength: maxTokens })
    .map((parts) => parts.join('.'));
}

/** Mostly short subjects (39 of them, so the cache hits), sometimes up to 6 tokens deep. */
const probeSubject = fc.oneof(
  { weight: 4, arbitrary: literalSubject(3) },
  { weight: 1, arbitrary: literalSubject(6, [...LITERAL_TOKENS, 'd']) },
);

type Op =
  | { kind: 'insert'; subject: string; queue: string | undefined }
  | { kind: 'reinsert'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'match'; subject: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      subject: filterSubject,
      queue: fc.constantFrom(undefined, undefined, 'q1', 'q2'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reinsert' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('match' as const), subject: probeSubject }),
  },
);

/** Each step is an operation, then a match of a probe subject checked against the reference. */
// size '+1': sequences of a few dozen steps are common, not just a handful.
const steps = fc.array(fc.tuple(op, probeSubject), { minLength: 1, maxLength: 80, size: '+1' });

/** What the runs exercised, so a generator that stops producing interesting cases fails. */
interface Coverage {
  matches: number;
  nonEmptyMatches: number;
  sharedQueueGroups: number;
  removed: number;
  removeMisses: number;
  cacheHits: number;
  sweeps: number;
}

function newCoverage(): Coverage {
  return {
    matches: 0,
    nonEmptyMatches: 0,
    sharedQueueGroups: 0,
    removed: 0,
    removeMisses: 0,
    cacheHits: 0,
    sweeps: 0,
  };
}

function runModel(cacheSize: number | undefined, script: [Op, string][], coverage: Coverage): void {
  const sublist = new Sublist<Sub>(cacheSize === undefined ? {} : { cacheSize });
  const created: Sub[] = [];
  const live = new Set<Sub>();
  // Results handed out earlier, with what they held: they must never change.
  const handedOut: [MatchResult<Sub>, Shape][] = [];

  const check = (subject: string): void => {
    const entriesBefore = sublist.stats().cacheEntries;
    const result = sublist.match(subject);
    // A match only ever adds an entry, unless the cache overflowed and swept.
    if (sublist.stats().cacheEntries < entriesBefore) coverage.sweeps++;
    assert.deepEqual(resultShape(result), referenceShape(live, subject), `match ${subject}`);
    handedOut.push([result, resultShape(result)]);
    coverage.matches++;
    if (result.plain.length > 0 || result.queue.length > 0) coverage.nonEmptyMatches++;
    // A group gathered from more than one trie node.
    for (const group of result.queue) {
      if (new Set(group.map((member) => member.subject)).size > 1) coverage.sharedQueueGroups++;
    }
    if (handedOut.length > 16) handedOut.shift();
  };

  for (const [step, probe] of script) {
    switch (step.kind) {
      case 'insert': {
        const s: Sub = { subject: step.subject, queue: step.queue, id: created.length };
        created.push(s);
        sublist.insert(s);
        live.add(s);
        break;
      }
      case 'reinsert': {
        if (created.length === 0) break;
        const s = created[step.pick % created.length];
        sublist.insert(s);
        live.add(s);
        break;
      }
      case 'remove': {
        if (created.length === 0) break;
        const s = created[step.pick % created.length];
        const removed = sublist.remove(s);
        assert.equal(removed, live.delete(s), `remove ${s.subject}`);
        if (removed) coverage.removed++;
        else coverage.removeMisses++;
        break;
      }
      case 'match':
        check(step.subject);
        break;
    }
    check(probe);
    assert.equal(sublist.count(), live.size);
    assert.equal(sublist.stats().subscriptions, live.size);
    for (const [result, shape] of handedOut) assert.deepEqual(resultShape(result), shape);
    if (cacheSize !== undefined) assert.ok(sublist.stats().cacheEntries <= cacheSize);
  }
  coverage.cacheHits += sublist.stats().cacheHits;

  for (const s of created) sublist.remove(s);
  assert.equal(sublist.count(), 0);
  assert.equal(sublist.stats().nodes, 0);
}

void describe('Sublist against a naive reference', () => {
  const variants: readonly (readonly [string, number | undefined, number])[] = [
    ['default cache', undefined, 400],
    ['cache of 8 (sweeps under churn)', 8, 400],
    ['no cache', 0, 150],
  ];
  for (const [name, cacheSize, numRuns] of variants) {
    void test(`random inserts, removes and matches, ${name}`, (t) => {
      const coverage = newCoverage();
      fc.assert(
        fc.property(steps, (script) => {
          runModel(cacheSize, script, coverage);
        }),
        { numRuns },
      );
      t.diagnostic(JSON.stringify(coverage));
      // The runs did exercise what they are meant to.
      assert.ok(coverage.nonEmptyMatches > coverage.matches / 4, 'too few matches hit anything');
      assert.ok(coverage.sharedQueueGroups > numRuns / 4, 'too few queue groups spanning nodes');
      assert.ok(coverage.removed > numRuns * 2, 'too few removes');
      assert.ok(coverage.removeMisses > numRuns / 4, 'too few removes of absent subscriptions');
      if (cacheSize === undefined) assert.ok(coverage.cacheHits > coverage.matches / 4);
      if (cacheSize === 8) assert.ok(coverage.sweeps > 100, `${coverage.sweeps} sweeps`);
      if (cacheSize === 0) assert.equal(coverage.cacheHits, 0);
    });
  }
});

// Every literal subject of 1 to 5 tokens over a, b, c: 363 subjects.
const UNIVERSE: readonly string[] = (() => {
  const all: string[] = [];
  let layer: string[] = [''];
  for (let length = 1; length <= 5; length++) {
    layer = layer.flatMap((prefix) =>
      LITERAL_TOKENS.map((token) => (prefix === '' ? token : `${prefix}.${token}`)),
    );
    all.push(...layer);
  }
  return all;
})();

void describe('subject functions against the naive matcher', () => {
  void test('the universe holds every literal of 1..5 tokens over a, b, c', () => {
    assert.equal(UNIVERSE.length, 3 + 9 + 27 + 81 + 243);
    assert.equal(new Set(UNIVERSE).size, UNIVERSE.length);
  });

  void test('subjectMatches(literal, filter) equals the naive matcher', () => {
    // Tokens with a '*' or '>' inside are literal to both.
    const literalTokens = ['a', 'b', 'c', 'a*', '>b'];
    const filterTokens = fc.constantFrom(...literalTokens, '*');
    const filter = fc
      .tuple(
        fc.array(filterTokens, { minLength: 0, maxLength: 4 }),
        fc.constantFrom(...literalTokens, '*', '>'),
      )
      .map(([head, last]) => [...head, last].join('.'));
    fc.assert(
      fc.property(literalSubject(6, literalTokens), filter, (literal, f) => {
        assert.equal(subjectMatches(literal, f), naiveMatches(literal, f));
      }),
      { numRuns: 20_000 },
    );
  });

  void test('subjectMatches agrees with the naive matcher on the whole universe', () => {
    const filters = [
      '>',
      '*',
      'a',
      'a.>',
      'a.*',
      '*.a',
      '*.*',
      '*.>',
      'a.*.>',
      '*.*.*.*.*',
      'a.b.c',
    ];
    for (const literal of UNIVERSE) {
      for (const f of filters) assert.equal(subjectMatches(literal, f), naiveMatches(literal, f));
    }
  });

  // Filters have at most 4 tokens. If a literal matches both filters, one of at
  // most 4 tokens does too: a filter without '>' fixes the length at its own
  // (<= 4), and if both end in '>' the literal can be cut to the longer filter's
  // length. Each token of that witness is either fixed by a filter's literal token
  // (a, b or c) or free, and a free one may as well be 'a'. So a witness, if
  // there is one, lies in UNIVERSE, and 'collide' can be decided by search.
  void test('subjectsCollide(a, b) iff some literal subject matches both', () => {
    fc.assert(
      fc.property(filterSubject, filterSubject, (a, b) => {
        const witness = UNIVERSE.find((s) => naiveMatches(s, a) && naiveMatches(s, b));
        assert.equal(subjectsCollide(a, b), witness !== undefined, `witness ${String(witness)}`);
        assert.equal(subjectsCollide(b, a), witness !== undefined);
      }),
      { numRuns: 5000 },
    );
  });

  void test('subjectsCollide and isSubsetMatch over every pair of filters of up to 4 tokens', () => {
    const filters: string[] = [];
    let heads: string[][] = [[]];
    for (let length = 0; length <= 3; length++) {
      for (const head of heads) {
        for (const last of [...LITERAL_TOKENS, '*', '>']) filters.push([...head, last].join('.'));
      }
      heads = heads.flatMap((head) => [...LITERAL_TOKENS, '*'].map((token) => [...head, token]));
    }
    assert.equal(filters.length, (1 + 4 + 16 + 64) * 5);
    const matched = filters.map((f) => UNIVERSE.map((s) => naiveMatches(s, f)));
    for (let i = 0; i < filters.length; i++) {
      for (let j = 0; j < filters.length; j++) {
        let both = false;
        let onlyFirst = false;
        for (let k = 0; k < UNIVERSE.length; k++) {
          if (matched[i][k] && matched[j][k]) both = true;
          if (matched[i][k] && !matched[j][k]) onlyFirst = true;
        }
        const [a, b] = [filters[i], filters[j]];
        if (subjectsCollide(a, b) !== both) assert.fail(`subjectsCollide(${a}, ${b}) !== ${both}`);
        if (isSubsetMatch(a, b) === onlyFirst) {
          assert.fail(`isSubsetMatch(${a}, ${b}) !== ${!onlyFirst}`);
        }
      }
    }
  });

  // A counterexample to 'every literal a matches, b matches', if there is one,
  // needs at most max(len a, len b) + 1 <= 5 tokens (one more than b allows), and
  // only tokens from a, b, c (with three letters there is always one a token that
  // differs from b's literal token). So UNIVERSE decides subset too.
  void test('isSubsetMatch(a, b) iff every literal a matches, b matches', () => {
    fc.assert(
      fc.property(filterSubject, filterSubject, (a, b) => {
        const counterexample = UNIVERSE.find((s) => naiveMatches(s, a) && !naiveMatches(s, b));
        assert.equal(
          isSubsetMatch(a, b),
          counterexample === undefined,
          `counterexample ${String(counterexample)}`,
        );
      }),
      { numRuns: 5000 },
    );
  });
});
