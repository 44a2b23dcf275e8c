import { ProtocolErrorCode } from '@tsnats/codec';

/** Why a connection closed, with nats-server's texts (server/monitor.go ClosedState.String). */
export const CloseReason = {
  ClientClosed: 'Client Closed',
  AuthenticationTimeout: 'Authentication Timeout',
  AuthenticationViolation: 'Authentication Failure',
  TlsHandshakeError: 'TLS Handshake Failure',
  SlowConsumerPendingBytes: 'Slow Consumer (Pending Bytes)',
  SlowConsumerWriteDeadline: 'Slow Consumer (Write Deadline)',
  WriteError: 'Write Error',
  ReadError: 'Read Error',
  ParseError: 'Parse Error',
  StaleConnection: 'Stale Connection',
  ProtocolViolation: 'Protocol Violation',
  BadClientProtocolVersion: 'Bad Client Protocol Version',
  MaxConnectionsExceeded: 'Maximum Connections Exceeded',
  MaxPayloadExceeded: 'Maximum Message Payload Exceeded',
  MaxControlLineExceeded: 'Maximum Control Line Exceeded',
  ServerShutdown: 'Server Shutdown',
  NoRespondersRequiresHeaders: 'No Responders Requires Headers',
} as const;
export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason];

/** How a connection closes after the parser stops on `code`. */
export function closeReasonFor(code: ProtocolErrorCode): CloseReason {
  switch (code) {
    case ProtocolErrorCode.MaxPayload:
      return CloseReason.MaxPayloadExceeded;
    case ProtocolErrorCode.MaxControlLine:
      return CloseReason.MaxControlLineExceeded;
    case ProtocolErrorCode.UnknownOp:
      return CloseReason.ParseError;
    default:
      return CloseReason.ProtocolViolation;
  }
}
