#!/usr/bin/env node
// The workspace test command (`npm test`), and each project's (`npm test -w <pkg>`).
//
//   node tools/test/run.mjs                 every project, plus the workspace checks
//   node tools/test/run.mjs packages/codec  one or more projects
//
// It makes sure the system programs the tests need are there, builds with
// `tsc -b` (incremental, so a test never runs against stale output), runs the
// compiled tests with node:test, and ends with the tally alone on the last line:
// `N passed, N failed[, N skipped]`. Any failure exits non-zero.
//
// Tests are found from the sources (src/**/*.test.ts -> dist/**/*.test.js), so a
// test whose source was deleted never runs from a leftover dist file.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { ensureSystemPrograms } from './system-programs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FILE_TIMEOUT_MS = 10 * 60 * 1000;

function tally(passed, failed, skipped) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

function stop(message) {
  console.error(message);
  console.log(tally(0, 1, 0));
  process.exit(1);
}

function workspaceProjects() {
  const projects = [];
  for (const group of ['packages', 'apps', 'tools']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'package.json'))) projects.push(join(group, name));
    }
  }
  return projects;
}

function findFiles(dir, suffixes, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findFiles(path, suffixes, found);
    else if (suffixes.some((suffix) => entry.endsWith(suffix))) found.push(path);
  }
  return found;
}

/** Compiled test files of a project: TypeScript tests map src/ -> dist/; .mjs tests run as they are. */
function testFiles(project) {
  const dir = join(root, project);
  const compiled = findFiles(join(dir, 'src'), ['.test.ts']).map((source) =>
    join(dir, 'dist', relative(join(dir, 'src'), source)).replace(/\.ts$/, '.js'),
  );
  const plain = findFiles(dir, ['.test.mjs']);
  return [...compiled, ...plain];
}

function build(projects) {
  const configs = projects.filter((project) => existsSync(join(root, project, 'tsconfig.json')));
  if (configs.length === 0) return;
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', ...configs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) stop('Build failed (tsc -b): see the errors above.');
}

async function runTests(files) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const stream = run({
    files,
    concurrency: availableParallelism(),
    timeout: FILE_TIMEOUT_MS,
  });
  stream.on('test:pass', (event) => {
    if (event.details.type === 'suite') return;
    if (event.skip || event.todo) skipped++;
    else passed++;
  });
  stream.on('test:fail', (event) => {
    // A suite fails when a test in it fails; count that test, not the suite too.
    const cause = event.details.error?.failureType;
    if (event.details.type === 'suite' && cause === 'subtestsFailed') return;
    failed++;
  });
  await new Promise((resolveRun, rejectRun) => {
    stream.compose(spec).on('end', resolveRun).on('error', rejectRun).pipe(process.stdout, {
      end: false,
    });
  });
  return { passed, failed, skipped };
}

async function main() {
  const requested = process.argv.slice(2);
  const whole = requested.length === 0;
  const projects = whole ? workspaceProjects() : requested.map((p) => relative(root, resolve(p)));
  for (const project of projects) {
    if (!existsSync(join(root, project, 'package.json'))) stop(`No project at ${project}`);
  }
  const missingPrograms = ensureSystemPrograms();
  if (missingPrograms !== undefined) stop(missingPrograms);
  build(projects);
  const files = projects.flatMap(testFiles);
  if (files.length === 0) stop('No test files found.');
  for (const file of files) {
    if (!existsSync(file))
      stop(`Missing compiled test ${relative(root, file)}: build output is stale.`);
  }
  const { passed, failed, skipped } = await runTests(files);
  const ranNothing = passed + failed === 0;
  console.log(tally(passed, ranNothing ? 1 : failed, skipped));
  process.exitCode = failed > 0 || ranNothing ? 1 : 0;
}

await main();
