import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { protocolError } from './errors.js';
import { ProtocolErrorCode, type PeerKind } from './index.js';
import { checkedRun, compareRuns, type Run } from './testing/fuzz-checks.js';
import type { Batch } from './testing/fuzz-frames.js';
import { fuzzParser, type FuzzReport } from './testing/index.js';

const SEED = 0x5eed_2024;

void describe('fuzzParser', () => {
  void test('100 000 frames: every invariant holds, ops parse and every error code occurs', (t) => {
    // Throws, naming the seed, the split and the input in hex, if an invariant breaks.
    const report = fuzzParser({ frames: 100_000, seed: SEED });
    t.diagnostic(
      `${report.frames} frames, ${report.bytes} bytes, ${report.ops} ops, ` +
        `errors ${JSON.stringify(report.errors)}, ${report.millis} ms`,
    );
    assert.equal(report.frames, 100_000);
    assert.ok(report.ops > 10_000, `only ${report.ops} ops parsed`);
    assert.ok(report.bytes > 0);
    assert.ok(report.millis >= 0);
    assert.deepEqual(Object.keys(report.errors).sort(), Object.values(ProtocolErrorCode).sort());
    for (const code of Object.values(ProtocolErrorCode)) {
      assert.ok(report.errors[code] > 0, `no ${code} error in ${JSON.stringify(report.errors)}`);
    }
  });

  void test('the same seed gives the same inputs and results; another seed does not', () => {
    const withoutTime = (report: FuzzReport): Omit<FuzzReport, 'millis'> => ({
      frames: report.frames,
      ops: report.ops,
      errors: report.errors,
      bytes: report.bytes,
    });
    const first = withoutTime(fuzzParser({ frames: 2000, seed: 7 }));
    const again = withoutTime(fuzzParser({ frames: 2000, seed: 7 }));
    const other = withoutTime(fuzzParser({ frames: 2000, seed: 8 }));
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
  });

  void test('onProgress reports growing frame counts, ending at the total', () => {
    const seen: number[] = [];
    const report = fuzzParser({ frames: 3500, seed: 1, onProgress: (done) => seen.push(done) });
    assert.equal(report.frames, 3500);
    assert.ok(seen.length >= 4, `progress reported ${seen.length} times`);
    assert.ok(seen.every((done, i) => i === 0 || done > seen[i - 1]));
    assert.equal(seen[seen.length - 1], 3500);
  });

  void test('zero frames is an empty report', () => {
    const report = fuzzParser({ frames: 0, seed: 1 });
    assert.equal(report.frames, 0);
    assert.equal(report.ops, 0);
    assert.equal(report.bytes, 0);
    assert.ok(Object.values(report.errors).every((count) => count === 0));
  });
});

void describe('fuzzParser: a split run may stop early only on blanks before the arguments', () => {
  const context = { seed: 0, batch: 0 };
  const batchOf = (input: string, limits?: Batch['limits']): Batch => ({
    input: new TextEncoder().encode(input),
    frames: 1,
    target: 'client',
    expected: undefined,
    limits,
  });
  // A split run as a parser that wrongly stopped on max_control_line would leave it.
  const stoppedSplit = (cuts: number[]): Run => ({
    ops: [],
    error: protocolError(ProtocolErrorCode.MaxControlLine, 'stopped'),
    cuts,
    rest: 0,
  });
  const compare = (batch: Batch, split: Run, peer: PeerKind = 'client'): void => {
    compareRuns(checkedRun(batch, peer, [], context), split, batch, peer, context);
  };

  void test('a cut far into the blanks after SUB stops the split run, and that is allowed', () => {
    const batch = batchOf(`SUB${' '.repeat(100)}foo 1\r\nPING\r\n`, {
      maxControlLine: 16,
      maxPayload: 0,
    });
    const whole = checkedRun(batch, 'client', [], context);
    const split = checkedRun(batch, 'client', [90], context);
    assert.equal(whole.error, undefined);
    assert.equal(whole.ops.length, 2);
    assert.equal(split.error?.code, ProtocolErrorCode.MaxControlLine);
    assert.equal(split.ops.length, 0);
    compareRuns(whole, split, batch, 'client', context);
  });

  void test('a long PING line must not stop a split run', () => {
    const batch = batchOf(`PING${' '.repeat(5000)}\r\nPING\r\n`);
    assert.throws(() => {
      compare(batch, stoppedSplit([4500]));
    }, /names no legal op that takes arguments/);
  });

  void test('nor a line with few blanks before its arguments', () => {
    const batch = batchOf('SUB  foo 1\r\n');
    assert.throws(() => {
      compare(batch, stoppedSplit([8]));
    }, /only 6 bytes of name and blanks/);
  });

  void test('nor a line cut no further than max_control_line + 64 bytes in', () => {
    const batch = batchOf(`SUB${' '.repeat(100)}foo 1\r\n`, { maxControlLine: 16, maxPayload: 0 });
    assert.throws(() => {
      compare(batch, stoppedSplit([80]));
    }, /no cut leaves more than 80 bytes/);
  });
});
