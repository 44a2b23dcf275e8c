// CONSUMER.CREATE / DURABLE.CREATE / DELETE / INFO / NAMES / LIST, as nats-server's
// jsConsumer*Request handlers (server/jetstream_api.go, v2.10.22, non-clustered).
// CONSUMER.MSG.NEXT is not a JSON API: api-server.ts hands it to the consumer.

import { JS_API_LIST_LIMIT, JS_API_NAMES_LIMIT, RESPONSE_TYPES } from '../api/constants.js';
import { prepareConsumerConfig } from '../api/consumer-config.js';
import { checkConsumerCreateSubject, parseConsumerCreateSubject } from '../api/consumer-subject.js';
import { decodeConsumerCreateRequest, decodeStreamNamesRequest } from '../api/decode.js';
import {
  JSBadRequestErr,
  JSConsumerNotFoundErr,
  JSStreamNotFoundErr,
} from '../api/errors.generated.js';
import { consumerConfigJSON } from '../api/json.js';
import type { ConsumerInfo } from '../api/types.js';
import type { Consumer } from '../consumers/consumer.js';
import type { JetStreamEngine } from '../streams/engine.js';
import { formatTime } from '../streams/time.js';
import type { ApiResult } from './api-server.js';
import { decodeBody, failure, isEmptyRequest } from './request.js';

/** A consumer's info with exact counts (nats-server's consumer.info()). */
export async function buildConsumerInfo(
  engine: JetStreamEngine,
  consumer: Consumer,
): Promise<ConsumerInfo> {
  const counts = await consumer.info();
  const leader = engine.host?.serverName ?? '';
  const deliver = consumer.config.deliver_subject ?? '';
  const bound = deliver !== '' && (engine.host?.hasInterest?.(deliver) ?? false);
  return {
    stream_name: consumer.stream.name,
    name: consumer.name,
    created: formatTime(consumer.created),
    config: consumerConfigJSON(consumer.config),
    delivered: counts.delivered,
    ack_floor: counts.ack_floor,
    num_ack_pending: counts.num_ack_pending,
    num_redelivered: counts.num_redelivered,
    num_waiting: counts.num_waiting,
    num_pending: counts.num_pending,
    ...(leader === '' ? {} : { cluster: { leader } }),
    ...(bound ? { push_bound: true } : {}),
    ts: formatTime(engine.now()),
  };
}

async function consumerCreate(
  engine: JetStreamEngine,
  subject: string,
  payload: Uint8Array,
): Promise<ApiResult> {
  const type = RESPONSE_TYPES.consumerCreate;
  const parsed = parseConsumerCreateSubject(subject);
  if (parsed === undefined) return failure(type, JSBadRequestErr);
  if ('error' in parsed) return failure(type, parsed.error);
  const decoded = decodeBody(payload, decodeConsumerCreateRequest);
  if (decoded.error !== undefined) return failure(type, decoded.error);
  const request = decoded.value;
  const checked = checkConsumerCreateSubject(parsed, request);
  if (checked.error !== undefined) return failure(type, checked.error);
  return engine.exclusive(async () => {
    const stream = engine.stream(parsed.stream);
    if (stream === undefined) return failure(type, JSStreamNotFoundErr);
    const prepared = prepareConsumerConfig(checked.config, {
      stream: stream.config,
      consumers: engine.consumers.configs(stream.name),
      action: request.action ?? '',
      hasInterest: (deliver) => engine.host?.hasInterest?.(deliver) ?? false,
      clustered: engine.replicated,
    });
    if (prepared.error !== undefined) return failure(type, prepared.error);
    const consumer = await engine.consumers.create(stream, prepared.config);
    return { type, ...(await buildConsumerInfo(engine, consumer)) };
  });
}

async function consumerInfo(
  engine: JetStreamEngine,
  stream: string,
  name: string,
): Promise<ApiResult> {
  const type = RESPONSE_TYPES.consumerInfo;
  if (engine.stream(stream) === undefined) return failure(type, JSStreamNotFoundErr);
  const consumer = engine.consumers.get(stream, name);
  if (consumer === undefined) return failure(type, JSConsumerNotFoundErr);
  return { type, ...(await buildConsumerInfo(engine, consumer)) };
}

async function consumerDelete(
  engine: JetStreamEngine,
  stream: string,
  name: string,
): Promise<ApiResult> {
  const type = RESPONSE_TYPES.consumerDelete;
  return engine.exclusive(async () => {
    const found = engine.stream(stream);
    if (found === undefined) return failure(type, JSStreamNotFoundErr);
    const deleted = await engine.consumers.delete(found, name);
    return deleted ? { type, success: true } : failure(type, JSConsumerNotFoundErr);
  });
}

function offsetOf(type: string, payload: Uint8Array): number | ApiResult {
  if (isEmptyRequest(payload)) return 0;
  const decoded = decodeBody(payload, decodeStreamNamesRequest);
  if (decoded.error !== undefined) return failure(type, decoded.error);
  return Math.max(0, decoded.value.offset ?? 0);
}

async function consumerList(
  engine: JetStreamEngine,
  stream: string,
  payload: Uint8Array,
  namesOnly: boolean,
): Promise<ApiResult> {
  const type = namesOnly ? RESPONSE_TYPES.consumerNames : RESPONSE_TYPES.consumerList;
  const offset = offsetOf(type, payload);
  if (typeof offset !== 'number') return offset;
  if (engine.stream(stream) === undefined) return failure(type, JSStreamNotFoundErr);
  const all = engine.consumers.list(stream);
  const limit = namesOnly ? JS_API_NAMES_LIMIT : JS_API_LIST_LIMIT;
  const start = Math.min(offset, all.length);
  const page = all.slice(start, start + limit);
  if (namesOnly) {
    return { type, total: all.length, offset: start, limit, consumers: page.map((c) => c.name) };
  }
  const infos: ConsumerInfo[] = [];
  for (const consumer of page) infos.push(await buildConsumerInfo(engine, consumer));
  return { type, total: all.length, offset: start, limit, consumers: infos };
}

/**
 * The consumer API request with these tokens (after `$JS.API.`), or undefined
 * when the subject is no consumer API subject.
 */
export function consumerRequest(
  engine: JetStreamEngine,
  tokens: readonly string[],
  payload: Uint8Array,
): { type: string; result: () => Promise<ApiResult> } | undefined {
  if (tokens[0] !== 'CONSUMER') return undefined;
  const subject = `$JS.API.${tokens.join('.')}`;
  const [, op, stream = '', name = ''] = tokens;
  const create = RESPONSE_TYPES.consumerCreate;
  if (op === 'CREATE' && tokens.length >= 3) {
    return { type: create, result: () => consumerCreate(engine, subject, payload) };
  }
  if (op === 'DURABLE' && tokens[2] === 'CREATE') {
    return { type: create, result: () => consumerCreate(engine, subject, payload) };
  }
  if (op === 'NAMES' && tokens.length === 3) {
    return {
      type: RESPONSE_TYPES.consumerNames,
      result: () => consumerList(engine, stream, payload, true),
    };
  }
  if (op === 'LIST' && tokens.length === 3) {
    return {
      type: RESPONSE_TYPES.consumerList,
      result: () => consumerList(engine, stream, payload, false),
    };
  }
  if (op === 'INFO' && tokens.length === 4) {
    return { type: RESPONSE_TYPES.consumerInfo, result: () => consumerInfo(engine, stream, name) };
  }
  if (op === 'DELETE' && tokens.length === 4) {
    return {
      type: RESPONSE_TYPES.consumerDelete,
      result: () => consumerDelete(engine, stream, name),
    };
  }
  return undefined;
}
