// The lexer of nats-server's conf package (conf/lex.go, 2.10), state for state.
// Customised in Go from BurntSushi/toml's lexer, itself after Rob Pike's "Lexical
// Scanning in Go": every state is a function that consumes some input, may emit
// items, and returns the next state. A stack of states says where to go back to
// after a value or a comment.
//
// Beyond the Go lexer, every item carries the offset where its token starts (the
// key, the opening quote or bracket, the include keyword), from which the parser
// derives 1-based line:column positions. The Go item line and position (a 0-based
// column on line 1, 1-based after, counted at the end of the token) are kept as
// goLine/goPos so the ported Go lexer tests check the state machine exactly.

import {
  COMMENT_HASH,
  COMMENT_SLASH,
  EOF,
  MAP_END,
  MAP_START,
  NL,
  OPT_VAL_TERM,
  VAL_TERM,
  isNL,
  isSpace,
  isWhitespace,
  showRune,
  skip,
  slashComment,
} from './lex-chars.js';
import { lexCommentStart, lexIncludeStart, lexString } from './lex-values.js';
import { lexKeyStart } from './lex-collections.js';

export type ItemType =
  | 'error'
  | 'eof'
  | 'key'
  | 'text'
  | 'string'
  | 'bool'
  | 'integer'
  | 'float'
  | 'datetime'
  | 'arrayStart'
  | 'arrayEnd'
  | 'mapStart'
  | 'mapEnd'
  | 'commentStart'
  | 'variable'
  | 'include';

export interface Item {
  readonly type: ItemType;
  readonly val: string;
  /** Offset in the text of the token's first character (for errors: of the fault). */
  readonly offset: number;
  /** The line Go reports for the item. */
  readonly goLine: number;
  /** The position Go reports for the item. */
  readonly goPos: number;
}

const SWALLOWED_HINT =
  "(Note: a number directly followed by ']' is read as a string that includes the ']', " +
  "as nats-server 2.10 does; put a ',' or a new line before the ']'.)";

export type StateFn = (lx: Lexer) => StateFn | null;

/** A piece of a string value: text, or one byte from a \xXX escape. */
type StringPart = string | number;

const utf8 = new TextDecoder('utf-8');

function joinParts(parts: readonly StringPart[], tail: string): string {
  if (parts.length === 0) return tail;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out += utf8.decode(new Uint8Array(bytes));
    bytes = [];
  };
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else if (part !== '') {
      flush();
      out += part;
    }
  }
  flush();
  return out + tail;
}

export class Lexer {
  readonly input: string;
  start = 0;
  pos = 0;
  width = 0;
  line = 1;
  /** Where the current line starts (Go: the offset of its '\n'). */
  lstart = 0;
  /** lstart as it was when the current item began. */
  ilstart = 0;
  /** Where the token being lexed starts; the offset of the item emitted next. */
  tokenStart = 0;
  /** Where the rune last read by next() starts: where errors point by default. */
  lastStart = 0;
  /** Where the escape being lexed starts (its backslash). */
  escapeStart = 0;
  /** Offsets of the '{' and '[' not yet closed: unterminated ones are reported there. */
  readonly opens: number[] = [];
  /** A ']' was read into an unquoted value ("3]"), as Go does after a number. */
  swallowedArrayEnd = false;
  stringParts: StringPart[] = [];
  stringStateFn: StateFn = lexString;
  private state: StateFn | null = lexTop;
  private readonly stack: StateFn[] = [];
  private readonly items: Item[] = [];
  private head = 0;

  constructor(input: string) {
    this.input = input;
  }

