#!/usr/bin/env node
// tsnats and nats-server side by side: `npm run bench -w @tsnats/bench -- [options]`.
//
//   --quick            short runs, 3 rounds: done in under 2 minutes
//   --pinned           servers on core 0, this generator on core 1 (taskset)
//   --rounds N         rounds per scenario (default 5, quick 3); each round runs both
//                      servers, alternating which goes first (A B, B A, A B ...)
//   --duration MS      length of each run (default 3000, quick 1000)
//   --only a,b         only these scenarios (ids: see SCENARIOS; js* are JetStream)
//   --out FILE         where the JSON goes (default results/latest.json)
//   --sink             measure the generator alone against sink.mjs, no servers
//   --profile ID       run scenario ID against tsnats under `node --cpu-prof` and
//                      summarise the profile
//   --split            JetStream scenarios also run against tsnats in split mode
//                      (an edge with its streams in a tsnats-store process)
//
// Build tsnats first (`npx tsc -b apps/edge`); the npm script does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printSummary, summarizeProfile } from './cpuprofile.mjs';
import { format, ratioOf, summarize, table } from './lib/report.mjs';
import {
  runIdle,
  runJetStream,
  runPubSub,
  runRequestReply,
  runSourceRead,
} from './lib/scenarios.mjs';
import { natsServerVersion, pinSelf, ROOT, ServerProcess, SplitServer } from './lib/servers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVERS = ['nats-server', 'tsnats'];

const rate = (label, unit, target) => ({ key: 'rate', label, unit, better: 'higher', target });
const subsOf = (count, subject, queue) =>
  Array.from({ length: count }, () => ({ subject, sid: '1', queue }));

export const SCENARIOS = [
  {
    id: 'pub16',
    run: runPubSub,
    spec: { subject: 'bench.pub16', payloadSize: 16 },
    metrics: [rate('pub-only 16 B', 'msgs/s', 0.8)],
  },
  {
    id: 'pub128',
    run: runPubSub,
    spec: { subject: 'bench.pub128', payloadSize: 128 },
    metrics: [rate('pub-only 128 B', 'msgs/s', 0.8)],
  },
  {
    id: 'pubsub',
    run: runPubSub,
    spec: { subject: 'bench.p2p', payloadSize: 128, subs: subsOf(1, 'bench.p2p') },
    metrics: [rate('1 pub → 1 sub 128 B', 'msgs/s', 0.8)],
  },
  {
    id: 'fanout',
    run: runPubSub,
    spec: { subject: 'bench.fan', payloadSize: 128, subs: subsOf(8, 'bench.fan') },
    metrics: [rate('fan-out 1 → 8 128 B (delivered)', 'msgs/s', 0.7)],
  },
  {
    id: 'queue',
    run: runPubSub,
    spec: {
      subject: 'bench.q',
      payloadSize: 128,
      subs: subsOf(4, 'bench.q', 'workers'),
      progress: 'sum',
      check: 'bitmap',
    },
    metrics: [rate('queue group 1 → 4 128 B (exactly once)', 'msgs/s', 0.7)],
  },
  {
    id: 'reqrep',
    run: runRequestReply,
    spec: { payloadSize: 128, inFlight: 1 },
    metrics: [
      { key: 'pingP50', label: 'PING → PONG round trip p50 (floor)', unit: 'µs', better: 'lower' },
      { key: 'p50', label: 'req-reply 128 B sequential p50', unit: 'µs', better: 'lower' },
      {
        key: 'p99',
        label: 'req-reply 128 B sequential p99',
        unit: 'µs',
        better: 'lower',
        target: 1.5,
      },
    ],
  },
  {
    id: 'reqrep16',
    run: runRequestReply,
    spec: { payloadSize: 128, inFlight: 16 },
    metrics: [rate('req-reply 128 B, 16 in flight', 'req/s')],
  },
  {
    id: 'idle',
    idle: true,
    spec: { connections: 1000, concurrency: 50 },
    metrics: [
      { key: 'connectMs', label: '1,000 idle conns: connect time', unit: 'ms', better: 'lower' },
      {
        key: 'rssPerConnKiB',
        label: '1,000 idle conns: RSS per conn',
        unit: 'KiB',
        better: 'lower',
        target: 2,
      },
    ],
  },
  // JetStream: run against a second pair of servers started with `-js -sd <temp dir>`.
  ...['memory', 'file'].flatMap((storage) => {
    const short = storage === 'memory' ? 'mem' : 'file';
    return [1, 256].map((inFlight) => ({
      id: `js${short}${inFlight}`,
      jetstream: true,
      run: runJetStream,
      spec: { mode: 'publish', storage, payloadSize: 128, inFlight },
      metrics: [
        rate(
          `JS acked publish, ${storage} 128 B, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}`,
          'msgs/s',
        ),
      ],
    }));
  }),
  {
    id: 'jspull',
    jetstream: true,
    run: runJetStream,
    spec: {
      mode: 'pull',
      storage: 'memory',
      payloadSize: 128,
      total: 200_000,
      quickTotal: 20_000,
      batch: 256,
      expiresMs: 5000,
    },
    metrics: [rate('JS pull + explicit ack, memory 128 B (consumed)', 'msgs/s')],
  },
];

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      pinned: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      sink: { type: 'boolean', default: false },
      profile: { type: 'string' },
      split: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const result = {
    quick,
    pinned: values.pinned,
    rounds: Number(values.rounds ?? (quick ? 3 : 5)),
    durationMs: Number(values.duration ?? (quick ? 1000 : 3000)),
    warmupMs: quick ? 300 : 1000,
    settleMs: quick ? 300 : 1000,
    only: values.only?.split(',') ?? undefined,
    out: values.out ?? join(HERE, 'results/latest.json'),
    sink: values.sink,
    profile: values.profile,
    split: values.split,
  };
  if (!(result.rounds >= 1) || !(result.durationMs >= 100)) {
    throw new Error('--rounds must be ≥ 1 and --duration ≥ 100');
  }
  const ids = SCENARIOS.map((scenario) => scenario.id);
  for (const id of [...(result.only ?? []), ...(result.profile ? [result.profile] : [])]) {
    if (!ids.includes(id)) throw new Error(`unknown scenario ${id}; known: ${ids.join(', ')}`);
  }
  return result;
}

