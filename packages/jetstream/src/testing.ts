// Test helpers for StreamStore backends: the shared conformance suite, the
// naive model it compares against, and the manual clock. A separate entry
// (`@tsnats/jetstream/testing`) because it imports node:test.
export * from './store/conformance.js';
export { ManualClock } from './store/clock.js';
export {
  NaiveStreamModel,
  checkAgainstModel,
  randomScenario,
  seededRandom,
  MODEL_SUBJECTS,
  MODEL_FILTERS,
} from './store/model.js';
export type { ModelOp, ModelConfig } from './store/model.js';
