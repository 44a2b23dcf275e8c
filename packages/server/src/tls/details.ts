import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';

/** What /connz reports of a TLS connection: the version as nats-server writes it ('1.3') and the suite. */
export interface TlsDetails {
  version: string;
  cipherSuite: string;
}

/** The TLS details of a client's stream, or undefined when it is not TLS. */
export function tlsDetails(stream: Duplex): TlsDetails | undefined {
  if (!(stream instanceof TLSSocket)) return undefined;
  return {
    version: (stream.getProtocol() ?? '').replace(/^TLSv/, ''),
    cipherSuite: stream.getCipher().standardName,
  };
}
