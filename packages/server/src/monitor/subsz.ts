// /subsz (alias /subscriptionsz): the subscription trie's statistics and,
// on request, the subscriptions themselves (nats-server 2.10's Subsz and
// SublistStats in server/monitor.go and server/sublist.go).
import { isValidPublishSubject, subjectMatches } from '@tsnats/router';
import type { NatsServer } from '../server.js';
import { DEFAULT_LIST_SIZE, GLOBAL_ACCOUNT, subDetail, type SubDetail } from './connz.js';
import { goTime } from './go-format.js';
import { MonitorQueryError } from './query.js';

export interface SubszOptions {
  /** List the subscriptions (paged by offset and limit). */
  subscriptions?: boolean;
  offset?: number;
  /** Default 1024. */
  limit?: number;
  /** Only the subscriptions a message published on this literal subject would reach. */
  test?: string;
  /** Only this account's; tsnats has only the global account, $G. */
  account?: string;
}

export interface SublistStats {
  num_subscriptions: number;
  num_cache: number;
  num_inserts: number;
  num_removes: number;
  num_matches: number;
  cache_hit_rate: number;
  max_fanout: number;
  avg_fanout: number;
}

export interface Subsz extends SublistStats {
  server_id: string;
  now: string;
  total: number;
  offset: number;
  limit: number;
  subscriptions_list?: SubDetail[];
}

const NO_STATS: SublistStats = {
  num_subscriptions: 0,
  num_cache: 0,
  num_inserts: 0,
  num_removes: 0,
  num_matches: 0,
  cache_hit_rate: 0,
  max_fanout: 0,
  avg_fanout: 0,
};

function sublistStats(server: NatsServer): SublistStats {
  const stats = server.sublist.stats();
  return {
    num_subscriptions: stats.subscriptions,
    num_cache: stats.cacheEntries,
    num_inserts: stats.inserts,
    num_removes: stats.removes,
    num_matches: stats.matches,
    cache_hit_rate: stats.matches > 0 ? stats.cacheHits / stats.matches : 0,
    // nats-server derives fanout from its match cache's entries, which the
    // router's Sublist does not expose: reported as none.
    max_fanout: 0,
    avg_fanout: 0,
  };
}

/**
 * What HandleSubsz answers: the statistics alone, or (with subscriptions asked
 * for and some to show) Subsz with the list. Subscriptions of in-process
 * subscribers are not listed: only clients' are reachable. Throws
 * MonitorQueryError for a test subject that is not a literal one.
 */
export function subsz(
  server: NatsServer,
  options: SubszOptions = {},
  now = Date.now(),
): SublistStats | Subsz {
  const test = options.test ?? '';
  if (test !== '' && !isValidPublishSubject(test)) {
    throw new MonitorQueryError(`invalid test subject, must be valid publish subject: ${test}`);
  }
  const account = options.account ?? '';
  const known = account === '' || account === GLOBAL_ACCOUNT;
  const stats = known ? sublistStats(server) : NO_STATS;
  if (options.subscriptions !== true || !known) return stats;

  const offset = Math.max(0, options.offset ?? 0);
  const limit = (options.limit ?? 0) > 0 ? (options.limit ?? 0) : DEFAULT_LIST_SIZE;
  const details: SubDetail[] = [];
  for (const client of server.clients.values()) {
    for (const sub of client.subscriptions.values()) {
      if (test === '' || subjectMatches(test, sub.subject)) {
        details.push(subDetail(sub, GLOBAL_ACCOUNT));
      }
    }
  }
  const page = details.slice(Math.min(offset, details.length), offset + limit);
  if (page.length === 0) return stats;
  return {
    server_id: server.serverId,
    now: goTime(now),
    ...stats,
    // As nats-server: the total is the size of this page, not of the whole list.
    total: page.length,
    offset,
    limit,
    subscriptions_list: page,
  };
}
