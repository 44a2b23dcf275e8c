// nats-server's ports file (--ports_file_dir): `<dir>/<exe>_<pid>.ports`, a
// JSON object of listener URLs by kind, written once the listeners are up and
// removed at shutdown, so launchers that pick port -1 learn the real ports.
// Every tsnats program writes one (tsnats, tsnats-store, tsnats-admin).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<dir>/<exe>_<pid>.ports`. */
export function portsFilePath(dir: string, exe: string, pid = process.pid): string {
  return join(dir, `${exe}_${pid}.ports`);
}

/** Writes the listener URLs by kind; empty lists are left out, as nats-server leaves them. */
export function writePortsFile(
  dir: string,
  exe: string,
  ports: Readonly<Record<string, readonly string[] | undefined>>,
): void {
  const written: Record<string, readonly string[]> = {};
  for (const [kind, urls] of Object.entries(ports)) {
    if (urls !== undefined && urls.length > 0) written[kind] = urls;
  }
  // Written aside and renamed, so a launcher polling for the file never reads it half-written.
  const path = portsFilePath(dir, exe);
  writeFileSync(`${path}.tmp`, JSON.stringify(written));
  renameSync(`${path}.tmp`, path);
}

export function removePortsFile(dir: string, exe: string): void {
  rmSync(portsFilePath(dir, exe), { force: true });
}
