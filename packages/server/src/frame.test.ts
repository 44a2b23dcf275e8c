import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeMsg } from '@tsnats/codec';
import { MessageFrame } from './frame.js';
import type { Message } from './subscription.js';

const encoder = new TextEncoder();

function framed(message: Message, sid: string, withHeaders: boolean): Uint8Array {
  const frame = new MessageFrame().reset(message);
  const sidBytes = encoder.encode(sid);
  const target = new Uint8Array(frame.length(sidBytes, withHeaders) + 4);
  frame.write(target, 2, sidBytes, withHeaders);
  return target.subarray(2, target.length - 2);
}

// The shared frame must write exactly what the codec's writeMsg writes for each
// subscriber, with and without reply and headers, and with headers stripped.
void describe('MessageFrame', () => {
  const headers = encoder.encode('NATS/1.0\r\nA: b\r\n\r\n');
  const payload = encoder.encode('hello, wörld');
  const cases: [string, Message][] = [
    ['plain', { subject: 'a.b', reply: undefined, headers: undefined, payload }],
    ['reply', { subject: 'a.b', reply: '_INBOX.x.1', headers: undefined, payload }],
    ['headers', { subject: 'ü.b', reply: '_INBOX.x.2', headers, payload }],
    ['empty', { subject: 'e', reply: undefined, headers, payload: new Uint8Array(0) }],
  ];
  for (const [name, message] of cases) {
    void test(`${name}: the same bytes as encodeMsg, for every sid`, () => {
      for (const sid of ['1', '42', 'sid-ü']) {
        assert.deepEqual(
          framed(message, sid, true),
          encodeMsg(message.subject, sid, message.payload, message.reply, message.headers),
        );
        assert.deepEqual(
          framed(message, sid, false),
          encodeMsg(message.subject, sid, message.payload, message.reply),
        );
      }
    });
  }
});
