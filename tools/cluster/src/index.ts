export { startLocalCluster } from './cluster.js';
export type { LocalCluster, LocalClusterOptions } from './cluster.js';
