// Ack and redelivery bookkeeping of one consumer, as nats-server's consumer.go
// (v2.10.22) keeps it: the pending messages and how often each went out
// (trackPending, incDeliveryCount), their ack_wait or backoff deadlines
// (checkPending), the queue of messages due again (rdq), progress (+WPI), naks
// with a delay, acks (explicit or all, processAckMsg) and max_deliver. The
// ConsumerState is the store's (transitions from store/consumer-state.ts) and
// every change is written through the ConsumerStore.

import type { ConsumerConfig } from '../api/types.js';
import { applyAck, applyDelivered, emptyConsumerState } from '../store/consumer-state.js';
import { isStoreError } from '../store/errors.js';
import type { ConsumerState, ConsumerStore } from '../store/types.js';
import type { AckReference } from './wire.js';

export const nanosToMs = (ns: number | undefined): number => Math.round((ns ?? 0) / 1e6);

export interface AckTrackerHooks {
  /** The consumer's current configuration (updates replace it). */
  config(): ConsumerConfig;
  readonly store: ConsumerStore;
  /** Queues a write to the store (in order, errors logged). */
  write(fn: () => Promise<void>): void;
  /** Messages became due for redelivery. */
  due(): void;
  /** Stream seq `seq` leaves pending after `deliveries` deliveries: max_deliver (an advisory). */
  maxDeliveries?(seq: number, deliveries: number): void;
}

/** What a delivery counts as: its delivery count and consumer sequence. */
export interface Delivery {
  readonly deliveries: number;
  readonly cseq: number;
  /** Epoch ns of the delivery. */
  readonly time: bigint;
}

export class AckTracker {
  state: ConsumerState = emptyConsumerState();
  /** Deliveries so far of each pending message. */
  readonly #deliveries = new Map<number, number>();
  /** Epoch ms when each pending message is due for redelivery. */
  readonly #deadlines = new Map<number, number>();
  /** Due for redelivery, ascending. */
  #redeliver: number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #closed = false;
  /** A write of the whole state is due at the end of this event loop turn. */
  #persistQueued = false;
  readonly #hooks: AckTrackerHooks;

  constructor(hooks: AckTrackerHooks) {
    this.#hooks = hooks;
  }

