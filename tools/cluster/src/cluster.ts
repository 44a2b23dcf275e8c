// The split deployment as local processes: a Redis primary with a replica and
// a Sentinel, store services on that Redis through the Sentinel, edges linked
// to every store, and the admin service (REST API over RPC to the stores,
// reading the edges' monitoring). Every
// process listens on a free port of 127.0.0.1 and is stopped by stop(), or
// killed when this process exits.

import {
  startRedisSentinel,
  startRedisServer,
  startTsnats,
  startTsnatsAdmin,
  startTsnatsStore,
  type NatsLikeServer,
  type RedisServer,
  type TsnatsAdmin,
} from '@tsnats/testkit';

export type StoreProcess = Awaited<ReturnType<typeof startTsnatsStore>>;

export interface LocalClusterOptions {
  /** default 2 */
  readonly edges?: number;
  /** default 2 */
  readonly stores?: number;
  /** Sentinel's master name (default tsnats). */
  readonly masterName?: string;
}

export interface LocalCluster {
  readonly redis: { primary: RedisServer; replica: RedisServer; sentinel: RedisServer };
  /** The URL the stores use: Sentinel, so a primary failover is followed. */
  readonly redisUrl: string;
  readonly stores: readonly StoreProcess[];
  readonly edges: readonly NatsLikeServer[];
  /** The admin service: REST API at `${admin.url}/api/v1`, docs at /api/docs. */
  readonly admin: TsnatsAdmin;
  /** nats://... of every edge: what clients connect to. */
  readonly clientUrls: readonly string[];
  stop(): Promise<void>;
}

export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const started: { stop(): Promise<unknown> }[] = [];
  const stop = async (): Promise<void> => {
    // Clients first, then the stores, then Redis: nothing loses its peer while serving.
    for (const part of started.splice(0).reverse()) await part.stop();
  };
  try {
    const masterName = options.masterName ?? 'tsnats';
    const primary = await startRedisServer();
    started.push(primary);
    const replica = await startRedisServer({
      args: ['--replicaof', '127.0.0.1', String(primary.port)],
    });
    started.push(replica);
    const sentinel = await startRedisSentinel({ masterPort: primary.port, masterName });
    started.push(sentinel);
    const redisUrl = `redis-sentinel://127.0.0.1:${sentinel.port}/${masterName}`;
    const stores: StoreProcess[] = [];
    for (let i = 1; i <= (options.stores ?? 2); i++) {
      const store = await startTsnatsStore({ args: ['--name', `store-${i}`, '--redis', redisUrl] });
      started.push(store);
      stores.push(store);
    }
    const storeUrl = `rpc://${stores.map((store) => store.address).join(',')}`;
    const edges: NatsLikeServer[] = [];
    for (let i = 1; i <= (options.edges ?? 2); i++) {
      const edge = await startTsnats({
        http: true,
        args: ['-n', `edge-${i}`, '--store', storeUrl],
      });
      started.push(edge);
      edges.push(edge);
    }
    const admin = await startTsnatsAdmin({
      args: [
        '--store',
        storeUrl,
        '--edges',
        edges.map((edge) => `http://127.0.0.1:${edge.httpPort ?? 0}`).join(','),
      ],
    });
    started.push(admin);
    return {
      redis: { primary, replica, sentinel },
      redisUrl,
      stores,
      edges,
      admin,
      clientUrls: edges.map((edge) => edge.url),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
