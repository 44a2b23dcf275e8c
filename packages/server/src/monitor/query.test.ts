import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  connzQuery,
  decodeBool,
  decodeInt,
  decodeUint64,
  healthzQuery,
  MonitorQueryError,
  routezQuery,
  subszQuery,
} from './query.js';

const q = (text: string): URLSearchParams => new URLSearchParams(text);

/** Asserts a MonitorQueryError with nats-server's exact text. */
function rejects(run: () => unknown, text: string): void {
  assert.throws(run, (error) => error instanceof MonitorQueryError && error.message === text);
}

void describe('monitoring query parameters', () => {
  void test("booleans as Go's strconv.ParseBool", () => {
    for (const yes of ['1', 't', 'T', 'true', 'TRUE', 'True'])
      assert.equal(decodeBool(q(`x=${yes}`), 'x'), true);
    for (const no of ['', '0', 'f', 'false', 'FALSE'])
      assert.equal(decodeBool(q(`x=${no}`), 'x'), false);
    assert.equal(decodeBool(q(''), 'x'), false);
    rejects(
      () => decodeBool(q('js-enabled-only=x'), 'js-enabled-only'),
      `Error decoding boolean for 'js-enabled-only': strconv.ParseBool: parsing "x": invalid syntax`,
    );
    rejects(
      () => decodeBool(q('x=yes'), 'x'),
      /* Go accepts no "yes" */ `Error decoding boolean for 'x': strconv.ParseBool: parsing "yes": invalid syntax`,
    );
  });

  void test("integers as Go's strconv.Atoi and ParseUint", () => {
    assert.equal(decodeInt(q('limit=%2B5'), 'limit'), 5);
    assert.equal(decodeInt(q('offset=-3'), 'offset'), -3);
    assert.equal(decodeInt(q(''), 'limit'), 0);
    rejects(
      () => decodeInt(q('limit=abc'), 'limit'),
      `Error decoding int for 'limit': strconv.Atoi: parsing "abc": invalid syntax`,
    );
    rejects(
      () => decodeInt(q('limit=1.5'), 'limit'),
      `Error decoding int for 'limit': strconv.Atoi: parsing "1.5": invalid syntax`,
    );
    rejects(
      () => decodeInt(q('limit=9223372036854775808'), 'limit'),
      `Error decoding int for 'limit': strconv.Atoi: parsing "9223372036854775808": value out of range`,
    );
    assert.equal(decodeUint64(q('cid=42'), 'cid'), 42);
    rejects(
      () => decodeUint64(q('cid=-1'), 'cid'),
      `Error decoding uint64 for 'cid': strconv.ParseUint: parsing "-1": invalid syntax`,
    );
  });

  void test('/connz: defaults, subs=detail, state names', () => {
    assert.deepEqual(connzQuery(q('')), {
      sort: '',
      auth: false,
      subscriptions: false,
      subscriptionsDetail: false,
      offset: 0,
      limit: 0,
      cid: 0,
      state: 'open',
      user: '',
      account: '',
      mqttClient: '',
    });
    const detail = connzQuery(q('subs=DETAIL&sort=msgs_to&state=ALL&user=bob&auth=1&limit=2'));
    assert.equal(detail.subscriptionsDetail, true);
    assert.equal(detail.subscriptions, false);
    assert.equal(detail.state, 'any');
    assert.equal(detail.sort, 'msgs_to');
    assert.equal(detail.user, 'bob');
    assert.equal(detail.auth, true);
    assert.equal(detail.limit, 2);
    assert.equal(connzQuery(q('state=closed')).state, 'closed');
    rejects(() => connzQuery(q('state=xx')), 'Error decoding state for xx');
    rejects(
      () => connzQuery(q('subs=maybe')),
      `Error decoding boolean for 'subs': strconv.ParseBool: parsing "maybe": invalid syntax`,
    );
  });

  void test('/subsz, /healthz and /routez', () => {
    assert.deepEqual(subszQuery(q('subs=1&offset=1&limit=2&test=foo.bar&acc=$G')), {
      subscriptions: true,
      offset: 1,
      limit: 2,
      test: 'foo.bar',
      account: '$G',
    });
    const health = healthzQuery(q('js-enabled-only=true&details=1&account=A&stream=S'));
    assert.equal(health.jsEnabledOnly, true);
    assert.equal(health.details, true);
    assert.equal(health.account, 'A');
    assert.equal(health.stream, 'S');
    assert.deepEqual(routezQuery(q('subs=detail')), {
      subscriptions: false,
      subscriptionsDetail: true,
    });
    rejects(
      () => routezQuery(q('subs=2')),
      `Error decoding boolean for 'subs': strconv.ParseBool: parsing "2": invalid syntax`,
    );
  });
});
