// One consumer of a stream, as nats-server's consumer.go (v2.10.22) runs it:
// where it starts (start-position.ts), what it delivers (filters), to whom (pull
// requests, pull.ts and next-request.ts, or a deliver subject, push.ts), and the
// acks and redeliveries (ack-tracker.ts). This file is the delivery loop that
// ties them together (getNextMsg, deliverMsg) and the consumer's public face
// for the manager and the API handlers.

import { subjectMatches } from '@tsnats/router';
import { consumerFilters } from '../api/consumer-config.js';
import type { ConsumerConfig } from '../api/types.js';
import { isStoreError } from '../store/errors.js';
import type { ConsumerStore, StoredMessage } from '../store/types.js';
import type { JetStreamHost, JetStreamLogger } from '../streams/host.js';
import type { Stream } from '../streams/stream.js';
import { AckTracker } from './ack-tracker.js';
import { InactivityTimer } from './inactivity.js';
import { outgoing, type Outgoing } from './outgoing.js';
import { runtimeInfo, type ConsumerRuntimeInfo } from './info.js';
import { checkNextRequest } from './next-request.js';
import { WaitingQueue, type WaitingRequest } from './pull.js';
import { PushDelivery } from './push.js';
import { ReplayPacer } from './replay.js';
import { startPosition } from './start-position.js';
import type { AckBody, AckReference } from './wire.js';
import { statusHeaders } from './wire.js';

const EMPTY = new Uint8Array(0);

export interface ConsumerEnvironment {
  host(): JetStreamHost | undefined;
  readonly logger: JetStreamLogger;
  /** Messages acked (or terminated) by this consumer: retention may remove them. */
  acked(consumer: Consumer, seqs: readonly number[]): void;
  /** The consumer was inactive past its inactive_threshold. */
  inactive(consumer: Consumer): void;
  /** Stream seq `seq` was dropped after `deliveries` deliveries (max_deliver): an advisory. */
  maxDeliveries?(consumer: Consumer, seq: number, deliveries: number): void;
}

