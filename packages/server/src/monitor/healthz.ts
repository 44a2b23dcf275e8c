// /healthz: whether the server is ready for clients and, when JetStream is
// configured, whether JetStream is up (nats-server 2.10's healthz in
// server/monitor.go; the shape follows draft-inadarei-api-health-check).
import type { NatsServer } from '../server.js';

export interface HealthzOptions {
  /** Deprecated in nats-server for jsEnabledOnly; the same here. */
  jsEnabled?: boolean;
  /** Only check that JetStream is enabled, not its streams and consumers. */
  jsEnabledOnly?: boolean;
  jsServerOnly?: boolean;
  /** Report each problem in `errors` instead of the first in `error`. */
  details?: boolean;
  account?: string;
  stream?: string;
  consumer?: string;
  /** JetStream is configured and running (the edge's JetStream link is started). */
  jetStreamRunning?: boolean;
}

export type HealthzErrorType =
  'CONNECTION' | 'BAD_REQUEST' | 'JETSTREAM' | 'ACCOUNT' | 'STREAM' | 'CONSUMER';

export interface HealthzError {
  type: HealthzErrorType;
  account?: string;
  stream?: string;
  consumer?: string;
  error?: string;
}

export interface HealthStatus {
  status: string;
  /** The HTTP status; the HTTP answer leaves it out of the body, as nats-server does. */
  status_code?: number;
  error?: string;
  errors?: HealthzError[];
}

/** The first failed check: its HTTP status, status text, error type and message. */
interface Failure {
  code: number;
  status: string;
  type: HealthzErrorType;
  error: string;
}

function firstFailure(server: NatsServer, options: HealthzOptions): Failure | undefined {
  const account = options.account ?? '';
  const stream = options.stream ?? '';
  if (account === '' && stream !== '') {
    const error = '"account" must not be empty when checking stream health';
    return { code: 400, status: 'error', type: 'BAD_REQUEST', error };
  }
  if (stream === '' && (options.consumer ?? '') !== '') {
    const error = '"stream" must not be empty when checking consumer health';
    return { code: 400, status: 'error', type: 'BAD_REQUEST', error };
  }
  // readyForConnections: in lame duck mode and after shutdown the client
  // listener is closed, so the server is not ready.
  if (!server.running) {
    const error = 'failed to be ready for connections after 1ms: server';
    return { code: 500, status: 'error', type: 'CONNECTION', error };
  }
  // nats-server stops here when JetStream is not configured. JetStream that is
  // configured but not running (not started, or failed) is "not enabled", as
  // nats-server reports it, whatever js-enabled-only says.
  if (server.options.jetstream.enabled && options.jetStreamRunning !== true) {
    const error = 'JetStream not enabled (10076)';
    return { code: 503, status: 'unavailable', type: 'JETSTREAM', error };
  }
  return undefined;
}

/** Server.healthz: the status with its HTTP status code in status_code. */
export function healthz(server: NatsServer, options: HealthzOptions = {}): HealthStatus {
  const failure = firstFailure(server, options);
  if (failure === undefined) return { status: 'ok', status_code: 200 };
  if (options.details === true) {
    return {
      status: 'error',
      status_code: failure.code,
      errors: [{ type: failure.type, error: failure.error }],
    };
  }
  return { status: failure.status, status_code: failure.code, error: failure.error };
}
