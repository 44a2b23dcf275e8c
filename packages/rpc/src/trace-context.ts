// W3C trace context on calls: the caller's `traceparent` travels as gRPC
// metadata, so the callee's spans can join the caller's trace.

import { Metadata } from '@grpc/grpc-js';
import { MsgHeaders } from '@tsnats/codec';

const TRACEPARENT = 'traceparent';

export function callMetadata(traceparent: string | undefined): Metadata {
  const metadata = new Metadata();
  if (traceparent !== undefined && traceparent !== '') metadata.set(TRACEPARENT, traceparent);
  return metadata;
}

export function traceparentOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get(TRACEPARENT);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The header block of a request made from an RPC call: the caller's block with
 * the call's `traceparent` added, unless the block already names one. Throws
 * `HeadersError` when the caller's block is malformed.
 */
export function traceHeaders(
  traceparent: string | undefined,
  block?: Uint8Array,
): Uint8Array | undefined {
  if (block === undefined) {
    return traceparent === undefined
      ? undefined
      : new MsgHeaders().set(TRACEPARENT, traceparent).encode();
  }
  const headers = MsgHeaders.decode(block);
  if (traceparent === undefined || headers.has(TRACEPARENT, 'ignore-case')) return block;
  return headers.set(TRACEPARENT, traceparent).encode();
}
