// Frames for the fuzzer: valid ops encoded as is or rewritten harmlessly, damaged
// copies (mutations, absurd and off-by-one sizes, huge lines), random bytes, and
// batches of them with the ops they must parse to.

import { encode } from '../encoder.js';
import type { Op, OpKind, PeerKind } from '../ops.js';
import { DEFAULT_MAX_CONTROL_LINE } from '../parser.js';
import { OP_MAKERS, PEERS, TOKEN_CHARS } from './fuzz-ops.js';
import { text, type Random } from './random.js';

const textEncoder = new TextEncoder();

/** Ops whose arguments are whitespace-separated tokens (not JSON or free text). */
const TOKEN_ARGUMENT_OPS: ReadonlySet<OpKind> = new Set<OpKind>([
  'PUB',
  'HPUB',
  'SUB',
  'UNSUB',
  'MSG',
  'HMSG',
  'RMSG',
  'RS+',
  'RS-',
  'LS+',
  'LS-',
  'A+',
  'A-',
]);
const NO_ARGUMENT_OPS: ReadonlySet<OpKind> = new Set<OpKind>(['PING', 'PONG', '+OK']);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

const isLetter = (byte: number): boolean => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;

/**
 * Rewrites a valid frame in ways that must not change what it parses to: op name
 * case, runs of spaces and tabs between arguments, trailing whitespace, junk after
 * a name that takes no arguments, LF instead of CRLF ending the control line.
 */
function harmlessRewrite(random: Random, frame: Uint8Array, kind: OpKind): Uint8Array {
  const newline = frame.indexOf(10);
  const line = frame.subarray(0, newline - 1);
  const rest = frame.subarray(newline + 1);
  const out: number[] = [];
  let inName = true;
  let spacesSeen = 0;
  for (const byte of line) {
    if (byte === 32 && (TOKEN_ARGUMENT_OPS.has(kind) || spacesSeen === 0)) {
      inName = false;
      spacesSeen++;
      const run = random.between(1, 3);
      for (let i = 0; i < run; i++) out.push(random.chance(0.5) ? 32 : 9);
      continue;
    }
    if (byte === 32) spacesSeen++;
    out.push(inName && isLetter(byte) && random.chance(0.5) ? byte ^ 0x20 : byte);
  }
  if (TOKEN_ARGUMENT_OPS.has(kind) && random.chance(0.3)) out.push(random.pick([32, 9]));
  if (NO_ARGUMENT_OPS.has(kind) && random.chance(0.3)) {
    for (const byte of textEncoder.encode(text(random, TOKEN_CHARS + ' \t', 1, 10))) out.push(byte);
  }
  if (random.chance(0.5)) out.push(13);
  out.push(10);
  return concat([Uint8Array.from(out), rest]);
}

const ABSURD_SIZES = [
  '999999999',
  '1000000000',
  '2000000',
  '1048577',
  '1048576',
  '0',
  '-1',
  '00001',
];
const INSERTS = ['\r', '\n', ' ', '\t', '\r\n', '\n\n', '  ', "'"].map((s) =>
  textEncoder.encode(s),
);
const PROTOCOL_BYTES = textEncoder.encode('PUBHSGMRINFOCONTLK+-AERRSUBpubmsg \t\r\n0123456789{}|');

/** Damages a frame; the result may or may not still parse. */
function mutate(random: Random, frame: Uint8Array): Uint8Array {
  let out = frame;
  const count = random.between(1, 3);
  for (let m = 0; m < count; m++) {
    const n = out.length;
    const at = random.int(n + 1);
    switch (random.int(13)) {
      case 0: {
        // Overwrite one byte.
        if (n === 0) break;
        out = out.slice();
        out[random.int(n)] = random.next() & 0xff;
        break;
      }
      case 1: {
        // Flip one bit.
        if (n === 0) break;
        out = out.slice();
        out[random.int(n)] ^= 1 << random.int(8);
        break;
      }
      case 2:
        out = out.slice(0, random.int(n + 1));
        break;
      case 3: {
        // Duplicate a slice somewhere else.
        const from = random.int(n + 1);
        const to = from + random.int(n - from + 1);
        out = concat([out.subarray(0, at), out.subarray(from, to), out.subarray(at)]);
        break;
      }
      case 4:
        out = concat([out.subarray(0, at), random.bytes(random.between(1, 8)), out.subarray(at)]);
        break;
      case 5:
        out = concat([out.subarray(0, at), random.pick(INSERTS), out.subarray(at)]);
        break;
      case 6: {
        // Delete a slice.
        const to = at + random.int(n - at + 1);
        out = concat([out.subarray(0, at), out.subarray(to)]);
        break;
      }
      case 7:
        out = replaceSize(random, out);
        break;
      case 11:
      case 12:
        out = nudgeSizes(random, out);
        break;
      case 8:
        out = hugeLine(random, out, at);
        break;
      case 9: {
        // Swap the case of a letter (harmless in an op name, not in a subject).
        if (n === 0) break;
        const i = random.int(n);
        if (isLetter(out[i])) {
          out = out.slice();
          out[i] ^= 0x20;
        }
        break;
      }
      default: {
        // Split a token, or glue two together.
        if (n === 0) break;
        out = out.slice();
        const i = random.int(n);
        out[i] = out[i] === 32 ? random.pick([0x61, 13]) : random.pick([32, 9]);
        break;
      }
    }
  }
  return out;
}

