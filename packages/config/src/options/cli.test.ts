import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ConfigError,
  loadServerOptions,
  parseCommandLine,
  USAGE,
  type ServerOptionsResult,
} from '../index.js';

function flags(...argv: string[]): Record<string, unknown> {
  return Object.fromEntries(parseCommandLine(argv).flags);
}

function rejects(argv: string[], message: string): void {
  assert.throws(
    () => parseCommandLine(argv),
    (e: unknown) => e instanceof ConfigError && e.kind === 'flag' && e.message === message,
    argv.join(' '),
  );
}

void describe('parseCommandLine: Go flag syntax', () => {
  void test('-flag value, --flag value, -flag=value, --flag=value', () => {
    assert.deepEqual(flags('-p', '4333'), { port: 4333 });
    assert.deepEqual(flags('--port=4333'), { port: 4333 });
    assert.deepEqual(flags('--port', '4333'), { port: 4333 });
    assert.deepEqual(flags('-port=0x10'), { port: 16 });
    assert.deepEqual(flags('-p', '-1'), { port: -1 });
  });

  void test('aliases share one name; the last given wins', () => {
    assert.deepEqual(flags('-a', 'h1', '--net', 'h2'), { addr: 'h2' });
    assert.deepEqual(flags('-n', 'x', '--server_name=y'), { server_name: 'y' });
    assert.deepEqual(flags('--name', 'z'), { server_name: 'z' });
    assert.deepEqual(flags('-m', '8222', '-ms', '8443'), { http_port: 8222, https_port: 8443 });
    assert.deepEqual(flags('-js', '-sd', '/tmp/x'), { jetstream: true, store_dir: '/tmp/x' });
    assert.deepEqual(flags('--jetstream', '--store_dir=/d'), { jetstream: true, store_dir: '/d' });
    assert.deepEqual(flags('-P', 'p', '-l', 'l', '--ports_file_dir', 'd'), {
      pid: 'p',
      log: 'l',
      ports_file_dir: 'd',
    });
    assert.deepEqual(flags('--cluster_listen', 'nats://h:1'), { cluster: 'nats://h:1' });
  });

  void test('booleans take no separate value: -D, -V, -DV, -tls=false', () => {
    assert.deepEqual(flags('-DV'), { DV: true });
    assert.deepEqual(flags('-D', '-V'), { debug: true, trace: true });
    assert.deepEqual(flags('--debug=false', '-T=0'), { debug: false, logtime: false });
    assert.deepEqual(flags('-tls=false'), { tls: false });
    // A boolean does not consume the next argument; "true" then ends the flags.
    rejects(['-D', 'true'], 'unrecognized command: "true"');
  });

  void test('-c, -t, -sl, -h, -v, and the version / help commands', () => {
    const cl = parseCommandLine(['-c', 'server.conf', '-t']);
    assert.equal(cl.configFile, 'server.conf');
    assert.equal(cl.checkConfig, true);
    assert.equal(parseCommandLine(['--config=a.conf']).configFile, 'a.conf');
    assert.equal(parseCommandLine(['-sl', 'reload']).signal, 'reload');
    assert.equal(parseCommandLine(['-h']).showHelp, true);
    assert.equal(parseCommandLine(['--help']).showHelp, true);
    assert.equal(parseCommandLine(['-v']).showVersion, true);
    assert.equal(parseCommandLine(['--help_tls']).showTlsHelp, true);
    assert.equal(parseCommandLine(['version']).showVersion, true);
    assert.equal(parseCommandLine(['-p', '1', 'HELP']).showHelp, true);
    // -- ends the flags: what follows is a command.
    assert.equal(parseCommandLine(['-D', '--', 'version']).showVersion, true);
  });

  void test('bad flags fail with Go text', () => {
    rejects(['--max_payload', '1MB'], 'flag provided but not defined: -max_payload');
    rejects(['-no_auth_user', 'x'], 'flag provided but not defined: -no_auth_user');
    rejects(['-x'], 'flag provided but not defined: -x');
    rejects(['-p'], 'flag needs an argument: -p');
    rejects(['-p', 'abc'], 'invalid value "abc" for flag -p: parse error');
    rejects(
      ['--port=99999999999999999999'],
      'invalid value "99999999999999999999" for flag -port: value out of range',
    );
    rejects(['-D=maybe'], 'invalid boolean value "maybe" for -D: parse error');
    rejects(['---p'], 'bad flag syntax: ---p');
    rejects(['-=1'], 'bad flag syntax: -=1');
    rejects(['start'], 'unrecognized command: "start"');
    rejects(['--', 'x'], 'unrecognized command: "x"');
  });

  void test("the usage text is main.go's", () => {
    assert.match(USAGE, /^\nUsage: nats-server \[options\]\n/);
    assert.match(USAGE, / {4}-js, --jetstream {17}Enable JetStream functionality\n/);
  });
});

