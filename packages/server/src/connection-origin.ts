/** Where a client connection came in, for INFO, logs and monitoring. */
export interface ConnectionOrigin {
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
  readonly kind: 'tcp' | 'tls' | 'websocket';
}

/** nats-server's prefix for a client's log lines: `<ip>:<port> - cid:<id>`. */
export function connectionLabel(origin: ConnectionOrigin, id: number): string {
  return `${origin.remoteAddress ?? '?'}:${origin.remotePort ?? 0} - cid:${id}`;
}

/** The connection type users' allowed_connection_types name. */
export function connectionType(origin: ConnectionOrigin): 'STANDARD' | 'WEBSOCKET' {
  return origin.kind === 'websocket' ? 'WEBSOCKET' : 'STANDARD';
}
