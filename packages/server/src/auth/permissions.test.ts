import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SubjectPermission } from '@tsnats/config';
import { isReservedQueue, isReservedReply, PermissionChecker } from './permissions.js';

void describe('canPublish', () => {
  void test('no publish permissions: everything', () => {
    const p = new PermissionChecker({ subscribe: { allow: ['x'] } });
    assert.ok(p.canPublish('anything.at.all'));
  });

  void test('allow with * and >', () => {
    const p = new PermissionChecker({ publish: { allow: ['foo.*', 'bar.>'] } });
    for (const s of ['foo.a', 'bar.a', 'bar.a.b']) assert.ok(p.canPublish(s), s);
    for (const s of ['foo', 'foo.a.b', 'bar', 'baz']) assert.ok(!p.canPublish(s), s);
  });

  void test('deny alone leaves the rest allowed', () => {
    const p = new PermissionChecker({ publish: { deny: ['secret.>'] } });
    assert.ok(p.canPublish('public'));
    assert.ok(!p.canPublish('secret.x'));
  });

  void test('deny beats allow', () => {
    const p = new PermissionChecker({ publish: { allow: ['>'], deny: ['admin.*'] } });
    assert.ok(p.canPublish('admin'));
    assert.ok(!p.canPublish('admin.users'));
    assert.ok(p.canPublish('admin.users.x'));
  });

  void test('an empty publish allow list allows nothing, an empty deny list denies nothing', () => {
    assert.ok(!new PermissionChecker({ publish: { allow: [] } }).canPublish('foo'));
    assert.ok(new PermissionChecker({ publish: { deny: [] } }).canPublish('foo'));
  });

  void test('the cache stays bounded and keeps answering right', () => {
    const p = new PermissionChecker({ publish: { allow: ['even.*'] } });
    for (let i = 0; i < 10_000; i++) {
      assert.equal(p.canPublish(`${i % 2 === 0 ? 'even' : 'odd'}.${i}`), i % 2 === 0);
    }
    assert.ok(p.stats().publishCache <= 128);
    assert.ok(p.canPublish('even.0'));
    assert.ok(!p.canPublish('odd.1'));
  });
});

/** nats-server's TestQueueSubscribePermissions (server/client_test.go), case by case. */
const QUEUE_CASES: [string, SubjectPermission, string, string | undefined, boolean][] = [
  ['plain subscription on foo', { allow: ['foo'] }, 'foo', undefined, true],
  ['queue subscribe with allowed group', { allow: ['foo bar'] }, 'foo', 'bar', true],
  ['wildcard allowed group', { allow: ['foo bar.*'] }, 'foo', 'bar.fizz', true],
  ['full wildcard subject and subgroup', { allow: ['> bar.>'] }, 'whizz', 'bar.bang', true],
  ['plain subscribe, only queue entries', { allow: ['> bar.>'] }, 'whizz', undefined, false],
  ['deny plain subscription on foo', { allow: ['>'], deny: ['foo'] }, 'foo', 'bar', false],
  ['allow plain subscription, except foo', { allow: ['>'], deny: ['foo'] }, 'bar', undefined, true],
  ['deny everything', { allow: ['>'], deny: ['>'] }, 'foo', 'bar', false],
  ['only queues v1', { allow: ['> v1.>'] }, 'foo', 'v1.prod', true],
  ['no queues, plain ok', { allow: ['>'], deny: ['> >'] }, 'foo', undefined, true],
  ['no queues, queue not ok', { deny: ['> >'] }, 'foo', 'bar', false],
  ['deny queues on dev or stg only', { deny: ['> *.dev', '> *.stg'] }, 'foo', 'bar', true],
  ['allow only queues on dev or stg', { allow: ['> *.dev', '> *.stg'] }, 'foo', 'bar', false],
  ['deny queue subscriptions on foo', { deny: ['foo >'] }, 'foo', 'bar', false],
  ['queue not in list', { allow: ['foo bar'] }, 'foo', 'fizz', false],
  ['allow plain sub, but do queue subscribe', { allow: ['foo'] }, 'foo', 'bar', true],
];

