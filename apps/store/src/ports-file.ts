import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXE } from './options.js';

/** What launchers read: the gRPC address edges use, and the health URL. */
export interface ListenerAddresses {
  rpc: string[];
  http?: string[];
}

/** `<dir>/tsnats-store_<pid>.ports`, named as nats-server names its ports file. */
export function portsFilePath(dir: string, pid = process.pid): string {
  return join(dir, `${EXE}_${pid}.ports`);
}

export function writePortsFile(dir: string, addresses: ListenerAddresses): void {
  writeFileSync(portsFilePath(dir), JSON.stringify(addresses));
}

export function removePortsFile(dir: string): void {
  rmSync(portsFilePath(dir), { force: true });
}
