// A stream's republish (nats-server's processJetStreamMsg, v2.10.22): once a
// message is stored, a copy goes to the republish destination with the stream's
// headers appended to the message's own, in nats-server's order.

import type { RePublish } from '../api/types.js';
import type { AppendResult } from '../store/types.js';
import { appendHeaders } from './headers.js';
import type { HostMessage } from './host.js';
import { SubjectTransform } from './subject-transform.js';
import { formatTime } from './time.js';

export const JS_STREAM = 'Nats-Stream';
export const JS_SUBJECT = 'Nats-Subject';
export const JS_SEQUENCE = 'Nats-Sequence';
export const JS_TIME_STAMP = 'Nats-Time-Stamp';
export const JS_LAST_SEQUENCE = 'Nats-Last-Sequence';
export const JS_MSG_SIZE = 'Nats-Msg-Size';

export class Republisher {
  readonly #transform: SubjectTransform | undefined;
  readonly #headersOnly: boolean;

  constructor(config: RePublish) {
    // An empty source is '>'; an empty destination republishes nothing, as nats-server's nil transform.
    this.#transform = SubjectTransform.create(config.src ?? '', config.dest);
    this.#headersOnly = config.headers_only === true;
  }

  /** The republish subject for a stored subject, undefined when it is not republished. */
  destination(subject: string): string | undefined {
    return this.#transform?.match(subject);
  }

  /**
   * For a message the stream is about to store: the last sequence on its
   * subject is read first (Nats-Last-Sequence), then the returned function makes
   * the copy once the message has its sequence and time. Undefined when the
   * subject is not republished.
   */
  async prepare(
    stream: string,
    message: HostMessage,
    lastSeqOf: (subject: string) => Promise<number | undefined>,
  ): Promise<((stored: AppendResult) => HostMessage) | undefined> {
    const destination = this.destination(message.subject);
    if (destination === undefined) return undefined;
    const lastSubjectSeq = (await lastSeqOf(message.subject)) ?? 0;
    return ({ seq, time }) => {
      const entries: [string, string][] = [
        [JS_STREAM, stream],
        [JS_SUBJECT, message.subject],
        [JS_SEQUENCE, String(seq)],
        [JS_TIME_STAMP, formatTime(time)],
        [JS_LAST_SEQUENCE, String(lastSubjectSeq)],
      ];
      if (this.#headersOnly) entries.push([JS_MSG_SIZE, String(message.payload.length)]);
      return {
        subject: destination,
        reply: undefined,
        headers: appendHeaders(message.headers, entries),
        payload: this.#headersOnly ? new Uint8Array(0) : message.payload,
      };
    };
  }
}
