/**
 * Where the server reports what happens, by nats-server's levels. The app decides
 * the format and destination; libraries only call these.
 */
export interface Logger {
  /** [INF]: lifecycle (listening, shutting down). */
  notice(message: string): void;
  /** [WRN] */
  warn(message: string): void;
  /** [ERR] */
  error(message: string): void;
  /** [DBG]: connection open/close and similar; only when debug is on. */
  debug(message: string): void;
  /** [TRC]: every protocol op; only when trace is on. */
  trace(message: string): void;
}

export const silentLogger: Logger = {
  notice: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};
