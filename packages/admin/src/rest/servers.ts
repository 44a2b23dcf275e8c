// /servers and /cluster: who serves this cluster. The routes read a
// ServerDirectory: an edge describes itself (serverDirectory below), a
// standalone admin service asks the edges it knows.

import { COMPATIBLE_VERSION, routez, varz, type NatsServer } from '@tsnats/server';
import { Type, type Static } from 'typebox';
import { problems, type RestApp } from './common.js';
import { notFound } from './problem.js';

export const ServerSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.String(),
  host: Type.String(),
  port: Type.Integer({ description: 'The client port.' }),
  connections: Type.Integer({ description: 'Client connections open now.' }),
  routes: Type.Integer({ description: 'Routes to other servers of the cluster.' }),
  subscriptions: Type.Integer(),
  start: Type.String({ description: 'When it started (RFC 3339).' }),
  jetstream: Type.Boolean({ description: 'Whether it serves JetStream.' }),
  url: Type.Optional(
    Type.String({ description: 'Where it was asked (a standalone admin service).' }),
  ),
  error: Type.Optional(
    Type.String({ description: 'Set when it could not be asked: why; the figures are zero.' }),
  ),
});
export type ServerSummary = Static<typeof ServerSummarySchema>;

export const RouteSummarySchema = Type.Object({
  server_id: Type.String({ description: 'The server with the route.' }),
  remote_id: Type.String(),
  remote_name: Type.String(),
  ip: Type.String(),
  port: Type.Integer(),
});
export type RouteSummary = Static<typeof RouteSummarySchema>;

export const ClusterOverviewSchema = Type.Object({
  name: Type.String({ description: "The cluster's name; empty when not clustered." }),
  servers: Type.Array(ServerSummarySchema),
  routes: Type.Array(RouteSummarySchema),
});
export type ClusterOverview = Static<typeof ClusterOverviewSchema>;

/** Where the servers and cluster overview come from. */
export interface ServerDirectory {
  /** The servers this API knows of (an edge: itself). */
  servers(): Promise<ServerSummary[]>;
  cluster(): Promise<ClusterOverview>;
}

export interface ServerDirectoryOptions {
  /** Reported as the version; default nats-server's version tsnats is compatible with. */
  version?: string;
  /** Whether JetStream is up; default: no. */
  jetstream?: () => boolean;
}

/** The directory of one in-process server: its own /varz and /routez figures. */
export function serverDirectory(
  server: NatsServer,
  options: ServerDirectoryOptions = {},
): ServerDirectory {
  const summary = (): ServerSummary => {
    const v = varz(server);
    return {
      id: v.server_id,
      name: v.server_name,
      version: options.version ?? COMPATIBLE_VERSION,
      host: v.host,
      port: v.port,
      connections: v.connections,
      routes: v.routes,
      subscriptions: v.subscriptions,
      start: v.start,
      jetstream: options.jetstream?.() ?? false,
    };
  };
  return {
    servers: () => Promise.resolve([summary()]),
    cluster: () => {
      const routes = routez(server).routes.map((route) => ({
        server_id: server.serverId,
        remote_id: route.remote_id,
        remote_name: route.remote_name,
        ip: route.ip,
        port: route.port,
      }));
      return Promise.resolve({ name: server.options.cluster.name, servers: [summary()], routes });
    },
  };
}

export function serverRoutes(app: RestApp, directory: ServerDirectory): void {
  const tags = ['servers'];
  app.get(
    '/servers',
    {
      schema: {
        tags,
        summary: 'List servers',
        response: { 200: Type.Object({ servers: Type.Array(ServerSummarySchema) }) },
      },
    },
    async () => ({ servers: await directory.servers() }),
  );

  app.get(
    '/servers/:server',
    {
      schema: {
        tags,
        summary: 'Get a server by id or name',
        params: Type.Object({ server: Type.String({ description: 'Server id or name.' }) }),
        response: { 200: ServerSummarySchema, ...problems(404) },
      },
    },
    async (request) => {
      const wanted = request.params.server;
      const found = (await directory.servers()).find(
        (server) => server.id === wanted || server.name === wanted,
      );
      if (found === undefined) throw notFound(`no server ${wanted}`);
      return found;
    },
  );

  app.get(
    '/cluster',
    {
      schema: {
        tags,
        summary: 'Cluster overview: its servers and routes',
        response: { 200: ClusterOverviewSchema },
      },
    },
    () => directory.cluster(),
  );
}
