// The monitoring routes, as nats-server's HTTP monitor serves them: /varz
// /connz /subsz /routez /gatewayz /leafz /accountz /jsz /healthz, its index
// page, and tsnats's /metrics. They register on any fastify instance (the
// edge's HTTP port carries other plugins too); monitorApp makes an instance
// that answers unknown paths as Go's HTTP server does.
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
  type Logger,
  type NatsServer,
} from '@tsnats/server';
import { missingAsset } from './healthz-assets.js';
import type { JetStreamSource } from './jetstream-source.js';
import { jsz, jszQuery, varzJetStream } from './jsz.js';
import type { Registry } from 'prom-client';
import { MonitoringMetrics } from './metrics.js';
import {
  accountz,
  accountzQuery,
  gatewayz,
  gatewayzQuery,
  leafz,
  leafzQuery,
} from './other-pages.js';

export interface MonitoringOptions {
  server: NatsServer;
  logger: Logger;
  /** JetStream, when the server is configured with it (see serverJetStream). */
  jetstream?: JetStreamSource;
  /** prom-client registries whose metrics /metrics adds to the server's. */
  metrics?: readonly Registry[];
}

/** What an endpoint answers: JSON for `body`, with this HTTP status. */
interface Answer {
  code: number;
  body: unknown;
  /** nats-server pretty-prints every page but /healthz. */
  indent: boolean;
}

type Endpoint = (query: URLSearchParams) => Answer | Promise<Answer>;

/** The index page's links, in nats-server's order (it has no /metrics). */
const INDEX = [
  ['/varz', 'General'],
  ['/jsz', 'JetStream'],
  ['/connz', 'Connections'],
  ['/accountz', 'Accounts'],
  ['/subsz', 'Subscriptions'],
  ['/routez', 'Routes'],
  ['/leafz', 'LeafNodes'],
  ['/gatewayz', 'Gateways'],
  ['/metrics', 'Prometheus Metrics'],
  ['/healthz', 'Health Probe'],
] as const;

/** nats-server's HandleRoot page, listing the endpoints tsnats serves. */
function indexPage(): string {
  const links = INDEX.map(
    ([path, title], i) =>
      `  <a href=.${path}${i === INDEX.length - 1 ? ' class=last' : ''}>${title}</a>`,
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

/** 400 with nats-server's text for a bad query; any other failure is ours, a 500. */
function errorHandler(logger: Logger) {
  return (error: unknown, reply: FastifyReply): FastifyReply => {
    if (error instanceof MonitorQueryError) return text(reply, 400, error.message);
    // fastify's own request errors (a malformed URL, say) carry their 4xx status.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return text(reply, status, (error as Error).message);
    logger.error(`Error answering monitoring request: ${String(error)}`);
    return text(reply, 500, 'Internal Server Error');
  };
}

/**
 * Registers the monitoring routes on `app`, with an error handler of their own
 * (in an encapsulated context, so other plugins keep theirs). Requests are
 * counted per endpoint for /varz's http_req_stats.
 */
export async function registerMonitoring(
  app: FastifyInstance,
  { server, logger, jetstream, metrics: registries }: MonitoringOptions,
): Promise<void> {
  // nats-server counts the requests per endpoint for /varz's http_req_stats,
  // /subscriptionsz under /subsz. /connz and /routez count only requests whose
  // parameters decode, as nats-server's handlers do; the others count first.
  const requests: Record<string, number> = {};
  const count = (path: string): void => {
    requests[path] = (requests[path] ?? 0) + 1;
  };
  const json = (body: unknown, code = 200, indent = true): Answer => ({ code, body, indent });
  const jetStreamRunning = (): boolean => jetstream?.running() ?? false;
  const metrics = new MonitoringMetrics(server, jetstream, registries);

  const endpoints: Record<string, Endpoint> = {
    '/varz': async () => {
      count('/varz');
      const page = varz(server, Date.now(), requests);
      if (jetstream?.running() === true) page.jetstream = await varzJetStream(server, jetstream);
      return json(page);
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
    '/healthz': async (query) => {
      count('/healthz');
      const options = healthzQuery(query);
      if (options.jsEnabled === true) {
        logger.warn('Healthcheck: js-enabled deprecated, use js-enabled-only instead');
      }
      let status = healthz(server, { ...options, jetStreamRunning: jetStreamRunning() });
      const assetsToo = options.jsEnabledOnly !== true && options.jsEnabled !== true;
      if (status.status_code === 200 && assetsToo && jetstream?.running() === true) {
        status = (await missingAsset(jetstream, options)) ?? status;
      }
      // The HTTP status carries the code; nats-server leaves it out of the body.
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
    '/jsz': async (query) => {
      count('/jsz');
      return json(await jsz(server, jetstream, jszQuery(query)));
    },
    '/accountz': (query) => {
      count('/accountz');
      return json(accountz(server, accountzQuery(query), jetStreamRunning()));
    },
    '/gatewayz': (query) => {
      count('/gatewayz');
      gatewayzQuery(query);
      return json(gatewayz(server));
    },
    '/leafz': (query) => {
      count('/leafz');
      leafzQuery(query);
      return json(leafz(server));
    },
  };
  endpoints['/subscriptionsz'] = endpoints['/subsz'];

  await app.register((scope, _options, done) => {
    const handleError = errorHandler(logger);
    scope.setErrorHandler((error, _request, reply) => handleError(error, reply));
    scope.get('/', (_request, reply) => {
      count('/');
      return reply.header('content-type', 'text/html; charset=utf-8').send(indexPage());
    });
    for (const [path, endpoint] of Object.entries(endpoints)) {
      scope.get(path, async (request, reply) => {
        const query = new URL(request.url, 'http://monitor').searchParams;
        return sendJson(reply, query, await endpoint(query));
      });
    }
    scope.get('/metrics', async (_request, reply) => {
      const body = await metrics.scrape();
      return reply.header('content-type', metrics.contentType).send(body);
    });
    done();
  });
}

/**
 * A fastify instance, not listening yet, with the monitoring routes; unknown
 * paths get Go's "404 page not found". Tests use its inject().
 */
export async function monitorApp(options: MonitoringOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const handleError = errorHandler(options.logger);
  app.setErrorHandler((error, _request, reply) => handleError(error, reply));
  app.setNotFoundHandler((_request, reply) => text(reply, 404, '404 page not found\n'));
  await registerMonitoring(app, options);
  return app;
}
