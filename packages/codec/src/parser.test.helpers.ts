// Shared helpers of the parser tests (parser.*.test.ts). Test-only: the name matches
// `*.test.*`, so package.json `files` keeps it out of the published package, but not
// `*.test.ts`, so the test runner does not run it as a test file. Lint forbids Node
// built-ins in every source here that is not a test file, this one included, so the
// expectations take node:assert/strict from the test file that uses them.

import {
  Parser,
  ProtocolErrorCode,
  type Op,
  type ParserOptions,
  type ProtocolError,
} from './index.js';

const utf8 = new TextEncoder();

export function bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

export type Input = string | Uint8Array;

export interface Parsed {
  ops: Op[];
  error: ProtocolError | undefined;
  parser: Parser;
}

/** Feeds `chunks` to a fresh parser, one `parse` call each. */
export function parseChunks(chunks: readonly Input[], options: ParserOptions = {}): Parsed {
  const ops: Op[] = [];
  const parser = new Parser((op) => {
    ops.push(op);
  }, options);
  let error: ProtocolError | undefined;
  for (const chunk of chunks)
    error = parser.parse(typeof chunk === 'string' ? bytes(chunk) : chunk);
  return { ops, error, parser };
}

export function parseAll(input: Input, options: ParserOptions = {}): Parsed {
  return parseChunks([input], options);
}

/** Bytes as a latin1 string (exact for any byte), so ops compare readably. */
export function latin1(data: Uint8Array): string {
  let out = '';
  for (const byte of data) out += String.fromCharCode(byte);
  return out;
}

/** An op with its byte fields turned into strings, for deepEqual. */
export function readable(value: unknown): unknown {
  if (value instanceof Uint8Array) return latin1(value);
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, readable(item)]));
  }
  return value;
}

export const HEADERS = 'NATS/1.0\r\nA: b\r\n\r\n';
export const H = HEADERS.length; // 18

/** The part of node:assert/strict the expectations use. */
export interface StrictAssert {
  equal: (actual: unknown, expected: unknown, message?: string) => void;
  deepEqual: (actual: unknown, expected: unknown, message?: string) => void;
  ok: (value: unknown, message?: string) => asserts value;
}

export interface ParserExpectations {
  /** Parses `input` whole and expects exactly these ops (byte fields as strings) and no error. */
  expectOps: (input: Input, expected: readonly object[], options?: ParserOptions) => void;
  /** Parses `input` (whole, or chunk by chunk if an array) and expects this error. */
  expectError: (
    input: Input | readonly Input[],
    code: ProtocolErrorCode,
    options?: ParserOptions,
  ) => Parsed;
}

/** `expectOps` and `expectError`, asserting with `assert` (pass node:assert/strict). */
export function parserExpectations(assert: StrictAssert): ParserExpectations {
  function expectOps(input: Input, expected: readonly object[], options: ParserOptions = {}): void {
    const { ops, error } = parseAll(input, options);
    assert.equal(error, undefined, error?.detail);
    assert.deepEqual(readable(ops), expected);
  }

  function expectError(
    input: Input | readonly Input[],
    code: ProtocolErrorCode,
    options: ParserOptions = {},
  ): Parsed {
    const parsed =
      typeof input === 'string' || input instanceof Uint8Array
        ? parseAll(input, options)
        : parseChunks(input, options);
    assert.ok(parsed.error, `expected ${code}, got no error`);
    assert.equal(parsed.error.code, code, parsed.error.detail);
    const errText: Record<ProtocolErrorCode, string | undefined> = {
      UNKNOWN_OP: 'Unknown Protocol Operation',
      MAX_CONTROL_LINE: 'maximum control line exceeded',
      MAX_PAYLOAD: 'Maximum Payload Violation',
      BAD_ARGUMENTS: undefined,
      BAD_JSON: undefined,
    };
    assert.equal(parsed.error.errText, errText[code]);
    assert.equal(typeof parsed.error.detail, 'string');
    return parsed;
  }

  return { expectOps, expectError };
}
