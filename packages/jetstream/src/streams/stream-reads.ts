// A stream's reads that go straight to its store: STREAM.INFO's state block
// (times as RFC 3339, the optional fields only when nats-server writes them, in
// nats-server's order) and the message lookups of MSG.GET and DIRECT.GET.

import type { StreamState as ApiStreamState } from '../api/types.js';
import { isStoreError } from '../store/errors.js';
import type { StoredMessage, StreamStore } from '../store/types.js';
import { formatTime } from './time.js';

/** What STREAM.INFO may ask for. */
export interface StateOptions {
  readonly deleted?: boolean;
  /** Per-subject counts for subjects matching this filter. */
  readonly subjectsFilter?: string;
}

/** The API's StreamState from the store's, with times as RFC 3339. */
export interface StreamStateResult {
  readonly state: ApiStreamState;
  /** Every matching subject's count (before paging), when subjectsFilter was given. */
  readonly subjects?: Map<string, number>;
}

export async function readStreamState(
  store: StreamStore,
  consumerCount: number,
  options: StateOptions = {},
): Promise<StreamStateResult> {
  const state = await store.state({ deleted: options.deleted === true });
  const optional: Partial<ApiStreamState> = {};
  if (state.num_subjects > 0) optional.num_subjects = state.num_subjects;
  if (state.num_deleted > 0) optional.num_deleted = state.num_deleted;
  if (options.deleted === true && (state.deleted?.length ?? 0) > 0) {
    optional.deleted = [...(state.deleted ?? [])];
  }
  if (state.lost !== undefined) {
    optional.lost = { msgs: [...state.lost.msgs], bytes: state.lost.bytes };
  }
  const ordered: ApiStreamState = {
    messages: state.messages,
    bytes: state.bytes,
    first_seq: state.first_seq,
    first_ts: formatTime(state.first_ts),
    last_seq: state.last_seq,
    last_ts: formatTime(state.last_ts),
    ...optional,
    // Last, as nats-server orders the fields.
    consumer_count: consumerCount,
  };
  const filter = options.subjectsFilter;
  if (filter === undefined || filter === '') return { state: ordered };
  return { state: ordered, subjects: await store.subjectsTotals(filter === '>' ? '' : filter) };
}

/** What MSG.GET and DIRECT.GET look a message up by. */
export interface MessageQuery {
  seq?: number;
  last_by_subj?: string;
  next_by_subj?: string;
}

/**
 * A message by sequence, the last on a subject, or the next at or after `seq`
 * on a subject; undefined when there is none.
 */
export async function findMessage(
  store: StreamStore,
  query: MessageQuery,
): Promise<StoredMessage | undefined> {
  try {
    if (query.next_by_subj !== undefined && query.next_by_subj !== '') {
      return (await store.loadNext(query.next_by_subj, query.seq ?? 0)).message;
    }
    if ((query.seq ?? 0) > 0) return await store.load(query.seq ?? 0);
    return await store.loadLast(query.last_by_subj ?? '');
  } catch (error) {
    if (isStoreError(error, 'msg_not_found') || isStoreError(error, 'eof')) return undefined;
    throw error;
  }
}
