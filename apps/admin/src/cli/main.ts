// The tsnats-admin command line on the REST API: finds the command named by
// the leading words, checks its arguments and options, runs it and prints a
// table (or the response JSON with --json). Errors go to stderr with exit 1.

import { parseArgs } from 'node:util';
import { ADMIN_VERSION, EXE } from '../version.js';
import { ApiClient, ApiError } from './client.js';
import { UsageError, type Command, type OptionSpec } from './command.js';
import { kvCommands } from './kv.js';
import { serverCommands } from './servers.js';
import { streamCommands } from './streams.js';

const COMMANDS: readonly Command[] = [...streamCommands, ...kvCommands, ...serverCommands];

/** The REST API of an embedded edge: its HTTP (monitoring) port. */
export const DEFAULT_URL = 'http://127.0.0.1:8222';

const GLOBAL: Readonly<Record<string, OptionSpec & { short?: string }>> = {
  url: {
    type: 'string',
    usage: '--url <url>',
    help: `the REST API (default: $TSNATS_ADMIN_URL or ${DEFAULT_URL})`,
  },
  token: {
    type: 'string',
    usage: '--token <token>',
    help: 'bearer token (default: $TSNATS_ADMIN_TOKEN)',
  },
  json: { type: 'boolean', usage: '--json', help: 'print the response JSON as is' },
  help: { type: 'boolean', short: 'h', usage: '-h, --help', help: 'show this help' },
  version: { type: 'boolean', short: 'v', usage: '-v, --version', help: 'show the version' },
};

function optionLines(options: Readonly<Record<string, OptionSpec>>, indent: string): string {
  return Object.values(options)
    .map((option) => `${indent}${option.usage.padEnd(28)} ${option.help}\n`)
    .join('');
}

export function usage(): string {
  const commands = COMMANDS.map((command) => {
    const line = [...command.words, ...command.args.map((arg) => `<${arg}>`)].join(' ');
    return `  ${line.padEnd(30)} ${command.summary}\n${optionLines(command.options ?? {}, '      ')}`;
  }).join('');
  return `Usage: ${EXE} <command> [options]
       ${EXE} serve --store rpc://host:port[,host:port] [options]   (see serve --help)

Commands:
${commands}
Options:
${optionLines(GLOBAL, '  ')}`;
}

function findCommand(positionals: readonly string[]): Command {
  const command = COMMANDS.find((candidate) =>
    candidate.words.every((word, index) => positionals[index] === word),
  );
  if (command === undefined) {
    const words = positionals.slice(0, 2).join(' ');
    throw new UsageError(words === '' ? 'no command given' : `unknown command '${words}'`);
  }
  const given = positionals.slice(command.words.length);
  const name = command.words.join(' ');
  if (given.length < command.args.length) {
    throw new UsageError(`${name}: missing <${command.args[given.length]}>`);
  }
  if (given.length > command.args.length) {
    throw new UsageError(`${name}: unexpected argument '${given[command.args.length]}'`);
  }
  return command;
}

function parse(argv: readonly string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(GLOBAL)) {
    options[name] = { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }) };
  }
  for (const command of COMMANDS) {
    for (const [name, spec] of Object.entries(command.options ?? {}))
      options[name] = { type: spec.type };
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function cli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help === true) {
      process.stdout.write(usage());
      return 0;
    }
    if (values.version === true) {
      process.stdout.write(`${EXE}: v${ADMIN_VERSION}\n`);
      return 0;
    }
    const command = findCommand(positionals);
    const name = command.words.join(' ');
    for (const option of Object.keys(values)) {
      if (!(option in GLOBAL) && !(option in (command.options ?? {}))) {
        throw new UsageError(`${name}: unknown option '--${option}'`);
      }
    }
    const given = positionals.slice(command.words.length);
    const args = Object.fromEntries(command.args.map((arg, index) => [arg, given[index]]));
    const api = new ApiClient({
      url: str(values.url) ?? env.TSNATS_ADMIN_URL ?? DEFAULT_URL,
      token: str(values.token) ?? env.TSNATS_ADMIN_TOKEN,
    });
    const output = await command.run({ api, args, options: values });
    if (values.json !== true) process.stdout.write(output.text);
    else if (output.json !== undefined)
      process.stdout.write(`${JSON.stringify(output.json, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${EXE}: ${error.message}\nRun '${EXE} --help' for the commands.\n`);
      return 1;
    }
    if (error instanceof ApiError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const str = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
