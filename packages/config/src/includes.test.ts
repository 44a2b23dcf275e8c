import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig, positionOf, type ConfigMap } from './index.js';
import { cleanPath, dirname, joinPath } from './includes.js';

/** An in-memory file system; records what was read. */
function memoryFs(files: Record<string, string>): {
  readFile: (p: string) => string;
  reads: string[];
} {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path];
    },
  };
}

void describe('includes', () => {
  void test('TestIncludes: simple.conf with includes/users.conf and includes/passwords.conf', () => {
    const fs = memoryFs({
      'conf/simple.conf':
        "listen: 127.0.0.1:4222\n\nauthorization {\n  include 'includes/users.conf'  # Pull in from file\n  timeout: 0.5\n}\n",
      'conf/includes/users.conf':
        '# Users configuration\n\ninclude ./passwords.conf;\n\nusers = [\n  {user: alice, password: $ALICE_PASS}\n  {user: bob,   password: $BOB_PASS}\n]\n',
      'conf/includes/passwords.conf':
        '# Just foo & bar for testing\nALICE_PASS: $2a$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q\nBOB_PASS: $2a$11$dZM98SpGeI7dCFFGSpt.JObQcix8YHml4TBUZoge9R1uxnMIln5ly\n',
    });
    const alice = '$2a$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q';
    const bob = '$2a$11$dZM98SpGeI7dCFFGSpt.JObQcix8YHml4TBUZoge9R1uxnMIln5ly';
    const text = fs.readFile('conf/simple.conf');
    const config = parseConfig(text, { filename: 'conf/simple.conf', readFile: fs.readFile });
    assert.deepEqual(config, {
      listen: '127.0.0.1:4222',
      authorization: {
        ALICE_PASS: alice,
        BOB_PASS: bob,
        users: [
          { user: 'alice', password: alice },
          { user: 'bob', password: bob },
        ],
        timeout: 0.5,
      },
    });
    assert.deepEqual(fs.reads, [
      'conf/simple.conf',
      'conf/includes/users.conf',
      'conf/includes/passwords.conf',
    ]);
    // Included keys keep the position where they were written.
    const auth = config.authorization as ConfigMap;
    assert.deepEqual(positionOf(auth, 'ALICE_PASS'), {
      file: 'conf/includes/passwords.conf',
      line: 2,
      column: 1,
    });
    assert.deepEqual(positionOf(auth, 'users'), {
      file: 'conf/includes/users.conf',
      line: 5,
      column: 1,
    });
    assert.deepEqual(positionOf(auth, 'timeout'), { file: 'conf/simple.conf', line: 5, column: 3 });
  });

  void test('TestIncludeVariablesWithChecks: variables from an included file are in scope after it', () => {
    const fs = memoryFs({
      'includes/passwords.conf': 'ALICE_PASS: $2a$10$a\nBOB_PASS: $2a$11$b\n',
    });
    const text = `
authorization {

  include "./includes/passwords.conf"

  CAROL_PASS: foo

  users = [
   {user: alice, password: $ALICE_PASS}
   {user: bob,   password: $BOB_PASS}
   {user: carol, password: $CAROL_PASS}
  ]
}
`;
    const config = parseConfig(text, { readFile: fs.readFile });
    const auth = config.authorization as ConfigMap;
    assert.deepEqual(auth.users, [
      { user: 'alice', password: '$2a$10$a' },
      { user: 'bob', password: '$2a$11$b' },
      { user: 'carol', password: 'foo' },
    ]);
    assert.deepEqual(positionOf(auth, 'CAROL_PASS'), { file: '', line: 6, column: 3 });
  });

  void test('the three include forms, at top level and in maps', () => {
    const fs = memoryFs({ 'd/a.conf': 'a = 1', 'd/b.conf': 'b = 2', 'd/c.conf': 'c = 3' });
    const text = 'include \'a.conf\'\nm { include "b.conf" }\nn {include c.conf}\n';
    const config = parseConfig(text, { filename: 'd/main.conf', readFile: fs.readFile });
    assert.deepEqual(config, { a: 1, m: { b: 2 }, n: { c: 3 } });
  });

  void test('TestJSONParseCompat: JSON includes', () => {
    const fs = memoryFs({
      'foo.json': '{ "users": [ {"user": "foo"} ] }',
      'bar.json': '{\n  "users": [ {"user": "bar"} ]\n}',
      'quux.json': '{}',
    });
    const text = `
accounts {
  foo  { include 'foo.json'  }
  bar  { include 'bar.json'  }
  quux { include 'quux.json' }
}
`;
    assert.deepEqual(parseConfig(text, { readFile: fs.readFile }), {
      accounts: { foo: { users: [{ user: 'foo' }] }, bar: { users: [{ user: 'bar' }] }, quux: {} },
    });
  });

  void test('TestParseWithNoValuesIncludes: errors name the included file and the include', () => {
    const fs = memoryFs({
      'foo.conf': '',
      'quux.conf': '?????????????',
      'bar.conf': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const text = `# includes
accounts {
  foo { include 'foo.conf'}
  bar { users = [{user = "bar"}] }
  quux { include 'quux.conf'}
}
`;
    assert.throws(() => parseConfig(text, { filename: 'nats.conf', readFile: fs.readFile }), {
      kind: 'syntax',
      message:
        'quux.conf:1:1: config is invalid: key "?????????????" has no value (included from nats.conf:5:10)',
      position: { file: 'quux.conf', line: 1, column: 1 },
      includedFrom: [{ file: 'nats.conf', line: 5, column: 10 }],
    });
    const nested = memoryFs({ 'a.conf': 'x {\n  include b.conf\n}', 'b.conf': 'y = $NOPE' });
    assert.throws(
      () => parseConfig('include a.conf', { filename: 'main.conf', readFile: nested.readFile }),
      {
        message:
          'b.conf:1:5: undefined variable "NOPE" (included from a.conf:2:3, included from main.conf:1:1)',
      },
    );
  });

  void test('a missing include file', () => {
    const fs = memoryFs({});
    assert.throws(
      () =>
        parseConfig('a = 1\ninclude ./nope.conf', {
          filename: '/etc/nats/server.conf',
          readFile: fs.readFile,
        }),
      {
        name: 'ConfigError',
        kind: 'include',
        message: `/etc/nats/server.conf:2:1: cannot read include file "./nope.conf" (/etc/nats/nope.conf): ENOENT: no such file, open '/etc/nats/nope.conf'`,
      },
    );
    assert.throws(() => parseConfig('include x.conf'), {
      message: '1:1: cannot include "x.conf": no readFile option given',
    });
    assert.throws(
      () =>
        parseConfig('include x.conf', {
          readFile: () => {
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a reader throwing a non-Error
            throw 'boom';
          },
        }),
      {
        message: '1:1: cannot read include file "x.conf" (x.conf): boom',
      },
    );
  });

  void test('include cycles', () => {
    const self = memoryFs({ 'a.conf': 'x = 1\ninclude ./a.conf\n' });
    assert.throws(
      () => parseConfig(self.readFile('a.conf'), { filename: 'a.conf', readFile: self.readFile }),
      {
        kind: 'include',
        message: 'a.conf:2:1: include cycle: a.conf -> a.conf',
      },
    );
    const loop = memoryFs({
      'conf/b.conf': 'include "../conf/c.conf"',
      'conf/c.conf': 'm { include b.conf }',
    });
    assert.throws(
      () => parseConfig('include conf/b.conf', { filename: 'main.conf', readFile: loop.readFile }),
      {
        message:
          'conf/c.conf:1:5: include cycle: conf/b.conf -> conf/c.conf -> conf/b.conf (included from conf/b.conf:1:1, included from main.conf:1:1)',
      },
    );
    // Without a cycle, paths that keep growing stop at a depth limit.
    assert.throws(
      () => parseConfig('include d/x.conf', { readFile: () => 'include d/x.conf' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.reason === 'includes nested more than 64 deep' &&
        e.includedFrom.length === 64,
    );
  });

  void test('paths join as Go filepath.Join does, even for absolute includes', () => {
    assert.equal(
      joinPath(dirname('/etc/nats/server.conf'), 'accounts.conf'),
      '/etc/nats/accounts.conf',
    );
    assert.equal(joinPath(dirname('/etc/nats/server.conf'), '../x.conf'), '/etc/x.conf');
    assert.equal(joinPath(dirname('/etc/nats/server.conf'), '/abs/x.conf'), '/etc/nats/abs/x.conf');
    assert.equal(joinPath(dirname('server.conf'), 'x.conf'), 'x.conf');
    assert.equal(joinPath(dirname(''), 'x.conf'), 'x.conf');
    assert.equal(joinPath(dirname('a/b.conf'), '../../x.conf'), '../x.conf');
    assert.equal(joinPath('', ''), '');
    assert.equal(dirname('/x.conf'), '/');
    assert.equal(cleanPath('/../a//b/./c/..'), '/a/b');
    assert.equal(cleanPath('./'), '.');
  });
});

void describe('variables', () => {
  void test('scoping: the innermost map first, arrays skipped, later keys invisible', () => {
    const text = 'a = 1\nm {\n  a = 2\n  l = [ { x = $a } ]\n  n { y = $a }\n}\nz = $a\n';
    assert.deepEqual(parseConfig(text), { a: 1, m: { a: 2, l: [{ x: 2 }], n: { y: 2 } }, z: 1 });
    assert.throws(() => parseConfig('x = $later\nlater = 1'), /undefined variable "later"/);
  });

  void test('keys shadow the environment, which is only what is passed in', () => {
    assert.deepEqual(parseConfig('HOME = 1\nx = $HOME', { env: { HOME: '/root' } }), {
      HOME: 1,
      x: 1,
    });
    assert.deepEqual(parseConfig('x = $HOME', { env: { HOME: '/root' } }), { x: '/root' });
    assert.throws(() => parseConfig('x = $PATH'), /undefined variable "PATH"/);
    assert.throws(() => parseConfig('x = $U', { env: { U: undefined } }), /undefined variable "U"/);
  });

  void test('environment values are parsed as values', () => {
    const env = {
      N: '42',
      S: '4KB',
      B: 'true',
      M: '{ a = 1, b = [x, y,] }',
      E: '',
      Q: '"a b"',
      R: '$N',
    };
    assert.deepEqual(parseConfig('n=$N\ns=$S\nb=$B\nm=$M\ne=$E\nq=$Q\nr=$R', { env }), {
      n: 42,
      s: 4096,
      b: true,
      m: { a: 1, b: ['x', 'y'] },
      e: '',
      q: 'a b',
      r: 42,
    });
    assert.throws(() => parseConfig('a {\n  x = $V\n}', { env: { V: 'a b' } }), {
      kind: 'variable',
      message: `2:7: environment variable "V" could not be parsed: Expected a top-level value to end with a new line, comment or EOF, but got 'b' instead.`,
    });
  });

  void test('variable cycles through the environment are errors', () => {
    assert.throws(() => parseConfig('x = 1\ny = $A', { filename: 's.conf', env: { A: '$A' } }), {
      kind: 'variable-cycle',
      message: 's.conf:2:5: variable cycle: $A -> $A',
    });
    assert.throws(() => parseConfig('y = $A', { env: { A: '[$B]', B: '{ c = $C }', C: '$A' } }), {
      kind: 'variable-cycle',
      message: '1:5: variable cycle: $A -> $B -> $C -> $A',
    });
    // The same variable twice is not a cycle.
    assert.deepEqual(parseConfig('y = [$A, $A]', { env: { A: '$B', B: '1' } }), { y: [1, 1] });
  });

  void test('a value from a variable is shared, as in Go', () => {
    const config = parseConfig('base { port = 1 }\ncopy = $base');
    assert.equal(config.copy, config.base);
  });
});
