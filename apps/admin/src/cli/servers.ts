// servers: /servers, with the edges the API could not ask marked as such.

import type { Command } from './command.js';
import { table } from './table.js';

interface ServerSummary {
  id: string;
  name: string;
  version: string;
  host: string;
  port: number;
  connections: number;
  routes: number;
  subscriptions: number;
  jetstream: boolean;
  url?: string;
  error?: string;
}

const servers: Command = {
  words: ['servers'],
  args: [],
  summary: 'List the servers (edges) and whether they answer',
  async run({ api }) {
    const document = await api.get<{ servers: ServerSummary[] }>('/servers');
    const text = table(
      ['NAME', 'ID', 'VERSION', 'HOST', 'PORT', 'CONNS', 'SUBS', 'ROUTES', 'JETSTREAM', 'STATUS'],
      document.servers.map((server) => [
        server.name === '' ? (server.url ?? '') : server.name,
        server.id,
        server.version,
        server.host,
        server.error === undefined ? server.port : '',
        server.error === undefined ? server.connections : '',
        server.error === undefined ? server.subscriptions : '',
        server.error === undefined ? server.routes : '',
        server.jetstream,
        server.error === undefined ? 'ok' : `unreachable: ${server.error}`,
      ]),
    );
    return { json: document, text };
  },
};

export const serverCommands: readonly Command[] = [servers];
