// A client's publish, subscribe and delivery checks, as nats-server's client.go
// makes them: setPermissions, pubAllowedFullCheck, canSubscribe, checkDenySub,
// and the reply tracking of deliverMsg / pruneReplyPerms for allow_responses.

import {
  DEFAULT_ALLOW_RESPONSE_EXPIRATION_MS,
  DEFAULT_ALLOW_RESPONSE_MAX_MSGS,
  type Permissions,
  type ResponsePermission,
} from '@tsnats/config';
import { SubjectList, hasWildcard, isSubsetMatch, queueMatches } from './subjects.js';

// client.go's bounds.
const MAX_PERM_CACHE_SIZE = 128;
const MAX_DENY_PERM_CACHE_SIZE = 256;
const PRUNE_SIZE = 32;
const REPLY_PERM_LIMIT = 4096;

/** Go's sysGroup. */
const SYS_QUEUE_GROUP = '_sys_';

/**
 * processSub refuses this queue group to every client, with or without
 * permissions, with the usual subscription violation.
 */
export function isReservedQueue(queue: string): boolean {
  return queue === SYS_QUEUE_GROUP;
}

/**
 * Go's isReservedReply: service import, JetStream ack and gateway reply
 * prefixes, which a client may not use as its reply (see replyViolation).
 */
export function isReservedReply(reply: string): boolean {
  return (
    reply.startsWith('_R_.') ||
    (reply.length > 8 && reply.startsWith('$JS.ACK.')) ||
    (reply.length > 5 && reply.startsWith('_GR_.'))
  );
}

/**
 * auth.go's validateResponsePermissions, on a copy: allow_responses turns the
 * blanket publish allow off (an unset allow list becomes an empty one) and
 * zero max / expiry mean the defaults.
 */
export function withResponseDefaults(p: Permissions): Permissions {
  const r = p.allowResponses;
  if (r === undefined) return p;
  return {
    ...p,
    publish: { ...p.publish, allow: p.publish?.allow ?? [] },
    allowResponses: {
      max: r.max === 0 ? DEFAULT_ALLOW_RESPONSE_MAX_MSGS : r.max,
      expiresMs: r.expiresMs === 0 ? DEFAULT_ALLOW_RESPONSE_EXPIRATION_MS : r.expiresMs,
    },
  };
}

interface Rules {
  // Go builds the publish allow list when it is set at all, even empty (which
  // then allows nothing), but the other lists only when they have entries.
  readonly pubAllow: SubjectList | undefined;
  readonly pubDeny: SubjectList | undefined;
  readonly subAllow: SubjectList | undefined;
  readonly subDeny: SubjectList | undefined;
  /** Subscribe deny entries as written (Go's darray). */
  readonly denyEntries: readonly string[];
  /** loadMsgDenyFilter inserts them unsplit: "subject queue" entries never match a delivery. */
  readonly deliverDeny: SubjectList;
  readonly responses: ResponsePermission | undefined;
}

// Every client of a user gets the same Permissions object, so they share the lists.
const compiled = new WeakMap<Permissions, Rules>();

function compile(permissions: Permissions): Rules {
  let rules = compiled.get(permissions);
  if (rules !== undefined) return rules;
  const p = withResponseDefaults(permissions);
  const list = (subjects: string[] | undefined, withQueues: boolean, evenEmpty = false) =>
    subjects !== undefined && (evenEmpty || subjects.length > 0)
      ? new SubjectList(subjects, withQueues)
      : undefined;
  const denyEntries = p.subscribe?.deny ?? [];
  rules = {
    pubAllow: list(p.publish?.allow, false, true),
    pubDeny: list(p.publish?.deny, false),
    subAllow: list(p.subscribe?.allow, true),
    subDeny: list(denyEntries, true),
    denyEntries,
    deliverDeny: new SubjectList(denyEntries, false),
    responses: p.allowResponses,
  };
  compiled.set(permissions, rules);
  return rules;
}

/** Adds to a bounded cache, dropping the oldest entries past its size. */
function remember(cache: Map<string, boolean>, key: string, value: boolean, max: number): void {
  cache.set(key, value);
  if (cache.size <= max) return;
  let dropped = 0;
  for (const k of cache.keys()) {
    cache.delete(k);
    if (++dropped >= PRUNE_SIZE) break;
  }
}

interface Reply {
  /** When the request carrying it was delivered, ms. */
  readonly t: number;
  /** Responses published to it so far. */
  n: number;
}

/** One client's permission state: create one per connection. */
export class PermissionChecker {
  private readonly rules: Rules;
  private readonly publishCache = new Map<string, boolean>();
  private readonly deliverCache = new Map<string, boolean>();
  private readonly replies = new Map<string, Reply>();
  // Go filters deliveries by the deny list only once it has allowed a wildcard
  // subscription that overlaps a deny entry (canSubscribe → loadMsgDenyFilter).
  private filterDeliveries = false;

