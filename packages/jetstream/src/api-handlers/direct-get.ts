// DIRECT.GET, as nats-server's processDirectGetRequest,
// processDirectGetLastBySubjectRequest and getDirectRequest (server/stream.go,
// v2.10.22): the reply is the stored message itself with Nats-Stream,
// Nats-Subject, Nats-Sequence and Nats-Time-Stamp headers appended, or a status
// message (404 Message Not Found, 408 Empty/Malformed/Bad Request).

import { decodeMsgGetRequest } from '../api/decode.js';
import type { MsgGetRequest } from '../api/types.js';
import { appendHeaders } from '../streams/headers.js';
import type { HostMessage, JetStreamHost } from '../streams/host.js';
import type { Stream } from '../streams/stream.js';
import { formatTime } from '../streams/time.js';

const encoder = new TextEncoder();
const utf8 = new TextDecoder();
const EMPTY = new Uint8Array(0);

function status(host: JetStreamHost, reply: string, code: number, text: string): void {
  host.publish({
    subject: reply,
    reply: undefined,
    headers: encoder.encode(`NATS/1.0 ${code} ${text}\r\n\r\n`),
    payload: EMPTY,
  });
}

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
  const { seq = 0, last_by_subj: last = '', next_by_subj: next = '' } = decoded.value;
  if (seq === 0 && last === '' && next === '') return 'Empty Request';
  if (seq > 0 && last !== '') return 'Bad Request';
  if (last !== '' && next !== '') return 'Bad Request';
  return decoded.value;
}

/** Answers one DIRECT.GET request to `stream` (subject under `prefix`). */
export function directGet(
  host: JetStreamHost,
  stream: Stream,
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
    status(host, reply, 408, request);
    return;
  }
  stream.getMessage(request).then(
    (found) => {
      if (found === undefined) {
        status(host, reply, 404, 'Message Not Found');
        return;
      }
      const headers = appendHeaders(found.headers, [
        ['Nats-Stream', stream.name],
        ['Nats-Subject', found.subject],
        ['Nats-Sequence', String(found.seq)],
        ['Nats-Time-Stamp', formatTime(found.time)],
      ]);
      host.publish({ subject: reply, reply: undefined, headers, payload: found.data });
    },
    () => {
      // nats-server answers any load error with 404.
      status(host, reply, 404, 'Message Not Found');
    },
  );
}
