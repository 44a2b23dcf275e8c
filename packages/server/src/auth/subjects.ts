// Permission subjects, matched the way nats-server's Sublist matches them
// (server/sublist.go). SUB subjects may hold wildcards themselves, and Go's
// matchLevel lets an entry's `*` stand for any one token of them, `>` and `*`
// included, while a literal entry token only equals the same literal: so allow
// "foo.*" admits SUB "foo.>", and allow "foo.bar" does not admit SUB "foo.*".
// The router's Sublist is for literal subjects (its cache relies on it), and
// permission lists are short, so they are scanned here instead.

const PWC = '*';
const FWC = '>';

/** Go's strings.Fields separators (unicode.IsSpace). */
const FIELD_SEPARATORS =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

interface Entry {
  readonly tokens: readonly string[];
  /** Only subscribe entries carry one ("subject queue"). */
  readonly queue: string | undefined;
}

export interface ListMatch {
  /** Some entry without a queue matched. */
  readonly plain: boolean;
  /** The queue names of the queue entries that matched. */
  readonly queues: readonly string[];
}

const NO_MATCH: ListMatch = { plain: false, queues: [] };

/** Sublist.Insert refuses empty tokens and anything after `>`. */
function insertable(tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '' || (tokens[i] === FWC && i < tokens.length - 1)) return false;
  }
  return true;
}

/** matchLevel for one entry: `>` needs at least one token left. */
function entryMatches(entry: readonly string[], subject: readonly string[]): boolean {
  for (let i = 0; i < entry.length; i++) {
    if (i >= subject.length) return false;
    const token = entry[i];
    if (token === FWC) return true;
    if (token !== PWC && token !== subject[i]) return false;
  }
  return entry.length === subject.length;
}

/** Sublist.Match and NumInterest give nothing for a subject with an empty token. */
function matchTokens(subject: string): string[] | undefined {
  const tokens = subject.split('.');
  return tokens.includes('') ? undefined : tokens;
}

/** Go's subjectHasWildcard: a `*` or `>` that is a whole token. */
export function hasWildcard(subject: string): boolean {
  for (const token of subject.split('.')) {
    if (token === PWC || token === FWC) return true;
  }
  return false;
}

/**
 * Go's subjectIsSubsetMatch(subject, test): everything `subject` matches,
 * `test` matches too. Here a `*` in `subject` is only covered by a `*` in `test`.
 */
export function isSubsetMatch(subject: string, test: string): boolean {
  const tokens = subject.split('.');
  const testTokens = test.split('.');
  for (let i = 0; i < testTokens.length; i++) {
    if (i >= tokens.length) return false;
    const t2 = testTokens[i];
    if (t2 === '') return false;
    if (t2 === FWC) return true;
    const t1 = tokens[i];
    if (t1 === '' || t1 === FWC) return false;
    if (t1 === PWC) {
      if (t2 !== PWC) return false;
      continue;
    }
    if (t2 !== PWC && t1 !== t2) return false;
  }
  return tokens.length === testTokens.length;
}

type SubjectQueue = [subject: string, queue: string | undefined];

/** Go's splitSubjectQueue; undefined for an entry setPermissions skips. */
function splitSubjectQueue(entry: string): SubjectQueue | undefined {
  const fields = entry.split(FIELD_SEPARATORS).filter((f) => f !== '');
  if (fields.length === 1) return [fields[0], undefined];
  if (fields.length === 2) return [fields[0], fields[1]];
  return undefined;
}

/** One allow or deny list: what Go builds as a permission Sublist. */
export class SubjectList {
  private readonly entries: Entry[] = [];

  /**
   * @param subjects as configured.
   * @param withQueues subscribe lists read "subject queue" entries; publish
   *   lists and the delivery deny filter take each entry whole, as Go does.
   */
  constructor(subjects: readonly string[], withQueues: boolean) {
    for (const s of subjects) {
      const split: SubjectQueue | undefined = withQueues ? splitSubjectQueue(s) : [s, undefined];
      if (split === undefined) continue;
      const tokens = split[0].split('.');
      if (insertable(tokens)) this.entries.push({ tokens, queue: split[1] });
    }
  }

  /** Sublist.Match: whether a plain entry matches and which queue entries do. */
  match(subject: string): ListMatch {
    const tokens = matchTokens(subject);
    if (tokens === undefined) return NO_MATCH;
    let plain = false;
    const queues: string[] = [];
    for (const e of this.entries) {
      if (!entryMatches(e.tokens, tokens)) continue;
      if (e.queue === undefined) plain = true;
      else queues.push(e.queue);
    }
    return { plain, queues };
  }

  /** Sublist.NumInterest(subject) != 0: any entry matches, queue or not. */
  hasInterest(subject: string): boolean {
    const tokens = matchTokens(subject);
    return tokens !== undefined && this.entries.some((e) => entryMatches(e.tokens, tokens));
  }
}

/**
 * Go's queueMatches: the queue is one of the matched entries' queues, or
 * within one that has wildcards ("v1.*" also names itself literally).
 */
export function queueMatches(queue: string, queues: readonly string[]): boolean {
  return queues.some((q) => queue === q || (hasWildcard(q) && isSubsetMatch(queue, q)));
}
