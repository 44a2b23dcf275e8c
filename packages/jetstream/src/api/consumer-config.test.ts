import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiError } from './api-error.js';
import {
  applyConsumerDefaults,
  checkConsumerConfig,
  prepareConsumerConfig,
} from './consumer-config.js';
import type { ConsumerCheckContext } from './consumer-config.js';
import { applyStreamDefaults } from './stream-config.js';
import type { ConsumerConfig, ConsumerConfigRequest, StreamConfigRequest } from './types.js';

const S = 1_000_000_000;
const MS = 1_000_000;

const stream = (extra: StreamConfigRequest = {}) =>
  applyStreamDefaults({ name: 'S', subjects: ['foo.>'], ...extra });
const base: ConsumerCheckContext = { stream: stream() };
const policy = (description: string) => ({ code: 400, err_code: 10094, description });
const existing = (...configs: ConsumerConfigRequest[]): Map<string, ConsumerConfig> =>
  new Map(configs.map((c) => [c.durable_name ?? c.name ?? '', applyConsumerDefaults(c, base)]));

type Case = [
  title: string,
  request: ConsumerConfigRequest,
  context: ConsumerCheckContext,
  expected: ApiError,
];

const explicit = { durable_name: 'D', ack_policy: 'explicit' } as const;
const push = { durable_name: 'D', deliver_subject: 'out' } as const;

