// nats-server's monitoring endpoints as pure builders: a NatsServer in, the JSON
// nats-server 2.10 answers out. The HTTP side (routes, status codes) is the app's.
export { varz } from './varz.js';
export type {
  Varz,
  ClusterOptsVarz,
  GatewayOptsVarz,
  LeafNodeOptsVarz,
  MqttOptsVarz,
  WebsocketOptsVarz,
  JetStreamVarz,
  OcspResponseCacheVarz,
  SlowConsumersStats,
} from './varz.js';
export { connz, DEFAULT_LIST_SIZE } from './connz.js';
export type { Connz, ConnInfo, ConnState, ConnzOptions, SubDetail, TlsPeerCert } from './connz.js';
export { subsz } from './subsz.js';
export type { Subsz, SublistStats, SubszOptions } from './subsz.js';
export { healthz } from './healthz.js';
export type { HealthStatus, HealthzError, HealthzErrorType, HealthzOptions } from './healthz.js';
export { routez } from './routez.js';
export type { Routez, RouteInfo, RoutezOptions } from './routez.js';
export {
  MonitorQueryError,
  connzQuery,
  decodeBool,
  decodeInt,
  healthzQuery,
  routezQuery,
  subszQuery,
} from './query.js';
export { goDuration, goJson, goTime, goUptime, omitEmpty } from './go-format.js';
