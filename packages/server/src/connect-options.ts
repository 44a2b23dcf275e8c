import type { ConnectOptions } from '@tsnats/codec';
import { CloseReason } from './close-reason.js';

// A CONNECT without these fields keeps nats-server's defaultOpts.
export const DEFAULT_CONNECT: ConnectOptions = {
  verbose: true,
  pedantic: true,
  tls_required: false,
  echo: true,
};

const BOOLEANS = ['verbose', 'pedantic', 'tls_required', 'echo', 'headers', 'no_responders'];
const STRINGS = ['name', 'lang', 'version', 'user', 'pass', 'auth_token', 'nkey', 'sig', 'jwt'];

/**
 * Whether CONNECT's known fields have the JSON types nats-server's struct has.
 * Go's json.Unmarshal fails on `"verbose":"yes"` and nats-server then closes the
 * connection without a word; null is accepted as Go accepts it (the zero value).
 */
export function isWellTypedConnect(options: ConnectOptions): boolean {
  const fields = options as unknown as Record<string, unknown>;
  for (const key of BOOLEANS) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== 'boolean') return false;
  }
  for (const key of STRINGS) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== 'string') return false;
  }
  const protocol = fields.protocol;
  if (protocol !== undefined && protocol !== null && !Number.isInteger(protocol)) return false;
  return true;
}

/**
 * A CONNECT nats-server accepts as JSON but then refuses: the -ERR text and the
 * close reason (processConnect), or undefined when it is fine.
 */
export function refuseConnect(
  options: ConnectOptions,
): { text: string; reason: CloseReason } | undefined {
  const protocol = options.protocol ?? 0;
  if (protocol < 0 || protocol > 1) {
    // nats-server sends ErrBadClientProtocol's text; the close reason differs.
    return { text: 'invalid client protocol', reason: CloseReason.BadClientProtocolVersion };
  }
  if (options.no_responders === true && options.headers !== true) {
    return {
      text: 'no responders requires headers support',
      reason: CloseReason.NoRespondersRequiresHeaders,
    };
  }
  return undefined;
}
