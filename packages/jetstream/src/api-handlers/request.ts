// Request bodies as nats-server reads them: isEmptyRequest, then strict decoding.

import { apiErrorResponse, type ApiError } from '../api/api-error.js';
import { parseRequestJSON, type Decoded } from '../api/decode.js';
import type { ApiResult } from './api-server.js';

const utf8 = new TextDecoder();

/** nats-server's isEmptyRequest: no bytes, or a JSON object without fields. */
export function isEmptyRequest(payload: Uint8Array): boolean {
  if (payload.length === 0) return true;
  const text = utf8.decode(payload).trim();
  if (text === '{}') return true;
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0
    );
  } catch {
    return false;
  }
}

/** The payload parsed and decoded, or the error (JSInvalidJSONErr) to answer with. */
export function decodeBody<T>(
  payload: Uint8Array,
  decoder: (value: unknown) => Decoded<T>,
): { value: T; error?: undefined } | { error: ApiError; value?: undefined } {
  const parsed = parseRequestJSON(payload);
  if (parsed.error !== undefined) return { error: parsed.error };
  return decoder(parsed.value);
}

/** An error response (nats-server's sendAPIErrResponse body). */
export function failure(type: string, error: Readonly<ApiError>): ApiResult {
  return { ...apiErrorResponse(type, error) };
}
