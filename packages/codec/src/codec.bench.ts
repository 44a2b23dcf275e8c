// Parse and encode throughput on one core: `npm run bench -w @tsnats/codec`.
// Frames are fed in 64 KiB chunks, as a socket read delivers them, so ops that
// straddle a chunk boundary take the copying path at the rate they would live.

import { encodeMsg, encodePub, msgFrameLength, Parser, writeMsg, type Op } from './index.js';

const CHUNK = 64 * 1024;
const RUN_MS = 1500;

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

interface Result {
  name: string;
  opsPerSecond: number;
  megabytesPerSecond: number;
}

function benchParse(name: string, frame: Uint8Array, peer: 'client' | 'server'): Result {
  let ops = 0;
  let payloadBytes = 0;
  const onOp = (op: Op): void => {
    ops++;
    if (op.kind === 'PUB' || op.kind === 'MSG') payloadBytes += op.payload.length;
  };
  const chunks = chunksOf(frame, 8 * 1024 * 1024);
  const parser = new Parser(onOp, { peer });
  // Warm up so the JIT has optimized the hot path before we time it.
  for (const chunk of chunks) parser.parse(chunk);
  ops = 0;
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (const chunk of chunks) {
      parser.parse(chunk);
      bytes += chunk.length;
    }
    elapsed = performance.now() - started;
  }
  if (parser.error !== undefined || payloadBytes === 0) throw new Error(`${name}: parse failed`);
  return {
    name,
    opsPerSecond: (ops / elapsed) * 1000,
    megabytesPerSecond: ((bytes / elapsed) * 1000) / 1e6,
  };
}

function benchEncodeMsg(name: string, payloadSize: number): Result {
  const payload = new Uint8Array(payloadSize).fill(120);
  const subject = 'orders.eu.created';
  const sid = '42';
  const frameLength = msgFrameLength(subject, sid, undefined, undefined, payload.length);
  const out = new Uint8Array(CHUNK + frameLength);
  let ops = 0;
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let batch = 0; batch < 10_000; batch++) {
      // Write into an outbound chunk, as a connection's write buffer does.
      let pos = 0;
      while (pos + frameLength <= CHUNK) {
        pos = writeMsg(out, pos, subject, sid, undefined, undefined, payload);
        ops++;
      }
      bytes += pos;
    }
    elapsed = performance.now() - started;
  }
  return {
    name,
    opsPerSecond: (ops / elapsed) * 1000,
    megabytesPerSecond: ((bytes / elapsed) * 1000) / 1e6,
  };
}

function benchEncodeMsgAllocating(name: string, payloadSize: number): Result {
  const payload = new Uint8Array(payloadSize).fill(120);
  let ops = 0;
  let bytes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 100_000; i++) {
      bytes += encodeMsg('orders.eu.created', '42', payload).length;
      ops++;
    }
    elapsed = performance.now() - started;
  }
  return {
    name,
    opsPerSecond: (ops / elapsed) * 1000,
    megabytesPerSecond: ((bytes / elapsed) * 1000) / 1e6,
  };
}

function msgFrame(payloadSize: number): Uint8Array {
  return encodeMsg('orders.eu.created', '42', new Uint8Array(payloadSize).fill(120));
}

function pubFrame(payloadSize: number): Uint8Array {
  return encodePub('orders.eu.created', new Uint8Array(payloadSize).fill(120));
}

const results = [
  benchParse('parse PUB 16 B', pubFrame(16), 'client'),
  benchParse('parse PUB 1 KiB', pubFrame(1024), 'client'),
  benchParse('parse MSG 16 B', msgFrame(16), 'server'),
  benchParse('parse MSG 1 KiB', msgFrame(1024), 'server'),
  benchEncodeMsg('encode MSG 16 B (writeMsg into a buffer)', 16),
  benchEncodeMsg('encode MSG 1 KiB (writeMsg into a buffer)', 1024),
  benchEncodeMsgAllocating('encode MSG 16 B (encodeMsg, new frame each)', 16),
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
