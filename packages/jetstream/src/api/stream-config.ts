// Stream configuration defaults and checks, as nats-server 2.10's checkStreamCfg
// (server/stream.go) with the checks around it on the create path
// (jsStreamCreateRequest, jsNonClusteredStreamLimitsCheck, addStreamWithAssignment).
// The update path (configUpdateCheck, stream.update) is stream-update.ts.
// Every error is the one nats-server returns: same err_code, same description.

import { isSubsetMatch, isValidSubject, subjectsCollide } from '@tsnats/router';
import type { ApiError } from './api-error.js';
import {
  JS_MAX_DESCRIPTION_LEN,
  JS_MAX_METADATA_LEN,
  JS_MAX_NAME_LEN,
  STREAM_DEFAULT_DUPLICATES_WINDOW,
  STREAM_MAX_REPLICAS,
  STREAM_MIN_WINDOW,
} from './constants.js';
import {
  JSMaximumConsumersLimitErr,
  JSMaximumStreamsLimitErr,
  JSReplicasCountCannotBeNegative,
  JSStreamMaxBytesRequired,
  JSStreamMaxStreamBytesExceeded,
  JSStreamMismatchErr,
  JSStreamNameContainsPathSeparatorsErr,
  JSStreamNameExistErr,
  JSStreamReplicasNotSupportedErr,
  JSStreamSubjectOverlapErr,
  newJSStreamCreateError,
  newJSStreamInvalidConfigError,
} from './errors.generated.js';
import { streamConfigJSON } from './json.js';
import { sourceFilterError, upstreamError } from './stream-sources.js';
import { subjectTransformError } from './subject-transform.js';
import type {
  ConsumerConfig,
  JetStreamAccountLimits,
  Nanos,
  StreamConfig,
  StreamConfigRequest,
} from './types.js';
import {
  byteLength,
  configsEqual,
  formatGoDuration,
  goQuote,
  hasPathSeparator,
  isValidName,
} from './util.js';

/** What stream defaults depend on besides the request. */
export interface StreamDefaultsContext {
  /** The server's jetstream { limits { duplicate_window } } (JSLimitOpts.Duplicates); 0 = none. */
  maxDuplicateWindow?: Nanos;
  /** The account's streams by name: a mirror inherits mirror_direct from the stream it mirrors. */
  streams?: ReadonlyMap<string, StreamConfig>;
}

export interface StreamCheckContext extends StreamDefaultsContext {
  /** The account's JetStream limits (for the stream's tier); missing fields are unlimited. */
  account?: Partial<JetStreamAccountLimits>;
  /** The stream's name as the request subject carries it ($JS.API.STREAM.CREATE.<name>). */
  subjectName?: string;
  /** Replicated streams can be served; without it num_replicas > 1 is refused on create. */
  clustered?: boolean;
  /** STREAM.UPDATE: the stream's configuration now. Absent on create. */
  current?: StreamConfig;
  /** STREAM.UPDATE: the stream's consumers, checked against new consumer_limits. */
  consumers?: ReadonlyMap<string, ConsumerConfig>;
}

export type StreamConfigResult =
  | { config: StreamConfig; exists: boolean; error?: undefined }
  | { error: ApiError; config?: undefined };

const fail = (error: ApiError): { error: ApiError } => ({ error });
const invalid = (text: string): ApiError => newJSStreamInvalidConfigError({ err: text });
const createError = (text: string): ApiError => newJSStreamCreateError({ err: text });
export { fail, invalid };

const orMinusOne = (value: number | undefined): number =>
  value === undefined || value === 0 ? -1 : value;

/**
 * The configuration with nats-server's defaults filled in: file storage, one
 * replica, -1 (unlimited) for unset limits, the duplicate window (2 minutes, at most
 * max_age and the server's limit; none for mirrors), the stream's name as its
 * subject when it has no subjects, mirror, or sources, and so on. It does not
 * check anything: see checkStreamConfig.
 */
export function applyStreamDefaults(
  request: StreamConfigRequest,
  context: StreamDefaultsContext = {},
): StreamConfig {
  const cfg: StreamConfig = {
    ...structuredClone<Partial<StreamConfig>>(request),
    name: request.name ?? '',
    retention: request.retention ?? 'limits',
    max_consumers: orMinusOne(request.max_consumers),
    max_msgs: orMinusOne(request.max_msgs),
    max_bytes: orMinusOne(request.max_bytes),
    max_age: request.max_age ?? 0,
    max_msgs_per_subject: orMinusOne(request.max_msgs_per_subject),
    max_msg_size: orMinusOne(request.max_msg_size),
    discard: request.discard ?? 'old',
    storage: request.storage ?? 'file',
    num_replicas: request.num_replicas || 1,
    compression: request.compression ?? 'none',
    allow_direct: request.allow_direct ?? false,
    mirror_direct: request.mirror_direct ?? false,
    sealed: request.sealed ?? false,
    deny_delete: request.deny_delete ?? false,
    deny_purge: request.deny_purge ?? false,
    allow_rollup_hdrs: request.allow_rollup_hdrs ?? false,
    consumer_limits: { ...request.consumer_limits },
  };
  if (!cfg.duplicate_window && cfg.mirror === undefined) {
    const limit = context.maxDuplicateWindow ?? 0;
    let window = STREAM_DEFAULT_DUPLICATES_WINDOW;
    if (limit > 0 && window > limit) window = limit;
    cfg.duplicate_window = cfg.max_age !== 0 && cfg.max_age < window ? cfg.max_age : window;
  }
  if (cfg.mirror !== undefined && cfg.mirror.external === undefined) {
    const mirrored = context.streams?.get(cfg.mirror.name);
    if (mirrored !== undefined) cfg.mirror_direct = mirrored.allow_direct;
  }
  if (!cfg.subjects?.length && cfg.mirror === undefined && !cfg.sources?.length) {
    cfg.subjects = [cfg.name];
  }
  if (cfg.republish !== undefined && !cfg.republish.src) cfg.republish.src = '>';
  return streamConfigJSON(cfg);
}

