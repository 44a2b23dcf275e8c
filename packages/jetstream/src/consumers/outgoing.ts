// What a delivery puts on the wire (nats-server's consumer.go getNextMsg /
// deliverMsg, v2.10.22): the ack reply `$JS.ACK.<stream>.<consumer>.<delivered>.
// <sseq>.<cseq>.<ts>.<pending>`, and for headers_only the headers with
// `Nats-Msg-Size: <payload length>` instead of the payload.

import type { ConsumerConfig } from '../api/types.js';
import type { StoredMessage } from '../store/types.js';
import { appendHeaders } from '../streams/headers.js';
import { ackSubject } from './wire.js';

const EMPTY = new Uint8Array(0);

export interface Outgoing {
  readonly reply: string;
  /** Empty when there are none. */
  readonly headers: Uint8Array;
  readonly data: Uint8Array;
}

export function outgoing(
  consumer: {
    readonly stream: { readonly name: string };
    readonly name: string;
    config: ConsumerConfig;
  },
  message: StoredMessage,
  at: { deliveries: number; cseq: number; pending: number },
): Outgoing {
  const reply = ackSubject(
    consumer.stream.name,
    consumer.name,
    at.deliveries,
    message.seq,
    at.cseq,
    message.time,
    at.pending,
  );
  if (consumer.config.headers_only !== true) {
    return { reply, headers: message.headers ?? EMPTY, data: message.data };
  }
  const headers = appendHeaders(message.headers, [['Nats-Msg-Size', String(message.data.length)]]);
  return { reply, headers, data: EMPTY };
}
