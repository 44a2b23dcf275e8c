// Consumer configuration defaults and checks, as nats-server 2.10's
// setConsumerConfigDefaults and checkConsumerCfg (server/consumer.go), with the
// checks of addConsumerWithAssignment and checkNewConsumerConfig around them.
// Every error is the one nats-server returns: same err_code, same description.

import { subjectsCollide } from '@tsnats/router';
import type { ApiError } from './api-error.js';
import {
  CONSUMER_DEFAULT_ACK_WAIT,
  CONSUMER_DEFAULT_INACTIVE_THRESHOLD,
  CONSUMER_DEFAULT_MAX_ACK_PENDING,
  CONSUMER_DEFAULT_MAX_WAITING,
  JS_MAX_NAME_LEN,
} from './constants.js';
import { checkConsumerCfg } from './consumer-checks.js';
import {
  JSConsumerAlreadyExists,
  JSConsumerBadDurableNameErr,
  JSConsumerDoesNotExist,
  JSConsumerMaxDeliverBackoffErr,
  JSConsumerNameExistErr,
  JSConsumerWQConsumerNotDeliverAllErr,
  JSConsumerWQConsumerNotUniqueErr,
  JSConsumerWQMultipleUnfilteredErr,
  JSConsumerWQRequiresExplicitAckErr,
  JSMaximumConsumersLimitErr,
  JSStreamReplicasNotSupportedErr,
  newJSConsumerCreateError,
  newJSConsumerNameTooLongError,
} from './errors.generated.js';
import type {
  ConsumerAction,
  ConsumerConfig,
  ConsumerConfigRequest,
  JetStreamAccountLimits,
  StreamConfig,
  StreamConsumerLimits,
} from './types.js';
import { consumerConfigJSON } from './json.js';
import { byteLength, configsEqual, isValidName, parseTime } from './util.js';

/** The server's jetstream { limits { ... } } that apply to consumers (JSLimitOpts). */
export interface ConsumerServerLimits {
  max_request_batch?: number;
  max_ack_pending?: number;
}

export interface ConsumerDefaultsContext {
  /** The configuration of the consumer's stream. */
  stream: StreamConfig;
  server?: ConsumerServerLimits;
  /** The account's JetStream limits (for the consumer's tier). */
  account?: Partial<JetStreamAccountLimits>;
}

export interface ConsumerCheckContext extends ConsumerDefaultsContext {
  /** The stream's consumers by name. */
  consumers?: ReadonlyMap<string, ConsumerConfig>;
  /** CreateConsumerRequest.action: '' (create or update), 'create' or 'update'. */
  action?: ConsumerAction;
  /** Replicated consumers can be served; without it num_replicas > 1 is refused. */
  clustered?: boolean;
  /** Recovering stored consumers: nats-server skips some checks. */
  isRecovering?: boolean;
  /** Whether a push consumer's current deliver subject has subscribers (for updates). */
  hasInterest?: (subject: string) => boolean;
  /** Names a consumer created without one; default: 8 random base-62 characters. */
  generateName?: () => string;
}

export type ConsumerConfigResult =
  | { config: ConsumerConfig; existing: boolean; error?: undefined }
  | { error: ApiError; config?: undefined };

/**
 * nats-server's setConsumerConfigDefaults: max_waiting 512 for pull consumers,
 * ack_wait 30s (or the first backoff) for ack all and explicit, max_deliver -1,
 * max_ack_pending and inactive_threshold from the stream's consumer_limits, else
 * max_ack_pending 1000 (or a lower server or account limit) when acks are
 * required, and the server's max_request_batch for pull consumers. A missing
 * ack_policy is "none" (Go's zero value): clients send "explicit" themselves.
 */