/** `[start, end)` of each run of ASCII digits in the first line. */
function digitRuns(frame: Uint8Array): [number, number][] {
  let end = frame.indexOf(10);
  if (end < 0) end = frame.length;
  const runs: [number, number][] = [];
  for (let i = 0; i < end; i++) {
    if (frame[i] < 48 || frame[i] > 57) continue;
    const start = i;
    while (i < end && frame[i] >= 48 && frame[i] <= 57) i++;
    runs.push([start, i]);
  }
  return runs;
}

/** Replaces one run of digits in the first line (a size, often) with an absurd value. */
function replaceSize(random: Random, frame: Uint8Array): Uint8Array {
  const runs = digitRuns(frame);
  if (runs.length === 0) return frame;
  // The last run is the total size of a message op; prefer it.
  const [start, stop] = random.chance(0.6) ? runs[runs.length - 1] : random.pick(runs);
  const replacement = textEncoder.encode(random.pick(ABSURD_SIZES));
  return concat([frame.subarray(0, start), replacement, frame.subarray(stop)]);
}

/**
 * Off-by-one sizes: sets the next-to-last size (an H op's header size) around the
 * last (its total size), swaps them, or moves one size up or down by 1 or 2.
 */
function nudgeSizes(random: Random, frame: Uint8Array): Uint8Array {
  const runs = digitRuns(frame);
  if (runs.length === 0) return frame;
  const text = (run: [number, number]): string => String.fromCharCode(...frame.subarray(...run));
  const replace = (changes: [run: [number, number], value: string][]): Uint8Array => {
    const parts: Uint8Array[] = [];
    let at = 0;
    for (const [[start, stop], value] of changes) {
      parts.push(frame.subarray(at, start), textEncoder.encode(value));
      at = stop;
    }
    parts.push(frame.subarray(at));
    return concat(parts);
  };
  if (runs.length >= 2) {
    const [header, total] = runs.slice(-2);
    const roll = random.int(10);
    if (roll < 4) {
      const value = Math.max(0, Number(text(total)) + random.pick([-1, 0, 1]));
      return replace([[header, String(value)]]);
    }
    if (roll < 6)
      return replace([
        [header, text(total)],
        [total, text(header)],
      ]);
  }
  const run = random.chance(0.5) ? runs[runs.length - 1] : random.pick(runs);
  const value = Math.max(0, Number(text(run)) + random.pick([-2, -1, 1, 2]));
  return replace([[run, String(value)]]);
}

/** Inserts a run of bytes without a newline, about the size of the control-line limits. */
function hugeLine(random: Random, frame: Uint8Array, at: number): Uint8Array {
  const length = random.pick([
    DEFAULT_MAX_CONTROL_LINE - 8,
    DEFAULT_MAX_CONTROL_LINE + 1,
    DEFAULT_MAX_CONTROL_LINE + 80,
    65536 + 1,
    70000,
  ]);
  const run = new Uint8Array(length).fill(random.pick([0x61, 32, 9, 13, 0x80]));
  if (random.chance(0.5)) {
    return concat([
      textEncoder.encode(random.pick(['SUB ', 'PUB ', 'RS+ ', 'INFO ', 'PING'])),
      run,
      frame,
    ]);
  }
  return concat([frame.subarray(0, at), run, frame.subarray(at)]);
}

function randomBytes(random: Random): Uint8Array {
  const length = random.between(1, 128);
  if (random.chance(0.5)) return random.bytes(length);
  // Mostly protocol characters, to get past the op name more often.
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = PROTOCOL_BYTES[random.int(PROTOCOL_BYTES.length)];
  return out;
}

export interface Batch {
  /** Every frame concatenated. */
  readonly input: Uint8Array;
  readonly frames: number;
  /** The peer kind the valid ops were made for. */
  readonly target: PeerKind;
  /** The ops the input must parse to for the target peer kind, or undefined when damaged. */
  readonly expected: readonly Op[] | undefined;
  /** Smaller limits than the defaults, or undefined for the defaults. */
  readonly limits: { maxControlLine: number; maxPayload: number } | undefined;
}

export function generateBatch(random: Random, frameCount: number): Batch {
  const target = random.pick(PEERS);
  const makers = OP_MAKERS[target];
  const parts: Uint8Array[] = [];
  const expected: Op[] = [];
  let intact = true;
  for (let i = 0; i < frameCount; i++) {
    const roll = random.int(100);
    if (roll < 15) {
      parts.push(randomBytes(random));
      intact = false;
      continue;
    }
    const op = random.pick(makers)(random);
    const frame = encode(op);
    if (roll < 45) {
      parts.push(mutate(random, frame));
      intact = false;
    } else {
      parts.push(random.chance(0.5) ? harmlessRewrite(random, frame, op.kind) : frame);
      expected.push(op);
    }
  }
  const limits = random.chance(0.1)
    ? { maxControlLine: random.between(8, 128), maxPayload: random.between(0, 512) }
    : undefined;
  return {
    input: concat(parts),
    frames: frameCount,
    target,
    expected: intact && limits === undefined ? expected : undefined,
    limits,
  };
}
