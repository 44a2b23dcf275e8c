import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDirectory, untrackDirectory } from './cleanup.js';

export interface TempDir {
  readonly path: string;
  /** Deletes the directory and everything in it; safe to call more than once. */
  remove(): Promise<void>;
}

/**
 * A fresh directory under os.tmpdir() named `<prefix>XXXXXX`. It is removed when
 * the test process exits if remove() was never called.
 */
export async function tempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  trackDirectory(path);
  let removing: Promise<void> | undefined;
  return {
    path,
    remove() {
      removing ??= rm(path, { recursive: true, force: true }).finally(() => {
        untrackDirectory(path);
      });
      return removing;
    },
  };
}
