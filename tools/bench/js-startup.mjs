// JetStream restart with many stored messages, tsnats against nats-server: each
// server fills a file stream (128 B payloads on 1,000 subjects), stops, starts
// again on the same store directory, and is timed until STREAM.INFO answers
// with every message; then its RSS is read.
//
//   node tools/bench/js-startup.mjs [--messages 1000000] [--pinned] [--out FILE]
//
// Not part of `npm test`; figures from it go in packages/jetstream/README.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import { freePort, natsServerPath, ROOT, SERVER_CORE, TSNATS_BIN } from './lib/servers.mjs';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    pinned: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const MESSAGES = Number(values.messages);
const SUBJECTS = 1000;
const payload = new Uint8Array(128);

function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? NaN : Number(match[1]);
}

/** Starts `kind` on `storeDir`; resolves the child and its client port. */
async function start(kind, storeDir) {
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  let command = kind === 'nats-server' ? natsServerPath() : process.execPath;
  let argv = kind === 'nats-server' ? args : [TSNATS_BIN, ...args];
  if (values.pinned) {
    argv = ['-c', SERVER_CORE, command, ...argv];
    command = 'taskset';
  }
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => child.kill('SIGKILL'));
  return { child, port };
}

/** Connects as soon as the server listens (retrying), then waits for the stream to answer in full. */
async function untilStreamReady(port, startedAt) {
  for (;;) {
    try {
      const nc = await connect({ port, reconnect: false, timeout: 1000 });
      try {
        const jsm = await nc.jetstreamManager({ timeout: 2000 });
        const info = await jsm.streams.info('STARTUP');
        if (info.state.messages === MESSAGES) return { nc, ms: Date.now() - startedAt };
      } catch {
        // JetStream still recovering
      }
      await nc.close();
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 20));
  }
}

async function stop(child) {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGINT');
  await exited;
}

async function measure(kind) {
  const storeDir = mkdtempSync(join(tmpdir(), `js-startup-${kind}-`));
  try {
    let { child, port } = await start(kind, storeDir);
    let { nc } = await untilStreamReadyOrCreate(port);
    const js = nc.jetstream();
    const fillStart = Date.now();
    for (let i = 0; i < MESSAGES; i += 1000) {
      const batch = [];
      for (let j = 0; j < 1000 && i + j < MESSAGES; j++) {
        batch.push(js.publish(`startup.${(i + j) % SUBJECTS}`, payload));
      }
      await Promise.all(batch);
    }
    const fillMs = Date.now() - fillStart;
    await nc.close();
    await stop(child);

    const startedAt = Date.now();
    ({ child, port } = await start(kind, storeDir));
    const ready = await untilStreamReady(port, startedAt);
    const readyRss = rssKiB(child.pid);
    await new Promise((done) => setTimeout(done, 2000));
    const settledRss = rssKiB(child.pid);
    await ready.nc.close();
    await stop(child);
    return { kind, fillMs, startupMs: ready.ms, readyRssKiB: readyRss, settledRssKiB: settledRss };
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
}

/** The first start: connect once listening and create the stream. */
async function untilStreamReadyOrCreate(port) {
  for (;;) {
    try {
      const nc = await connect({ port, reconnect: false, timeout: 1000 });
      const jsm = await nc.jetstreamManager({ timeout: 5000 });
      await jsm.streams.add({ name: 'STARTUP', subjects: ['startup.>'], storage: 'file' });
      return { nc };
    } catch {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

const results = [];
for (const kind of ['nats-server', 'tsnats']) {
  const result = await measure(kind);
  results.push(result);
  console.log(
    `${kind}: filled ${MESSAGES.toLocaleString('en-US')} in ${result.fillMs} ms; restart to a full STREAM.INFO ${result.startupMs} ms; RSS ${(result.readyRssKiB / 1024).toFixed(1)} MiB at ready, ${(result.settledRssKiB / 1024).toFixed(1)} MiB 2 s later`,
  );
}
if (values.out !== undefined) {
  writeFileSync(
    values.out,
    JSON.stringify(
      { date: new Date().toISOString(), messages: MESSAGES, pinned: values.pinned, results },
      null,
      2,
    ),
  );
}
process.exit(0);
