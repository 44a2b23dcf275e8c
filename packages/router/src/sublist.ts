import { MatchCache } from './match-cache.js';
import { FULL_WILDCARD, isLiteralSubject, SINGLE_WILDCARD } from './subject.js';

/**
 * What the sublist stores. The caller owns the object: identity matters, not
 * value, so two equal-looking subscriptions are two subscriptions.
 */
export interface Subscription {
  readonly subject: string;
  /** Queue group name; subscriptions with one deliver to one member per group. */
  readonly queue?: string | undefined;
}

/**
 * Who a message on a literal subject goes to. Results are shared with the
 * cache and other callers: treat them as read-only.
 */
export interface MatchResult<T extends Subscription> {
  readonly plain: readonly T[];
  /** One array per queue group name, every member of that group that matched. */
  readonly queue: readonly (readonly T[])[];
}

export class InvalidSubjectError extends Error {
  override readonly name = 'InvalidSubjectError';
}

class SubjectNode<T extends Subscription> {
  next: Level<T> | undefined;
  readonly plain = new Set<T>();
  // Few queue groups per subject in practice; a Map keeps lookups by name simple.
  queues: Map<string, Set<T>> | undefined;

  isEmpty(): boolean {
    return this.plain.size === 0 && this.queues === undefined && this.next === undefined;
  }
}

class Level<T extends Subscription> {
  literal: Map<string, SubjectNode<T>> | undefined;
  singleWildcard: SubjectNode<T> | undefined;
  fullWildcard: SubjectNode<T> | undefined;

  isEmpty(): boolean {
    return (
      this.literal === undefined &&
      this.singleWildcard === undefined &&
      this.fullWildcard === undefined
    );
  }

  child(token: string): SubjectNode<T> | undefined {
    if (token === SINGLE_WILDCARD) return this.singleWildcard;
    if (token === FULL_WILDCARD) return this.fullWildcard;
    return this.literal?.get(token);
  }

  addChild(token: string): SubjectNode<T> {
    const node = new SubjectNode<T>();
    if (token === SINGLE_WILDCARD) this.singleWildcard = node;
    else if (token === FULL_WILDCARD) this.fullWildcard = node;
    else (this.literal ??= new Map()).set(token, node);
    return node;
  }

  removeChild(token: string): void {
    if (token === SINGLE_WILDCARD) this.singleWildcard = undefined;
    else if (token === FULL_WILDCARD) this.fullWildcard = undefined;
    else if (this.literal !== undefined) {
      this.literal.delete(token);
      if (this.literal.size === 0) this.literal = undefined;
    }
  }
}

export interface SublistStats {
  subscriptions: number;
  /** Trie nodes in use; zero when the sublist is empty (nothing leaks on churn). */
  nodes: number;
  cacheEntries: number;
  inserts: number;
  removes: number;
  matches: number;
  cacheHits: number;
}

const EMPTY_RESULT: MatchResult<never> = Object.freeze({
  plain: Object.freeze([]),
  queue: Object.freeze([]),
});

/**
 * The subscription trie: one level per subject token, with `*` and `>` children
 * beside the literal ones (nats-server server/sublist.go). Matches are cached
 * per literal subject; inserts and removes update or evict only the entries
 * they affect, and bump `generation` so callers' own caches know to refresh.
 */
export class Sublist<T extends Subscription = Subscription> {
  readonly #root = new Level<T>();
  readonly #cache: MatchCache<MatchResult<T>>;
  #count = 0;
  #nodes = 0;
  #generation = 0;
  #inserts = 0;
  #removes = 0;
  #matches = 0;
  #cacheHits = 0;

  constructor(options: { cacheSize?: number } = {}) {
    this.#cache = new MatchCache(options.cacheSize);
  }

  /** Changes on every insert and remove: a caller's cache built at another generation is stale. */
  get generation(): number {
    return this.#generation;
  }

  count(): number {
    return this.#count;
  }

