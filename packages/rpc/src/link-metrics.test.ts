import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LinkMetrics, operationOf, PendingRequests } from './link-metrics.js';

void describe('link metrics', () => {
  void test('operations: publishes, acks, the API by name, anything else bounded', () => {
    assert.equal(operationOf('orders.new'), 'publish');
    assert.equal(operationOf('$JS.ACK.ORDERS.c.1.2.3.4.0'), 'ack');
    assert.equal(operationOf('$JS.API.INFO'), 'INFO');
    assert.equal(operationOf('$JS.API.STREAM.INFO.ORDERS'), 'STREAM.INFO');
    assert.equal(operationOf('$JS.API.STREAM.MSG.GET.ORDERS'), 'STREAM.MSG.GET');
    assert.equal(operationOf('$JS.API.CONSUMER.MSG.NEXT.ORDERS.c'), 'CONSUMER.MSG.NEXT');
    assert.equal(
      operationOf('$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.c'),
      'CONSUMER.DURABLE.CREATE',
    );
    assert.equal(operationOf('$JS.API.DIRECT.GET.ORDERS.orders.new'), 'DIRECT.GET');
    assert.equal(operationOf('$JS.API.WHATEVER.x'), 'other');
  });

  void test('an answer records the time since the request was forwarded, once', async () => {
    const metrics = new LinkMetrics();
    const pending = metrics.forStore('10.0.0.1:7422');
    pending.forwarded('orders.new', '_INBOX.a');
    pending.forwarded('$JS.API.INFO', '_INBOX.b');
    pending.answered('_INBOX.a');
    pending.answered('_INBOX.a');
    pending.answered('elsewhere');
    assert.equal(pending.size, 1);
    const text = await metrics.registry.metrics();
    assert.match(
      text,
      /^tsnats_rpc_request_duration_seconds_count\{store="10\.0\.0\.1:7422",operation="publish"\} 1$/m,
    );
    assert.doesNotMatch(text, /operation="INFO"/);
  });

  void test('one request per operation is timed at a time; the others pass untimed', () => {
    const seen: string[] = [];
    const pending = new PendingRequests((operation) => seen.push(operation));
    pending.forwarded('orders.1', 'r1');
    pending.forwarded('orders.2', 'r2');
    pending.forwarded('$JS.API.INFO', 'r3');
    assert.equal(pending.size, 2);
    pending.answered('r2');
    pending.answered('r1');
    pending.answered('r3');
    assert.deepEqual(seen, ['publish', 'INFO']);
    pending.forwarded('orders.3', 'r4');
    pending.clear();
    pending.answered('r4');
    assert.deepEqual(seen, ['publish', 'INFO']);
  });
});
