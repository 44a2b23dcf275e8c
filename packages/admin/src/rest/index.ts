// The REST admin API: the fastify plugin, the gateway it reaches JetStream
// through, and the server directory behind /servers and /cluster.
export { restApi, REST_API_PREFIX, REST_DOCS_PREFIX, type RestApiOptions } from './plugin.js';
export {
  decodeHeaders,
  encodeHeaders,
  serverGateway,
  type GatewayReply,
  type JetStreamGateway,
  type ServerGatewayOptions,
} from './gateway.js';
export {
  serverDirectory,
  type ClusterOverview,
  type RouteSummary,
  type ServerDirectory,
  type ServerDirectoryOptions,
  type ServerSummary,
} from './servers.js';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from './problem.js';
