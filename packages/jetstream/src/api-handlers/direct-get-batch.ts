// DIRECT.GET batches and multi-last gets (ADR-31), as nats-server 2.11's
// getDirectRequest (batch branch) and getDirectMulti (server/stream.go,
// v2.11.17): every message carries Nats-Stream, Nats-Subject, Nats-Sequence,
// Nats-Time-Stamp, Nats-Num-Pending and Nats-Last-Sequence (the sequence of the
// message sent before it in this batch, 0 for the first), and the batch ends
// with `NATS/1.0 204 EOB` carrying Nats-Num-Pending and Nats-Last-Sequence
// (multi-last adds Nats-UpTo-Sequence). Like nats-server 2.11 (not 2.12), a
// batch message's Nats-Num-Pending counts the message itself, a multi-last
// message's does not.

import type { MsgGetRequest } from '../api/types.js';
import { parseTime } from '../api/util.js';
import { isStoreError } from '../store/errors.js';
import type { StoredMessage } from '../store/types.js';
import { appendHeaders } from '../streams/headers.js';
import type { JetStreamHost } from '../streams/host.js';
import type { StreamStore } from '../store/types.js';
import { formatTime } from '../streams/time.js';

/** What a direct get reads: a stream's name and the reads of its store. */
export interface DirectSource {
  readonly name: string;
  readonly store: Pick<
    StreamStore,
    'load' | 'loadNext' | 'loadLast' | 'seqFromTime' | 'numPending' | 'state' | 'multiLastSeqs'
  >;
}

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** nats-server's MAX_PENDING_SIZE, the default max_pending that bounds a batch without max_bytes. */
export const DIRECT_GET_DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** getDirectMulti's maxAllowedResponses. */
export const DIRECT_GET_MAX_MULTI_RESULTS = 1024;

/** A status message (`NATS/1.0 <code> <text>`, optional headers) to `reply`. */
export function directStatus(
  host: JetStreamHost,
  reply: string,
  code: number,
  text: string,
  headers: readonly (readonly [string, string | number])[] = [],
): void {
  const lines = headers.map(([key, value]) => `${key}: ${value}\r\n`).join('');
  host.publish({
    subject: reply,
    reply: undefined,
    headers: encoder.encode(`NATS/1.0 ${code} ${text}\r\n${lines}\r\n`),
    payload: EMPTY,
  });
}

/** The stored headers with the direct get headers appended (nats-server's genHeader). */
export function directHeaders(
  stream: string,
  message: StoredMessage,
  batch?: { numPending: number; lastSeq: number },
): Uint8Array {
  const entries: [string, string][] = [
    ['Nats-Stream', stream],
    ['Nats-Subject', message.subject],
    ['Nats-Sequence', String(message.seq)],
    ['Nats-Time-Stamp', formatTime(message.time)],
  ];
  if (batch !== undefined) {
    entries.push(['Nats-Num-Pending', String(batch.numPending)]);
    entries.push(['Nats-Last-Sequence', String(batch.lastSeq)]);
  }
  return appendHeaders(message.headers, entries);
}

/** A decoded (already validated) RFC 3339 time in nanoseconds. */
export function timeOf(time: string): bigint {
  return parseTime(time) ?? 0n;
}

/** What nats-server counts against max_bytes: subject, stored headers and data. */
function sizeOf(message: StoredMessage): number {
  return Buffer.byteLength(message.subject) + (message.headers?.length ?? 0) + message.data.length;
}

function send(
  host: JetStreamHost,
  reply: string,
  stream: string,
  message: StoredMessage,
  numPending: number,
  lastSeq: number,
): void {
  host.publish({
    subject: reply,
    reply: undefined,
    headers: directHeaders(stream, message, { numPending, lastSeq }),
    payload: message.data,
  });
}

