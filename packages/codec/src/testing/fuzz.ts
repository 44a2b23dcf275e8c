// A deterministic fuzzer for the parser. It generates frames (valid ops of every
// kind, harmless rewrites of them, damaged copies, random bytes), feeds each batch
// to a fresh Parser per peer kind, whole and split, and checks invariants that must
// hold for any input. Web-standard globals only: no Node built-ins, so it runs
// wherever the codec does.
//
// random.ts holds the generator, fuzz-ops.ts the valid ops, fuzz-frames.ts the
// frames and batches made from them, fuzz-checks.ts the invariants checked, and
// fuzz-protocol.ts what those checks know of the protocol.

import { ProtocolErrorCode } from '../errors.js';
import { checkedRun, compareRuns } from './fuzz-checks.js';
import { generateBatch } from './fuzz-frames.js';
import { PEERS } from './fuzz-ops.js';
import { Random } from './random.js';

export interface FuzzOptions {
  /** How many frames to generate; the report's `frames` equals it. */
  frames: number;
  /** Seed of the generator: the same seed gives the same inputs. */
  seed: number;
  /** Called with the number of frames done, every 1000 frames and at the end. */
  onProgress?: (done: number) => void;
}

export interface FuzzReport {
  /** Frames generated. */
  frames: number;
  /** Ops emitted, counting one whole-input parse per peer kind. */
  ops: number;
  /** Errors the parsers stopped with, by code, counting one whole-input parse per peer kind. */
  errors: Record<ProtocolErrorCode, number>;
  /** Bytes generated; each is parsed several times (per peer kind, whole and split). */
  bytes: number;
  /** Wall time of the run. */
  millis: number;
}

/**
 * Fuzzes `Parser` with `frames` generated frames. Throws an Error naming the seed,
 * the batch, the peer kind, the split points and the input (hex) when an invariant
 * breaks:
 * - `parse` never throws, returns `parser.error`, and once it has returned an error
 *   returns that same error and emits nothing more;
 * - one `parse` call emits at most one op per byte of its chunk (no runaway loop);
 * - every op is legal for the peer kind, its tokens are non-empty and free of
 *   whitespace, and a message's headers plus payload fit in max_payload;
 * - every message's header and payload sizes are the ones its control line declares,
 *   and its bytes are the input's, followed by CRLF;
 * - parsing the input split gives the same ops and error as parsing it whole (a split
 *   may only stop earlier on max_control_line, having emitted a prefix of the ops,
 *   on a line of an op with arguments that has more than 64 bytes of name and blanks
 *   before them and is cut past max_control_line + 64 bytes);
 * - valid frames parse back to exactly the ops they were encoded from.
 */
export function fuzzParser(options: FuzzOptions): FuzzReport {
  const started = Date.now();
  const random = new Random(options.seed);
  const errors: Record<ProtocolErrorCode, number> = {
    [ProtocolErrorCode.UnknownOp]: 0,
    [ProtocolErrorCode.MaxControlLine]: 0,
    [ProtocolErrorCode.MaxPayload]: 0,
    [ProtocolErrorCode.BadArguments]: 0,
    [ProtocolErrorCode.BadJson]: 0,
  };
  let frames = 0;
  let ops = 0;
  let bytes = 0;
  let batchNumber = 0;
  let nextProgress = 1000;
  while (frames < options.frames) {
    const batch = generateBatch(random, Math.min(options.frames - frames, 1 + random.int(4)));
    frames += batch.frames;
    bytes += batch.input.length;
    const context = { seed: options.seed, batch: batchNumber++ };
    for (const peer of PEERS) {
      const whole = checkedRun(batch, peer, [], context);
      ops += whole.ops.length;
      if (whole.error !== undefined) errors[whole.error.code]++;
      const n = batch.input.length;
      const halves = checkedRun(batch, peer, [random.int(n + 1)], context);
      compareRuns(whole, halves, batch, peer, context);
      if (n <= 64 && random.chance(0.25)) {
        const everyByte = Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1);
        compareRuns(whole, checkedRun(batch, peer, everyByte, context), batch, peer, context);
      }
    }
    if (options.onProgress !== undefined && (frames >= nextProgress || frames === options.frames)) {
      while (nextProgress <= frames) nextProgress += 1000;
      options.onProgress(frames);
    }
  }
  return { frames, ops, errors, bytes, millis: Date.now() - started };
}
