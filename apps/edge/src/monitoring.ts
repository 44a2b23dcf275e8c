// The HTTP monitoring listener (nats-server's -m / http_port): /varz /connz
// /subsz /healthz /routez answered as nats-server answers them, from the
// builders in @tsnats/server.
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  COMPATIBLE_VERSION,
  connz,
  connzQuery,
  goJson,
  healthz,
  healthzQuery,
  MonitorQueryError,
  routez,
  routezQuery,
  subsz,
  subszQuery,
  varz,
  type ListenAddress,
  type Logger,
  type NatsServer,
} from '@tsnats/server';

export interface MonitoringListener {
  readonly address: ListenAddress;
  close(): Promise<void>;
}

/** What an endpoint answers: JSON for `body`, with this HTTP status. */
interface Answer {
  code: number;
  body: unknown;
  /** nats-server pretty-prints every page but /healthz. */
  indent: boolean;
}

type Endpoint = (query: URLSearchParams) => Answer;

const ENDPOINTS = [
  ['/varz', 'General'],
  ['/connz', 'Connections'],
  ['/subsz', 'Subscriptions'],
  ['/routez', 'Routes'],
  ['/healthz', 'Health Probe'],
] as const;

/** nats-server's HandleRoot page, listing the endpoints tsnats serves. */
function indexPage(): string {
  const links = ENDPOINTS.map(
    ([path, title], i) =>
      `  <a href=.${path}${i === ENDPOINTS.length - 1 ? ' class=last' : ''}>${title}</a>`,
  );
  return `<html lang="en">
<head>
  <link rel="shortcut icon" href="https://nats.io/favicon.ico">
  <style type="text/css">
    body { font-family: ui-sans-serif,system-ui,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif; font-size: 18; margin-left: 32px }
    a { display:block; margin-left: 7px; padding-bottom: 6px; color: rgb(72 72 92); text-decoration: none }
    a:hover { font-weight: 600; color: rgb(59 50 202) }
    a.help { display:inline; font-weight: 600; color: rgb(59 50 202); font-size: 20}
    a.last { padding-bottom: 16px }
  </style>
</head>
<body>
  <h1>tsnats</h1>
  <p>nats-server v${COMPATIBLE_VERSION} compatible</p>
${links.join('\n')}
  <a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring class="help">Help</a>
</body>
</html>`;
}

/** Go's net.JoinHostPort. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Plain text, as Go's http.Error and w.Write of a string answer. */
function text(reply: FastifyReply, code: number, message: string): FastifyReply {
  return reply.code(code).header('content-type', 'text/plain; charset=utf-8').send(message);
}

/**
 * handleResponse: JSON, or JSONP when the query names a callback. Sent as bytes:
 * fastify would add "; charset=utf-8" to a string's content type, which
 * nats-server does not send.
 */
function sendJson(reply: FastifyReply, query: URLSearchParams, answer: Answer): FastifyReply {
  const json = goJson(answer.body, answer.indent);
  const callback = query.get('callback') ?? '';
  reply.code(answer.code);
  if (callback !== '') {
    return reply
      .header('content-type', 'application/javascript')
      .send(Buffer.from(`${callback}(${json})`));
  }
  return reply
    .header('content-type', 'application/json')
    .header('access-control-allow-origin', '*')
    .send(Buffer.from(json));
}

/**
 * The monitoring routes on a fastify instance that is not listening yet (tests
 * use its inject()). Requests are counted per endpoint for /varz.
 */
export function monitorApp(
  server: NatsServer,
  logger: Logger,
  /** Whether JetStream is running (for /healthz). */
  jetStreamRunning: () => boolean = () => false,
): FastifyInstance {
  // nats-server counts the requests per endpoint for /varz's http_req_stats,
  // /subscriptionsz under /subsz. /connz and /routez count only requests whose
  // parameters decode, as nats-server's handlers do.
  const requests: Record<string, number> = {};
  const count = (path: string): void => {
    requests[path] = (requests[path] ?? 0) + 1;
  };
  const json = (body: unknown, code = 200, indent = true): Answer => ({ code, body, indent });

  const endpoints: Record<string, Endpoint> = {
    '/varz': () => {
      count('/varz');
      return json(varz(server, Date.now(), requests));
    },
    '/connz': (query) => {
      const options = connzQuery(query);
      count('/connz');
      return json(connz(server, options));
    },
    '/subsz': (query) => {
      count('/subsz');
      return json(subsz(server, subszQuery(query)));
    },
    '/healthz': (query) => {
      count('/healthz');
      const options = healthzQuery(query);
      if (options.jsEnabled === true) {
        logger.warn('Healthcheck: js-enabled deprecated, use js-enabled-only instead');
      }
      // The HTTP status carries the code; nats-server leaves it out of the body.
      const status = healthz(server, { ...options, jetStreamRunning: jetStreamRunning() });
      const code = status.status_code ?? 200;
      delete status.status_code;
      if (status.error !== undefined) {
        logger.warn(`Healthcheck failed: ${JSON.stringify(status.error)}`);
      }
      return json(status, code, false);
    },
    '/routez': (query) => {
      routezQuery(query);
      count('/routez');
      return json(routez(server));
    },
  };
  endpoints['/subscriptionsz'] = endpoints['/subsz'];

  const app = Fastify({ logger: false });
  app.get('/', (_request, reply) => {
    count('/');
    return reply.header('content-type', 'text/html; charset=utf-8').send(indexPage());
  });
  for (const [path, endpoint] of Object.entries(endpoints)) {
    app.get(path, (request, reply) => {
      const query = new URL(request.url, 'http://monitor').searchParams;
      return sendJson(reply, query, endpoint(query));
    });
  }
  app.setNotFoundHandler((_request, reply) => text(reply, 404, '404 page not found\n'));
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof MonitorQueryError) return text(reply, 400, error.message);
    // fastify's own request errors (a malformed URL, say) carry their 4xx status.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return text(reply, status, (error as Error).message);
    logger.error(`Error answering monitoring request: ${String(error)}`);
    return text(reply, 500, 'Internal Server Error');
  });
  return app;
}

/**
 * Starts the monitoring listener; port -1 picks a free one. The server's
 * monitorAddress is set to where it listens, for /varz.
 */
export async function startMonitoring(
  server: NatsServer,
  listen: ListenAddress,
  logger: Logger,
  jetStreamRunning?: () => boolean,
): Promise<MonitoringListener> {
  const app = monitorApp(server, logger, jetStreamRunning);
  await app.listen({ host: listen.host, port: listen.port === -1 ? 0 : listen.port });
  const bound = app.server.address() as AddressInfo;
  const address = { host: listen.host, port: bound.port };
  server.monitorAddress = address;
  logger.notice(`Starting http monitor on ${joinHostPort(address.host, address.port)}`);
  return {
    address,
    close: async () => {
      if (server.monitorAddress === address) server.monitorAddress = undefined;
      await app.close();
    },
  };
}
