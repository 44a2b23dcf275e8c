// The system programs tests start (real servers, from Debian's packages). When
// one is missing and we can install it (root, apt-get), we do; otherwise we stop
// with the package to install, so nothing depends on what was installed by hand.

import { spawnSync } from 'node:child_process';

export const SYSTEM_PROGRAMS = [
  { command: 'redis-server', debianPackage: 'redis-server' },
  { command: 'nats-server', debianPackage: 'nats-server' },
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function apt(args) {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Installs what is missing when it can; returns why the tests cannot run, or undefined. */
export function ensureSystemPrograms() {
  const missing = SYSTEM_PROGRAMS.filter(({ command }) => !has(command));
  if (missing.length === 0) return undefined;
  const packages = missing.map(({ debianPackage }) => debianPackage);
  const canInstall = process.getuid?.() === 0 && has('apt-get');
  if (!canInstall) {
    return (
      `Tests need ${missing.map(({ command }) => command).join(' and ')}. ` +
      `Install the Debian package(s): apt-get install -y ${packages.join(' ')}`
    );
  }
  console.error(`Installing ${packages.join(', ')} with apt-get ...`);
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', ...packages])) {
    return `apt-get could not install ${packages.join(' ')}`;
  }
  return undefined;
}
