// `tsnats-admin serve`: runs the admin service until SIGTERM or SIGINT.

import { createLogger, removePortsFile, waitForStopSignal, writePortsFile } from '@tsnats/server';
import { ADMIN_VERSION, EXE } from '../version.js';
import { loadServeOptions, SERVE_USAGE } from './options.js';
import { startAdminService, type AdminService } from './service.js';

export async function serve(argv: readonly string[]): Promise<number> {
  const loaded = loadServeOptions(argv);
  if (loaded.kind === 'help') {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (loaded.kind === 'error') {
    process.stderr.write(
      `${EXE} serve: ${loaded.message}\nRun '${EXE} serve --help' for the flags.\n`,
    );
    return 1;
  }
  const options = loaded.options;
  const logger = createLogger({ logtime: true, debug: options.debug, trace: false, logFile: '' });
  logger.notice(`Starting ${EXE} v${ADMIN_VERSION}`);
  logger.notice(`  Stores: ${options.stores.join(', ')}`);
  if (options.edges.length > 0) logger.notice(`  Edges:  ${options.edges.join(', ')}`);
  const stopped = waitForStopSignal(logger);
  let service: AdminService;
  try {
    service = await startAdminService(options, logger);
  } catch (error) {
    logger.error(
      `Error listening on ${options.listen.host}:${options.listen.port}: ${describe(error)}`,
    );
    return 1;
  }
  logger.notice(`Serving the admin API on ${service.url}/api/v1 (docs: ${service.url}/api/docs)`);
  if (options.portsFileDir !== '')
    writePortsFile(options.portsFileDir, EXE, { http: [service.url] });
  await stopped;
  await service.close();
  if (options.portsFileDir !== '') removePortsFile(options.portsFileDir, EXE);
  logger.notice('Server Exiting..');
  return 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
