import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReplayPacer, type Sleep } from './replay.js';

const MS = 1_000_000n;

function recorder(): { sleeps: number[]; sleep: Sleep } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}

void describe('ReplayPacer (nats-server replay_policy original)', () => {
  void test('waits the stored gaps between deliveries, not before the first', async () => {
    const { sleeps, sleep } = recorder();
    const pacer = new ReplayPacer(true, 3, sleep);
    await pacer.pace(1000n * MS);
    await pacer.pace(1250n * MS);
    await pacer.pace(1750n * MS);
    assert.deepEqual(sleeps, [250, 500]);
  });

  void test('gaps of a millisecond or less and backward gaps (redeliveries) are not waited', async () => {
    const { sleeps, sleep } = recorder();
    const pacer = new ReplayPacer(true, 10, sleep);
    await pacer.pace(1000n * MS);
    await pacer.pace(1001n * MS);
    await pacer.pace(900n * MS);
    await pacer.pace(900n * MS + MS + 1n);
    assert.deepEqual(sleeps, [1.000001]);
  });

  void test("replay ends once idle past the stream's last sequence at start", async () => {
    const { sleeps, sleep } = recorder();
    const pacer = new ReplayPacer(true, 2, sleep);
    await pacer.pace(1n * 1000n * MS);
    pacer.idle(2);
    assert.equal(pacer.replaying, true);
    pacer.idle(3);
    assert.equal(pacer.replaying, false);
    await pacer.pace(5000n * MS);
    assert.deepEqual(sleeps, []);
  });

  void test('instant never waits', async () => {
    const { sleeps, sleep } = recorder();
    const pacer = new ReplayPacer(false, 5, sleep);
    await pacer.pace(1000n * MS);
    await pacer.pace(9000n * MS);
    assert.deepEqual(sleeps, []);
  });

  void test('close ends a wait in progress', async () => {
    const pacer = new ReplayPacer(true, 5);
    await pacer.pace(1000n * MS);
    // An hour's gap: the test would time out if close did not end it.
    const waiting = pacer.pace(3_600_000n * MS + 1000n * MS);
    pacer.close();
    await waiting;
  });
});
