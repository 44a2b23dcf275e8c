// Invariant checks of the fuzzer: runs the parser over a batch cut into chunks,
// checks every op by itself and against the input bytes, compares a split run with
// the whole one, and reports a broken invariant with what it takes to replay it.

import { ProtocolErrorCode, type ProtocolError } from '../errors.js';
import type { Op, PeerKind } from '../ops.js';
import { DEFAULT_MAX_PAYLOAD, Parser } from '../parser.js';
import { concat, type Batch } from './fuzz-frames.js';
import {
  LEGAL_KINDS,
  maxControlLine,
  NAME_KINDS,
  OP_NAME_ALLOWANCE,
  startsWithName,
} from './fuzz-protocol.js';

export interface Context {
  readonly seed: number;
  readonly batch: number;
}

export interface Run {
  readonly ops: Op[];
  readonly error: ProtocolError | undefined;
  readonly cuts: readonly number[];
  /** Where the input after the last op's frame starts: the line the parser stopped on, if any. */
  readonly rest: number;
}

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
export function checkedRun(
  batch: Batch,
  peer: PeerKind,
  cuts: readonly number[],
  context: Context,
): Run {
  const fail = (what: string): Error => violation(what, batch, peer, cuts, context);
  const maxPayload = batch.limits?.maxPayload ?? DEFAULT_MAX_PAYLOAD;
  const ops: Op[] = [];
  let budget = 0;
  let problem: string | undefined;
  const onOp = (op: Op): void => {
    if (problem === undefined) {
      problem =
        parser.error !== undefined
          ? `op ${op.kind} emitted after error`
          : checkOp(op, peer, maxPayload);
    }
    ops.push(op);
    if (--budget < 0) throw new RunawayParse();
  };
  // Split runs take the PUB fast path, the whole run does not: comparing the
  // runs then checks that both paths read every input the same way.
  const onPub =
    cuts.length > 0
      ? (
          subject: string,
          reply: string | undefined,
          buf: Uint8Array,
          at: number,
          length: number,
        ) => {
          onOp({ kind: 'PUB', subject, reply, payload: buf.slice(at, at + length) });
        }
      : undefined;
  const parser = new Parser(onOp, { peer, ...batch.limits, onPub });
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
  const rest = checkAgainstInput(input, ops, peer, fail);
  return { ops, error, cuts, rest };
}

const PING_LINE = new TextEncoder().encode('PING\r\n');

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
 * total sizes that line declares, with the input's bytes, followed by CRLF. Returns
 * where the input after the last op's frame starts.
 */
function checkAgainstInput(
  input: Uint8Array,
  ops: readonly Op[],
  peer: PeerKind,
  fail: (what: string) => Error,
): number {
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
  return pos;
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

/**
 * Checks that a split run which differs from the whole one does so legitimately;
 * returns what is wrong, or undefined. Whole, a control line has only its arguments
 * counted against max_control_line. Cut across chunks, it is buffered, and the
 * parser stops once the buffer (name, blanks and arguments so far) passes
 * max_control_line + OP_NAME_ALLOWANCE; PING, PONG and +OK keep only their name
 * there, so they never stop it. So the split run may only stop earlier, with
 * MAX_CONTROL_LINE, on a newline-terminated line of an op that takes arguments,
 * whose name, blanks before the arguments and final CR take more than
 * OP_NAME_ALLOWANCE bytes, and where a cut falls more than
 * max_control_line + OP_NAME_ALLOWANCE bytes into the line.
 */
function earlyStopProblem(split: Run, batch: Batch, peer: PeerKind): string | undefined {
  if (split.error?.code !== ProtocolErrorCode.MaxControlLine) {
    return 'only an early stop on max_control_line may differ';
  }
  const input = batch.input;
  const start = split.rest;
  const newline = input.indexOf(10, start);
  // An unterminated last line is buffered alike whole and split.
  if (newline < 0) return 'the split run stopped on the unterminated last line';
  const crEnded = newline > start && input[newline - 1] === 13;
  const lineEnd = crEnded ? newline - 1 : newline;
  const named = NAME_KINDS.find(
    ([name, kind, only]) =>
      LEGAL_KINDS[peer].has(kind) &&
      (only === undefined || only === peer) &&
      startsWithName(input, start, name),
  );
  // Names that take arguments end in the blank that must follow them.
  if (named === undefined || !named[0].endsWith(' ')) {
    return `the line at byte ${start} names no legal op that takes arguments`;
  }
  let argumentsAt = start + named[0].length - 1;
  while (argumentsAt < lineEnd && (input[argumentsAt] === 32 || input[argumentsAt] === 9)) {
    argumentsAt++;
  }
  const besideArguments = argumentsAt - start + (crEnded ? 1 : 0);
  if (besideArguments <= OP_NAME_ALLOWANCE) {
    return `the line at byte ${start} has only ${besideArguments} bytes of name and blanks`;
  }
  const buffered = maxControlLine(peer, batch.limits) + OP_NAME_ALLOWANCE;
  if (!split.cuts.some((cut) => cut <= newline && cut - start > buffered)) {
    return `no cut leaves more than ${buffered} bytes of the line at byte ${start} buffered`;
  }
  return undefined;
}

/** Whole and split parses must agree; valid frames must give back their ops. */
export function compareRuns(
  whole: Run,
  split: Run,
  batch: Batch,
  peer: PeerKind,
  context: Context,
): void {
  const fail = (what: string): Error => violation(what, batch, peer, split.cuts, context);
  const splitCode = split.error?.code;
  const wholeCode = whole.error?.code;
  // The one way a split run may legitimately differ: it stops earlier, on
  // max_control_line, on a line with a long run of blanks before its arguments
  // (see earlyStopProblem), having emitted a prefix of the whole run's ops.
  const differs = splitCode !== wholeCode || split.ops.length !== whole.ops.length;
  if (differs) {
    const problem = earlyStopProblem(split, batch, peer);
    if (problem !== undefined) {
      throw fail(
        `error ${String(splitCode)} after ${split.ops.length} ops split but ` +
          `${String(wholeCode)} after ${whole.ops.length} ops whole: ${problem}`,
      );
    }
  }
  const compared = differs ? whole.ops.slice(0, split.ops.length) : whole.ops;
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