/**
 * STREAM.CREATE's checks, in nats-server's order: the configuration to store, or
 * the error to answer with. `exists` says the account already has this stream with
 * the same configuration (nats-server then answers with the existing stream).
 */
export function prepareStreamCreate(
  request: StreamConfigRequest,
  context: StreamCheckContext = {},
): StreamConfigResult {
  const name = request.name ?? '';
  if (context.subjectName !== undefined && context.subjectName !== name) {
    return fail(JSStreamMismatchErr);
  }
  if (hasPathSeparator(name)) return fail(JSStreamNameContainsPathSeparatorsErr);
  if (request.sealed === true) {
    return fail(invalid('stream configuration for create can not be sealed'));
  }
  if (request.mirror_direct === true && request.mirror === undefined) {
    return fail(invalid('stream has no mirror but does have mirror direct'));
  }
  const account = context.account ?? {};
  const streamCount = context.streams?.size ?? 0;
  if ((account.max_streams ?? 0) > 0 && streamCount >= (account.max_streams ?? 0)) {
    return fail(JSMaximumStreamsLimitErr);
  }
  const maxConsumers = request.max_consumers ?? 0;
  if (
    maxConsumers > 0 &&
    (account.max_consumers ?? 0) > 0 &&
    maxConsumers > (account.max_consumers ?? 0)
  ) {
    return fail(JSMaximumConsumersLimitErr);
  }
  const checked = checkStreamCfg(request, context);
  if (checked.error !== undefined) return checked;
  const cfg = checked.config;
  if (context.clustered !== true && cfg.num_replicas > 1) {
    return fail(JSStreamReplicasNotSupportedErr);
  }
  const existing = context.streams?.get(cfg.name);
  if (existing !== undefined) {
    return configsEqual(existing, cfg)
      ? { config: existing, exists: true }
      : fail(JSStreamNameExistErr);
  }
  const error =
    sourceFilterError(cfg) ?? overlapError(cfg, context.streams) ?? streamTransformError(cfg);
  return error === undefined ? { config: cfg, exists: false } : fail(error);
}

/** Subjects that another stream of the account already captures (jsa.subjectsOverlap). */
export function overlapError(
  cfg: StreamConfig,
  streams: ReadonlyMap<string, StreamConfig> | undefined,
): ApiError | undefined {
  for (const [name, other] of streams ?? []) {
    if (name === cfg.name) continue;
    for (const subject of other.subjects ?? []) {
      if ((cfg.subjects ?? []).some((mine) => subjectsCollide(mine, subject))) {
        return JSStreamSubjectOverlapErr;
      }
    }
  }
  return undefined;
}

function streamTransformError(cfg: StreamConfig): ApiError | undefined {
  if (cfg.subject_transform === undefined) return undefined;
  const { src, dest } = cfg.subject_transform;
  const error = subjectTransformError(src, dest);
  return error === undefined
    ? undefined
    : createError(`stream subject transform from '${src}' to '${dest}': ${error}`);
}

const metadataLength = (metadata: Record<string, string> | undefined): number =>
  Object.entries(metadata ?? {}).reduce((sum, [k, v]) => sum + byteLength(k) + byteLength(v), 0);

