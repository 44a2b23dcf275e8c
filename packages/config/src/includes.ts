// `include` statements: path resolution as Go's path/filepath does it on Unix,
// the injected file reader, and cycle detection.

import { ConfigError, type Position } from './errors.js';
import type { ConfigMap } from './types.js';

/** State shared by a parse and the parses it starts (includes, environment values). */
export interface Shared {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readFile: ((path: string) => string) | undefined;
  /** Files being parsed, outermost first. */
  readonly includeStack: string[];
  /** Environment variables being resolved, outermost first. */
  readonly envStack: string[];
}

export type ParseText = (text: string, file: string) => ConfigMap;

/** Includes nested deeper than this are refused even without a cycle. */
export const MAX_INCLUDE_DEPTH = 64;

/** Go's filepath.Clean (Unix): drops '.', empty and resolvable '..' elements. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/**
 * Go's filepath.Join (Unix): the non-empty elements joined with '/' and cleaned.
 * An absolute element does not restart the path: Join("/etc/nats", "/x.conf") is
 * "/etc/nats/x.conf", which is what nats-server does with `include /x.conf`.
 */
export function joinPath(...elements: string[]): string {
  const parts = elements.filter((e) => e !== '');
  return parts.length === 0 ? '' : cleanPath(parts.join('/'));
}

/** Go's filepath.Dir (Unix): "." for a bare file name. */
export function dirname(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads and parses the file an include statement at `at` in `fromFile` names. */
export function parseInclude(
  name: string,
  at: Position,
  fromFile: string,
  shared: Shared,
  parse: ParseText,
): ConfigMap {
  const path = joinPath(dirname(fromFile), name);
  const { readFile, includeStack } = shared;
  if (readFile === undefined) {
    throw new ConfigError('include', at, `cannot include "${name}": no readFile option given`);
  }
  const seen = includeStack.indexOf(path);
  if (seen >= 0) {
    const cycle = [...includeStack.slice(seen), path].join(' -> ');
    throw new ConfigError('include', at, `include cycle: ${cycle}`);
  }
  if (includeStack.length >= MAX_INCLUDE_DEPTH) {
    throw new ConfigError('include', at, `includes nested more than ${MAX_INCLUDE_DEPTH} deep`);
  }
  let text: unknown;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = `cannot read include file "${name}" (${path}): ${describe(error)}`;
    throw new ConfigError('include', at, reason);
  }
  if (typeof text !== 'string') {
    throw new ConfigError('include', at, `readFile did not return a string for "${path}"`);
  }
  includeStack.push(path);
  try {
    return parse(text, path);
  } catch (error) {
    throw error instanceof ConfigError ? error.includedAt(at) : error;
  } finally {
    includeStack.pop();
  }
}
