import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Permissions } from '@tsnats/config';
import { PermissionChecker, withResponseDefaults } from './permissions.js';

const T0 = 1_000_000;

function responder(max: number, expiresMs: number, extra: Permissions = {}): PermissionChecker {
  return new PermissionChecker({ ...extra, allowResponses: { max, expiresMs } });
}

void describe('allow_responses', () => {
  void test('turns the blanket publish allow off', () => {
    const p = responder(1, 60_000);
    assert.ok(!p.canPublish('anything'));
    assert.deepEqual(withResponseDefaults({ allowResponses: { max: 0, expiresMs: 0 } }), {
      publish: { allow: [] },
      allowResponses: { max: 1, expiresMs: 120_000 },
    });
  });

  void test('keeps an explicit publish allow list', () => {
    const p = responder(1, 60_000, { publish: { allow: ['svc.>'] } });
    assert.ok(p.canPublish('svc.status'));
    assert.ok(!p.canPublish('other'));
  });

  void test('a delivered reply may be published to max times', () => {
    const p = responder(2, 60_000);
    p.noteReply('_INBOX.a', T0);
    assert.ok(p.canPublish('_INBOX.a', T0 + 1));
    assert.ok(p.canPublish('_INBOX.a', T0 + 2));
    assert.ok(!p.canPublish('_INBOX.a', T0 + 3));
    assert.ok(!p.canPublish('_INBOX.b', T0 + 3));
  });

  void test('the grant expires after expiresMs', () => {
    const p = responder(10, 100);
    p.noteReply('r', T0);
    assert.ok(p.canPublish('r', T0 + 100), 'not yet: Go expires strictly after');
    assert.ok(!p.canPublish('r', T0 + 101));
    assert.ok(!p.canPublish('r', T0 + 102), 'and the grant is gone');
  });

  void test('negative max and expiry mean unlimited and forever', () => {
    const p = responder(-1, -1);
    p.noteReply('r', T0);
    for (let i = 0; i < 100; i++) assert.ok(p.canPublish('r', T0 + i * 3_600_000));
  });

  void test('delivering the reply again renews the grant', () => {
    const p = responder(1, 60_000);
    p.noteReply('r', T0);
    assert.ok(p.canPublish('r', T0));
    assert.ok(!p.canPublish('r', T0));
    p.noteReply('r', T0);
    assert.ok(p.canPublish('r', T0));
  });

  void test('a reply grant beats the publish deny list, as in Go', () => {
    const p = responder(1, 60_000, { publish: { deny: ['_INBOX.>'] } });
    assert.ok(!p.canPublish('_INBOX.x', T0));
    p.noteReply('_INBOX.x', T0);
    assert.ok(p.canPublish('_INBOX.x', T0));
  });

  void test('a publish allowed by the lists uses up no grant', () => {
    const p = responder(1, 60_000, { publish: { allow: ['r'] } });
    p.noteReply('r', T0);
    for (let i = 0; i < 5; i++) assert.ok(p.canPublish('r', T0));
  });

  void test('no-op without allow_responses', () => {
    const p = new PermissionChecker({ publish: { allow: ['x'] } });
    p.noteReply('r', T0);
    assert.ok(!p.canPublish('r', T0));
    assert.equal(p.stats().replies, 0);
  });

  void test('past 4096 replies, used and expired grants are pruned', () => {
    const p = responder(1, 1_000);
    for (let i = 0; i < 2_000; i++) p.noteReply(`old.${i}`, T0);
    for (let i = 0; i < 2_000; i++) assert.ok(p.canPublish(`old.${i}`, T0));
    for (let i = 0; i < 2_097; i++) p.noteReply(`new.${i}`, T0 + 500);
    assert.equal(p.stats().replies, 2_097, 'the used ones went');
    p.noteReply('late', T0 + 5_000);
    for (let i = 2_097; i < 4_097; i++) p.noteReply(`late.${i}`, T0 + 5_000);
    assert.equal(p.stats().replies, 2_001, 'the expired ones went');
  });

  void test('replies that never expire stay bounded, the oldest dropped first', () => {
    const p = responder(-1, -1);
    for (let i = 0; i < 20_000; i++) p.noteReply(`r.${i}`, T0);
    assert.ok(p.stats().replies <= 4096);
    assert.ok(p.canPublish('r.19999', T0));
    assert.ok(!p.canPublish('r.0', T0));
  });
});