void describe('loadServerOptions: flags over the file', () => {
  const files: Record<string, string> = {
    '/etc/nats/server.conf': `
port: 4222
server_name: from-file
debug: true
http_port: 8222
jetstream { store_dir: /file/js, max_mem: 1GB }
cluster { name: c1, listen: 0.0.0.0:6222, routes: [nats://r1:6222] }
authorization { user: fileuser, password: filepass }
tls { cert_file: f.pem, key_file: f.key, timeout: 3 }
`,
  };
  const readFile = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return text;
  };
  function run(...argv: string[]): ServerOptionsResult {
    return loadServerOptions({ argv, readFile, env: {} });
  }

  void test('no flags: defaults', () => {
    const r = run();
    assert.deepEqual(r.errors, []);
    assert.equal(r.options.port, 4222);
    assert.equal(r.options.configFile, '');
  });

  void test('flags alone', () => {
    const r = run('-p', '4333', '-DV', '-js', '-sd', '/tmp/x', '--user', 'u', '--pass', 'p');
    assert.deepEqual(r.errors, []);
    const o = r.options;
    assert.deepEqual([o.port, o.debug, o.trace], [4333, true, true]);
    assert.deepEqual([o.jetstream.enabled, o.jetstream.storeDir], [true, '/tmp/x']);
    assert.deepEqual([o.authorization.user, o.authorization.password], ['u', 'p']);
    assert.equal(run('-DVV').options.traceVerbose, true);
    assert.deepEqual(
      [run('-VV').options.trace, run('-VV').options.debug, run('-V').options.traceVerbose],
      [true, false, false],
    );
  });

  void test('the file, then the flags given win', () => {
    const r = run(
      '-c',
      '/etc/nats/server.conf',
      '--port=4333',
      '-n',
      'from-flag',
      '-D=false',
      '-sd',
      '/flag/js',
    );
    assert.deepEqual(r.errors, []);
    const o = r.options;
    assert.equal(o.configFile, '/etc/nats/server.conf');
    assert.equal(o.port, 4333);
    assert.equal(o.serverName, 'from-flag');
    assert.equal(o.debug, false);
    assert.equal(o.httpPort, 8222, 'not given as a flag: the file value stays');
    assert.equal(o.jetstream.storeDir, '/flag/js');
    assert.equal(o.jetstream.maxMemory, 2 ** 30);
    assert.equal(o.authorization.user, 'fileuser');
    assert.equal(run('-c', '/etc/nats/server.conf', '--user', 'x').options.authorization.user, 'x');
  });

  void test('--store (tsnats) and jetstream { store_url }: streams in store services', () => {
    let o = run('--store', 'rpc://s1:7422,s2:7422').options;
    assert.deepEqual([o.jetstream.enabled, o.jetstream.storeUrl], [true, 'rpc://s1:7422,s2:7422']);
    files['/etc/nats/split.conf'] = 'jetstream { store_url: "rpc://s:1" }';
    o = run('-c', '/etc/nats/split.conf').options;
    assert.deepEqual([o.jetstream.enabled, o.jetstream.storeUrl], [true, 'rpc://s:1']);
    assert.equal(
      run('-c', '/etc/nats/split.conf', '--store', 'rpc://t:2').options.jetstream.storeUrl,
      'rpc://t:2',
    );
  });

  void test('--api_token (tsnats) and rest_api { enabled, token }', () => {
    assert.deepEqual(run().options.restApi, { enabled: true, tokens: [] });
    assert.deepEqual(run('--api_token', 's3cret').options.restApi.tokens, ['s3cret']);
    files['/etc/nats/api.conf'] = 'rest_api { token: [a, b] }';
    assert.deepEqual(run('-c', '/etc/nats/api.conf').options.restApi, {
      enabled: true,
      tokens: ['a', 'b'],
    });
    files['/etc/nats/api-off.conf'] = 'rest_api: false';
    assert.equal(run('-c', '/etc/nats/api-off.conf').options.restApi.enabled, false);
    files['/etc/nats/api-typo.conf'] = 'rest_api { tokn: a }';
    assert.match(
      run('-c', '/etc/nats/api-typo.conf').errors.join('\n'),
      /api-typo\.conf:1:12: rest_api: unknown field "tokn"/,
    );
  });

  void test('--cluster and --routes', () => {
    let o = run(
      '-c',
      '/etc/nats/server.conf',
      '--cluster',
      'nats://u:p@127.0.0.1:7222',
      '--routes',
      'nats://a:1, nats://b:2',
    ).options;
    assert.deepEqual([o.cluster.host, o.cluster.port, o.cluster.name], ['127.0.0.1', 7222, 'c1']);
    assert.deepEqual(o.cluster.routes, ['nats://a:1', 'nats://b:2']);
    assert.deepEqual([o.cluster.untyped.username, o.cluster.untyped.password], ['u', 'p']);
    o = run('--cluster', 'nats://localhost:-1', '--cluster_name', 'x').options;
    assert.deepEqual([o.cluster.host, o.cluster.port, o.cluster.name], ['localhost', -1, 'x']);
    assert.equal(run('-c', '/etc/nats/server.conf', '--cluster=').options.cluster.port, 0);
    assert.deepEqual(
      run('--routes', 'nats://a:1').errors.map((e) => e.message),
      ['solicited routes require cluster capabilities, e.g. --cluster'],
    );
    assert.deepEqual(
      run('--cluster', 'nats://u@h:1').errors.map((e) => e.message),
      ['expected cluster password to be set'],
    );
  });

  void test("--tls flags replace the file's tls block; -tls=false removes it", () => {
    const base = ['-c', '/etc/nats/server.conf'];
    let r = run(
      ...base,
      '--tlscert',
      'c.pem',
      '--tlskey',
      'k.pem',
      '--tlsverify',
      '--tlscacert',
      'ca.pem',
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.options.tls, {
      certFile: 'c.pem',
      keyFile: 'k.pem',
      caFile: 'ca.pem',
      verify: true,
      timeoutSeconds: 3,
      untyped: {},
    });
    r = run(...base, '-tls=false', '--tlscert', 'c.pem');
    assert.equal(r.options.tls, undefined);
    assert.deepEqual(
      run('--tls').errors.map((e) => e.message),
      ['TLS Server certificate must be present and valid'],
    );
    assert.deepEqual(
      run('--tlscert', 'c').errors.map((e) => e.message),
      ['TLS Server private key must be present and valid'],
    );
  });

  void test('problems are reported, not thrown', () => {
    assert.deepEqual(
      run('--bogus').errors.map((e) => [e.message, e.kind]),
      [['flag provided but not defined: -bogus', 'flag']],
    );
    assert.equal(run('--bogus').commandLine, undefined);
    assert.deepEqual(
      run('-c', '/nope.conf').errors.map((e) => e.message),
      [`cannot read config file "/nope.conf": ENOENT: no such file, open '/nope.conf'`],
    );
    assert.deepEqual(
      run('-t').errors.map((e) => e.message),
      ['must specify [-c, --config] option to check configuration file syntax'],
    );
    files['/bad.conf'] = 'port: 1\ncluster {\n';
    assert.deepEqual(
      run('-c', '/bad.conf').errors.map((e) => e.message),
      ['/bad.conf:2:9: Unexpected EOF: unterminated map.'],
    );
    files['/typo.conf'] = 'prot: 1\nport: x';
    assert.deepEqual(
      run('-c', '/typo.conf', '-p', '5').errors.map((e) => e.message),
      [
        '/typo.conf:1:1: unknown field "prot"',
        '/typo.conf:2:1: port: expected an integer, got "x"',
      ],
    );
  });

  void test('env reaches $VARIABLES in the file', () => {
    files['/env.conf'] = 'port: $NATS_PORT';
    const r = loadServerOptions({
      argv: ['-c', '/env.conf'],
      readFile,
      env: { NATS_PORT: '5555' },
    });
    assert.equal(r.options.port, 5555);
  });
});
