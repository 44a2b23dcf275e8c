// One consumer of a stream, as nats-server's consumer.go (v2.10.22) runs it:
// where it starts (deliver policy), what it delivers (filters), pull requests
// (pull.ts) or a deliver subject (push, with flow control and idle heartbeats),
// acks (+ACK, -NAK with delay, +WPI, +NXT, +TERM, ack all), redelivery after
// ack_wait or the backoff, max_deliver and max_ack_pending. The state lives in
// memory (the store's own transition functions) and is written through the
// stream store's ConsumerStore.

import { subjectMatches } from '@tsnats/router';
import { consumerFilters } from '../api/consumer-config.js';
import type { ConsumerConfig } from '../api/types.js';
import { parseTime } from '../api/util.js';
import { applyAck, applyDelivered, copyConsumerState } from '../store/consumer-state.js';
import { isStoreError } from '../store/errors.js';
import type { ConsumerState, ConsumerStore, StoredMessage } from '../store/types.js';
import { appendHeaders } from '../streams/headers.js';
import type { JetStreamHost, JetStreamLogger } from '../streams/host.js';
import type { Stream } from '../streams/stream.js';
import { WaitingQueue, type WaitingRequest } from './pull.js';
import type { AckBody, AckReference, NextRequest } from './wire.js';
import { ackSubject, parseNextRequest, statusHeaders } from './wire.js';

const EMPTY = new Uint8Array(0);
/** Push flow control: ask for a response after this many bytes or messages. */
const FC_BYTES = 1 << 20;
const FC_MSGS = 512;

export interface ConsumerEnvironment {
  host(): JetStreamHost | undefined;
  readonly logger: JetStreamLogger;
  /** Messages acked (or terminated) by this consumer: retention may remove them. */
  acked(consumer: Consumer, seqs: readonly number[]): void;
  /** The consumer was inactive past its inactive_threshold. */
  inactive(consumer: Consumer): void;
}

const nanosToMs = (ns: number | undefined): number => Math.round((ns ?? 0) / 1e6);

export class Consumer {
  readonly stream: Stream;
  readonly name: string;
  readonly created: bigint;
  config: ConsumerConfig;
  readonly #store: ConsumerStore;
  readonly #env: ConsumerEnvironment;
  #state: ConsumerState;
  #filters: string[];
  /** Next stream sequence to look at for new messages. */
  #nextSeq = 1;
  /** Stream sequences to deliver first (deliver policy last_per_subject). */
  #initial: number[] = [];
  /** Deliveries so far of each pending message. */
  readonly #deliveries = new Map<number, number>();
  /** Epoch ms when each pending message is due for redelivery. */
  readonly #deadlines = new Map<number, number>();
  /** Due for redelivery, ascending. */
  #redeliver: number[] = [];
  #numPending = 0;
  #pumping = false;
  #again = false;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #inactiveTimer: ReturnType<typeof setInterval> | undefined;
  #lastActive = Date.now();
  #deliveredSinceBeat = false;
  #fcBytes = 0;
  #fcMsgs = 0;
  #fcReply: string | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  readonly waiting: WaitingQueue;

  constructor(
    stream: Stream,
    config: ConsumerConfig,
    store: ConsumerStore,
    env: ConsumerEnvironment,
    created: bigint,
  ) {
    this.stream = stream;
    this.config = config;
    this.name = config.durable_name || config.name || '';
    this.#store = store;
    this.#env = env;
    this.created = created;
    this.#filters = consumerFilters(config);
    this.#state = {
      delivered: { consumer_seq: 0, stream_seq: 0 },
      ack_floor: { consumer_seq: 0, stream_seq: 0 },
      pending: new Map(),
      redelivered: new Map(),
    };
    this.waiting = new WaitingQueue(config.max_waiting ?? 0, {
      status: (reply, headers) => {
        this.#publish(reply, undefined, headers, EMPTY);
      },
      hasInterest: (subject) => this.#hasInterest(subject),
      lastDelivered: () => [this.#state.delivered.consumer_seq, this.#state.delivered.stream_seq],
      changed: () => {
        this.#lastActive = Date.now();
      },
    });
  }

