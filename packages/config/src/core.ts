// Everything but parseConfigFile: no Node built-ins, for browsers, Deno and workers.
export { parseConfig } from './parser.js';
export { positionOf } from './positions.js';
export { ConfigError, formatPosition } from './errors.js';
export type { Position, ConfigErrorKind } from './errors.js';
export type { ConfigValue, ConfigArray, ConfigMap, ParseOptions } from './types.js';
export * from './options/index.js';
