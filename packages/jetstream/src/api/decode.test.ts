import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConsumerCreateSubject, parseConsumerCreateSubject } from './consumer-subject.js';
import type { ConsumerCreateSubject } from './consumer-subject.js';
import {
  decodeConsumerCreateRequest,
  decodeConsumerGetNextRequest,
  decodeMsgGetRequest,
  decodeStreamConfig,
  parseRequestJSON,
} from './decode.js';
import type { ConsumerCreateRequest } from './types.js';

const INVALID_JSON = { code: 400, err_code: 10025, description: 'invalid JSON' };

void describe('parseRequestJSON', () => {
  void test('parses JSON text and bytes', () => {
    assert.deepEqual(parseRequestJSON('{"a":1}'), { value: { a: 1 } });
    assert.deepEqual(parseRequestJSON(new TextEncoder().encode(' [1] ')), { value: [1] });
  });

  void test('empty, malformed, trailing garbage and a BOM are invalid JSON, as Go', () => {
    for (const text of ['', '{', '{"a":1} x', '\uFEFF{}', "{'a':1}"]) {
      assert.deepEqual(parseRequestJSON(text), { error: INVALID_JSON }, JSON.stringify(text));
    }
  });
});

void describe('decodeStreamConfig', () => {
  void test('keeps known fields and drops unknown ones', () => {
    const decoded = decodeStreamConfig({ name: 'S', subjects: ['a'], max_age: 5, bogus: true });
    assert.deepEqual(decoded, { value: { name: 'S', subjects: ['a'], max_age: 5 } });
  });

  void test('matches field names case-insensitively, preferring the exact one', () => {
    assert.deepEqual(decodeStreamConfig({ NAME: 'S', Max_Msgs: 3 }).value, {
      name: 'S',
      max_msgs: 3,
    });
    assert.deepEqual(decodeStreamConfig({ name: 'a', NAME: 'b' }).value, { name: 'b' });
  });

  void test('null leaves a field at its zero value, except for enums', () => {
    assert.deepEqual(decodeStreamConfig({ name: 'S', max_msgs: null, mirror: null }).value, {
      name: 'S',
    });
    assert.deepEqual(decodeStreamConfig({ name: 'S', retention: null }).error, INVALID_JSON);
    assert.deepEqual(decodeStreamConfig({ name: 'S', compression: null }).error, INVALID_JSON);
    assert.deepEqual(decodeStreamConfig(null).value, {});
  });

  void test('discard is case-insensitive, the other enums are not', () => {
    assert.equal(decodeStreamConfig({ discard: 'NEW' }).value?.discard, 'new');
    assert.deepEqual(decodeStreamConfig({ retention: 'Limits' }).error, INVALID_JSON);
    assert.deepEqual(decodeStreamConfig({ storage: 'disk' }).error, INVALID_JSON);
  });

  void test('wrong types, fractions and out-of-range numbers are invalid JSON', () => {
    const bad: unknown[] = [
      [],
      'S',
      { name: 5 },
      { subjects: 'foo' },
      { subjects: [1] },
      { max_msgs: 1.5 },
      { max_msgs: '1' },
      { max_msg_size: 2 ** 31 },
      { first_seq: -1 },
      { sealed: 'true' },
      { metadata: { a: 1 } },
      { sources: [null] },
      { mirror: { name: 'M', opt_start_time: 'yesterday' } },
      { mirror: { opt_start_time: '2024-02-30T00:00:00Z' } },
    ];
    for (const value of bad) {
      assert.deepEqual(decodeStreamConfig(value).error, INVALID_JSON, JSON.stringify(value));
    }
  });

  void test('nested structs decode field by field', () => {
    const decoded = decodeStreamConfig({
      name: 'S',
      sources: [{ name: 'A', opt_start_time: '2024-01-02T03:04:05.123456789+01:00', x: 1 }],
      subject_transform: { src: 'a', dest: 'b' },
      consumer_limits: { max_ack_pending: 5 },
      metadata: { k: 'v', n: null },
    });
    assert.deepEqual(decoded.value, {
      name: 'S',
      sources: [{ name: 'A', opt_start_time: '2024-01-02T03:04:05.123456789+01:00' }],
      subject_transform: { src: 'a', dest: 'b' },
      consumer_limits: { max_ack_pending: 5 },
      metadata: { k: 'v', n: '' },
    });
  });
});

