// Where a new consumer starts reading its stream (nats-server's consumer.go
// selectStartingSeqNo, v2.10.22): all, last, new, by_start_sequence,
// by_start_time and last_per_subject (the last message of each subject first).

import type { ConsumerConfig } from '../api/types.js';
import { parseTime } from '../api/util.js';
import type { StreamStore } from '../store/types.js';

export interface StartPosition {
  /** The first stream sequence to look at for new messages. */
  nextSeq: number;
  /** Stream sequences to deliver before those (last_per_subject). */
  initial: number[];
}

export async function startPosition(
  store: StreamStore,
  config: ConsumerConfig,
  filters: readonly string[],
): Promise<StartPosition> {
  const state = await store.state();
  switch (config.deliver_policy) {
    case 'last': {
      let last = 0;
      for (const f of filters.length === 0 ? [''] : filters) {
        try {
          last = Math.max(last, (await store.loadLast(f)).seq);
        } catch {
          // No message on this filter.
        }
      }
      return { nextSeq: last > 0 ? last : state.last_seq + 1, initial: [] };
    }
    case 'new':
      return { nextSeq: state.last_seq + 1, initial: [] };
    case 'by_start_sequence':
      return { nextSeq: Math.max(1, config.opt_start_seq ?? 1), initial: [] };
    case 'by_start_time': {
      const time = parseTime(config.opt_start_time ?? '') ?? 0n;
      return { nextSeq: await store.seqFromTime(time), initial: [] };
    }
    case 'last_per_subject':
      return {
        nextSeq: state.last_seq + 1,
        initial: await store.multiLastSeqs(filters.length === 0 ? ['>'] : filters, 0, 0),
      };
    default:
      return { nextSeq: Math.max(1, state.first_seq), initial: [] };
  }
}
