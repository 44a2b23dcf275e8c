import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir, tsnatsStoreBin } from '@tsnats/testkit';
import { health, store } from './test-support.js';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [tsnatsStoreBin, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

void describe('tsnats-store command line', () => {
  void test('--help prints the flags on stdout and exits 0', () => {
    for (const flag of ['-h', '--help']) {
      const result = run(flag);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^Usage: tsnats-store/);
      assert.match(result.stdout, /--redis <url>/);
      assert.equal(result.stderr, '');
    }
  });

  void test('--version prints the version', () => {
    const result = run('-v');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^tsnats-store: v\d+\.\d+\.\d+\n$/);
  });

  void test('an unknown flag is an error on stderr, exit 1', () => {
    const result = run('--bogus');
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /--bogus/);
  });

  void test('bad values are errors', () => {
    assert.match(run('--listen', 'nowhere').stderr, /listen: expected host:port/);
    assert.equal(run('--redis_replicas', 'two').status, 1);
    assert.equal(run('extra').status, 1);
  });

  void test('a bad config file exits 1 naming the file and line', async (t) => {
    const dir = await tempDir('tsnats-store-cli-');
    t.after(() => dir.remove());
    const file = join(dir.path, 'store.conf');
    writeFileSync(file, 'listen: "127.0.0.1:0"\nstore_dirr: "/tmp/x"\n');
    const unknown = run('-c', file);
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stderr,
      new RegExp(`${file.replaceAll('.', '\\.')}:2:\\d+: unknown key 'store_dirr'`),
    );
    writeFileSync(file, 'listen: "127.0.0.1:0"\nredis_replicas: "x"\n');
    assert.match(run('-c', file).stderr, /store\.conf:2:\d+: redis_replicas: expected an integer/);
    writeFileSync(file, 'listen: {\n');
    const syntax = run('-c', file);
    assert.equal(syntax.status, 1);
    assert.match(syntax.stderr, /store\.conf:\d+/);
  });

  void test('the config file sets the options and flags win over it', async (t) => {
    const dir = await tempDir('tsnats-store-cli-');
    t.after(() => dir.remove());
    const file = join(dir.path, 'store.conf');
    // A name given twice: the file's is replaced by the flag's; max_file_store takes a size.
    writeFileSync(file, `name: "from-file"\nmax_file_store: 1GB\nlisten: "127.0.0.1:1"\n`);
    const started = await store(t, { args: ['-c', file, '--name', 'from-flag'] });
    assert.deepEqual(await health(started), { code: 200, body: { status: 'ok' } });
    assert.match(started.process.stderr(), /Name: +from-flag/);
    assert.match(started.process.stderr(), /Using configuration file: /);
  });

  void test('/healthz answers 200 {"status":"ok"} when serving', async (t) => {
    const started = await store(t);
    assert.deepEqual(await health(started), { code: 200, body: { status: 'ok' } });
    assert.match(started.process.stderr(), /\[INF\] Server is ready/);
    const status = await started.stop();
    assert.deepEqual(status, { code: 0, signal: null });
  });
});