/** The batch branch of getDirectRequest: `batch` (non-zero) messages from seq / start_time, on next_by_subj. */
export async function getDirectBatch(
  host: JetStreamHost,
  stream: DirectSource,
  req: MsgGetRequest,
  reply: string,
): Promise<void> {
  const store = stream.store;
  let seq =
    req.start_time !== undefined ? await store.seqFromTime(timeOf(req.start_time)) : (req.seq ?? 0);
  const next = req.next_by_subj ?? '';
  const batch = req.batch ?? 0;
  const pending = await store.numPending(seq, next, false);
  let numPending = pending.total;
  const maxBytes =
    req.max_bytes !== undefined && req.max_bytes !== 0
      ? req.max_bytes
      : DIRECT_GET_DEFAULT_MAX_BYTES;
  let sentBytes = 0;
  let lastSeq = 0;
  for (let i = 0; i < batch; i++) {
    let found: StoredMessage | undefined;
    try {
      if (seq > 0 || next !== '') {
        // nats-server steps over deleted messages with LoadNextMsg(">").
        const result = await store.loadNext(next === '' ? '>' : next, seq);
        found = result.message;
        seq = result.seq + 1;
      } else {
        found = await store.loadLast(req.last_by_subj ?? '');
      }
    } catch (error) {
      if (!isStoreError(error)) throw error;
      seq++;
    }
    if (found === undefined) {
      // A batch that stops early still ends with EOB; an empty one is a 404.
      if (batch > 1 && i > 0) break;
      directStatus(host, reply, 404, 'Message Not Found');
      return;
    }
    send(host, reply, stream.name, found, numPending, lastSeq);
    // nats-server decrements an unsigned count here (it can wrap); stop at 0.
    if (numPending > 0) numPending--;
    lastSeq = found.seq;
    sentBytes += sizeOf(found);
    if (sentBytes >= maxBytes) break;
  }
  // The count is stale when messages came in since it was taken.
  if ((await store.state()).last_seq > pending.validThrough) {
    numPending = (await store.numPending(seq, next, false)).total;
  }
  directStatus(host, reply, 204, 'EOB', [
    ['Nats-Num-Pending', numPending],
    ['Nats-Last-Sequence', lastSeq],
  ]);
}

/** getDirectMulti: the last message of every subject matching `multi_last`. */
export async function getDirectMulti(
  host: JetStreamHost,
  stream: DirectSource,
  req: MsgGetRequest,
  reply: string,
): Promise<void> {
  const store = stream.store;
  const maxBytes =
    req.max_bytes !== undefined && req.max_bytes !== 0
      ? req.max_bytes
      : DIRECT_GET_DEFAULT_MAX_BYTES;
  let upToSeq = req.up_to_seq ?? 0;
  if (req.up_to_time !== undefined) {
    upToSeq = await store.seqFromTime(timeOf(req.up_to_time));
    // Not before the first message, else messages after up_to_time would come back.
    if (upToSeq <= (await store.state()).first_seq) {
      directStatus(host, reply, 404, 'No Results');
      return;
    }
    // seqFromTime is the first at or after the time; the ceiling is the one before.
    upToSeq--;
  }
  if (upToSeq === 0) upToSeq = (await store.state()).last_seq;
  let seqs: number[];
  try {
    seqs = await store.multiLastSeqs(req.multi_last ?? [], upToSeq, DIRECT_GET_MAX_MULTI_RESULTS);
  } catch (error) {
    if (isStoreError(error, 'too_many_results')) {
      directStatus(host, reply, 413, 'Too Many Results');
    } else {
      directStatus(host, reply, 500, error instanceof Error ? error.message : String(error));
    }
    return;
  }
  if (seqs.length === 0) {
    directStatus(host, reply, 404, 'No Results');
    return;
  }
  const minSeq = req.seq ?? 0;
  const batch = req.batch ?? 0;
  let numPending = seqs.length - 1;
  let lastSeq = 0;
  let sentBytes = 0;
  let sent = 0;
  for (const seq of seqs) {
    if (seq < minSeq) {
      if (numPending > 0) numPending--;
      continue;
    }
    let found: StoredMessage;
    try {
      found = await store.load(seq);
    } catch (error) {
      if (!isStoreError(error)) throw error;
      directStatus(host, reply, 404, 'Message Not Found');
      return;
    }
    send(host, reply, stream.name, found, numPending, lastSeq);
    if (numPending > 0) numPending--;
    lastSeq = found.seq;
    sentBytes += sizeOf(found);
    if (sentBytes >= maxBytes) break;
    sent++;
    if (batch > 0 && sent >= batch) break;
  }
  directStatus(host, reply, 204, 'EOB', [
    ['Nats-Num-Pending', numPending],
    ['Nats-Last-Sequence', lastSeq],
    ['Nats-UpTo-Sequence', upToSeq],
  ]);
}
