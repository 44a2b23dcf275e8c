import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/** What goes into the ports file, as nats-server's Ports struct (empty lists omitted). */
export interface ListenerUrls {
  nats: string[];
  monitoring?: string[];
  websocket?: string[];
}

/** The program's name as it was started (`tsnats`, or `tsnats.js` run by node, without the extension), for the ports file's name. */
export function programName(): string {
  return basename(process.argv[1] ?? 'tsnats').replace(/\.[cm]?js$/, '');
}

export function writePidFile(path: string): void {
  writeFileSync(path, String(process.pid));
}
