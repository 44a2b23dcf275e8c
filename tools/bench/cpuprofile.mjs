#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, self
// time per module, and inclusive time of the busiest functions.
// Usage: node cpuprofile.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const IDLE = new Set(['(idle)']);
const META = new Set(['(program)', '(garbage collector)', '(root)']);

function moduleOf(frame) {
  const url = frame.url;
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /\/(packages|apps|tools)\/([^/]+)\//.exec(url);
  if (pkg !== null) return `@tsnats/${pkg[2]}`;
  const dep = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dep !== null) return dep[1];
  return url;
}

function shortUrl(url) {
  const at = url.search(/\/(packages|apps|tools)\//);
  if (at >= 0) return url.slice(at + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(frame) {
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/** @returns the summary: total, idle and busy ms, top functions by self and by total time. */
export function summarizeProfile(profile, top = 25) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map();
  const inclusive = new Map();
  const modules = new Map();
  let totalUs = 0;
  let idleUs = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // The delta before sample i+1 is the time sample i stood for.
    const us = i + 1 < timeDeltas.length ? Math.max(0, timeDeltas[i + 1]) : 0;
    const node = nodes.get(samples[i]);
    totalUs += us;
    if (IDLE.has(node.callFrame.functionName)) {
      idleUs += us;
      continue;
    }
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    const module = moduleOf(node.callFrame);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id).callFrame;
      if (META.has(frame.functionName)) continue;
      const name = keyOf(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const busyUs = totalUs - idleUs;
  const rank = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 100) / 10,
        pctOfBusy: Math.round((1000 * us) / busyUs) / 10,
      }));
  return {
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    samples: samples.length,
    bySelf: rank(self, top),
    byModule: rank(modules, 15),
    byTotal: rank(inclusive, top),
  };
}

export function printSummary(summary, print = console.log) {
  print(
    `profile: ${summary.totalMs} ms sampled, ${summary.idleMs} ms idle, ${summary.busyMs} ms busy (${summary.samples} samples)`,
  );
  const section = (title, rows) => {
    print(`\n${title}`);
    for (const row of rows) {
      print(
        `${String(row.pctOfBusy.toFixed(1)).padStart(6)}%  ${String(row.ms).padStart(9)} ms  ${row.name}`,
      );
    }
  };
  section('self time by function (% of busy time)', summary.bySelf);
  section('self time by module', summary.byModule);
  section('total time (self + callees) by function', summary.byTotal);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: node cpuprofile.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  printSummary(summarizeProfile(profile, Number(process.argv[3] ?? 25)));
}
