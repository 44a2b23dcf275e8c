import {
  createLogger,
  removePortsFile,
  waitForStopSignal,
  writePortsFile,
  type Logger,
} from '@tsnats/server';
import { fileMode } from './file-mode.js';
import { startHealth, type HealthListener } from './health.js';
import type { StorageMode } from './mode.js';
import {
  EXE,
  loadOptions,
  splitAddress,
  STORE_VERSION,
  USAGE,
  type StoreOptions,
} from './options.js';
import { redisMode } from './redis-mode.js';
import { StorageService } from '@tsnats/rpc';

/** Runs the store until SIGTERM or SIGINT; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const loaded = loadOptions(argv, process.env);
  if (loaded.kind === 'help' || loaded.kind === 'version') {
    process.stdout.write(loaded.kind === 'help' ? USAGE : `${EXE}: v${STORE_VERSION}\n`);
    return 0;
  }
  if (loaded.kind === 'error') {
    process.stderr.write(`${EXE}: ${loaded.message}\nRun '${EXE} --help' for the flags.\n`);
    return 1;
  }
  const options = loaded.options;
  const logger = createLogger({ logtime: true, debug: options.debug, trace: false, logFile: '' });
  logStartup(logger, options);

  let service: StorageService;
  try {
    service = await StorageService.listen(options.listen, options.name);
  } catch (error) {
    logger.error(`Error listening on ${options.listen}: ${describe(error)}`);
    return 1;
  }
  let mode: StorageMode;
  try {
    mode = await createMode(service, options, logger);
  } catch (error) {
    logger.error(describe(error));
    await service.stop();
    return 1;
  }
  const stopped = waitForStopSignal(logger);
  const { host: listenHost } = splitAddress(options.listen);
  const addresses: { rpc: string[]; http?: string[] } = {
    rpc: [reachable(listenHost, service.port)],
  };
  let health: HealthListener | undefined;
  try {
    if (options.http !== '') {
      const { host, port } = splitAddress(options.http);
      health = await startHealth(host, port, () => mode.unavailable());
      addresses.http = [`http://${reachable(host, health.port)}`];
      logger.notice(`Health endpoint on http://${reachable(host, health.port)}/healthz`);
    }
    await mode.start();
  } catch (error) {
    logger.error(describe(error));
    await mode.stop();
    await health?.close();
    return 1;
  }
  logger.notice(`Listening for edges on ${addresses.rpc[0]}`);
  logger.notice('Server is ready');
  if (options.portsFileDir !== '') writePortsFile(options.portsFileDir, EXE, addresses);

  await stopped;
  await mode.stop();
  await health?.close();
  if (options.portsFileDir !== '') removePortsFile(options.portsFileDir, EXE);
  logger.notice('Server Exiting..');
  return 0;
}

function createMode(
  service: StorageService,
  options: StoreOptions,
  logger: Logger,
): StorageMode | Promise<StorageMode> {
  const engine = {
    domain: options.domain,
    maxMemory: options.maxMemoryStore,
    maxStore: options.maxFileStore,
  };
  if (options.redis === '') return fileMode(service, options.storeDir, engine, logger);
  return redisMode(service, {
    url: options.redis,
    replicas: options.redisReplicas,
    owner: options.name,
    engine,
    logger,
  });
}

function logStartup(logger: Logger, options: StoreOptions): void {
  logger.notice(`Starting ${EXE}`);
  logger.notice(`  Version:  ${STORE_VERSION}`);
  logger.notice(`  Name:     ${options.name}`);
  if (options.configFile !== '') logger.notice(`Using configuration file: ${options.configFile}`);
  if (options.redis === '') logger.notice(`  Store Directory: "${options.storeDir}"`);
  else logger.notice(`  Redis: ${redactUrl(options.redis)}`);
  if (options.domain !== '') logger.notice(`  Domain: ${options.domain}`);
}

/** The address a client on this machine uses: 0.0.0.0 and :: mean "any", so say localhost's. */
function reachable(host: string, port: number): string {
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** The URL without its password, for the log. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
