// Parse and encode throughput on one core: `npm run bench -w @tsnats/codec`
// (pin it: `taskset -c 1 npm run bench -w @tsnats/codec`). Frames are fed in
// 64 KiB chunks, as a socket read delivers them, so ops that straddle a chunk
// boundary take the copying path at the rate they would live.

import { encodeMsg, encodePub, msgFrameLength, Parser, writeMsg, type Op } from './index.js';

const CHUNK = 64 * 1024;
const RUN_MS = 1500;

interface Work {
  ops: number;
  bytes: number;
}

interface Result {
  name: string;
  opsPerSecond: number;
  megabytesPerSecond: number;
}

/** Runs `step` until RUN_MS have passed; `step` returns the work it did. */
function measure(name: string, step: () => Work): Result {
  step(); // warm up, so the JIT has optimized the hot path before we time it
  let ops = 0;
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    const work = step();
    ops += work.ops;
    bytes += work.bytes;
    elapsed = performance.now() - started;
  }
  return {
    name,
    opsPerSecond: (ops / elapsed) * 1000,
    megabytesPerSecond: bytes / elapsed / 1000,
  };
}

function chunksOf(frame: Uint8Array, totalBytes: number): Uint8Array[] {
  const count = Math.ceil(totalBytes / frame.length);
  const stream = new Uint8Array(count * frame.length);
  for (let i = 0; i < count; i++) stream.set(frame, i * frame.length);
  const chunks: Uint8Array[] = [];
  for (let pos = 0; pos < stream.length; pos += CHUNK) {
    chunks.push(stream.subarray(pos, Math.min(pos + CHUNK, stream.length)));
  }
  return chunks;
}

function benchParse(name: string, frame: Uint8Array, peer: 'client' | 'server'): Result {
  let ops = 0;
  let payloadBytes = 0;
  const parser = new Parser(
    (op: Op) => {
      ops++;
      if (op.kind === 'PUB' || op.kind === 'MSG') payloadBytes += op.payload.length;
    },
    { peer },
  );
  const chunks = chunksOf(frame, 8 * 1024 * 1024);
  const result = measure(name, () => {
    const before = ops;
    let bytes = 0;
    for (const chunk of chunks) {
      parser.parse(chunk);
      bytes += chunk.length;
    }
    return { ops: ops - before, bytes };
  });
  if (parser.error !== undefined || payloadBytes === 0) throw new Error(`${name}: parse failed`);
  return result;
}

const SUBJECT = 'orders.eu.created';

function benchWriteMsg(name: string, payloadSize: number): Result {
  const payload = new Uint8Array(payloadSize).fill(120);
  const frameLength = msgFrameLength(SUBJECT, '42', undefined, undefined, payload.length);
  const out = new Uint8Array(CHUNK + frameLength);
  return measure(name, () => {
    // Fill an outbound chunk, as a connection's write buffer does.
    let ops = 0;
    let bytes = 0;
    for (let batch = 0; batch < 1000; batch++) {
      let pos = 0;
      while (pos + frameLength <= CHUNK) {
        pos = writeMsg(out, pos, SUBJECT, '42', undefined, undefined, payload);
        ops++;
      }
      bytes += pos;
    }
    return { ops, bytes };
  });
}

function benchEncodeMsg(name: string, payloadSize: number): Result {
  const payload = new Uint8Array(payloadSize).fill(120);
  return measure(name, () => {
    let bytes = 0;
    for (let i = 0; i < 100_000; i++) bytes += encodeMsg(SUBJECT, '42', payload).length;
    return { ops: 100_000, bytes };
  });
}

const filled = (size: number): Uint8Array => new Uint8Array(size).fill(120);

const results = [
  benchParse('parse PUB 16 B', encodePub(SUBJECT, filled(16)), 'client'),
  benchParse('parse PUB 1 KiB', encodePub(SUBJECT, filled(1024)), 'client'),
  benchParse('parse MSG 16 B', encodeMsg(SUBJECT, '42', filled(16)), 'server'),
  benchParse('parse MSG 1 KiB', encodeMsg(SUBJECT, '42', filled(1024)), 'server'),
  benchWriteMsg('encode MSG 16 B (writeMsg into a buffer)', 16),
  benchWriteMsg('encode MSG 1 KiB (writeMsg into a buffer)', 1024),
  benchEncodeMsg('encode MSG 16 B (encodeMsg, new frame each)', 16),
];

const rows = results.map((r) => [
  r.name,
  `${(r.opsPerSecond / 1e6).toFixed(2)} M ops/s`,
  `${r.megabytesPerSecond.toFixed(0)} MB/s`,
]);
const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col].length)));
for (const row of rows) {
  console.log(
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col])))
      .join('  '),
  );
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
