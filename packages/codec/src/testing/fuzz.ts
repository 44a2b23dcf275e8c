// A deterministic fuzzer for the parser. It generates frames (valid ops of every
// kind, harmless rewrites of them, damaged copies, random bytes), feeds each batch
// to a fresh Parser per peer kind, whole and split, and checks invariants that must
// hold for any input. Web-standard globals only: no Node built-ins, so it runs
// wherever the codec does.

import { encode } from '../encoder.js';
import { ProtocolErrorCode, type ProtocolError } from '../errors.js';
import { MsgHeaders } from '../headers.js';
import type { ConnectOptions, ServerInfo } from '../json.js';
import type { Op, OpKind, PeerKind } from '../ops.js';
import { DEFAULT_MAX_CONTROL_LINE, DEFAULT_MAX_PAYLOAD, Parser } from '../parser.js';

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

const PEERS: readonly PeerKind[] = ['client', 'server', 'route'];

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
 *   may only stop earlier on max_control_line, having emitted a prefix of the ops);
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

// ---------------------------------------------------------------------------
// Random numbers: mulberry32, small and good enough for test inputs.

class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p * 0x100000000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

// ---------------------------------------------------------------------------
// Generating ops and frames.

const textEncoder = new TextEncoder();
const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-*>$+|:#';
const WIDE_CHARS = ['é', 'ü', 'ñ', '日本', '😀', 'Ω'];
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&*+^`|~';
const VALUE_CHARS = KEY_CHARS + ' \t:;,/\'"=?@[]{}()<>\\';
const ERR_TEXT_CHARS = VALUE_CHARS.replace('\t', '');

function text(random: Random, chars: string, min: number, max: number): string {
  let out = '';
  const length = random.between(min, max);
  for (let i = 0; i < length; i++) out += chars[random.int(chars.length)];
  return out;
}

/** A non-empty token without whitespace: subjects, sids, queues, accounts. */
function token(random: Random): string {
  let out = text(random, TOKEN_CHARS, 1, 8);
  if (random.chance(0.05)) out += random.pick(WIDE_CHARS);
  return out;
}

function subject(random: Random): string {
  const parts = [token(random)];
  while (parts.length < 4 && random.chance(0.4)) parts.push(token(random));
  return parts.join('.');
}

function maybe<T>(random: Random, make: () => T): T | undefined {
  return random.chance(0.5) ? make() : undefined;
}

function payload(random: Random): Uint8Array {
  const roll = random.int(100);
  const length =
    roll < 10
      ? 0
      : roll < 60
        ? random.between(1, 16)
        : roll < 90
          ? random.between(17, 256)
          : random.between(257, 4096);
  const out = random.bytes(length);
  // Line endings inside a payload must not end it.
  if (length >= 2 && random.chance(0.3)) {
    const at = random.int(length - 1);
    out[at] = 13;
    out[at + 1] = 10;
  }
  return out;
}

function headerBlock(random: Random): Uint8Array {
  const headers = new MsgHeaders();
  if (random.chance(0.2)) {
    headers.status = random.pick([100, 404, 408, 409, 503]);
    if (random.chance(0.5)) headers.description = random.pick(['Idle Heartbeat', 'No Messages']);
  }
  const entries = random.int(5);
  for (let i = 0; i < entries; i++) {
    const key = random.chance(0.3) ? random.pick(['Nats-Msg-Id', 'nats-msg-id', 'X']) : '';
    let value = text(random, VALUE_CHARS, 0, 16).trim();
    if (random.chance(0.05)) value += random.pick(WIDE_CHARS);
    headers.append(key === '' ? text(random, KEY_CHARS, 1, 12) : key, value);
  }
  return headers.encode();
}

function info(random: Random): ServerInfo {
  const value: ServerInfo = {
    server_id: token(random),
    server_name: `${token(random)} ${token(random)}`,
    version: '2.10.7',
    proto: 1,
    go: 'go1.21.5',
    host: '0.0.0.0',
    port: random.between(1, 65535),
    headers: random.chance(0.5),
    max_payload: DEFAULT_MAX_PAYLOAD,
  };
  if (random.chance(0.3)) value.connect_urls = [`10.0.0.${random.int(256)}:4222`];
  if (random.chance(0.2)) value.nonce = token(random);
  return value;
}

function connectOptions(random: Random): ConnectOptions {
  const value: ConnectOptions = {
    verbose: random.chance(0.5),
    pedantic: random.chance(0.5),
    tls_required: false,
  };
  if (random.chance(0.5)) value.name = `${token(random)} "${token(random)}"`;
  if (random.chance(0.5)) value.headers = true;
  if (random.chance(0.3)) value.lang = 'typescript';
  return value;
}

function errMessage(random: Random): string {
  return text(random, ERR_TEXT_CHARS, 0, 30);
}

const size = (random: Random): number =>
  random.chance(0.1) ? random.between(1000000, 999999999) : random.between(1, 1000);

const COMMON_MAKERS: readonly ((random: Random) => Op)[] = [
  (r) => ({ kind: 'INFO', info: info(r) }),
  (r) => ({ kind: 'CONNECT', options: connectOptions(r) }),
  () => ({ kind: 'PING' }),
  () => ({ kind: 'PONG' }),
  () => ({ kind: '+OK' }),
  (r) => ({ kind: '-ERR', message: errMessage(r) }),
];

const OP_MAKERS: Record<PeerKind, readonly ((random: Random) => Op)[]> = {
  client: [
    ...COMMON_MAKERS,
    (r) => ({
      kind: 'PUB',
      subject: subject(r),
      reply: maybe(r, () => subject(r)),
      payload: payload(r),
    }),
    (r) => ({
      kind: 'HPUB',
      subject: subject(r),
      reply: maybe(r, () => subject(r)),
      headers: headerBlock(r),
      payload: payload(r),
    }),
    (r) => ({ kind: 'SUB', subject: subject(r), queue: maybe(r, () => token(r)), sid: token(r) }),
    (r) => ({ kind: 'UNSUB', sid: token(r), max: maybe(r, () => size(r)) }),
  ],
  server: [
    ...COMMON_MAKERS,
    (r) => ({
      kind: 'MSG',
      subject: subject(r),
      sid: token(r),
      reply: maybe(r, () => subject(r)),
      payload: payload(r),
    }),
    (r) => ({
      kind: 'HMSG',
      subject: subject(r),
      sid: token(r),
      reply: maybe(r, () => subject(r)),
      headers: headerBlock(r),
      payload: payload(r),
    }),
  ],
  route: [
    ...COMMON_MAKERS,
    (r) => {
      const queues = r.chance(0.5) ? [] : Array.from({ length: r.between(1, 3) }, () => token(r));
      return {
        kind: 'RMSG',
        account: token(r),
        subject: subject(r),
        reply: maybe(r, () => subject(r)),
        queues,
        headers: maybe(r, () => headerBlock(r)),
        payload: payload(r),
      };
    },
    (r) => {
      const queue = maybe(r, () => token(r));
      return {
        kind: 'RS+',
        account: token(r),
        subject: subject(r),
        queue,
        weight: queue === undefined ? undefined : r.between(0, 1000),
      };
    },
    (r) => ({
      kind: 'RS-',
      account: token(r),
      subject: subject(r),
      queue: maybe(r, () => token(r)),
    }),
    (r) => {
      const queue = maybe(r, () => token(r));
      return {
        kind: 'LS+',
        origin: token(r),
        account: token(r),
        subject: subject(r),
        queue,
        weight: queue === undefined ? undefined : r.between(0, 1000),
      };
    },
    (r) => ({
      kind: 'LS-',
      origin: token(r),
      account: token(r),
      subject: subject(r),
      queue: maybe(r, () => token(r)),
    }),
    (r) => ({ kind: 'A+', account: token(r) }),
    (r) => ({ kind: 'A-', account: token(r) }),
  ],
};

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

function concat(parts: readonly Uint8Array[]): Uint8Array {
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

interface Batch {
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

function generateBatch(random: Random, frameCount: number): Batch {
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

// ---------------------------------------------------------------------------
// Running the parser and checking what it did.

interface Context {
  readonly seed: number;
  readonly batch: number;
}

interface Run {
  readonly ops: Op[];
  readonly error: ProtocolError | undefined;
  readonly cuts: readonly number[];
}

const LEGAL_KINDS: Record<PeerKind, ReadonlySet<OpKind>> = {
  client: new Set<OpKind>([
    'INFO',
    'CONNECT',
    'PING',
    'PONG',
    '+OK',
    '-ERR',
    'PUB',
    'HPUB',
    'SUB',
    'UNSUB',
  ]),
  server: new Set<OpKind>(['INFO', 'CONNECT', 'PING', 'PONG', '+OK', '-ERR', 'MSG', 'HMSG']),
  route: new Set<OpKind>([
    'INFO',
    'CONNECT',
    'PING',
    'PONG',
    '+OK',
    '-ERR',
    'RMSG',
    'RS+',
    'RS-',
    'LS+',
    'LS-',
    'A+',
    'A-',
  ]),
};

function hex(input: Uint8Array): string {
  const shown = Math.min(input.length, 4096);
  let out = '';
  for (let i = 0; i < shown; i++) out += input[i].toString(16).padStart(2, '0');
  return shown < input.length ? `${out}... (${input.length - shown} more bytes)` : out;
}

function violation(
  what: string,
  batch: Batch,
  peer: PeerKind,
  cuts: readonly number[],
  context: Context,
): Error {
  const limits = batch.limits === undefined ? 'default limits' : JSON.stringify(batch.limits);
  return new Error(
    `fuzzParser invariant broken: ${what}\n` +
      `seed ${context.seed}, batch ${context.batch}, peer ${peer}, ${limits}, ` +
      `chunks split at [${cuts.join(', ')}]\n` +
      `input (${batch.input.length} bytes, hex): ${hex(batch.input)}`,
  );
}

/** Thrown from the op handler to stop a parse call that emits more ops than it has bytes. */
class RunawayParse extends Error {}

/** Parses `batch.input` cut at `cuts` with a fresh parser; throws when an invariant breaks. */
function checkedRun(batch: Batch, peer: PeerKind, cuts: readonly number[], context: Context): Run {
  const fail = (what: string): Error => violation(what, batch, peer, cuts, context);
  const maxPayload = batch.limits?.maxPayload ?? DEFAULT_MAX_PAYLOAD;
  const ops: Op[] = [];
  let budget = 0;
  let problem: string | undefined;
  const parser = new Parser(
    (op) => {
      if (problem === undefined) {
        problem =
          parser.error !== undefined
            ? `op ${op.kind} emitted after error`
            : checkOp(op, peer, maxPayload);
      }
      ops.push(op);
      if (--budget < 0) throw new RunawayParse();
    },
    { peer, ...batch.limits },
  );
  const parse = (chunk: Uint8Array): ProtocolError | undefined => {
    budget = chunk.length;
    let result: ProtocolError | undefined;
    try {
      result = parser.parse(chunk);
    } catch (thrown) {
      if (thrown instanceof RunawayParse) throw fail('one parse call emitted more ops than bytes');
      throw fail(`parse threw ${String(thrown)}`);
    }
    if (problem !== undefined) throw fail(problem);
    if (result !== parser.error) throw fail('parse returned something other than parser.error');
    return result;
  };
  const input = batch.input;
  let error: ProtocolError | undefined;
  let start = 0;
  for (const end of [...cuts, input.length]) {
    const opsBefore = ops.length;
    const result = parse(input.subarray(start, end));
    if (error !== undefined) {
      if (result !== error) throw fail('a stopped parser returned a different error');
      if (ops.length !== opsBefore) throw fail('a stopped parser emitted ops');
    }
    error = result;
    start = end;
  }
  if (error !== undefined) {
    // A stopped parser must not read anything more.
    const opsBefore = ops.length;
    if (parse(PING_LINE) !== error || ops.length !== opsBefore) {
      throw fail('a stopped parser read a chunk after its error');
    }
  }
  checkAgainstInput(input, ops, peer, fail);
  return { ops, error, cuts };
}

const PING_LINE = textEncoder.encode('PING\r\n');

function isToken(value: string): boolean {
  return value.length > 0 && !/[ \t\n]/.test(value);
}

/** Invariants of one op by itself; returns what is wrong, or undefined. */
function checkOp(op: Op, peer: PeerKind, maxPayload: number): string | undefined {
  if (!LEGAL_KINDS[peer].has(op.kind)) return `${op.kind} is not legal from a ${peer} peer`;
  const tokens: (string | undefined)[] = [];
  let body: { headers?: Uint8Array | undefined; payload: Uint8Array } | undefined;
  switch (op.kind) {
    case 'PUB':
      tokens.push(op.subject, op.reply);
      body = op;
      break;
    case 'HPUB':
      tokens.push(op.subject, op.reply);
      body = op;
      break;
    case 'MSG':
      tokens.push(op.subject, op.sid, op.reply);
      body = op;
      break;
    case 'HMSG':
      tokens.push(op.subject, op.sid, op.reply);
      body = op;
      break;
    case 'RMSG':
      tokens.push(op.account, op.subject, op.reply, ...op.queues);
      body = op;
      break;
    case 'SUB':
      tokens.push(op.subject, op.queue, op.sid);
      break;
    case 'UNSUB':
      tokens.push(op.sid);
      if (op.max !== undefined && !(Number.isInteger(op.max) && op.max > 0 && op.max < 1e9)) {
        return `UNSUB max ${op.max}`;
      }
      break;
    case 'RS+':
    case 'LS+':
      tokens.push(op.account, op.subject, op.queue);
      if (op.kind === 'LS+') tokens.push(op.origin);
      if ((op.queue === undefined) !== (op.weight === undefined)) return `${op.kind} queue/weight`;
      if (op.weight !== undefined && !(Number.isInteger(op.weight) && op.weight >= 0)) {
        return `${op.kind} weight ${op.weight}`;
      }
      break;
    case 'RS-':
    case 'LS-':
      tokens.push(op.account, op.subject, op.queue);
      if (op.kind === 'LS-') tokens.push(op.origin);
      break;
    case 'A+':
    case 'A-':
      tokens.push(op.account);
      break;
    case '-ERR':
      if (op.message.includes('\n')) return '-ERR message with a newline';
      break;
    case 'INFO':
    case 'CONNECT': {
      const value = op.kind === 'INFO' ? op.info : op.options;
      if (typeof value !== 'object' || Array.isArray(value)) return `${op.kind} is not an object`;
      break;
    }
    default:
      break;
  }
  for (const value of tokens) {
    if (value !== undefined && !isToken(value)) return `${op.kind} token ${JSON.stringify(value)}`;
  }
  if (body !== undefined) {
    if (!(body.payload instanceof Uint8Array)) return `${op.kind} payload is not bytes`;
    const headerLength = body.headers?.length ?? 0;
    if (body.payload.length + headerLength > maxPayload) {
      return `${op.kind} of ${body.payload.length + headerLength} bytes over max_payload ${maxPayload}`;
    }
    const hasHeaders = op.kind === 'HPUB' || op.kind === 'HMSG';
    if (hasHeaders && !(body.headers instanceof Uint8Array)) return `${op.kind} without headers`;
  }
  return undefined;
}

/** Op names as they start a control line, lower-case, and the kind each parses to. */
const NAME_KINDS: readonly (readonly [name: string, kind: OpKind, peer: PeerKind | undefined])[] = [
  ['info ', 'INFO', undefined],
  ['connect ', 'CONNECT', undefined],
  ['ping', 'PING', undefined],
  ['pong', 'PONG', undefined],
  ['+ok', '+OK', undefined],
  ['-err ', '-ERR', undefined],
  ['pub ', 'PUB', undefined],
  ['hpub ', 'HPUB', undefined],
  ['sub ', 'SUB', undefined],
  ['unsub ', 'UNSUB', undefined],
  ['msg ', 'MSG', undefined],
  ['hmsg ', 'HMSG', 'server'],
  ['hmsg ', 'RMSG', 'route'],
  ['rmsg ', 'RMSG', undefined],
  ['rs+ ', 'RS+', undefined],
  ['rs- ', 'RS-', undefined],
  ['ls+ ', 'LS+', undefined],
  ['ls- ', 'LS-', undefined],
  ['a+ ', 'A+', undefined],
  ['a- ', 'A-', undefined],
];

function startsWithName(input: Uint8Array, at: number, name: string): boolean {
  if (at + name.length > input.length) return false;
  for (let i = 0; i < name.length; i++) {
    const byte = input[at + i];
    const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
    const wanted = name.charCodeAt(i);
    // A space in the name stands for the space or tab that must follow it.
    if (wanted === 32 ? byte !== 32 && byte !== 9 : lower !== wanted) return false;
  }
  return true;
}

/** Digits of a size field as nats-server reads them, or -1. */
function sizeField(field: Uint8Array): number {
  if (field.length === 0 || field.length > 9) return -1;
  let value = 0;
  for (const byte of field) {
    if (byte < 48 || byte > 57) return -1;
    value = value * 10 + byte - 48;
  }
  return value;
}

function fields(line: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const blank = i === line.length || line[i] === 32 || line[i] === 9;
    if (blank && start >= 0) {
      out.push(line.subarray(start, i));
      start = -1;
    } else if (!blank && start < 0) start = i;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Walks the input line by line alongside the ops: every op must come from the next
 * control line, be named by it, and a message must carry exactly the header and
 * total sizes that line declares, with the input's bytes, followed by CRLF.
 */
function checkAgainstInput(
  input: Uint8Array,
  ops: readonly Op[],
  peer: PeerKind,
  fail: (what: string) => Error,
): void {
  let pos = 0;
  for (let index = 0; index < ops.length; index++) {
    const op = ops[index];
    const where = `op #${index} (${op.kind}) at byte ${pos}`;
    const newline = input.indexOf(10, pos);
    if (newline < 0) throw fail(`${where}: no control line left in the input`);
    const lineStart = pos;
    const named = NAME_KINDS.some(
      ([name, kind, only]) =>
        kind === op.kind &&
        (only === undefined || only === peer) &&
        startsWithName(input, lineStart, name),
    );
    if (!named) throw fail(`${where}: the control line does not name it`);
    const lineEnd = newline > lineStart && input[newline - 1] === 13 ? newline - 1 : newline;
    pos = newline + 1;
    if (!('payload' in op)) continue;
    const headers = 'headers' in op ? op.headers : undefined;
    const namedWithHeaders = (input[lineStart] | 0x20) === 0x68; // h
    if (namedWithHeaders !== (headers !== undefined)) {
      throw fail(`${where}: headers ${headers === undefined ? 'missing' : 'unexpected'}`);
    }
    const parts = fields(input.subarray(lineStart, lineEnd));
    const total = sizeField(parts[parts.length - 1]);
    const bodyLength = (headers?.length ?? 0) + op.payload.length;
    if (total !== bodyLength) throw fail(`${where}: declared ${total} bytes, got ${bodyLength}`);
    if (headers !== undefined) {
      const declared = sizeField(parts[parts.length - 2]);
      if (declared !== headers.length) {
        throw fail(`${where}: declared ${declared} header bytes, got ${headers.length}`);
      }
    }
    const body = input.subarray(pos, pos + total);
    const got = headers === undefined ? op.payload : concat([headers, op.payload]);
    if (!sameBytes(body, got)) throw fail(`${where}: payload bytes differ from the input's`);
    if (input[pos + total] !== 13 || input[pos + total + 1] !== 10) {
      throw fail(`${where}: payload not followed by CRLF`);
    }
    pos += total + 2;
  }
}

