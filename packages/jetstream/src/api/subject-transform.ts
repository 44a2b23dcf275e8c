// Validation of subject transforms (stream subject_transform, republish, source and
// mirror subject_transforms) with nats-server's error texts, as
// server/subject_transform.go's NewSubjectTransform and sublist.go's
// ValidateMappingDestination. Only the checks: applying a transform is the
// stream's business.

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

type Placeholder = { transform: boolean; indexes: number[] } | { error: string };

/** Two arguments, a wildcard index and an integer (SplitFromLeft, Left, ...). */
function indexAndInt(token: string, args: string[]): Placeholder {
  if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
  if (args.length > 2) return { error: inToken(TOO_MANY_ARGS, token) };
  const index = atoi(trimSpaces(args[0]));
  if (index === undefined || atoi(trimSpaces(args[1])) === undefined) {
    return { error: inToken(INVALID_ARG, token) };
  }
  return { transform: true, indexes: [index] };
}

/** nats-server's indexPlaceHolders: what a destination token asks for. */
function placeholder(token: string): Placeholder {
  const length = token.length;
  if (length <= 1) return { transform: false, indexes: [] };
  if (token.startsWith('$')) {
    // The old $1 form; anything else starting with '$' is a literal token.
    const index = atoi(token.slice(1));
    return index === undefined
      ? { transform: false, indexes: [] }
      : { transform: true, indexes: [index] };
  }
  if (!(length > 4 && token.startsWith('{{') && token.endsWith('}}'))) {
    return { transform: false, indexes: [] };
  }
  let args = functionArgs(WILDCARD, token);
  if (args !== undefined) {
    if (args.length === 1 && args[0] === '') return { error: inToken(NOT_ENOUGH_ARGS, token) };
    if (args.length > 1) return { error: inToken(TOO_MANY_ARGS, token) };
    const index = atoi(trimSpaces(args[0]));
    if (index === undefined) return { error: inToken(INVALID_ARG, token) };
    return { transform: true, indexes: [index] };
  }
  args = functionArgs(PARTITION, token);
  if (args !== undefined) {
    if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
    const numbers = args.map((arg) => atoi(trimSpaces(arg)));
    if (numbers.some((value) => value === undefined)) return { error: inToken(INVALID_ARG, token) };
    return { transform: true, indexes: numbers.slice(1) as number[] };
  }
  for (const regex of [
    SPLIT_FROM_LEFT,
    SPLIT_FROM_RIGHT,
    SLICE_FROM_LEFT,
    SLICE_FROM_RIGHT,
    RIGHT,
    LEFT,
  ]) {
    args = functionArgs(regex, token);
    if (args !== undefined) return indexAndInt(token, args);
  }
  args = functionArgs(SPLIT, token);
  if (args !== undefined) {
    if (args.length < 2) return { error: inToken(NOT_ENOUGH_ARGS, token) };
    if (args.length > 2) return { error: inToken(TOO_MANY_ARGS, token) };
    const index = atoi(trimSpaces(args[0]));
    if (index === undefined || args[1].includes(' ') || args[1].includes('.')) {
      return { error: inToken(INVALID_ARG, token) };
    }
    return { transform: true, indexes: [index] };
  }
  return { error: inToken(UNKNOWN_FUNCTION, token) };
}

/** nats-server's subjectInfo: valid (no whitespace check), tokens, '*' count, ends in '>'. */
function subjectInfo(subject: string) {
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
    if ('error' in found) return found.error;
    if (!found.transform) continue;
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
