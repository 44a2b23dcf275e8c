import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

void test('the generated protobuf code matches proto/ (npm run generate -w @tsnats/rpc)', () => {
  const result = spawnSync(process.execPath, [join(pkg, 'scripts', 'generate.mjs'), '--check'], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
});
