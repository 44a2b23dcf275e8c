// /servers and /cluster of the admin service: what each edge's monitoring
// endpoints (/varz, /routez, nats-server's JSON) say, asked when the API is
// asked. An edge that does not answer is listed with the reason, so one edge
// down does not hide the others.

import type { ClusterOverview, RouteSummary, ServerDirectory, ServerSummary } from '@tsnats/admin';

interface Varz {
  server_id: string;
  server_name: string;
  version: string;
  host: string;
  port: number;
  connections: number;
  routes: number;
  subscriptions: number;
  start: string;
  cluster?: { name?: string };
  jetstream?: { config?: unknown };
}

interface Routez {
  server_id: string;
  routes?: { remote_id: string; remote_name: string; ip: string; port: number }[] | null;
}

export interface EdgeDirectoryOptions {
  /** How long an edge gets to answer one page. */
  readonly timeoutMs: number;
}

async function page<T>(base: string, path: string, timeoutMs: number): Promise<T> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports "fetch failed" and keeps what happened (ECONNREFUSED, ...) in its cause.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

function summary(url: string, varz: Varz): ServerSummary {
  return {
    id: varz.server_id,
    name: varz.server_name,
    version: varz.version,
    host: varz.host,
    port: varz.port,
    connections: varz.connections,
    routes: varz.routes,
    subscriptions: varz.subscriptions,
    start: varz.start,
    jetstream: varz.jetstream?.config !== undefined,
    url,
  };
}

function unreachable(url: string, error: unknown): ServerSummary {
  return {
    id: '',
    name: '',
    version: '',
    host: new URL(url).hostname,
    port: 0,
    connections: 0,
    routes: 0,
    subscriptions: 0,
    start: '',
    jetstream: false,
    url,
    error: reason(error),
  };
}

export function edgeDirectory(
  edges: readonly string[],
  options: EdgeDirectoryOptions,
): ServerDirectory {
  const ask = (url: string): Promise<{ server: ServerSummary; varz?: Varz }> =>
    page<Varz>(url, '/varz', options.timeoutMs).then(
      (varz) => ({ server: summary(url, varz), varz }),
      (error: unknown) => ({ server: unreachable(url, error) }),
    );

  const routesOf = async (url: string): Promise<RouteSummary[]> => {
    try {
      const routez = await page<Routez>(url, '/routez', options.timeoutMs);
      return (routez.routes ?? []).map((route) => ({
        server_id: routez.server_id,
        remote_id: route.remote_id,
        remote_name: route.remote_name,
        ip: route.ip,
        port: route.port,
      }));
    } catch {
      // The edge is listed as unreachable among the servers already.
      return [];
    }
  };

  return {
    servers: async () => (await Promise.all(edges.map(ask))).map(({ server }) => server),
    cluster: async (): Promise<ClusterOverview> => {
      const [answers, routes] = await Promise.all([
        Promise.all(edges.map(ask)),
        Promise.all(edges.map(routesOf)),
      ]);
      const name = answers.map(({ varz }) => varz?.cluster?.name ?? '').find((n) => n !== '');
      return {
        name: name ?? '',
        servers: answers.map(({ server }) => server),
        routes: routes.flat(),
      };
    },
  };
}