// Expected errors as nats-server 2.10.22 returns them (checkConsumerCfg, addConsumerWithAssignment).
// prettier-ignore
const cases: Case[] = [
  ['more replicas than the stream', { ...explicit, num_replicas: 3 }, { ...base, clustered: true }, { code: 400, err_code: 10126, description: 'consumer config replica count exceeds parent stream' }],
  ['negative replicas', { ...explicit, num_replicas: -1 }, base, { code: 400, err_code: 10133, description: 'replicas count cannot be negative' }],
  ["replicas not the interest stream's", { ...explicit, num_replicas: 1 }, { stream: stream({ retention: 'interest', num_replicas: 3 }), clustered: true }, { code: 400, err_code: 10134, description: "consumer config replicas must match interest retention stream's replicas" }],
  ['3 replicas on one server', { ...explicit, num_replicas: 3 }, base, { code: 500, err_code: 10074, description: 'replicas > 1 not supported in non-clustered mode' }],
  ['max deliver within backoff', { ...explicit, backoff: [S, 2 * S], max_deliver: 2 }, base, { code: 400, err_code: 10116, description: 'max deliver is required to be > length of backoff values' }],
  ['description too long', { ...explicit, description: 'd'.repeat(4097) }, base, { code: 400, err_code: 10107, description: 'consumer description is too long, maximum allowed is 4096' }],
  ['deliver subject with wildcards', { ...push, deliver_subject: 'out.*' }, base, { code: 400, err_code: 10079, description: 'consumer deliver subject has wildcards' }],
  ['deliver subject invalid', { ...push, deliver_subject: 'out..x' }, base, { code: 400, err_code: 10112, description: 'invalid push consumer deliver subject' }],
  ['deliver subject in the stream', { ...push, deliver_subject: 'foo.bar' }, base, { code: 400, err_code: 10081, description: 'consumer deliver subject forms a cycle' }],
  ['push with max waiting', { ...push, max_waiting: 10 }, base, { code: 400, err_code: 10080, description: 'consumer in push mode can not set max waiting' }],
  ['push ack none with max ack pending', { ...push, max_ack_pending: 10 }, base, { code: 400, err_code: 10082, description: 'consumer requires ack policy for max ack pending' }],
  ['push heartbeat under 100ms', { ...push, idle_heartbeat: 50 * MS }, base, { code: 400, err_code: 10083, description: 'consumer idle heartbeat needs to be >= 100ms' }],
  ['pull ack none on a workqueue', { durable_name: 'D' }, { stream: stream({ retention: 'workqueue' }) }, { code: 400, err_code: 10084, description: 'consumer in pull mode requires ack policy' }],
  ['pull with rate limit', { ...explicit, rate_limit_bps: 1000 }, base, { code: 400, err_code: 10086, description: 'consumer in pull mode can not have rate limit set' }],
  ['pull negative max waiting', { ...explicit, max_waiting: -1 }, base, { code: 400, err_code: 10087, description: 'consumer max waiting needs to be positive' }],
  ['pull heartbeat', { ...explicit, idle_heartbeat: S }, base, { code: 400, err_code: 10088, description: 'consumer idle heartbeat requires a push based consumer' }],
  ['pull flow control', { ...explicit, flow_control: true }, base, { code: 400, err_code: 10089, description: 'consumer flow control requires a push based consumer' }],
  ['pull negative max batch', { ...explicit, max_batch: -1 }, base, { code: 400, err_code: 10114, description: 'consumer max request batch needs to be > 0' }],
  ['pull max expires under 1ms', { ...explicit, max_expires: 1000 }, base, { code: 400, err_code: 10115, description: 'consumer max request expires needs to be >= 1ms' }],
  ['max batch over the server limit', { ...explicit, max_batch: 500 }, { ...base, server: { max_request_batch: 250 } }, { code: 400, err_code: 10125, description: 'consumer max request batch exceeds server limit of 250' }],
  ['max ack pending over the server limit', { ...explicit, max_ack_pending: 2000 }, { ...base, server: { max_ack_pending: 1000 } }, { code: 400, err_code: 10121, description: 'consumer max ack pending exceeds system limit of 1000' }],
  ['max ack pending over the account limit', { ...explicit, max_ack_pending: 200 }, { ...base, account: { max_ack_pending: 100 } }, { code: 400, err_code: 10121, description: 'consumer max ack pending exceeds system limit of 100' }],
  ['max ack pending over the stream limit', { ...explicit, max_ack_pending: 60 }, { stream: stream({ consumer_limits: { max_ack_pending: 50 } }) }, { code: 400, err_code: 10121, description: 'consumer max ack pending exceeds system limit of 50' }],
  ['inactive threshold over the stream limit', { ...explicit, inactive_threshold: 10 * S }, { stream: stream({ consumer_limits: { inactive_threshold: 5 * S } }) }, { code: 400, err_code: 10153, description: 'consumer inactive threshold exceeds system limit of 5s' }],
  ['direct pull', { ack_policy: 'explicit', direct: true }, base, { code: 400, err_code: 10090, description: 'consumer direct requires a push based consumer' }],
  ['direct durable', { ...push, direct: true }, base, { code: 400, err_code: 10091, description: 'consumer direct requires an ephemeral consumer' }],
  ['filter and filters', { ...explicit, filter_subject: 'foo.a', filter_subjects: ['foo.b'] }, base, { code: 400, err_code: 10136, description: 'consumer cannot have both FilterSubject and FilterSubjects specified' }],
  ['filter invalid', { ...explicit, filter_subject: 'foo..a' }, base, { code: 500, err_code: 10052, description: 'invalid subject' }],
  ['empty filter in filters', { ...explicit, filter_subjects: ['foo.a', ''] }, base, { code: 400, err_code: 10139, description: 'consumer filter in FilterSubjects cannot be empty' }],
  ['filters invalid', { ...explicit, filter_subjects: ['foo a'] }, base, { code: 500, err_code: 10052, description: 'invalid subject' }],
  ['filters overlap', { ...explicit, filter_subjects: ['foo.*', 'foo.bar'] }, base, { code: 400, err_code: 10138, description: 'consumer subject filters cannot overlap' }],
  ['deliver all with a start sequence', { ...explicit, opt_start_seq: 5 }, base, policy('consumer delivery policy is deliver all, but optional start sequence is also set')],
  ['deliver all with a start time', { ...explicit, opt_start_time: '2024-01-01T00:00:00Z' }, base, policy('consumer delivery policy is deliver all, but optional start time is also set')],
  ['deliver last with a start time', { ...explicit, deliver_policy: 'last', opt_start_time: '2024-01-01T00:00:00Z' }, base, policy('consumer delivery policy is deliver last, but optional start time is also set')],
  ['deliver new with a start sequence', { ...explicit, deliver_policy: 'new', opt_start_seq: 1 }, base, policy('consumer delivery policy is deliver new, but optional start sequence is also set')],
  ['last per subject without filter', { ...explicit, deliver_policy: 'last_per_subject' }, base, policy('consumer delivery policy is deliver last per subject, but optional filter subject is not set',)],
  ['by start sequence without one', { ...explicit, deliver_policy: 'by_start_sequence' }, base, policy('consumer delivery policy is deliver by start sequence, but optional start sequence is not set',)],
  ['by start sequence with a time', { ...explicit, deliver_policy: 'by_start_sequence', opt_start_seq: 1, opt_start_time: '2024-01-01T00:00:00Z' }, base, policy('consumer delivery policy is deliver by start sequence, but optional start time is also set',)],
  ['by start time without one', { ...explicit, deliver_policy: 'by_start_time' }, base, policy('consumer delivery policy is deliver by start time, but optional start time is not set')],
  ['by start time with a sequence', { ...explicit, deliver_policy: 'by_start_time', opt_start_time: '2024-01-01T00:00:00Z', opt_start_seq: 3 }, base, policy('consumer delivery policy is deliver by start time, but optional start start sequence is also set',)],
  ['sample frequency not a number', { ...explicit, sample_freq: 'abc%' }, base, { code: 400, err_code: 10095, description: 'failed to parse consumer sampling configuration: strconv.Atoi: parsing "abc": invalid syntax' }],
  ['sample frequency negative', { ...explicit, sample_freq: '-5' }, base, { code: 400, err_code: 10095, description: 'failed to parse consumer sampling configuration: <nil>' }],
  ['flow control without heartbeats', { ...push, flow_control: true }, base, { code: 400, err_code: 10108, description: 'consumer with flow control also needs heartbeats' }],
  ['durable and name differ', { ...explicit, name: 'N' }, base, { code: 400, err_code: 10132, description: 'Consumer Durable and Name have to be equal if both are provided' }],
  ['metadata too big', { ...explicit, metadata: { k: 'v'.repeat(128 * 1024) } }, base, { code: 400, err_code: 10135, description: 'consumer metadata exceeds maximum size of 128KB' }],
  ['update of a missing consumer', explicit, { ...base, action: 'update' }, { code: 400, err_code: 10149, description: 'consumer does not exist' }],
  ['create of an existing consumer with another config', { ...explicit, ack_wait: 5 * S }, { ...base, action: 'create', consumers: existing(explicit) }, { code: 400, err_code: 10148, description: 'consumer already exists' }],
  ['update of the deliver policy', { ...explicit, deliver_policy: 'new' }, { ...base, consumers: existing(explicit) }, { code: 500, err_code: 10012, description: 'deliver policy can not be updated' }],
  ['update of the ack policy', { ...explicit, ack_policy: 'all' }, { ...base, consumers: existing(explicit) }, { code: 500, err_code: 10012, description: 'ack policy can not be updated' }],
  ['update from pull to push', { ...explicit, deliver_subject: 'out', max_waiting: 0 }, { ...base, consumers: existing(explicit) }, { code: 500, err_code: 10012, description: 'max waiting can not be updated' }],
  ['update of a bound push deliver subject', { ...push, deliver_subject: 'out2' }, { ...base, consumers: existing(push), hasInterest: () => true }, { code: 400, err_code: 10013, description: 'consumer name already in use' }],
  ['too many consumers', explicit, { stream: stream({ max_consumers: 1 }), consumers: existing({ durable_name: 'O' }) }, { code: 400, err_code: 10026, description: 'maximum consumers limit reached' }],
  ['too many for the account', explicit, { ...base, account: { max_consumers: 1 }, consumers: existing({ durable_name: 'O' }) }, { code: 400, err_code: 10026, description: 'maximum consumers limit reached' }],
  ['workqueue with ack all', { durable_name: 'D', ack_policy: 'all' }, { stream: stream({ retention: 'workqueue' }) }, { code: 400, err_code: 10098, description: 'workqueue stream requires explicit ack' }],
  ['second unfiltered workqueue consumer', explicit, { stream: stream({ retention: 'workqueue' }), consumers: existing({ durable_name: 'O', ack_policy: 'explicit' }) }, { code: 400, err_code: 10099, description: 'multiple non-filtered consumers not allowed on workqueue stream' }],
  ['overlapping workqueue consumers', { ...explicit, filter_subject: 'foo.a' }, { stream: stream({ retention: 'workqueue' }), consumers: existing({ durable_name: 'O', ack_policy: 'explicit', filter_subject: 'foo.*' }) }, { code: 400, err_code: 10100, description: 'filtered consumer not unique on workqueue stream' }],
  ['workqueue deliver last', { ...explicit, deliver_policy: 'last' }, { stream: stream({ retention: 'workqueue' }) }, { code: 400, err_code: 10101, description: 'consumer must be deliver all on workqueue stream' }],
  ['durable name too long', { ...explicit, durable_name: 'd'.repeat(256) }, base, { code: 400, err_code: 10102, description: 'consumer name is too long, maximum allowed is 255' }],
  ['durable name with a dot', { ...explicit, durable_name: 'a.b' }, base, { code: 400, err_code: 10103, description: "durable name can not contain '.', '*', '>'" }],
  ['name with a space', { ack_policy: 'explicit', name: 'a b' }, base, { code: 400, err_code: 10103, description: "durable name can not contain '.', '*', '>'" }],
];