let machineInfo;

/** Read before --pinned narrows this process's affinity (which `nproc` would report). */
function machine() {
  machineInfo ??= {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: cpus()[0]?.model ?? 'unknown',
    kernel: release(),
    node: process.version,
    natsServer: natsServerVersion(),
  };
  return machineInfo;
}

function commandLine() {
  const args = process.argv.slice(2).join(' ');
  return `npm run bench -w @tsnats/bench${args === '' ? '' : ` -- ${args}`}`;
}

async function writeJson(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  let text = `${JSON.stringify(data, null, 2)}\n`;
  try {
    // Formatted as the workspace's prettier check wants it, should the file be committed.
    const prettier = await import('prettier');
    text = await prettier.format(text, { parser: 'json', printWidth: 100 });
  } catch {
    // prettier is a dev dependency of the workspace; without it the JSON is still valid.
  }
  writeFileSync(file, text);
}

function log(text) {
  process.stderr.write(`${text}\n`);
}

async function runOnce(scenario, server, opts, durationMs) {
  if (scenario.idle) return runIdle(server, scenario.spec, opts);
  return scenario.run(server, scenario.spec, durationMs, opts);
}

function describe(scenario, result) {
  return scenario.metrics
    .map((metric) => `${metric.key} ${format(result.values[metric.key], metric.unit)}`)
    .join(', ');
}

