// Loads a `tls { cert_file, key_file, ca_file, verify }` block into a Node secure
// context, checking every file up front: nats-server validates them while parsing
// its configuration (opts.go GenTLSConfig), so a bad file stops the server from
// starting instead of failing each handshake later.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import type { TlsOptions } from '@tsnats/config';

// nats-server's default when `timeout` is not set (server/const.go TLS_TIMEOUT).
const DEFAULT_TIMEOUT_SECONDS = 2;

/** What a tls.TLSSocket or https.Server needs, and the settings around it. */
export interface LoadedTls {
  /** For tls.createServer / https.createServer. */
  readonly serverOptions: SecureContextOptions & {
    requestCert: boolean;
    rejectUnauthorized: boolean;
  };
  /** The same, built once, for wrapping accepted sockets. */
  readonly secureContext: SecureContext;
  /** Client certificates required and checked against ca_file (tls_verify). */
  readonly verify: boolean;
  readonly timeoutMs: number;
}

/** Thrown when a TLS block cannot be loaded; the message names the file. */
export class TlsConfigError extends Error {
  override name = 'TlsConfigError';
}

/**
 * Reads and checks the certificate, key and CA files of `options`. `section`
 * prefixes error messages ('tls', 'websocket tls') so the user knows which block.
 */
export function loadTls(options: TlsOptions, section = 'tls'): LoadedTls {
  const fail = (message: string): TlsConfigError => new TlsConfigError(`${section}: ${message}`);
  // The checks and texts of GenTLSConfig. nats-server accepts a block without
  // either file (every handshake then fails); refusing it at start is kinder.
  if (options.certFile !== '' && options.keyFile === '') {
    throw fail("missing 'key_file' in TLS configuration");
  }
  if (options.certFile === '') throw fail("missing 'cert_file' in TLS configuration");

  const certPem = readPem(options.certFile, 'cert_file', fail);
  const certs = pemBlocks(certPem, 'CERTIFICATE');
  if (certs.length === 0) {
    throw fail(
      `error parsing X509 certificate/key pair: cert_file "${options.certFile}" holds no PEM certificate`,
    );
  }
  const leaf = parseCertificate(certs[0], `cert_file "${options.certFile}"`, fail);
  const keyPem = readPem(options.keyFile, 'key_file', fail);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw fail(
      `error parsing X509 certificate/key pair: key_file "${options.keyFile}" holds no usable private key (${(error as Error).message})`,
    );
  }
  if (!leaf.checkPrivateKey(key)) {
    throw fail(
      `error parsing X509 certificate/key pair: the private key in key_file "${options.keyFile}" does not match the certificate in cert_file "${options.certFile}"`,
    );
  }

  let ca: Buffer | undefined;
  if (options.caFile !== '') {
    ca = readPem(options.caFile, 'ca_file', fail);
    const roots = pemBlocks(ca, 'CERTIFICATE');
    // GenTLSConfig: AppendCertsFromPEM found nothing.
    if (roots.length === 0)
      throw fail(`failed to parse root ca certificate in ca_file "${options.caFile}"`);
    for (const root of roots) parseCertificate(root, `ca_file "${options.caFile}"`, fail);
  }

  const serverOptions = {
    cert: certPem,
    key: keyPem,
    // Without ca_file, client certificates are checked against the system roots,
    // as Go does when ClientCAs is nil.
    ...(ca === undefined ? {} : { ca }),
    // GenTLSConfig's MinVersion.
    minVersion: 'TLSv1.2' as const,
    // verify: RequireAndVerifyClientCert. OpenSSL then fails the handshake itself
    // when the client sends no certificate or one the CAs do not vouch for.
    requestCert: options.verify,
    rejectUnauthorized: options.verify,
  };
  let secureContext: SecureContext;
  try {
    secureContext = createSecureContext(serverOptions);
  } catch (error) {
    throw fail(
      `error parsing X509 certificate/key pair "${options.certFile}", "${options.keyFile}": ${(error as Error).message}`,
    );
  }
  const seconds = options.timeoutSeconds > 0 ? options.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
  return {
    serverOptions,
    secureContext,
    verify: options.verify,
    timeoutMs: Math.round(seconds * 1000),
  };
}

function readPem(file: string, key: string, fail: (message: string) => TlsConfigError): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    // Node's text ends in ", open '<file>'": the file is named in our own words.
    const reason = (error as Error).message.replace(/, open '.*'$/s, '');
    throw fail(`cannot read ${key} "${file}": ${reason}`);
  }
}

function pemBlocks(pem: Buffer, label: string): string[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g');
  return pem.toString('latin1').match(pattern) ?? [];
}

function parseCertificate(
  pem: string,
  where: string,
  fail: (message: string) => TlsConfigError,
): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw fail(`error parsing certificate in ${where}: ${(error as Error).message}`);
  }
}