  /** Adds a subscription. Throws InvalidSubjectError for an invalid subject. */
  insert(subscription: T): void {
    const tokens = subscription.subject.split('.');
    // Check the whole subject first, so a bad one leaves no half-built branch behind.
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === '' || (token === FULL_WILDCARD && i !== tokens.length - 1)) {
        throw new InvalidSubjectError(`invalid subject: ${JSON.stringify(subscription.subject)}`);
      }
    }
    let level = this.#root;
    let node: SubjectNode<T> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      node = level.child(token);
      if (node === undefined) {
        node = level.addChild(token);
        this.#nodes++;
      }
      if (i < tokens.length - 1) level = node.next ??= new Level<T>();
    }
    const leaf = node as SubjectNode<T>;
    const queue = subscription.queue;
    if (queue === undefined) {
      if (leaf.plain.has(subscription)) return;
      leaf.plain.add(subscription);
    } else {
      leaf.queues ??= new Map();
      let members = leaf.queues.get(queue);
      if (members === undefined) leaf.queues.set(queue, (members = new Set()));
      if (members.has(subscription)) return;
      members.add(subscription);
    }
    this.#count++;
    this.#inserts++;
    this.#generation++;
    this.#addToCache(subscription);
  }

  /** Removes a subscription; returns false when it was not in the sublist. */
  remove(subscription: T): boolean {
    const tokens = subscription.subject.split('.');
    // The path down, so emptied nodes can be pruned on the way back up.
    const levels: Level<T>[] = [];
    const nodes: SubjectNode<T>[] = [];
    let level: Level<T> | undefined = this.#root;
    for (const token of tokens) {
      if (level === undefined) return false;
      const node = level.child(token);
      if (node === undefined) return false;
      levels.push(level);
      nodes.push(node);
      level = node.next;
    }
    const leaf = nodes[nodes.length - 1];
    if (!removeFromNode(leaf, subscription)) return false;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node.next?.isEmpty()) node.next = undefined;
      if (!node.isEmpty()) break;
      levels[i].removeChild(tokens[i]);
      this.#nodes--;
    }
    this.#count--;
    this.#removes++;
    this.#generation++;
    this.#removeFromCache(subscription.subject);
    return true;
  }

  /** Everyone a message on the literal `subject` goes to. */
  match(subject: string): MatchResult<T> {
    this.#matches++;
    // A reply inbox or a JetStream ack subject is matched once (one request,
    // one delivery): caching it only evicts subjects that come again, and sweeps.
    const cacheable = !isOneOff(subject);
    if (cacheable) {
      const cached = this.#cache.get(subject);
      if (cached !== undefined) {
        this.#cacheHits++;
        return cached;
      }
    }
    // As nats-server: a subject with an empty token ('', 'foo.', 'a..b') goes to
    // nobody, and is not cached.
    if (hasEmptyToken(subject)) return EMPTY_RESULT;
    const result = new ResultBuilder<T>();
    const tokenCount = tokenizeInto(subject, matchTokens);
    matchLevel(this.#root, matchTokens, 0, tokenCount, result);
    const built = result.isEmpty() ? (EMPTY_RESULT as MatchResult<T>) : result;
    if (cacheable) this.#cache.set(subject, built);
    return built;
  }

  hasInterest(subject: string): boolean {
    const result = this.match(subject);
    return result.plain.length > 0 || result.queue.length > 0;
  }

  stats(): SublistStats {
    return {
      subscriptions: this.#count,
      nodes: this.#nodes,
      cacheEntries: this.#cache.size,
      inserts: this.#inserts,
      removes: this.#removes,
      matches: this.#matches,
      cacheHits: this.#cacheHits,
    };
  }

  #addToCache(subscription: T): void {
    const subject = subscription.subject;
    // A literal subscription can only change its own subject's entry.
    if (isLiteralSubject(subject)) {
      const cached = this.#cache.get(subject);
      if (cached !== undefined)
        this.#cache.replace(subject, withSubscription(cached, subscription));
      return;
    }
    this.#cache.updateMatching(subject, (cached) => withSubscription(cached, subscription));
  }

  #removeFromCache(subject: string): void {
    if (isLiteralSubject(subject)) this.#cache.delete(subject);
    else this.#cache.deleteMatching(subject);
  }
}

