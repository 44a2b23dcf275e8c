import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Republisher } from './republish.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const lastSeqOf = (seq: number | undefined) => () => Promise.resolve(seq);
// 2023-11-14T22:13:20.000000123Z
const TIME = 1_700_000_000_000_000_123n;

void describe('Republisher (nats-server processJetStreamMsg republish)', () => {
  void test("a message without headers gets nats-server's header block, byte for byte", async () => {
    const republisher = new Republisher({ src: 'a.*', dest: 'rp.{{wildcard(1)}}' });
    const message = {
      subject: 'a.x',
      reply: undefined,
      headers: undefined,
      payload: encoder.encode('hi'),
    };
    const make = await republisher.prepare('S', message, lastSeqOf(4));
    assert.ok(make !== undefined);
    const copy = make({ seq: 7, time: TIME });
    assert.equal(copy.subject, 'rp.x');
    assert.equal(
      decoder.decode(copy.headers),
      'NATS/1.0\r\nNats-Stream: S\r\nNats-Subject: a.x\r\nNats-Sequence: 7\r\n' +
        'Nats-Time-Stamp: 2023-11-14T22:13:20.000000123Z\r\nNats-Last-Sequence: 4\r\n\r\n',
    );
    assert.equal(decoder.decode(copy.payload), 'hi');
  });

  void test("headers_only appends Nats-Msg-Size after the message's own headers", async () => {
    const republisher = new Republisher({ src: '>', dest: 'meta.>', headers_only: true });
    const message = {
      subject: 'a.x',
      reply: undefined,
      headers: encoder.encode('NATS/1.0\r\nK: v\r\n\r\n'),
      payload: encoder.encode('12345'),
    };
    const make = await republisher.prepare('S', message, lastSeqOf(undefined));
    const copy = make?.({ seq: 1, time: TIME });
    assert.equal(copy?.subject, 'meta.a.x');
    assert.equal(
      decoder.decode(copy?.headers),
      'NATS/1.0\r\nK: v\r\nNats-Stream: S\r\nNats-Subject: a.x\r\nNats-Sequence: 1\r\n' +
        'Nats-Time-Stamp: 2023-11-14T22:13:20.000000123Z\r\nNats-Last-Sequence: 0\r\nNats-Msg-Size: 5\r\n\r\n',
    );
    assert.equal(copy?.payload.length, 0);
  });

  void test('subjects outside the source are not republished, nor is anything with an empty destination', async () => {
    const message = {
      subject: 'b.x',
      reply: undefined,
      headers: undefined,
      payload: new Uint8Array(),
    };
    const lookups: string[] = [];
    const lastSeq = (subject: string) => {
      lookups.push(subject);
      return Promise.resolve(undefined);
    };
    assert.equal(
      await new Republisher({ src: 'a.*', dest: 'rp.$1' }).prepare('S', message, lastSeq),
      undefined,
    );
    assert.equal(
      await new Republisher({ src: '>', dest: '' }).prepare('S', message, lastSeq),
      undefined,
    );
    assert.deepEqual(lookups, []);
  });
});
