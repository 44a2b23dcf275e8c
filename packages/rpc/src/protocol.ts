// The StreamStorage service as grpc-js sees it: method paths and the
// protobufjs static codecs (generated/, from proto/storage.proto). grpc-js's
// own loader would parse the .proto at run time; the static code is checked
// in, typed, and needs no reflection.

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { tsnats } from '../generated/storage.js';

const v1 = tsnats.rpc.v1;
// The plain-object shapes: what is written (protobufjs encodes plain objects)
// and what decoded messages are read as.
export type EdgeFrame = tsnats.rpc.v1.EdgeFrame.$Properties;
export type EdgeOp = tsnats.rpc.v1.EdgeOp.$Properties;
export type StoreFrame = tsnats.rpc.v1.StoreFrame.$Properties;
export type StoreOp = tsnats.rpc.v1.StoreOp.$Properties;
export type Msg = tsnats.rpc.v1.Msg.$Properties;
export type ApiRequest = tsnats.rpc.v1.ApiRequest.$Properties;
export type ApiReply = tsnats.rpc.v1.ApiReply.$Properties;
export type HealthRequest = tsnats.rpc.v1.HealthRequest.$Properties;
export type HealthReply = tsnats.rpc.v1.HealthReply.$Properties;

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

function serializer<T>(codec: Codec<T>): (message: T) => Buffer {
  return (message) => {
    const bytes = codec.encode(message).finish();
    // protobufjs writes into a Buffer under Node; wrap rather than copy otherwise.
    return Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  };
}

function method<Req, Res>(
  name: string,
  request: Codec<Req>,
  response: Codec<Res>,
  streaming: boolean,
): MethodDefinition<Req, Res> {
  return {
    path: `/tsnats.rpc.v1.StreamStorage/${name}`,
    requestStream: streaming,
    responseStream: streaming,
    requestSerialize: serializer(request),
    requestDeserialize: (bytes) => request.decode(bytes),
    responseSerialize: serializer(response),
    responseDeserialize: (bytes) => response.decode(bytes),
  };
}

export const streamStorageService = {
  link: method<EdgeFrame, StoreFrame>('Link', v1.EdgeFrame, v1.StoreFrame, true),
  api: method<ApiRequest, ApiReply>('Api', v1.ApiRequest, v1.ApiReply, false),
  health: method<HealthRequest, HealthReply>('Health', v1.HealthRequest, v1.HealthReply, false),
} satisfies ServiceDefinition;
