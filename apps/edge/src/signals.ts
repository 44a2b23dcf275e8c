import type { ServerOptions } from '@tsnats/config';
import type { Logger, NatsServer } from '@tsnats/server';

export interface SignalTargets {
  server: NatsServer;
  logger: Logger;
  /** Loads the configuration again; undefined when it has errors (they are logged). */
  reload: () => ServerOptions | undefined;
}

/**
 * nats-server's signals: SIGINT/SIGTERM stop, SIGHUP reloads the configuration,
 * SIGUSR2 enters lame duck mode. Returns a function that removes the handlers.
 */
export function handleSignals({ server, logger, reload }: SignalTargets): () => void {
  const stop = (signal: string) => (): void => {
    logger.notice(`Trapped "${signal}" signal`);
    void server.shutdown();
  };
  const onInterrupt = stop('interrupt');
  const onTerminate = stop('terminated');
  const onHangup = (): void => {
    logger.notice('Trapped "hangup" signal');
    const options = reload();
    if (options === undefined) {
      logger.error('Failed to reload server configuration');
      return;
    }
    server.reload(options).catch((error: unknown) => {
      logger.error(`Failed to reload server configuration: ${String(error)}`);
    });
  };
  const onLameDuck = (): void => {
    logger.notice('Trapped "user defined signal 2" signal');
    void server.enterLameDuck();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  process.on('SIGHUP', onHangup);
  process.on('SIGUSR2', onLameDuck);
  return () => {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
    process.off('SIGHUP', onHangup);
    process.off('SIGUSR2', onLameDuck);
  };
}
