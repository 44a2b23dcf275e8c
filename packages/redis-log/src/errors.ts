// Failures that are Redis's, not the stream's: they are not StoreErrors
// (whose texts are nats-server's), so callers report them as store failures.

import { StoreError } from '@tsnats/jetstream';

export type RedisLogErrorCode =
  /** A fencing token was given and is no longer the stream's current epoch: nothing was written. */
  | 'fenced'
  /** Written on the primary, but fewer replicas than asked acknowledged it in time. */
  | 'replicas'
  /** A batch's predicted sequences did not hold (another writer, or a refused record). */
  | 'diverged'
  /** Redis could not be reached or did not answer in time. */
  | 'unavailable';

export class RedisLogError extends Error {
  override readonly name = 'RedisLogError';
  readonly code: RedisLogErrorCode;

  constructor(code: RedisLogErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** What a script answered {'fenced', epoch} for: `token` is no longer the current epoch. */
export function fencedError(stream: string, token: string, epoch: string): RedisLogError {
  return new RedisLogError(
    'fenced',
    `redis-log stream '${stream}': fencing token ${token} is not the current epoch ${epoch}`,
  );
}

/** An ioredis failure as a RedisLogError naming the stream; StoreErrors and ours pass through. */
export function wrapRedisError(stream: string, err: unknown): Error {
  if (err instanceof StoreError || err instanceof RedisLogError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RedisLogError('unavailable', `redis-log stream '${stream}': ${message}`, {
    cause: err,
  });
}
