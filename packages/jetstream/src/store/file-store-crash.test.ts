// kill -9 while appending: every sequence whose append promise resolved (and
// was printed) must be there after reopening.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@tsnats/testkit';
import { ManualClock } from './clock.js';
import { FileStore } from './file-store.js';

const root = await tempDir('tsnats-filestore-crash-');
after(() => root.remove());

const storeModule = fileURLToPath(new URL('./file-store.js', import.meta.url));

/** The child: appends forever, pipelined 1..64 at a time, printing each resolved seq. */
const child = (dir: string): string => `
const { FileStore } = await import(${JSON.stringify(storeModule)});
const store = await FileStore.open(${JSON.stringify(dir)}, { name: 'CRASH' }, { blockSize: 64 * 1024 });
const payload = new Uint8Array(100).fill(7);
for (let round = 0; ; round++) {
  const batch = [];
  for (let j = 0; j <= round % 64; j++) batch.push(store.append('crash.' + (j % 5), undefined, payload));
  const seqs = (await Promise.all(batch)).map((r) => r.seq);
  process.stdout.write(seqs.join('\\n') + '\\n');
}
`;

void test('every acknowledged append survives SIGKILL', async () => {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', child(root.path)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      out += chunk;
      // Kill mid-stream, at an arbitrary point, after a fair amount of data.
      if (out.length > 200_000 && proc.exitCode === null && !proc.killed) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('exit', () => {
      resolve();
    });
  });
  assert.equal(proc.signalCode, 'SIGKILL');
  const lines = out.split('\n');
  lines.pop(); // possibly a partial line
  const printed = lines.map(Number);
  assert.ok(printed.length > 10_000, `${printed.length} acknowledged`);
  const store = await FileStore.open(
    root.path,
    { name: 'CRASH' },
    { clock: new ManualClock(), logger: { warn: () => undefined } },
  );
  const state = await store.state();
  const highest = Math.max(...printed);
  assert.ok(state.last_seq >= highest, `last_seq ${state.last_seq} >= ${highest}`);
  assert.equal(state.messages, state.last_seq, 'no gaps');
  for (const seq of [1, highest, printed[Math.floor(printed.length / 2)]]) {
    const message = await store.load(seq);
    assert.equal(message.data.length, 100);
  }
  await store.delete();
});