void describe('canSubscribe', () => {
  for (const [name, subscribe, subject, queue, want] of QUEUE_CASES) {
    void test(name, () => {
      assert.equal(new PermissionChecker({ subscribe }).canSubscribe(subject, queue), want);
    });
  }

  void test('allow and deny with * and >, deny beating allow', () => {
    const p = new PermissionChecker({ subscribe: { allow: ['foo.*', 'bar.>'], deny: ['bar.x'] } });
    for (const s of ['foo.a', 'foo.*', 'bar.a.b', 'bar.>']) assert.ok(p.canSubscribe(s), s);
    for (const s of ['foo', 'foo.a.b', 'bar.x', 'baz']) assert.ok(!p.canSubscribe(s), s);
  });

  void test('allow foo.* admits SUB foo.>, as Go`s Sublist.Match does', () => {
    assert.ok(new PermissionChecker({ subscribe: { allow: ['foo.*'] } }).canSubscribe('foo.>'));
  });

  void test('an empty subscribe allow list allows everything, unlike publish', () => {
    assert.ok(new PermissionChecker({ subscribe: { allow: [] } }).canSubscribe('foo'));
  });

  void test('a matching queue entry in deny decides over a plain deny entry', () => {
    const p = new PermissionChecker({ subscribe: { deny: ['foo', 'foo v1'] } });
    assert.ok(!p.canSubscribe('foo'));
    assert.ok(!p.canSubscribe('foo', 'v1'));
    assert.ok(p.canSubscribe('foo', 'other'));
  });

  void test('the _sys_ queue group is refused', () => {
    assert.ok(isReservedQueue('_sys_'));
    assert.ok(!new PermissionChecker({ subscribe: { allow: ['>'] } }).canSubscribe('a', '_sys_'));
  });
});

void describe('canDeliver', () => {
  void test('a wildcard subscription over a deny entry filters deliveries', () => {
    const p = new PermissionChecker({ subscribe: { deny: ['foo.secret', 'foo.q q1'] } });
    assert.ok(p.canDeliver('foo.secret'), 'no filter before such a subscription');
    assert.ok(p.canSubscribe('foo.*'));
    assert.ok(!p.canDeliver('foo.secret'));
    assert.ok(p.canDeliver('foo.public'));
    assert.ok(p.canDeliver('foo.q'), 'queue deny entries never match a delivery');
  });

  void test('a wildcard subscription that misses the deny list does not turn it on', () => {
    const p = new PermissionChecker({ subscribe: { deny: ['foo.secret'] } });
    assert.ok(p.canSubscribe('bar.*'));
    assert.ok(p.canSubscribe('foo.secret.*'), 'foo.secret is not within foo.secret.*');
    assert.ok(p.canDeliver('foo.secret'));
    assert.ok(p.canSubscribe('>'));
    assert.ok(!p.canDeliver('foo.secret'));
  });

  void test('the delivery cache stays bounded', () => {
    const p = new PermissionChecker({ subscribe: { deny: ['d.*'] } });
    assert.ok(p.canSubscribe('>'));
    for (let i = 0; i < 5_000; i++) {
      const denied = i % 2 === 1;
      assert.equal(p.canDeliver(`${denied ? 'd' : 'a'}.${i}`), !denied);
    }
    assert.ok(p.stats().deliverCache <= 256);
  });
});

void describe('isReservedReply', () => {
  void test('service import, JetStream ack and gateway prefixes', () => {
    for (const r of ['_R_.x', '_R_.', '$JS.ACK.x', '_GR_.x']) assert.ok(isReservedReply(r), r);
    for (const r of ['_INBOX.x', '$JS.ACK.', '_GR_.', '_R_', 'x._R_.y']) {
      assert.ok(!isReservedReply(r), r);
    }
  });
});
