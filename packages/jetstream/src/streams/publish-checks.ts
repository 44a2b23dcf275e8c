// Publish checks that need only the message and the stream's last publish, as
// nats-server's processJetStreamMsg makes them: the error to answer, or none.

import type { ApiError } from '../api/api-error.js';
import {
  JSStreamHeaderExceedsMaximumErr,
  JSStreamMessageExceedsMaximumErr,
  newJSStreamWrongLastMsgIDError,
  newJSStreamWrongLastSequenceError,
} from '../api/errors.generated.js';
import type { StreamConfig } from '../api/types.js';
import {
  JS_EXPECTED_LAST_MSG_ID,
  JS_EXPECTED_LAST_SEQ,
  sequenceHeader,
  type decodeHeaders,
} from './headers.js';

const MAX_HEADER_SIZE = 65_535;

/** Nats-Expected-Last-Sequence and -Last-Msg-Id against the stream's last publish. */
export function expectedLastError(
  parsed: NonNullable<ReturnType<typeof decodeHeaders>>,
  lastSeq: number,
  lastMsgId: string,
): Readonly<ApiError> | undefined {
  const expectedSeq = sequenceHeader(parsed, JS_EXPECTED_LAST_SEQ);
  if (expectedSeq !== undefined && expectedSeq !== lastSeq) {
    return newJSStreamWrongLastSequenceError({ seq: lastSeq });
  }
  const expectedId = parsed.get(JS_EXPECTED_LAST_MSG_ID) ?? '';
  if (expectedId !== '' && expectedId !== lastMsgId) {
    return newJSStreamWrongLastMsgIDError({ id: lastMsgId });
  }
  return undefined;
}

/** max_msg_size, and nats-server's limit on a header block. */
export function sizeError(
  config: StreamConfig,
  headers: Uint8Array | undefined,
  payload: Uint8Array,
): Readonly<ApiError> | undefined {
  const headerSize = headers?.length ?? 0;
  const maxMsgSize = config.max_msg_size ?? -1;
  if (maxMsgSize >= 0 && headerSize + payload.length > maxMsgSize) {
    return JSStreamMessageExceedsMaximumErr;
  }
  if (headerSize > MAX_HEADER_SIZE) return JSStreamHeaderExceedsMaximumErr;
  return undefined;
}
