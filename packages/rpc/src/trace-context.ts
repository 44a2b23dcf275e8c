// W3C trace context on calls: the caller's `traceparent` travels as gRPC
// metadata, so the callee's spans can join the caller's trace.

import { Metadata } from '@grpc/grpc-js';

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

/** A NATS/1.0 header block carrying only `traceparent`, for a request made from an RPC call. */
export function traceHeaders(traceparent: string | undefined): Uint8Array | undefined {
  if (traceparent === undefined) return undefined;
  return new TextEncoder().encode(`NATS/1.0\r\n${TRACEPARENT}: ${traceparent}\r\n\r\n`);
}
