// Push delivery of a consumer with a deliver_subject (nats-server's consumer.go
// v2.10.22): deliver only while someone listens on the subject (checked again
// every 100 ms), idle heartbeats (`100 Idle Heartbeat` with Nats-Last-Consumer,
// Nats-Last-Stream and, while stalled, Nats-Consumer-Stalled) and flow control
// (`100 FlowControl Request` with a `$JS.FC.<stream>.<consumer>.<token>` reply;
// delivery stops until that reply comes back).

import type { ConsumerConfig } from '../api/types.js';
import { nanosToMs } from './ack-tracker.js';
import { statusHeaders } from './wire.js';

const EMPTY = new Uint8Array(0);
/** Ask for a flow control response after this many bytes or messages. */
const FC_BYTES = 1 << 20;
const FC_MSGS = 512;
/** Without interest on the deliver subject, look again after this long. */
const RETRY_MS = 100;

export interface PushHooks {
  config(): ConsumerConfig;
  readonly stream: string;
  readonly consumer: string;
  hasInterest(subject: string): boolean;
  publish(
    subject: string,
    reply: string | undefined,
    headers: Uint8Array,
    payload: Uint8Array,
  ): void;
  /** The consumer's last delivered (consumer, stream) sequences. */
  lastDelivered(): readonly [number, number];
  /** Deliver what can be delivered. */
  signal(): void;
}

export class PushDelivery {
  readonly #hooks: PushHooks;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #deliveredSinceBeat = false;
  #fcBytes = 0;
  #fcMsgs = 0;
  #fcReply: string | undefined;
  #closed = false;

  constructor(hooks: PushHooks) {
    this.#hooks = hooks;
  }

  get #subject(): string {
    return this.#hooks.config().deliver_subject ?? '';
  }

  /** Starts the idle heartbeat (when configured). */
  start(): void {
    const hb = nanosToMs(this.#hooks.config().idle_heartbeat);
    if (hb <= 0) return;
    this.#heartbeat = setInterval(() => {
      this.#sendHeartbeat();
    }, hb);
    this.#heartbeat.unref();
  }

  close(): void {
    this.#closed = true;
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
  }

  /** Someone listens on the deliver subject. */
  get active(): boolean {
    return this.#hooks.hasInterest(this.#subject);
  }

  /** Whether a message may go out now (not stalled, someone listening; else retry later). */
  ready(): boolean {
    if (this.#fcReply !== undefined) return false;
    if (!this.active) {
      this.#retryLater();
      return false;
    }
    return true;
  }

  #retryLater(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#hooks.signal();
    }, RETRY_MS);
    this.#retryTimer.unref();
  }

  /** A message of `size` bytes went out (any delivery holds off the next heartbeat). */
  delivered(size: number, push: boolean): void {
    this.#deliveredSinceBeat = true;
    if (push && this.#hooks.config().flow_control === true) this.#flowControl(size);
  }

  #flowControl(size: number): void {
    this.#fcBytes += size;
    this.#fcMsgs++;
    if (this.#fcBytes < FC_BYTES && this.#fcMsgs < FC_MSGS) return;
    this.#fcBytes = 0;
    this.#fcMsgs = 0;
    const token = Math.random().toString(36).slice(2, 6);
    this.#fcReply = `$JS.FC.${this.#hooks.stream}.${this.#hooks.consumer}.${token}`;
    this.#hooks.publish(
      this.#subject,
      this.#fcReply,
      statusHeaders(100, 'FlowControl Request'),
      EMPTY,
    );
  }

  /** A response to a flow control request. */
  flowControlResponse(subject: string): void {
    if (subject !== this.#fcReply) return;
    this.#fcReply = undefined;
    this.#hooks.signal();
  }

  #sendHeartbeat(): void {
    if (this.#deliveredSinceBeat) {
      this.#deliveredSinceBeat = false;
      return;
    }
    const subject = this.#subject;
    if (!this.#hooks.hasInterest(subject)) return;
    const [cseq, sseq] = this.#hooks.lastDelivered();
    const entries: [string, string | number][] = [
      ['Nats-Last-Consumer', cseq],
      ['Nats-Last-Stream', sseq],
    ];
    if (this.#fcReply !== undefined) entries.push(['Nats-Consumer-Stalled', this.#fcReply]);
    this.#hooks.publish(subject, undefined, statusHeaders(100, 'Idle Heartbeat', entries), EMPTY);
  }
}