  constructor(permissions: Permissions) {
    this.rules = compile(permissions);
  }

  /** May the client publish to this subject? Uses up one allow_responses grant if that is what allows it. */
  canPublish(subject: string, now = Date.now()): boolean {
    const { pubAllow, pubDeny } = this.rules;
    if (pubAllow === undefined && pubDeny === undefined) return true;
    // Go caches no verdict for subjects it denied while tracking replies; caching
    // the lists' verdict and asking the replies afterwards answers the same.
    let allowed = this.publishCache.get(subject);
    if (allowed === undefined) {
      allowed =
        (pubAllow === undefined || pubAllow.hasInterest(subject)) &&
        !(pubDeny?.hasInterest(subject) ?? false);
      remember(this.publishCache, subject, allowed, MAX_PERM_CACHE_SIZE);
    }
    // A granted reply beats the deny list too, as in Go.
    return allowed || this.useReply(subject, now);
  }

  /**
   * May the client subscribe, optionally in this queue group? Allow and deny
   * entries "subject queue" grant or refuse queue subscriptions only; for a
   * queue subscription, matching queue entries decide over plain ones.
   */
  canSubscribe(subject: string, queue?: string): boolean {
    if (queue !== undefined && isReservedQueue(queue)) return false;
    const q = queue ?? '';
    const { subAllow, subDeny } = this.rules;
    let allowed = true;
    if (subAllow !== undefined) {
      const m = subAllow.match(subject);
      allowed = m.plain;
      if (q !== '' && m.queues.length > 0) allowed = queueMatches(q, m.queues);
    }
    if (allowed && subDeny !== undefined) {
      const m = subDeny.match(subject);
      allowed = !m.plain;
      if (q !== '' && m.queues.length > 0) allowed = !queueMatches(q, m.queues);
      if (allowed && !this.filterDeliveries && hasWildcard(subject)) {
        this.filterDeliveries = this.rules.denyEntries.some((d) => isSubsetMatch(d, subject));
      }
    }
    return allowed;
  }

  /**
   * May a message on this (literal) subject be delivered to the client? False
   * when a subscribe deny entry matches it, once the client holds a wildcard
   * subscription that overlaps the deny list (checkDenySub).
   */
  canDeliver(subject: string): boolean {
    if (!this.filterDeliveries) return true;
    let denied = this.deliverCache.get(subject);
    if (denied === undefined) {
      denied = this.rules.deliverDeny.hasInterest(subject);
      remember(this.deliverCache, subject, denied, MAX_DENY_PERM_CACHE_SIZE);
    }
    return !denied;
  }

  /**
   * Call for each message delivered to the client that has a reply subject:
   * with allow_responses, the client may then publish to that reply (deliverMsg).
   * A reply delivered again gets a fresh grant.
   */
  noteReply(reply: string, now = Date.now()): void {
    const responses = this.rules.responses;
    if (responses === undefined) return;
    this.replies.delete(reply); // re-inserted at the newest end
    this.replies.set(reply, { t: now, n: 0 });
    if (this.replies.size > REPLY_PERM_LIMIT) this.pruneReplies(responses, now);
  }

  /** Sizes of the per-client tables, all bounded. */
  stats(): { publishCache: number; deliverCache: number; replies: number } {
    return {
      publishCache: this.publishCache.size,
      deliverCache: this.deliverCache.size,
      replies: this.replies.size,
    };
  }

  private useReply(subject: string, now: number): boolean {
    const responses = this.rules.responses;
    const reply = this.replies.get(subject);
    if (responses === undefined || reply === undefined) return false;
    reply.n++;
    const { max, expiresMs } = responses;
    if ((max > 0 && reply.n > max) || (expiresMs > 0 && now - reply.t > expiresMs)) {
      this.replies.delete(subject);
      return false;
    }
    return true;
  }

  private pruneReplies({ max, expiresMs }: ResponsePermission, now: number): void {
    for (const [reply, r] of this.replies) {
      if ((max > 0 && r.n >= max) || (expiresMs > 0 && now - r.t > expiresMs)) {
        this.replies.delete(reply);
      }
    }
    // Go stops here, so replies that never expire grow without end; drop the
    // oldest grants instead, a batch at a time so that pruning stays rare.
    if (this.replies.size <= REPLY_PERM_LIMIT) return;
    for (const reply of this.replies.keys()) {
      this.replies.delete(reply);
      if (this.replies.size <= REPLY_PERM_LIMIT - PRUNE_SIZE) break;
    }
  }
}
