// /jsz: JetStream's config, usage and, on request, its account, streams and
// consumers (nats-server 2.10's Jsz, JSInfo, AccountDetail and StreamDetail in
// server/monitor.go), built from the JetStream API's answers. tsnats has one
// JetStream account, the global account $G, and no raft groups.
import type { ConsumerInfo, StreamInfo } from '@tsnats/jetstream';
import { decodeBool, decodeInt, goTime, MonitorQueryError, type NatsServer } from '@tsnats/server';
import {
  accountInfo,
  listConsumers,
  listStreams,
  type JetStreamConfigz,
  type JetStreamSource,
} from './jetstream-source.js';

const GLOBAL_ACCOUNT = '$G';
/** Go's uint64(-1): an account's reservation when it has no limit of its own. */
const UNLIMITED = 2n ** 64n - 1n;

export interface JszOptions {
  /** Only this account's details (`acc`). */
  account: string;
  accounts: boolean;
  streams: boolean;
  consumers: boolean;
  config: boolean;
  leaderOnly: boolean;
  offset: number;
  limit: number;
  raft: boolean;
  streamLeaderOnly: boolean;
}

/** HandleJsz's parameters, decoded in its order so the first bad one is the one reported. */
export function jszQuery(params: URLSearchParams): JszOptions {
  const accounts = decodeBool(params, 'accounts');
  const streams = decodeBool(params, 'streams');
  const consumers = decodeBool(params, 'consumers');
  const config = decodeBool(params, 'config');
  const offset = decodeInt(params, 'offset');
  const limit = decodeInt(params, 'limit');
  const leaderOnly = decodeBool(params, 'leader-only');
  const raft = decodeBool(params, 'raft');
  const streamLeaderOnly = decodeBool(params, 'stream-leader-only');
  const account = params.get('acc') ?? '';
  return {
    account,
    accounts,
    streams,
    consumers,
    config,
    leaderOnly,
    offset,
    limit,
    raft,
    streamLeaderOnly,
  };
}

export interface JetStreamApiStats {
  total: number;
  errors: number;
}

/** JetStreamStats; an account's reservations are uint64s that may be "unlimited". */
interface JetStreamStats {
  memory: number;
  storage: number;
  reserved_memory: number | bigint;
  reserved_storage: number | bigint;
  accounts: number;
  ha_assets: number;
  api: JetStreamApiStats;
}

export type ConsumerDetail = Omit<ConsumerInfo, 'cluster'>;

export interface StreamDetail {
  name: string;
  created: string;
  cluster?: StreamInfo['cluster'];
  config?: StreamInfo['config'];
  state: StreamInfo['state'];
  consumer_detail?: ConsumerDetail[];
  mirror?: StreamInfo['mirror'];
  sources?: StreamInfo['sources'];
}

export interface AccountDetail extends JetStreamStats {
  name: string;
  id: string;
  stream_detail?: StreamDetail[];
}

export interface JSInfo extends JetStreamStats {
  server_id: string;
  now: string;
  disabled?: boolean;
  config: JetStreamConfigz;
  streams: number;
  consumers: number;
  messages: number;
  bytes: number;
  account_details?: AccountDetail[];
}

/** Jsz's answer with JetStream off: zeros, and `disabled`. */
function disabledInfo(server: NatsServer, now: number): JSInfo {
  return {
    server_id: server.serverId,
    now: goTime(now),
    disabled: true,
    config: { max_memory: 0, max_storage: 0 },
    memory: 0,
    storage: 0,
    reserved_memory: 0,
    reserved_storage: 0,
    accounts: 0,
    ha_assets: 0,
    api: { total: 0, errors: 0 },
    streams: 0,
    consumers: 0,
    messages: 0,
    bytes: 0,
  };
}

const reservation = (limit: number): number | bigint => (limit < 0 ? UNLIMITED : limit);