export function applyConsumerDefaults(
  request: ConsumerConfigRequest,
  context: ConsumerDefaultsContext,
): ConsumerConfig {
  const cfg: ConsumerConfig = {
    ...structuredClone<Partial<ConsumerConfig>>(request),
    deliver_policy: request.deliver_policy ?? 'all',
    ack_policy: request.ack_policy ?? 'none',
    replay_policy: request.replay_policy ?? 'instant',
    num_replicas: request.num_replicas ?? 0,
  };
  const pull = !cfg.deliver_subject;
  const acks = cfg.ack_policy === 'explicit' || cfg.ack_policy === 'all';
  // Tolerate stream configs written before consumer_limits existed (nats-server < 2.10).
  const limits: StreamConsumerLimits = context.stream.consumer_limits ?? {};
  if (pull && !cfg.max_waiting) cfg.max_waiting = CONSUMER_DEFAULT_MAX_WAITING;
  if (!cfg.ack_wait && acks) cfg.ack_wait = CONSUMER_DEFAULT_ACK_WAIT;
  if (!cfg.max_deliver) cfg.max_deliver = -1;
  if (cfg.backoff !== undefined && cfg.backoff.length > 0) cfg.ack_wait = cfg.backoff[0];
  if (!cfg.max_ack_pending) cfg.max_ack_pending = limits.max_ack_pending ?? 0;
  if (!cfg.inactive_threshold) cfg.inactive_threshold = limits.inactive_threshold ?? 0;
  if (acks && !cfg.max_ack_pending) {
    let pending = CONSUMER_DEFAULT_MAX_ACK_PENDING;
    const server = context.server?.max_ack_pending ?? 0;
    const account = context.account?.max_ack_pending ?? 0;
    if (server > 0 && server < pending) pending = server;
    if (account > 0 && account < pending) pending = account;
    cfg.max_ack_pending = pending;
  }
  const maxBatch = context.server?.max_request_batch ?? 0;
  if (pull && !cfg.max_batch && maxBatch > 0) cfg.max_batch = maxBatch;
  return consumerConfigJSON(cfg);
}

/** The consumer's subject filters (gatherSubjectFilters). */
export function consumerFilters(cfg: ConsumerConfigRequest): string[] {
  const filters = [...(cfg.filter_subjects ?? [])];
  if (cfg.filter_subject) filters.push(cfg.filter_subject);
  return filters;
}

/**
 * The error nats-server answers this consumer configuration with on create or
 * update, or undefined when it is accepted.
 */
export function checkConsumerConfig(
  request: ConsumerConfigRequest,
  context: ConsumerCheckContext,
): ApiError | undefined {
  return prepareConsumerConfig(request, context).error;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => BASE62[byte % 62]).join('');
}

/**
 * Checks a consumer create or update as nats-server's addConsumerWithAssignment
 * does, in its order, and returns the configuration to store or the error to
 * answer with. `existing` says the consumer exists and this updates it. The
 * request is the config after the API subject's checks (checkConsumerCreateSubject).
 */
export function prepareConsumerConfig(
  request: ConsumerConfigRequest,
  context: ConsumerCheckContext,
): ConsumerConfigResult {
  if (context.clustered !== true && (request.num_replicas ?? 0) > 1) {
    return { error: JSStreamReplicasNotSupportedErr };
  }
  const cfg = applyConsumerDefaults(request, context);
  const error =
    checkConsumerCfg(cfg, context) ??
    existingConsumerError(cfg, context) ??
    newConsumerError(cfg, context);
  if (error !== undefined) return { error };
  const existing = context.consumers?.has(consumerName(cfg)) ?? false;
  if (!existing && !cfg.durable_name && !cfg.name) {
    const names = context.consumers;
    const generate = context.generateName ?? randomName;
    let name = generate();
    while (names?.has(name) === true) name = generate();
    cfg.name = name;
  }
  // Ephemerals always get an inactive threshold (updateInactiveThreshold).
  if (!cfg.durable_name && !((cfg.inactive_threshold ?? 0) > 0)) {
    cfg.inactive_threshold = CONSUMER_DEFAULT_INACTIVE_THRESHOLD;
  }
  return { config: consumerConfigJSON(cfg), existing };
}

const consumerName = (cfg: ConsumerConfig): string => cfg.durable_name || cfg.name || '';

/** Does no other consumer's filter overlap these (stream.partitionUnique)? */
function partitionUnique(
  name: string,
  filters: string[],
  consumers: ReadonlyMap<string, ConsumerConfig> | undefined,
): boolean {
  for (const filter of filters) {
    for (const [other, config] of consumers ?? []) {
      if (other === name) continue;
      const theirs = consumerFilters(config);
      if (theirs.length === 0) return false;
      if (theirs.some((subject) => subjectsCollide(filter, subject))) return false;
    }
  }
  return true;
}

function existingConsumerError(
  cfg: ConsumerConfig,
  context: ConsumerCheckContext,
): ApiError | undefined {
  const name = consumerName(cfg);
  const existing = name === '' ? undefined : context.consumers?.get(name);
  if (existing === undefined) {
    return context.action === 'update' ? JSConsumerDoesNotExist : undefined;
  }
  if (context.action === 'create' && !configsEqual(cfg, existing)) return JSConsumerAlreadyExists;
  if (
    context.stream.retention === 'workqueue' &&
    !partitionUnique(name, consumerFilters(cfg), context.consumers)
  ) {
    return JSConsumerWQConsumerNotUniqueErr;
  }
  return consumerUpdateError(existing, cfg, context.hasInterest);
}

