import type { ServerOptions } from '@tsnats/config';

// Keys that configure features tsnats does not have yet. Tools written for
// nats-server put some of them (leafnodes, server_tags, websocket) into nearly
// every config they generate, so the server starts without them, saying so once
// per key; it never drops them silently.
const NOT_YET: Record<string, string> = {
  accounts: 'accounts',
  gateway: 'gateways',
  leaf: 'leaf nodes',
  leafnodes: 'leaf nodes',
  mqtt: 'MQTT',
  operator: 'operator mode (JWT)',
  operators: 'operator mode (JWT)',
  resolver: 'account resolvers',
  account_resolver: 'account resolvers',
  trusted: 'trusted operators',
  trusted_keys: 'trusted operators',
  system_account: 'the system account',
  system: 'the system account',
  mappings: 'subject mappings',
  maps: 'subject mappings',
  ocsp: 'OCSP stapling',
  syslog: 'syslog',
  remote_syslog: 'syslog',
  server_tags: 'server tags',
};

/** One warning line per configured key that tsnats does not act on yet. */
export function unsupportedFeatureWarnings(options: ServerOptions): string[] {
  const warnings: string[] = [];
  for (const key of Object.keys(options.untyped)) {
    const feature = NOT_YET[key];
    if (feature !== undefined) {
      warnings.push(`"${key}": ${feature} not supported by tsnats yet; starting without it`);
    }
  }
  if (options.cluster.port !== 0) {
    warnings.push('"cluster": routes not supported by tsnats yet; starting without them');
  }
  return warnings;
}
