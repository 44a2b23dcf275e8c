// The consumer create subjects and what nats-server's jsConsumerCreateRequest
// checks between the subject and the request body (server/jetstream_api.go):
//
//   $JS.API.CONSUMER.CREATE.<stream>                          legacy ephemeral
//   $JS.API.CONSUMER.DURABLE.CREATE.<stream>.<durable>        legacy durable
//   $JS.API.CONSUMER.CREATE.<stream>.<consumer>[.<filter>]    named, filter optional

import type { ApiError } from './api-error.js';
import {
  JSConsumerCreateFilterSubjectMismatchErr,
  JSConsumerDurableNameNotInSubjectErr,
  JSConsumerDurableNameNotMatchSubjectErr,
  JSConsumerDurableNameNotSetErr,
  JSConsumerEphemeralWithDurableNameErr,
  JSConsumerMultipleFiltersNotAllowed,
  JSConsumerNameContainsPathSeparatorsErr,
  JSStreamMismatchErr,
} from './errors.generated.js';
import type { ConsumerConfigRequest, ConsumerCreateRequest } from './types.js';
import { hasPathSeparator } from './util.js';

export interface ConsumerCreateSubject {
  kind: 'legacy-ephemeral' | 'legacy-durable' | 'named';
  stream: string;
  /** The durable or consumer name in the subject; '' for a legacy ephemeral. */
  consumer: string;
  /** The filter subject after the consumer name; '' when none. */
  filter: string;
}

/**
 * What a consumer create subject ($JS.API form) asks for, JSConsumerDurableNameNotInSubjectErr
 * for a DURABLE.CREATE without exactly a stream and a name, or undefined for a
 * subject nats-server ignores (fewer than five tokens, or not a create).
 */
export function parseConsumerCreateSubject(
  subject: string,
): ConsumerCreateSubject | { error: ApiError } | undefined {
  const tokens = subject.split('.');
  if (tokens.length < 5 || tokens[0] !== '$JS' || tokens[1] !== 'API' || tokens[2] !== 'CONSUMER') {
    return undefined;
  }
  if (tokens[3] === 'DURABLE') {
    if (tokens[4] !== 'CREATE') return undefined;
    if (tokens.length !== 7) return { error: JSConsumerDurableNameNotInSubjectErr };
    return { kind: 'legacy-durable', stream: tokens[5], consumer: tokens[6], filter: '' };
  }
  if (tokens[3] !== 'CREATE') return undefined;
  if (tokens.length === 5) {
    return { kind: 'legacy-ephemeral', stream: tokens[4], consumer: '', filter: '' };
  }
  return {
    kind: 'named',
    stream: tokens[4],
    consumer: tokens[5],
    filter: tokens.slice(6).join('.'),
  };
}

/**
 * jsConsumerCreateRequest's checks of the body against the subject, in its order:
 * the consumer config to create (a named create takes the subject's name), or the
 * error to answer with.
 */
export function checkConsumerCreateSubject(
  subject: ConsumerCreateSubject,
  request: ConsumerCreateRequest,
): { config: ConsumerConfigRequest; error?: undefined } | { error: ApiError; config?: undefined } {
  const config: ConsumerConfigRequest = { ...request.config };
  const durable = config.durable_name ?? '';
  if (subject.stream !== request.stream_name) return { error: JSStreamMismatchErr };
  if (subject.consumer !== '' && hasPathSeparator(subject.consumer)) {
    return { error: JSConsumerNameContainsPathSeparatorsErr };
  }
  if (subject.kind === 'legacy-durable') {
    if (durable === '') return { error: JSConsumerDurableNameNotSetErr };
    if (durable !== subject.consumer) return { error: JSConsumerDurableNameNotMatchSubjectErr };
  }
  if (subject.kind === 'named') {
    if (durable !== '' && durable !== subject.consumer) {
      return { error: JSConsumerDurableNameNotMatchSubjectErr };
    }
    config.name = subject.consumer;
  }
  if (subject.kind === 'legacy-ephemeral' && durable !== '') {
    return { error: JSConsumerEphemeralWithDurableNameErr };
  }
  if (subject.filter !== '' && (config.filter_subjects?.length ?? 0) !== 0) {
    return { error: JSConsumerMultipleFiltersNotAllowed };
  }
  if (subject.filter !== '' && (config.filter_subject ?? '') !== subject.filter) {
    return { error: JSConsumerCreateFilterSubjectMismatchErr };
  }
  return { config };
}