/** `_INBOX.…` (a client's reply subject, one per request) or `$JS.ACK.…` (one per delivery). */
function isOneOff(subject: string): boolean {
  const first = subject.charCodeAt(0);
  if (first === 95 /* _ */) return subject.startsWith('_INBOX.');
  return first === 36 /* $ */ && subject.startsWith('$JS.ACK.');
}

function removeFromNode<T extends Subscription>(node: SubjectNode<T>, subscription: T): boolean {
  const queue = subscription.queue;
  if (queue === undefined) return node.plain.delete(subscription);
  const members = node.queues?.get(queue);
  if (members === undefined || !members.delete(subscription)) return false;
  if (members.size === 0) {
    node.queues?.delete(queue);
    if (node.queues?.size === 0) node.queues = undefined;
  }
  return true;
}

/** Collects a match: plain subscribers, and queue members grouped by name across nodes. */
class ResultBuilder<T extends Subscription> implements MatchResult<T> {
  readonly plain: T[] = [];
  readonly queue: T[][] = [];

  isEmpty(): boolean {
    return this.plain.length === 0 && this.queue.length === 0;
  }

  addNode(node: SubjectNode<T>): void {
    for (const subscription of node.plain) this.plain.push(subscription);
    if (node.queues === undefined) return;
    for (const [name, members] of node.queues) {
      const group = this.#group(name);
      for (const member of members) group.push(member);
    }
  }

  #group(name: string): T[] {
    // Linear: a subject rarely has more than a handful of queue groups.
    for (const group of this.queue) if (group[0].queue === name) return group;
    const group: T[] = [];
    this.queue.push(group);
    return group;
  }
}

function hasEmptyToken(subject: string): boolean {
  return (
    subject === '' || subject.startsWith('.') || subject.endsWith('.') || subject.includes('..')
  );
}

// Tokens of the subject being matched, reused from match to match: `split`
// would allocate a fresh array every time (nats-server uses a stack array).
const matchTokens: string[] = [];

function tokenizeInto(subject: string, tokens: string[]): number {
  let count = 0;
  let start = 0;
  for (let dot = subject.indexOf('.'); dot >= 0; dot = subject.indexOf('.', start)) {
    tokens[count++] = subject.slice(start, dot);
    start = dot + 1;
  }
  tokens[count++] = subject.slice(start);
  return count;
}

// As nats-server's matchLevel: at each level, a '>' child matches everything
// from here on, a '*' child matches this token (recurse), and the literal child
// continues the walk.
function matchLevel<T extends Subscription>(
  start: Level<T>,
  tokens: readonly string[],
  from: number,
  tokenCount: number,
  result: ResultBuilder<T>,
): void {
  let level: Level<T> | undefined = start;
  let node: SubjectNode<T> | undefined;
  let singleWildcard: SubjectNode<T> | undefined;
  for (let i = from; i < tokenCount; i++) {
    if (level === undefined) return;
    if (level.fullWildcard !== undefined) result.addNode(level.fullWildcard);
    singleWildcard = level.singleWildcard;
    if (singleWildcard?.next !== undefined) {
      matchLevel(singleWildcard.next, tokens, i + 1, tokenCount, result);
    }
    node = level.literal?.get(tokens[i]);
    level = node?.next;
  }
  if (node !== undefined) result.addNode(node);
  if (singleWildcard !== undefined) result.addNode(singleWildcard);
}

/** A copy of `result` with one more subscription (results are shared, so never mutated). */
function withSubscription<T extends Subscription>(
  result: MatchResult<T>,
  subscription: T,
): MatchResult<T> {
  const queue = subscription.queue;
  if (queue === undefined) {
    return { plain: [...result.plain, subscription], queue: result.queue };
  }
  let found = false;
  const groups = result.queue.map((group) => {
    if (group[0].queue !== queue) return group;
    found = true;
    return [...group, subscription];
  });
  if (!found) groups.push([subscription]);
  return { plain: result.plain, queue: groups };
}