  get #config(): ConsumerConfig {
    return this.#hooks.config();
  }

  get #acks(): boolean {
    return this.#config.ack_policy !== 'none';
  }

  /**
   * The saved state of a recovered consumer. Each pending message is due one
   * ack_wait (or its backoff entry) after its saved delivery time, as
   * nats-server's checkPending counts it: one overdue at the restart is due at
   * once (armTimer). One without a delivery time waits from now.
   */
  restore(state: ConsumerState): void {
    this.state = state;
    const now = Date.now();
    for (const [seq, pending] of state.pending) {
      const deliveries = (state.redelivered.get(seq) ?? 0) + 1;
      this.#deliveries.set(seq, deliveries);
      const since = pending.timestamp > 0n ? Number(pending.timestamp / 1_000_000n) : now;
      this.#deadlines.set(seq, since + this.ackWaitMs(deliveries));
    }
  }

  close(): void {
    this.#writeState();
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * The state changed: it is written once at the end of this event loop turn,
   * whole, however many deliveries and acks changed it meanwhile (a pull batch
   * is hundreds). A write per change cost a promise chain link each and, on
   * Redis, a round trip each.
   */
  #persist(): void {
    if (this.#persistQueued || this.#closed) return;
    this.#persistQueued = true;
    setImmediate(() => {
      this.#writeState();
    });
  }

  #writeState(): void {
    if (!this.#persistQueued) return;
    this.#persistQueued = false;
    // The store keeps a copy (checkedReplacement), so the live state can be handed over.
    this.#hooks.write(() => this.#hooks.store.update(this.state));
  }

  /** Messages queued for redelivery. */
  get redeliveries(): number {
    return this.#redeliver.length;
  }

  /**
   * The first message due for redelivery that is still pending. One delivered
   * max_deliver times already (a -NAK after the last delivery) is dropped instead,
   * as nats-server's getNextMsg does (with its max deliveries advisory).
   */
  nextRedelivery(): number | undefined {
    const maxDeliver = this.#config.max_deliver ?? -1;
    while (this.#redeliver.length > 0) {
      const seq = this.#redeliver[0];
      if (this.state.pending.has(seq)) {
        const deliveries = this.#deliveries.get(seq) ?? 1;
        if (maxDeliver <= 0 || deliveries < maxDeliver) return seq;
        this.#maxDelivered(seq, deliveries);
      }
      this.#redeliver.shift();
    }
    return undefined;
  }

  /** Delivered max_deliver times: it leaves pending (not acked) and the hook is told. */
  #maxDelivered(seq: number, deliveries: number): void {
    this.#forget(seq);
    this.#persist();
    this.#hooks.maxDeliveries?.(seq, deliveries);
  }

  /** A message due for redelivery is gone from the stream: nothing left to ack. */
  gone(seq: number): void {
    this.#redeliver = this.#redeliver.filter((s) => s !== seq);
    this.#forget(seq);
  }

  /** max_ack_pending reached: no new message may go out (redeliveries still do). */
  get full(): boolean {
    const max = this.#config.max_ack_pending ?? 0;
    return this.#acks && max > 0 && this.state.pending.size >= max;
  }

  #forget(seq: number): void {
    this.#deliveries.delete(seq);
    this.#deadlines.delete(seq);
    this.state.pending.delete(seq);
    this.state.redelivered.delete(seq);
  }

  /** ack_wait, or the backoff entry for this delivery (the last one repeats). */
  ackWaitMs(deliveries: number): number {
    const backoff = this.#config.backoff ?? [];
    if (backoff.length > 0) return nanosToMs(backoff[Math.min(deliveries - 1, backoff.length - 1)]);
    return nanosToMs(this.#config.ack_wait ?? 30e9);
  }

  /** The delivery count and consumer sequence stream seq `seq` would go out with now. */
  next(seq: number, redelivery: boolean): { deliveries: number; cseq: number } {
    return {
      deliveries: redelivery ? (this.#deliveries.get(seq) ?? 1) + 1 : 1,
      cseq: this.state.delivered.consumer_seq + 1,
    };
  }

  /**
   * Stream sequence `seq` goes out (again, for a redelivery): counts it as
   * delivered. Undefined when it must not go out (a redelivery with ack none).
   */
  deliver(seq: number, redelivery: boolean): Delivery | undefined {
    const { deliveries, cseq } = this.next(seq, redelivery);
    if (redelivery) this.#redeliver = this.#redeliver.filter((s) => s !== seq);
    const time = BigInt(Date.now()) * 1_000_000n;
    if (!this.#acks && redelivery) return undefined;
    applyDelivered(this.state, this.#config, cseq, seq, deliveries, time);
    // applyDelivered ignores a redelivery's consumer seq: count it here.
    this.state.delivered.consumer_seq = Math.max(this.state.delivered.consumer_seq, cseq);
    return { deliveries, cseq, time };
  }

  /** After the delivery went out: write it, and wait for its ack (false with ack none). */
  delivered(seq: number, delivery: Delivery): boolean {
    const { deliveries } = delivery;
    this.#persist();
    if (!this.#acks) return false;
    if (this.state.pending.has(seq)) {
      this.#deliveries.set(seq, deliveries);
      const deadline = Date.now() + this.ackWaitMs(deliveries);
      this.#deadlines.set(seq, deadline);
      this.#armTimer(deadline);
    } else this.#forget(seq);
    return true;
  }

  /** +WPI: the ack_wait (or backoff) starts again. */
  progress(seq: number): void {
    if (!this.state.pending.has(seq)) return;
    const deadline = Date.now() + this.ackWaitMs(this.#deliveries.get(seq) ?? 1);
    this.#deadlines.set(seq, deadline);
    this.#armTimer(deadline);
  }

  /** -NAK: redeliver now, or after `delayNs`. True when it is due now. */
  nak(seq: number, delayNs: number): boolean {
    if (!this.state.pending.has(seq)) return false;
    if (delayNs > 0) {
      const deadline = Date.now() + nanosToMs(delayNs);
      this.#deadlines.set(seq, deadline);
      this.#armTimer(deadline);
      return false;
    }
    this.#deadlines.delete(seq);
    this.#queue(seq);
    return true;
  }

  /** +ACK, +TERM or +NXT: the stream sequences it acks (ack all: every pending one up to it). */
  ack(ref: AckReference): number[] {
    if (!this.#acks) return [];
    const seq = ref.sseq;
    const acked: number[] = [];
    if (this.#config.ack_policy === 'all') {
      for (const pending of [...this.state.pending.keys()]) if (pending <= seq) acked.push(pending);
    } else if (this.state.pending.has(seq)) acked.push(seq);
    if (acked.length === 0) return acked;
    const cseq = this.state.pending.get(seq)?.sequence ?? ref.cseq;
    try {
      applyAck(this.state, this.#config, cseq, seq);
    } catch (error) {
      if (!isStoreError(error, 'msg_not_found')) throw error;
    }
    for (const s of acked) {
      this.#deliveries.delete(s);
      this.#deadlines.delete(s);
      this.state.pending.delete(s);
    }
    this.#redeliver = this.#redeliver.filter((s) => this.state.pending.has(s));
    this.#persist();
    return acked;
  }

  /** Pending messages delivered more than once. */
  numRedelivered(): number {
    let redelivered = 0;
    for (const seq of this.state.pending.keys()) {
      if ((this.#deliveries.get(seq) ?? 1) > 1) redelivered++;
    }
    return redelivered;
  }

  #queue(seq: number): void {
    if (this.#redeliver.includes(seq)) return;
    this.#redeliver.push(seq);
    this.#redeliver.sort((a, b) => a - b);
  }

  /** (Re)arms the timer for the earliest deadline. */
  armTimer(): void {
    this.#armTimer();
  }

  /**
   * Arms the timer for the earliest deadline. Given the deadline just set
   * (`added`), no scan is needed while a timer is armed: every deadline left
   * is at or after the armed one, so only an earlier new one moves it.
   */
  #armTimer(added?: number): void {
    if (this.#closed || this.#deadlines.size === 0) return;
    let earliest = Infinity;
    if (added !== undefined && this.#timer !== undefined) {
      if (this.#timerAt <= added) return;
      earliest = added;
    } else {
      for (const at of this.#deadlines.values()) if (at < earliest) earliest = at;
    }
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
    const maxDeliver = this.#config.max_deliver ?? -1;
    let due = false;
    for (const [seq, at] of [...this.#deadlines]) {
      if (at > now) continue;
      this.#deadlines.delete(seq);
      const deliveries = this.#deliveries.get(seq) ?? 1;
      if (maxDeliver > 0 && deliveries >= maxDeliver) {
        // Delivered max_deliver times: it leaves pending (and is not acked), which
        // may free a max_ack_pending slot (nats-server's hasMaxDeliveries signals).
        this.#maxDelivered(seq, deliveries);
        due = true;
        continue;
      }
      this.#queue(seq);
      due = true;
    }
    this.#armTimer();
    if (due) this.#hooks.due();
  }
}
