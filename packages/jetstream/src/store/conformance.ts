// The shared StreamStore conformance suite. Every backend (MemoryStore here, the
// file store, the Redis log) runs it from its own test file:
//
//   import { runStreamStoreConformance } from '@tsnats/jetstream/testing';
//   runStreamStoreConformance('FileStore', async (config, { clock }) =>
//     FileStore.open(dir, config, { clock }));
//
// It registers node:test suites, so call it at the top level of a test file.

import { describe, test } from 'node:test';
import { basicsSection } from './conformance/basics.js';
import { consumersSection } from './conformance/consumers.js';
import { withHarness, type StoreFactory } from './conformance/harness.js';
import { limitsSection } from './conformance/limits.js';
import { purgeSection } from './conformance/purge.js';
import { queriesSection } from './conformance/queries.js';
import { checkAgainstModel, randomScenario, seededRandom } from './model.js';

export type { StoreFactory, StoreTestEnv } from './conformance/harness.js';

export interface ConformanceOptions {
  /** Random scenarios compared against the naive model (default 40). */
  readonly modelRuns?: number;
  /** Operations per scenario (default 60). */
  readonly modelLength?: number;
  /** First seed; scenario i uses seed + i (default 1). A failure names its seed. */
  readonly modelSeed?: number;
}

export function runStreamStoreConformance(
  name: string,
  factory: StoreFactory,
  options: ConformanceOptions = {},
): void {
  void describe(`StreamStore conformance: ${name}`, () => {
    basicsSection(factory);
    purgeSection(factory);
    limitsSection(factory);
    queriesSection(factory);
    consumersSection(factory);
    void describe('naive model', () => {
      const runs = options.modelRuns ?? 40;
      const length = options.modelLength ?? 60;
      const firstSeed = options.modelSeed ?? 1;
      void test(`matches the model on ${runs} random scenarios`, async () => {
        for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
          const { config, ops } = randomScenario(seededRandom(seed), length);
          await withHarness(factory, async (h) => {
            const store = await h.open(config);
            try {
              await checkAgainstModel(store, config, ops);
            } catch (err) {
              if (err instanceof Error) err.message = `seed ${seed}: ${err.message}`;
              throw err;
            }
          });
        }
      });
    });
  });
}
