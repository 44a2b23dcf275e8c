import type { HostMessage } from '@tsnats/jetstream';
import type { Msg } from './protocol.js';

const EMPTY = new Uint8Array(0);

export function toMsg(message: HostMessage): Msg {
  return {
    subject: message.subject,
    reply: message.reply ?? '',
    headers: message.headers ?? null,
    payload: message.payload,
  };
}

export function fromMsg(msg: Msg | null | undefined): HostMessage {
  return {
    subject: msg?.subject ?? '',
    reply:
      msg?.reply === undefined || msg.reply === null || msg.reply === '' ? undefined : msg.reply,
    headers: msg?.headers ?? undefined,
    payload: msg?.payload ?? EMPTY,
  };
}
