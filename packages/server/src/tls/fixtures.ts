// Shared by the tls and websocket tests: the checked-in certificates of
// testdata/ (see its README), read from src so the compiled tests in dist need no
// copies.
import { fileURLToPath } from 'node:url';

export function testdata(name: string): string {
  return fileURLToPath(new URL(`../../src/tls/testdata/${name}`, import.meta.url));
}

/** A tls block for a config text: strings quoted, the rest as is. */
export function tlsBlock(fields: Record<string, string | boolean | number>, name = 'tls'): string {
  const lines = Object.entries(fields).map(([k, v]) =>
    typeof v === 'string' ? `${k}: ${JSON.stringify(v)}` : `${k}: ${String(v)}`,
  );
  return `${name} {\n${lines.join('\n')}\n}`;
}

/** The server certificate pair, optionally with the CA for client verification. */
export function serverTls(
  extra: Record<string, string | boolean | number> = {},
): Record<string, string | boolean | number> {
  return { cert_file: testdata('server-cert.pem'), key_file: testdata('server-key.pem'), ...extra };
}