/** The comparison: warm-up, then rounds alternating which server goes first. */
async function compare(opts) {
  const scenarios = SCENARIOS.filter((s) => opts.only === undefined || opts.only.includes(s.id));
  const servers = {};
  const samples = new Map(
    scenarios.map((s) => [s.id, { 'nats-server': [], tsnats: [], 'tsnats-split': [] }]),
  );
  // Split mode only changes where streams live: it runs the JetStream scenarios.
  const kindsOf = (scenario) =>
    scenario.jetstream && opts.split ? [...SERVERS, 'tsnats-split'] : SERVERS;
  const problems = [];
  const started = Date.now();
  // Core scenarios run on servers without JetStream, JetStream ones on a second pair.
  const jsServers = {};
  const serverFor = (scenario, kind) => (scenario.jetstream ? jsServers : servers)[kind];
  try {
    for (const [pool, jetstream] of [
      [servers, false],
      [jsServers, true],
    ]) {
      if (!scenarios.some((s) => !s.idle && Boolean(s.jetstream) === jetstream)) continue;
      for (const kind of SERVERS) {
        pool[kind] = await ServerProcess.start(kind, { pinned: opts.pinned, jetstream });
        const store = jetstream ? `, JetStream in ${pool[kind].storeDir}` : '';
        log(`${kind}: pid ${pool[kind].pid}, port ${pool[kind].port}${store}`);
      }
      if (jetstream && opts.split) {
        const split = await SplitServer.start({ pinned: opts.pinned });
        pool['tsnats-split'] = split;
        log(
          `tsnats-split: edge pid ${split.pid}, port ${split.port}; store pid ${split.store.pid}`,
        );
      }
    }
    log(`warm-up: ${opts.warmupMs} ms per scenario and server`);
    for (const scenario of scenarios) {
      if (scenario.idle) continue;
      for (const kind of kindsOf(scenario)) {
        await runOnce(scenario, serverFor(scenario, kind), opts, opts.warmupMs);
      }
    }
    for (let round = 0; round < opts.rounds; round++) {
      for (const scenario of scenarios) {
        const kinds = kindsOf(scenario);
        const order = round % 2 === 0 ? kinds : [...kinds].reverse();
        for (const kind of order) {
          const target = scenario.idle ? kind : serverFor(scenario, kind);
          if (!scenario.idle && !target.running) {
            throw new Error(`${kind} is not running any more:\n${target.logTail()}`);
          }
          const result = await runOnce(scenario, target, opts, opts.durationMs);
          samples.get(scenario.id)[kind].push(result.values);
          for (const problem of result.problems) {
            problems.push({ round, scenario: scenario.id, server: kind, problem });
          }
          const flag = result.problems.length > 0 ? `  CHECK FAILED: ${result.problems[0]}` : '';
          log(`round ${round + 1} ${scenario.id} ${kind}: ${describe(scenario, result)}${flag}`);
        }
      }
    }
  } finally {
    for (const server of [...Object.values(servers), ...Object.values(jsServers)]) {
      await server.stop();
    }
  }

  const rows = [];
  for (const scenario of scenarios) {
    for (const metric of scenario.metrics) {
      const row = { id: scenario.id, metric };
      for (const kind of kindsOf(scenario)) {
        row[kind] = summarize(samples.get(scenario.id)[kind].map((values) => values[metric.key]));
      }
      Object.assign(row, ratioOf(metric, row['nats-server'], row.tsnats));
      if (row['tsnats-split'] !== undefined) {
        row.splitRatio = row['tsnats-split'].median / row['nats-server'].median;
      }
      row.problems = problems.filter((p) => p.scenario === scenario.id).length;
      rows.push(row);
    }
  }
  const mode = opts.pinned ? 'pinned (servers on core 0, generator on core 1)' : 'unpinned';
  const output = table(rows);
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${mode}, ${commandLine()}`);
  console.log(`median (min–max) of ${opts.rounds} rounds of ${opts.durationMs} ms\n`);
  console.log(output);
  if (problems.length > 0) {
    console.log(`\n${problems.length} checks failed:`);
    for (const p of problems)
      console.log(`  round ${p.round + 1} ${p.scenario} ${p.server}: ${p.problem}`);
  }
  await writeJson(opts.out, {
    date: new Date().toISOString(),
    command: commandLine(),
    mode: opts.pinned ? 'pinned' : 'unpinned',
    quick: opts.quick,
    rounds: opts.rounds,
    durationMs: opts.durationMs,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
    machine: machine(),
    rows: rows.map((row) => ({
      scenario: row.id,
      metric: row.metric.key,
      label: row.metric.label,
      unit: row.metric.unit,
      better: row.metric.better,
      target: row.metric.target,
      natsServer: row['nats-server'],
      tsnats: row.tsnats,
      ratio: row.ratio,
      ...(row['tsnats-split'] === undefined
        ? {}
        : { tsnatsSplit: row['tsnats-split'], splitRatio: row.splitRatio }),
      meetsTarget: row.meets,
    })),
    samples: Object.fromEntries(samples),
    problems,
    table: output,
  });
  console.log(`\nJSON: ${relative(process.cwd(), opts.out)}`);
  return problems.length === 0 ? 0 : 1;
}

/** The generator alone: publishing into the sink, and reading what its source streams. */
async function sinkMode(opts) {
  const results = [];
  const sink = await ServerProcess.start('sink', { pinned: opts.pinned, monitor: false });
  try {
    const cases = [
      ['publish 16 B, 1 connection', () => runPubSub(sink, SCENARIOS[0].spec, opts.durationMs)],
      ['publish 128 B, 1 connection', () => runPubSub(sink, SCENARIOS[1].spec, opts.durationMs)],
      [
        'read 128 B MSGs, 1 connection',
        () => runSourceRead(sink, { connections: 1, payloadSize: 128 }, opts.durationMs),
      ],
      [
        'read 128 B MSGs, 8 connections (total)',
        () => runSourceRead(sink, { connections: 8, payloadSize: 128 }, opts.durationMs),
      ],
    ];
    for (const [label, run] of cases) {
      await run(); // warm-up
      const rates = [];
      for (let round = 0; round < opts.rounds; round++) {
        const result = await run();
        if (result.problems.length > 0) throw new Error(`${label}: ${result.problems.join('; ')}`);
        rates.push(result.values.rate);
      }
      const stats = summarize(rates);
      results.push({ label, ...stats });
      log(`${label}: ${format(stats.median, 'msgs/s')}`);
    }
  } finally {
    await sink.stop();
  }
  const mode = opts.pinned ? 'pinned (sink on core 0, generator on core 1)' : 'unpinned';
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${mode}, ${commandLine()}\n`);
  console.log('| generator against the sink | median (min–max) |');
  console.log('| --- | --- |');
  for (const row of results) {
    const short = (value) => format(value, 'msgs/s').replace(' msgs/s', '');
    console.log(
      `| ${row.label} | ${format(row.median, 'msgs/s')} (${short(row.min)}–${short(row.max)}) |`,
    );
  }
  await writeJson(opts.out.replace(/\.json$/, '-sink.json'), {
    date: new Date().toISOString(),
    command: commandLine(),
    mode: opts.pinned ? 'pinned' : 'unpinned',
    machine: machine(),
    results,
  });
  return 0;
}

