// What a CLI command is: the words that name it, its positional arguments and
// options, and what it does with the REST API. Commands return both outputs;
// --json picks the response JSON, otherwise the text for people.

import type { ApiClient } from './client.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** How --help shows it: `--subjects <a,b>`. */
  readonly usage: string;
  readonly help: string;
}

export interface Invocation {
  readonly api: ApiClient;
  /** The positional arguments, by the names in `args`. */
  readonly args: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

export interface Output {
  /** The REST response as is; undefined when there was none (204). */
  readonly json: unknown;
  readonly text: string;
}

export interface Command {
  readonly words: readonly string[];
  readonly args: readonly string[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly summary: string;
  run(invocation: Invocation): Promise<Output>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A non-negative integer option, or undefined when not given. */
export function integerOption(options: Invocation['options'], name: string): number | undefined {
  const value = options[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new UsageError(`--${name}: '${value}' is not an integer`);
  }
  return number;
}

/** A string option limited to `choices`, or undefined when not given. */
export function choiceOption<T extends string>(
  options: Invocation['options'],
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = options[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name}: expected ${choices.join(' or ')}, got '${value}'`);
  }
  return value as T;
}

const PAGE = 1024;

/**
 * Every item of a paged list (`offset`/`limit`), and the document --json
 * prints: shaped like one page holding them all.
 */
export async function allPages(
  api: ApiClient,
  path: string,
  key: string,
): Promise<{ items: unknown[]; document: unknown }> {
  const items: unknown[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (;;) {
    const page = await api.get<Record<string, unknown> & { total: number }>(
      `${path}${separator}offset=${items.length}&limit=${PAGE}`,
    );
    const got = page[key] as unknown[];
    items.push(...got);
    if (got.length === 0 || items.length >= page.total) {
      return {
        items,
        document: { ...page, offset: 0, [key]: items },
      };
    }
  }
}
