import { parseArgs } from 'node:util';
import { startLocalCluster, type LocalCluster } from './cluster.js';

const USAGE = `Usage: tsnats-cluster [--edges N] [--stores N]

Starts a local split tsnats cluster on free ports of 127.0.0.1 (a Redis primary,
replica and Sentinel; store services on that Redis; edges linked to every store;
the admin service),
prints where everything listens, and stops it all on Ctrl-C.
`;

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new Error(`--${name} must be 1 to 16, got "${value}"`);
  return n;
}

function describe(cluster: LocalCluster): string {
  const lines = [
    `redis primary  ${cluster.redis.primary.url}`,
    `redis replica  ${cluster.redis.replica.url}`,
    `sentinel       ${cluster.redisUrl}`,
    ...cluster.stores.map(
      (store, i) =>
        `store-${i + 1}        rpc://${store.address}  health http://127.0.0.1:${store.httpPort}/healthz`,
    ),
    ...cluster.edges.map(
      (edge, i) =>
        `edge-${i + 1}         ${edge.url}  monitoring http://127.0.0.1:${edge.httpPort ?? 0}`,
    ),
    `admin          ${cluster.admin.url}/api/v1  docs ${cluster.admin.url}/api/docs`,
    '',
    `clients: ${cluster.clientUrls.join(',')}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  let edges: number;
  let stores: number;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        edges: { type: 'string' },
        stores: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    edges = count(values.edges, 2, 'edges');
    stores = count(values.stores, 2, 'stores');
  } catch (error) {
    process.stderr.write(
      `tsnats-cluster: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    return 1;
  }
  const cluster = await startLocalCluster({ edges, stores });
  process.stdout.write(describe(cluster));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('stopping\n');
  await cluster.stop();
  return 0;
}
