import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Lexer, type Item, type ItemType } from './lexer.js';

// Every case of nats-server 2.10's conf/lex_test.go, converted to data: the input
// and the items Go expects, with Go's own line and position numbers. Cases whose
// expectation differs here carry a note saying why.

interface GoCase {
  name: string;
  input: string;
  items: [string, string, number, number][];
  note?: string;
}

const GO_TYPES: Record<string, ItemType> = {
  Key: 'key',
  String: 'string',
  Integer: 'integer',
  Float: 'float',
  Bool: 'bool',
  Datetime: 'datetime',
  ArrayStart: 'arrayStart',
  ArrayEnd: 'arrayEnd',
  MapStart: 'mapStart',
  MapEnd: 'mapEnd',
  CommentStart: 'commentStart',
  Text: 'text',
  Variable: 'variable',
  Include: 'include',
  Error: 'error',
};

const cases = JSON.parse(
  readFileSync(new URL('../src/testdata/go-lex-cases.json', import.meta.url), 'utf8'),
) as GoCase[];

/** All items up to and including the first error, without the final EOF. */
function lexAll(input: string): Item[] {
  const lx = new Lexer(input);
  const items: Item[] = [];
  for (let i = 0; i < 10_000; i++) {
    const item = lx.nextItem();
    if (item.type === 'eof') return items;
    items.push(item);
    if (item.type === 'error') return items;
  }
  throw new Error('the lexer does not stop');
}

void describe('lexer: the cases of Go conf/lex_test.go', () => {
  assert.equal(cases.length, 135);
  cases.forEach((c, i) => {
    void test(`${c.name} #${i}${c.note === undefined ? '' : ' (adapted)'}`, () => {
      const got = lexAll(c.input).map((it) => [it.type, it.val, it.goLine, it.goPos]);
      const expected = c.items.map(([type, val, line, pos]) => [GO_TYPES[type], val, line, pos]);
      // Go's test compares the items it lists and stops at an EOF; the TestJSONCompat
      // cases list a trailing '}' key the lexer does emit, so the lists are complete.
      assert.deepEqual(got.slice(0, expected.length), expected);
      const rest = got.slice(expected.length);
      assert.ok(
        rest.every((it) => it[0] === 'commentStart' || it[0] === 'text'),
        `unexpected extra items ${JSON.stringify(rest)}`,
      );
    });
  });
});

void describe('lexer: offsets of tokens', () => {
  const offsets = (input: string): [ItemType, string, number][] =>
    lexAll(input).map((it) => [it.type, it.val, it.offset]);

  void test('keys, quoted values and variables point at their first character', () => {
    assert.deepEqual(offsets(`a = "x"\n'b': $c\n`), [
      ['key', 'a', 0],
      ['string', 'x', 4],
      ['key', 'b', 8],
      ['variable', 'c', 13],
    ]);
  });

  void test('maps and arrays point at their brackets, includes at the keyword', () => {
    assert.deepEqual(offsets('m { include x.conf }\nl [1\n]'), [
      ['key', 'm', 0],
      ['mapStart', '', 2],
      ['include', 'x.conf', 4],
      ['mapEnd', '', 19],
      ['key', 'l', 21],
      ['arrayStart', '', 23],
      ['integer', '1', 24],
      ['arrayEnd', '', 26],
    ]);
  });

  void test('a block string at the very end keeps no closing paren', () => {
    // Go's value would be "\nx\n)" here: its backups step back nothing at EOF.
    assert.deepEqual(offsets('b (\nx\n)'), [
      ['key', 'b', 0],
      ['string', '\nx\n', 2],
    ]);
  });

  void test('a NUL character ends the input, as rune 0 does in Go', () => {
    assert.deepEqual(offsets('a = 1\n\0b = 2'), [
      ['key', 'a', 0],
      ['integer', '1', 4],
      ['error', 'Unexpected EOF.', 6],
    ]);
  });
});
