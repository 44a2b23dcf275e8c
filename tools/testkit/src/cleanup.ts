// What must not outlive the test process: child processes and temporary
// directories. A test that fails, throws or forgets its `t.after` still ends
// through `process.on('exit')` (uncaught errors included), so that is where the
// last-resort cleanup lives. Only synchronous work is possible there: SIGKILL
// and rmSync.

import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const directories = new Set<string>();
let installed = false;

function cleanUpNow(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone: nothing to do.
    }
  }
  children.clear();
  for (const directory of directories) {
    try {
      rmSync(directory, { recursive: true, force: true });
    } catch {
      // A directory we cannot remove must not turn a passing run into a crash.
    }
  }
  directories.clear();
}

/**
 * A fatal signal skips 'exit', so handle the usual ones too. Only when nobody
 * else listens (ours would be the handler that changes what the signal does):
 * then we clean up and re-raise it, so the process still dies of that signal.
 */
function onSignal(signal: NodeJS.Signals): void {
  cleanUpNow();
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    if (process.listenerCount(signal) === 0) process.on(signal, onSignal);
  }
}

export function trackChild(child: ChildProcess): void {
  install();
  children.add(child);
}

export function untrackChild(child: ChildProcess): void {
  children.delete(child);
}

export function trackDirectory(path: string): void {
  install();
  directories.add(path);
}

export function untrackDirectory(path: string): void {
  directories.delete(path);
}
