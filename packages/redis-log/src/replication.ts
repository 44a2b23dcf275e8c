// Synchronous replication, Redis's way: after writes, `WAIT n timeout` on the
// same connection blocks until n replicas have acknowledged everything sent
// before it. The writes made in one turn share one WAIT, sent after the last
// of them, so pipelined appends cost one WAIT, not one each.

import { Cluster } from 'ioredis';
import { RedisLogError } from './errors.js';
import type { RedisClient } from './scripts.js';

export class Replication {
  readonly #redis: RedisClient;
  readonly #replicas: number;
  readonly #timeoutMs: number;
  #pending: Promise<void> | undefined;

  constructor(redis: RedisClient, replicas: number, timeoutMs: number) {
    if (replicas > 0 && redis instanceof Cluster) {
      // WAIT has no key, so a Cluster client would send it to any primary.
      throw new Error('redis-log: replicas (WAIT) needs a single-node or Sentinel client');
    }
    this.#redis = redis;
    this.#replicas = replicas;
    this.#timeoutMs = timeoutMs;
  }

  /** Resolves once `replicas` replicas acknowledged the writes sent so far (at once without replicas). */
  afterWrite(): Promise<void> {
    if (this.#replicas <= 0) return Promise.resolve();
    this.#pending ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        this.#pending = undefined;
        this.#redis.wait(this.#replicas, this.#timeoutMs).then((acked) => {
          if (acked >= this.#replicas) {
            resolve();
          } else {
            reject(
              new RedisLogError(
                'replicas',
                `written on the primary, but ${acked} of ${this.#replicas} replicas acknowledged within ${this.#timeoutMs} ms`,
              ),
            );
          }
        }, reject);
      });
    });
    return this.#pending;
  }
}
