import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig, type ConfigErrorKind } from './index.js';

function fails(text: string, message: string, kind: ConfigErrorKind = 'syntax'): void {
  let caught: unknown;
  try {
    parseConfig(text, { filename: 'server.conf' });
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ConfigError,
    `no ConfigError for ${JSON.stringify(text)}: ${String(caught)}`,
  );
  assert.equal(caught.message, message);
  assert.equal(caught.kind, kind);
}

void describe('errors: file:line:column and what is wrong', () => {
  void test('unterminated strings point at their opening quote', () => {
    fails(
      'a = 1\nlisten: "localhost:4242\n\nhttp: 8222\n',
      'server.conf:2:9: Unexpected EOF: unterminated quoted string.',
    );
    fails(
      "a = 1\nlisten: 'localhost",
      'server.conf:2:9: Unexpected EOF: unterminated quoted string.',
    );
    // Go ends cleanly when nothing follows the quote; the key is then left without a value.
    fails('a = "', 'server.conf:1:5: Unexpected EOF: unterminated quoted string.');
    fails('a = [ "', 'server.conf:1:7: Unexpected EOF: unterminated quoted string.');
    fails('x = 1\n  "key', 'server.conf:2:3: Unexpected EOF: unterminated quoted key.');
    fails('m {\n  "key', 'server.conf:2:3: Unexpected EOF: unterminated quoted map key.');
    fails('include "a.conf', 'server.conf:1:1: Unexpected EOF in double quoted include');
  });

  void test('unterminated maps, arrays and blocks point at their opening bracket', () => {
    fails(
      'listen = 4222\n\ncluster = {\n\n  foo = bar\n\n',
      'server.conf:3:11: Unexpected EOF: unterminated map.',
    );
    fails('a {\n  b {\n    c = 1\n  }\n', 'server.conf:1:3: Unexpected EOF: unterminated map.');
    fails('a = [\n  1,\n  2\n', 'server.conf:1:5: Unexpected EOF: unterminated array.');
    fails('a = [ [1,], [2,\n', 'server.conf:1:13: Unexpected EOF: unterminated array.');
    fails(
      'quote = (\n\n  foo = bar\n\n',
      'server.conf:1:9: Unexpected EOF: unterminated block string.',
    );
    fails('{\n  a = 1\n', 'server.conf:1:1: Unexpected EOF: unterminated block.');
    fails('{ a = 1 \n { b = 2 }', 'server.conf:1:1: Unexpected EOF: unterminated block.');
  });

  void test('bad escapes point at the backslash', () => {
    fails(
      'a = 1\nfoo = "x\\y"',
      `server.conf:2:9: Invalid escape character 'y'. Only the following escape characters are allowed: \\xXX, \\t, \\n, \\r, \\", \\\\.`,
    );
    fails(
      'foo = "[\\x]"',
      `server.conf:1:9: Expected two hexadecimal digits after '\\x', but got ']"'`,
    );
    fails(
      'foo = "[\\xe]"',
      `server.conf:1:9: Expected two hexadecimal digits after '\\x', but got 'e]'`,
    );
    fails(
      'foo = xyz\\x\n',
      `server.conf:1:10: Expected two hexadecimal digits after '\\x', but hit end of line`,
    );
  });

  void test('structure errors point at the offending character', () => {
    fails(' :foo = 22', "server.conf:1:2: Unexpected key separator ':'");
    fails(
      'a = 1 b',
      "server.conf:1:7: Expected a top-level value to end with a new line, comment or EOF, but got 'b' instead.",
    );
    fails(
      'm { a = 1 b }',
      `server.conf:1:11: Expected a map value terminator "," or a map terminator "}", but got 'b' instead.`,
    );
    fails('m { = 1 }', "server.conf:1:5: Unexpected key separator '='.");
    fails('m { a = 1, ] }', "server.conf:1:12: Unexpected array end ']' processing map.");
    fails('m { a = , }', 'server.conf:1:9: Unexpected map value terminator ",".');
    fails(
      'a = [1 2]',
      `server.conf:1:8: Expected an array value terminator "," or an array terminator "]", but got '2' instead.`,
    );
    fails('a = [,]', "server.conf:1:6: Unexpected array value terminator ','.");
    fails('a =\n1', 'server.conf:1:4: Expected value but found new line');
    fails('a = 1\n/x = 2', 'server.conf:2:2: Unexpected EOF.');
    fails('include [a]', 'server.conf:1:9: Expected include value but found start of an array');
    fails('include 5', 'server.conf:1:9: Expected include value but found start of a number');
  });

  void test('a key without a value', () => {
    fails('port = 4222\nlonely\n', 'server.conf:2:1: config is invalid: key "lonely" has no value');
    fails('a = 1\n  "quoted"', 'server.conf:2:3: config is invalid: key "quoted" has no value');
  });

  void test('values that do not fit', () => {
    fails(
      'a = 1\nb = 99999999999999999999',
      "server.conf:2:5: integer '99999999999999999999' is out of the range",
      'value',
    );
    fails(
      'b = 2023-02-30T00:00:00Z',
      "server.conf:1:5: expected Zulu formatted DateTime, but got '2023-02-30T00:00:00Z'",
      'value',
    );
    fails('b = [1, 2kbb, 3]', "server.conf:1:9: invalid size suffix 'kbb' in '2kbb'", 'value');
    // Non-ASCII digits pass the lexer (unicode.IsDigit) but not the number parser, as in Go.
    fails('b = ١٢', "server.conf:1:5: expected integer, but got '١٢'", 'value');
  });

  void test('undefined variables', () => {
    fails(
      'a {\n  b {\n    c = $FOO\n  }\n}\n',
      'server.conf:3:9: undefined variable "FOO"',
      'variable',
    );
    fails('a = [ $X ]', 'server.conf:1:7: undefined variable "X"', 'variable');
    fails('a = $', 'server.conf:1:5: undefined variable ""', 'variable');
  });

  void test('no input makes the parser throw anything but a ConfigError', () => {
    const inputs = [
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '"',
      "'",
      '$',
      '\\',
      '=',
      ':',
      ';',
      ',',
      '#',
      '/',
      '-',
      '.',
      '0',
      'a',
      ' ',
      '\n',
      '\0',
      'include',
      'k',
      '2016-',
    ];
    for (const a of inputs) {
      for (const b of inputs) {
        for (const c of inputs) {
          const text = `${a}${b} ${c}`;
          try {
            parseConfig(text);
          } catch (error) {
            assert.ok(error instanceof ConfigError, `${JSON.stringify(text)}: ${String(error)}`);
          }
        }
      }
    }
  });
});