/**
 * What nats-server's checkNewConsumerConfig says about changing `old` into `next`,
 * as the JetStream API reports it (plain errors become JSConsumerCreateErrF).
 */
export function consumerUpdateError(
  old: ConsumerConfig,
  next: ConsumerConfig,
  hasInterest?: (subject: string) => boolean,
): ApiError | undefined {
  if (configsEqual(old, next)) return undefined;
  const error = (text: string) => newJSConsumerCreateError({ err: text });
  if (old.deliver_policy !== next.deliver_policy) return error('deliver policy can not be updated');
  if ((old.opt_start_seq ?? 0) !== (next.opt_start_seq ?? 0)) {
    return error('start sequence can not be updated');
  }
  if (old.opt_start_time !== undefined && next.opt_start_time !== undefined) {
    if (parseTime(old.opt_start_time) !== parseTime(next.opt_start_time)) {
      return error('start time can not be updated');
    }
  } else if (old.opt_start_time !== undefined || next.opt_start_time !== undefined) {
    return error('start time can not be updated');
  }
  if (old.ack_policy !== next.ack_policy) return error('ack policy can not be updated');
  if (old.replay_policy !== next.replay_policy) return error('replay policy can not be updated');
  if ((old.idle_heartbeat ?? 0) !== (next.idle_heartbeat ?? 0)) {
    return error('heart beats can not be updated');
  }
  if ((old.flow_control ?? false) !== (next.flow_control ?? false)) {
    return error('flow control can not be updated');
  }
  if ((old.max_waiting ?? 0) !== (next.max_waiting ?? 0)) {
    return error('max waiting can not be updated');
  }
  const oldSubject = old.deliver_subject ?? '';
  const nextSubject = next.deliver_subject ?? '';
  if (oldSubject !== nextSubject) {
    if (oldSubject === '') return error('can not update pull consumer to push based');
    if (nextSubject === '') return error('can not update push consumer to pull based');
    if (hasInterest?.(oldSubject) === true) return JSConsumerNameExistErr;
  }
  const backoff = next.backoff?.length ?? 0;
  if (backoff > 0 && next.max_deliver !== -1 && (next.max_deliver ?? 0) <= backoff) {
    return JSConsumerMaxDeliverBackoffErr;
  }
  return undefined;
}

/** addConsumerWithAssignment's checks for a consumer that does not exist yet. */
function newConsumerError(
  cfg: ConsumerConfig,
  context: ConsumerCheckContext,
): ApiError | undefined {
  const consumers = context.consumers ?? new Map<string, ConsumerConfig>();
  if (consumers.has(consumerName(cfg))) return undefined;
  let maxConsumers = context.stream.max_consumers;
  const accountMax = context.account?.max_consumers ?? 0;
  if (maxConsumers <= 0 || (accountMax > 0 && accountMax < maxConsumers)) maxConsumers = accountMax;
  const publicConsumers = [...consumers.values()].filter((c) => c.direct !== true).length;
  if (maxConsumers > 0 && publicConsumers >= maxConsumers) return JSMaximumConsumersLimitErr;
  if (context.stream.retention === 'workqueue' && cfg.direct !== true) {
    if (cfg.ack_policy !== 'explicit') return JSConsumerWQRequiresExplicitAckErr;
    if (consumers.size > 0) {
      const filters = consumerFilters(cfg);
      if (filters.length === 0) return JSConsumerWQMultipleUnfilteredErr;
      if (
        !partitionUnique(consumerName(cfg), filters, consumers) &&
        context.isRecovering !== true
      ) {
        return JSConsumerWQConsumerNotUniqueErr;
      }
    }
    if (cfg.deliver_policy !== 'all') return JSConsumerWQConsumerNotDeliverAllErr;
  }
  if (cfg.durable_name && byteLength(cfg.durable_name) > JS_MAX_NAME_LEN) {
    return newJSConsumerNameTooLongError({ max: JS_MAX_NAME_LEN });
  }
  const name = consumerName(cfg);
  if (name !== '' && !isValidName(name)) return JSConsumerBadDurableNameErr;
  return undefined;
}
