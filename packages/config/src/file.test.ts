import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseConfigFile } from './index.js';

void describe('parseConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnats-config-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  void test('reads the file and its includes from disk, relative to its directory', () => {
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'server.conf'), 'port = $PORT\ninclude conf.d/auth.conf\n');
    writeFileSync(join(dir, 'conf.d', 'auth.conf'), "authorization { token: 'abc' }\n");
    const path = join(dir, 'server.conf');
    assert.deepEqual(parseConfigFile(path, { env: { PORT: '4222' } }), {
      port: 4222,
      authorization: { token: 'abc' },
    });
  });

  void test('a missing file or include is a ConfigError naming it', () => {
    const missing = join(dir, 'missing.conf');
    assert.throws(() => parseConfigFile(missing), {
      name: 'ConfigError',
      kind: 'io',
      message: new RegExp(`^${missing}: cannot read config file: ENOENT`),
    });
    writeFileSync(join(dir, 'broken.conf'), 'a = 1\ninclude nope.conf\n');
    assert.throws(() => parseConfigFile(join(dir, 'broken.conf')), {
      kind: 'include',
      message: new RegExp(`^${dir}/broken.conf:2:1: cannot read include file "nope.conf"`),
    });
  });

  void test('a custom readFile replaces the disk for the file and its includes', () => {
    const files: Record<string, string> = {
      'virtual/a.conf': 'include b.conf',
      'virtual/b.conf': 'b = 1',
    };
    assert.deepEqual(parseConfigFile('virtual/a.conf', { readFile: (p) => files[p] }), { b: 1 });
  });
});

void test('only file.ts (and tests) use Node built-ins', () => {
  const src = new URL('../src/', import.meta.url);
  for (const name of readdirSync(src)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('.bench.ts')) continue;
    if (name === 'file.ts' || name === 'index.ts') continue;
    const text = readFileSync(new URL(name, src), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(text, /from ['"]node:|\bprocess\.|\bBuffer\b|require\(/, name);
  }
});
