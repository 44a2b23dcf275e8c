import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pickQueueMember, pickWeightedQueueMember } from './queue.js';

/** A random source that returns the given values in turn, then repeats. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

function counts<T>(picks: Iterable<T | undefined>): Map<T | undefined, number> {
  const tally = new Map<T | undefined, number>();
  for (const pick of picks) tally.set(pick, (tally.get(pick) ?? 0) + 1);
  return tally;
}

function repeat<T>(times: number, pick: () => T): T[] {
  const picks: T[] = [];
  for (let i = 0; i < times; i++) picks.push(pick());
  return picks;
}

void describe('pickQueueMember', () => {
  void test('undefined for no members', () => {
    assert.equal(pickQueueMember<string>([]), undefined);
    assert.equal(
      pickQueueMember<string>([], () => true),
      undefined,
    );
  });

  void test('the only member', () => {
    assert.equal(pickQueueMember(['a']), 'a');
    for (const r of [0, 0.5, 0.999999])
      assert.equal(
        pickQueueMember(['a'], undefined, () => r),
        'a',
      );
  });

  void test('an injected random picks deterministically', () => {
    const members = ['a', 'b', 'c', 'd'];
    assert.equal(
      pickQueueMember(members, undefined, () => 0),
      'a',
    );
    assert.equal(
      pickQueueMember(members, undefined, () => 0.25),
      'b',
    );
    assert.equal(
      pickQueueMember(members, undefined, () => 0.5),
      'c',
    );
    assert.equal(
      pickQueueMember(members, undefined, () => 0.74),
      'c',
    );
    assert.equal(
      pickQueueMember(members, undefined, () => 0.999999),
      'd',
    );
    const random = sequence(0.1, 0.9, 0.3);
    assert.deepEqual(
      repeat(6, () => pickQueueMember(members, undefined, random)),
      ['a', 'd', 'b', 'a', 'd', 'b'],
    );
  });

  void test('calls random once when the first draw is available, twice when not', () => {
    let calls = 0;
    const random = (): number => {
      calls++;
      return 0.5;
    };
    pickQueueMember(['a', 'b', 'c'], (m) => m === 'b', random);
    assert.equal(calls, 1);
    pickQueueMember(['a', 'b', 'c'], (m) => m === 'a', random);
    assert.equal(calls, 3);
  });

  void test('spreads picks evenly over the available members', () => {
    // With c and d down, a and b share evenly; walking on from an unavailable
    // draw would give a three times b's share.
    const members = ['a', 'b', 'c', 'd'];
    const available = (m: string): boolean => m === 'a' || m === 'b';
    let a = 0;
    const picks = 10_000;
    for (let i = 0; i < picks; i++) if (pickQueueMember(members, available) === 'a') a++;
    assert.ok(a > picks * 0.45 && a < picks * 0.55, `a got ${a} of ${picks}`);
  });

  void test('skips unavailable members', () => {
    const members = ['a', 'b', 'c', 'd'];
    const available = (m: string): boolean => m !== 'c' && m !== 'd';
    // A first draw on an unavailable member draws again among the available ones.
    assert.equal(
      pickQueueMember(members, available, () => 0.5),
      'b',
    );
    assert.equal(
      pickQueueMember(members, available, () => 0.1),
      'a',
    );
    assert.equal(
      pickQueueMember(members, available, () => 0.3),
      'b',
    );
    for (let i = 0; i < 1000; i++) {
      const pick = pickQueueMember(members, available);
      assert.ok(pick === 'a' || pick === 'b', pick);
    }
  });

  void test('undefined when no member is available', () => {
    assert.equal(
      pickQueueMember(['a', 'b', 'c'], () => false),
      undefined,
    );
    for (const r of [0, 0.4, 0.99]) {
      assert.equal(
        pickQueueMember(
          ['a', 'b'],
          () => false,
          () => r,
        ),
        undefined,
      );
    }
  });

  void test('each of 4 members gets 20%..30% of 10,000 picks with Math.random', (t) => {
    const members = ['a', 'b', 'c', 'd'];
    const picks = 10_000;
    const tally = counts(repeat(picks, () => pickQueueMember(members)));
    t.diagnostic(JSON.stringify([...tally]));
    assert.equal(tally.size, 4);
    for (const member of members) {
      const share = (tally.get(member) ?? 0) / picks;
      assert.ok(share >= 0.2 && share <= 0.3, `${member}: ${share}`);
    }
  });
});

void describe('pickWeightedQueueMember', () => {
  interface Member {
    readonly name: string;
    readonly weight: number;
    readonly up?: boolean;
  }
  const weightOf = (m: Member): number => m.weight;
  const isUp = (m: Member): boolean => m.up !== false;

  void test('weights 1 and 3 get about 25% and 75% of 20,000 picks', (t) => {
    const one: Member = { name: 'one', weight: 1 };
    const three: Member = { name: 'three', weight: 3 };
    const picks = 20_000;
    const tally = counts(repeat(picks, () => pickWeightedQueueMember([one, three], weightOf)));
    const oneShare = (tally.get(one) ?? 0) / picks;
    const threeShare = (tally.get(three) ?? 0) / picks;
    t.diagnostic(`one ${oneShare}, three ${threeShare}`);
    assert.equal(tally.size, 2);
    assert.ok(Math.abs(oneShare - 0.25) <= 0.05, `weight 1: ${oneShare}`);
    assert.ok(Math.abs(threeShare - 0.75) <= 0.05, `weight 3: ${threeShare}`);
  });

  void test('an injected random picks by cumulative weight', () => {
    const a: Member = { name: 'a', weight: 1 };
    const b: Member = { name: 'b', weight: 3 };
    const members = [a, b];
    // total 4: [0, 1) -> a, [1, 4) -> b
    assert.equal(
      pickWeightedQueueMember(members, weightOf, undefined, () => 0),
      a,
    );
    assert.equal(
      pickWeightedQueueMember(members, weightOf, undefined, () => 0.2499),
      a,
    );
    assert.equal(
      pickWeightedQueueMember(members, weightOf, undefined, () => 0.25),
      b,
    );
    assert.equal(
      pickWeightedQueueMember(members, weightOf, undefined, () => 0.999999),
      b,
    );
  });

  void test('zero and negative weights are never picked', () => {
    const zero: Member = { name: 'zero', weight: 0 };
    const negative: Member = { name: 'negative', weight: -5 };
    const two: Member = { name: 'two', weight: 2 };
    const members = [zero, negative, two, { name: 'minus-zero', weight: -0 }];
    for (const r of [0, 0.1, 0.5, 0.999999]) {
      assert.equal(
        pickWeightedQueueMember(members, weightOf, undefined, () => r),
        two,
      );
    }
    for (let i = 0; i < 1000; i++) assert.equal(pickWeightedQueueMember(members, weightOf), two);
    // A negative weight does not take away from the others either.
    const a: Member = { name: 'a', weight: 1 };
    const b: Member = { name: 'b', weight: 1 };
    const pick = (members: Member[], r: number): Member | undefined =>
      pickWeightedQueueMember(members, weightOf, undefined, () => r);
    const negativeFirst = [{ name: 'n', weight: -10 }, a, b];
    assert.equal(pick(negativeFirst, 0.25), a);
    assert.equal(pick(negativeFirst, 0.75), b);
    const negativeBetween = [a, { name: 'n', weight: -10 }, b];
    assert.equal(pick(negativeBetween, 0.4), a);
    assert.equal(pick(negativeBetween, 0.6), b);
  });

  void test('unavailable members are skipped', () => {
    const down: Member = { name: 'down', weight: 100, up: false };
    const a: Member = { name: 'a', weight: 1 };
    const b: Member = { name: 'b', weight: 3 };
    const members = [down, a, down, b];
    assert.equal(
      pickWeightedQueueMember(members, weightOf, isUp, () => 0),
      a,
    );
    assert.equal(
      pickWeightedQueueMember(members, weightOf, isUp, () => 0.5),
      b,
    );
    for (let i = 0; i < 1000; i++) {
      assert.notEqual(pickWeightedQueueMember(members, weightOf, isUp), down);
    }
  });

  void test('undefined when nothing is available', () => {
    assert.equal(pickWeightedQueueMember([], weightOf), undefined);
    assert.equal(
      pickWeightedQueueMember(
        [
          { name: 'a', weight: 0 },
          { name: 'b', weight: -1 },
        ],
        weightOf,
      ),
      undefined,
    );
    assert.equal(
      pickWeightedQueueMember(
        [
          { name: 'a', weight: 1, up: false },
          { name: 'b', weight: 2, up: false },
        ],
        weightOf,
        isUp,
      ),
      undefined,
    );
    assert.equal(
      pickWeightedQueueMember(
        [
          { name: 'a', weight: 0 },
          { name: 'b', weight: 2, up: false },
        ],
        weightOf,
        isUp,
      ),
      undefined,
    );
  });

  void test('equal weights spread evenly', () => {
    const members: Member[] = ['a', 'b', 'c', 'd'].map((name) => ({ name, weight: 7 }));
    const picks = 10_000;
    const tally = counts(repeat(picks, () => pickWeightedQueueMember(members, weightOf)));
    for (const member of members) {
      const share = (tally.get(member) ?? 0) / picks;
      assert.ok(share >= 0.2 && share <= 0.3, `${member.name}: ${share}`);
    }
  });
});
