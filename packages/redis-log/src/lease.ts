// A stream's leader lease with fencing. acquire is SET NX PX plus an INCR of
// the stream's epoch counter, whose value is the fencing token: give it to the
// store (`store.fencingToken = lease.token`) and the scripts refuse every
// write once the epoch has moved on, so a leader that was paused past its
// TTL (GC, SIGSTOP, a partition) cannot write after another took over. All
// three operations are scripts, so renew and release act only on this grant.

import { RedisLogError, wrapRedisError } from './errors.js';
import { DEFAULT_PREFIX, streamKeyBase } from './keys.js';
import { scripted, type RedisClient, type ScriptedClient } from './scripts.js';
import { text } from './codec.js';

export interface StreamLeaseOptions {
  /** Who holds the lease (unique per process, e.g. host:pid:random). */
  readonly owner: string;
  /** Time to live; renew well within it. */
  readonly ttlMs: number;
  /** The stream keys' prefix (default 'tsnats'), as given to RedisStore. */
  readonly prefix?: string;
}

/** Who holds a lease someone else asked for. */
export interface LeaseHolder {
  readonly owner: string;
  /** Milliseconds left on it. */
  readonly ttlMs: number;
}

export class StreamLease {
  readonly #redis: ScriptedClient;
  readonly #base: string;
  readonly #stream: string;
  readonly #owner: string;
  readonly #ttlMs: number;
  #token: number | undefined;

  constructor(client: RedisClient, stream: string, options: StreamLeaseOptions) {
    this.#redis = scripted(client);
    this.#stream = stream;
    this.#base = streamKeyBase(stream, options.prefix ?? DEFAULT_PREFIX);
    this.#owner = options.owner;
    this.#ttlMs = options.ttlMs;
  }

  /** The fencing token of the grant this lease holds, or undefined. */
  get token(): number | undefined {
    return this.#token;
  }

  /**
   * Take the lease: resolves its fencing token, or undefined with `holder` set
   * when someone else holds it. Holding it already extends it (same token).
   */
  async acquire(): Promise<{ token: number } | { token: undefined; holder: LeaseHolder }> {
    const reply = await this.#redis
      .tsnatsLeaseAcquire(this.#base, this.#owner, this.#ttlMs)
      .catch((err: unknown) => {
        throw wrapRedisError(this.#stream, err);
      });
    if (reply[0] === 1) {
      this.#token = Number(text(reply[1]));
      return { token: this.#token };
    }
    this.#token = undefined;
    return { token: undefined, holder: { owner: text(reply[1]), ttlMs: Number(reply[2]) } };
  }

  /** Extend the grant; false (and no token any more) when it was lost. */
  async renew(): Promise<boolean> {
    const token = this.#requireToken();
    const renewed = await this.#redis
      .tsnatsLeaseRenew(this.#base, this.#owner, token, this.#ttlMs)
      .catch((err: unknown) => {
        throw wrapRedisError(this.#stream, err);
      });
    if (renewed !== 1) this.#token = undefined;
    return renewed === 1;
  }

  /** Give the grant up (if still held); the token is void from now on. */
  async release(): Promise<boolean> {
    const token = this.#requireToken();
    this.#token = undefined;
    const released = await this.#redis
      .tsnatsLeaseRelease(this.#base, this.#owner, token)
      .catch((err: unknown) => {
        throw wrapRedisError(this.#stream, err);
      });
    return released === 1;
  }

  #requireToken(): number {
    if (this.#token === undefined) {
      throw new RedisLogError('fenced', `lease on stream '${this.#stream}' is not held`);
    }
    return this.#token;
  }
}