void describe('decodeConsumerCreateRequest and the other requests', () => {
  void test('a create request with action', () => {
    const decoded = decodeConsumerCreateRequest({
      stream_name: 'S',
      config: {
        durable_name: 'D',
        ack_policy: 'explicit',
        backoff: [1, 2],
        deliver_policy: 'undefined',
      },
      action: 'create',
    });
    assert.deepEqual(decoded.value, {
      stream_name: 'S',
      config: { durable_name: 'D', ack_policy: 'explicit', backoff: [1, 2], deliver_policy: 'all' },
      action: 'create',
    });
  });

  void test('an unknown action or policy is invalid JSON', () => {
    assert.deepEqual(
      decodeConsumerCreateRequest({ stream_name: 'S', action: 'upsert' }).error,
      INVALID_JSON,
    );
    assert.deepEqual(
      decodeConsumerCreateRequest({ config: { ack_policy: 'some' } }).error,
      INVALID_JSON,
    );
    assert.deepEqual(
      decodeConsumerCreateRequest({ config: { opt_start_seq: -2 } }).error,
      INVALID_JSON,
    );
  });

  void test('next and get requests', () => {
    assert.deepEqual(
      decodeConsumerGetNextRequest({ batch: 10, expires: 5e9, no_wait: true }).value,
      {
        batch: 10,
        expires: 5e9,
        no_wait: true,
      },
    );
    assert.deepEqual(decodeMsgGetRequest({ last_by_subj: 'a.b', multi_last: ['x'] }).value, {
      last_by_subj: 'a.b',
      multi_last: ['x'],
    });
    assert.deepEqual(decodeMsgGetRequest({ seq: 'one' }).error, INVALID_JSON);
  });
});

void describe('consumer create subjects', () => {
  void test('parse the four forms', () => {
    assert.deepEqual(parseConsumerCreateSubject('$JS.API.CONSUMER.CREATE.S'), {
      kind: 'legacy-ephemeral',
      stream: 'S',
      consumer: '',
      filter: '',
    });
    assert.deepEqual(parseConsumerCreateSubject('$JS.API.CONSUMER.CREATE.S.C'), {
      kind: 'named',
      stream: 'S',
      consumer: 'C',
      filter: '',
    });
    assert.deepEqual(parseConsumerCreateSubject('$JS.API.CONSUMER.CREATE.S.C.foo.>'), {
      kind: 'named',
      stream: 'S',
      consumer: 'C',
      filter: 'foo.>',
    });
    assert.deepEqual(parseConsumerCreateSubject('$JS.API.CONSUMER.DURABLE.CREATE.S.D'), {
      kind: 'legacy-durable',
      stream: 'S',
      consumer: 'D',
      filter: '',
    });
    assert.deepEqual(parseConsumerCreateSubject('$JS.API.CONSUMER.DURABLE.CREATE.S'), {
      error: {
        code: 400,
        err_code: 10016,
        description: 'consumer expected to be durable but no durable name set in subject',
      },
    });
    assert.equal(parseConsumerCreateSubject('$JS.API.CONSUMER'), undefined);
    assert.equal(parseConsumerCreateSubject('$JS.API.STREAM.CREATE.S'), undefined);
  });

  const subject = (text: string) => parseConsumerCreateSubject(text) as ConsumerCreateSubject;
  const req = (config: ConsumerCreateRequest['config'], stream = 'S'): ConsumerCreateRequest => ({
    stream_name: stream,
    config,
  });
  const cases: [string, string, ConsumerCreateRequest, number][] = [
    ['stream mismatch', '$JS.API.CONSUMER.CREATE.S', req({}, 'T'), 10056],
    ['path separator', '$JS.API.CONSUMER.CREATE.S.a/b', req({}), 10127],
    ['durable not set', '$JS.API.CONSUMER.DURABLE.CREATE.S.D', req({}), 10018],
    [
      'durable does not match',
      '$JS.API.CONSUMER.DURABLE.CREATE.S.D',
      req({ durable_name: 'E' }),
      10017,
    ],
    [
      'named with another durable',
      '$JS.API.CONSUMER.CREATE.S.C',
      req({ durable_name: 'E' }),
      10017,
    ],
    ['ephemeral with a durable', '$JS.API.CONSUMER.CREATE.S', req({ durable_name: 'E' }), 10020],
    [
      'filter in subject and filters',
      '$JS.API.CONSUMER.CREATE.S.C.foo',
      req({ filter_subjects: ['foo'] }),
      10137,
    ],
    [
      'filter in subject differs',
      '$JS.API.CONSUMER.CREATE.S.C.foo',
      req({ filter_subject: 'bar' }),
      10131,
    ],
  ];
  for (const [title, text, request, errCode] of cases) {
    void test(title, () => {
      assert.equal(checkConsumerCreateSubject(subject(text), request).error?.err_code, errCode);
    });
  }

  void test('a named create takes the name from the subject', () => {
    const result = checkConsumerCreateSubject(
      subject('$JS.API.CONSUMER.CREATE.S.C.foo'),
      req({ filter_subject: 'foo' }),
    );
    assert.deepEqual(result, { config: { filter_subject: 'foo', name: 'C' } });
  });
});
