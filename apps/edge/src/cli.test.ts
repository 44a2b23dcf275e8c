import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, Events, type NatsConnection } from 'nats';
import { startProcess, tempDir } from '@tsnats/testkit';

const BIN = fileURLToPath(new URL('../bin/tsnats.js', import.meta.url));
const CERTS = fileURLToPath(new URL('../../../packages/server/src/tls/testdata/', import.meta.url));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function waitForFile(path: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return readFileSync(path, 'utf8');
}

/** Starts tsnats as launchers start nats-server: `-c file` with random ports and a ports file. */
async function launch(t: { after: (fn: () => unknown) => void }, config: string) {
  const dir = await tempDir('tsnats-cli-');
  t.after(() => dir.remove());
  const configFile = join(dir.path, 'server.conf');
  writeFileSync(
    configFile,
    `port: -1\nhttp: "127.0.0.1:-1"\nports_file_dir: "${dir.path}"\n${config.replaceAll('$DIR', dir.path)}`,
  );
  const child = await startProcess({ command: process.execPath, args: [BIN, '-c', configFile] });
  t.after(() => child.stop('SIGKILL'));
  const ports = JSON.parse(await waitForFile(join(dir.path, `tsnats_${child.pid}.ports`))) as {
    nats: string[];
    monitoring?: string[];
    websocket?: string[];
  };
  return { child, ports, configFile, dir: dir.path };
}

void describe('the tsnats command line', () => {
  void test('--help lists the flags', () => {
    const { status, stdout } = run(['--help']);
    assert.equal(status, 0);
    for (const flag of ['--port', '--config', '--http_port', '--ports_file_dir', '--jetstream']) {
      assert.ok(stdout.includes(flag), `${flag} in --help`);
    }
  });

  void test('--version names the version', () => {
    const { status, stdout } = run(['--version']);
    assert.equal(status, 0);
    assert.match(stdout, /^tsnats: v\d+\.\d+\.\d+/);
  });

  void test('an unknown flag is an error with exit code 1', () => {
    const { status, stderr } = run(['--no-such-flag']);
    assert.equal(status, 1);
    assert.match(stderr, /no-such-flag/);
  });

  void test('a bad config file names file, line and key, and the server does not start', async () => {
    const dir = await tempDir('tsnats-cli-');
    try {
      const file = join(dir.path, 'bad.conf');
      writeFileSync(file, 'port: 4222\nmax_payload: "lots"\n');
      const { status, stderr } = run(['-c', file]);
      assert.equal(status, 1);
      assert.ok(stderr.includes(`${file}:2`), stderr);
      assert.match(stderr, /max_payload/);
    } finally {
      await dir.remove();
    }
  });

  void test('-t checks a config file and exits', async () => {
    const dir = await tempDir('tsnats-cli-');
    try {
      const file = join(dir.path, 'good.conf');
      writeFileSync(file, 'port: 4222\n');
      const { status, stderr } = run(['-t', '-c', file]);
      assert.equal(status, 0);
      assert.match(stderr, /is valid/);
    } finally {
      await dir.remove();
    }
  });
});

void describe('tsnats under a launcher written for nats-server', () => {
  void test('ports file, client traffic, SIGTERM stops and removes the ports file', async (t) => {
    const { child, ports, dir } = await launch(
      t,
      'leafnodes { listen: "127.0.0.1:-1" }\npid_file: "$DIR/tsnats.pid"\nlogfile: "$DIR/tsnats.log"\n',
    );
    assert.equal(readFileSync(join(dir, 'tsnats.pid'), 'utf8'), String(child.pid));
    assert.equal(ports.nats.length, 1);
    const nc = await connect({ servers: ports.nats[0] });
    const sub = nc.subscribe('hello', { max: 1 });
    nc.publish('hello');
    for await (const message of sub) assert.equal(message.subject, 'hello');
    await nc.close();
    const log = readFileSync(join(dir, 'tsnats.log'), 'utf8');
    assert.match(log, /\[WRN\] "leafnodes": leaf nodes not supported by tsnats yet/);
    assert.match(log, /\[INF\] Server is ready/);
    const exit = await child.stop('SIGTERM');
    assert.equal(exit.code, 0);
    assert.equal(existsSync(join(dir, `tsnats_${child.pid}.ports`)), false);
  });

  void test('SIGHUP reloads auth: old credentials are cut off, new ones work', async (t) => {
    const { child, ports, configFile } = await launch(t, 'authorization { token: first }\n');
    const url = ports.nats[0];
    const old: NatsConnection = await connect({ servers: url, token: 'first', reconnect: false });
    const oldClosed = old.closed();
    writeFileSync(
      configFile,
      readFileSync(configFile, 'utf8').replace('token: first', 'token: second'),
    );
    process.kill(child.pid, 'SIGHUP');
    const error = await oldClosed;
    assert.match(String(error), /Authorization Violation/i);
    const fresh = await connect({ servers: url, token: 'second' });
    await fresh.close();
    await assert.rejects(connect({ servers: url, token: 'first', reconnect: false }));
  });

  void test('SIGUSR2: lame duck mode tells clients, closes them, then exits', async (t) => {
    const { child, ports } = await launch(
      t,
      'lame_duck_duration: "30s"\nlame_duck_grace_period: "100ms"\n',
    );
    const nc = await connect({ servers: ports.nats[0], reconnect: false });
    const statuses = (async () => {
      for await (const status of nc.status()) if (status.type === Events.LDM) return true;
      return false;
    })();
    process.kill(child.pid, 'SIGUSR2');
    assert.equal(await statuses, true);
    await nc.closed();
    const exit = await child.exited;
    assert.equal(exit.code, 0);
    assert.match(child.stderr(), /Entering lame duck mode/);
  });

  void test('monitoring, TLS and websocket listeners from the config file', async (t) => {
    const { ports } = await launch(
      t,
      `tls { cert_file: "${CERTS}server-cert.pem", key_file: "${CERTS}server-key.pem" }
websocket { port: -1, host: 127.0.0.1, no_tls: true }
server_name: edge-a
`,
    );
    assert.equal(ports.websocket?.length, 1);
    const varz = (await (await fetch(`${ports.monitoring?.[0] ?? ''}/varz`)).json()) as {
      server_name: string;
      tls_required: boolean;
    };
    assert.equal(varz.server_name, 'edge-a');
    assert.equal(varz.tls_required, true);
    const nc = await connect({ servers: ports.nats[0], tls: { caFile: `${CERTS}ca.pem` } });
    assert.equal(nc.info?.tls_required, true);
    await nc.close();
  });

  void test('the --tls flags turn TLS on as nats-server does', async (t) => {
    const dir = await tempDir('tsnats-cli-');
    t.after(() => dir.remove());
    const args = [BIN, '-a', '127.0.0.1', '-p', '-1', '--ports_file_dir', dir.path];
    args.push(
      '--tls',
      '--tlscert',
      `${CERTS}server-cert.pem`,
      '--tlskey',
      `${CERTS}server-key.pem`,
    );
    const child = await startProcess({ command: process.execPath, args });
    t.after(() => child.stop('SIGKILL'));
    const ports = JSON.parse(await waitForFile(join(dir.path, `tsnats_${child.pid}.ports`))) as {
      nats: string[];
    };
    const nc = await connect({ servers: ports.nats[0], tls: { caFile: `${CERTS}ca.pem` } });
    assert.equal(nc.info?.tls_required, true);
    await nc.close();
  });
});
