// TLS on the client port, the way nats-server does it (server.go createClientEx):
// INFO goes out in plaintext first, then the server waits for the client's TLS
// handshake. With allow_non_tls the first byte the client sends decides: 0x16 (a
// TLS handshake record) upgrades, anything else stays plaintext.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ServerOptions } from '@tsnats/config';
import { silentLogger, type Logger } from '../logger.js';
import type { NatsServerDeps, SocketUpgrade } from '../server.js';
import { loadTls, type LoadedTls } from './context.js';

const TLS_HANDSHAKE_RECORD = 0x16;
const TLS_ALERT_RECORD = 0x15;

export interface TlsUpgrade {
  /** For NatsServerDeps.upgrade. */
  readonly upgrade: SocketUpgrade;
  /** For NatsServerDeps.tlsInfo: the INFO flags. */
  readonly tlsInfo: NonNullable<NatsServerDeps['tlsInfo']>;
}

/**
 * Builds the client-port TLS layer from `options.tls` and `options.allowNonTls`.
 * Reads and checks the certificate files now and throws a TlsConfigError naming
 * the file when one is missing or invalid, so a misconfigured server refuses to
 * start.
 */
export function createTlsUpgrade(
  options: ServerOptions,
  logger: Logger = silentLogger,
): TlsUpgrade {
  if (options.tls === undefined) throw new Error('createTlsUpgrade: no tls block in the options');
  const loaded = loadTls(options.tls);
  const allowNonTls = options.allowNonTls;
  // NewServer: tls_required unless allow_non_tls, which advertises tls_available.
  const tlsInfo = { required: !allowNonTls, verify: loaded.verify, available: allowNonTls };

  const upgrade: SocketUpgrade = async (socket, sendInfo) => {
    const label = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const started = Date.now();
    sendInfo(socket);
    const first = await peekFirstByte(socket, loaded.timeoutMs);
    if (allowNonTls) {
      // nats-server reads with the TLS timeout as deadline; a client that says
      // nothing by then is taken as plaintext too.
      if (first === 'closed') {
        socket.destroy();
        return undefined;
      }
      if (first !== TLS_HANDSHAKE_RECORD) return { stream: socket, kind: 'tcp', infoSent: true };
      return handshake(socket, loaded, loaded.timeoutMs, logger, label);
    }
    if (first === 'closed') {
      logger.error(`${label} - TLS handshake error: EOF`);
      socket.destroy();
      return undefined;
    }
    if (first === 'timeout') {
      // tlsTimeout(): its -ERR is never flushed (TLSHandshakeError skips the
      // flush), so the client just sees the connection close.
      logger.error(`${label} - TLS handshake timeout`);
      socket.destroy();
      return undefined;
    }
    if (first !== TLS_HANDSHAKE_RECORD && first !== TLS_ALERT_RECORD) {
      // A plaintext client (CONNECT...). Go's TLS server drops it without a word;
      // OpenSSL would too, but with reasons like 'https proxy request'. Deciding
      // here logs nats-server's text.
      logger.error(
        `${label} - TLS handshake error: tls: first record does not look like a TLS handshake`,
      );
      socket.destroy();
      return undefined;
    }
    const remaining = Math.max(1, loaded.timeoutMs - (Date.now() - started));
    return handshake(socket, loaded, remaining, logger, label);
  };
  return { upgrade, tlsInfo };
}

/**
 * Waits for the first byte without consuming it (read it, push it back).
 * 'timeout' when nothing came within `ms`, 'closed' when the client went away.
 */
function peekFirstByte(socket: Socket, ms: number): Promise<number | 'timeout' | 'closed'> {
  return new Promise((resolve) => {
    const finish = (result: number | 'timeout' | 'closed'): void => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('end', onClosed);
      socket.off('close', onClosed);
      resolve(result);
    };
    const onReadable = (): void => {
      const chunk = socket.read(1) as Buffer | null;
      // At end of stream 'readable' fires with nothing to read; 'end' follows.
      if (chunk === null) return;
      socket.unshift(chunk);
      finish(chunk[0]);
    };
    const onClosed = (): void => {
      finish('closed');
    };
    const timer = setTimeout(() => {
      finish('timeout');
    }, ms);
    socket.on('readable', onReadable);
    socket.once('end', onClosed);
    socket.once('close', onClosed);
  });
}

/** The server side of the handshake on `socket`; undefined (socket destroyed) on failure. */
function handshake(
  socket: Socket,
  loaded: LoadedTls,
  timeoutMs: number,
  logger: Logger,
  label: string,
): Promise<{ stream: TLSSocket; kind: 'tls'; infoSent: true } | undefined> {
  // TLSSocket takes over the socket and replays what peekFirstByte pushed back.
  const secure = new TLSSocket(socket, {
    isServer: true,
    secureContext: loaded.secureContext,
    requestCert: loaded.verify,
    rejectUnauthorized: loaded.verify,
  });
  // Errors after the handshake belong to the connection, which listens from
  // accept() on; this keeps one between now and then from being unhandled.
  secure.on('error', () => undefined);
  return new Promise((resolve) => {
    const finish = (error: string | undefined): void => {
      clearTimeout(timer);
      secure.off('secure', onSecure);
      secure.off('error', onError);
      secure.off('close', onClose);
      if (error === undefined) {
        resolve({ stream: secure, kind: 'tls', infoSent: true });
        return;
      }
      logger.error(`${label} - ${error}`);
      secure.destroy();
      socket.destroy();
      resolve(undefined);
    };
    const onSecure = (): void => {
      const rejected = loaded.verify ? verifyError(secure) : undefined;
      finish(rejected === undefined ? undefined : `TLS handshake error: ${rejected}`);
    };
    const onError = (error: Error & { reason?: string }): void => {
      // OpenSSL errors carry a one-line reason; their message is a multi-line dump.
      finish(`TLS handshake error: ${error.reason ?? error.message}`);
    };
    const onClose = (): void => {
      finish('TLS handshake error: EOF');
    };
    const timer = setTimeout(() => {
      finish('TLS handshake timeout');
    }, timeoutMs);
    secure.once('secure', onSecure);
    secure.once('error', onError);
    secure.once('close', onClose);
  });
}

/**
 * Why the client's certificate failed verification, or undefined when it passed.
 * OpenSSL itself only rejects a missing certificate: Node accepts any chain at
 * the OpenSSL level and leaves the check to JavaScript, which only sockets a
 * tls.Server creates get (its onServerSocketSecure calls the handle's
 * verifyError()). A TLSSocket made by hand must ask the same handle itself.
 */
function verifyError(secure: TLSSocket): string | undefined {
  const handle = (secure as unknown as { _handle?: { verifyError?: () => Error | null } })._handle;
  // Should a Node release drop the method, fail closed rather than let anyone in.
  if (typeof handle?.verifyError !== 'function') return 'cannot verify the client certificate';
  const error = handle.verifyError();
  return error === null ? undefined : error.message;
}
