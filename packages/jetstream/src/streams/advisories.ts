// JetStream advisories as nats-server v2.10.22 publishes them on
// $JS.EVENT.ADVISORY.> (server/jetstream_events.go): the JSON of each advisory
// with Go's field order (TypedEvent's type, id, timestamp first; `omitempty`
// fields left out when empty), and its subject. The engine and the consumer
// manager publish them through the host.

import { randomBytes, randomInt } from 'node:crypto';
import type { ClientInfo, JetStreamHost } from './host.js';
import { formatTime } from './time.js';

export const JS_ADVISORY_PREFIX = '$JS.EVENT.ADVISORY';

export const STREAM_ACTION_ADVISORY_TYPE = 'io.nats.jetstream.advisory.v1.stream_action';
export const CONSUMER_ACTION_ADVISORY_TYPE = 'io.nats.jetstream.advisory.v1.consumer_action';
export const MAX_DELIVER_ADVISORY_TYPE = 'io.nats.jetstream.advisory.v1.max_deliver';
export const TERMINATED_ADVISORY_TYPE = 'io.nats.jetstream.advisory.v1.terminated';
export const NAK_ADVISORY_TYPE = 'io.nats.jetstream.advisory.v1.nak';
export const API_AUDIT_TYPE = 'io.nats.jetstream.advisory.v1.api_audit';
export const API_AUDIT_SUBJECT = `${JS_ADVISORY_PREFIX}.API`;

/** nats-server's ActionAdvisoryType. */
export type AdvisoryAction = 'create' | 'delete' | 'modify';

// ---- ids: the nuid format (22 base62 characters, a random prefix and a sequence) ----

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = 62;
const BASE_BIG = 62n;
const PREFIX_LENGTH = 12;
const SEQ_LENGTH = 10;
const MAX_SEQ = BASE_BIG ** BigInt(SEQ_LENGTH);
const MIN_INC = 33n;
const MAX_INC = 333;

/** A nuid generator, as github.com/nats-io/nuid: unique ids without coordination. */
export class Nuid {
  #prefix = '';
  #seq = 0n;
  #inc = 0n;

  constructor() {
    this.#reset();
  }

  #reset(): void {
    const bytes = randomBytes(PREFIX_LENGTH);
    let prefix = '';
    for (const byte of bytes) prefix += DIGITS[byte % BASE];
    this.#prefix = prefix;
    this.#seq = BigInt(randomInt(0, 2 ** 47)) % MAX_SEQ;
    this.#inc = MIN_INC + BigInt(randomInt(0, MAX_INC));
  }

  next(): string {
    this.#seq += this.#inc;
    if (this.#seq >= MAX_SEQ) this.#reset();
    let seq = this.#seq;
    let digits = '';
    for (let i = 0; i < SEQ_LENGTH; i++) {
      digits = DIGITS[Number(seq % BASE_BIG)] + digits;
      seq /= BASE_BIG;
    }
    return this.#prefix + digits;
  }
}

const nuid = new Nuid();

/** Where an advisory is built: the JetStream domain and the wall clock (ns). */
export interface AdvisoryContext {
  readonly domain: string;
  readonly now: () => bigint;
}

function typedEvent(type: string, ctx: AdvisoryContext): Record<string, unknown> {
  return { type, id: nuid.next(), timestamp: formatTime(ctx.now()) };
}

function withDomain(event: Record<string, unknown>, ctx: AdvisoryContext): Record<string, unknown> {
  if (ctx.domain !== '') event.domain = ctx.domain;
  return event;
}

/** An advisory to publish: its subject and its JSON. */
export interface Advisory {
  readonly subject: string;
  readonly body: Record<string, unknown>;
}

const STREAM_ACTION_SUBJECTS: Record<AdvisoryAction, string> = {
  create: 'STREAM.CREATED',
  delete: 'STREAM.DELETED',
  modify: 'STREAM.UPDATED',
};

/** JSStreamActionAdvisory on $JS.EVENT.ADVISORY.STREAM.{CREATED,DELETED,UPDATED}.<stream>. */
export function streamActionAdvisory(
  ctx: AdvisoryContext,
  stream: string,
  action: AdvisoryAction,
): Advisory {
  const body = typedEvent(STREAM_ACTION_ADVISORY_TYPE, ctx);
  body.stream = stream;
  body.action = action;
  // `template` (omitempty): stream templates do not exist in tsnats.
  return {
    subject: `${JS_ADVISORY_PREFIX}.${STREAM_ACTION_SUBJECTS[action]}.${stream}`,
    body: withDomain(body, ctx),
  };
}

