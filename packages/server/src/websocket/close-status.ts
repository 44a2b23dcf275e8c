// The close frame nats-server sends a websocket client it disconnects: a status
// mapped from the close reason, the reason as text (websocket.go
// wsEnqueueCloseMessage, wsCreateCloseMessage).
import { CloseReason } from '../close-reason.js';

// A control frame carries at most 125 bytes; the status takes 2.
const MAX_REASON_BYTES = 123;

/**
 * The status for `reason`, or undefined when no close frame is sent: read and
 * write errors skip the final flush in nats-server (markConnAsClosed), and the
 * 1006 it would use for a stale connection is reserved and may not appear in a
 * frame, so the client sees an abnormal closure either way.
 */
export function closeStatus(reason: CloseReason): number | undefined {
  switch (reason) {
    case CloseReason.ClientClosed:
      return 1000;
    case CloseReason.AuthenticationTimeout:
    case CloseReason.AuthenticationViolation:
    case CloseReason.SlowConsumerPendingBytes:
    case CloseReason.SlowConsumerWriteDeadline:
    case CloseReason.MaxConnectionsExceeded:
    case CloseReason.MaxControlLineExceeded:
      return 1008;
    case CloseReason.ParseError:
    case CloseReason.ProtocolViolation:
    case CloseReason.BadClientProtocolVersion:
      return 1002;
    case CloseReason.MaxPayloadExceeded:
      return 1009;
    case CloseReason.ServerShutdown:
      return 1001;
    case CloseReason.ReadError:
    case CloseReason.WriteError:
    case CloseReason.StaleConnection:
    case CloseReason.TlsHandshakeError:
      return undefined;
    default:
      return 1011;
  }
}

/** The reason text, cut with "..." to fit the frame as wsCreateCloseMessage does. */
export function closeText(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  return `${Buffer.from(reason)
    .subarray(0, MAX_REASON_BYTES - 3)
    .toString()}...`;
}
