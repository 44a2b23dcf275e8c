// The waiting pull requests of a consumer (nats-server's waitQueue and
// nextWaiting / processWaiting, server/consumer.go v2.10.22): FIFO with round
// robin between requests, bounded by max_waiting, each with its batch, max_bytes,
// expiry (408 Request Timeout) and idle heartbeats (100 Idle Heartbeat).

import type { NextRequest } from './wire.js';
import { pendingHeaders, statusHeaders } from './wire.js';

export interface WaitingRequest {
  readonly reply: string;
  /** Messages still wanted. */
  n: number;
  /** Bytes still allowed (0 = no max_bytes). */
  b: number;
  /** Messages delivered to it. */
  d: number;
  readonly noWait: boolean;
  /** Epoch ms when it expires, 0 = never. */
  readonly expires: number;
  readonly heartbeatMs: number;
  expiryTimer?: ReturnType<typeof setTimeout>;
  heartbeatTimer?: ReturnType<typeof setTimeout>;
}

export interface WaitingQueueHooks {
  /** Sends a status message to a request's reply subject. */
  status(reply: string, headers: Uint8Array): void;
  /** Whether anyone still listens on a request's reply subject. */
  hasInterest(subject: string): boolean;
  /** The consumer's last delivered (consumer, stream) sequences, for heartbeats. */
  lastDelivered(): readonly [number, number];
  /** Called when a request leaves the queue (the consumer may become inactive). */
  changed(): void;
}

export class WaitingQueue {
  readonly #requests: WaitingRequest[] = [];
  readonly #hooks: WaitingQueueHooks;
  max: number;

  constructor(max: number, hooks: WaitingQueueHooks) {
    this.max = max;
    this.#hooks = hooks;
  }

  get length(): number {
    return this.#requests.length;
  }

  get full(): boolean {
    return this.max > 0 && this.#requests.length >= this.max;
  }

  /** Adds a request; false when the queue is full (409 Exceeded MaxWaiting). */
  add(reply: string, request: NextRequest): boolean {
    this.#expireDue();
    if (this.full) return false;
    const wr: WaitingRequest = {
      reply,
      n: request.batch,
      b: request.maxBytes,
      d: 0,
      noWait: request.noWait,
      expires: request.expiresMs > 0 ? Date.now() + request.expiresMs : 0,
      heartbeatMs: request.heartbeatMs,
    };
    if (wr.expires > 0) {
      wr.expiryTimer = setTimeout(() => {
        this.#timeout(wr);
      }, request.expiresMs);
      wr.expiryTimer.unref();
    }
    this.#armHeartbeat(wr);
    this.#requests.push(wr);
    return true;
  }

  #armHeartbeat(wr: WaitingRequest): void {
    if (wr.heartbeatMs <= 0) return;
    if (wr.heartbeatTimer !== undefined) clearTimeout(wr.heartbeatTimer);
    wr.heartbeatTimer = setTimeout(() => {
      if (!this.#requests.includes(wr)) return;
      const [cseq, sseq] = this.#hooks.lastDelivered();
      this.#hooks.status(
        wr.reply,
        statusHeaders(100, 'Idle Heartbeat', [
          ['Nats-Last-Consumer', cseq],
          ['Nats-Last-Stream', sseq],
        ]),
      );
      this.#armHeartbeat(wr);
    }, wr.heartbeatMs);
    wr.heartbeatTimer.unref();
  }

  #timeout(wr: WaitingRequest): void {
    if (!this.#remove(wr)) return;
    this.#hooks.status(wr.reply, pendingHeaders(408, 'Request Timeout', wr.n, wr.b));
  }

  #expireDue(): void {
    const now = Date.now();
    for (const wr of [...this.#requests]) {
      if (wr.expires > 0 && wr.expires <= now) this.#timeout(wr);
    }
  }

  #remove(wr: WaitingRequest): boolean {
    const index = this.#requests.indexOf(wr);
    if (index < 0) return false;
    this.#requests.splice(index, 1);
    if (wr.expiryTimer !== undefined) clearTimeout(wr.expiryTimer);
    if (wr.heartbeatTimer !== undefined) clearTimeout(wr.heartbeatTimer);
    this.#hooks.changed();
    return true;
  }

  /** Whether some request could take a message now (without consuming it). */
  hasRequest(): boolean {
    this.#expireDue();
    return this.#requests.length > 0;
  }

  /**
   * The request a message of `size` bytes goes to (nextWaiting + pop): requests
   * whose max_bytes it exceeds get 409 Message Size Exceeds MaxBytes and leave,
   * those without interest leave silently. The chosen one is counted and moved
   * to the back (round robin), or removed when its batch is done.
   */
  take(size: number): WaitingRequest | undefined {
    const now = Date.now();
    while (this.#requests.length > 0) {
      const wr = this.#requests[0];
      if (wr.expires > 0 && wr.expires <= now) {
        this.#timeout(wr);
        continue;
      }
      if (!this.#hooks.hasInterest(wr.reply)) {
        this.#remove(wr);
        continue;
      }
      if (wr.b > 0) {
        if (size <= wr.b) {
          wr.b -= size;
          if (wr.b === 0) wr.n = 1;
        } else {
          this.#remove(wr);
          this.#hooks.status(
            wr.reply,
            pendingHeaders(409, 'Message Size Exceeds MaxBytes', wr.n, wr.b),
          );
          continue;
        }
      }
      wr.d++;
      wr.n--;
      this.#requests.shift();
      if (wr.n > 0) this.#requests.push(wr);
      else this.#remove(wr);
      this.#armHeartbeat(wr);
      return wr;
    }
    return undefined;
  }

  /** After a delivery that completed a request's batch with bytes left: 409 Batch Completed. */
  completed(wr: WaitingRequest): void {
    if (wr.n <= 0 && wr.b > 0) {
      this.#hooks.status(wr.reply, pendingHeaders(409, 'Batch Completed', wr.n, wr.b));
    }
  }

  /**
   * No message to deliver now: no_wait requests end (404 No Messages when they
   * got nothing and have no expiry, 408 Request Timeout when they got some).
   */
  endOfStream(): void {
    for (const wr of [...this.#requests]) {
      if (!wr.noWait) continue;
      if (wr.d > 0) {
        this.#remove(wr);
        this.#hooks.status(wr.reply, pendingHeaders(408, 'Request Timeout', wr.n, wr.b));
      } else if (wr.expires === 0) {
        this.#remove(wr);
        this.#hooks.status(wr.reply, statusHeaders(404, 'No Messages'));
      }
    }
  }

  /** Ends every request with this status (409 Consumer Deleted). */
  clear(code?: number, text?: string): void {
    for (const wr of [...this.#requests]) {
      this.#remove(wr);
      if (code !== undefined && text !== undefined) {
        this.#hooks.status(wr.reply, statusHeaders(code, text));
      }
    }
  }
}
