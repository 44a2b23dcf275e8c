// The JetStream API's wire types, errors (generated from nats-server's
// errors.json), request decoding, and stream and consumer configuration checks.

export * from './api-error.js';
export * from './errors.generated.js';
export * from './constants.js';
export type * from './types.js';
export * from './decode.js';
export { mappingDestinationError, subjectTransformError } from './subject-transform.js';
export { applyStreamDefaults, prepareStreamCreate } from './stream-config.js';
export { consumerConfigJSON, streamConfigJSON } from './json.js';
export type {
  StreamCheckContext,
  StreamConfigResult,
  StreamDefaultsContext,
} from './stream-config.js';
export { checkStreamConfig, prepareStreamConfig, prepareStreamUpdate } from './stream-update.js';
export {
  applyConsumerDefaults,
  checkConsumerConfig,
  consumerFilters,
  consumerUpdateError,
  prepareConsumerConfig,
} from './consumer-config.js';
export type {
  ConsumerCheckContext,
  ConsumerConfigResult,
  ConsumerDefaultsContext,
  ConsumerServerLimits,
} from './consumer-config.js';
export { checkConsumerCfg } from './consumer-checks.js';
export { checkConsumerCreateSubject, parseConsumerCreateSubject } from './consumer-subject.js';
export type { ConsumerCreateSubject } from './consumer-subject.js';
export { formatGoDuration, parseTime } from './util.js';
