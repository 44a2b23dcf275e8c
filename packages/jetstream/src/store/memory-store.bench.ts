// MemoryStore throughput on one core: `node packages/jetstream/dist/store/memory-store.bench.js`.
// 128-byte payloads on 1,000 subjects (bench.<n>), system clock.
//
// Also measures what the Promise-returning interface costs over a synchronous
// call, which is why the interface is Promise-only (see types.ts).

import { MemoryStore } from './memory-store.js';

const N = 1_000_000;
const payload = new Uint8Array(128);
const subjects = Array.from({ length: 1000 }, (_, i) => `bench.${i}`);

function rate(label: string, count: number, startNs: bigint): void {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  const perSecond = Math.round(count / seconds).toLocaleString('en-US');
  const nsPerOp = Math.round((seconds * 1e9) / count);
  console.log(`${label.padEnd(52)} ${perSecond.padStart(12)} ops/s  ${nsPerOp} ns/op`);
}

async function appendAwaited(store: MemoryStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await store.append(subjects[i % 1000], undefined, payload);
}

async function main(): Promise<void> {
  // Warm up the JIT on a throwaway store.
  await appendAwaited(new MemoryStore({ name: 'warm', max_msgs: 10_000 }), 200_000);

  let store = new MemoryStore({ name: 'bench' });
  let start = process.hrtime.bigint();
  await appendAwaited(store, N);
  rate('append, each awaited (unlimited)', N, start);

  start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await store.load(1 + ((i * 7919) % N));
  rate('load by seq, each awaited (scattered)', N, start);

  start = process.hrtime.bigint();
  let next = 1;
  for (let i = 0; i < 100_000; i++) {
    const r = await store.loadNext('bench.7', next);
    next = (r.message?.seq ?? 0) + 1;
    if (r.message === undefined) next = 1;
  }
  rate('loadNext literal filter (1 in 1000 match)', 100_000, start);

  start = process.hrtime.bigint();
  for (let i = 0; i < 100_000; i++) await store.numPending(N - (i % 1000) * 100, 'bench.*', false);
  rate('numPending wildcard near the tail', 100_000, start);
  await store.stop();

  store = new MemoryStore({ name: 'fifo', max_msgs: 100_000, max_msgs_per_subject: 50 });
  start = process.hrtime.bigint();
  await appendAwaited(store, N);
  rate('append, discard old at max_msgs 100k, per-subject 50', N, start);
  await store.stop();

  // Pipelined: the caller issues a batch and awaits the batch, as a publish
  // path with many acks in flight would.
  store = new MemoryStore({ name: 'pipelined' });
  start = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1000) {
    const batch: Promise<unknown>[] = [];
    for (let j = 0; j < 1000; j++) batch.push(store.append(subjects[j], undefined, payload));
    await Promise.all(batch);
  }
  rate('append, pipelined 1000 per await', N, start);
  await store.stop();

  // What a Promise costs by itself, for scale: an async no-op awaited vs a sync call.
  const syncNoop = (x: number): number => x + 1;
  const asyncNoop = async (x: number): Promise<number> => Promise.resolve(x + 1);
  let sum = 0;
  start = process.hrtime.bigint();
  for (let i = 0; i < 10 * N; i++) sum += syncNoop(i);
  rate('sync no-op call', 10 * N, start);
  start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sum += await asyncNoop(i);
  rate('async no-op call, awaited', N, start);
  if (sum === 0) console.log('');
}

await main();
