// JetStream: the API's types and errors, the StreamStore interface and its
// implementations, streams and consumers.
export {};
export * from './store/types.js';
export { StoreError, isStoreError, STORE_ERROR_MESSAGES } from './store/errors.js';
export type { StoreErrorCode } from './store/errors.js';
export { systemClock } from './store/clock.js';
export { MemoryStore, memoryMessageSize } from './store/memory-store.js';
export type { MemoryStoreOptions } from './store/memory-store.js';
export {
  emptyConsumerState,
  copyConsumerState,
  applyDelivered,
  applyAck,
  checkedReplacement,
} from './store/consumer-state.js';

// The JetStream API (src/api): wire types, errors, request decoding, config checks.
// Where the store and the API both name a type, the plain name stays the store's
// and the API's wire shape gets an Api prefix (StorageType, DiscardPolicy and
// AckPolicy are the same unions in both).
export * from './api/index.js';
export type {
  AckPolicy,
  DiscardPolicy,
  LostStreamData,
  StorageType,
  StreamState,
} from './store/types.js';
export type {
  LostStreamData as ApiLostStreamData,
  StreamState as ApiStreamState,
} from './api/types.js';

// Streams, the $JS.API handlers and the link the edge holds.
export type {
  ClientInfo,
  HostHandler,
  HostMessage,
  JetStreamHost,
  JetStreamLogger,
} from './streams/host.js';
export { silentJetStreamLogger } from './streams/host.js';
export { DIRECT_GET_QUEUE, JetStreamEngine } from './streams/engine.js';
export { directGetSubjects } from './streams/subjects.js';
export { directGet } from './api-handlers/direct-get.js';
export type { DirectSource } from './api-handlers/direct-get-batch.js';
export type { JetStreamEngineOptions, StreamStoreFactory } from './streams/engine.js';
export { Stream } from './streams/stream.js';
export { FileConsumerConfigs } from './streams/consumer-configs.js';
export type { ConsumerConfigStore, SavedConsumer } from './streams/consumer-configs.js';
export { LocalLink } from './streams/link.js';
export type { JetStreamLink, LocalLinkOptions } from './streams/link.js';
export { ApiServer } from './api-handlers/api-server.js';
export { formatTime } from './streams/time.js';
export { FileStore } from './store/file-store.js';
export type { FileStoreOptions, FileStoreLogger } from './store/file-store.js';
export {
  fileStorageOptions,
  recoverFileStreams,
  recreateStream,
  streamsDirectory,
} from './streams/file-streams.js';
export type { ApiRequester } from './streams/file-streams.js';
