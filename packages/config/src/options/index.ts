// The options layer: typed nats-server options from a parsed configuration and
// the command line.
export { loadOptionsFromConfig } from './load.js';
export type { LoadOptions, LoadResult, UnknownFieldPolicy } from './load.js';
export { loadServerOptions, applyFlags } from './server.js';
export type { LoadServerOptions, ServerOptionsResult } from './server.js';
export { parseCommandLine, USAGE } from './cli.js';
export type { CommandLine, FlagValue } from './cli.js';
export { OptionError } from './diagnostics.js';
export type { Severity } from './diagnostics.js';
export { parseGoDuration, parseGoDurationNs } from './duration.js';
export { isValidSubject, isValidPublicUserKey } from './auth.js';
export * from './types.js';