/**
 * One scenario against tsnats under `node --cpu-prof` (with --split, both the
 * edge and the store), stopped with SIGINT to write the profiles.
 */
async function profileMode(opts) {
  const scenario = SCENARIOS.find((s) => s.id === opts.profile);
  if (scenario.idle) throw new Error('profile a traffic scenario, not idle');
  if (opts.split && scenario.jetstream !== true)
    throw new Error('--split profiles JetStream scenarios');
  const dir = join(HERE, 'results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const startOptions = {
    pinned: opts.pinned,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    jetstream: scenario.jetstream === true,
  };
  const server = opts.split
    ? await SplitServer.start(startOptions)
    : await ServerProcess.start('tsnats', startOptions);
  const processes = opts.split
    ? [
        ['edge', server.edge.pid],
        ['store', server.store.pid],
      ]
    : [['tsnats', server.pid]];
  let exit;
  const values = [];
  try {
    await runOnce(scenario, server, opts, opts.warmupMs);
    for (let round = 0; round < opts.rounds; round++) {
      const result = await runOnce(scenario, server, opts, opts.durationMs);
      if (result.problems.length > 0) log(`check failed: ${result.problems.join('; ')}`);
      values.push(result.values);
      log(`${scenario.id} under --cpu-prof: ${describe(scenario, result)}`);
    }
  } finally {
    exit = await server.stop('SIGINT', 15_000);
  }
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (files.length !== processes.length || exit.signal !== null) {
    throw new Error(
      `expected ${processes.length} .cpuprofile file(s) in ${dir} after a clean exit; got ${files.length}, exit ${JSON.stringify(exit)}`,
    );
  }
  const profiles = {};
  for (const [name, pid] of processes) {
    // node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
    const file = join(
      dir,
      files.find((f) => f.split('.')[3] === String(pid)),
    );
    log(`${name}: profile ${relative(ROOT, file)} (${statSync(file).size} bytes)`);
    const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), 25);
    if (processes.length > 1) console.log(`\n${name}:`);
    printSummary(summary);
    profiles[name] = { profile: relative(ROOT, file), ...summary };
  }
  const suffix = opts.split ? '-split' : '';
  await writeJson(join(HERE, `results/profile-${scenario.id}${suffix}.json`), {
    date: new Date().toISOString(),
    command: commandLine(),
    runs: values,
    ...(opts.split ? { profiles } : profiles.tsnats),
  });
  return 0;
}

async function main() {
  const opts = options();
  machine();
  if (opts.pinned) pinSelf();
  if (opts.sink) return sinkMode(opts);
  if (opts.profile !== undefined) return profileMode(opts);
  return compare(opts);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error.stack ?? String(error));
    process.exitCode = 1;
  },
);
