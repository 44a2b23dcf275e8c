import { cli } from './cli/main.js';

/** Runs `tsnats-admin <argv>`; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] !== 'serve') return cli(argv, process.env);
  // Loaded only here: the CLI's commands start fast without fastify, gRPC and the server.
  const { serve } = await import('./serve/main.js');
  return serve(argv.slice(1));
}
