// Sublist throughput on one core: `npm run bench -w @tsnats/router`.
// 100,000 subscriptions, a quarter of them with wildcards, over a subject space
// shaped like real traffic (service.region.entity.id).

import { mulberry32 } from '@tsnats/testkit';
import { Sublist, type Subscription } from './index.js';

const SUBSCRIPTIONS = 100_000;
const RUN_MS = 1500;

// Seeded, so every run measures the same subjects.
const random = mulberry32(42);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
const services = Array.from({ length: 50 }, (_, i) => `svc${i}`);
const regions = ['eu', 'us', 'ap', 'sa', 'af'];
const entities = Array.from({ length: 40 }, (_, i) => `entity${i}`);

function literalSubject(): string {
  return `${pick(services)}.${pick(regions)}.${pick(entities)}.${Math.floor(random() * 1000)}`;
}

// Wildcards as services use them: per entity, per region, per id; each literal
// subject then matches a handful of subscriptions, not hundreds.
function wildcardSubject(): string {
  const id = Math.floor(random() * 1000);
  switch (Math.floor(random() * 4)) {
    case 0:
      return `${pick(services)}.*.${pick(entities)}.${id}`;
    case 1:
      return `${pick(services)}.${pick(regions)}.${pick(entities)}.>`;
    case 2:
      return `*.${pick(regions)}.${pick(entities)}.${id}`;
    default:
      return `${pick(services)}.${pick(regions)}.*.${id}`;
  }
}

function subscriptions(): Subscription[] {
  return Array.from({ length: SUBSCRIPTIONS }, (_, i) =>
    i % 4 === 0 ? { subject: wildcardSubject() } : { subject: literalSubject() },
  );
}

function timeLoop(run: () => number): number {
  const started = performance.now();
  let operations = 0;
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    operations += run();
    elapsed = performance.now() - started;
  }
  return (operations / elapsed) * 1000;
}

function report(name: string, perSecond: number): void {
  console.log(`${name.padEnd(44)} ${(perSecond / 1e6).toFixed(2).padStart(7)} M/s`);
}

const subs = subscriptions();

// Inserts: fill a fresh sublist, repeatedly.
let inserted = 0;
const insertRate = timeLoop(() => {
  const sublist = new Sublist();
  for (const sub of subs) sublist.insert(sub);
  inserted += sublist.count();
  return subs.length;
});
report(`insert (${SUBSCRIPTIONS.toLocaleString('en')} subs, 25% wildcard)`, insertRate);

const sublist = new Sublist();
for (const sub of subs) sublist.insert(sub);

// Cache hits: a working set that fits the cache (1024).
const hot = Array.from({ length: 512 }, literalSubject);
for (const subject of hot) sublist.match(subject);
let delivered = 0;
const hitRate = timeLoop(() => {
  for (const subject of hot) delivered += sublist.match(subject).plain.length;
  return hot.length;
});
report('match, cache hit', hitRate);

// Cache misses: a stream of subjects far larger than the cache.
const cold = Array.from({ length: 200_000 }, literalSubject);
const missSublist = new Sublist({ cacheSize: 0 });
for (const sub of subs) missSublist.insert(sub);
let sampled = 0;
for (let i = 0; i < 10_000; i++) sampled += missSublist.match(cold[i]).plain.length;
const fanOut = sampled / 10_000;
const missRate = timeLoop(() => {
  for (let i = 0; i < 20_000; i++) {
    delivered += missSublist.match(cold[(i * 7919) % cold.length]).plain.length;
  }
  return 20_000;
});
report(`match, uncached (trie walk, ${fanOut.toFixed(1)} subs/match)`, missRate);

// Inbox churn: insert, match, remove unique subjects, as request-reply does.
let serial = 0;
const churnRate = timeLoop(() => {
  for (let i = 0; i < 10_000; i++) {
    const inbox = { subject: `_INBOX.bench.${serial++}` };
    sublist.insert(inbox);
    delivered += sublist.match(inbox.subject).plain.length;
    sublist.remove(inbox);
  }
  return 10_000;
});
report('inbox churn (insert + match + remove)', churnRate);

if (inserted === 0 || delivered === 0) throw new Error('benchmark did no work');
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
