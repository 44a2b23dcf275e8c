// Scalar values, comments and includes (conf/lex.go): quoted, unquoted and block
// strings with their escapes, numbers with size suffixes, dates, IP addresses.

import {
  ARRAY_END,
  ARRAY_START,
  BACKSLASH,
  BLOCK_END,
  BLOCK_START,
  DOT,
  DQ,
  EOF,
  MAP_END,
  MAP_START,
  MINUS,
  NL,
  OPT_VAL_TERM,
  SQ,
  VAL_TERM,
  isDigit,
  isNL,
  isNumberSuffix,
  isWhitespace,
  showRune,
  skip,
} from './lex-chars.js';
import type { Lexer, StateFn } from './lexer.js';

/** Ends an unquoted number: what may follow one (note: not ']', as in Go). */
function endsNumber(r: number): boolean {
  return (
    isNL(r) || r === EOF || r === MAP_END || r === OPT_VAL_TERM || r === VAL_TERM || isWhitespace(r)
  );
}

// Comments

export function lexCommentStart(lx: Lexer): StateFn {
  lx.ignore();
  lx.tokenStart = lx.pos;
  lx.emit('commentStart');
  return lexComment;
}

function lexComment(lx: Lexer): StateFn | null {
  const r = lx.peek();
  if (isNL(r) || r === EOF) {
    lx.emit('text');
    return lx.pop();
  }
  lx.next();
  return lexComment;
}

// Strings

/** Single-quoted: raw, no escapes. */
export function lexQuotedString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === SQ) {
    lx.backup();
    lx.emit('string');
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  // Go emits a clean EOF when nothing follows the quote (the parse may then succeed).
  if (r === EOF) return lx.unterminated('quoted string', lx.tokenStart);
  return lexQuotedString;
}

export function lexDubQuotedString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === BACKSLASH) {
    lx.addCurrentStringPart(1);
    return lexStringEscape;
  }
  if (r === DQ) {
    lx.backup();
    lx.emitString();
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  if (r === EOF) return lx.unterminated('quoted string', lx.tokenStart);
  return lexDubQuotedString;
}

/** Unquoted: up to a new line, whitespace, ';', ',', ']' or '}'; may be a bool or a $variable. */
export function lexString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === BACKSLASH) {
    lx.addCurrentStringPart(1);
    return lexStringEscape;
  }
  if (
    isNL(r) ||
    r === EOF ||
    r === OPT_VAL_TERM ||
    r === VAL_TERM ||
    r === ARRAY_END ||
    r === MAP_END ||
    isWhitespace(r)
  ) {
    lx.backup();
    if (lx.hasEscapedParts()) lx.emitString();
    else if (lx.isBool()) lx.emit('bool');
    else if (lx.isVariable()) lx.emit('variable');
    else lx.emitString();
    return lx.pop();
  }
  if (r === SQ) {
    lx.backup();
    lx.emitString();
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexString;
}

/** `( ... )`: everything up to a ')' alone on its line, taken as it is. */
export function lexBlock(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === BLOCK_END) {
    const close = lx.lastStart;
    lx.backup();
    lx.backup();
    // The ')' must come right after a new line...
    if (lx.next() !== NL) {
      lx.next();
      return lexBlock;
    }
    lx.next();
    // ...and be followed by a new line or the end.
    const after = lx.next();
    if (after === NL || after === EOF) {
      // At the real end of input Go's backups step back nothing, and its value
      // keeps the closing ')'. The value here always stops before it.
      if (lx.width === 0) lx.pos = close;
      else {
        lx.backup();
        lx.backup();
      }
      lx.emit('string');
      lx.next();
      lx.ignore();
      return lx.pop();
    }
    lx.backup();
    return lexBlock;
  }
  if (r === EOF) return lx.unterminated('block string', lx.tokenStart);
  return lexBlock;
}

const ESCAPES: Readonly<Record<string, string>> = {
  t: '\t',
  n: '\n',
  r: '\r',
  '"': '"',
  '\\': '\\',
};

function lexStringEscape(lx: Lexer): StateFn | null {
  lx.escapeStart = lx.pos - 1;
  const r = lx.next();
  if (r === 0x78) return lexStringBinary; // x
  const escaped = r === EOF ? undefined : ESCAPES[String.fromCodePoint(r)];
  if (escaped !== undefined) return lx.addStringPart(escaped);
  return lx.errorf(
    `Invalid escape character '${showRune(r)}'. Only the following ` +
      'escape characters are allowed: \\xXX, \\t, \\n, \\r, \\", \\\\.',
    lx.escapeStart,
  );
}

const HEX_BYTE = /^[0-9a-fA-F]{2}$/;

/** `\xXX`: one byte; consecutive bytes are decoded together as UTF-8. */
function lexStringBinary(lx: Lexer): StateFn | null {
  const endOfLine = "Expected two hexadecimal digits after '\\x', but hit end of line";
  if (isNL(lx.next())) return lx.errorf(endOfLine, lx.escapeStart);
  if (isNL(lx.next())) return lx.errorf(endOfLine, lx.escapeStart);
  const digits = lx.input.slice(Math.max(0, lx.pos - 2), lx.pos);
  if (!HEX_BYTE.test(digits)) {
    return lx.errorf(
      `Expected two hexadecimal digits after '\\x', but got '${digits}'`,
      lx.escapeStart,
    );
  }
  return lx.addStringPart(Number.parseInt(digits, 16));
}

// Numbers, dates and IP addresses

