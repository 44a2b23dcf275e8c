import { readFileSync } from 'node:fs';
import { loadServerOptions, USAGE, type ServerOptions } from '@tsnats/config';
import {
  COMPATIBLE_VERSION,
  createLogger,
  createTlsUpgrade,
  NatsServer,
  removePortsFile,
  startWebsocket,
  writePortsFile,
  type Logger,
  type WebsocketListener,
} from '@tsnats/server';
import { programName, writePidFile, type ListenerUrls } from './files.js';
import { startMonitoring, type MonitoringListener } from './monitoring.js';
import { RpcLink } from '@tsnats/rpc';
import { startJetStream } from './jetstream.js';
import { handleSignals } from './signals.js';
import { unsupportedFeatureWarnings } from './unsupported.js';

export const EXE = 'tsnats';
export const TSNATS_VERSION = '0.1.0';

function readFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Options from the command line and the -c file, or the exit code when there is nothing to run. */
export function loadOptions(
  argv: readonly string[],
  /** As nats-server: help and version on stdout, errors and -t's verdict on stderr. */
  print: (text: string, toStdout?: boolean) => void,
): { options: ServerOptions; warnings: string[] } | number {
  // The issue asks for unknown keys to warn, where nats-server 2.10 refuses to start.
  const result = loadServerOptions({
    argv,
    env: process.env,
    readFile,
    unknownTopLevelFields: 'warning',
  });
  const commandLine = result.commandLine;
  if (commandLine?.showHelp === true) {
    print(USAGE.replaceAll('nats-server', EXE), true);
    return 0;
  }
  if (commandLine?.showVersion === true) {
    print(`${EXE}: v${TSNATS_VERSION} (nats-server ${COMPATIBLE_VERSION} compatible)\n`, true);
    return 0;
  }
  if (result.errors.length > 0) {
    for (const error of result.errors) print(`${EXE}: ${error.message}\n`);
    if (commandLine === undefined) print(`Run '${EXE} --help' for the flags.\n`);
    return 1;
  }
  if (commandLine?.checkConfig === true) {
    print(`${EXE}: configuration file ${result.options.configFile} is valid\n`);
    return 0;
  }
  return { options: result.options, warnings: result.warnings.map((w) => w.message) };
}

/** Runs the server until it stops; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const loaded = loadOptions(argv, (text, toStdout) =>
    (toStdout === true ? process.stdout : process.stderr).write(text),
  );
  if (typeof loaded === 'number') return loaded;
  const { options } = loaded;
  const logger = createLogger(options);
  for (const warning of loaded.warnings) logger.warn(warning);
  for (const warning of unsupportedFeatureWarnings(options)) logger.warn(warning);

  let server: NatsServer;
  try {
    const tls = options.tls === undefined ? {} : createTlsUpgrade(options, logger);
    server = new NatsServer(options, { logger, ...tls });
  } catch (error) {
    // Options that parse but cannot work together (a no_auth_user that is not a
    // user, an unreadable certificate, ...).
    process.stderr.write(`${EXE}: ${describe(error)}\n`);
    return 1;
  }
  logStartup(logger, server, options);
  try {
    await server.start();
  } catch (error) {
    logger.error(`Error listening on port: ${describe(error)}`);
    return 1;
  }
  let jetstream: Awaited<ReturnType<typeof startJetStream>>;
  try {
    jetstream = await startJetStream(server, options, logger);
  } catch (error) {
    logger.error(`Error starting JetStream: ${describe(error)}`);
    await server.shutdown();
    return 1;
  }
  const urls: ListenerUrls = { nats: [natsUrl(options.host, server.clientAddress.port)] };
  let monitoring: MonitoringListener | undefined;
  if (options.httpPort !== 0) {
    try {
      monitoring = await startMonitoring(
        server,
        { host: options.httpHost, port: options.httpPort },
        logger,
        {
          jetStreamRunning: () => jetstream !== undefined,
          version: TSNATS_VERSION,
          metrics: jetstream instanceof RpcLink ? [jetstream.metrics.registry] : [],
        },
      );
    } catch (error) {
      logger.error(`Error starting monitoring: ${describe(error)}`);
      await jetstream?.stop();
      await server.shutdown();
      return 1;
    }
    urls.monitoring = [natsUrl(options.httpHost, monitoring.address.port, 'http')];
  }
  let websocket: WebsocketListener | undefined;
  if (options.websocket.port !== 0) {
    try {
      websocket = await startWebsocket(server, options, logger);
    } catch (error) {
      logger.error(describe(error));
      await monitoring?.close();
      await jetstream?.stop();
      await server.shutdown();
      return 1;
    }
    urls.websocket = [natsUrl(options.websocket.host, websocket.address.port, 'ws')];
  }
  logger.notice('Server is ready');
  if (options.pidFile !== '') writePidFile(options.pidFile);
  if (options.portsFileDir !== '') writePortsFile(options.portsFileDir, programName(), { ...urls });

  const stopSignals = handleSignals({
    server,
    logger,
    reload: () => {
      const again = loadOptions(argv, (text) => {
        logger.error(text.trimEnd());
      });
      return typeof again === 'number' ? undefined : again.options;
    },
  });
  await server.done;
  stopSignals();
  await jetstream?.stop();
  await monitoring?.close();
  await websocket?.close();
  if (options.portsFileDir !== '') removePortsFile(options.portsFileDir, programName());
  return 0;
}

function logStartup(logger: Logger, server: NatsServer, options: ServerOptions): void {
  logger.notice(`Starting ${EXE}`);
  logger.notice(`  Version:  ${TSNATS_VERSION} (nats-server ${COMPATIBLE_VERSION} compatible)`);
  logger.notice(`  Name:     ${server.serverName}`);
  logger.notice(`  ID:       ${server.serverId}`);
  if (options.configFile !== '') logger.notice(`Using configuration file: ${options.configFile}`);
}

/** The URL a client on this machine uses: 0.0.0.0 and :: mean "any", so say localhost's address. */
export function natsUrl(host: string, port: number, scheme = 'nats'): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${scheme}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
