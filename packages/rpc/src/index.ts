// The internal protocol between edges and stream storage services (see
// proto/storage.proto): the store's gRPC server over a RemoteHost, and the
// edge's RpcLink.
export { parseStoreUrl } from './address.js';
export { Backoff } from './backoff.js';
export type { EdgeHandler, EdgeHost, InterestListener, PeerOrigin } from './edge-host.js';
export { RemoteHost, EdgeSession } from './remote-host.js';
export type { RemoteHostOptions } from './remote-host.js';
export { RpcLink } from './rpc-link.js';
export type { RpcLinkOptions } from './rpc-link.js';
export { StoreConnection } from './store-connection.js';
export { StorageServer } from './storage-server.js';
export type { StorageServerOptions } from './storage-server.js';
export {
  StorageClient,
  type CallContext,
  type RequestContext,
  type StorageClientOptions,
  type StoreReply,
} from './storage-client.js';
export { streamStorageService } from './protocol.js';
export type {
  ApiReply,
  ApiRequest,
  EdgeFrame,
  EdgeOp,
  HealthReply,
  Msg,
  StoreFrame,
  StoreOp,
} from './protocol.js';
export { StorageService } from './storage-service.js';
export type { StorageServiceOptions } from './storage-service.js';
export { LinkMetrics, operationOf } from './link-metrics.js';
