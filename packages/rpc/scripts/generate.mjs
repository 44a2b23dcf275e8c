#!/usr/bin/env node
// Regenerates the protobufjs static code from proto/*.proto into generated/
// (checked in). `node scripts/generate.mjs --check` regenerates into a
// temporary directory and exits 1 when the checked-in files differ: the test
// suite runs that, so a .proto edit without `npm run generate` fails.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = dirname(require.resolve('protobufjs-cli/package.json'));
const check = process.argv.includes('--check');

function run(script, args) {
  const result = spawnSync(process.execPath, [join(cli, 'bin', script), ...args], {
    cwd: pkg,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(result.status ?? 1);
  }
}

const outDir = check ? mkdtempSync(join(tmpdir(), 'tsnats-rpc-gen-')) : join(pkg, 'generated');
const protos = readdirSync(join(pkg, 'proto')).filter((name) => name.endsWith('.proto'));
const stale = [];
for (const proto of protos) {
  const name = basename(proto, '.proto');
  const js = join(outDir, `${name}.js`);
  const dts = join(outDir, `${name}.d.ts`);
  // Encode/decode only: the peers are our own processes, so verify/convert/
  // delimited helpers would be dead weight in the hot path's module.
  run('pbjs', [
    ...['-t', 'static-module', '-w', 'es6', '--es6'],
    ...['--no-create', '--no-verify', '--no-delimited', '--no-convert'],
    ...['-o', js, join('proto', proto)],
  ]);
  run('pbts', ['-o', dts, js]);
  // pbts emits `import Long = require("long")`, which an ES module declaration
  // cannot contain; no field here is 64-bit, so Long is never used.
  writeFileSync(dts, readFileSync(dts, 'utf8').replace(/^import Long = require\("long"\);\n/m, ''));
  if (check) {
    for (const [fresh, kept] of [
      [js, join(pkg, 'generated', `${name}.js`)],
      [dts, join(pkg, 'generated', `${name}.d.ts`)],
    ]) {
      let current = '';
      try {
        current = readFileSync(kept, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== readFileSync(fresh, 'utf8')) stale.push(kept);
    }
  }
}
if (check) {
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(
      `stale generated code (run npm run generate -w @tsnats/rpc):\n${stale.join('\n')}`,
    );
    process.exit(1);
  }
}