/** Deep equality of two ops; bytes compared by value. */
function sameOp(a: Op, b: Op): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && sameBytes(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}

function describeOps(ops: readonly Op[]): string {
  return JSON.stringify(ops, (_, value: unknown) =>
    value instanceof Uint8Array ? `<${value.length} bytes>` : value,
  );
}

/** Whole and split parses must agree; valid frames must give back their ops. */
function compareRuns(whole: Run, split: Run, batch: Batch, peer: PeerKind, context: Context): void {
  const fail = (what: string): Error => violation(what, batch, peer, split.cuts, context);
  const splitCode = split.error?.code;
  const wholeCode = whole.error?.code;
  // A split line is buffered, and a buffer over the limit stops the parser even
  // where the whole line (a long PING line, many blanks after the name) passes: then
  // the split run must have emitted a prefix of the whole run's ops.
  const earlyStop = splitCode === ProtocolErrorCode.MaxControlLine;
  if (splitCode !== wholeCode && !earlyStop) {
    throw fail(`error ${String(splitCode)} split but ${String(wholeCode)} whole`);
  }
  const compared = earlyStop ? whole.ops.slice(0, split.ops.length) : whole.ops;
  if (
    compared.length !== split.ops.length ||
    !compared.every((op, i) => sameOp(op, split.ops[i]))
  ) {
    throw fail(`ops differ: split ${describeOps(split.ops)}, whole ${describeOps(whole.ops)}`);
  }
  if (peer !== batch.target || batch.expected === undefined) return;
  const expected = batch.expected;
  if (whole.error !== undefined) throw fail(`valid frames stopped with ${whole.error.detail}`);
  if (
    whole.ops.length !== expected.length ||
    !expected.every((op, i) => sameOp(op, whole.ops[i]))
  ) {
    throw fail(`valid frames parsed to ${describeOps(whole.ops)}, not ${describeOps(expected)}`);
  }
}
