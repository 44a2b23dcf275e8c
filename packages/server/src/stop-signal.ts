// The services' shutdown trigger (tsnats-store, tsnats-admin): the first
// SIGTERM or SIGINT, logged as nats-server logs it.
import type { Logger } from './logger.js';

/** Resolves on the first SIGTERM or SIGINT, after logging it. */
export function waitForStopSignal(logger: Pick<Logger, 'notice'>): Promise<void> {
  return new Promise((resolve) => {
    const on = (name: string) => (): void => {
      process.off('SIGTERM', onTerminate);
      process.off('SIGINT', onInterrupt);
      logger.notice(`Trapped "${name}" signal`);
      resolve();
    };
    const onTerminate = on('terminated');
    const onInterrupt = on('interrupt');
    process.on('SIGTERM', onTerminate);
    process.on('SIGINT', onInterrupt);
  });
}
