import { createServer } from '@nats-io/nkeys';
import type { ServerInfo } from '@tsnats/codec';

/**
 * The nats-server version tsnats reports. Clients turn features on by server
 * version (headers from 2.2, JetStream API details from 2.9/2.10), so tsnats
 * reports the release whose behaviour it implements.
 */
export const COMPATIBLE_VERSION = '2.10.22';
/** INFO's `go` field: nats-server reports its Go runtime; tsnats reports Node's. */
export const RUNTIME_VERSION = `node${process.versions.node}`;
/** Client protocol 1: the server may send INFO updates (connect_urls, ldm). */
export const PROTOCOL_VERSION = 1;

/** A server id as nats-server makes it: the public key of a fresh server nkey ('N...'). */
export function newServerId(): string {
  return createServer().getPublicKey();
}

export interface InfoTemplate {
  serverId: string;
  serverName: string;
  host: string;
  port: number;
  maxPayload: number;
  authRequired: boolean;
  tlsRequired: boolean;
  tlsVerify: boolean;
  tlsAvailable: boolean;
  jetstream: boolean;
  domain: string;
  lameDuck: boolean;
  connectUrls: string[];
}

/** The INFO a client gets; per-client fields (id, ip, nonce) are filled in here. */
export function clientInfo(
  template: InfoTemplate,
  client: { id: number; ip: string | undefined; nonce: string | undefined },
): ServerInfo {
  // Fields in nats-server's order (server.go Info); optional ones are omitted when
  // empty, as Go's omitempty does. Built field by field so the order holds.
  const info = {
    server_id: template.serverId,
    server_name: template.serverName,
    version: COMPATIBLE_VERSION,
    proto: PROTOCOL_VERSION,
    go: RUNTIME_VERSION,
    host: template.host,
    port: template.port,
    headers: true,
  } as ServerInfo;
  if (template.authRequired) info.auth_required = true;
  if (template.tlsRequired) info.tls_required = true;
  if (template.tlsVerify) info.tls_verify = true;
  if (template.tlsAvailable) info.tls_available = true;
  info.max_payload = template.maxPayload;
  if (template.jetstream) info.jetstream = true;
  if (client.id > 0) info.client_id = client.id;
  if (client.ip !== undefined && client.ip !== '') info.client_ip = client.ip;
  if (client.nonce !== undefined) info.nonce = client.nonce;
  if (template.domain !== '') info.domain = template.domain;
  if (template.connectUrls.length > 0) info.connect_urls = template.connectUrls;
  if (template.lameDuck) info.ldm = true;
  return info;
}
