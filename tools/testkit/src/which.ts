import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

// Debian installs nats-server in /usr/sbin (redis-server in /usr/bin), and a
// non-root PATH often lacks the sbin directories.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `program` as the shell would find it (plus the sbin dirs), or undefined. */
export function which(program: string): string | undefined {
  if (program.includes('/')) {
    const path = isAbsolute(program) ? program : resolve(program);
    return isExecutableFile(path) ? path : undefined;
  }
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of new Set([...fromPath, ...EXTRA_DIRS])) {
    const candidate = resolve(join(dir, program));
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
