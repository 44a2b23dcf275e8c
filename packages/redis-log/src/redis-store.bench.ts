// RedisStore append throughput against a local redis-server it starts itself:
//   node tools/test/run.mjs packages/redis-log >/dev/null; node packages/redis-log/dist/redis-store.bench.js
// (BENCH_N sets the message count, default 20000). 128-byte payloads on 1,000
// subjects, system clock, no limits. Compares: each append awaited, appends
// pipelined (1,000 in flight), appendBatch (one script run per 1,000 records),
// and the same batches as a pipeline of one script run per record.

import { startRedisServer } from '@tsnats/testkit';
import { Redis } from 'ioredis';
import { RedisStore } from './redis-store.js';
import { encodeBody } from './codec.js';
import { streamKeyBase } from './keys.js';
import { scripted, type ScriptedPipeline } from './scripts.js';

const N = Number(process.env['BENCH_N'] ?? 20_000);
const BATCH = 1000;
const payload = new Uint8Array(128);
const subjects = Array.from({ length: 1000 }, (_, i) => `bench.${i}`);

function rate(label: string, count: number, startNs: bigint): void {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  const perSecond = Math.round(count / seconds).toLocaleString('en-US');
  const usPerOp = ((seconds * 1e6) / count).toFixed(1);
  console.log(`${label.padEnd(52)} ${perSecond.padStart(10)} msgs/s  ${usPerOp} µs/msg`);
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  const client = new Redis(server.url);
  try {
    let store = await RedisStore.open(client, { name: 'awaited' });
    let start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await store.append(subjects[i % 1000], undefined, payload);
    rate('append, each awaited', N, start);
    await store.delete();

    store = await RedisStore.open(client, { name: 'pipelined' });
    start = process.hrtime.bigint();
    for (let i = 0; i < N; i += BATCH) {
      const inFlight: Promise<unknown>[] = [];
      for (let j = 0; j < BATCH; j++) inFlight.push(store.append(subjects[j], undefined, payload));
      await Promise.all(inFlight);
    }
    rate(`append, ${BATCH} in flight`, N, start);
    await store.delete();

    store = await RedisStore.open(client, { name: 'batched' });
    start = process.hrtime.bigint();
    for (let i = 0; i < N; i += BATCH) {
      await store.appendBatch((append) => {
        for (let j = 0; j < BATCH; j++) append(subjects[j], undefined, payload);
      });
    }
    rate(`appendBatch of ${BATCH} (one script run)`, N, start);
    await store.delete();

    // The alternative design: the batch as a pipeline, one script run per record.
    const redis = scripted(client);
    const base = streamKeyBase('pipeline');
    const limits = ['', 0, 0, 0, 0, 0, 0, 0];
    start = process.hrtime.bigint();
    for (let i = 0; i < N; i += BATCH) {
      const pipeline = redis.pipeline() as unknown as ScriptedPipeline;
      for (let j = 0; j < BATCH; j++) {
        const body = encodeBody(undefined, payload);
        const time = (BigInt(Date.now()) * 1_000_000n).toString();
        pipeline.tsnatsAppend(base, ...limits, 1, subjects[j], body, 0, time, '', '', '', '');
      }
      await pipeline.exec();
    }
    rate(`pipeline of ${BATCH} single-record script runs`, N, start);
    await client.del(...(await client.keys(`${base}*`)));
  } finally {
    client.disconnect();
    await server.stop();
  }
}

await main();
