// The limits a stream config asks the scripts to enforce, as MemoryStore
// reads them: 0 or less is unlimited.

import type { StoreConfig } from '@tsnats/jetstream';

export interface Limits {
  maxMsgs: number;
  maxBytes: number;
  maxAge: bigint;
  maxPer: number;
  discardNew: boolean;
  discardNewPer: boolean;
}

export function limitsOf(config: StoreConfig): Limits {
  const positive = (n: number | undefined): number => (n !== undefined && n > 0 ? n : 0);
  return {
    maxMsgs: positive(config.max_msgs),
    maxBytes: positive(config.max_bytes),
    maxAge: BigInt(Math.trunc(positive(config.max_age))),
    maxPer: positive(config.max_msgs_per_subject),
    discardNew: config.discard === 'new',
    discardNewPer: config.discard_new_per_subject === true,
  };
}
