// Validation of subject transforms (stream subject_transform, republish, source and
// mirror subject_transforms) with nats-server's error texts, as
// server/subject_transform.go's NewSubjectTransform and sublist.go's
// ValidateMappingDestination. Applying a transform is streams/subject-transform.ts's
// job, on the tokens parsed here.

const WS = '[\\t\\n\\f\\r ]'; // Go regexp's \s
const fn = (name: string): RegExp => new RegExp(`\\{\\{${WS}*${name}${WS}*\\((.*)\\)${WS}*\\}\\}`);

const WILDCARD = fn('[wW]ildcard');
const PARTITION = fn('[pP]artition');
const SPLIT_FROM_LEFT = fn('[sS]plit[fF]rom[lL]eft');
const SPLIT_FROM_RIGHT = fn('[sS]plit[fF]rom[rR]ight');
const SLICE_FROM_LEFT = fn('[sS]lice[fF]rom[lL]eft');
const SLICE_FROM_RIGHT = fn('[sS]lice[fF]rom[rR]ight');
const SPLIT = fn('[sS]plit');
const LEFT = fn('[lL]eft');
const RIGHT = fn('[rR]ight');
const COMMA = new RegExp(`,${WS}*`);

export const ERR_BAD_SUBJECT = 'invalid subject';
const INVALID_DESTINATION = 'invalid mapping destination';
export const ERR_INVALID_MAPPING_DESTINATION_SUBJECT = `${INVALID_DESTINATION}: invalid subject`;
const UNKNOWN_FUNCTION = `${INVALID_DESTINATION}: unknown function`;
const INDEX_OUT_OF_RANGE = `${INVALID_DESTINATION}: wildcard index out of range`;
const NOT_ENOUGH_ARGS = `${INVALID_DESTINATION}: not enough arguments passed to the function`;
const INVALID_ARG = `${INVALID_DESTINATION}: function argument is invalid or in the wrong format`;
const TOO_MANY_ARGS = `${INVALID_DESTINATION}: too many arguments passed to the function`;

/** nats-server's mappingDestinationErr text. */
const inToken = (error: string, token: string): string => `${error} in ${token}`;

/** Go's strconv.Atoi: an optional sign and decimal digits that fit in an int64. */
function atoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value > 9223372036854775807n || value < -9223372036854775808n) return undefined;
  return Number(value);
}

const trimSpaces = (text: string): string => text.replace(/^ +| +$/g, '');

function functionArgs(regex: RegExp, token: string): string[] | undefined {
  const match = regex.exec(token);
  return match === null ? undefined : (match[1] ?? '').split(COMMA);
}

/** The functions a destination token may call (nats-server's transform types). */
export type TransformFunction =
  | 'wildcard'
  | 'partition'
  | 'splitFromLeft'
  | 'splitFromRight'
  | 'sliceFromLeft'
  | 'sliceFromRight'
  | 'split'
  | 'left'
  | 'right';

/**
 * A destination token that calls a function: the wildcard indexes (1-based) it
 * reads, its integer argument (partitions, positions, sizes) and its string
 * argument (split's delimiter).
 */
export interface TransformCall {
  readonly fn: TransformFunction;
  readonly indexes: number[];
  readonly int: number;
  readonly text: string;
}

/** nats-server's indexPlaceHolders: a literal token (undefined), a function call, or the error. */
export type Placeholder = undefined | TransformCall | { readonly error: string };

const call = (fn: TransformFunction, indexes: number[], int = -1, text = ''): TransformCall => ({
  fn,
  indexes,
  int,
  text,
});

/** Two arguments, a wildcard index and an integer (SplitFromLeft, Left, ...). */
function indexAndInt(fn: TransformFunction, token: string, args: string[]): Placeholder {
  if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
  if (args.length > 2) return { error: inToken(TOO_MANY_ARGS, token) };
  const index = atoi(trimSpaces(args[0]));
  const int = atoi(trimSpaces(args[1]));
  if (index === undefined || int === undefined) return { error: inToken(INVALID_ARG, token) };
  // Go keeps it as an int32.
  return call(fn, [index], int | 0);
}

