/**
 * The JSON carried by INFO and CONNECT, with nats-server's field names
 * (server/server.go `Info`, server/client.go `ClientOpts`, server/route.go
 * `connectInfo`). Optional fields are the ones nats-server omits when empty.
 */

export interface SubjectPermission {
  allow?: string[];
  deny?: string[];
}

export interface ServerInfo {
  server_id: string;
  server_name: string;
  version: string;
  proto: number;
  git_commit?: string;
  go: string;
  host: string;
  port: number;
  headers: boolean;
  auth_required?: boolean;
  tls_required?: boolean;
  tls_verify?: boolean;
  tls_available?: boolean;
  max_payload: number;
  jetstream?: boolean;
  ip?: string;
  client_id?: number;
  client_ip?: string;
  nonce?: string;
  cluster?: string;
  cluster_dynamic?: boolean;
  domain?: string;
  connect_urls?: string[];
  ws_connect_urls?: string[];
  ldm?: boolean;
  compression?: string;
  // Routes
  import?: SubjectPermission;
  export?: SubjectPermission;
  lnoc?: boolean;
  info_on_connect?: boolean;
  connect_info?: boolean;
  route_pool_size?: number;
  route_pool_idx?: number;
  route_account?: string;
  // Gateways
  gateway?: string;
  gateway_urls?: string[];
  gateway_url?: string;
  gateway_cmd?: number;
  gateway_nrp?: boolean;
  gateway_iom?: boolean;
  // Leaf nodes
  leafnode_urls?: string[];
  remote_account?: string;
  xkey?: string;
}

export interface ConnectOptions {
  verbose: boolean;
  pedantic: boolean;
  tls_required: boolean;
  echo?: boolean;
  name?: string;
  lang?: string;
  version?: string;
  protocol?: number;
  headers?: boolean;
  no_responders?: boolean;
  user?: string;
  pass?: string;
  auth_token?: string;
  nkey?: string;
  sig?: string;
  jwt?: string;
  account?: string;
  new_account?: boolean;
  // Routes and gateways
  cluster?: string;
  dynamic?: boolean;
  lnoc?: boolean;
  gateway?: string;
  import?: SubjectPermission;
  export?: SubjectPermission;
  remote_account?: string;
}
