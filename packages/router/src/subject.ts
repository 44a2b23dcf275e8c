// Subject rules, as nats-server's server/sublist.go: tokens are separated by '.',
// a token that is exactly '*' matches one token, a token that is exactly '>'
// matches one or more trailing tokens. A '*' or '>' inside a longer token is a
// literal character.

export const TOKEN_SEPARATOR = '.';
export const SINGLE_WILDCARD = '*';
export const FULL_WILDCARD = '>';

const SEPARATOR_CODE = 46; // .
const SINGLE_WILDCARD_CODE = 42; // *
const FULL_WILDCARD_CODE = 62; // >

function isWhitespace(code: number): boolean {
  // nats-server rejects these five: " \t\n\f\r".
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * A valid subscription subject: non-empty tokens, no whitespace, and '>' only as
 * the last token (nats-server `IsValidSubject`).
 */
export function isValidSubject(subject: string): boolean {
  return checkSubject(subject, true);
}

/** A valid subject with no wildcard tokens: what PUB may use (nats-server `IsValidPublishSubject`). */
export function isValidPublishSubject(subject: string): boolean {
  return checkSubject(subject, false);
}

function checkSubject(subject: string, wildcardsAllowed: boolean): boolean {
  const length = subject.length;
  if (length === 0) return false;
  let tokenStart = 0;
  let sawFullWildcard = false;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? subject.charCodeAt(i) : SEPARATOR_CODE;
    if (code === SEPARATOR_CODE) {
      const tokenLength = i - tokenStart;
      if (tokenLength === 0 || sawFullWildcard) return false;
      if (tokenLength === 1) {
        const only = subject.charCodeAt(tokenStart);
        if (only === FULL_WILDCARD_CODE) {
          if (!wildcardsAllowed) return false;
          sawFullWildcard = true;
        } else if (only === SINGLE_WILDCARD_CODE && !wildcardsAllowed) return false;
      }
      tokenStart = i + 1;
    } else if (isWhitespace(code)) return false;
  }
  return true;
}

/** True when the subject has no wildcard tokens (it need not be valid). */
export function isLiteralSubject(subject: string): boolean {
  const length = subject.length;
  for (let i = 0; i < length; i++) {
    const code = subject.charCodeAt(i);
    if (code !== SINGLE_WILDCARD_CODE && code !== FULL_WILDCARD_CODE) continue;
    const startsToken = i === 0 || subject.charCodeAt(i - 1) === SEPARATOR_CODE;
    const endsToken = i === length - 1 || subject.charCodeAt(i + 1) === SEPARATOR_CODE;
    if (startsToken && endsToken) return false;
  }
  return true;
}

export function tokenize(subject: string): string[] {
  return subject.split(TOKEN_SEPARATOR);
}

/**
 * Does the literal subject match the (possibly wildcard) filter? This is the
 * test a subscription on `filter` applies to a message on `literal`. Scans
 * characters without splitting (nats-server `matchLiteral`), because the match
 * cache runs it over every cached subject when a wildcard subscription comes or goes.
 */
export function subjectMatches(literal: string, filter: string): boolean {
  const literalLength = literal.length;
  const filterLength = filter.length;
  let li = 0;
  for (let i = 0; i < filterLength; i++) {
    if (li >= literalLength) return false;
    const code = filter.charCodeAt(i);
    const startsToken = i === 0 || filter.charCodeAt(i - 1) === SEPARATOR_CODE;
    if (code === SINGLE_WILDCARD_CODE && startsToken) {
      if (i === filterLength - 1) {
        // '*' is the last token: the rest of the literal must be one token.
        for (; li < literalLength; li++) {
          if (literal.charCodeAt(li) === SEPARATOR_CODE) return false;
        }
        return true;
      }
      if (filter.charCodeAt(i + 1) === SEPARATOR_CODE) {
        // Skip one literal token; both now stand on a separator.
        while (li < literalLength && literal.charCodeAt(li) !== SEPARATOR_CODE) li++;
        if (li >= literalLength) return false;
        i++;
      }
    } else if (code === FULL_WILDCARD_CODE && startsToken && i === filterLength - 1) {
      return true;
    }
    if (filter.charCodeAt(i) !== literal.charCodeAt(li)) return false;
    li++;
  }
  return li >= literalLength;
}

/**
 * Is every subject `subject` matches also matched by `test`? Both may have
 * wildcards: `foo.*` is a subset of `>`, `*.*` and `foo.*`, but not of `foo.bar`
 * (nats-server `subjectIsSubsetMatch`).
 */
export function isSubsetMatch(subject: string, test: string): boolean {
  const tokens = tokenize(subject);
  const testTokens = tokenize(test);
  if (tokens.includes('') || testTokens.includes('')) return false;
  for (let i = 0; i < testTokens.length; i++) {
    const testToken = testTokens[i];
    if (testToken === FULL_WILDCARD) return i < tokens.length;
    if (i >= tokens.length) return false;
    const token = tokens[i];
    if (token === FULL_WILDCARD) return false;
    if (token === SINGLE_WILDCARD) {
      if (testToken !== SINGLE_WILDCARD) return false;
      continue;
    }
    if (testToken !== SINGLE_WILDCARD && testToken !== token) return false;
  }
  return tokens.length === testTokens.length;
}

/**
 * Could one literal subject match both filters? Used to reject JetStream streams
 * whose subjects overlap (nats-server `SubjectsCollide`).
 */
export function subjectsCollide(a: string, b: string): boolean {
  const tokensA = tokenize(a);
  const tokensB = tokenize(b);
  // An empty token makes a subject invalid: nothing can match it.
  if (tokensA.includes('') || tokensB.includes('')) return false;
  if (a === b) return true;
  const fullA = tokensA[tokensA.length - 1] === FULL_WILDCARD;
  const fullB = tokensB[tokensB.length - 1] === FULL_WILDCARD;
  if (tokensA.length !== tokensB.length) {
    // The shorter one must end in '>' to cover the longer one's extra tokens.
    if (tokensA.length < tokensB.length ? !fullA : !fullB) return false;
  }
  const shared = Math.min(tokensA.length, tokensB.length);
  for (let i = 0; i < shared; i++) {
    const tokenA = tokensA[i];
    const tokenB = tokensB[i];
    if (tokenA === SINGLE_WILDCARD || tokenB === SINGLE_WILDCARD) continue;
    if (tokenA === FULL_WILDCARD || tokenB === FULL_WILDCARD) return true;
    if (tokenA !== tokenB) return false;
  }
  return true;
}
