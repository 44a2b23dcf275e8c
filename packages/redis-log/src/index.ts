// @tsnats/redis-log: a JetStream StreamStore on Redis (ioredis), its fenced
// leader lease, and the one-URL connection helper.
export { RedisStore } from './redis-store.js';
export type { AppendChecks, CheckedAppendResult, RedisStoreOptions } from './store-options.js';
export { StreamLease } from './lease.js';
export type { LeaseHolder, StreamLeaseOptions } from './lease.js';
export { connectRedis, parseRedisUrl } from './connect.js';
export type { ConnectOptions, HostPort, RedisTarget } from './connect.js';
export { RedisLogError } from './errors.js';
export type { RedisLogErrorCode } from './errors.js';
export { DEFAULT_PREFIX, streamKeyBase } from './keys.js';
export { FENCE_CHECK } from './lua/fence.js';
export type { RedisClient } from './scripts.js';
