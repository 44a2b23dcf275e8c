// Lint and formatting are part of `npm test`: a lint error fails the run like a failing test.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function runTool(script, args) {
  const result = spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('eslint reports no problems', () => {
  const { status, output } = runTool('node_modules/eslint/bin/eslint.js', ['.']);
  assert.equal(status, 0, output);
});

test('prettier finds every file formatted', () => {
  const { status, output } = runTool('node_modules/prettier/bin/prettier.cjs', ['--check', '.']);
  assert.equal(status, 0, output);
});
