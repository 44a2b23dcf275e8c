// Character classes of the nats-server conf lexer (conf/lex.go), as code points.
// Go's lexer reads runes and treats rune 0 as end of input, so a NUL character in
// the text ends it just as the real end does; EOF is therefore 0 here as well.

import type { Lexer, StateFn } from './lexer.js';

export const EOF = 0;

export const MAP_START = 0x7b; // {
export const MAP_END = 0x7d; // }
export const KEY_SEP_EQUAL = 0x3d; // =
export const KEY_SEP_COLON = 0x3a; // :
export const ARRAY_START = 0x5b; // [
export const ARRAY_END = 0x5d; // ]
export const VAL_TERM = 0x2c; // , (array, map and top-level value terminator)
export const COMMENT_HASH = 0x23; // #
export const COMMENT_SLASH = 0x2f; // /
export const DQ = 0x22; // "
export const SQ = 0x27; // '
export const OPT_VAL_TERM = 0x3b; // ;
export const BLOCK_START = 0x28; // (
export const BLOCK_END = 0x29; // )
export const BACKSLASH = 0x5c; // \
export const DOLLAR = 0x24; // $
export const MINUS = 0x2d; // -
export const DOT = 0x2e; // .
export const NL = 0x0a;
export const CR = 0x0d;
export const TAB = 0x09;
export const SPACE = 0x20;

const WHITE_SPACE = /^\p{White_Space}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Go's unicode.IsSpace: the Unicode White_Space property. */
export function isSpace(r: number): boolean {
  if (r < 0x80) return r === SPACE || (r >= TAB && r <= CR);
  if (r === 0x85 || r === 0xa0) return true;
  return WHITE_SPACE.test(String.fromCodePoint(r));
}

/** Go's unicode.IsDigit: any decimal digit (category Nd), not only ASCII. */
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return DECIMAL_DIGIT.test(String.fromCodePoint(r));
}

/** Space or tab: the only whitespace allowed between a key and a value on one line. */
export function isWhitespace(r: number): boolean {
  return r === TAB || r === SPACE;
}

export function isNL(r: number): boolean {
  return r === NL || r === CR;
}

export function isKeySeparator(r: number): boolean {
  return r === KEY_SEP_EQUAL || r === KEY_SEP_COLON;
}

/** The first letter of a size suffix: k m g t p e, either case. */
export function isNumberSuffix(r: number): boolean {
  switch (r | 0x20) {
    case 0x6b: // k
    case 0x6d: // m
    case 0x67: // g
    case 0x74: // t
    case 0x70: // p
    case 0x65: // e
      return r >= 0x41 && r <= 0x7a;
    default:
      return false;
  }
}

/** How Go's errorf shows a rune: a new line escaped, end of input named. */
export function showRune(r: number): string {
  if (r === EOF) return 'EOF';
  if (r === NL) return '\\n';
  return String.fromCodePoint(r);
}

/** Consumes the second '/' of a `//` comment; false (and nothing consumed) if not one. */
export function slashComment(lx: Lexer): boolean {
  if (lx.next() === COMMENT_SLASH) return true;
  lx.backup();
  return false;
}

/** Go's lexSkip: drops the input read so far and goes on with `next`. */
export function skip(lx: Lexer, next: StateFn): StateFn {
  lx.ignore();
  return next;
}
