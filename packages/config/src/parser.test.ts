import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig, positionOf, type ConfigMap } from './index.js';

// The cases of nats-server 2.10's conf/parse_test.go that do not need files (those
// are in includes.test.ts), then the rest of the grammar.

const parse = (text: string, env: Record<string, string> = {}): ConfigMap =>
  parseConfig(text, { env });

void describe('parser: the cases of Go conf/parse_test.go', () => {
  void test('TestSimpleTopLevel', () => {
    assert.deepEqual(parse("foo='1'; bar=2.2; baz=true; boo=22"), {
      foo: '1',
      bar: 2.2,
      baz: true,
      boo: 22,
    });
  });

  void test('TestBools', () => {
    for (const text of ['foo=true', 'foo=TRUE', 'foo=yes', 'foo=on', 'foo=On', 'foo=YES']) {
      assert.deepEqual(parse(text), { foo: true }, text);
    }
    for (const text of ['foo=false', 'foo=FALSE', 'foo=no', 'foo=off', 'foo=Off']) {
      assert.deepEqual(parse(text), { foo: false }, text);
    }
  });

  void test('TestSimpleVariable', () => {
    assert.deepEqual(parse('\n  index = 22\n  foo = $index\n'), { index: 22, foo: 22 });
  });

  void test('TestNestedVariable', () => {
    const text = `
  index = 22
  nest {
    index = 11
    foo = $index
  }
  bar = $index
`;
    assert.deepEqual(parse(text), { index: 22, nest: { index: 11, foo: 11 }, bar: 22 });
  });

  void test('TestMissingVariable', () => {
    assert.throws(() => parse('foo=$index'), {
      name: 'ConfigError',
      kind: 'variable',
      message: '1:5: undefined variable "index"',
    });
  });

  void test('TestEnvVariable and TestEnvVariableString', () => {
    assert.deepEqual(parse('foo = $__UNIQ22__', { __UNIQ22__: '22' }), { foo: 22 });
    assert.deepEqual(parse('foo = $__UNIQ22__', { __UNIQ22__: 'xyz' }), { foo: 'xyz' });
  });

  void test('TestEnvVariableStringStartingWithNumber...', () => {
    assert.deepEqual(parse('foo = $V', { V: '3xyz' }), { foo: '3xyz' });
    assert.deepEqual(parse('foo = $V', { V: '3Gyz' }), { foo: '3Gyz' });
    assert.deepEqual(parse('foo = $V', { V: "'3xyz'" }), { foo: '3xyz' });
  });

  void test('TestBcryptVariable', () => {
    assert.deepEqual(parse('password: $2a$11$ooo'), { password: '$2a$11$ooo' });
  });

  void test('TestConvenientNumbers', () => {
    const text = `
k = 8k
kb = 4kb
ki = 3ki
kib = 4ki
m = 1m
mb = 2MB
mi = 2Mi
mib = 64MiB
g = 2g
gb = 22GB
gi = 22Gi
gib = 22GiB
tb = 22TB
ti = 22Ti
tib = 22TiB
pb = 22PB
pi = 22Pi
pib = 22PiB
`;
    const KiB = 1024;
    assert.deepEqual(parse(text), {
      k: 8 * 1000,
      kb: 4 * KiB,
      ki: 3 * KiB,
      kib: 4 * KiB,
      m: 1000 * 1000,
      mb: 2 * KiB ** 2,
      mi: 2 * KiB ** 2,
      mib: 64 * KiB ** 2,
      g: 2 * 1000 ** 3,
      gb: 22 * KiB ** 3,
      gi: 22 * KiB ** 3,
      gib: 22 * KiB ** 3,
      tb: 22 * KiB ** 4,
      ti: 22 * KiB ** 4,
      tib: 22 * KiB ** 4,
      // 22 PiB is beyond 2^53: kept exact as a bigint.
      pb: 22n * 1024n ** 5n,
      pi: 22n * 1024n ** 5n,
      pib: 22n * 1024n ** 5n,
    });
  });

  void test('TestSample1', () => {
    const text = `
foo  {
  host {
    ip   = '127.0.0.1'
    port = 4242
  }
  servers = [ "a.com", "b.com", "c.com"]
}
`;
    assert.deepEqual(parse(text), {
      foo: { host: { ip: '127.0.0.1', port: 4242 }, servers: ['a.com', 'b.com', 'c.com'] },
    });
  });

  void test('TestSample2', () => {
    const text = `
cluster {
  port: 4244

  authorization {
    user: route_user
    password: top_secret
    timeout: 1
  }

  # Routes are actively solicited and connected to from this server.
  # Other servers can connect to us if they supply the correct credentials
  # in their routes definitions from above.

  // Test both styles of comments

  routes = [
    nats-route://foo:bar@apcera.me:4245
    nats-route://foo:bar@apcera.me:4246
  ]
}
`;
    assert.deepEqual(parse(text), {
      cluster: {
        port: 4244,
        authorization: { user: 'route_user', password: 'top_secret', timeout: 1 },
        routes: ['nats-route://foo:bar@apcera.me:4245', 'nats-route://foo:bar@apcera.me:4246'],
      },
    });
  });

  void test('TestSample3', () => {
    const text = `
foo  {
  expr = '(true == "false")'
  text = 'This is a multi-line
text block.'
}
`;
    assert.deepEqual(parse(text), {
      foo: { expr: '(true == "false")', text: 'This is a multi-line\ntext block.' },
    });
  });

  void test('TestSample4', () => {
    const text = '\n  array [\n    { abc: 123 }\n    { xyz: "word" }\n  ]\n';
    assert.deepEqual(parse(text), { array: [{ abc: 123 }, { xyz: 'word' }] });
  });

  void test('TestSample5', () => {
    assert.deepEqual(parse('\n  now = 2016-05-04T18:53:41Z\n  gmt = false\n\n'), {
      now: new Date(Date.UTC(2016, 4, 4, 18, 53, 41)),
      gmt: false,
    });
  });

  void test('TestParserNoInfiniteLoop', () => {
    for (const text of ['A@@Føøøø?˛ø:{øøøø˙˙', 'include "9/\uFFFD']) {
      assert.throws(() => parse(text), /Unexpected EOF/);
    }
  });

  void test('TestParseWithNoValuesAreInvalid', () => {
    const cases: [string, string][] = [
      ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1:1'],
      ['              aaaaaaaaaaaaaaaaaaaaaaaaaaa', '1:15'],
      ['     aaaaaaaaaaaaaaaaaaaaaaaaaaa         ', '1:6'],
      ['\n  # with comments and no spaces\n  # is also invalid.\n  aaaaaa\n     ', '4:3'],
      ['\n   a,a,a,a,a,a,a,a,a,a,a\n   ', '2:4'],
    ];
    for (const [text, at] of cases) {
      assert.throws(
        () => parse(text),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.kind === 'syntax' &&
          e.message.startsWith(`${at}: config is invalid: key "`),
        text,
      );
    }
  });

  void test('TestParseWithNoValuesEmptyConfigsAreValid', () => {
    for (const text of [
      '',
      '\n\n\n   ',
      '\n  # just comments with no values\n  # is still valid.\n',
    ]) {
      assert.deepEqual(parse(text), {});
    }
  });

  void test('TestParseWithTrailingBracketsAreValid', () => {
    assert.deepEqual(parse('{}'), {});
    assert.deepEqual(parse('\n  {\n  # comments in the body\n  }\n'), {});
    // A stray '}' at the end becomes a key with no value, which Go lets through.
    assert.deepEqual(parse('\n accounts { users = [{}]}\n }\n'), { accounts: { users: [{}] } });
    assert.deepEqual(parse('{\n accounts { users = [{}]}\n}\n'), { accounts: { users: [{}] } });
  });

  void test('TestJSONParseCompat (without includes)', () => {
    const text = `
    {
      "http_port": 8227,
      "port": 4227,
      "write_deadline": "1h",
      "cluster": {
        "port": 6222,
        "routes": [
          "nats://127.0.0.1:4222",
          "nats://127.0.0.1:4223",
          "nats://127.0.0.1:4224"
        ]
      }
    }
    `;
    assert.deepEqual(parse(text), {
      http_port: 8227,
      port: 4227,
      write_deadline: '1h',
      cluster: {
        port: 6222,
        routes: ['nats://127.0.0.1:4222', 'nats://127.0.0.1:4223', 'nats://127.0.0.1:4224'],
      },
    });
    const blocks = `{
      "jetstream": {
        "store_dir": "/tmp/nats"
        "max_mem": 1000000,
      },
      "port": 4222,
      "server_name": "nats1"
    }
    `;
    assert.deepEqual(parse(blocks), {
      jetstream: { store_dir: '/tmp/nats', max_mem: 1_000_000 },
      port: 4222,
      server_name: 'nats1',
    });
    assert.deepEqual(parse('\n  {\n  }\n'), {});
  });

  void test('TestBlocks', () => {
    const listen = { listen: '0.0.0.0:4222' };
    assert.deepEqual(parse('{ listen: 0.0.0.0:4222 }'), listen);
    assert.deepEqual(parse('{\n\t\t\t\tlisten: 0.0.0.0:4222\n\t\t\t }'), listen);
    assert.deepEqual(parse('\n{\n  listen: 0.0.0.0:4222\n}\n# wibble\n'), listen);
    const nested = '\n{\n  {\n    listen: 0.0.0.0:4222 // c\n  }\n  # wibble1\n}\n# wibble2\n';
    assert.deepEqual(parse(nested), listen);
    const scoped = `
      {
        "debug":              False
        "server_name":        "gcp-asianortheast3-natscj1-1"

        # Profile port specification.
        "prof_port":          8221
      }
    `;
    assert.deepEqual(parse(scoped), {
      debug: false,
      prof_port: 8221,
      server_name: 'gcp-asianortheast3-natscj1-1',
    });
  });
});