void describe('consumer checks (nats-server checkConsumerCfg and addConsumer)', () => {
  for (const [title, request, context, expected] of cases) {
    void test(title, () => {
      assert.deepEqual(checkConsumerConfig(request, context), expected);
    });
  }
});

void describe('consumer defaults', () => {
  void test('a pull consumer as nats-server returns it, in its field order', () => {
    const config = applyConsumerDefaults({ durable_name: 'D', ack_policy: 'explicit' }, base);
    assert.equal(
      JSON.stringify(config),
      '{"durable_name":"D","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,' +
        '"max_deliver":-1,"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,' +
        '"num_replicas":0}',
    );
  });

  void test('a push consumer with ack none gets no ack defaults and no max waiting', () => {
    const config = applyConsumerDefaults({ deliver_subject: 'out' }, base);
    assert.deepEqual(config, {
      deliver_policy: 'all',
      ack_policy: 'none',
      max_deliver: -1,
      replay_policy: 'instant',
      deliver_subject: 'out',
      num_replicas: 0,
    });
  });

  void test('backoff sets ack_wait; stream consumer limits are the defaults', () => {
    const context = {
      stream: stream({ consumer_limits: { max_ack_pending: 20, inactive_threshold: 9 * S } }),
    };
    const config = applyConsumerDefaults(
      { ack_policy: 'explicit', backoff: [S, 5 * S], max_deliver: 4 },
      context,
    );
    assert.equal(config.ack_wait, S);
    assert.equal(config.max_ack_pending, 20);
    assert.equal(config.inactive_threshold, 9 * S);
  });

  void test('ephemerals get a generated name and a 5s inactive threshold; durables keep 0', () => {
    const ephemeral = prepareConsumerConfig({ ack_policy: 'explicit' }, base);
    assert.match(ephemeral.config?.name ?? '', /^[0-9A-Za-z]{8}$/);
    assert.equal(ephemeral.config?.inactive_threshold, 5 * S);
    const named = prepareConsumerConfig(
      { ack_policy: 'explicit', name: 'N' },
      { ...base, generateName: () => 'X' },
    );
    assert.equal(named.config?.name, 'N');
    const durable = prepareConsumerConfig(explicit, base);
    assert.equal(durable.config?.inactive_threshold, undefined);
  });

  void test('an update of an existing consumer says so', () => {
    const consumers = existing(explicit);
    const result = prepareConsumerConfig(
      { ...explicit, max_ack_pending: 10, description: 'd' },
      { ...base, consumers },
    );
    assert.equal(result.error, undefined);
    assert.equal(result.existing, true);
    assert.equal(result.config?.max_ack_pending, 10);
  });

  // nats-server's TestJetStreamLimits with limits { max_ack_pending: 1000, max_request_batch: 250 }.
  void test('server limits as TestJetStreamLimits', () => {
    const context: ConsumerCheckContext = {
      ...base,
      server: { max_ack_pending: 1000, max_request_batch: 250 },
    };
    const dur1 = prepareConsumerConfig({ durable_name: 'dur1', ack_policy: 'explicit' }, context);
    assert.equal(dur1.config?.max_ack_pending, 1000);
    assert.equal(dur1.config?.max_batch, 250);
    assert.equal(
      checkConsumerConfig({ durable_name: 'dur2', ack_policy: 'explicit', max_batch: 500 }, context)
        ?.description,
      'consumer max request batch exceeds server limit of 250',
    );
    const dur2 = prepareConsumerConfig(
      { durable_name: 'dur2', ack_policy: 'explicit', max_ack_pending: 500 },
      context,
    );
    assert.equal(dur2.config?.max_ack_pending, 500);
    assert.equal(dur2.config?.max_batch, 250);
    assert.ok(dur2.config !== undefined);
    const consumers = new Map([['dur2', dur2.config]]);
    assert.equal(
      checkConsumerConfig(
        { durable_name: 'dur2', ack_policy: 'explicit', max_ack_pending: 2000 },
        { ...context, consumers },
      )?.description,
      'consumer max ack pending exceeds system limit of 1000',
    );
  });

  void test('defaults are idempotent', () => {
    const requests: ConsumerConfigRequest[] = [explicit, push, { ack_policy: 'all', backoff: [S] }];
    for (const request of requests) {
      const once = applyConsumerDefaults(request, base);
      assert.deepEqual(applyConsumerDefaults(once, base), once);
    }
  });
});
