// STREAM.CREATE / UPDATE / DELETE / INFO / NAMES / LIST / PURGE, as nats-server's
// jsStream*Request handlers (server/jetstream_api.go, v2.10.22, non-clustered):
// the same checks in the same order, the same responses.

import {
  JS_API_LIST_LIMIT,
  JS_API_NAMES_LIMIT,
  JS_MAX_SUBJECT_DETAILS,
  RESPONSE_TYPES,
} from '../api/constants.js';
import {
  decodeStreamConfig,
  decodeStreamInfoRequest,
  decodeStreamNamesRequest,
  decodeStreamPurgeRequest,
} from '../api/decode.js';
import {
  JSBadRequestErr,
  JSStreamMismatchErr,
  JSStreamNotFoundErr,
  JSStreamSealedErr,
  newJSStreamPurgeFailedError,
} from '../api/errors.generated.js';
import { checkStreamCfg } from '../api/stream-config.js';
import type { StreamInfo, StreamState } from '../api/types.js';
import { subjectsCollide } from '@tsnats/router';
import type { JetStreamEngine } from '../streams/engine.js';
import type { Stream } from '../streams/stream.js';
import { formatTime } from '../streams/time.js';
import type { ApiRequest, ApiResult } from './api-server.js';
import { decodeBody, failure, isEmptyRequest } from './request.js';

