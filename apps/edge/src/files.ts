import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What goes into the ports file, as nats-server's Ports struct (empty lists omitted). */
export interface ListenerUrls {
  nats: string[];
  monitoring?: string[];
  websocket?: string[];
}

/**
 * `<dir>/<exe>_<pid>.ports`, as nats-server names it: the program's name as it
 * was started (`tsnats`, or `tsnats.js` run by node, without the extension).
 */
export function portsFilePath(dir: string, pid = process.pid): string {
  const exe = basename(process.argv[1] ?? 'tsnats').replace(/\.[cm]?js$/, '');
  return join(dir, `${exe}_${pid}.ports`);
}

export function writePortsFile(dir: string, urls: ListenerUrls): void {
  const ports: Record<string, string[]> = { nats: urls.nats };
  if (urls.monitoring !== undefined && urls.monitoring.length > 0) {
    ports.monitoring = urls.monitoring;
  }
  if (urls.websocket !== undefined && urls.websocket.length > 0) ports.websocket = urls.websocket;
  writeFileSync(portsFilePath(dir), JSON.stringify(ports));
}

export function removePortsFile(dir: string): void {
  rmSync(portsFilePath(dir), { force: true });
}

export function writePidFile(path: string): void {
  writeFileSync(path, String(process.pid));
}
