// Keys, values, arrays and maps (conf/lex.go: lexKey*, lexValue, lexArray*, lexMap*).

import {
  ARRAY_END,
  ARRAY_START,
  BLOCK_START,
  COMMENT_HASH,
  COMMENT_SLASH,
  DOT,
  DQ,
  EOF,
  MAP_END,
  MAP_START,
  MINUS,
  OPT_VAL_TERM,
  SQ,
  VAL_TERM,
  isDigit,
  isKeySeparator,
  isNL,
  isSpace,
  isWhitespace,
  showRune,
  skip,
  slashComment,
} from './lex-chars.js';
import {
  lexBlock,
  lexCommentStart,
  lexDubQuotedString,
  lexNegNumberStart,
  lexNumberOrDateOrStringOrIPStart,
  lexQuotedString,
  lexString,
} from './lex-values.js';
import type { Lexer, StateFn } from './lexer.js';

export function lexKeyStart(lx: Lexer): StateFn | null {
  const r = lx.peek();
  if (isKeySeparator(r)) return lx.errorf(`Unexpected key separator '${showRune(r)}'`);
  if (isSpace(r)) {
    lx.next();
    return skip(lx, lexKeyStart);
  }
  lx.tokenStart = lx.pos;
  if (r === DQ || r === SQ) {
    lx.next();
    return skip(lx, r === DQ ? lexDubQuotedKey : lexQuotedKey);
  }
  lx.ignore();
  lx.next();
  return lexKey;
}

function quotedKey(lx: Lexer, quote: number, self: StateFn): StateFn | null {
  const r = lx.peek();
  if (r === quote) {
    lx.emit('key');
    lx.next();
    return skip(lx, lexKeyEnd);
  }
  // Go emits a clean EOF when nothing follows the quote, and the parse succeeds.
  if (r === EOF) return lx.unterminated('quoted key', lx.tokenStart);
  lx.next();
  return self;
}

function lexDubQuotedKey(lx: Lexer): StateFn | null {
  return quotedKey(lx, DQ, lexDubQuotedKey);
}

function lexQuotedKey(lx: Lexer): StateFn | null {
  return quotedKey(lx, SQ, lexQuotedKey);
}

function lexKey(lx: Lexer): StateFn | null {
  const r = lx.peek();
  if (isSpace(r)) return lx.keyCheckKeyword(lexKeyEnd, null);
  if (isKeySeparator(r) || r === EOF) {
    lx.emit('key');
    return lexKeyEnd;
  }
  lx.next();
  return lexKey;
}

function lexKeyEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexKeyEnd);
  if (isKeySeparator(r)) return skip(lx, lexValue);
  if (r === EOF) {
    lx.emit('eof');
    return null;
  }
  lx.backup();
  return lexValue;
}

/** Any value: whitespace before it is skipped, but not a new line. */
export function lexValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return skip(lx, lexValue);
  lx.tokenStart = lx.lastStart;
  switch (r) {
    case ARRAY_START:
      lx.opens.push(lx.lastStart);
      lx.ignore();
      lx.emit('arrayStart');
      return lexArrayValue;
    case MAP_START:
      lx.opens.push(lx.lastStart);
      lx.ignore();
      lx.emit('mapStart');
      return lexMapKeyStart;
    case SQ:
      lx.ignore();
      return lexQuotedString;
    case DQ:
      lx.ignore();
      lx.stringStateFn = lexDubQuotedString;
      return lexDubQuotedString;
    case MINUS:
      return lexNegNumberStart;
    case BLOCK_START:
      lx.ignore();
      return lexBlock;
    case DOT:
      return lx.errorf('Floats must start with a digit');
  }
  if (isDigit(r)) {
    lx.backup();
    return lexNumberOrDateOrStringOrIPStart;
  }
  if (isNL(r)) return lx.errorf('Expected value but found new line');
  lx.backup();
  lx.stringStateFn = lexString;
  return lexString;
}

function lexArrayValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexArrayValue);
  if (r === COMMENT_HASH) {
    lx.push(lexArrayValue);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexArrayValue);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || r === VAL_TERM) {
    return lx.errorf(`Unexpected array value terminator ','.`);
  }
  if (r === ARRAY_END) return lexArrayEnd;
  if (r === EOF) return lx.unterminated('array');
  lx.backup();
  lx.push(lexArrayValueEnd);
  return lexValue;
}

function lexArrayValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return skip(lx, lexArrayValueEnd);
  if (r === COMMENT_HASH) {
    lx.push(lexArrayValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexArrayValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || r === VAL_TERM || isNL(r)) return skip(lx, lexArrayValue);
  if (r === ARRAY_END) return lexArrayEnd;
  if (r === EOF) return lx.unterminated('array');
  return lx.errorf(
    `Expected an array value terminator "," or an array terminator "]", but got '${showRune(r)}' instead.`,
  );
}

function lexArrayEnd(lx: Lexer): StateFn | null {
  lx.opens.pop();
  lx.tokenStart = lx.pos - 1;
  lx.ignore();
  lx.emit('arrayEnd');
  return lx.pop();
}

function lexMapKeyStart(lx: Lexer): StateFn | null {
  const r = lx.peek();
  if (isKeySeparator(r)) return lx.errorf(`Unexpected key separator '${showRune(r)}'.`);
  if (r === ARRAY_END) return lx.errorf(`Unexpected array end ']' processing map.`);
  if (isSpace(r)) {
    lx.next();
    return skip(lx, lexMapKeyStart);
  }
  switch (r) {
    case MAP_END:
      lx.next();
      return skip(lx, lexMapEnd);
    case COMMENT_HASH:
      lx.next();
      lx.push(lexMapKeyStart);
      return lexCommentStart;
    case COMMENT_SLASH:
      lx.next();
      if (slashComment(lx)) {
        lx.push(lexMapKeyStart);
        return lexCommentStart;
      }
      // As in Go, a lone '/' is dropped and the key starts after it.
      break;
    case SQ:
    case DQ:
      lx.tokenStart = lx.pos;
      lx.next();
      return skip(lx, r === SQ ? lexMapQuotedKey : lexMapDubQuotedKey);
    case EOF:
      return lx.unterminated('map');
  }
  lx.ignore();
  lx.tokenStart = lx.pos;
  lx.next();
  return lexMapKey;
}

function mapQuotedKey(lx: Lexer, quote: number, self: StateFn): StateFn | null {
  const r = lx.peek();
  if (r === EOF) return lx.unterminated('quoted map key', lx.tokenStart);
  if (r === quote) {
    lx.emit('key');
    lx.next();
    return skip(lx, lexMapKeyEnd);
  }
  lx.next();
  return self;
}

function lexMapQuotedKey(lx: Lexer): StateFn | null {
  return mapQuotedKey(lx, SQ, lexMapQuotedKey);
}

function lexMapDubQuotedKey(lx: Lexer): StateFn | null {
  return mapQuotedKey(lx, DQ, lexMapDubQuotedKey);
}

function lexMapKey(lx: Lexer): StateFn | null {
  const r = lx.peek();
  if (r === EOF) return lx.unterminated('map');
  if (isSpace(r)) return lx.keyCheckKeyword(lexMapKeyEnd, lexMapValueEnd);
  if (isKeySeparator(r)) {
    lx.emit('key');
    return lexMapKeyEnd;
  }
  lx.next();
  return lexMapKey;
}

function lexMapKeyEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexMapKeyEnd);
  if (isKeySeparator(r)) return skip(lx, lexMapValue);
  lx.backup();
  return lexMapValue;
}

function lexMapValue(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexMapValue);
  if (r === VAL_TERM) return lx.errorf(`Unexpected map value terminator ",".`);
  if (r === MAP_END) return skip(lx, lexMapEnd);
  lx.backup();
  lx.push(lexMapValueEnd);
  return lexValue;
}

function lexMapValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isWhitespace(r)) return skip(lx, lexMapValueEnd);
  if (r === COMMENT_HASH) {
    lx.push(lexMapValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexMapValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || r === OPT_VAL_TERM || r === VAL_TERM || isNL(r)) {
    return skip(lx, lexMapKeyStart);
  }
  if (r === MAP_END) return skip(lx, lexMapEnd);
  if (r === EOF) return lx.unterminated('map');
  return lx.errorf(
    `Expected a map value terminator "," or a map terminator "}", but got '${showRune(r)}' instead.`,
  );
}

function lexMapEnd(lx: Lexer): StateFn | null {
  lx.opens.pop();
  lx.tokenStart = lx.pos - 1;
  lx.ignore();
  lx.emit('mapEnd');
  return lx.pop();
}