/** A stream's info: config, created, state (with per-subject counts when asked), cluster, ts. */
export async function buildStreamInfo(
  engine: JetStreamEngine,
  stream: Stream,
  options: { deleted?: boolean; subjects?: Record<string, number> | string } = {},
): Promise<{ info: StreamInfo }> {
  const filter = typeof options.subjects === 'string' ? options.subjects : undefined;
  const { state, subjects } = await stream.state({
    deleted: options.deleted,
    subjectsFilter: filter,
  });
  let ordered: StreamState = state;
  if (subjects !== undefined && subjects.size > 0) {
    // Go's order: subjects between num_subjects and num_deleted.
    const { num_deleted, deleted, lost, consumer_count, ...head } = state;
    ordered = {
      ...head,
      // Sorted, as Go encodes a map (and so the same after any restart).
      subjects: Object.fromEntries([...subjects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      ...(num_deleted === undefined ? {} : { num_deleted }),
      ...(deleted === undefined ? {} : { deleted }),
      ...(lost === undefined ? {} : { lost }),
      consumer_count,
    };
  }
  const leader = engine.host?.serverName ?? '';
  const info: StreamInfo = {
    config: stream.config,
    created: formatTime(stream.created),
    state: ordered,
    ...(engine.domain === '' ? {} : { domain: engine.domain }),
    ...(leader === '' ? {} : { cluster: { leader } }),
    ts: formatTime(engine.now()),
  };
  return { info };
}

async function createOrUpdate(request: ApiRequest, update: boolean): Promise<ApiResult> {
  const type = update ? RESPONSE_TYPES.streamUpdate : RESPONSE_TYPES.streamCreate;
  const decoded = decodeBody(request.payload, decodeStreamConfig);
  if (decoded.error !== undefined) return failure(type, decoded.error);
  const { engine, name } = request;
  const config = decoded.value;
  return engine.exclusive(async () => {
    if (update && engine.stream(name) === undefined) {
      // nats-server checks the config and the subject's name before looking the stream up.
      const checked = checkStreamCfg(config, { streams: engine.configs() });
      if (checked.error !== undefined) return failure(type, checked.error);
      if (checked.config.name !== name) return failure(type, JSStreamMismatchErr);
      return failure(type, JSStreamNotFoundErr);
    }
    const result = await engine.createOrUpdate(config, name, update);
    if ('error' in result) return failure(type, result.error);
    const { info } = await buildStreamInfo(engine, result.stream);
    const response: ApiResult & Partial<StreamInfo> & { did_create?: boolean } = { type, ...info };
    if (result.created) response.did_create = true;
    return response;
  });
}

export const streamCreate = (request: ApiRequest): Promise<ApiResult> =>
  createOrUpdate(request, false);
export const streamUpdate = (request: ApiRequest): Promise<ApiResult> =>
  createOrUpdate(request, true);

export async function streamDelete({ engine, name }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.streamDelete;
  const deleted = await engine.exclusive(() => engine.delete(name));
  return deleted ? { type, success: true } : failure(type, JSStreamNotFoundErr);
}

export async function streamInfo({ engine, name, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.streamInfo;
  let deleted = false;
  let filter = '';
  let offset = 0;
  if (!isEmptyRequest(payload)) {
    const decoded = decodeBody(payload, decodeStreamInfoRequest);
    if (decoded.error !== undefined) return failure(type, decoded.error);
    deleted = decoded.value.deleted_details === true;
    filter = decoded.value.subjects_filter ?? '';
    offset = Math.max(0, decoded.value.offset ?? 0);
  }
  const stream = engine.stream(name);
  if (stream === undefined) return failure(type, JSStreamNotFoundErr);
  const { info } = await buildStreamInfo(engine, stream, {
    deleted,
    subjects: filter || undefined,
  });
  const paged = { total: 0, offset: 0, limit: 0 };
  const subjects = info.state.subjects;
  if (filter !== '' && subjects !== undefined) {
    const names = Object.keys(subjects);
    paged.total = names.length;
    paged.offset = offset;
    paged.limit = JS_MAX_SUBJECT_DETAILS;
    if (offset > 0 || names.length > JS_MAX_SUBJECT_DETAILS) {
      names.sort();
      const start = Math.min(offset, names.length);
      const page = names.slice(start, start + JS_MAX_SUBJECT_DETAILS);
      info.state.subjects = Object.fromEntries(page.map((subject) => [subject, subjects[subject]]));
    }
  }
  return { type, ...paged, ...info };
}

/** The request's offset and subject filter, or the error response. */
function namesRequest(
  type: string,
  payload: Uint8Array,
): { offset: number; filter: string } | { error: ApiResult } {
  if (isEmptyRequest(payload)) return { offset: 0, filter: '' };
  const decoded = decodeBody(payload, decodeStreamNamesRequest);
  if (decoded.error !== undefined) return { error: failure(type, decoded.error) };
  return { offset: Math.max(0, decoded.value.offset ?? 0), filter: decoded.value.subject ?? '' };
}

/** The account's streams whose subjects collide with `filter` (all with ''), by name. */
function filteredStreams(engine: JetStreamEngine, filter: string): Stream[] {
  const all = engine.streams();
  if (filter === '') return all;
  return all.filter((stream) =>
    (stream.config.subjects ?? []).some((subject) => subjectsCollide(filter, subject)),
  );
}

function page<T>(items: T[], offset: number, limit: number): { items: T[]; offset: number } {
  const start = Math.min(offset, items.length);
  return { items: items.slice(start, start + limit), offset: start };
}

export function streamNames({ engine, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.streamNames;
  const request = namesRequest(type, payload);
  if ('error' in request) return Promise.resolve(request.error);
  const names = filteredStreams(engine, request.filter).map((stream) => stream.name);
  const { items, offset } = page(names, request.offset, JS_API_NAMES_LIMIT);
  return Promise.resolve({
    type,
    total: names.length,
    offset,
    limit: JS_API_NAMES_LIMIT,
    streams: items.length === 0 ? null : items,
  });
}

export async function streamList({ engine, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.streamList;
  const request = namesRequest(type, payload);
  if ('error' in request) return request.error;
  const streams = filteredStreams(engine, request.filter);
  const { items, offset } = page(streams, request.offset, JS_API_LIST_LIMIT);
  const infos: StreamInfo[] = [];
  for (const stream of items) {
    if (stream.closed) continue;
    infos.push((await buildStreamInfo(engine, stream)).info);
  }
  return { type, total: streams.length, offset, limit: JS_API_LIST_LIMIT, streams: infos };
}

export async function streamPurge({ engine, name, payload }: ApiRequest): Promise<ApiResult> {
  const type = RESPONSE_TYPES.streamPurge;
  let filter: string | undefined;
  let seq: number | undefined;
  let keep: number | undefined;
  if (!isEmptyRequest(payload)) {
    const decoded = decodeBody(payload, decodeStreamPurgeRequest);
    if (decoded.error !== undefined) return failure(type, decoded.error);
    ({ filter, seq, keep } = decoded.value);
    if ((seq ?? 0) > 0 && (keep ?? 0) > 0) return failure(type, JSBadRequestErr);
  }
  const stream = engine.stream(name);
  if (stream === undefined) return failure(type, JSStreamNotFoundErr);
  if (stream.config.sealed) return failure(type, JSStreamSealedErr);
  if (stream.config.deny_purge) {
    return failure(type, newJSStreamPurgeFailedError({ err: 'stream purge not permitted' }));
  }
  const purged = await stream.purge({
    subject: filter === '' ? undefined : filter,
    seq: seq === 0 ? undefined : seq,
    keep: keep === 0 ? undefined : keep,
  });
  return { type, success: true, purged };
}
