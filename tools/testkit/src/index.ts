// Test helpers for the whole workspace: free ports, real servers started on them,
// and the guarantee that every process started here is stopped again.

export { freePort, waitForPort } from './ports.js';
export { jsonType, shapeDifferences, type ShapeOptions } from './json-shape.js';
export { mulberry32 } from './random.js';
export { tempDir, type TempDir } from './temp.js';
export { which } from './which.js';
export { until } from './until.js';
export {
  ProcessStartError,
  startProcess,
  type ExitStatus,
  type RunningProcess,
  type StartProcessOptions,
} from './process.js';
export {
  startNatsServer,
  startRedisSentinel,
  startRedisServer,
  startTsnats,
  startTsnatsAdmin,
  startTsnatsStore,
  tsnatsAdminBin,
  tsnatsBin,
  tsnatsStoreBin,
  type NatsLikeServer,
  type NatsServerOptions,
  type RedisServer,
  type RedisSentinelOptions,
  type RedisServerOptions,
  type TsnatsAdmin,
  type TsnatsStore,
  type TsnatsStoreOptions,
} from './servers.js';
