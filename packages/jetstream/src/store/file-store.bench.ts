// FileStore throughput on one core: `node packages/jetstream/dist/store/file-store.bench.js`.
// The same workload as memory-store.bench.ts (128-byte payloads on 1,000
// subjects, system clock), in a temp dir, plus syncAlways, erase-free FIFO
// and recovery time.

import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, type FileStoreOptions } from './file-store.js';

const N = Number(process.env['BENCH_N'] ?? 1_000_000);
const payload = new Uint8Array(128);
const subjects = Array.from({ length: 1000 }, (_, i) => `bench.${i}`);
const root = fs.mkdtempSync(join(tmpdir(), 'tsnats-filestore-bench-'));

function rate(label: string, count: number, startNs: bigint): void {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  const perSecond = Math.round(count / seconds).toLocaleString('en-US');
  const nsPerOp = Math.round((seconds * 1e9) / count);
  console.log(`${label.padEnd(52)} ${perSecond.padStart(12)} ops/s  ${nsPerOp} ns/op`);
}

async function appendAwaited(store: FileStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await store.append(subjects[i % 1000], undefined, payload);
}

async function appendPipelined(store: FileStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1000) {
    const batch: Promise<unknown>[] = [];
    for (let j = 0; j < 1000; j++) batch.push(store.append(subjects[j], undefined, payload));
    await Promise.all(batch);
  }
}

function open(name: string, options: FileStoreOptions = {}, maxMsgs = 0): Promise<FileStore> {
  const limits = maxMsgs > 0 ? { max_msgs: maxMsgs, max_msgs_per_subject: 50 } : {};
  return FileStore.open(root, { name, ...limits }, options);
}

async function main(): Promise<void> {
  const warm = await open('warm', {}, 10_000);
  await appendAwaited(warm, 200_000);
  await warm.delete();

  let store = await open('bench');
  let start = process.hrtime.bigint();
  await appendAwaited(store, N);
  rate('append, each awaited (unlimited)', N, start);

  start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await store.load(1 + ((i * 7919) % N));
  rate('load by seq, each awaited (scattered)', N, start);

  start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await store.load(1 + i);
  rate('load by seq, each awaited (in order)', N, start);

  start = process.hrtime.bigint();
  let next = 1;
  for (let i = 0; i < 100_000; i++) {
    const r = await store.loadNext('bench.7', next);
    next = (r.message?.seq ?? 0) + 1;
    if (r.message === undefined) next = 1;
  }
  rate('loadNext literal filter (1 in 1000 match)', 100_000, start);
  await store.stop();

  start = process.hrtime.bigint();
  store = await open('bench');
  rate(`recovery: reopen ${N.toLocaleString('en-US')} messages (per message)`, N, start);
  await store.delete();

  store = await open('fifo', {}, 100_000);
  start = process.hrtime.bigint();
  await appendAwaited(store, N);
  rate('append, discard old at max_msgs 100k, per-subject 50', N, start);
  await store.delete();

  store = await open('pipelined');
  start = process.hrtime.bigint();
  await appendPipelined(store, N);
  rate('append, pipelined 1000 per await', N, start);
  await store.delete();

  const syncN = Math.min(N, 2000);
  store = await open('sync', { syncAlways: true });
  start = process.hrtime.bigint();
  await appendAwaited(store, syncN);
  rate('append, each awaited, syncAlways', syncN, start);
  start = process.hrtime.bigint();
  await appendPipelined(store, syncN * 50);
  rate('append, pipelined 1000 per await, syncAlways', syncN * 50, start);
  await store.delete();
}

try {
  await main();
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
