// The parser of nats-server's conf package (conf/parse.go, 2.10): it turns the
// lexer's items into nested maps and arrays. A stack of contexts (the maps and
// arrays being built) and a stack of keys waiting for their values; a value goes
// into the innermost context, under the last key if that is a map.

import { ConfigError, type ConfigErrorKind, type Position } from './errors.js';
import { cleanPath, parseInclude, type Shared } from './includes.js';
import { Lexer, type Item } from './lexer.js';
import { positionOf, positionsFor } from './positions.js';
import type { ConfigArray, ConfigMap, ConfigValue, ParseOptions } from './types.js';
import { parseBool, parseDatetime, parseFloat64, parseInteger } from './values.js';
import { resolveVariable } from './variables.js';

interface Frame {
  readonly value: ConfigMap | ConfigArray;
  readonly position: Position;
  /** Where the keys (or elements) of value were written. */
  readonly positions: Map<string | number, Position>;
}

function frame(value: ConfigMap | ConfigArray, position: Position): Frame {
  return { value, position, positions: positionsFor(value) };
}

interface PendingKey {
  readonly name: string;
  readonly position: Position;
}

/** Sets a key even when it is "__proto__", which plain assignment would not. */
function setKey(map: ConfigMap, key: string, value: ConfigValue): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}

class Parser {
  private readonly lexer: Lexer;
  private readonly root: ConfigMap = {};
  private readonly frames: Frame[];
  private readonly keys: PendingKey[] = [];
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly shared: Shared,
  ) {
    this.lexer = new Lexer(text);
    this.frames = [frame(this.root, { file, line: 1, column: 1 })];
  }

  run(): ConfigMap {
    let prev: Item | undefined;
    for (;;) {
      const item = this.lexer.nextItem();
      if (item.type === 'eof') break;
      prev = item;
      this.process(item);
    }
    // A key with nothing after it. Go lets a last '}' through: it ends JSON-like
    // files whose opening '{' the lexer took as a block.
    if (prev !== undefined && prev.type === 'key' && prev.val !== '}') {
      this.fail('syntax', prev, `config is invalid: key "${prev.val}" has no value`);
    }
    if (this.frames.length > 1) {
      const open = this.frames[this.frames.length - 1];
      const what = Array.isArray(open.value) ? 'array' : 'map';
      throw new ConfigError('syntax', open.position, `Unexpected EOF: unterminated ${what}.`);
    }
    return this.root;
  }

  /** 1-based line and column of an offset in the text. */
  private position(offset: number): Position {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - starts[lo] + 1 };
  }

  private fail(kind: ConfigErrorKind, item: Item, reason: string): never {
    throw new ConfigError(kind, this.position(item.offset), reason);
  }

  private process(item: Item): void {
    if (item.type === 'commentStart' || item.type === 'text') return;
    const at = this.position(item.offset);
    const invalid = (reason: string): never => this.fail('value', item, reason);
    switch (item.type) {
      case 'error':
        return this.fail('syntax', item, item.val);
      case 'key':
        this.keys.push({ name: item.val, position: at });
        return;
      case 'mapStart':
        this.frames.push(frame({}, at));
        return;
      case 'arrayStart':
        this.frames.push(frame([], at));
        return;
      case 'mapEnd':
      case 'arrayEnd': {
        if (this.frames.length < 2) return this.fail('syntax', item, `unexpected ${item.type}`);
        const frame = this.frames.pop() as Frame;
        this.setValue(frame.value, frame.position, item);
        return;
      }
      case 'string':
        this.setValue(item.val, at, item);
        return;
      case 'integer':
        this.setValue(parseInteger(item.val, invalid), at, item);
        return;
      case 'float':
        this.setValue(parseFloat64(item.val, invalid), at, item);
        return;
      case 'bool':
        this.setValue(parseBool(item.val, invalid), at, item);
        return;
      case 'datetime':
        this.setValue(parseDatetime(item.val, invalid), at, item);
        return;
      case 'variable': {
        const scopes = this.frames.map((f) => f.value);
        const value = resolveVariable(item.val, at, scopes, this.shared, this.nested);
        this.setValue(value, at, item);
        return;
      }
      case 'include':
        this.include(item.val, at);
        return;
      case 'eof':
        return;
    }
  }

  private readonly nested = (text: string, file: string): ConfigMap =>
    new Parser(text, file, this.shared).run();

  /** The included file's top-level keys go into the current map, in their order. */
  private include(name: string, at: Position): void {
    const included = parseInclude(name, at, this.file, this.shared, this.nested);
    for (const key of Object.keys(included)) {
      this.keys.push({ name: key, position: positionOf(included, key) ?? at });
      this.setValue(included[key], at, undefined);
    }
  }

  private setValue(value: ConfigValue, at: Position, item: Item | undefined): void {
    const { value: context, positions } = this.frames[this.frames.length - 1];
    if (Array.isArray(context)) {
      positions.set(context.length, at);
      context.push(value);
      return;
    }
    const key = this.keys.pop();
    if (key === undefined) {
      // Cannot happen with the lexer's items; a ConfigError rather than a crash.
      throw new ConfigError('syntax', at, `value without a key${item ? ` (${item.type})` : ''}`);
    }
    setKey(context, key.name, value);
    positions.set(key.name, key.position);
  }
}

export function parseWith(text: string, file: string, shared: Shared): ConfigMap {
  return new Parser(text, file, shared).run();
}

/**
 * Parses nats-server configuration text into plain objects, arrays, strings,
 * numbers (bigints beyond 2^53), booleans and Dates. Throws a ConfigError naming
 * file:line:column for any problem. Use positionOf() for where a key was written.
 */
export function parseConfig(text: string, options: ParseOptions = {}): ConfigMap {
  const file = options.filename ?? '';
  const shared: Shared = {
    env: options.env ?? {},
    readFile: options.readFile,
    includeStack: file === '' ? [] : [cleanPath(file)],
    envStack: [],
  };
  return parseWith(text, file, shared);
}
