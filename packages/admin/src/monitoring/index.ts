// nats-server's monitoring endpoints and Prometheus /metrics as fastify routes.
export { monitorApp, registerMonitoring, type MonitoringOptions } from './routes.js';
export {
  jetStreamConfigz,
  serverJetStream,
  type JetStreamConfigz,
  type JetStreamSource,
} from './jetstream-source.js';
export { jsz, jszQuery } from './jsz.js';
export type { AccountDetail, ConsumerDetail, JSInfo, JszOptions, StreamDetail } from './jsz.js';
export { accountz, gatewayz, leafz } from './other-pages.js';
export type { Accountz, AccountInfoz, Gatewayz, Leafz } from './other-pages.js';
export { MonitoringMetrics } from './metrics.js';
