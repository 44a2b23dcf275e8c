import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Sublist, type Subscription } from './sublist.js';

// Churn through many one-off subjects, as request/reply inboxes do, and check
// that the trie gives back every node: a sublist that only ever grows leaks
// memory on a long-running server.

const PAIRS = 1_000_000;

function inboxPrefix(): string {
  return `_INBOX.${randomBytes(11).toString('base64url')}`;
}

/** Cheaper than randomBytes, for a fresh random token per subscription. */
function randomToken(): string {
  return Math.random().toString(36).slice(2);
}

function elapsed(start: bigint): string {
  return `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`;
}

void describe('Sublist churn', () => {
  void test(`${PAIRS.toLocaleString('en')} insert/remove pairs of unique inbox subjects leave it empty`, (t) => {
    const sublist = new Sublist();
    const prefix = inboxPrefix();
    const start = process.hrtime.bigint();
    // In waves: a batch of inboxes live at once, some of them matched (a reply
    // arriving), then all removed.
    const batch = 1000;
    const live: Subscription[] = new Array<Subscription>(batch);
    for (let done = 0; done < PAIRS; done += batch) {
      for (let i = 0; i < batch; i++) {
        live[i] = { subject: `${prefix}.${done + i}` };
        sublist.insert(live[i]);
      }
      for (let i = 0; i < batch; i += 10)
        assert.equal(sublist.match(live[i].subject).plain[0], live[i]);
      for (let i = 0; i < batch; i++) sublist.remove(live[i]);
    }
    const stats = sublist.stats();
    t.diagnostic(`${PAIRS} pairs in ${elapsed(start)}; ${JSON.stringify(stats)}`);
    assert.equal(stats.subscriptions, 0);
    assert.equal(stats.nodes, 0);
    assert.equal(stats.inserts, PAIRS);
    assert.equal(stats.removes, PAIRS);
    assert.equal(sublist.count(), 0);
    assert.ok(stats.cacheEntries <= 1024);
    assert.equal(sublist.hasInterest(`${prefix}.0`), false);
  });

  void test('one at a time, each under a fresh random token: a million insert/remove pairs', (t) => {
    const sublist = new Sublist();
    const start = process.hrtime.bigint();
    for (let n = 0; n < PAIRS; n++) {
      const s: Subscription = { subject: `_INBOX.${randomToken()}.${n}` };
      sublist.insert(s);
      if (n % 16 === 0) sublist.match(s.subject);
      sublist.remove(s);
    }
    const stats = sublist.stats();
    t.diagnostic(`${PAIRS} pairs in ${elapsed(start)}; ${JSON.stringify(stats)}`);
    assert.equal(stats.subscriptions, 0);
    assert.equal(stats.nodes, 0);
  });

  void test('churn mixed with wildcard and queue subscriptions ends with no nodes', (t) => {
    const sublist = new Sublist();
    const start = process.hrtime.bigint();
    // Long-lived subscriptions that share the inbox prefix stay during the churn.
    const standing: Subscription[] = [
      { subject: '_INBOX.>' },
      { subject: '_INBOX.*.*', queue: 'q1' },
      { subject: '>' },
      { subject: 'svc.*', queue: 'workers' },
    ];
    for (const s of standing) sublist.insert(s);
    const nodesBefore = sublist.stats().nodes;

    const rounds = 20_000;
    const prefixes = [inboxPrefix(), inboxPrefix(), inboxPrefix()];
    let pairs = 0;
    for (let n = 0; n < rounds; n++) {
      const prefix = prefixes[n % prefixes.length];
      const wave: Subscription[] = [
        { subject: `${prefix}.${n}` },
        { subject: `${prefix}.${n}`, queue: 'q1' },
        { subject: `${prefix}.${n}`, queue: `q${n % 7}` },
        { subject: `${prefix}.${n}.*` },
        { subject: `${prefix}.*.${n}`, queue: 'q2' },
        { subject: `${prefix}.${n}.>`, queue: 'q3' },
        { subject: `svc.${n % 50}`, queue: 'workers' },
        { subject: `svc.${n % 50}.*` },
      ];
      for (const s of wave) sublist.insert(s);
      const result = sublist.match(`${prefix}.${n}`);
      // _INBOX.>, the q1 group (_INBOX.*.* and the literal), '>', the literal plain sub.
      assert.equal(result.plain.length, 3);
      assert.ok(result.queue.length >= 1);
      sublist.match(`${prefix}.${n}.x`);
      sublist.match(`svc.${n % 50}`);
      // Remove in another order than inserted.
      for (let i = wave.length - 1; i >= 0; i -= 2) assert.equal(sublist.remove(wave[i]), true);
      for (let i = wave.length - 2; i >= 0; i -= 2) assert.equal(sublist.remove(wave[i]), true);
      pairs += wave.length;
    }
    assert.equal(sublist.stats().nodes, nodesBefore);
    assert.equal(sublist.count(), standing.length);
    for (const s of standing) assert.equal(sublist.remove(s), true);
    const stats = sublist.stats();
    t.diagnostic(`${pairs} pairs in ${elapsed(start)}; ${JSON.stringify(stats)}`);
    assert.equal(stats.subscriptions, 0);
    assert.equal(stats.nodes, 0);
    assert.equal(sublist.hasInterest(`${prefixes[0]}.1`), false);
  });
});
