// What RedisStore is opened with, and what its checked append answers.
import type { AppendOptions, StoreClock } from '@tsnats/jetstream';

export interface RedisStoreOptions {
  /** Time source and max_age timers (default: the system clock). */
  readonly clock?: StoreClock;
  /** First part of the hash tag of every key: `{<prefix>:<stream>}:…` (default 'tsnats'). */
  readonly prefix?: string;
  /** Window for Nats-Msg-Id dedupe in appendChecked, ms (default 120000, nats-server's). */
  readonly duplicateWindowMs?: number;
  /** After each write, WAIT for this many replicas to acknowledge (default 0: no WAIT). */
  readonly replicas?: number;
  /** How long WAIT may take, ms (default 1000). Keep it below the client's commandTimeout. */
  readonly replicasTimeoutMs?: number;
}

/** The publish checks `appendChecked` runs in the script, before the limits. */
export interface AppendChecks extends AppendOptions {
  /** Nats-Msg-Id: a repeat within the duplicate window stores nothing. */
  readonly msgId?: string;
  /** Nats-Expected-Last-Sequence. */
  readonly expectedLastSeq?: number;
  /** Nats-Expected-Last-Subject-Sequence (0: the subject must have no message). */
  readonly expectedLastSubjectSeq?: number;
  /** Nats-Expected-Last-Msg-Id. */
  readonly expectedLastMsgId?: string;
}

/** What appendChecked did; the cases map to nats-server's publish errors. */
export type CheckedAppendResult =
  | { readonly kind: 'stored'; readonly seq: number; readonly time: bigint }
  | { readonly kind: 'duplicate'; readonly seq: number }
  | { readonly kind: 'wrong_last_sequence'; readonly last: number }
  | { readonly kind: 'wrong_last_subject_sequence'; readonly last: number }
  | { readonly kind: 'wrong_last_msg_id'; readonly last: string };
