// checkStreamCfg's checks of mirrors and sources (server/stream.go), and the
// create path's checks of their filters and transforms (addStreamWithAssignment).

import {
  isSubsetMatch,
  isValidPublishSubject,
  isValidSubject,
  subjectsCollide,
} from '@tsnats/router';
import type { ApiError } from './api-error.js';
import { JS_API_PREFIX } from './constants.js';
import {
  JSMirrorInvalidStreamName,
  JSMirrorInvalidSubjectFilter,
  JSMirrorMaxMessageSizeTooBigErr,
  JSMirrorMultipleFiltersNotAllowed,
  JSMirrorOverlappingSubjectFilters,
  JSMirrorWithFirstSeqErr,
  JSMirrorWithSourcesErr,
  JSMirrorWithSubjectsErr,
  JSSourceDuplicateDetected,
  JSSourceInvalidStreamName,
  JSSourceInvalidSubjectFilter,
  JSSourceInvalidTransformDestination,
  JSSourceMaxMessageSizeTooBigErr,
  JSSourceMultipleFiltersNotAllowed,
  JSSourceOverlappingSubjectFilters,
  newJSStreamCreateError,
  newJSStreamExternalApiOverlapError,
  newJSStreamExternalDelPrefixOverlapsError,
  newJSStreamInvalidConfigError,
  newJSStreamInvalidExternalDeliverySubjError,
} from './errors.generated.js';
import type { StreamCheckContext } from './stream-config.js';
import {
  ERR_BAD_SUBJECT,
  mappingDestinationError,
  subjectTransformError,
} from './subject-transform.js';
import type { StreamConfig, StreamSource } from './types.js';
import { goQuote, isValidName } from './util.js';

const invalid = (text: string): ApiError => newJSStreamInvalidConfigError({ err: text });
const createError = (text: string): ApiError => newJSStreamCreateError({ err: text });

/** The first error of checkStreamCfg's mirror, source and cycle checks, or undefined. */
export function upstreamError(
  cfg: StreamConfig,
  context: StreamCheckContext,
): ApiError | undefined {
  const upstreams: Upstreams = { subjects: [], deliverPrefixes: [], apiPrefixes: [] };
  return (
    mirrorError(cfg, context, upstreams) ??
    sourcesError(cfg, context, upstreams) ??
    cycleError(cfg, context.streams)
  );
}

/** addStreamWithAssignment's checks of mirror and source filters and transforms. */
export function sourceFilterError(cfg: StreamConfig): ApiError | undefined {
  const sources: [StreamSource, string][] = (cfg.sources ?? []).map((s) => [s, 'for the source']);
  if (cfg.mirror !== undefined) sources.unshift([cfg.mirror, 'for the mirror']);
  for (const [source, what] of sources) {
    const mirror = source === cfg.mirror;
    const transforms = source.subject_transforms ?? [];
    if (transforms.length === 0) {
      const filter = source.filter_subject ?? '';
      if (filter !== '' && !isValidSubject(filter)) {
        return createError(
          `subject filter '${filter}' ${what}${mirror ? ' ' : ': '}${ERR_BAD_SUBJECT}`,
        );
      }
      continue;
    }
    for (const { src, dest } of transforms) {
      if (src !== '' && !isValidSubject(src)) {
        return createError(
          mirror
            ? `invalid subject transform source '${src}' for the mirror: ${ERR_BAD_SUBJECT}`
            : `subject filter '${src}' for the source: ${ERR_BAD_SUBJECT}`,
        );
      }
      const error = dest === '' ? undefined : subjectTransformError(src, dest);
      if (error !== undefined) {
        return createError(`subject transform from '${src}' to '${dest}' ${what}: ${error}`);
      }
    }
  }
  return undefined;
}

/** A source's identity for duplicate detection (StreamSource.composeIName). */
export function sourceKey(source: StreamSource): string {
  const name =
    source.external === undefined ? source.name : `${source.name}:${source.external.api}`;
  const transforms = source.subject_transforms ?? [];
  if (transforms.length === 0) return [name, source.filter_subject || '>', '>'].join(' ');
  const srcs = transforms.map((t) => t.src || '>').join('\f');
  const dests = transforms.map((t) => t.dest || '>').join('\f');
  return [name, srcs, dests].join(' ');
}

/** Subjects of the local streams a config mirrors or sources, and its external prefixes. */
interface Upstreams {
  subjects: string[];
  deliverPrefixes: string[];
  apiPrefixes: string[];
}

function collectExternal(source: StreamSource, up: Upstreams): void {
  if (source.external === undefined) return;
  if (source.external.deliver !== '') up.deliverPrefixes.push(source.external.deliver);
  if (source.external.api !== '') up.apiPrefixes.push(source.external.api);
}

