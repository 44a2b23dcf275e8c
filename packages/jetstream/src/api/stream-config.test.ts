import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiError } from './api-error.js';
import { decodeStreamConfig } from './decode.js';
import { applyStreamDefaults, prepareStreamCreate } from './stream-config.js';
import type { StreamCheckContext } from './stream-config.js';
import { checkStreamConfig, prepareStreamConfig } from './stream-update.js';
import type { StreamConfig, StreamConfigRequest } from './types.js';

const S = 1_000_000_000;
const MS = 1_000_000;

const invalid = (description: string) => ({ code: 500, err_code: 10052, description });
const createErr = (description: string) => ({ code: 500, err_code: 10049, description });

function streams(...configs: StreamConfigRequest[]): Map<string, StreamConfig> {
  return new Map(configs.map((c) => [c.name ?? '', applyStreamDefaults(c)]));
}

type Case = [
  title: string,
  request: StreamConfigRequest,
  context: StreamCheckContext,
  expected: ApiError,
];

// Expected errors as nats-server 2.10.22 returns them (checkStreamCfg and the create path).
// prettier-ignore
const createCases: Case[] = [
  ['no name', { subjects: ['foo'] }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['space in name', { name: 'a b' }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['tab in name', { name: 'a\tb' }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['dot in name', { name: 'a.b' }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['* in name', { name: 'a*' }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['> in name', { name: '>' }, {}, invalid("stream name is required and can not contain '.', '*', '>'")],
  ['/ in name', { name: 'a/b' }, {}, { code: 400, err_code: 10128, description: 'Stream name can not contain path separators' }],
  ['\\ in name', { name: 'a\\b' }, {}, { code: 400, err_code: 10128, description: 'Stream name can not contain path separators' }],
  ['name too long', { name: 'x'.repeat(256) }, {}, invalid('stream name is too long, maximum allowed is 255')],
  ['name too long in bytes', { name: 'é'.repeat(128) }, {}, invalid('stream name is too long, maximum allowed is 255')],
  ['description too long', { name: 'S', description: 'd'.repeat(4097) }, {}, invalid('stream description is too long, maximum allowed is 4096')],
  ['metadata too big', { name: 'S', metadata: { k: 'v'.repeat(128 * 1024) } }, {}, invalid('stream metadata exceeds maximum size of 131072 bytes')],
  ['6 replicas', { name: 'S', num_replicas: 6 }, { clustered: true }, invalid('maximum replicas is 5')],
  ['negative replicas', { name: 'S', num_replicas: -1 }, {}, { code: 400, err_code: 10133, description: 'replicas count cannot be negative' }],
  ['3 replicas on one server', { name: 'S', num_replicas: 3 }, {}, { code: 500, err_code: 10074, description: 'replicas > 1 not supported in non-clustered mode' }],
  ['max age under 100ms', { name: 'S', max_age: 50 * MS }, {}, invalid('max age needs to be >= 100ms')],
  ['negative duplicate window', { name: 'S', duplicate_window: -1 }, {}, invalid('duplicates window can not be negative')],
  ['duplicate window over max age', { name: 'S', max_age: S, duplicate_window: 2 * S }, {}, invalid('duplicates window can not be larger then max age')],
  ['duplicate window over server limit', { name: 'S', duplicate_window: 90 * S }, { maxDuplicateWindow: 60 * S }, invalid('duplicates window can not be larger then server limit of 1m0s')],
  ['duplicate window under 100ms', { name: 'S', duplicate_window: 50 * MS }, {}, invalid('duplicates window needs to be >= 100ms')],
  ['rollups without purge', { name: 'S', deny_purge: true, allow_rollup_hdrs: true }, {}, invalid('roll-ups require the purge permission')],
  ['discard new per subject with discard old', { name: 'S', discard_new_per_subject: true, max_msgs_per_subject: 1 }, {}, invalid('discard new per subject requires discard new policy to be set')],
  ['discard new per subject without max per subject', { name: 'S', discard: 'new', discard_new_per_subject: true }, {}, invalid('discard new per subject requires max msgs per subject > 0')],
  ['mirror with first_seq', { name: 'S', mirror: { name: 'M' }, first_seq: 10 }, {}, { code: 400, err_code: 10143, description: 'stream mirrors can not have first sequence configured' }],
  ['mirror with subjects', { name: 'S', mirror: { name: 'M' }, subjects: ['foo'] }, {}, { code: 400, err_code: 10034, description: 'stream mirrors can not contain subjects' }],
  ['mirror with sources', { name: 'S', mirror: { name: 'M' }, sources: [{ name: 'O' }] }, {}, { code: 400, err_code: 10031, description: 'stream mirrors can not also contain other sources' }],
  ['mirror filter and transforms', { name: 'S', mirror: { name: 'M', filter_subject: 'a', subject_transforms: [{ src: 'b', dest: 'c' }] } }, {}, { code: 400, err_code: 10150, description: 'mirror with multiple subject transforms cannot also have a single subject filter' }],
  ['mirror transform source invalid', { name: 'S', mirror: { name: 'M', subject_transforms: [{ src: 'foo..', dest: '' }] } }, {}, { code: 400, err_code: 10151, description: 'mirror subject filter is invalid' }],
  ['mirror transform sources overlap', { name: 'S', mirror: { name: 'M', subject_transforms: [{ src: 'foo.*', dest: '' }, { src: 'foo.bar', dest: '' }] } }, {}, { code: 400, err_code: 10152, description: 'mirror subject filters can not overlap' }],
  ['mirror name invalid', { name: 'S', mirror: { name: 'a.b' } }, {}, { code: 400, err_code: 10142, description: 'mirrored stream name is invalid' }],
  ['mirror max message size smaller', { name: 'S', mirror: { name: 'M' }, max_msg_size: 10 }, { streams: streams({ name: 'M', max_msg_size: 100 }) }, { code: 400, err_code: 10030, description: 'stream mirror must have max message size >= source' }],
  ['source name invalid', { name: 'S', sources: [{ name: '' }] }, {}, { code: 400, err_code: 10141, description: 'sourced stream name is invalid' }],
  ['source twice', { name: 'S', sources: [{ name: 'A' }, { name: 'A', filter_subject: '>' }] }, {}, { code: 400, err_code: 10140, description: 'duplicate source configuration detected' }],
  ['source max message size smaller', { name: 'S', sources: [{ name: 'A' }], max_msg_size: 10 }, { streams: streams({ name: 'A', max_msg_size: 100 }) }, { code: 400, err_code: 10046, description: 'stream source must have max message size >= target' }],
  ['source filter and transforms', { name: 'S', sources: [{ name: 'A', filter_subject: 'a', subject_transforms: [{ src: 'b', dest: 'c' }] }] }, {}, { code: 400, err_code: 10144, description: 'source with multiple subject transforms cannot also have a single subject filter' }],
  ['source transform destination unknown function', { name: 'S', sources: [{ name: 'A', subject_transforms: [{ src: 'a.*', dest: 'b.{{nope(1)}}' }] }] }, {}, { code: 400, err_code: 10146, description: 'source transform destination is invalid' }],
  ['source transform source invalid', { name: 'S', sources: [{ name: 'A', subject_transforms: [{ src: '', dest: 'b' }] }] }, {}, { code: 400, err_code: 10145, description: 'source subject filter is invalid' }],
  ['source transform sources overlap', { name: 'S', sources: [{ name: 'A', subject_transforms: [{ src: 'foo.>', dest: '' }, { src: 'foo.bar', dest: '' }] }] }, {}, { code: 400, err_code: 10147, description: 'source filters can not overlap' }],
  ['external deliver prefix with wildcard', { name: 'S', sources: [{ name: 'A', external: { api: '$JS.x.API', deliver: 'dp.*' } }] }, {}, { code: 400, err_code: 10024, description: 'stream external delivery prefix dp.* must not contain wildcards' }],
  ['external deliver prefix overlaps', { name: 'S', sources: [{ name: 'L' }, { name: 'A', external: { api: '$JS.x.API', deliver: 'foo' } }] }, { streams: streams({ name: 'L', subjects: ['foo.>'] }) }, { code: 400, err_code: 10022, description: 'stream external delivery prefix foo overlaps with stream subject foo.>' }],
  ['external api prefix with wildcard', { name: 'S', sources: [{ name: 'A', external: { api: 'api.*', deliver: '' } }] }, {}, invalid('stream external api prefix "api.*" must be a valid subject without wildcards')],
  ['external api prefix is the API', { name: 'S', sources: [{ name: 'A', external: { api: '$JS.API', deliver: '' } }] }, {}, { code: 400, err_code: 10021, description: 'stream external api prefix $JS.API must not overlap with $JS.API' }],
  ['source cycle', { name: 'B', subjects: ['foo'], sources: [{ name: 'A' }] }, { streams: streams({ name: 'A', subjects: ['foo'], sources: [{ name: 'B' }] }) }, invalid('detected cycle')],
  ['mirror cycle', { name: 'X', mirror: { name: 'M' } }, { streams: streams({ name: 'M', mirror: { name: 'X' } }) }, invalid('detected cycle')],
  ['invalid subject', { name: 'S', subjects: ['foo..bar'] }, {}, invalid('invalid subject')],
  ['subject with space', { name: 'S', subjects: ['foo bar'] }, {}, invalid('invalid subject')],
  ['duplicate subjects', { name: 'S', subjects: ['foo', 'foo'] }, {}, invalid('duplicate subjects detected')],
  ['capture all with acks', { name: 'S', subjects: ['>'] }, {}, invalid('capturing all subjects requires no-ack to be true')],
  ['capture all replicated', { name: 'S', subjects: ['>'], no_ack: true, num_replicas: 3 }, { clustered: true }, invalid('capturing all subjects requires replicas of 1')],
  ['JetStream API subjects', { name: 'S', subjects: ['$JS.API.>'] }, {}, invalid('subjects that overlap with jetstream api require no-ack to be true')],
  ['$JSC subjects', { name: 'S', subjects: ['$JSC.foo'] }, {}, invalid('subjects that overlap with jetstream api require no-ack to be true')],
  ['system subjects', { name: 'S', subjects: ['$SYS.REQ.>'] }, {}, invalid('subjects that overlap with system api require no-ack to be true')],
  ['max bytes required', { name: 'S' }, { account: { max_bytes_required: true } }, { code: 400, err_code: 10113, description: 'account requires a stream config to have max bytes set' }],
  ['max bytes over the account stream limit', { name: 'S', max_bytes: 2000 }, { account: { storage_max_stream_bytes: 1000 } }, { code: 400, err_code: 10122, description: 'stream max bytes exceeds account limit max stream bytes' }],
  ['memory max stream bytes', { name: 'S', storage: 'memory', max_bytes: 2000 }, { account: { storage_max_stream_bytes: 1000, memory_max_stream_bytes: 1500 } }, { code: 400, err_code: 10122, description: 'stream max bytes exceeds account limit max stream bytes' }],
  ['subjects overlap each other', { name: 'S', subjects: ['foo.*', 'foo.bar'] }, {}, invalid('subject "foo.*" overlaps with "foo.bar"')],
  ['republish onto own subjects', { name: 'S', subjects: ['foo.>'], republish: { dest: 'foo.bar' } }, {}, invalid('stream configuration for republish destination forms a cycle')],
  ['republish transform invalid', { name: 'S', subjects: ['foo.*'], republish: { src: 'foo.*', dest: 'bar.>' } }, {}, invalid("stream configuration for republish with transform from 'foo.*' to 'bar.>' not valid")],
  ['sealed on create', { name: 'S', sealed: true }, {}, invalid('stream configuration for create can not be sealed')],
  ['mirror direct without mirror', { name: 'S', mirror_direct: true }, {}, invalid('stream has no mirror but does have mirror direct')],
  ['too many streams', { name: 'S' }, { account: { max_streams: 1 }, streams: streams({ name: 'O' }) }, { code: 400, err_code: 10027, description: 'maximum number of streams reached' }],
  ['max consumers over the account', { name: 'S', max_consumers: 20 }, { account: { max_consumers: 10 } }, { code: 400, err_code: 10026, description: 'maximum consumers limit reached' }],
  ['name not the one in the subject', { name: 'S' }, { subjectName: 'T' }, { code: 400, err_code: 10056, description: 'stream name in subject does not match request' }],
  ['name in use', { name: 'S', subjects: ['bar'] }, { streams: streams({ name: 'S', subjects: ['foo'] }) }, { code: 400, err_code: 10058, description: 'stream name already in use with a different configuration' }],
  ['subjects of another stream', { name: 'S', subjects: ['foo.bar'] }, { streams: streams({ name: 'O', subjects: ['foo.*'] }) }, { code: 400, err_code: 10065, description: 'subjects overlap with an existing stream' }],
  ['subject transform invalid', { name: 'S', subjects: ['foo.*'], subject_transform: { src: 'foo.*', dest: 'bar.*' } }, {}, createErr("stream subject transform from 'foo.*' to 'bar.*': invalid subject")],
  ['subject transform index out of range', { name: 'S', subjects: ['foo.*'], subject_transform: { src: 'foo.*', dest: 'bar.{{wildcard(2)}}' } }, {}, createErr("stream subject transform from 'foo.*' to 'bar.{{wildcard(2)}}': invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]",)],
  ['mirror filter invalid', { name: 'S', mirror: { name: 'M', filter_subject: 'foo..' } }, {}, createErr("subject filter 'foo..' for the mirror invalid subject")],
  ['source filter invalid', { name: 'S', sources: [{ name: 'A', filter_subject: 'foo..' }] }, {}, createErr("subject filter 'foo..' for the source: invalid subject")],
  ['source transform cannot be built', { name: 'S', sources: [{ name: 'A', subject_transforms: [{ src: 'foo.*', dest: 'bar.{{wildcard(2)}}' }] }] }, {}, createErr("subject transform from 'foo.*' to 'bar.{{wildcard(2)}}' for the source: invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]",)],
  ['mirror transform cannot be built', { name: 'S', mirror: { name: 'M', subject_transforms: [{ src: 'foo.*', dest: '{{unknown(1)}}' }] } }, {}, createErr("subject transform from 'foo.*' to '{{unknown(1)}}' for the mirror: invalid mapping destination: unknown function in {{unknown(1)}}",)],
];

void describe('stream create checks (nats-server checkStreamCfg and create path)', () => {
  for (const [title, request, context, expected] of createCases) {
    void test(title, () => {
      assert.deepEqual(checkStreamConfig(request, context), expected);
    });
  }
});

// prettier-ignore
const accepted: [string, StreamConfigRequest, StreamCheckContext][] = [
  ['a plain stream', { name: 'ORDERS', subjects: ['orders.>'] }, {}],
  ['no subjects: the name', { name: 'ORDERS' }, {}],
  ['3 replicas when clustered', { name: 'S', num_replicas: 3 }, { clustered: true }],
  ['capture all with no-ack', { name: 'S', subjects: ['>'], no_ack: true }, {}],
  ['$JS.EVENT subjects', { name: 'S', subjects: ['$JS.EVENT.ADVISORY.>'] }, {}],
  ['$SYS.ACCOUNT subjects', { name: 'S', subjects: ['$SYS.ACCOUNT.>'] }, {}],
  ['API subjects with no-ack', { name: 'S', subjects: ['$JS.API.>'], no_ack: true }, {}],
  ['source cycle on other subjects', { name: 'B', subjects: ['bar'], sources: [{ name: 'A', filter_subject: 'foo' }] }, { streams: streams({ name: 'A', subjects: ['foo'], sources: [{ name: 'B', filter_subject: 'bar' }] }) }],
  ['a valid subject transform', { name: 'S', subjects: ['foo.*'], subject_transform: { src: 'foo.*', dest: 'bar.{{wildcard(1)}}' } }, {}],
  ['a mirror of an unknown stream', { name: 'S', mirror: { name: 'M' } }, {}],
  ['sources with transforms', { name: 'S', sources: [{ name: 'A', subject_transforms: [{ src: 'a.*', dest: 'b.$1' }] }, { name: 'A', filter_subject: 'c' }] }, {}],
  ['a KV bucket as nats.js creates it', { name: 'KV_b', subjects: ['$KV.b.>'], retention: 'limits', max_msgs_per_subject: 1, discard: 'new', max_age: 0, deny_delete: true, deny_purge: false, allow_rollup_hdrs: true, allow_direct: true, num_replicas: 1, storage: 'file', duplicate_window: 120 * S }, {}],
];

void describe('stream configs nats-server accepts', () => {
  for (const [title, request, context] of accepted) {
    void test(title, () => {
      const result = prepareStreamConfig(request, context);
      assert.equal(result.error, undefined);
    });
  }
});

void describe('stream defaults', () => {
  void test('as nats-server returns them, in its field order', () => {
    const config = applyStreamDefaults({ name: 'ORDERS', subjects: ['orders.>'] });
    assert.equal(
      JSON.stringify(config),
      '{"name":"ORDERS","subjects":["orders.>"],"retention":"limits","max_consumers":-1,"max_msgs":-1,' +
        '"max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",' +
        '"storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",' +
        '"allow_direct":false,"mirror_direct":false,"sealed":false,"deny_delete":false,' +
        '"deny_purge":false,"allow_rollup_hdrs":false,"consumer_limits":{}}',
    );
  });

  void test('subjects default to the name; the duplicate window to max_age or the server limit', () => {
    assert.deepEqual(applyStreamDefaults({ name: 'S' }).subjects, ['S']);
    assert.equal(applyStreamDefaults({ name: 'S', max_age: S }).duplicate_window, S);
    assert.equal(
      applyStreamDefaults({ name: 'S' }, { maxDuplicateWindow: 30 * S }).duplicate_window,
      30 * S,
    );
    assert.equal(
      applyStreamDefaults({ name: 'S', duplicate_window: 5 * S }).duplicate_window,
      5 * S,
    );
  });

  void test('mirrors get no subjects, no duplicate window, and the mirrored allow_direct', () => {
    const config = applyStreamDefaults(
      { name: 'S', mirror: { name: 'M' } },
      { streams: streams({ name: 'M', allow_direct: true }) },
    );
    assert.equal(config.subjects, undefined);
    assert.equal(config.duplicate_window, undefined);
    assert.equal(config.mirror_direct, true);
    assert.deepEqual(config.mirror, { name: 'M' });
  });

  void test('negative limits stay; zero limits become -1; republish source defaults to >', () => {
    const config = applyStreamDefaults({
      name: 'S',
      max_msgs: -5,
      max_bytes: 0,
      republish: { dest: 'x.>' },
    });
    assert.equal(config.max_msgs, -5);
    assert.equal(config.max_bytes, -1);
    assert.deepEqual(config.republish, { src: '>', dest: 'x.>' });
  });

  void test('metadata keys are sorted and nested structs take Go field order', () => {
    const config = applyStreamDefaults({
      name: 'S',
      metadata: { b: '2', a: '1' },
      sources: [{ external: { deliver: 'd', api: 'a' }, filter_subject: 'f', name: 'A' }],
    });
    assert.equal(JSON.stringify(config.metadata), '{"a":"1","b":"2"}');
    assert.equal(
      JSON.stringify(config.sources),
      '[{"name":"A","filter_subject":"f","external":{"api":"a","deliver":"d"}}]',
    );
  });

  void test('defaults are idempotent and survive a JSON round trip through the decoder', () => {
    const requests: StreamConfigRequest[] = [
      {
        name: 'A',
        subjects: ['a.*', 'b'],
        max_age: 10 * S,
        storage: 'memory',
        metadata: { k: 'v' },
      },
      { name: 'B', mirror: { name: 'A', opt_start_seq: 5 } },
      {
        name: 'C',
        sources: [{ name: 'A', subject_transforms: [{ src: 'a.*', dest: 'c.$1' }] }],
        consumer_limits: { max_ack_pending: 10 },
      },
    ];
    for (const request of requests) {
      const once = applyStreamDefaults(request);
      assert.deepEqual(applyStreamDefaults(once), once);
      const decoded = decodeStreamConfig(JSON.parse(JSON.stringify(once)));
      assert.ok(decoded.value !== undefined);
      assert.deepEqual(applyStreamDefaults(decoded.value), once);
    }
  });

  void test('create of an existing stream with the same config answers with it', () => {
    const existing = streams({ name: 'S', subjects: ['foo'] });
    const result = prepareStreamCreate(
      { name: 'S', subjects: ['foo'], max_msgs: 0 },
      { streams: existing },
    );
    assert.equal(result.error, undefined);
    assert.equal(result.exists, true);
    assert.equal(result.config, existing.get('S'));
  });
});
