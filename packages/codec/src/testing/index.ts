// Test helpers for the codec, published as `@tsnats/codec/testing`.
export { fuzzParser } from './fuzz.js';
export type { FuzzOptions, FuzzReport } from './fuzz.js';
