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

void test('MessageFrame: one frame reused for messages that differ in one part at a time', () => {
  const frame = new MessageFrame();
  const headers = encoder.encode('NATS/1.0\r\nA: b\r\n\r\n');
  const long = 'x'.repeat(100);
  const messages: Message[] = [
    { subject: 'a.b', reply: undefined, headers: undefined, payload: encoder.encode('12345') },
    { subject: 'a.b', reply: undefined, headers: undefined, payload: encoder.encode('123456') },
    { subject: 'a.c', reply: undefined, headers: undefined, payload: encoder.encode('123456') },
    { subject: 'a.c', reply: '_INBOX.1', headers: undefined, payload: encoder.encode('123456') },
    { subject: 'a.c', reply: '_INBOX.2', headers, payload: encoder.encode('123456') },
    { subject: 'a.c', reply: '_INBOX.2', headers, payload: encoder.encode('1234567890') },
    { subject: `${long}.ü`, reply: `${long}.r`, headers, payload: encoder.encode(long) },
    { subject: 'a', reply: undefined, headers: undefined, payload: new Uint8Array(0) },
  ];
  for (const message of messages) {
    frame.reset(message);
    for (const sid of ['7', `s${long}`]) {
      const sidBytes = encoder.encode(sid);
      for (const withHeaders of [true, false]) {
        const target = new Uint8Array(frame.length(sidBytes, withHeaders));
        frame.write(target, 0, sidBytes, withHeaders);
        const expected = withHeaders
          ? encodeMsg(message.subject, sid, message.payload, message.reply, message.headers)
          : encodeMsg(message.subject, sid, message.payload, message.reply);
        assert.deepEqual(target, expected, `${message.subject} ${sid} ${String(withHeaders)}`);
      }
    }
  }
});