/** nats-server's checkStreamCfg: the defaulted configuration or the first error. */
export function checkStreamCfg(
  request: StreamConfigRequest,
  context: StreamCheckContext,
): StreamConfigResult {
  const name = request.name ?? '';
  if (!isValidName(name)) {
    return fail(invalid("stream name is required and can not contain '.', '*', '>'"));
  }
  if (byteLength(name) > JS_MAX_NAME_LEN) {
    return fail(invalid(`stream name is too long, maximum allowed is ${JS_MAX_NAME_LEN}`));
  }
  if (byteLength(request.description ?? '') > JS_MAX_DESCRIPTION_LEN) {
    return fail(
      invalid(`stream description is too long, maximum allowed is ${JS_MAX_DESCRIPTION_LEN}`),
    );
  }
  if (metadataLength(request.metadata) > JS_MAX_METADATA_LEN) {
    return fail(invalid(`stream metadata exceeds maximum size of ${JS_MAX_METADATA_LEN} bytes`));
  }
  const cfg = applyStreamDefaults(request, context);
  if (cfg.num_replicas > STREAM_MAX_REPLICAS) {
    return fail(invalid(`maximum replicas is ${STREAM_MAX_REPLICAS}`));
  }
  if (cfg.num_replicas < 0) return fail(JSReplicasCountCannotBeNegative);
  const duplicates = cfg.duplicate_window ?? 0;
  const serverWindow = context.maxDuplicateWindow ?? 0;
  if (cfg.max_age > 0 && cfg.max_age < STREAM_MIN_WINDOW) {
    return fail(invalid('max age needs to be >= 100ms'));
  }
  if (duplicates < 0) return fail(invalid('duplicates window can not be negative'));
  if (cfg.max_age !== 0 && duplicates > cfg.max_age) {
    return fail(invalid('duplicates window can not be larger then max age'));
  }
  if (serverWindow > 0 && duplicates > serverWindow) {
    const limit = formatGoDuration(serverWindow);
    return fail(invalid(`duplicates window can not be larger then server limit of ${limit}`));
  }
  if (duplicates > 0 && duplicates < STREAM_MIN_WINDOW) {
    return fail(invalid('duplicates window needs to be >= 100ms'));
  }
  if (cfg.deny_purge && cfg.allow_rollup_hdrs) {
    return fail(invalid('roll-ups require the purge permission'));
  }
  const discardError = discardNewPerSubjectError(cfg);
  if (discardError !== undefined) return fail(discardError);

  const error =
    upstreamError(cfg, context) ??
    subjectsError(cfg) ??
    maxBytesError(cfg, context.account) ??
    selfOverlapError(cfg.subjects ?? []) ??
    republishError(cfg);
  return error === undefined ? { config: cfg, exists: false } : fail(error);
}

export function discardNewPerSubjectError(cfg: StreamConfig): ApiError | undefined {
  if (cfg.discard_new_per_subject !== true) return undefined;
  if (cfg.discard !== 'new') {
    return invalid('discard new per subject requires discard new policy to be set');
  }
  if (cfg.max_msgs_per_subject <= 0) {
    return invalid('discard new per subject requires max msgs per subject > 0');
  }
  return undefined;
}

function subjectsError(cfg: StreamConfig): ApiError | undefined {
  const subjects = cfg.subjects ?? [];
  const seen = new Set<string>();
  for (const subject of subjects) {
    if (!isValidSubject(subject)) return invalid('invalid subject');
    if (seen.has(subject)) return invalid('duplicate subjects detected');
    if (subject === '>') {
      if (cfg.no_ack !== true) return invalid('capturing all subjects requires no-ack to be true');
      if (cfg.num_replicas !== 1) return invalid('capturing all subjects requires replicas of 1');
    }
    if (
      cfg.no_ack !== true &&
      (isSubsetMatch(subject, '$JS.>') || isSubsetMatch(subject, '$JSC.>')) &&
      !isSubsetMatch(subject, '$JS.EVENT.>')
    ) {
      return invalid('subjects that overlap with jetstream api require no-ack to be true');
    }
    if (
      cfg.no_ack !== true &&
      isSubsetMatch(subject, '$SYS.>') &&
      !isSubsetMatch(subject, '$SYS.ACCOUNT.>')
    ) {
      return invalid('subjects that overlap with system api require no-ack to be true');
    }
    seen.add(subject);
  }
  if (subjects.length === 0 && !cfg.sources?.length && cfg.mirror === undefined) {
    return invalid('stream needs at least one configured subject or be a source/mirror');
  }
  return undefined;
}

function maxBytesError(
  cfg: StreamConfig,
  account: Partial<JetStreamAccountLimits> | undefined,
): ApiError | undefined {
  if (account === undefined) return undefined;
  const limit =
    (cfg.storage === 'memory'
      ? account.memory_max_stream_bytes
      : account.storage_max_stream_bytes) ?? 0;
  if (account.max_bytes_required === true && cfg.max_bytes <= 0) return JSStreamMaxBytesRequired;
  if (limit > 0 && cfg.max_bytes > limit) return JSStreamMaxStreamBytesExceeded;
  return undefined;
}

function selfOverlapError(subjects: string[]): ApiError | undefined {
  for (const subject of subjects) {
    for (const other of subjects) {
      if (other !== subject && subjectsCollide(other, subject)) {
        return invalid(`subject ${goQuote(subject)} overlaps with ${goQuote(other)}`);
      }
    }
  }
  return undefined;
}

function republishError(cfg: StreamConfig): ApiError | undefined {
  if (cfg.republish === undefined) return undefined;
  const { src = '>', dest } = cfg.republish;
  if ((cfg.subjects ?? []).some((subject) => subjectsCollide(dest, subject))) {
    return invalid('stream configuration for republish destination forms a cycle');
  }
  if (subjectTransformError(src, dest) !== undefined) {
    return invalid(
      `stream configuration for republish with transform from '${src}' to '${dest}' not valid`,
    );
  }
  return undefined;
}