async function streamDetail(
  source: JetStreamSource,
  stream: StreamInfo,
  options: JszOptions,
): Promise<StreamDetail> {
  const detail: StreamDetail = {
    name: stream.config.name,
    created: stream.created,
    ...(stream.cluster === undefined ? {} : { cluster: stream.cluster }),
    ...(options.config ? { config: stream.config } : {}),
    state: stream.state,
  };
  if (options.consumers) {
    // A single nats-server's consumers have no raft group, so no cluster info.
    const consumers = (await listConsumers(source, stream.config.name)).map(
      (info): ConsumerDetail => {
        const detail = { ...info };
        delete detail.cluster;
        if (!options.config) delete detail.config;
        return detail;
      },
    );
    if (consumers.length > 0) detail.consumer_detail = consumers;
  }
  if (stream.mirror !== undefined) detail.mirror = stream.mirror;
  if (stream.sources !== undefined && stream.sources.length > 0) detail.sources = stream.sources;
  return detail;
}

/**
 * Server.Jsz. Throws MonitorQueryError where nats-server answers 400 (leader-only
 * without JetStream); a failed API request rejects with its error.
 */
export async function jsz(
  server: NatsServer,
  source: JetStreamSource | undefined,
  requested: JszOptions,
  now = Date.now(),
): Promise<JSInfo> {
  const options = { ...requested };
  if (options.limit === 0) options.limit = 1024;
  if (options.consumers) options.streams = true;
  if (options.streams && options.account === '') options.accounts = true;

  if (source === undefined || !source.running()) {
    if (options.leaderOnly) throw new MonitorQueryError('filtered response: not leader');
    return disabledInfo(server, now);
  }
  const [account, streams] = await Promise.all([accountInfo(source), listStreams(source)]);
  const api = { total: account.api.total, errors: account.api.errors };
  const info: JSInfo = {
    server_id: server.serverId,
    now: goTime(now),
    config: source.config(),
    memory: account.memory,
    storage: account.storage,
    reserved_memory: account.reserved_memory,
    reserved_storage: account.reserved_storage,
    accounts: 1,
    ha_assets: 0,
    api,
    streams: streams.length,
    consumers: streams.reduce((sum, s) => sum + s.state.consumer_count, 0),
    messages: streams.reduce((sum, s) => sum + s.state.messages, 0),
    bytes: streams.reduce((sum, s) => sum + s.state.bytes, 0),
  };

  // The one account is shown when named, or when accounts are asked for and
  // the page (offset, limit) reaches it.
  const shown =
    options.account === GLOBAL_ACCOUNT ||
    (options.accounts && options.offset < 1 && options.limit > 0);
  if (!shown) return info;
  const detail: AccountDetail = {
    name: GLOBAL_ACCOUNT,
    id: GLOBAL_ACCOUNT,
    memory: account.memory,
    storage: account.storage,
    reserved_memory: reservation(account.limits.max_memory),
    reserved_storage: reservation(account.limits.max_storage),
    accounts: 0,
    ha_assets: 0,
    api,
  };
  if (options.streams) {
    const wanted = streams.filter(
      (s) =>
        !options.streamLeaderOnly || (s.cluster?.leader ?? server.serverName) === server.serverName,
    );
    const details = await Promise.all(wanted.map((s) => streamDetail(source, s, options)));
    if (details.length > 0) detail.stream_detail = details;
  }
  info.account_details = [detail];
  return info;
}

/** The JetStream section of /varz (updateJszVarz): the config and the usage stats. */
export async function varzJetStream(
  server: NatsServer,
  source: JetStreamSource,
): Promise<{ config: JetStreamConfigz; stats: JetStreamStats }> {
  const info = await jsz(server, source, {
    account: '',
    accounts: false,
    streams: false,
    consumers: false,
    config: false,
    leaderOnly: false,
    offset: 0,
    limit: 0,
    raft: false,
    streamLeaderOnly: false,
  });
  const { memory, storage, reserved_memory, reserved_storage, accounts, ha_assets, api } = info;
  return {
    config: info.config,
    stats: { memory, storage, reserved_memory, reserved_storage, accounts, ha_assets, api },
  };
}