/** A value starting with a digit: integer, float, date, IP address or plain string. */
export function lexNumberOrDateOrStringOrIPStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (!isDigit(r)) {
    if (r === DOT) return lx.errorf("Floats must start with a digit, not '.'.");
    return lx.errorf(`Expected a digit but got '${showRune(r)}'.`);
  }
  return lexNumberOrDateOrStringOrIP;
}

function lexNumberOrDateOrStringOrIP(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === MINUS) {
    if (lx.pos - lx.start !== 5) return lx.errorf('All ISO8601 dates must be in full Zulu form.');
    return lexDateAfterYear;
  }
  if (isDigit(r)) return lexNumberOrDateOrStringOrIP;
  if (r === DOT) return lexFloatStart;
  if (isNumberSuffix(r)) return lexConvenientNumber;
  if (!endsNumber(r)) {
    // Not a number after all: a string that starts with digits.
    if (r === ARRAY_END) lx.swallowedArrayEnd = true;
    lx.stringStateFn = lexString;
    return lexString;
  }
  lx.backup();
  lx.emit('integer');
  return lx.pop();
}

/** After a size suffix letter: any run of b/B/i/I, then the number must end. */
function lexConvenientNumber(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === 0x62 || r === 0x42 || r === 0x69 || r === 0x49) return lexConvenientNumber;
  lx.backup();
  if (endsNumber(r) || isDigit(r)) {
    lx.emit('integer');
    return lx.pop();
  }
  lx.stringStateFn = lexString;
  return lexString;
}

const DATE_AFTER_YEAR = '00-00T00:00:00Z';

/** A full Zulu datetime, YYYY-MM-DDTHH:MM:SSZ, after "YYYY-". */
function lexDateAfterYear(lx: Lexer): StateFn | null {
  for (const f of DATE_AFTER_YEAR) {
    const r = lx.next();
    if (f === '0') {
      if (!isDigit(r)) {
        return lx.errorf(`Expected digit in ISO8601 datetime, but found '${showRune(r)}' instead.`);
      }
    } else if (f.charCodeAt(0) !== r) {
      return lx.errorf(`Expected '${f}' in ISO8601 datetime, but found '${showRune(r)}' instead.`);
    }
  }
  lx.emit('datetime');
  return lx.pop();
}

/** After a '-': a negative integer or float; a digit must follow. */
export function lexNegNumberStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (!isDigit(r)) {
    if (r === DOT) return lx.errorf("Floats must start with a digit, not '.'.");
    return lx.errorf(`Expected a digit but got '${showRune(r)}'.`);
  }
  return lexNegNumber;
}

function lexNegNumber(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r)) return lexNegNumber;
  if (r === DOT) return lexFloatStart;
  if (isNumberSuffix(r)) return lexConvenientNumber;
  lx.backup();
  lx.emit('integer');
  return lx.pop();
}

function lexFloatStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (!isDigit(r)) {
    return lx.errorf(`Floats must have a digit after the '.', but got '${showRune(r)}' instead.`);
  }
  return lexFloat;
}

function lexFloat(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r)) return lexFloat;
  // A second '.': not a float but an IP address.
  if (r === DOT) return lexIPAddr;
  lx.backup();
  lx.emit('float');
  return lx.pop();
}

/** IP addresses such as 127.0.0.1:4222, kept as strings. */
function lexIPAddr(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isDigit(r) || r === DOT || r === 0x3a || r === MINUS) return lexIPAddr;
  lx.backup();
  lx.emit('string');
  return lx.pop();
}

// Includes

/** After the `include` keyword: whitespace, then the file name. */
export function lexIncludeStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return skip(lx, lexIncludeStart);
  lx.backup();
  return lexInclude;
}

function lexInclude(lx: Lexer): StateFn | null {
  const r = lx.next();
  const found = (what: string): null => lx.errorf(`Expected include value but found ${what}`);
  switch (r) {
    case SQ:
      lx.ignore();
      return lexIncludeQuotedString;
    case DQ:
      lx.ignore();
      return lexIncludeDubQuotedString;
    case ARRAY_START:
      return found('start of an array');
    case MAP_START:
      return found('start of a map');
    case BLOCK_START:
      return found('start of a block');
    case MINUS:
      return found('start of a number');
    case BACKSLASH:
      return found('escape sequence');
  }
  if (isDigit(r)) return found('start of a number');
  if (isNL(r)) return found('new line');
  lx.backup();
  return lexIncludeString;
}

function includeQuoted(lx: Lexer, quote: number, self: StateFn, what: string): StateFn | null {
  const r = lx.next();
  if (r === quote) {
    lx.backup();
    lx.emit('include');
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  if (r === EOF) return lx.errorf(`Unexpected EOF in ${what} include`, lx.tokenStart);
  return self;
}

function lexIncludeQuotedString(lx: Lexer): StateFn | null {
  return includeQuoted(lx, SQ, lexIncludeQuotedString, 'quoted');
}

function lexIncludeDubQuotedString(lx: Lexer): StateFn | null {
  return includeQuoted(lx, DQ, lexIncludeDubQuotedString, 'double quoted');
}

function lexIncludeString(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isNL(r) || r === EOF || r === OPT_VAL_TERM || r === MAP_END || isWhitespace(r)) {
    lx.backup();
    lx.emit('include');
    return lx.pop();
  }
  if (r === SQ) {
    lx.backup();
    lx.emit('include');
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexIncludeString;
}
