import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiAuditAdvisory,
  consumerActionAdvisory,
  maxDeliveriesAdvisory,
  nakAdvisory,
  Nuid,
  streamActionAdvisory,
  termReason,
  terminatedAdvisory,
} from './advisories.js';

const ctx = { domain: '', now: () => 1_700_000_000_123_400_000n };
const withoutId = (body: Record<string, unknown>): string => JSON.stringify({ ...body, id: 'ID' });

void test('advisory JSON as nats-server marshals it (field order, omitempty)', () => {
  const created = streamActionAdvisory(ctx, 'S', 'create');
  assert.equal(created.subject, '$JS.EVENT.ADVISORY.STREAM.CREATED.S');
  assert.equal(
    withoutId(created.body),
    '{"type":"io.nats.jetstream.advisory.v1.stream_action","id":"ID","timestamp":"2023-11-14T22:13:20.1234Z","stream":"S","action":"create"}',
  );
  assert.equal(streamActionAdvisory({ ...ctx, domain: 'hub' }, 'S', 'modify').body.domain, 'hub');
  const deleted = consumerActionAdvisory(ctx, 'S', 'C', 'delete');
  assert.equal(deleted.subject, '$JS.EVENT.ADVISORY.CONSUMER.DELETED.S.C');
  assert.deepEqual(Object.keys(deleted.body), [
    'type',
    'id',
    'timestamp',
    'stream',
    'consumer',
    'action',
  ]);
  const max = maxDeliveriesAdvisory(ctx, 'S', 'C', 7, 3);
  assert.equal(max.subject, '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.C');
  assert.deepEqual([max.body.stream_seq, max.body.deliveries], [7, 3]);
  const ref = { stream: 'S', consumer: 'C', cseq: 4, sseq: 7, deliveries: 2 };
  const term = terminatedAdvisory(ctx, ref, '');
  assert.equal(term.subject, '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.S.C');
  assert.equal('reason' in term.body, false);
  assert.equal(terminatedAdvisory(ctx, ref, 'why').body.reason, 'why');
});

void test('the NAK advisory as nats-server marshals JSConsumerDeliveryNakAdvisory', () => {
  const nak = nakAdvisory(ctx, { stream: 'S', consumer: 'C', cseq: 4, sseq: 7, deliveries: 2 });
  assert.equal(nak.subject, '$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.S.C');
  assert.equal(
    withoutId(nak.body),
    '{"type":"io.nats.jetstream.advisory.v1.nak","id":"ID","timestamp":"2023-11-14T22:13:20.1234Z","stream":"S","consumer":"C","consumer_seq":4,"stream_seq":7,"deliveries":2}',
  );
});

void test('the API audit advisory as nats-server marshals JSAPIAudit', () => {
  const exchange = {
    server: 'n1',
    client: { host: '127.0.0.1', id: 5, lang: 'nats.js' },
    subject: '$JS.API.STREAM.INFO.S',
    request: '{}',
    response: '{"type":"x"}',
  };
  const audit = apiAuditAdvisory(ctx, exchange);
  assert.equal(audit.subject, '$JS.EVENT.ADVISORY.API');
  assert.equal(
    withoutId(audit.body),
    '{"type":"io.nats.jetstream.advisory.v1.api_audit","id":"ID","timestamp":"2023-11-14T22:13:20.1234Z","server":"n1","client":{"host":"127.0.0.1","id":5,"lang":"nats.js"},"subject":"$JS.API.STREAM.INFO.S","request":"{}","response":"{\\"type\\":\\"x\\"}"}',
  );
  const bare = apiAuditAdvisory(
    { ...ctx, domain: 'hub' },
    { ...exchange, client: undefined, request: '' },
  );
  assert.deepEqual(Object.keys(bare.body), [
    'type',
    'id',
    'timestamp',
    'server',
    'client',
    'subject',
    'response',
    'domain',
  ]);
  assert.equal(bare.body.client, null);
});

void test('+TERM reasons and nuids', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  assert.equal(termReason(encode('+TERM')), '');
  assert.equal(termReason(encode('+TERM  not valid \n')), 'not valid');
  const nuid = new Nuid();
  const ids = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = nuid.next();
    assert.match(id, /^[0-9A-Za-z]{22}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 1000);
});
