// $JS.API.INFO: the account's usage, limits and API counters (nats-server's
// jsAccountInfoRequest). One account without JetStream limits of its own: every
// limit is -1, as nats-server reports for an account without them.

import { RESPONSE_TYPES } from '../api/constants.js';
import type { AccountInfo, JetStreamAccountLimits } from '../api/types.js';
import type { ApiRequest, ApiResult } from './api-server.js';

const NO_LIMITS: JetStreamAccountLimits = {
  max_memory: -1,
  max_storage: -1,
  max_streams: -1,
  max_consumers: -1,
  max_ack_pending: -1,
  memory_max_stream_bytes: -1,
  storage_max_stream_bytes: -1,
  max_bytes_required: false,
};

export async function accountInfo({ engine }: ApiRequest): Promise<ApiResult> {
  const usage = await engine.usage();
  const info: AccountInfo = {
    memory: usage.memory.used,
    storage: usage.file.used,
    reserved_memory: usage.memory.reserved,
    reserved_storage: usage.file.reserved,
    streams: engine.streams().length,
    consumers: engine.consumers.total(),
    limits: { ...NO_LIMITS },
    api: { total: engine.apiStats.total, errors: engine.apiStats.errors },
  };
  if (engine.domain !== '') info.domain = engine.domain;
  const { api, ...rest } = info;
  return { type: RESPONSE_TYPES.accountInfo, ...rest, api };
}