  get isPush(): boolean {
    return (this.config.deliver_subject ?? '') !== '';
  }

  get #acks(): boolean {
    return this.config.ack_policy !== 'none';
  }

  /** Where a new consumer starts, or the saved state of a recovered one. */
  async start(): Promise<void> {
    if (await this.#store.hasState()) {
      this.#state = await this.#store.state();
      this.#nextSeq = this.#state.delivered.stream_seq + 1;
      const now = Date.now();
      for (const seq of this.#state.pending.keys()) {
        this.#deliveries.set(seq, (this.#state.redelivered.get(seq) ?? 0) + 1);
        this.#deadlines.set(seq, now + this.#ackWaitMs(1));
      }
    } else {
      await this.#initStart();
      const start = (this.#initial[0] ?? this.#nextSeq) - 1;
      this.#state.delivered.stream_seq = Math.max(0, start);
      this.#state.ack_floor.stream_seq = Math.max(0, start);
      await this.#store.setStarting(Math.max(0, start));
    }
    await this.#refreshPending();
    this.#armTimer();
    this.#startTimers();
  }

  async #initStart(): Promise<void> {
    const store = this.stream.store;
    const state = await store.state();
    const cfg = this.config;
    switch (cfg.deliver_policy) {
      case 'last': {
        let last = 0;
        for (const f of this.#filters.length === 0 ? [''] : this.#filters) {
          try {
            last = Math.max(last, (await store.loadLast(f)).seq);
          } catch {
            // No message on this filter.
          }
        }
        this.#nextSeq = last > 0 ? last : state.last_seq + 1;
        break;
      }
      case 'new':
        this.#nextSeq = state.last_seq + 1;
        break;
      case 'by_start_sequence':
        this.#nextSeq = Math.max(1, cfg.opt_start_seq ?? 1);
        break;
      case 'by_start_time': {
        const time = parseTime(cfg.opt_start_time ?? '') ?? 0n;
        this.#nextSeq = await store.seqFromTime(time);
        break;
      }
      case 'last_per_subject':
        this.#initial = await store.multiLastSeqs(
          this.#filters.length === 0 ? ['>'] : this.#filters,
          0,
          0,
        );
        this.#nextSeq = state.last_seq + 1;
        break;
      default:
        this.#nextSeq = Math.max(1, state.first_seq);
    }
  }

  #startTimers(): void {
    const hb = nanosToMs(this.config.idle_heartbeat);
    if (this.isPush && hb > 0) {
      this.#heartbeat = setInterval(() => {
        this.#sendHeartbeat();
      }, hb);
      this.#heartbeat.unref();
    }
    const threshold = nanosToMs(this.config.inactive_threshold);
    if (threshold > 0) {
      this.#inactiveTimer = setInterval(
        () => {
          this.#checkActive(threshold);
        },
        Math.max(50, Math.min(threshold / 2, 1000)),
      );
      this.#inactiveTimer.unref();
    }
  }

  #checkActive(threshold: number): void {
    const busy = this.isPush
      ? this.#hasInterest(this.config.deliver_subject ?? '')
      : this.waiting.length > 0;
    if (busy) this.#lastActive = Date.now();
    else if (Date.now() - this.#lastActive >= threshold) this.#env.inactive(this);
  }

  /** Replace the configuration (an update, already checked). */
  update(config: ConsumerConfig): void {
    this.config = config;
    this.#filters = consumerFilters(config);
    this.waiting.max = config.max_waiting ?? 0;
    void this.#store.updateConfig({
      ack_policy: config.ack_policy,
      max_deliver: config.max_deliver,
    });
    this.signal();
  }

  /** Stops delivering; `remove` deletes the stored state. */
  async close(remove: boolean): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of [this.#timer, this.#retryTimer]) if (timer) clearTimeout(timer);
    for (const timer of [this.#heartbeat, this.#inactiveTimer]) if (timer) clearInterval(timer);
    this.waiting.clear(409, 'Consumer Deleted');
    await this.#writes;
    try {
      if (remove) await this.#store.delete();
      else await this.#store.stop();
    } catch (error) {
      if (!isStoreError(error, 'closed')) throw error;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  #hasInterest(subject: string): boolean {
    const host = this.#env.host();
    return host?.hasInterest?.(subject) ?? true;
  }

  #publish(
    subject: string,
    reply: string | undefined,
    headers: Uint8Array | undefined,
    payload: Uint8Array,
  ): void {
    this.#env.host()?.publish({ subject, reply, headers, payload });
  }

  #write(fn: () => Promise<void>): void {
    this.#writes = this.#writes.then(fn).catch((error: unknown) => {
      if (isStoreError(error, 'msg_not_found') || isStoreError(error, 'closed')) return;
      this.#env.logger.warn(
        `JetStream consumer '${this.stream.name} > ${this.name}': ${String(error)}`,
      );
    });
  }

  #matches(subject: string): boolean {
    if (this.#filters.length === 0) return true;
    return this.#filters.some((filter) => subjectMatches(subject, filter));
  }

  /** A message was appended to the stream. */
  appended(seq: number, subject: string): void {
    if (seq >= this.#nextSeq && this.#matches(subject)) this.#numPending++;
    this.signal();
  }

  async #refreshPending(): Promise<void> {
    const store = this.stream.store;
    let total = this.#initial.length;
    const from = this.#nextSeq;
    const filters = this.#filters.length === 0 ? [''] : this.#filters;
    for (const filter of filters) {
      total += (await store.numPending(from, filter, false)).total;
    }
    this.#numPending = total;
  }

  /** Whether this consumer still has to see (and ack) stream seq `seq` on `subject`. */
  needsAck(seq: number, subject: string): boolean {
    if (!this.#matches(subject)) return false;
    if (seq <= this.#state.ack_floor.stream_seq) return false;
    if (seq >= this.#nextSeq || this.#initial.includes(seq)) return true;
    return this.#state.pending.has(seq);
  }

  // ---- delivery ----

  /** Deliver what can be delivered (coalesces calls; one pump at a time). */
  signal(): void {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump().then(
      () => {
        this.#pumping = false;
      },
      (error: unknown) => {
        this.#pumping = false;
        if (!isStoreError(error, 'closed')) {
          this.#env.logger.error(`JetStream consumer '${this.name}': ${String(error)}`);
        }
      },
    );
  }

  async #pump(): Promise<void> {
    do {
      this.#again = false;
      await this.#deliverAll();
    } while (this.#again && !this.#closed);
  }

  #canTarget(): boolean {
    if (this.isPush) {
      if (this.#fcReply !== undefined) return false;
      if (!this.#hasInterest(this.config.deliver_subject ?? '')) {
        this.#retryLater();
        return false;
      }
      return true;
    }
    return this.waiting.hasRequest();
  }

  #retryLater(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.signal();
    }, 100);
    this.#retryTimer.unref();
  }

  async #deliverAll(): Promise<void> {
    while (!this.#closed && this.#canTarget()) {
      const next = await this.#peek();
      if (next === undefined || this.#closed) break;
      const { message, redelivery } = next;
      const size = message.subject.length + (message.headers?.length ?? 0) + message.data.length;
      let target: string;
      let request: WaitingRequest | undefined;
      if (this.isPush) target = this.config.deliver_subject ?? '';
      else {
        request = this.waiting.take(size);
        if (request === undefined) continue;
        target = request.reply;
      }
      this.#commit(message, redelivery, target);
      if (request !== undefined) this.waiting.completed(request);
      if (this.isPush && this.config.flow_control === true) this.#flowControl(size);
      const bps = this.config.rate_limit_bps ?? 0;
      if (bps > 0) await new Promise((resolve) => setTimeout(resolve, (size * 8 * 1000) / bps));
    }
    if (!this.isPush && !this.#closed) this.waiting.endOfStream();
  }

  #ackPendingFull(): boolean {
    const max = this.config.max_ack_pending ?? 0;
    return this.#acks && max > 0 && this.#state.pending.size >= max;
  }

  /** The next message to deliver (not yet counted as delivered). */
  async #peek(): Promise<{ message: StoredMessage; redelivery: boolean } | undefined> {
    const store = this.stream.store;
    while (this.#redeliver.length > 0) {
      const seq = this.#redeliver[0];
      if (!this.#state.pending.has(seq)) {
        this.#redeliver.shift();
        continue;
      }
      try {
        return { message: await store.load(seq), redelivery: true };
      } catch (error) {
        if (!isStoreError(error, 'msg_not_found') && !isStoreError(error, 'eof')) throw error;
        // Gone from the stream: nothing left to ack.
        this.#redeliver.shift();
        this.#forget(seq);
      }
    }
    if (this.#ackPendingFull()) return undefined;
    while (this.#initial.length > 0) {
      try {
        return { message: await store.load(this.#initial[0]), redelivery: false };
      } catch (error) {
        if (!isStoreError(error, 'msg_not_found') && !isStoreError(error, 'eof')) throw error;
        this.#initial.shift();
      }
    }
    const filter = this.#filters.length === 0 ? '' : this.#filters;
    const found = await store.loadNext(filter, this.#nextSeq);
    if (found.message === undefined) {
      if (found.seq + 1 > this.#nextSeq) this.#nextSeq = found.seq + 1;
      this.#numPending = 0;
      return undefined;
    }
    return { message: found.message, redelivery: false };
  }

  #forget(seq: number): void {
    this.#deliveries.delete(seq);
    this.#deadlines.delete(seq);
    this.#state.pending.delete(seq);
    this.#state.redelivered.delete(seq);
  }

  #ackWaitMs(deliveries: number): number {
    const backoff = this.config.backoff ?? [];
    if (backoff.length > 0) return nanosToMs(backoff[Math.min(deliveries - 1, backoff.length - 1)]);
    return nanosToMs(this.config.ack_wait ?? 30e9);
  }

  #commit(message: StoredMessage, redelivery: boolean, target: string): void {
    const seq = message.seq;
    if (redelivery) this.#redeliver.shift();
    else if (this.#initial[0] === seq) this.#initial.shift();
    else this.#nextSeq = seq + 1;
    if (!redelivery && this.#numPending > 0) this.#numPending--;
    const deliveries = redelivery ? (this.#deliveries.get(seq) ?? 1) + 1 : 1;
    const cseq = this.#state.delivered.consumer_seq + 1;
    const now = BigInt(Date.now()) * 1_000_000n;
    if (!this.#acks && redelivery) return;
    applyDelivered(this.#state, this.config, cseq, seq, deliveries, now);
    // applyDelivered ignores a redelivery's consumer seq: count it here.
    this.#state.delivered.consumer_seq = Math.max(this.#state.delivered.consumer_seq, cseq);
    const pending = this.#numPending + this.#redeliver.length;
    const reply = ackSubject(
      this.stream.name,
      this.name,
      deliveries,
      seq,
      cseq,
      message.time,
      pending,
    );
    let headers = message.headers;
    let data = message.data;
    if (this.config.headers_only === true) {
      headers = appendHeaders(headers, [['Nats-Msg-Size', String(data.length)]]);
      data = EMPTY;
    }
    const host = this.#env.host();
    if (host?.deliver !== undefined) {
      host.deliver(target, { subject: message.subject, reply, headers, payload: data });
    } else this.#publish(target, reply, headers, data);
    this.#deliveredSinceBeat = true;
    this.#lastActive = Date.now();
    this.#write(() => this.#store.updateDelivered(cseq, seq, deliveries, now));
    if (this.#acks) {
      if (this.#state.pending.has(seq)) {
        this.#deliveries.set(seq, deliveries);
        this.#deadlines.set(seq, Date.now() + this.#ackWaitMs(deliveries));
        this.#armTimer();
      } else this.#forget(seq);
    } else {
      this.#env.acked(this, [seq]);
    }
  }

  #flowControl(size: number): void {
    this.#fcBytes += size;
    this.#fcMsgs++;
    if (this.#fcBytes < FC_BYTES && this.#fcMsgs < FC_MSGS) return;
    this.#fcBytes = 0;
    this.#fcMsgs = 0;
    const token = Math.random().toString(36).slice(2, 6);
    this.#fcReply = `$JS.FC.${this.stream.name}.${this.name}.${token}`;
    this.#publish(
      this.config.deliver_subject ?? '',
      this.#fcReply,
      statusHeaders(100, 'FlowControl Request'),
      EMPTY,
    );
  }

  /** A response to a flow control request. */
  flowControlResponse(subject: string): void {
    if (subject !== this.#fcReply) return;
    this.#fcReply = undefined;
    this.signal();
  }

  #sendHeartbeat(): void {
    if (this.#deliveredSinceBeat) {
      this.#deliveredSinceBeat = false;
      return;
    }
    const subject = this.config.deliver_subject ?? '';
    if (!this.#hasInterest(subject)) return;
    const entries: [string, string | number][] = [
      ['Nats-Last-Consumer', this.#state.delivered.consumer_seq],
      ['Nats-Last-Stream', this.#state.delivered.stream_seq],
    ];
    if (this.#fcReply !== undefined) entries.push(['Nats-Consumer-Stalled', this.#fcReply]);
    this.#publish(subject, undefined, statusHeaders(100, 'Idle Heartbeat', entries), EMPTY);
  }

  // ---- redelivery ----

  #armTimer(): void {
    if (this.#closed || this.#deadlines.size === 0) return;
    let earliest = Infinity;
    for (const at of this.#deadlines.values()) if (at < earliest) earliest = at;
    if (this.#timer !== undefined && this.#timerAt <= earliest) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = earliest;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#onTimer();
      },
      Math.max(0, earliest - Date.now()),
    );
    this.#timer.unref();
  }

  #onTimer(): void {
    const now = Date.now();
    const maxDeliver = this.config.max_deliver ?? -1;
    let due = false;
    for (const [seq, at] of [...this.#deadlines]) {
      if (at > now) continue;
      this.#deadlines.delete(seq);
      if (maxDeliver > 0 && (this.#deliveries.get(seq) ?? 1) >= maxDeliver) {
        // Delivered max_deliver times: it leaves pending (and is not acked).
        this.#forget(seq);
        this.#write(() => this.#store.update(copyConsumerState(this.#state)));
        continue;
      }
      this.#queueRedelivery(seq);
      due = true;
    }
    this.#armTimer();
    if (due) this.signal();
  }

  #queueRedelivery(seq: number): void {
    if (this.#redeliver.includes(seq)) return;
    this.#redeliver.push(seq);
    this.#redeliver.sort((a, b) => a - b);
  }

  // ---- acks ----

  /** An ack on one of this consumer's ack subjects; `reply` gets the double-ack response. */
  ack(ref: AckReference, body: AckBody, reply: string | undefined): void {
    this.#lastActive = Date.now();
    const seq = ref.sseq;
    switch (body.kind) {
      case 'progress':
        if (this.#state.pending.has(seq)) {
          this.#deadlines.set(seq, Date.now() + this.#ackWaitMs(this.#deliveries.get(seq) ?? 1));
          this.#armTimer();
        }
        break;
      case 'nak':
        if (this.#state.pending.has(seq)) {
          if (body.delay > 0) {
            this.#deadlines.set(seq, Date.now() + nanosToMs(body.delay));
            this.#armTimer();
          } else {
            this.#deadlines.delete(seq);
            this.#queueRedelivery(seq);
            this.signal();
          }
        }
        break;
      default:
        this.#acked(ref);
        if (body.kind === 'next' && reply !== undefined && reply !== '') {
          this.nextRequest(reply, body.next);
          return;
        }
    }
    if (reply !== undefined && reply !== '') this.#publish(reply, undefined, undefined, EMPTY);
  }

  #acked(ref: AckReference): void {
    if (!this.#acks) return;
    const seq = ref.sseq;
    const acked: number[] = [];
    if (this.config.ack_policy === 'all') {
      for (const pending of [...this.#state.pending.keys()])
        if (pending <= seq) acked.push(pending);
    } else if (this.#state.pending.has(seq)) acked.push(seq);
    if (acked.length === 0) return;
    const cseq = this.#state.pending.get(seq)?.sequence ?? ref.cseq;
    try {
      applyAck(this.#state, this.config, cseq, seq);
    } catch (error) {
      if (!isStoreError(error, 'msg_not_found')) throw error;
    }
    for (const s of acked) {
      this.#deliveries.delete(s);
      this.#deadlines.delete(s);
      this.#state.pending.delete(s);
    }
    this.#redeliver = this.#redeliver.filter((s) => this.#state.pending.has(s));
    this.#write(() => this.#store.updateAcks(cseq, seq));
    this.#env.acked(this, acked);
    this.signal();
  }

  // ---- pull ----

  /** CONSUMER.MSG.NEXT (or +NXT): queue the request and deliver what there is. */
  nextRequest(reply: string, payload: Uint8Array | string): void {
    const status = (code: number, text: string): void => {
      this.#publish(reply, undefined, statusHeaders(code, text), EMPTY);
    };
    if (this.isPush) {
      status(409, 'Consumer is push based');
      return;
    }
    const parsed = parseNextRequest(payload);
    if ('error' in parsed) {
      status(400, `Bad Request - ${parsed.error}`);
      return;
    }
    const request: NextRequest = parsed;
    const cfg = this.config;
    if ((cfg.max_batch ?? 0) > 0 && request.batch > (cfg.max_batch ?? 0)) {
      status(409, `Exceeded MaxRequestBatch of ${cfg.max_batch ?? 0}`);
      return;
    }
    const maxExpires = nanosToMs(cfg.max_expires);
    if (request.expiresMs > 0 && maxExpires > 0 && request.expiresMs > maxExpires) {
      status(409, `Exceeded MaxRequestExpires of ${formatMs(maxExpires)}`);
      return;
    }
    if (
      request.maxBytes > 0 &&
      (cfg.max_bytes ?? 0) > 0 &&
      request.maxBytes > (cfg.max_bytes ?? 0)
    ) {
      status(409, `Exceeded MaxRequestMaxBytes of ${cfg.max_bytes ?? 0}`);
      return;
    }
    this.#lastActive = Date.now();
    if (request.noWait && request.expiresMs === 0) {
      const available = this.#numPending + this.#redeliver.length + this.#initial.length;
      if (available === 0 || (this.#ackPendingFull() && this.#redeliver.length === 0)) {
        status(404, 'No Messages');
        return;
      }
    }
    if (!this.waiting.add(reply, request)) {
      status(409, 'Exceeded MaxWaiting');
      return;
    }
    this.signal();
  }

  // ---- info ----

  async info(): Promise<{
    delivered: { consumer_seq: number; stream_seq: number };
    ack_floor: { consumer_seq: number; stream_seq: number };
    num_ack_pending: number;
    num_redelivered: number;
    num_waiting: number;
    num_pending: number;
  }> {
    await this.#refreshPending();
    let redelivered = 0;
    for (const seq of this.#state.pending.keys()) {
      if ((this.#deliveries.get(seq) ?? 1) > 1) redelivered++;
    }
    return {
      delivered: { ...this.#state.delivered },
      ack_floor: { ...this.#state.ack_floor },
      num_ack_pending: this.#state.pending.size,
      num_redelivered: redelivered,
      num_waiting: this.waiting.length,
      num_pending: this.#numPending,
    };
  }
}

/** Go's time.Duration String() for whole milliseconds. */
function formatMs(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}
