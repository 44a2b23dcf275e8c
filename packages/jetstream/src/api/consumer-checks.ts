// nats-server 2.10's checkConsumerCfg (server/consumer.go), check for check, on a
// configuration with the defaults already applied.

import { isLiteralSubject, isSubsetMatch, isValidSubject, subjectsCollide } from '@tsnats/router';
import type { ApiError } from './api-error.js';
import {
  CONSUMER_MIN_HEARTBEAT,
  CONSUMER_MIN_MAX_EXPIRES,
  JS_MAX_DESCRIPTION_LEN,
  JS_MAX_METADATA_LEN,
} from './constants.js';
import type { ConsumerDefaultsContext } from './consumer-config.js';
import {
  JSConsumerCreateDurableAndNameMismatch,
  JSConsumerDeliverCycleErr,
  JSConsumerDeliverToWildcardsErr,
  JSConsumerDirectRequiresEphemeralErr,
  JSConsumerDirectRequiresPushErr,
  JSConsumerDuplicateFilterSubjects,
  JSConsumerEmptyFilter,
  JSConsumerFCRequiresPushErr,
  JSConsumerHBRequiresPushErr,
  JSConsumerInvalidDeliverSubject,
  JSConsumerMaxDeliverBackoffErr,
  JSConsumerMaxPendingAckPolicyRequiredErr,
  JSConsumerMaxRequestBatchNegativeErr,
  JSConsumerMaxRequestExpiresToSmall,
  JSConsumerMaxWaitingNegativeErr,
  JSConsumerOverlappingSubjectFilters,
  JSConsumerPullRequiresAckErr,
  JSConsumerPullWithRateLimitErr,
  JSConsumerPushMaxWaitingErr,
  JSConsumerReplicasExceedsStream,
  JSConsumerReplicasShouldMatchStream,
  JSConsumerSmallHeartbeatErr,
  JSConsumerWithFlowControlNeedsHeartbeats,
  JSReplicasCountCannotBeNegative,
  newJSConsumerDescriptionTooLongError,
  newJSConsumerInactiveThresholdExcessError,
  newJSConsumerInvalidPolicyError,
  newJSConsumerInvalidSamplingError,
  newJSConsumerMaxPendingAckExcessError,
  newJSConsumerMaxRequestBatchExceededError,
  newJSConsumerMetadataLengthError,
  newJSStreamInvalidConfigError,
} from './errors.generated.js';
import { ERR_BAD_SUBJECT } from './subject-transform.js';
import type { ConsumerConfig } from './types.js';
import { byteLength, formatGoDuration, goQuote } from './util.js';

export interface ConsumerCfgCheckContext extends ConsumerDefaultsContext {
  isRecovering?: boolean;
}

/** The first error of nats-server's checkConsumerCfg, or undefined. */
export function checkConsumerCfg(
  config: ConsumerConfig,
  context: ConsumerCfgCheckContext,
): ApiError | undefined {
  const stream = context.stream;
  const replicas = config.num_replicas;
  if (replicas > 0 && replicas > stream.num_replicas) return JSConsumerReplicasExceedsStream;
  if (replicas < 0) return JSReplicasCountCannotBeNegative;
  if (
    (stream.retention === 'interest' || stream.retention === 'workqueue') &&
    context.isRecovering !== true &&
    replicas !== 0 &&
    replicas !== stream.num_replicas
  ) {
    return JSConsumerReplicasShouldMatchStream;
  }
  const maxDeliver = config.max_deliver ?? 0;
  const backoff = config.backoff?.length ?? 0;
  if (backoff > 0 && maxDeliver !== -1 && maxDeliver <= backoff) {
    return JSConsumerMaxDeliverBackoffErr;
  }
  if (byteLength(config.description ?? '') > JS_MAX_DESCRIPTION_LEN) {
    return newJSConsumerDescriptionTooLongError({ max: JS_MAX_DESCRIPTION_LEN });
  }
  return (
    deliveryError(config, context) ??
    limitsError(config, context) ??
    filtersError(config) ??
    deliverPolicyError(config) ??
    otherError(config)
  );
}

function deliveryError(
  config: ConsumerConfig,
  context: ConsumerCfgCheckContext,
): ApiError | undefined {
  const heartbeat = config.idle_heartbeat ?? 0;
  const deliver = config.deliver_subject ?? '';
  if (deliver !== '') {
    if (!isLiteralSubject(deliver)) return JSConsumerDeliverToWildcardsErr;
    if (!isValidSubject(deliver)) return JSConsumerInvalidDeliverSubject;
    const subjects = context.stream.subjects ?? [];
    if (subjects.some((subject) => isSubsetMatch(deliver, subject))) {
      return JSConsumerDeliverCycleErr;
    }
    if ((config.max_waiting ?? 0) !== 0) return JSConsumerPushMaxWaitingErr;
    if ((config.max_ack_pending ?? 0) > 0 && config.ack_policy === 'none') {
      return JSConsumerMaxPendingAckPolicyRequiredErr;
    }
    if (heartbeat > 0 && heartbeat < CONSUMER_MIN_HEARTBEAT) return JSConsumerSmallHeartbeatErr;
    return undefined;
  }
  if (config.ack_policy === 'none' && context.stream.retention === 'workqueue') {
    return JSConsumerPullRequiresAckErr;
  }
  if ((config.rate_limit_bps ?? 0) > 0) return JSConsumerPullWithRateLimitErr;
  if ((config.max_waiting ?? 0) < 0) return JSConsumerMaxWaitingNegativeErr;
  if (heartbeat > 0) return JSConsumerHBRequiresPushErr;
  if (config.flow_control === true) return JSConsumerFCRequiresPushErr;
  const maxBatch = config.max_batch ?? 0;
  if (maxBatch < 0) return JSConsumerMaxRequestBatchNegativeErr;
  const maxExpires = config.max_expires ?? 0;
  if (maxExpires !== 0 && maxExpires < CONSUMER_MIN_MAX_EXPIRES) {
    return JSConsumerMaxRequestExpiresToSmall;
  }
  const serverBatch = context.server?.max_request_batch ?? 0;
  if (serverBatch > 0 && maxBatch > serverBatch) {
    return newJSConsumerMaxRequestBatchExceededError({ limit: serverBatch });
  }
  return undefined;
}

