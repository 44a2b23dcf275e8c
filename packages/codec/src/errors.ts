/**
 * Why the parser stopped. Each code maps to what nats-server does on that input:
 * the `-ERR` text it sends (or none, when it just closes the connection) and the
 * fact that the connection is closed either way.
 */
export const ProtocolErrorCode = {
  UnknownOp: 'UNKNOWN_OP',
  MaxControlLine: 'MAX_CONTROL_LINE',
  MaxPayload: 'MAX_PAYLOAD',
  BadArguments: 'BAD_ARGUMENTS',
  BadJson: 'BAD_JSON',
} as const;
export type ProtocolErrorCode = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

/** `-ERR` texts as nats-server 2.10 sends them (server/client.go, server/errors.go). */
export const ErrText = {
  UnknownOp: 'Unknown Protocol Operation',
  // nats-server sends the Go error's text here, lower case.
  MaxControlLine: 'maximum control line exceeded',
  MaxPayload: 'Maximum Payload Violation',
  AuthorizationViolation: 'Authorization Violation',
  InvalidSubject: 'Invalid Subject',
  InvalidPublishSubject: 'Invalid Publish Subject',
  MaxConnectionsExceeded: 'maximum connections exceeded',
  MaxSubscriptionsExceeded: 'maximum subscriptions exceeded',
} as const;

export interface ProtocolError {
  readonly code: ProtocolErrorCode;
  /**
   * What nats-server writes as `-ERR '<text>'` before closing, or undefined where
   * it closes without a word (malformed PUB/SUB arguments, bad CONNECT JSON).
   */
  readonly errText: string | undefined;
  /** For logs: what was wrong, with a short snippet of the input. */
  readonly detail: string;
}

const errTextByCode: Record<ProtocolErrorCode, string | undefined> = {
  [ProtocolErrorCode.UnknownOp]: ErrText.UnknownOp,
  [ProtocolErrorCode.MaxControlLine]: ErrText.MaxControlLine,
  [ProtocolErrorCode.MaxPayload]: ErrText.MaxPayload,
  [ProtocolErrorCode.BadArguments]: undefined,
  [ProtocolErrorCode.BadJson]: undefined,
};

export function protocolError(code: ProtocolErrorCode, detail: string): ProtocolError {
  return { code, errText: errTextByCode[code], detail };
}

const SNIPPET_LENGTH = 32;

/** A short, printable quote of the input around an error, for logs. */
export function snippet(buf: Uint8Array, start: number, end: number): string {
  const stop = Math.min(end, start + SNIPPET_LENGTH);
  let text = '';
  for (let i = start; i < stop; i++) {
    const byte = buf[i];
    text +=
      byte >= 32 && byte < 127
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return JSON.stringify(text) + (end > stop ? '...' : '');
}