/** JSConsumerActionAdvisory on $JS.EVENT.ADVISORY.CONSUMER.{CREATED,DELETED}.<stream>.<consumer>. */
export function consumerActionAdvisory(
  ctx: AdvisoryContext,
  stream: string,
  consumer: string,
  action: 'create' | 'delete',
): Advisory {
  const body = typedEvent(CONSUMER_ACTION_ADVISORY_TYPE, ctx);
  body.stream = stream;
  body.consumer = consumer;
  body.action = action;
  const event = action === 'create' ? 'CREATED' : 'DELETED';
  return {
    subject: `${JS_ADVISORY_PREFIX}.CONSUMER.${event}.${stream}.${consumer}`,
    body: withDomain(body, ctx),
  };
}

/** JSConsumerDeliveryExceededAdvisory on $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.<stream>.<consumer>. */
export function maxDeliveriesAdvisory(
  ctx: AdvisoryContext,
  stream: string,
  consumer: string,
  streamSeq: number,
  deliveries: number,
): Advisory {
  const body = typedEvent(MAX_DELIVER_ADVISORY_TYPE, ctx);
  body.stream = stream;
  body.consumer = consumer;
  body.stream_seq = streamSeq;
  body.deliveries = deliveries;
  return {
    subject: `${JS_ADVISORY_PREFIX}.CONSUMER.MAX_DELIVERIES.${stream}.${consumer}`,
    body: withDomain(body, ctx),
  };
}

/** A delivery as its ack subject names it. */
export interface DeliveryReference {
  readonly stream: string;
  readonly consumer: string;
  readonly cseq: number;
  readonly sseq: number;
  readonly deliveries: number;
}

/** JSConsumerDeliveryTerminatedAdvisory on $JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.<stream>.<consumer>. */
export function terminatedAdvisory(
  ctx: AdvisoryContext,
  ref: DeliveryReference,
  reason: string,
): Advisory {
  const body = typedEvent(TERMINATED_ADVISORY_TYPE, ctx);
  body.stream = ref.stream;
  body.consumer = ref.consumer;
  body.consumer_seq = ref.cseq;
  body.stream_seq = ref.sseq;
  body.deliveries = ref.deliveries;
  if (reason !== '') body.reason = reason;
  return {
    subject: `${JS_ADVISORY_PREFIX}.CONSUMER.MSG_TERMINATED.${ref.stream}.${ref.consumer}`,
    body: withDomain(body, ctx),
  };
}

/** JSConsumerDeliveryNakAdvisory on $JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.<stream>.<consumer>. */
export function nakAdvisory(ctx: AdvisoryContext, ref: DeliveryReference): Advisory {
  const body = typedEvent(NAK_ADVISORY_TYPE, ctx);
  body.stream = ref.stream;
  body.consumer = ref.consumer;
  body.consumer_seq = ref.cseq;
  body.stream_seq = ref.sseq;
  body.deliveries = ref.deliveries;
  return {
    subject: `${JS_ADVISORY_PREFIX}.CONSUMER.MSG_NAKED.${ref.stream}.${ref.consumer}`,
    body: withDomain(body, ctx),
  };
}

/** One JetStream API request and its response. */
export interface ApiExchange {
  readonly server: string;
  readonly client: ClientInfo | undefined;
  readonly subject: string;
  readonly request: string;
  readonly response: string;
}

/** JSAPIAudit on $JS.EVENT.ADVISORY.API: `client` is null when unknown, `request` omitted when empty. */
export function apiAuditAdvisory(ctx: AdvisoryContext, exchange: ApiExchange): Advisory {
  const body = typedEvent(API_AUDIT_TYPE, ctx);
  body.server = exchange.server;
  body.client = exchange.client ?? null;
  body.subject = exchange.subject;
  if (exchange.request !== '') body.request = exchange.request;
  body.response = exchange.response;
  return { subject: API_AUDIT_SUBJECT, body: withDomain(body, ctx) };
}

/** The reason of a `+TERM <reason>` ack body (nats-server trims the spaces), or ''. */
export function termReason(payload: Uint8Array): string {
  const text = new TextDecoder().decode(payload);
  return text.startsWith('+TERM') ? text.slice('+TERM'.length).trim() : '';
}

const encoder = new TextEncoder();

/** Publishes an advisory through the host (nothing when there is no host yet). */
export function publishAdvisory(host: JetStreamHost | undefined, advisory: Advisory): void {
  host?.publish({
    subject: advisory.subject,
    reply: undefined,
    headers: undefined,
    payload: encoder.encode(JSON.stringify(advisory.body)),
  });
}
