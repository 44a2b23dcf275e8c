// The index snapshot a clean stop leaves: the next open uses it and removes it,
// and one that does not match the block files (written to after it, or
// damaged) is ignored for a replay of the records, with the same result.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@tsnats/testkit';
import { ManualClock } from './clock.js';
import { FileStore } from './file-store.js';

const root = await tempDir('tsnats-snapshot-');
after(() => root.remove());

const enc = new TextEncoder();
const quiet = { warn: () => undefined };
let counter = 0;

/** A store of a few blocks with deletes, a purge and a skip; stopped. Returns its directory. */
async function filled(): Promise<string> {
  const dir = join(root.path, String(++counter));
  const store = await FileStore.open(dir, { name: 'S' }, { blockSize: 300, logger: quiet });
  for (let i = 0; i < 60; i++) {
    const headers = i % 3 === 0 ? enc.encode(`NATS/1.0\r\nI: ${i}\r\n\r\n`) : undefined;
    await store.append(`s.${i % 5}.ü`, headers, enc.encode(`m${i}`));
  }
  await store.remove(7);
  await store.erase(8);
  await store.purge({ subject: 's.1.ü', keep: 2 });
  await store.compact(5);
  await store.skip();
  await store.stop();
  return dir;
}

/** Everything a reader can see of the store at `dir`, and its next append. */
async function seen(dir: string): Promise<string> {
  const store = await FileStore.open(
    dir,
    { name: 'S' },
    { logger: quiet, clock: new ManualClock() },
  );
  try {
    const state = await store.state({ deleted: true });
    const messages: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      try {
        const m = await store.load(seq);
        messages.push(`${m.seq} ${m.subject} ${m.time} ${String(m.headers)} ${String(m.data)}`);
      } catch (error) {
        messages.push(`${seq} ${String(error)}`);
      }
    }
    // Sorted: the map's order is when each subject was first indexed, which differs.
    const subjects = [...(await store.subjectsState(''))]
      .map(([s, v]) => `${s}:${JSON.stringify(v)}`)
      .sort();
    const next = await store.append('s.new', undefined, enc.encode('after'));
    return JSON.stringify({ state, messages, subjects, next }, (_, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  } finally {
    await store.delete();
  }
}

function copy(dir: string): string {
  const to = `${dir}-copy`;
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

const snapshot = (dir: string): string => join(dir, 'S', 'index.snap');

void test('a clean stop leaves a snapshot that gives what a replay gives, and is used once', async () => {
  const dir = await filled();
  assert.ok(fs.existsSync(snapshot(dir)));
  const replayed = copy(dir);
  fs.rmSync(snapshot(replayed));
  const store = await FileStore.open(dir, { name: 'S' }, { logger: quiet });
  assert.equal(fs.existsSync(snapshot(dir)), false, 'removed as it is read');
  await store.stop();
  assert.equal(await seen(dir), await seen(replayed));
});

void test('a snapshot the block files moved past is ignored', async () => {
  const dir = await filled();
  const expected = await seen(copy(dir));
  const stale = fs.readFileSync(snapshot(dir));
  const store = await FileStore.open(dir, { name: 'S' }, { logger: quiet });
  await store.append('s.late', undefined, enc.encode('late'));
  await store.stop();
  const afterWrite = await seen(copy(dir));
  // As if the snapshot had survived a crash of the open store.
  fs.writeFileSync(snapshot(dir), stale);
  assert.equal(await seen(dir), afterWrite);
  assert.notEqual(afterWrite, expected);
});

void test('a damaged or cut snapshot is ignored', async () => {
  for (const damage of [
    (bytes: Buffer) => bytes.subarray(0, bytes.length - 10),
    (bytes: Buffer) => {
      bytes[40] ^= 0xff;
      return bytes;
    },
    () => Buffer.alloc(3),
  ]) {
    const dir = await filled();
    const replayed = copy(dir);
    fs.rmSync(snapshot(replayed));
    fs.writeFileSync(snapshot(dir), damage(fs.readFileSync(snapshot(dir))));
    assert.equal(await seen(dir), await seen(replayed));
  }
});
