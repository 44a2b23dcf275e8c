// The checks nats-server makes on a websocket upgrade request before accepting it
// (server/websocket.go wsUpgrade, checkOrigin, wsGetHostAndPort), with its HTTP
// statuses and reasons. Pure functions over the request headers: no I/O.
import type { IncomingHttpHeaders } from 'node:http';
import type { WebsocketOptions } from '@tsnats/config';
import type { Logger } from '../logger.js';

export interface HandshakeRejection {
  status: number;
  /** For the log line: "<addr> - websocket handshake error: <reason>". */
  reason: string;
}

/** What checkUpgradeRequest looks at. */
export interface UpgradeRequest {
  method?: string | undefined;
  headers: IncomingHttpHeaders;
}

/** RFC 6455 4.2.1 in wsUpgrade's order, then the origin policy. */
export function checkUpgradeRequest(
  request: UpgradeRequest,
  origins: OriginPolicy,
  secure: boolean,
): HandshakeRejection | undefined {
  const headers = request.headers;
  if (request.method !== 'GET') return { status: 405, reason: 'request method must be GET' };
  if (headers.host === undefined || headers.host === '') {
    return { status: 400, reason: "'Host' missing in request" };
  }
  if (!headerContains(headers.upgrade, 'websocket')) {
    return { status: 400, reason: "invalid value for header 'Upgrade'" };
  }
  if (!headerContains(headers.connection, 'upgrade')) {
    return { status: 400, reason: "invalid value for header 'Connection'" };
  }
  if (headers['sec-websocket-key'] === undefined || headers['sec-websocket-key'] === '') {
    return { status: 400, reason: 'key missing' };
  }
  if (!headerContains(headers['sec-websocket-version'], '13')) {
    return { status: 400, reason: 'invalid version' };
  }
  const origin = origins.check(headers, secure);
  if (origin !== undefined) return { status: 403, reason: `origin not allowed: ${origin}` };
  return undefined;
}

/** wsHeaderContains: a comma-separated token list holds `value`, case-insensitively. */
function headerContains(header: string | string[] | undefined, value: string): boolean {
  if (header === undefined) return false;
  const values = Array.isArray(header) ? header : [header];
  return values.some((line) =>
    line.split(',').some((token) => token.trim().toLowerCase() === value.toLowerCase()),
  );
}

/** same_origin and allowed_origins (srvWebsocket.checkOrigin). */
export class OriginPolicy {
  readonly #sameOrigin: boolean;
  readonly #allowed = new Map<string, { scheme: string; port: string }>();

  constructor(options: Pick<WebsocketOptions, 'sameOrigin' | 'allowedOrigins'>, logger?: Logger) {
    this.#sameOrigin = options.sameOrigin;
    for (const text of options.allowedOrigins) {
      // wsSetOriginOptions logs and skips an entry ParseRequestURI refuses (a bare
      // "example.com"), and with every entry skipped it checks nothing.
      const parsed = parseRequestUri(text);
      if (typeof parsed === 'string') {
        logger?.error(`error parsing allowed origin: ${parsed}`);
        continue;
      }
      const [host, port] = hostAndPort(parsed.scheme === 'https', parsed.host);
      this.#allowed.set(host, { scheme: parsed.scheme, port });
    }
  }

  /** Undefined when the request may proceed; otherwise why not. */
  check(headers: IncomingHttpHeaders, secure: boolean): string | undefined {
    if (!this.#sameOrigin && this.#allowed.size === 0) return undefined;
    const origin = firstValue(headers.origin) || firstValue(headers['sec-websocket-origin']);
    // RFC 6455 1.6: a non-browser client may send any origin, or none; only
    // browsers are policed, so no Origin passes.
    if (origin === '') return undefined;
    const url = parseRequestUri(origin);
    if (typeof url === 'string') return url;
    const [originHost, originPort, error] = hostAndPort(url.scheme === 'https', url.host);
    if (error !== undefined) return error;
    if (this.#sameOrigin) {
      const [host, port, hostError] = hostAndPort(secure, firstValue(headers.host));
      if (hostError !== undefined) return hostError;
      if (originHost !== host || originPort !== port) return 'not same origin';
    }
    if (this.#allowed.size > 0) {
      const allowed = this.#allowed.get(originHost);
      if (allowed === undefined || allowed.scheme !== url.scheme || allowed.port !== originPort) {
        return 'not in the allowed list';
      }
    }
    return undefined;
  }
}

function firstValue(header: string | string[] | undefined): string {
  return (Array.isArray(header) ? header[0] : header) ?? '';
}

/**
 * The scheme and host[:port] of an absolute URI, as Go's url.ParseRequestURI
 * sees them (scheme lowercased, user info dropped); Go's error text otherwise.
 */
function parseRequestUri(text: string): { scheme: string; host: string } | string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(text);
  if (match === null) return `parse ${JSON.stringify(text)}: invalid URI for request`;
  const rest = match[2];
  let host = '';
  if (rest.startsWith('//')) {
    const authority = rest.slice(2).split(/[/?#]/, 1)[0];
    host = authority.slice(authority.lastIndexOf('@') + 1);
  }
  return { scheme: match[1].toLowerCase(), host };
}

/**
 * wsGetHostAndPort: Go's net.SplitHostPort, the scheme's default port when none
 * is given, the host lowercased. The third element is Go's error, if any.
 */
export function hostAndPort(tls: boolean, hostport: string): [string, string, string?] {
  const missingPort = (): [string, string] => [hostport.toLowerCase(), tls ? '443' : '80'];
  let host: string;
  let port: string;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return ['', '', `address ${hostport}: missing ']' in address`];
    if (end + 1 === hostport.length) return missingPort();
    if (hostport[end + 1] !== ':') return ['', '', `address ${hostport}: missing port in address`];
    host = hostport.slice(1, end);
    port = hostport.slice(end + 2);
  } else {
    const colon = hostport.lastIndexOf(':');
    if (colon < 0) return missingPort();
    if (hostport.indexOf(':') !== colon) {
      return ['', '', `address ${hostport}: too many colons in address`];
    }
    host = hostport.slice(0, colon);
    port = hostport.slice(colon + 1);
  }
  return [host.toLowerCase(), port];
}
