// jetstream { max_memory_store, max_file_store }: stream reservations (max_bytes)
// and publishes refused over the limit, as nats-server v2.10.22 (single server).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startJetStreamServer } from './jetstream-test-support.js';

async function setup(t: Parameters<typeof startJetStreamServer>[0], limits: object) {
  const { url } = await startJetStreamServer(t, limits);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
}

const apiCode = (error: unknown): number | undefined =>
  (error as { apiError?: () => { err_code?: number } }).apiError?.().err_code;

void test('max_bytes reservations over max_memory_store / max_file_store are refused', async (t) => {
  const { jsm } = await setup(t, { maxMemory: 1000, maxStore: 2000 });
  await jsm.streams.add({
    name: 'M1',
    subjects: ['m1'],
    storage: StorageType.Memory,
    max_bytes: 600,
  });
  await assert.rejects(
    jsm.streams.add({ name: 'M2', subjects: ['m2'], storage: StorageType.Memory, max_bytes: 500 }),
    (error: unknown) => apiCode(error) === 10028,
  );
  await jsm.streams.add({
    name: 'M3',
    subjects: ['m3'],
    storage: StorageType.Memory,
    max_bytes: 400,
  });
  // Everything reserved: even a stream without max_bytes (it counts 1) is refused.
  await assert.rejects(
    jsm.streams.add({ name: 'M4', subjects: ['m4'], storage: StorageType.Memory }),
    (error: unknown) => apiCode(error) === 10028,
  );
  await assert.rejects(
    jsm.streams.add({ name: 'F1', subjects: ['f1'], storage: StorageType.File, max_bytes: 3000 }),
    (error: unknown) => apiCode(error) === 10047,
  );
  await jsm.streams.add({
    name: 'F2',
    subjects: ['f2'],
    storage: StorageType.File,
    max_bytes: 1500,
  });
  // Updates reserve the increase only.
  await assert.rejects(
    jsm.streams.update('F2', { max_bytes: 2500 }),
    (error: unknown) => apiCode(error) === 10047,
  );
  await jsm.streams.update('F2', { max_bytes: 2000 });
  await jsm.streams.update('M3', { max_bytes: 100 });
  const info = await jsm.getAccountInfo();
  assert.equal(info.reserved_memory, 700);
  assert.equal(info.reserved_storage, 2000);
  assert.equal(info.limits.max_memory, -1, 'the account has dynamic limits, as nats-server');
  // Deleting releases the reservation.
  await jsm.streams.delete('F2');
  await jsm.streams.add({
    name: 'F3',
    subjects: ['f3'],
    storage: StorageType.File,
    max_bytes: 2000,
  });
});

void test('publishes are refused with 10023 once usage is over max_memory_store', async (t) => {
  const { js, jsm } = await setup(t, { maxMemory: 100 });
  await jsm.streams.add({ name: 'S', subjects: ['s'], storage: StorageType.Memory });
  const payload = new Uint8Array(50);
  // 1 + 50 + 16 bytes each: the one that goes over is stored, as nats-server's.
  await js.publish('s', payload);
  await js.publish('s', payload);
  await assert.rejects(js.publish('s', payload), (error: unknown) => {
    assert.match(String(error), /insufficient resources/);
    return true;
  });
  const info = await jsm.getAccountInfo();
  assert.equal(info.memory, 134);
  await jsm.streams.purge('S');
  await js.publish('s', payload);
  assert.equal((await jsm.getAccountInfo()).memory, 67);
});
