import type { Duplex } from 'node:stream';
import { msgFrameLength, writeMsg } from '@tsnats/codec';
import type { MessageFrame } from './frame.js';

// Frames are written into a buffer of the connection's own and handed to the
// socket once per I/O turn (see Server#flushPending). The first buffer is small so
// an idle connection costs little; a busy one grows to BUSY_BUFFER_SIZE.
const MIN_BUFFER_SIZE = 1024;
const BUSY_BUFFER_SIZE = 64 * 1024;
// After a flush, the rest of the buffer is kept for the next frames only when a
// useful amount is left; otherwise a fresh one is taken next time.
const MIN_REMAINDER = 256;

export type OverflowReason = 'pending bytes' | 'write deadline';

// A producer whose message pushed a consumer past half its max_pending waits
// for that consumer, at least 100 ms and at most 1 s (client.go stallDuration).
const STALL_MIN_MS = 100;
const STALL_MAX_MS = 1000;

/** nats-server's log text for a slow consumer. */
export function slowConsumerNotice(reason: OverflowReason, limits: OutboundLimits): string {
  return reason === 'pending bytes'
    ? `Slow Consumer Detected: MaxPending of ${limits.maxPending} Exceeded`
    : `Slow Consumer Detected: WriteDeadline of ${limits.writeDeadlineMs}ms Exceeded`;
}

/** How long a fast producer waits for a consumer with `pending` bytes queued. */
export function stallDuration(pending: number, maxPending: number): number {
  if (pending >= maxPending) return STALL_MAX_MS;
  const half = maxPending / 2;
  if (pending <= half) return STALL_MIN_MS;
  return Math.min(STALL_MAX_MS, STALL_MIN_MS * (1 + Math.floor((pending - half) / (half / 10))));
}

export interface OutboundLimits {
  /** Bytes queued (here and in the socket) above which the connection is a slow consumer. */
  maxPending: number;
  /** How long a write may stay blocked before the connection is a slow consumer. */
  writeDeadlineMs: number;
}

/**
 * A connection's outgoing bytes. `reserve` hands out room for one frame; `flush`
 * gives everything written since the last flush to the socket in one write.
 * Nothing is copied twice: frames are encoded straight into the buffer that the
 * socket then sends.
 */
export class Outbound {
  readonly #stream: Duplex;
  readonly #onOverflow: (reason: OverflowReason) => void;
  #limits: OutboundLimits;
  #buffer: Buffer | undefined;
  #start = 0;
  #used = 0;
  #deadline: NodeJS.Timeout | undefined;
  #drainWaiters: (() => void)[] = [];
  #closed = false;
  /** Bytes written to the socket so far in this turn (a full buffer goes out early). */
  #turnBytes = 0;
  /** Bytes the last whole turn wrote, to size the next buffer. */
  #lastTurn = 0;

  constructor(
    stream: Duplex,
    limits: OutboundLimits,
    onOverflow: (reason: OverflowReason) => void,
  ) {
    this.#stream = stream;
    this.#limits = limits;
    this.#onOverflow = onOverflow;
    stream.on('drain', () => {
      this.#clearDeadline();
      this.#wakeDrainWaiters();
    });
  }

  set limits(limits: OutboundLimits) {
    this.#limits = limits;
  }

  /** Bytes written but not yet sent: ours plus what the socket still holds. */
  get pending(): number {
    return this.#used - this.#start + this.#stream.writableLength;
  }

  get hasUnflushed(): boolean {
    return this.#used > this.#start;
  }

  /** The buffer the last `reserve` handed out room in. */
  get buffer(): Buffer {
    return this.#buffer as Buffer;
  }