/** What a destination token asks for, in nats-server's order of trying the functions. */
export function placeholder(token: string): Placeholder {
  const length = token.length;
  if (length <= 1) return undefined;
  if (token.startsWith('$')) {
    // The old $1 form; anything else starting with '$' is a literal token.
    const index = atoi(token.slice(1));
    return index === undefined ? undefined : call('wildcard', [index]);
  }
  if (!(length > 4 && token.startsWith('{{') && token.endsWith('}}'))) return undefined;
  let args = functionArgs(WILDCARD, token);
  if (args !== undefined) {
    if (args.length === 1 && args[0] === '') return { error: inToken(NOT_ENOUGH_ARGS, token) };
    if (args.length > 1) return { error: inToken(TOO_MANY_ARGS, token) };
    const index = atoi(trimSpaces(args[0]));
    if (index === undefined) return { error: inToken(INVALID_ARG, token) };
    return call('wildcard', [index]);
  }
  args = functionArgs(PARTITION, token);
  if (args !== undefined) {
    if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
    const numbers = args.map((arg) => atoi(trimSpaces(arg)));
    if (numbers.some((value) => value === undefined)) return { error: inToken(INVALID_ARG, token) };
    const [partitions, ...indexes] = numbers as number[];
    return call('partition', indexes, partitions | 0);
  }
  const indexAndIntFunctions: [RegExp, TransformFunction][] = [
    [SPLIT_FROM_LEFT, 'splitFromLeft'],
    [SPLIT_FROM_RIGHT, 'splitFromRight'],
    [SLICE_FROM_LEFT, 'sliceFromLeft'],
    [SLICE_FROM_RIGHT, 'sliceFromRight'],
    [RIGHT, 'right'],
    [LEFT, 'left'],
  ];
  for (const [regex, name] of indexAndIntFunctions) {
    args = functionArgs(regex, token);
    if (args !== undefined) return indexAndInt(name, token, args);
  }
  args = functionArgs(SPLIT, token);
  if (args !== undefined) {
    if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
    if (args.length > 2) return { error: inToken(TOO_MANY_ARGS, token) };
    const index = atoi(trimSpaces(args[0]));
    if (index === undefined || args[1].includes(' ') || args[1].includes('.')) {
      return { error: inToken(INVALID_ARG, token) };
    }
    return call('split', [index], -1, args[1]);
  }
  return { error: inToken(UNKNOWN_FUNCTION, token) };
}

/** nats-server's subjectInfo: valid (no whitespace check), tokens, '*' count, ends in '>'. */
export function subjectInfo(subject: string) {
  if (subject === '') return undefined;
  const tokens = subject.split('.');
  let partials = 0;
  let full = false;
  for (const token of tokens) {
    if (token === '' || full) return undefined;
    if (token === '>') full = true;
    else if (token === '*') partials++;
  }
  return { tokens, partials, full };
}

/**
 * Why nats-server's NewSubjectTransform(source, destination) would fail, or
 * undefined when it accepts them. An empty destination is no transform (accepted);
 * an empty source means '>'.
 */
export function subjectTransformError(source: string, destination: string): string | undefined {
  if (destination === '') return undefined;
  const src = subjectInfo(source === '' ? '>' : source);
  const dest = subjectInfo(destination);
  if (src === undefined || dest === undefined || dest.partials > 0 || src.full !== dest.full) {
    return ERR_BAD_SUBJECT;
  }
  for (const token of dest.tokens) {
    const found = placeholder(token);
    if (found === undefined) continue;
    if ('error' in found) return found.error;
    // A source without '*' has nothing for a function to refer to.
    if (src.partials === 0) return inToken(INDEX_OUT_OF_RANGE, token);
    for (const index of found.indexes) {
      if (index > src.partials) return inToken(INDEX_OUT_OF_RANGE, `${token}: [${index}]`);
    }
  }
  return undefined;
}

/**
 * Why nats-server's ValidateMappingDestination would reject a destination, or
 * undefined. Like nats-server it does not know Left() and Right() here.
 */
export function mappingDestinationError(destination: string): string | undefined {
  if (destination === '') return undefined;
  let full = false;
  for (const token of destination.split('.')) {
    if (token === '' || full) return inToken(ERR_INVALID_MAPPING_DESTINATION_SUBJECT, token);
    if (token.length > 4 && token.startsWith('{{') && token.endsWith('}}')) {
      const known = [
        PARTITION,
        WILDCARD,
        SPLIT_FROM_LEFT,
        SPLIT_FROM_RIGHT,
        SLICE_FROM_LEFT,
        SLICE_FROM_RIGHT,
        SPLIT,
      ].some((regex) => regex.test(token));
      if (!known) return inToken(UNKNOWN_FUNCTION, token);
      continue;
    }
    if (token === '>') full = true;
    else if (/[\t\n\f\r ]/.test(token)) return ERR_INVALID_MAPPING_DESTINATION_SUBJECT;
  }
  return undefined;
}
