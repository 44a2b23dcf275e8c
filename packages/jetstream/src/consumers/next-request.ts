// The checks of a pull request (CONSUMER.MSG.NEXT, or +NXT) before it queues,
// as nats-server's consumer.go processNextMsgRequest (v2.10.22) makes them, each
// refused request answered with its status: 409 Consumer is push based,
// 400 Bad Request, 409 Exceeded MaxRequestBatch / MaxRequestExpires /
// MaxRequestMaxBytes.

import type { ConsumerConfig } from '../api/types.js';
import { nanosToMs } from './ack-tracker.js';
import type { NextRequest } from './wire.js';
import { parseNextRequest } from './wire.js';

export type CheckedNextRequest = NextRequest | { readonly code: number; readonly text: string };

export function checkNextRequest(
  config: ConsumerConfig,
  payload: Uint8Array | string,
): CheckedNextRequest {
  if ((config.deliver_subject ?? '') !== '') return { code: 409, text: 'Consumer is push based' };
  const parsed = parseNextRequest(payload);
  if ('error' in parsed) return { code: 400, text: `Bad Request - ${parsed.error}` };
  const maxBatch = config.max_batch ?? 0;
  if (maxBatch > 0 && parsed.batch > maxBatch) {
    return { code: 409, text: `Exceeded MaxRequestBatch of ${maxBatch}` };
  }
  const maxExpires = nanosToMs(config.max_expires);
  if (parsed.expiresMs > 0 && maxExpires > 0 && parsed.expiresMs > maxExpires) {
    return { code: 409, text: `Exceeded MaxRequestExpires of ${formatMs(maxExpires)}` };
  }
  const maxBytes = config.max_bytes ?? 0;
  if (parsed.maxBytes > 0 && maxBytes > 0 && parsed.maxBytes > maxBytes) {
    return { code: 409, text: `Exceeded MaxRequestMaxBytes of ${maxBytes}` };
  }
  return parsed;
}

/** Go's time.Duration String() for whole milliseconds. */
function formatMs(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}