  nextItem(): Item {
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head++];
        if (this.head === this.items.length) {
          this.items.length = 0;
          this.head = 0;
        }
        return item;
      }
      if (this.state === null) {
        return { type: 'eof', val: '', offset: this.pos, goLine: this.line, goPos: 0 };
      }
      this.state = this.state(this);
    }
  }

  push(state: StateFn): void {
    this.stack.push(state);
  }

  pop(): StateFn | null {
    const last = this.stack.pop();
    return last ?? this.errorf('BUG in lexer: no states to pop.');
  }

  private put(type: ItemType, val: string, goPos: number): void {
    const offset = type === 'eof' ? this.pos : this.tokenStart;
    this.items.push({ type, val, offset, goLine: this.line, goPos });
    this.start = this.pos;
    this.ilstart = this.lstart;
  }

  emit(type: ItemType): void {
    const val = joinParts(this.stringParts, this.input.slice(this.start, this.pos));
    this.put(type, val, this.pos - this.ilstart - val.length);
  }

  emitString(): void {
    const val = joinParts(this.stringParts, this.input.slice(this.start, this.pos));
    this.stringParts = [];
    this.put('string', val, this.pos - this.ilstart - val.length);
  }

  addCurrentStringPart(offset: number): void {
    this.stringParts.push(this.input.slice(this.start, this.pos - offset));
    this.start = this.pos;
  }

  addStringPart(part: StringPart): StateFn {
    this.stringParts.push(part);
    this.start = this.pos;
    return this.stringStateFn;
  }

  hasEscapedParts(): boolean {
    return this.stringParts.length > 0;
  }

  next(): number {
    this.lastStart = this.pos;
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    if (this.input.charCodeAt(this.pos) === NL) {
      this.line++;
      this.lstart = this.pos;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  ignore(): void {
    this.start = this.pos;
    this.ilstart = this.lstart;
  }

  backup(): void {
    this.pos -= this.width;
    this.lastStart = this.pos;
    if (this.pos < this.input.length && this.input.charCodeAt(this.pos) === NL) this.line--;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  /** Emits an error at `offset` (default: the rune last read) and stops lexing. */
  errorf(message: string, offset = this.lastStart): null {
    const hint = this.swallowedArrayEnd ? ` ${SWALLOWED_HINT}` : '';
    this.items.push({
      type: 'error',
      val: message + hint,
      offset,
      goLine: this.line,
      goPos: this.pos - this.lstart,
    });
    return null;
  }

  /** End of input inside something opened at `offset` (default: the innermost { or [). */
  unterminated(what: string, offset?: number): null {
    const at = offset ?? this.opens[this.opens.length - 1] ?? this.lastStart;
    return this.errorf(`Unexpected EOF: unterminated ${what}.`, at);
  }

  current(): string {
    return this.input.slice(this.start, this.pos);
  }

  isBool(): boolean {
    const s = this.current().toLowerCase();
    return s === 'true' || s === 'false' || s === 'on' || s === 'off' || s === 'yes' || s === 'no';
  }

  isVariable(): boolean {
    if (this.start >= this.input.length) return false;
    if (this.input.charCodeAt(this.start) === 0x24) {
      this.start += 1;
      return true;
    }
    return false;
  }

  /** A key followed by whitespace may be the `include` keyword. */
  keyCheckKeyword(fallThrough: StateFn, push: StateFn | null): StateFn {
    if (this.current().toLowerCase() === 'include') {
      this.ignore();
      if (push !== null) this.push(push);
      return lexIncludeStart;
    }
    this.emit('key');
    return fallThrough;
  }
}

export function lexTop(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexTop);
  switch (r) {
    case MAP_START:
      lx.opens.push(lx.lastStart);
      lx.push(lexTop);
      return skip(lx, lexBlockStart);
    case COMMENT_HASH:
      lx.push(lexTop);
      return lexCommentStart;
    case COMMENT_SLASH:
      if (slashComment(lx)) {
        lx.push(lexTop);
        return lexCommentStart;
      }
      return lx.errorf('Unexpected EOF.');
    case EOF:
      if (lx.pos > lx.start) return lx.errorf('Unexpected EOF.');
      lx.tokenStart = lx.pos;
      lx.emit('eof');
      return null;
  }
  // At this point the only valid item is a key.
  lx.backup();
  lx.push(lexTopValueEnd);
  return lexKeyStart;
}

function lexTopValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === COMMENT_HASH) {
    lx.push(lexTop);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexTop);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || isWhitespace(r)) return lexTopValueEnd;
  if (isNL(r) || r === EOF || r === OPT_VAL_TERM || r === VAL_TERM || r === MAP_END) {
    lx.ignore();
    return lexTop;
  }
  return lx.errorf(
    'Expected a top-level value to end with a new line, ' +
      `comment or EOF, but got '${showRune(r)}' instead.`,
  );
}

function lexBlockStart(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (isSpace(r)) return skip(lx, lexBlockStart);
  switch (r) {
    case MAP_START:
      lx.opens.push(lx.lastStart);
      lx.push(lexBlockEnd);
      return skip(lx, lexBlockStart);
    case MAP_END:
      lx.opens.pop();
      lx.ignore();
      return lx.pop();
    case COMMENT_HASH:
      lx.push(lexBlockStart);
      return lexCommentStart;
    case COMMENT_SLASH:
      if (slashComment(lx)) {
        lx.push(lexBlockStart);
        return lexCommentStart;
      }
      return lx.errorf('Unexpected EOF.');
    case EOF:
      // Go ends here without an error, accepting a '{' that is never closed.
      return lx.unterminated('block');
  }
  lx.backup();
  lx.push(lexBlockValueEnd);
  return lexKeyStart;
}

function lexBlockValueEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === COMMENT_HASH) {
    lx.push(lexBlockValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexBlockValueEnd);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || isWhitespace(r)) return lexBlockValueEnd;
  if (isNL(r) || r === OPT_VAL_TERM || r === VAL_TERM) {
    lx.ignore();
    return lexBlockStart;
  }
  if (r === MAP_END) {
    lx.backup();
    return lexBlockEnd;
  }
  if (r === EOF) return lx.unterminated('block');
  return lx.errorf(
    'Expected a block-level value to end with a new line, ' +
      `comment or EOF, but got '${showRune(r)}' instead.`,
  );
}

function lexBlockEnd(lx: Lexer): StateFn | null {
  const r = lx.next();
  if (r === COMMENT_HASH) {
    lx.push(lexBlockStart);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH && slashComment(lx)) {
    lx.push(lexBlockStart);
    return lexCommentStart;
  }
  if (r === COMMENT_SLASH || isNL(r) || isWhitespace(r)) return lexBlockEnd;
  if (r === OPT_VAL_TERM || r === VAL_TERM) {
    lx.ignore();
    return lexBlockStart;
  }
  if (r === MAP_END) {
    lx.opens.pop();
    lx.ignore();
    return lx.pop();
  }
  if (r === EOF) return lx.unterminated('block');
  return lx.errorf(`Expected a block-level to end with a '}', but got '${showRune(r)}' instead.`);
}
