// STREAM.MSG.GET and STREAM.MSG.DELETE, as nats-server's jsMsgGetRequest and
// jsMsgDeleteRequest (server/jetstream_api.go, v2.10.22).

import { RESPONSE_TYPES } from '../api/constants.js';
import { decodeMsgDeleteRequest, decodeMsgGetRequest } from '../api/decode.js';
import {
  JSBadRequestErr,
  JSNoMessageFoundErr,
  JSStreamNotFoundErr,
  JSStreamSealedErr,
  newJSSequenceNotFoundError,
  newJSStreamMsgDeleteFailedError,
} from '../api/errors.generated.js';
import type { StoredMsg } from '../api/types.js';
import { describe } from '../streams/stream.js';
import { formatTime } from '../streams/time.js';
import type { ApiRequest, ApiResult } from './api-server.js';
import { decodeBody, failure, isEmptyRequest } from './request.js';

export async function msgGet({ engine, name, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.msgGet;
  if (isEmptyRequest(payload)) return failure(type, JSBadRequestErr);
  const decoded = decodeBody(payload, decodeMsgGetRequest);
  if (decoded.error !== undefined) return failure(type, decoded.error);
  const { seq = 0, last_by_subj: last = '', next_by_subj: next = '' } = decoded.value;
  if ((seq > 0 && last !== '') || (seq === 0 && last === '' && next === '')) {
    return failure(type, JSBadRequestErr);
  }
  if (last !== '' && next !== '') return failure(type, JSBadRequestErr);
  const stream = engine.stream(name);
  if (stream === undefined) return failure(type, JSStreamNotFoundErr);
  const found = await stream.getMessage({ seq, last_by_subj: last, next_by_subj: next });
  if (found === undefined) return failure(type, JSNoMessageFoundErr);
  const hasHeaders = found.headers !== undefined && found.headers.length > 0;
  const message: StoredMsg = {
    subject: found.subject,
    seq: found.seq,
    ...(hasHeaders ? { hdrs: Buffer.from(found.headers).toString('base64') } : {}),
    ...(found.data.length > 0 ? { data: Buffer.from(found.data).toString('base64') } : {}),
    time: formatTime(found.time),
  };
  return { type, message };
}

export async function msgDelete({ engine, name, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.msgDelete;
  if (isEmptyRequest(payload)) return failure(type, JSBadRequestErr);
  const decoded = decodeBody(payload, decodeMsgDeleteRequest);
  if (decoded.error !== undefined) return failure(type, decoded.error);
  const stream = engine.stream(name);
  if (stream === undefined) return failure(type, JSStreamNotFoundErr);
  if (stream.config.sealed) return failure(type, JSStreamSealedErr);
  if (stream.config.deny_delete) {
    return failure(type, newJSStreamMsgDeleteFailedError({ err: 'message delete not permitted' }));
  }
  const seq = decoded.value.seq ?? 0;
  let removed: boolean;
  try {
    removed = await stream.deleteMessage(seq, decoded.value.no_erase !== true);
  } catch (error) {
    return failure(type, newJSStreamMsgDeleteFailedError({ err: describe(error) }));
  }
  if (!removed) return failure(type, newJSSequenceNotFoundError({ seq }));
  return { type, success: true };
}