  /**
   * Room for `length` bytes: write them into `buffer` at the returned offset.
   * Returns -1 when the connection is closed or just became a slow consumer.
   */
  reserve(length: number): number {
    if (this.#closed) return -1;
    if (this.pending + length > this.#limits.maxPending) {
      this.#closed = true;
      this.#onOverflow('pending bytes');
      return -1;
    }
    let buffer = this.#buffer;
    if (buffer === undefined || buffer.length - this.#used < length) {
      // A buffer that filled up within a turn means a busy connection: the next
      // one is large at once, so a burst costs few writes (one per 64 KiB, not
      // one per KiB as sizing by the last flush alone did: 6 messages a syscall).
      const filledUp = buffer !== undefined;
      if (this.hasUnflushed && buffer !== undefined) {
        this.#stream.write(buffer.subarray(this.#start, this.#used));
        this.#turnBytes += this.#used - this.#start;
      }
      const busy = filledUp || this.#lastTurn > MIN_BUFFER_SIZE;
      const wanted = Math.max(length, busy ? BUSY_BUFFER_SIZE : 0);
      buffer = Buffer.allocUnsafe(Math.max(wanted, MIN_BUFFER_SIZE));
      this.#buffer = buffer;
      this.#start = 0;
      this.#used = 0;
    }
    const offset = this.#used;
    this.#used += length;
    return offset;
  }

  /** Appends the shared frame's MSG for `sid`; false when closed or over the limit. */
  appendFrame(frame: MessageFrame, sid: Uint8Array, withHeaders: boolean): boolean {
    const offset = this.reserve(frame.length(sid, withHeaders));
    if (offset < 0) return false;
    frame.write(this.buffer, offset, sid, withHeaders);
    return true;
  }

  /** Appends a MSG (HMSG with headers); false when closed or over the limit. */
  appendMsg(
    subject: string,
    sid: string,
    reply: string | undefined,
    headers: Uint8Array | undefined,
    payload: Uint8Array,
  ): boolean {
    const offset = this.reserve(msgFrameLength(subject, sid, reply, headers, payload.length));
    if (offset < 0) return false;
    writeMsg(this.buffer, offset, subject, sid, reply, headers, payload);
    return true;
  }

  /** Queues a frame that is already encoded. */
  append(frame: Uint8Array): void {
    const offset = this.reserve(frame.length);
    if (offset >= 0) this.buffer.set(frame, offset);
  }

  /** Hands what was written to the socket. */
  flush(): void {
    const buffer = this.#buffer;
    if (buffer === undefined || this.#closed) return;
    const length = this.#used - this.#start;
    const turn = this.#turnBytes + length;
    this.#turnBytes = 0;
    this.#lastTurn = turn;
    if (length === 0) return;
    const writable = this.#stream.write(buffer.subarray(this.#start, this.#used));
    this.#start = this.#used;
    if (buffer.length - this.#used < MIN_REMAINDER || turn < MIN_BUFFER_SIZE) {
      // Keeping a mostly-used or rarely-used buffer would pin memory for nothing.
      this.#buffer = undefined;
      this.#start = 0;
      this.#used = 0;
    }
    if (!writable) this.#armDeadline();
  }

  /**
   * Calls `waiter` once: when the socket has written everything queued, when
   * the connection closes, or after `timeoutMs`, whichever comes first.
   */
  whenDrained(timeoutMs: number, waiter: () => void): void {
    if (this.#closed) {
      waiter();
      return;
    }
    let called = false;
    const once = (): void => {
      if (called) return;
      called = true;
      clearTimeout(timer);
      waiter();
    };
    const timer = setTimeout(() => {
      // Timed out: forget the waiter, so a consumer that never drains does not collect them.
      const index = this.#drainWaiters.indexOf(once);
      if (index >= 0) this.#drainWaiters.splice(index, 1);
      once();
    }, timeoutMs);
    timer.unref();
    this.#drainWaiters.push(once);
  }

  /** Stops writing for good; later frames are dropped. */
  close(): void {
    this.#closed = true;
    this.#clearDeadline();
    this.#buffer = undefined;
    this.#wakeDrainWaiters();
  }

  #wakeDrainWaiters(): void {
    const waiters = this.#drainWaiters;
    if (waiters.length === 0) return;
    this.#drainWaiters = [];
    for (const waiter of waiters) waiter();
  }

  #armDeadline(): void {
    if (this.#deadline !== undefined || this.#limits.writeDeadlineMs <= 0) return;
    this.#deadline = setTimeout(() => {
      this.#deadline = undefined;
      if (this.#closed || this.#stream.writableLength === 0) return;
      this.#closed = true;
      this.#onOverflow('write deadline');
    }, this.#limits.writeDeadlineMs);
    this.#deadline.unref();
  }

  #clearDeadline(): void {
    if (this.#deadline !== undefined) {
      clearTimeout(this.#deadline);
      this.#deadline = undefined;
    }
  }
}
