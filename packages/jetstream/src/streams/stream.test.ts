// The publish path and the API through a tiny in-test host (no server): rollups,
// sealed streams, Nats-Expected-Last-Msg-Id, interest retention without consumers,
// deny_delete / deny_purge, and the storage factory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { subjectMatches } from '@tsnats/router';
import { MemoryStore } from '../store/memory-store.js';
import type { HostMessage, JetStreamHost } from './host.js';
import { LocalLink } from './link.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Routes publishes to matching subscriptions synchronously; collects replies per inbox. */
class TestHost implements JetStreamHost {
  readonly serverName = 'test';
  readonly #subs = new Set<{ subject: string; handler: (m: HostMessage) => void }>();
  readonly #waiting = new Map<string, (m: HostMessage) => void>();
  #inbox = 0;

  publish(message: HostMessage): void {
    const waiter = this.#waiting.get(message.subject);
    if (waiter !== undefined) {
      this.#waiting.delete(message.subject);
      waiter(message);
    }
    for (const sub of [...this.#subs]) {
      if (subjectMatches(message.subject, sub.subject)) sub.handler(message);
    }
  }

  subscribe(subject: string, handler: (m: HostMessage) => void): () => void {
    const sub = { subject, handler };
    this.#subs.add(sub);
    return () => this.#subs.delete(sub);
  }

  /** Publishes with a reply inbox and resolves the reply's payload as text. */
  request(subject: string, body: string, headers?: Record<string, string>): Promise<string> {
    const reply = `_INBOX.${++this.#inbox}`;
    const block =
      headers === undefined
        ? undefined
        : encoder.encode(
            'NATS/1.0\r\n' +
              Object.entries(headers)
                .map(([k, v]) => `${k}: ${v}\r\n`)
                .join('') +
              '\r\n',
          );
    const result = new Promise<string>((resolve) => {
      this.#waiting.set(reply, (m) => {
        resolve(decoder.decode(m.payload));
      });
    });
    this.publish({ subject, reply, headers: block, payload: encoder.encode(body) });
    return result;
  }
}

async function started(options: ConstructorParameters<typeof LocalLink>[0] = {}) {
  const host = new TestHost();
  const link = new LocalLink(options);
  await link.start(host);
  return { host, link };
}

const create = (host: TestHost, config: object): Promise<string> =>
  host.request(
    `$JS.API.STREAM.CREATE.${(config as { name: string }).name}`,
    JSON.stringify({ storage: 'memory', ...config }),
  );

void describe('streams through a host', () => {
  void test('rollup sub and all, and rollups refused without allow_rollup_hdrs', async () => {
    const { host, link } = await started();
    await create(host, { name: 'R', subjects: ['r.*'], allow_rollup_hdrs: true });
    for (const subject of ['r.a', 'r.a', 'r.b', 'r.b']) await host.request(subject, 'x');
    assert.equal(
      await host.request('r.a', 'y', { 'Nats-Rollup': 'sub' }),
      '{"stream":"R", "seq":5}',
    );
    const info = JSON.parse(await host.request('$JS.API.STREAM.INFO.R', '')) as {
      state: { messages: number; first_seq: number };
    };
    assert.equal(info.state.messages, 3);
    await host.request('r.b', 'z', { 'Nats-Rollup': 'all' });
    const after = JSON.parse(await host.request('$JS.API.STREAM.INFO.R', '')) as {
      state: { messages: number; first_seq: number };
    };
    assert.deepEqual([after.state.messages, after.state.first_seq], [1, 6]);

    await create(host, { name: 'NR', subjects: ['nr'] });
    assert.equal(
      await host.request('nr', 'x', { 'Nats-Rollup': 'all' }),
      '{"error":{"code":500,"err_code":10111,"description":"rollup not permitted"},"stream":"NR","seq":0}',
    );
    await link.stop();
  });

  void test('expected last msg id, sealed streams, deny delete and purge', async () => {
    const { host, link } = await started();
    await create(host, { name: 'E', subjects: ['e'], deny_delete: true, deny_purge: true });
    await host.request('e', '1', { 'Nats-Msg-Id': 'a' });
    assert.equal(
      await host.request('e', '2', { 'Nats-Expected-Last-Msg-Id': 'b' }),
      '{"error":{"code":400,"err_code":10070,"description":"wrong last msg ID: a"},"stream":"E","seq":0}',
    );
    assert.equal(
      await host.request('e', '2', { 'Nats-Expected-Last-Msg-Id': 'a' }),
      '{"stream":"E", "seq":2}',
    );
    const purge = JSON.parse(await host.request('$JS.API.STREAM.PURGE.E', '')) as {
      error: { err_code: number; description: string };
    };
    assert.deepEqual(
      [purge.error.err_code, purge.error.description],
      [10110, 'stream purge not permitted'],
    );
    const del = JSON.parse(await host.request('$JS.API.STREAM.MSG.DELETE.E', '{"seq":1}')) as {
      error: { err_code: number };
    };
    assert.equal(del.error.err_code, 10057);

    await create(host, { name: 'S', subjects: ['s'] });
    const sealed = JSON.parse(
      await host.request(
        '$JS.API.STREAM.UPDATE.S',
        JSON.stringify({ name: 'S', subjects: ['s'], storage: 'memory', sealed: true }),
      ),
    ) as { config: { sealed: boolean; deny_delete: boolean } };
    assert.deepEqual([sealed.config.sealed, sealed.config.deny_delete], [true, true]);
    assert.equal(
      await host.request('s', 'x'),
      '{"error":{"code":400,"err_code":10109,"description":"invalid operation on sealed stream"},"stream":"S","seq":0}',
    );
    await link.stop();
  });

  void test('interest retention without consumers uses the sequence for nothing', async () => {
    const { host, link } = await started();
    await create(host, { name: 'I', subjects: ['i'], retention: 'interest' });
    assert.equal(await host.request('i', 'x'), '{"stream":"I", "seq":1}');
    assert.equal(await host.request('i', 'x'), '{"stream":"I", "seq":2}');
    const info = JSON.parse(await host.request('$JS.API.STREAM.INFO.I', '')) as {
      state: { messages: number; last_seq: number };
    };
    assert.deepEqual([info.state.messages, info.state.last_seq], [0, 2]);
    await link.stop();
  });

  void test('the store factory decides storage; unsupported features are refused', async () => {
    const made: string[] = [];
    const { host, link } = await started({
      storeFactory: (config) => {
        made.push(`${config.name}:${config.storage}`);
        return new MemoryStore(config);
      },
    });
    await host.request('$JS.API.STREAM.CREATE.F', '{"name":"F"}');
    assert.deepEqual(made, ['F:file']);
    const mirror = JSON.parse(
      await host.request('$JS.API.STREAM.CREATE.M', '{"name":"M","mirror":{"name":"F"}}'),
    ) as { error: { err_code: number; description: string } };
    assert.equal(mirror.error.err_code, 10049);
    assert.match(mirror.error.description, /mirrors are not supported by tsnats yet/);
    await link.stop();
  });
});
