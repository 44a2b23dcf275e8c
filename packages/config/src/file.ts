// Parsing a configuration file from disk: the one module that uses node:fs.

import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { parseConfig } from './parser.js';
import type { ConfigMap, ParseOptions } from './types.js';

/** Reads a file as UTF-8 text; the default `readFile` of parseConfigFile. */
export function readTextFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Reads and parses a configuration file. Includes are read from disk relative to
 * its directory unless `options.readFile` says otherwise; pass `env: process.env`
 * for `$VARIABLE`s to fall back to the environment, as nats-server does.
 */
export function parseConfigFile(
  path: string,
  options: Omit<ParseOptions, 'filename'> = {},
): ConfigMap {
  const readFile = options.readFile ?? readTextFile;
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = `cannot read config file: ${error instanceof Error ? error.message : String(error)}`;
    throw new ConfigError('io', { file: path, line: 0, column: 0 }, reason);
  }
  return parseConfig(text, { ...options, filename: path, readFile });
}
