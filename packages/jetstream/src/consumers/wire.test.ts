import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ackSubject, parseAckSubject } from './wire.js';

void test('ack subjects parse in both forms; anything else is not an ack', () => {
  const ref = { stream: 'ORDERS', consumer: 'proc', deliveries: 2, sseq: 41, cseq: 7 };
  assert.deepEqual(parseAckSubject(ackSubject('ORDERS', 'proc', 2, 41, 7, 1_700_000_000n, 3)), ref);
  // v2.10's long form: $JS.ACK.<domain>.<account hash>.<stream>.<consumer>.<d>.<sseq>.<cseq>.<ts>.<pending>.<token>
  assert.deepEqual(parseAckSubject('$JS.ACK.hub.ACCHASH.ORDERS.proc.2.41.7.1700.3.rnd'), ref);
  assert.deepEqual(parseAckSubject('$JS.ACK.hub.ACCHASH.ORDERS.proc.2.41.7.1700.3'), ref);
  for (const bad of [
    '$JS.ACK.ORDERS.proc.2.41.7.1700',
    '$JS.ACK.ORDERS.proc.x.41.7.1700.3',
    '$JS.ACK.ORDERS.proc.2..7.1700.3',
    '$JS.ACK.ORDERS.proc.2.-1.7.1700.3',
    '$JS.ACKS.ORDERS.proc.2.41.7.1700.3',
    'orders.new',
    '$JS.ACK.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r',
  ]) {
    assert.equal(parseAckSubject(bad), undefined, bad);
  }
});