export class Consumer {
  readonly stream: Stream;
  readonly name: string;
  readonly created: bigint;
  config: ConsumerConfig;
  readonly #store: ConsumerStore;
  readonly #env: ConsumerEnvironment;
  readonly #acks: AckTracker;
  readonly #push: PushDelivery;
  #filters: string[];
  /** Next stream sequence to look at for new messages. */
  #nextSeq = 1;
  /** Stream sequences to deliver first (deliver policy last_per_subject). */
  #initial: number[] = [];
  #numPending = 0;
  /** Bumped whenever #numPending moves, so a recount that raced a delivery is redone. */
  #pendingMoves = 0;
  #pumping = false;
  #again = false;
  #closed = false;
  #activity: InactivityTimer | undefined;
  #replay = new ReplayPacer(false, 0);
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
    this.#acks = new AckTracker({
      config: () => this.config,
      store,
      write: (fn) => {
        this.#write(fn);
      },
      due: () => {
        this.signal();
      },
      maxDeliveries: (seq, deliveries) => {
        this.#env.maxDeliveries?.(this, seq, deliveries);
      },
    });
    const lastDelivered = (): readonly [number, number] => [
      this.#acks.state.delivered.consumer_seq,
      this.#acks.state.delivered.stream_seq,
    ];
    this.#push = new PushDelivery({
      config: () => this.config,
      stream: stream.name,
      consumer: this.name,
      hasInterest: (subject) => this.#hasInterest(subject),
      publish: (subject, reply, headers, payload) => {
        this.#publish(subject, reply, headers, payload);
      },
      lastDelivered,
      signal: () => {
        this.signal();
      },
    });
    this.waiting = new WaitingQueue(config.max_waiting ?? 0, {
      status: (reply, headers) => {
        this.#publish(reply, undefined, headers, EMPTY);
      },
      hasInterest: (subject) => this.#hasInterest(subject),
      lastDelivered,
      changed: () => {
        this.#activity?.touch();
      },
    });
  }

  get isPush(): boolean {
    return (this.config.deliver_subject ?? '') !== '';
  }

  /** Where a new consumer starts, or the saved state of a recovered one. */
  async start(): Promise<void> {
    if (await this.#store.hasState()) {
      this.#acks.restore(await this.#store.state());
      this.#nextSeq = this.#acks.state.delivered.stream_seq + 1;
    } else {
      const position = await startPosition(this.stream.store, this.config, this.#filters);
      this.#nextSeq = position.nextSeq;
      this.#initial = position.initial;
      const start = Math.max(0, (this.#initial[0] ?? this.#nextSeq) - 1);
      this.#acks.state.delivered.stream_seq = start;
      this.#acks.state.ack_floor.stream_seq = start;
      await this.#store.setStarting(start);
    }
    if (this.config.replay_policy === 'original') {
      this.#replay = new ReplayPacer(true, (await this.stream.store.state()).last_seq);
    }
    await this.#refreshPending();
    this.#acks.armTimer();
    if (this.isPush) this.#push.start();
    this.#activity = new InactivityTimer(
      this.config.inactive_threshold,
      () => (this.isPush ? this.#push.active : this.waiting.length > 0),
      () => {
        this.#env.inactive(this);
      },
    );
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
    this.#acks.close();
    this.#push.close();
    this.#activity?.close();
    this.#replay.close();
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
    if (seq >= this.#nextSeq && this.#matches(subject)) {
      this.#numPending++;
      this.#pendingMoves++;
    }
    this.signal();
  }

  async #refreshPending(): Promise<void> {
    const store = this.stream.store;
    const filters = this.#filters.length === 0 ? [''] : this.#filters;
    // A delivery or an append while the store counts would be lost (or counted twice)
    // by assigning a count taken before it: count again then.
    for (let attempt = 0; attempt < 5; attempt++) {
      const moves = this.#pendingMoves;
      const from = this.#nextSeq;
      let total = this.#initial.length;
      for (const filter of filters) {
        total += (await store.numPending(from, filter, false)).total;
      }
      if (moves === this.#pendingMoves) {
        this.#numPending = total;
        return;
      }
    }
  }

  /** Whether this consumer still has to see (and ack) stream seq `seq` on `subject`. */
  needsAck(seq: number, subject: string): boolean {
    if (!this.#matches(subject)) return false;
    const state = this.#acks.state;
    if (seq <= state.ack_floor.stream_seq) return false;
    if (seq >= this.#nextSeq || this.#initial.includes(seq)) return true;
    return state.pending.has(seq);
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
    return this.isPush ? this.#push.ready() : this.waiting.hasRequest();
  }

  async #deliverAll(): Promise<void> {
    while (!this.#closed && this.#canTarget()) {
      const next = await this.#peek();
      if (next === undefined || this.#closed) break;
      const { message, redelivery } = next;
      const out = this.#outgoing(message, redelivery);
      // As nats-server counts it against max_bytes: subject, ack reply, headers, data.
      const size = message.subject.length + out.reply.length + out.headers.length + out.data.length;
      let target: string;
      let request: WaitingRequest | undefined;
      if (this.isPush) target = this.config.deliver_subject ?? '';
      else {
        request = this.waiting.take(size);
        if (request === undefined) continue;
        target = request.reply;
      }
      // As nats-server, after the pull request is taken: it gets this message after the wait.
      if (this.#replay.replaying) {
        await this.#replay.pace(message.time);
        if (this.#closed) break;
      }
      this.#commit(message, redelivery, target, out);
      if (request !== undefined) this.waiting.completed(request);
      this.#push.delivered(size, this.isPush);
      const bps = this.config.rate_limit_bps ?? 0;
      if (bps > 0) await new Promise((resolve) => setTimeout(resolve, (size * 8 * 1000) / bps));
    }
    this.#replay.idle(this.#nextSeq);
    if (!this.isPush && !this.#closed) this.waiting.endOfStream();
  }

  /** The next message to deliver (not yet counted as delivered). */
  async #peek(): Promise<{ message: StoredMessage; redelivery: boolean } | undefined> {
    const store = this.stream.store;
    for (let seq = this.#acks.nextRedelivery(); seq !== undefined;) {
      try {
        return { message: await store.load(seq), redelivery: true };
      } catch (error) {
        if (!isStoreError(error, 'msg_not_found') && !isStoreError(error, 'eof')) throw error;
        // Gone from the stream: nothing left to ack.
        this.#acks.gone(seq);
      }
      seq = this.#acks.nextRedelivery();
    }
    if (this.#acks.full) return undefined;
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
      this.#pendingMoves++;
      return undefined;
    }
    return { message: found.message, redelivery: false };
  }

  /** The ack reply, headers and data stream message `message` goes out with now. */
  #outgoing(message: StoredMessage, redelivery: boolean): Outgoing {
    const { deliveries, cseq } = this.#acks.next(message.seq, redelivery);
    // The ack reply's pending: messages not yet delivered once (not redeliveries), after this one.
    const pending = redelivery ? this.#numPending : Math.max(0, this.#numPending - 1);
    return outgoing(this, message, { deliveries, cseq, pending });
  }

  #commit(message: StoredMessage, redelivery: boolean, target: string, out: Outgoing): void {
    const seq = message.seq;
    if (!redelivery) {
      if (this.#initial[0] === seq) this.#initial.shift();
      else this.#nextSeq = seq + 1;
      if (this.#numPending > 0) this.#numPending--;
      this.#pendingMoves++;
    }
    const delivery = this.#acks.deliver(seq, redelivery);
    if (delivery === undefined) return;
    const { reply, data } = out;
    const headers = out.headers.length > 0 ? out.headers : undefined;
    const host = this.#env.host();
    if (host?.deliver !== undefined) {
      host.deliver(target, { subject: message.subject, reply, headers, payload: data });
    } else this.#publish(target, reply, headers, data);
    this.#activity?.touch();
    if (!this.#acks.delivered(seq, delivery)) this.#env.acked(this, [seq]);
  }

  /** A response to a flow control request. */
  flowControlResponse(subject: string): void {
    this.#push.flowControlResponse(subject);
  }

  // ---- acks ----

  /**
   * Whether the delivery an ack subject names still waits for its ack: its
   * consumer sequence past the ack floor and not beyond the deliveries, its
   * stream sequence pending (nats-server's processNak checks).
   */
  awaitsAck(ref: AckReference): boolean {
    const state = this.#acks.state;
    if (ref.cseq <= state.ack_floor.consumer_seq) return false;
    if (ref.cseq > state.delivered.consumer_seq + 1) return false;
    return state.pending.has(ref.sseq);
  }

  /** An ack on one of this consumer's ack subjects; `reply` gets the double-ack response. */
  ack(ref: AckReference, body: AckBody, reply: string | undefined): void {
    this.#activity?.touch();
    const seq = ref.sseq;
    switch (body.kind) {
      case 'progress':
        this.#acks.progress(seq);
        break;
      case 'nak':
        if (this.#acks.nak(seq, body.delay)) this.signal();
        break;
      default: {
        const acked = this.#acks.ack(ref);
        if (acked.length > 0) {
          this.#env.acked(this, acked);
          this.signal();
        }
        if (body.kind === 'next' && reply !== undefined && reply !== '') {
          this.nextRequest(reply, body.next);
          return;
        }
      }
    }
    if (reply !== undefined && reply !== '') this.#publish(reply, undefined, undefined, EMPTY);
  }

  // ---- pull ----

  /** CONSUMER.MSG.NEXT (or +NXT): queue the request and deliver what there is. */
  nextRequest(reply: string, payload: Uint8Array | string): void {
    const status = (code: number, text: string): void => {
      this.#publish(reply, undefined, statusHeaders(code, text), EMPTY);
    };
    const request = checkNextRequest(this.config, payload);
    if ('code' in request) {
      status(request.code, request.text);
      return;
    }
    this.#activity?.touch();
    if (request.noWait && request.expiresMs === 0) {
      const redeliveries = this.#acks.redeliveries;
      const available = this.#numPending + redeliveries + this.#initial.length;
      if (available === 0 || (this.#acks.full && redeliveries === 0)) {
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

  async info(): Promise<ConsumerRuntimeInfo> {
    await this.#refreshPending();
    return runtimeInfo(this.#acks, this.waiting, this.#numPending);
  }
}
