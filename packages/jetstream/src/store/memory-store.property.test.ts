import { test } from 'node:test';
import fc from 'fast-check';
import { ManualClock } from './clock.js';
import { MemoryStore } from './memory-store.js';
import { MODEL_SUBJECTS, checkAgainstModel, type ModelConfig, type ModelOp } from './model.js';

// MemoryStore against the naive model on random operation sequences; fast-check
// shrinks a failure to a minimal sequence. The sequences a remove, purge or
// compact names are drawn from a small range so they often hit stored messages.

const seq = fc.integer({ min: 0, max: 40 });
const subject = fc.constantFrom(...MODEL_SUBJECTS);

const op: fc.Arbitrary<ModelOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('append' as const), subject, size: fc.nat(8) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), seq }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('purge' as const),
      request: fc.record(
        {
          subject: fc.constantFrom(...MODEL_SUBJECTS, 'c.*', 'c.>', '>', ''),
          seq,
          keep: fc.nat(4),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('compact' as const), seq }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), seq }) },
  { weight: 1, arbitrary: fc.constant({ op: 'skip' as const }) },
);

const config: fc.Arbitrary<ModelConfig> = fc.record({
  max_msgs: fc.constantFrom(0, 0, 2, 5, 10),
  max_msgs_per_subject: fc.constantFrom(0, 0, 1, 3),
  discard: fc.constantFrom('old' as const, 'new' as const),
  discard_new_per_subject: fc.boolean(),
});

void test('MemoryStore matches the naive model on random operations', async () => {
  await fc.assert(
    fc.asyncProperty(config, fc.array(op, { maxLength: 50 }), async (cfg, ops) => {
      const store = new MemoryStore({ name: 'P', ...cfg }, { clock: new ManualClock() });
      await checkAgainstModel(store, cfg, ops);
    }),
    { numRuns: 300 },
  );
});
