import type { Op } from '@tsnats/codec';
import type { Logger } from './logger.js';

const decoder = new TextDecoder();

/** A password, token or signature in a traced CONNECT becomes `[REDACTED]`, as nats-server does. */
function redactConnect(json: string): string {
  return json.replace(/("(?:pass|auth_token|sig)"\s*:\s*")((?:[^"\\]|\\.)*)"/g, '$1[REDACTED]"');
}

function size(op: { payload: Uint8Array; headers?: Uint8Array }): string {
  const headers = op.headers?.length;
  const total = (headers ?? 0) + op.payload.length;
  return headers === undefined ? String(total) : `${headers} ${total}`;
}

function join(...parts: (string | number | undefined)[]): string {
  return parts.filter((part) => part !== undefined).join(' ');
}

/** An inbound op as nats-server's trace line shows it: `[PUB foo 5]`. */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'PUB':
      return `[${join('PUB', op.subject, op.reply, size(op))}]`;
    case 'HPUB':
      return `[${join('HPUB', op.subject, op.reply, size(op))}]`;
    case 'SUB':
      return `[${join('SUB', op.subject, op.queue, op.sid)}]`;
    case 'UNSUB':
      return `[${join('UNSUB', op.sid, op.max)}]`;
    case 'CONNECT':
      return `[CONNECT ${redactConnect(JSON.stringify(op.options))}]`;
    default:
      return `[${op.kind}]`;
  }
}

/** A payload as nats-server traces it: `MSG_PAYLOAD: ["hello"]`. */
export function describePayload(payload: Uint8Array): string {
  return `MSG_PAYLOAD: [${JSON.stringify(decoder.decode(payload))}]`;
}

/** Logs an inbound op (and a message's payload) as nats-server's [TRC] lines. */
export function traceOp(logger: Logger, label: string, op: Op): void {
  logger.trace(`${label} - <<- ${describeOp(op)}`);
  if (op.kind === 'PUB' || op.kind === 'HPUB') {
    logger.trace(`${label} - <<- ${describePayload(op.payload)}`);
  }
}