function limitsError(
  config: ConsumerConfig,
  context: ConsumerCfgCheckContext,
): ApiError | undefined {
  const pending = config.max_ack_pending ?? 0;
  for (const limit of [
    context.server?.max_ack_pending ?? 0,
    context.account?.max_ack_pending ?? 0,
    context.stream.consumer_limits?.max_ack_pending ?? 0,
  ]) {
    if (limit > 0 && pending > limit) return newJSConsumerMaxPendingAckExcessError({ limit });
  }
  const threshold = context.stream.consumer_limits?.inactive_threshold ?? 0;
  if (threshold > 0 && (config.inactive_threshold ?? 0) > threshold) {
    return newJSConsumerInactiveThresholdExcessError({ limit: formatGoDuration(threshold) });
  }
  if (config.direct === true) {
    if (!config.deliver_subject) return JSConsumerDirectRequiresPushErr;
    if (config.durable_name) return JSConsumerDirectRequiresEphemeralErr;
  }
  return undefined;
}

function filtersError(config: ConsumerConfig): ApiError | undefined {
  const filter = config.filter_subject ?? '';
  const filters = config.filter_subjects ?? [];
  if (filter !== '' && filters.length > 0) return JSConsumerDuplicateFilterSubjects;
  const badSubject = newJSStreamInvalidConfigError({ err: ERR_BAD_SUBJECT });
  if (filter !== '' && !isValidSubject(filter)) return badSubject;
  if (filters.includes('')) return JSConsumerEmptyFilter;
  const all = filter !== '' ? [...filters, filter] : filters;
  for (const [i, subject] of all.entries()) {
    if (!isValidSubject(subject)) return badSubject;
    if (all.some((other, j) => i !== j && subjectsCollide(subject, other))) {
      return JSConsumerOverlappingSubjectFilters;
    }
  }
  return undefined;
}

function deliverPolicyError(config: ConsumerConfig): ApiError | undefined {
  const policy = (text: string) => newJSConsumerInvalidPolicyError({ err: text });
  const badStart = (dp: string, start: string) =>
    policy(`consumer delivery policy is deliver ${dp}, but optional start ${start} is also set`);
  const notSet = (dp: string, what: string) =>
    policy(`consumer delivery policy is deliver ${dp}, but optional ${what} is not set`);
  const seq = config.opt_start_seq ?? 0;
  const time = config.opt_start_time !== undefined;
  switch (config.deliver_policy) {
    case 'all':
    case 'last':
    case 'new':
    case 'last_per_subject': {
      const dp =
        config.deliver_policy === 'last_per_subject' ? 'last per subject' : config.deliver_policy;
      if (seq > 0) return badStart(dp, 'sequence');
      if (time) return badStart(dp, 'time');
      if (
        config.deliver_policy === 'last_per_subject' &&
        !config.filter_subject &&
        !config.filter_subjects?.length
      ) {
        return notSet(dp, 'filter subject');
      }
      return undefined;
    }
    case 'by_start_sequence':
      if (seq === 0) return notSet('by start sequence', 'start sequence');
      if (time) return badStart('by start sequence', 'time');
      return undefined;
    case 'by_start_time':
      if (!time) return notSet('by start time', 'start time');
      if (seq !== 0) return badStart('by start time', 'start sequence');
      return undefined;
  }
}

/** Go's strconv.Atoi error text, or undefined for an int it parses. */
function atoiError(text: string): string | undefined {
  const prefix = `strconv.Atoi: parsing ${goQuote(text)}: `;
  if (!/^[+-]?[0-9]+$/.test(text)) return prefix + 'invalid syntax';
  const value = BigInt(text);
  if (value > 9223372036854775807n || value < -9223372036854775808n) {
    return prefix + 'value out of range';
  }
  return undefined;
}

function otherError(config: ConsumerConfig): ApiError | undefined {
  if (config.sample_freq) {
    const text = config.sample_freq.endsWith('%')
      ? config.sample_freq.slice(0, -1)
      : config.sample_freq;
    const error = atoiError(text);
    // A negative rate fails with a nil error, which Go prints as <nil>.
    if (error !== undefined) return newJSConsumerInvalidSamplingError({ err: error });
    if (Number(text) < 0) return newJSConsumerInvalidSamplingError({ err: '<nil>' });
  }
  if (config.flow_control === true && !config.idle_heartbeat) {
    return JSConsumerWithFlowControlNeedsHeartbeats;
  }
  if (config.durable_name && config.name && config.name !== config.durable_name) {
    return JSConsumerCreateDurableAndNameMismatch;
  }
  const metadata = Object.entries(config.metadata ?? {}).reduce(
    (sum, [key, value]) => sum + byteLength(key) + byteLength(value),
    0,
  );
  if (metadata > JS_MAX_METADATA_LEN) {
    return newJSConsumerMetadataLengthError({ limit: `${JS_MAX_METADATA_LEN / 1024}KB` });
  }
  return undefined;
}