void describe('parser: positions', () => {
  void test('every key and array element has its file, line and column', () => {
    const text = 'port: 4222\ncluster {\n  routes = [\n    a\n    { x = 1 }\n  ]\n}\n';
    const config = parseConfig(text, { filename: 'server.conf' });
    const at = (line: number, column: number) => ({ file: 'server.conf', line, column });
    assert.deepEqual(positionOf(config, 'port'), at(1, 1));
    assert.deepEqual(positionOf(config, 'cluster'), at(2, 1));
    const cluster = config.cluster as ConfigMap;
    assert.deepEqual(positionOf(cluster, 'routes'), at(3, 3));
    const routes = cluster.routes as ConfigMap[];
    assert.deepEqual(positionOf(routes, 0), at(4, 5));
    assert.deepEqual(positionOf(routes, 1), at(5, 5));
    assert.deepEqual(positionOf(routes[1], 'x'), at(5, 7));
    assert.equal(positionOf(config, 'nope'), undefined);
    assert.equal(positionOf({}, 'x'), undefined);
  });

  void test('a redefined key points at its last definition', () => {
    const config = parseConfig('a = 1\na = 2\n');
    assert.deepEqual(config, { a: 2 });
    assert.deepEqual(positionOf(config, 'a'), { file: '', line: 2, column: 1 });
  });
});
