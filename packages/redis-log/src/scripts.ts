// The Lua scripts as ioredis custom commands (EVALSHA, with EVAL the first
// time on each connection, so order on a connection is kept), with types.

import type { Cluster, Redis } from 'ioredis';
import { APPEND_SCRIPT } from './lua/append.js';
import { CONSUMER_SCRIPT } from './lua/consumer.js';
import { ACQUIRE_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT } from './lua/lease.js';
import { MUTATE_SCRIPT } from './lua/mutate.js';
import { READ_SCRIPT } from './lua/read.js';

/** A single node (or Sentinel-managed) client, or a Cluster client. */
export type RedisClient = Redis | Cluster;

type Arg = string | number | Buffer;
/** Replies are nested arrays of strings (or Buffers) and integers. */
export type Reply = string | number | Buffer | null | Reply[];

type Call<R> = (base: string, ...args: Arg[]) => Promise<R>;

export interface StreamCommands {
  tsnatsAppend: Call<Reply[]>;
  tsnatsMutate: Call<Reply[]>;
  tsnatsConsumer: Call<Reply[]>;
  tsnatsRead: Call<Reply>;
  tsnatsReadBuffer: Call<Reply>;
  tsnatsLeaseAcquire: Call<Reply[]>;
  tsnatsLeaseRenew: Call<number>;
  tsnatsLeaseRelease: Call<number>;
}

export type ScriptedClient = RedisClient & StreamCommands;
/** A pipeline with the same commands (each returns the pipeline). */
export interface ScriptedPipeline {
  tsnatsAppend(base: string, ...args: Arg[]): ScriptedPipeline;
  exec(): Promise<[Error | null, unknown][] | null>;
}

const SCRIPTS: Record<string, string> = {
  tsnatsAppend: APPEND_SCRIPT,
  tsnatsMutate: MUTATE_SCRIPT,
  tsnatsConsumer: CONSUMER_SCRIPT,
  tsnatsRead: READ_SCRIPT,
  tsnatsLeaseAcquire: ACQUIRE_SCRIPT,
  tsnatsLeaseRenew: RENEW_SCRIPT,
  tsnatsLeaseRelease: RELEASE_SCRIPT,
};

const defined = new WeakSet<RedisClient>();

/** The client with the stream scripts defined on it (once per client). */
export function scripted(client: RedisClient): ScriptedClient {
  if (!defined.has(client)) {
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      client.defineCommand(name, { lua, numberOfKeys: 1 });
    }
    defined.add(client);
  }
  return client as ScriptedClient;
}
