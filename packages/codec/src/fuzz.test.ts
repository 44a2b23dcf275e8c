import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtocolErrorCode } from './index.js';
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