function mirrorError(
  cfg: StreamConfig,
  context: StreamCheckContext,
  up: Upstreams,
): ApiError | undefined {
  const mirror = cfg.mirror;
  if (mirror === undefined) return undefined;
  if ((cfg.first_seq ?? 0) > 0) return JSMirrorWithFirstSeqErr;
  // The defaults never give a mirror subjects: these are the request's.
  if ((cfg.subjects ?? []).length > 0) return JSMirrorWithSubjectsErr;
  if ((cfg.sources ?? []).length > 0) return JSMirrorWithSourcesErr;
  const transforms = mirror.subject_transforms ?? [];
  if ((mirror.filter_subject ?? '') !== '' && transforms.length !== 0) {
    return JSMirrorMultipleFiltersNotAllowed;
  }
  for (const [i, t] of transforms.entries()) {
    if (!isValidSubject(t.src)) return JSMirrorInvalidSubjectFilter;
    if (transforms.some((other, j) => i !== j && subjectsCollide(t.src, other.src))) {
      return JSMirrorOverlappingSubjectFilters;
    }
  }
  if (mirror.external !== undefined) {
    collectExternal(mirror, up);
    return undefined;
  }
  if (!isValidName(mirror.name)) return JSMirrorInvalidStreamName;
  const mirrored = context.streams?.get(mirror.name);
  if (mirrored !== undefined) {
    up.subjects.push(...(mirrored.subjects ?? []));
    const size = cfg.max_msg_size ?? 0;
    const theirs = mirrored.max_msg_size ?? 0;
    if (size > 0 && theirs > 0 && size < theirs) return JSMirrorMaxMessageSizeTooBigErr;
  }
  return undefined;
}

function sourcesError(
  cfg: StreamConfig,
  context: StreamCheckContext,
  up: Upstreams,
): ApiError | undefined {
  const seen = new Set<string>();
  for (const source of cfg.sources ?? []) {
    if (!isValidName(source.name)) return JSSourceInvalidStreamName;
    const key = sourceKey(source);
    if (seen.has(key)) return JSSourceDuplicateDetected;
    seen.add(key);
    if (source.external !== undefined) {
      collectExternal(source, up);
      continue;
    }
    const upstream = context.streams?.get(source.name);
    if (upstream !== undefined) {
      up.subjects.push(...(upstream.subjects ?? []));
      const size = cfg.max_msg_size ?? 0;
      const theirs = upstream.max_msg_size ?? 0;
      if (size > 0 && theirs > 0 && size < theirs) return JSSourceMaxMessageSizeTooBigErr;
    }
    const transforms = source.subject_transforms ?? [];
    if ((source.filter_subject ?? '') !== '' && transforms.length !== 0) {
      return JSSourceMultipleFiltersNotAllowed;
    }
    if (transforms.some((t) => mappingDestinationError(t.dest) !== undefined)) {
      return JSSourceInvalidTransformDestination;
    }
    for (const [i, t] of transforms.entries()) {
      if (!isValidSubject(t.src)) return JSSourceInvalidSubjectFilter;
      if (transforms.some((other, j) => i !== j && isSubsetMatch(t.src, other.src))) {
        return JSSourceOverlappingSubjectFilters;
      }
    }
  }
  for (const prefix of up.deliverPrefixes) {
    if (!isValidPublishSubject(prefix)) {
      return newJSStreamInvalidExternalDeliverySubjError({ prefix });
    }
    for (const subject of up.subjects) {
      if (subjectsCollide(subject, `${prefix}.${subject}`)) {
        return newJSStreamExternalDelPrefixOverlapsError({ prefix, subject });
      }
    }
  }
  for (const prefix of up.apiPrefixes) {
    if (!isValidPublishSubject(prefix)) {
      return invalid(
        `stream external api prefix ${goQuote(prefix)} must be a valid subject without wildcards`,
      );
    }
    if (subjectsCollide(prefix, JS_API_PREFIX)) {
      return newJSStreamExternalApiOverlapError({ prefix, subject: JS_API_PREFIX });
    }
  }
  return undefined;
}

/** Mirrors and sources that lead back to this stream with overlapping subjects. */
function cycleError(
  cfg: StreamConfig,
  streams: ReadonlyMap<string, StreamConfig> | undefined,
): ApiError | undefined {
  const toVisit = [cfg];
  const visited = new Set<string>();
  const overlaps = (subjects: string[] | undefined, filter: string | undefined) =>
    !filter || (subjects ?? []).some((subject) => subjectsCollide(subject, filter));
  for (let next = toVisit.shift(); next !== undefined; next = toVisit.shift()) {
    visited.add(next.name);
    for (const source of next.sources ?? []) {
      if (source.external !== undefined) continue;
      const upstream = streams?.get(source.name);
      if (visited.has(source.name)) {
        if (overlaps(next.subjects, source.filter_subject)) return invalid('detected cycle');
      } else if (upstream !== undefined) toVisit.push(upstream);
    }
    const mirror = next.mirror;
    if (mirror !== undefined && mirror.external === undefined) {
      if (visited.has(mirror.name)) return invalid('detected cycle');
      const upstream = streams?.get(mirror.name);
      if (upstream !== undefined) toVisit.push(upstream);
    }
  }
  return undefined;
}
