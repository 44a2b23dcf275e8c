// STREAM.UPDATE's checks, as nats-server 2.10's jsStreamUpdateRequest,
// configUpdateCheck and stream.update (server/stream.go), and the entry points
// that pick the create or the update path.

import type { ApiError } from './api-error.js';
import {
  JSStreamMirrorNotUpdatableErr,
  JSStreamMismatchErr,
  newJSStreamUpdateError,
} from './errors.generated.js';
import {
  checkStreamCfg,
  discardNewPerSubjectError,
  fail,
  invalid,
  overlapError,
  prepareStreamCreate,
} from './stream-config.js';
import { streamConfigJSON } from './json.js';
import { sourceKey } from './stream-sources.js';
import type { StreamCheckContext, StreamConfigResult } from './stream-config.js';
import { subjectTransformError } from './subject-transform.js';
import type { ConsumerConfig, StreamConfig, StreamConfigRequest } from './types.js';
import { configsEqual } from './util.js';

/**
 * Checks a STREAM.CREATE request, or with `context.current` a STREAM.UPDATE
 * request, as nats-server does and in nats-server's order, and returns the
 * configuration to store or the error to answer with. Left to the caller:
 * reserving memory and storage (max_memory, max_storage) and, on update, finding
 * the stream (JSStreamNotFoundErr).
 */
export function prepareStreamConfig(
  request: StreamConfigRequest,
  context: StreamCheckContext = {},
): StreamConfigResult {
  return context.current === undefined
    ? prepareStreamCreate(request, context)
    : prepareStreamUpdate(request, context, context.current);
}

/**
 * The error nats-server answers this configuration with on STREAM.CREATE (or, with
 * context.current, STREAM.UPDATE), or undefined when it is accepted.
 */
export function checkStreamConfig(
  request: StreamConfigRequest,
  context: StreamCheckContext = {},
): ApiError | undefined {
  return prepareStreamConfig(request, context).error;
}

const updateError = (text: string): ApiError => newJSStreamUpdateError({ err: text });

/** STREAM.UPDATE: `current` is the stream's configuration now. */
export function prepareStreamUpdate(
  request: StreamConfigRequest,
  context: StreamCheckContext,
  current: StreamConfig,
): StreamConfigResult {
  const checked = checkStreamCfg(request, context);
  if (checked.error !== undefined) return checked;
  let cfg = checked.config;
  if (context.subjectName !== undefined && context.subjectName !== cfg.name) {
    return fail(JSStreamMismatchErr);
  }
  const ruleError = updateRuleError(cfg, current);
  if (ruleError !== undefined) return fail(ruleError);
  if (cfg.sealed) {
    cfg = streamConfigJSON({
      ...cfg,
      max_age: 0,
      discard: 'new',
      deny_delete: true,
      deny_purge: true,
      allow_rollup_hdrs: false,
    });
  }
  const limitsError = consumerLimitsError(cfg, current, context.consumers);
  if (limitsError !== undefined) return fail(limitsError);
  const overlap = overlapError(cfg, context.streams);
  if (overlap !== undefined) return fail(overlap);
  const transformError = newSourcesError(cfg, current) ?? republishError(cfg);
  if (transformError !== undefined) return fail(transformError);
  const st = cfg.subject_transform;
  const old = current.subject_transform;
  if (st !== undefined && (old === undefined || old.src !== st.src || old.dest !== st.dest)) {
    const error = subjectTransformError(st.src, st.dest);
    if (error !== undefined) {
      return fail(
        updateError(
          `stream configuration for subject transform from '${st.src}' to '${st.dest}': ${error}`,
        ),
      );
    }
  }
  return { config: cfg, exists: false };
}

/** configUpdateCheck: what an update may not change. */
function updateRuleError(cfg: StreamConfig, old: StreamConfig): ApiError | undefined {
  const prefix = 'stream configuration update';
  if (cfg.name !== old.name) return invalid('stream configuration name must match original');
  if (cfg.max_consumers !== old.max_consumers) {
    return invalid(`${prefix} can not change MaxConsumers`);
  }
  if (cfg.storage !== old.storage) return invalid(`${prefix} can not change storage type`);
  if (
    cfg.retention !== old.retention &&
    (old.retention === 'workqueue' || cfg.retention === 'workqueue')
  ) {
    return invalid(`${prefix} can not change retention policy to/from workqueue`);
  }
  if (old.template_owner) return invalid(`${prefix} not allowed on template owned stream`);
  if (cfg.template_owner) return invalid(`${prefix} can not be owned by a template`);
  if (!cfg.sealed && old.sealed) return invalid(`${prefix} can not unseal a sealed stream`);
  if (!cfg.deny_delete && old.deny_delete) {
    return invalid(`${prefix} can not cancel deny message deletes`);
  }
  if (!cfg.deny_purge && old.deny_purge) return invalid(`${prefix} can not cancel deny purge`);
  if (!configsEqual(cfg.mirror, old.mirror)) return JSStreamMirrorNotUpdatableErr;
  return discardNewPerSubjectError(cfg);
}

/**
 * When consumer_limits change, every consumer must be within the new limits. Like
 * nats-server, an unset (0) new limit counts as 0: consumers with any
 * inactive_threshold or max_ack_pending then violate it.
 */
function consumerLimitsError(
  cfg: StreamConfig,
  old: StreamConfig,
  consumers: ReadonlyMap<string, ConsumerConfig> | undefined,
): ApiError | undefined {
  const threshold = cfg.consumer_limits.inactive_threshold ?? 0;
  const maxAckPending = cfg.consumer_limits.max_ack_pending ?? 0;
  if (
    threshold === (old.consumer_limits?.inactive_threshold ?? 0) &&
    maxAckPending === (old.consumer_limits?.max_ack_pending ?? 0)
  ) {
    return undefined;
  }
  const violating: string[] = [];
  for (const [name, consumer] of consumers ?? []) {
    if (
      (consumer.inactive_threshold ?? 0) > threshold ||
      (consumer.max_ack_pending ?? 0) > maxAckPending
    ) {
      violating.push(name);
    }
  }
  return violating.length === 0
    ? undefined
    : updateError(`change to limits violates consumers: ${violating.join(', ')}`);
}

/** Sources the update adds must have transforms nats-server can build. */
function newSourcesError(cfg: StreamConfig, old: StreamConfig): ApiError | undefined {
  const existing = new Set((old.sources ?? []).map(sourceKey));
  for (const source of cfg.sources ?? []) {
    if (existing.has(sourceKey(source))) continue;
    for (const { src, dest } of source.subject_transforms ?? []) {
      const error = subjectTransformError(src, dest);
      if (error !== undefined)
        return updateError(`unable to get subject transform for source: ${error}`);
    }
  }
  return undefined;
}

/** stream.update fills an empty republish destination with '>' and builds the transform. */
function republishError(cfg: StreamConfig): ApiError | undefined {
  const republish = cfg.republish;
  if (republish === undefined) return undefined;
  republish.src ||= '>';
  republish.dest ||= '>';
  const error = subjectTransformError(republish.src, republish.dest);
  return error === undefined
    ? undefined
    : updateError(
        `stream configuration for republish from '${republish.src}' to '${republish.dest}': ${error}`,
      );
}
