#!/usr/bin/env node
// Long fuzz run of the codec parser: `npm run fuzz:codec -w @tsnats/fuzz -- [frames] [seed]`.
// Default 10 million frames. Build first (`npm run build`). Runs in slices of one
// million frames with consecutive seeds, so a failure names a seed that reproduces it
// with `fuzzParser({ frames: 1_000_000, seed })`.

import { fuzzParser } from '@tsnats/codec/testing';

const frames = Number(process.argv[2] ?? 10_000_000);
const firstSeed = Number(process.argv[3] ?? 1);
const SLICE = 1_000_000;

const total = { frames: 0, ops: 0, bytes: 0, millis: 0, errors: {} };
for (let done = 0, seed = firstSeed; done < frames; done += SLICE, seed++) {
  const report = fuzzParser({ frames: Math.min(SLICE, frames - done), seed });
  total.frames += report.frames;
  total.ops += report.ops;
  total.bytes += report.bytes;
  total.millis += report.millis;
  for (const [code, count] of Object.entries(report.errors)) {
    total.errors[code] = (total.errors[code] ?? 0) + count;
  }
  console.log(
    `seed ${seed}: ${report.frames} frames, ${report.ops} ops, ${(report.millis / 1000).toFixed(1)} s`,
  );
}
console.log(JSON.stringify({ ...total, seeds: `${firstSeed}..`, node: process.version }, null, 2));
