// The websocket listener (websocket.go startWebsocketServer, wsUpgrade): an HTTP
// or HTTPS server of its own whose upgrades become client connections of the
// NatsServer. Each connection reads and writes the NATS protocol as a byte stream
// over binary frames; a client may split or merge protocol lines across frames.
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { ServerOptions } from '@tsnats/config';
import { WebSocket, WebSocketServer, createWebSocketStream } from 'ws';
import type { ClientConnection } from '../client.js';
import { CloseReason } from '../close-reason.js';
import type { Logger } from '../logger.js';
import type { ListenAddress, NatsServer } from '../server.js';
import { loadTls } from '../tls/context.js';
import { closeStatus, closeText } from './close-status.js';
import { checkUpgradeRequest, OriginPolicy, type HandshakeRejection } from './handshake.js';

export interface WebsocketListener {
  readonly address: ListenAddress;
  /** Stops accepting; connections already open belong to the NatsServer. */
  close(): Promise<void>;
}

/**
 * createWebSocketStream ends a connection with a bare close(); nats-server's close
 * frame says why (wsEnqueueCloseMessage). The connection's reason is looked up
 * when the stream ends.
 */
class NatsWebSocket extends WebSocket {
  closeReason: () => CloseReason | undefined = () => undefined;

  override close(code?: number, data?: string | Buffer): void {
    const reason = code === undefined ? this.closeReason() : undefined;
    if (reason === undefined) {
      super.close(code, data);
      return;
    }
    const status = closeStatus(reason);
    if (status === undefined) this.terminate();
    else super.close(status, closeText(reason));
  }
}

// Frames up to 64 bytes go out uncompressed (websocket.go wsCompressThreshold);
// ws compresses from `threshold` bytes on.
const COMPRESSION = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  threshold: 65,
};

/**
 * Starts the websocket listener of `options.websocket` for `server`. Throws, as
 * nats-server refuses to start, when there is no TLS and no_tls is not set, or a
 * TLS file cannot be loaded. Port -1 picks a free port.
 */
export async function startWebsocket(
  server: NatsServer,
  options: ServerOptions,
  logger: Logger = server.logger,
): Promise<WebsocketListener> {
  const wo = options.websocket;
  if (wo.port === 0) throw new Error('websocket: no port configured');
  // validateWebsocketOptions. With a tls block, TLS is used even with no_tls.
  if (wo.tls === undefined && !wo.noTls) throw new Error('websocket requires TLS configuration');
  const tls = wo.tls === undefined ? undefined : loadTls(wo.tls, 'websocket tls');
  const secure = tls !== undefined;
  const origins = new OriginPolicy(wo, logger);
  const web = secure ? createHttpsServer(tls.serverOptions) : createHttpServer();
  const sockets = new WebSocketServer({
    noServer: true,
    WebSocket: NatsWebSocket,
    perMessageDeflate: wo.compression ? COMPRESSION : false,
  });

  const log = (request: IncomingMessage, problem: HandshakeRejection): void => {
    logger.error(`${remote(request)} - websocket handshake error: ${problem.reason}`);
  };
  // Anything but an upgrade (a plain GET, a POST) fails the same checks.
  web.on('request', (request, response) => {
    const problem = checkUpgradeRequest(request, origins, secure) ?? {
      status: 400,
      reason: "invalid value for header 'Connection'",
    };
    log(request, problem);
    const { headers, body } = httpError(problem.status);
    response.writeHead(problem.status, headers).end(body);
  });
  web.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {
      socket.destroy();
    });
    // createWSClient: no new clients once shutting down or in lame duck mode.
    if (!server.running || server.lameDuck) {
      socket.destroy();
      return;
    }
    let problem = checkUpgradeRequest(request, origins, secure);
    if (problem === undefined && head.length > 0) {
      problem = { status: 400, reason: 'client sent data before handshake is complete' };
    }
    if (problem !== undefined) {
      log(request, problem);
      // No ServerResponse for an upgrade: the same response, written by hand.
      const { headers, body } = httpError(problem.status);
      const lines = [
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        `Date: ${new Date().toUTCString()}`,
      ];
      socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      accept(server, ws, request);
    });
  });
  web.on('tlsClientError', (error: Error, socket: TLSSocket) => {
    // What Go's http.Server logs through nats-server's "websocket: " error log.
    const from = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    logger.error(`websocket: http: TLS handshake error from ${from}: ${error.message}`);
  });

  const host = wo.host === '' ? '0.0.0.0' : wo.host;
  await new Promise<void>((resolve, reject) => {
    web.once('error', (error) => {
      reject(new Error(`Unable to listen for websocket connections: ${error.message}`));
    });
    web.listen({ host, port: wo.port === -1 ? 0 : wo.port }, () => {
      web.removeAllListeners('error');
      resolve();
    });
  });
  web.on('error', (error) => {
    logger.error(`websocket listener error: ${error.message}`);
  });
  const address = { host, port: (web.address() as AddressInfo).port };
  logger.notice(
    `Listening for websocket clients on ${secure ? 'wss' : 'ws'}://${host}:${address.port}`,
  );
  if (!secure) logger.warn('Websocket not configured with TLS. DO NOT USE IN PRODUCTION!');
  server.websocketAddress = address;
  server.websocketTls = secure;

  return {
    address,
    close: () => {
      if (server.websocketAddress === address) server.websocketAddress = undefined;
      // Upgraded sockets are no longer the HTTP server's: closing it leaves them
      // to the NatsServer; idle keep-alive requests go now.
      web.close();
      web.closeIdleConnections();
      sockets.close();
      return Promise.resolve();
    },
  };
}

function accept(server: NatsServer, ws: NatsWebSocket, request: IncomingMessage): void {
  const stream = createWebSocketStream(ws);
  // Set before accept(): a refused connection is closed inside it.
  const state: { client?: ClientConnection; refused?: boolean } = {};
  ws.closeReason = () =>
    state.refused === true ? CloseReason.MaxConnectionsExceeded : state.client?.closeReason;
  state.client = server.accept(stream, {
    remoteAddress: request.socket.remoteAddress,
    remotePort: request.socket.remotePort,
    kind: 'websocket',
  });
  // accept() returns nothing only when it refused the connection for the limit.
  state.refused = state.client === undefined;
}

function remote(request: IncomingMessage): string {
  return `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? 0}`;
}

/** Go's http.Error response, as wsReturnHTTPError sends it; the connection then closes. */
function httpError(status: number): { headers: Record<string, string>; body: string } {
  const body = `${STATUS_CODES[status] ?? 'Error'}\n`;
  const headers = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Sec-Websocket-Version': '13',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  return { headers, body };
}
