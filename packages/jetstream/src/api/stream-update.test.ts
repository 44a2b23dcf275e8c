import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiError } from './api-error.js';
import { applyConsumerDefaults } from './consumer-config.js';
import { applyStreamDefaults } from './stream-config.js';
import type { StreamCheckContext } from './stream-config.js';
import { checkStreamConfig, prepareStreamConfig } from './stream-update.js';
import type { StreamConfig, StreamConfigRequest } from './types.js';

const S = 1_000_000_000;
const invalid = (description: string) => ({ code: 500, err_code: 10052, description });
const updateErr = (description: string) => ({ code: 500, err_code: 10069, description });

const request: StreamConfigRequest = { name: 'S', subjects: ['foo.*'] };
const current = applyStreamDefaults(request);
const withCurrent = (config: StreamConfig, extra: StreamCheckContext = {}): StreamCheckContext => ({
  current: config,
  streams: new Map([[config.name, config]]),
  ...extra,
});

type Case = [
  title: string,
  update: StreamConfigRequest,
  context: StreamCheckContext,
  expected: ApiError,
];

// Expected errors as nats-server 2.10.22's jsStreamUpdateRequest, configUpdateCheck and stream.update.
// prettier-ignore
const cases: Case[] = [
  ['checkStreamCfg first', { ...request, max_age: 10 }, withCurrent(current), invalid('max age needs to be >= 100ms')],
  ['name not the one in the subject', request, withCurrent(current, { subjectName: 'T' }), { code: 400, err_code: 10056, description: 'stream name in subject does not match request' }],
  ['another name', { name: 'T' }, withCurrent(current), invalid('stream configuration name must match original')],
  ['max consumers', { ...request, max_consumers: 5 }, withCurrent(current), invalid('stream configuration update can not change MaxConsumers')],
  ['storage', { ...request, storage: 'memory' }, withCurrent(current), invalid('stream configuration update can not change storage type')],
  ['retention to workqueue', { ...request, retention: 'workqueue' }, withCurrent(current), invalid('stream configuration update can not change retention policy to/from workqueue')],
  ['unseal', request, withCurrent(applyStreamDefaults({ ...request, sealed: true })), invalid('stream configuration update can not unseal a sealed stream')],
  ['cancel deny delete', request, withCurrent(applyStreamDefaults({ ...request, deny_delete: true })), invalid('stream configuration update can not cancel deny message deletes')],
  ['cancel deny purge', request, withCurrent(applyStreamDefaults({ ...request, deny_purge: true })), invalid('stream configuration update can not cancel deny purge')],
  ['mirror change', { name: 'S', mirror: { name: 'N' } }, withCurrent(applyStreamDefaults({ name: 'S', mirror: { name: 'M' } })), { code: 400, err_code: 10055, description: 'stream mirror configuration can not be updated' }],
  ['mirror added', { name: 'S', mirror: { name: 'N' } }, withCurrent(current), { code: 400, err_code: 10055, description: 'stream mirror configuration can not be updated' }],
  ['consumer limits below a consumer', { ...request, consumer_limits: { max_ack_pending: 10 } }, withCurrent(current, { consumers: new Map([['C', applyConsumerDefaults({ durable_name: 'C', ack_policy: 'explicit' }, { stream: current })]]) }), updateErr('change to limits violates consumers: C')],
  ['subjects of another stream', { name: 'S', subjects: ['bar.>'] }, { current, streams: new Map([['S', current], ['O', applyStreamDefaults({ name: 'O', subjects: ['bar.x'] })]]) }, { code: 400, err_code: 10065, description: 'subjects overlap with an existing stream' }],
  ['republish with an empty destination', { ...request, republish: { src: 'foo.*', dest: '' } }, withCurrent(current), updateErr("stream configuration for republish from 'foo.*' to '>': invalid subject")],
  ['subject transform', { ...request, subject_transform: { src: 'foo.*', dest: 'bar.*' } }, withCurrent(current), updateErr("stream configuration for subject transform from 'foo.*' to 'bar.*': invalid subject",)],
  ['new source transform', { name: 'S', subjects: ['foo.*'], sources: [{ name: 'A', subject_transforms: [{ src: 'a.*', dest: 'b.{{wildcard(3)}}' }] }] }, withCurrent(current), updateErr('unable to get subject transform for source: invalid mapping destination: wildcard index out of range in {{wildcard(3)}}: [3]',)],
];

void describe('stream update checks', () => {
  for (const [title, update, context, expected] of cases) {
    void test(title, () => {
      assert.deepEqual(checkStreamConfig(update, context), expected);
    });
  }

  void test('its own subjects do not overlap it; limits to interest and back are fine', () => {
    assert.equal(
      checkStreamConfig({ ...request, subjects: ['foo.*', 'bar'] }, withCurrent(current)),
      undefined,
    );
    const interest = prepareStreamConfig(
      { ...request, retention: 'interest' },
      withCurrent(current),
    );
    assert.equal(interest.config?.retention, 'interest');
  });

  void test('sealing sets what nats-server sets', () => {
    const result = prepareStreamConfig(
      { ...request, sealed: true, max_age: 60 * S, allow_rollup_hdrs: true },
      withCurrent(current),
    );
    assert.equal(result.error, undefined);
    assert.ok(result.config !== undefined);
    assert.equal(result.config.max_age, 0);
    assert.equal(result.config.discard, 'new');
    assert.equal(result.config.deny_delete, true);
    assert.equal(result.config.deny_purge, true);
    assert.equal(result.config.allow_rollup_hdrs, false);
  });

  void test('replicas are not refused on update (nats-server single server does not either)', () => {
    assert.equal(
      checkStreamConfig({ ...request, num_replicas: 3 }, withCurrent(current)),
      undefined,
    );
  });
});
