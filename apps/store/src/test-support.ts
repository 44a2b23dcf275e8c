// Test support: real processes (edge, store, redis-server) stopped after the
// test even when it fails, the official client connected to the edge, and
// polling with a deadline.

import type { TestContext } from 'node:test';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  startRedisServer,
  until,
  startTsnats,
  startTsnatsStore,
  type NatsLikeServer,
  type RedisServer,
  type TsnatsStore,
  type TsnatsStoreOptions,
} from '@tsnats/testkit';

export async function store(
  t: TestContext,
  options: TsnatsStoreOptions = {},
): Promise<TsnatsStore> {
  const started = await startTsnatsStore(options);
  t.after(() => started.stop());
  return started;
}

/** An edge whose JetStream is the stores at `addresses`. */
export async function edge(t: TestContext, addresses: readonly string[]): Promise<NatsLikeServer> {
  const started = await startTsnats({ args: ['--store', `rpc://${addresses.join(',')}`] });
  t.after(() => started.stop());
  return started;
}

export async function redis(t: TestContext, args: string[] = []): Promise<RedisServer> {
  const started = await startRedisServer({ args });
  t.after(() => started.stop());
  return started;
}

export interface Client {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

export async function client(t: TestContext, server: NatsLikeServer): Promise<Client> {
  const nc = await connect({ servers: server.url, reconnect: false });
  t.after(() => nc.close());
  // Not checkAPI: the edge may not have reached its stores yet; tests wait for that themselves.
  const jsm = await jetstreamManager(nc, { timeout: 5_000, checkAPI: false });
  return { nc, js: jetstream(nc, { timeout: 5_000 }), jsm };
}

/**
 * A store started with `args` once it is active, an edge in front of it, and a
 * client whose JetStream requests reach the store.
 */
export async function activeStoreBehindEdge(
  t: TestContext,
  args: string[],
): Promise<Client & { store: TsnatsStore; server: NatsLikeServer }> {
  const active = await store(t, { args });
  await until('the store to become active', async () => (await health(active)).code === 200);
  const server = await edge(t, [active.address]);
  const connected = await client(t, server);
  await until('the edge to reach the store', async () => {
    await connected.jsm.getAccountInfo();
    return true;
  });
  return { ...connected, store: active, server };
}

/** GET /healthz: the status code and the body. */
export async function health(store: TsnatsStore): Promise<{ code: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${store.httpPort}/healthz`);
  const body: unknown = await response.json();
  return { code: response.status, body };
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

const PUBLISHERS = 4;

/** Publishers that retry each message (same Nats-Msg-Id) until it is acknowledged. */
export function publishUnderLoad(js: JetStreamClient): {
  acked: Map<number, string>;
  ackTimes: number[];
  stop: () => Promise<void>;
} {
  const acked = new Map<number, string>();
  const ackTimes: number[] = [];
  let next = 0;
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const payload = `load ${next++}`;
      while (!stopped) {
        try {
          const ack = await js.publish('load.x', encode(payload), {
            msgID: payload,
            timeout: 2_000,
          });
          acked.set(ack.seq, payload);
          ackTimes.push(Date.now());
          break;
        } catch {
          // No store serves the stream right now: try the same message again shortly.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }
  };
  const loops = Array.from({ length: PUBLISHERS }, () => loop());
  return {
    acked,
    ackTimes,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every message of `stream`, by sequence, read with an ordered consumer. */
export async function readStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
): Promise<Map<number, string>> {
  const state = (await jsm.streams.info(stream)).state;
  const stored = new Map<number, string>();
  if (state.messages === 0) return stored;
  const messages = await (await js.consumers.get(stream)).consume();
  for await (const message of messages) {
    stored.set(message.seq, decode(message.data));
    if (message.seq >= state.last_seq) break;
  }
  return stored;
}

export { until } from '@tsnats/testkit';
