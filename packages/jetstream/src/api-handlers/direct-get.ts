// DIRECT.GET, as nats-server's processDirectGetRequest,
// processDirectGetLastBySubjectRequest, getDirectRequest and getDirectMulti
// (server/stream.go, v2.11.17; 2.10.22 has only seq / last_by_subj /
// next_by_subj). A single get answers with the stored message itself with
// Nats-Stream, Nats-Subject, Nats-Sequence and Nats-Time-Stamp headers appended,
// or a status message (404 Message Not Found, 408 Empty/Malformed/Bad Request).
// A batch (`batch`, optionally `max_bytes`, from `seq`, `start_time` and/or
// `next_by_subj`) and a multi-last request (`multi_last`, with `up_to_seq` or
// `up_to_time`) also add Nats-Num-Pending and Nats-Last-Sequence to every
// message and end with a `204 EOB` status message (multi-last's with
// Nats-UpTo-Sequence); see direct-get-batch.ts.

import { decodeMsgGetRequest } from '../api/decode.js';
import type { MsgGetRequest } from '../api/types.js';
import { isStoreError } from '../store/errors.js';
import type { StoredMessage } from '../store/types.js';
import type { HostMessage, JetStreamHost } from '../streams/host.js';
import type { Stream } from '../streams/stream.js';
import {
  type DirectSource,
  directHeaders,
  directStatus,
  getDirectBatch,
  getDirectMulti,
  timeOf,
} from './direct-get-batch.js';

const utf8 = new TextDecoder();

/** The request in the JSON form's body, or the 408 text to answer with. */
function jsonRequest(payload: Uint8Array): MsgGetRequest | string {
  if (payload.length === 0) return 'Empty Request';
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(payload));
  } catch {
    return 'Malformed Request';
  }
  const decoded = decodeMsgGetRequest(value);
  if (decoded.error !== undefined) return 'Malformed Request';
  const req = decoded.value;
  const seq = req.seq ?? 0;
  const last = req.last_by_subj ?? '';
  const next = req.next_by_subj ?? '';
  const multi = (req.multi_last ?? []).length > 0;
  const start = req.start_time !== undefined;
  const batch = req.batch ?? 0;
  if (seq === 0 && last === '' && next === '' && !multi && !start) return 'Empty Request';
  // nats-server's conflicting options (no batch for last_by_subj).
  if (
    (seq > 0 && last !== '') ||
    (seq > 0 && start) ||
    (start && last !== '') ||
    (last !== '' && next !== '') ||
    (last !== '' && batch > 0) ||
    (last !== '' && multi) ||
    (next !== '' && multi) ||
    ((req.up_to_seq ?? 0) > 0 && req.up_to_time !== undefined)
  ) {
    return 'Bad Request';
  }
  return req;
}

const NO_RESPONDERS = new TextEncoder().encode('NATS/1.0 503\r\n\r\n');

/**
 * A DIRECT.GET request as `$JS.API.>` sees it (`tokens` after the prefix). In
 * nats-server the account's `$JS.API.>` service import skips DIRECT.GET
 * (processServiceImport), so only a stream with allow_direct subscribes and a
 * request to any other stream gets the no-responders 503 at once. Here the API
 * subscription is an interest on the subject, so it sends that 503 itself when
 * no allow_direct stream of that name answers.
 */
export function directGetUnserved(
  host: JetStreamHost | undefined,
  engine: { stream(name: string): Stream | undefined },
  tokens: readonly string[],
  message: HostMessage,
): void {
  if (host === undefined || tokens[1] !== 'GET' || tokens.length < 3) return;
  if (message.reply === undefined || message.reply === '') return;
  if (engine.stream(tokens[2])?.config.allow_direct === true) return;
  host.publish({
    subject: message.reply,
    reply: undefined,
    headers: NO_RESPONDERS,
    payload: new Uint8Array(0),
  });
}

/**
 * Answers one DIRECT.GET request to `stream` (subject under `prefix`): the
 * stream's leader, or a store that follows the stream's log.
 */
export function directGet(
  host: JetStreamHost,
  stream: DirectSource,
  message: HostMessage,
  prefix: string,
): void {
  const reply = message.reply;
  if (reply === undefined || reply === '') return;
  const base = `${prefix}.DIRECT.GET.${stream.name}`;
  let request: MsgGetRequest | string;
  if (message.subject === base) {
    request = jsonRequest(message.payload);
  } else {
    const key = message.subject.slice(base.length + 1);
    request = message.payload.length !== 0 || key === '' ? 'Bad Request' : { last_by_subj: key };
  }
  if (typeof request === 'string') {
    directStatus(host, reply, 408, request);
    return;
  }
  let work: Promise<void>;
  if ((request.multi_last ?? []).length > 0) work = getDirectMulti(host, stream, request, reply);
  else if (request.batch !== undefined && request.batch !== 0) {
    work = getDirectBatch(host, stream, request, reply);
  } else work = getDirectSingle(host, stream, request, reply);
  work.catch(() => {
    // nats-server answers any load error with 404.
    directStatus(host, reply, 404, 'Message Not Found');
  });
}

/** One message: by sequence (or start_time), the next on a subject, or the last on one. */
async function getDirectSingle(
  host: JetStreamHost,
  stream: DirectSource,
  req: MsgGetRequest,
  reply: string,
): Promise<void> {
  const store = stream.store;
  const seq =
    req.start_time !== undefined ? await store.seqFromTime(timeOf(req.start_time)) : (req.seq ?? 0);
  const next = req.next_by_subj ?? '';
  let found: StoredMessage | undefined;
  try {
    if (next !== '') found = (await store.loadNext(next, seq)).message;
    else if (seq > 0) found = await store.load(seq);
    else found = await store.loadLast(req.last_by_subj ?? '');
  } catch (error) {
    if (!isStoreError(error)) throw error;
  }
  if (found === undefined) {
    directStatus(host, reply, 404, 'Message Not Found');
    return;
  }
  host.publish({
    subject: reply,
    reply: undefined,
    headers: directHeaders(stream.name, found),
    payload: found.data,
  });
}
