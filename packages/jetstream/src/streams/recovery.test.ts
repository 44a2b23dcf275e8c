// A stream created over its stored messages (a restart) rebuilds its Nats-Msg-Id
// table from the messages within the duplicate window, as nats-server's
// rebuildDedupe, and as lazily: before the first publish that needs it. The
// engine runs on a FileStore and a clock the test moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '@tsnats/testkit';
import { FileStore } from '../store/file-store.js';
import { JetStreamEngine } from './engine.js';
import type { Stream } from './stream.js';

const encoder = new TextEncoder();
const SECOND = 1_000_000_000n;

/** Loads of stored messages by sequence, by the stores `open` made. */
let loads = 0;

async function open(dir: string, clock: { now: bigint }): Promise<Stream> {
  const engine = new JetStreamEngine({
    now: () => clock.now,
    storeFactory: async (config) => {
      const store = await FileStore.open(dir, config);
      const load = store.load.bind(store);
      store.load = (seq) => {
        loads++;
        return load(seq);
      };
      return store;
    },
  });
  const result = await engine.exclusive(() =>
    engine.createOrUpdate(
      { name: 'S', subjects: ['s.>'], storage: 'file', duplicate_window: 10e9 },
      'S',
      false,
    ),
  );
  if ('error' in result) assert.fail(JSON.stringify(result.error));
  return result.stream;
}

/** Publishes `data` with the header `name: value` (none when `name` is ''). */
function send(
  stream: Stream,
  name: string,
  value: string,
  data: string,
): Promise<string | undefined> {
  const headers = name === '' ? undefined : encoder.encode(`NATS/1.0\r\n${name}: ${value}\r\n\r\n`);
  return stream.capture({
    subject: 's.x',
    reply: '_INBOX.1',
    headers,
    payload: encoder.encode(data),
  });
}

function publish(stream: Stream, id: string): Promise<string | undefined> {
  return send(stream, 'Nats-Msg-Id', id, id);
}

void test('the msg ids within the duplicate window come back with the stream', async (t) => {
  const dir = await tempDir('tsnats-dedupe-');
  t.after(() => dir.remove());
  const clock = { now: 1_700_000_000n * SECOND };
  const first = await open(dir.path, clock);
  assert.equal(await publish(first, 'old'), '{"stream":"S", "seq":1}');
  clock.now += 5n * SECOND;
  assert.equal(await publish(first, 'recent'), '{"stream":"S", "seq":2}');
  await first.close(false);

  // 12 s after the first publish: 'old' left the 10 s window, 'recent' is still in it.
  clock.now += 7n * SECOND;
  const second = await open(dir.path, clock);
  assert.equal(await publish(second, 'recent'), '{"stream":"S", "seq":2,"duplicate": true}');
  assert.equal(await publish(second, 'old'), '{"stream":"S", "seq":3}');
  // The window keeps moving after the rebuild.
  clock.now += 4n * SECOND;
  assert.equal(await publish(second, 'recent'), '{"stream":"S", "seq":4}');
  await second.close(false);
});

void test('the rebuild waits for the first publish that needs it: plain ones, then an expected last msg id', async (t) => {
  const dir = await tempDir('tsnats-dedupe-');
  t.after(() => dir.remove());
  const clock = { now: 1_700_000_000n * SECOND };
  const first = await open(dir.path, clock);
  assert.equal(await publish(first, 'a'), '{"stream":"S", "seq":1}');
  await first.close(false);

  loads = 0;
  const second = await open(dir.path, clock);
  assert.equal(await send(second, '', '', 'plain'), '{"stream":"S", "seq":2}');
  assert.equal(loads, 0, 'neither the restart nor a plain publish read the messages');
  // The last message has no msg id, and the table still knows 'a'.
  const expecting = await send(second, 'Nats-Expected-Last-Msg-Id', 'a', 'x');
  assert.equal(loads, 2, 'the rebuild read the two messages of the window');
  assert.match(expecting ?? '', /"err_code":10070/);
  assert.equal(await publish(second, 'a'), '{"stream":"S", "seq":1,"duplicate": true}');
  await second.close(false);
});
