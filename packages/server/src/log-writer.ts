import { appendFileSync } from 'node:fs';
import type { Logger } from './logger.js';

export interface LogOptions {
  logtime: boolean;
  debug: boolean;
  trace: boolean;
  /** '' writes to stderr, as nats-server does. */
  logFile: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Go's "2006/01/02 15:04:05.000000" in local time, as nats-server's logger prints it. */
export function logTimestamp(date: Date, microseconds = 0): string {
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.` +
    pad(date.getMilliseconds() * 1000 + microseconds, 6)
  );
}

/**
 * nats-server's log lines: `[pid] 2006/01/02 15:04:05.000000 [INF] text`, without
 * colours when the output is not a terminal (launchers read it from a pipe).
 */
export function createLogger(options: LogOptions, write?: (line: string) => void): Logger {
  const sink =
    write ??
    (options.logFile === ''
      ? (line: string) => process.stderr.write(line)
      : (line: string) => {
          appendFileSync(options.logFile, line);
        });
  const emit = (label: string, message: string): void => {
    const time = options.logtime ? `${logTimestamp(new Date())} ` : '';
    sink(`[${process.pid}] ${time}${label} ${message}\n`);
  };
  return {
    notice: (message) => {
      emit('[INF]', message);
    },
    warn: (message) => {
      emit('[WRN]', message);
    },
    error: (message) => {
      emit('[ERR]', message);
    },
    debug: (message) => {
      if (options.debug) emit('[DBG]', message);
    },
    trace: (message) => {
      if (options.trace) emit('[TRC]', message);
    },
  };
}
