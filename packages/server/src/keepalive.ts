// PING/PONG keepalive of one connection, as nats-server's ping timer: a PING
// when nothing arrived within ping_interval, and the connection is stale once
// ping_max PINGs went unanswered.

/** nats-server sends the first PING to a client within 2 s of its CONNECT (firstClientPingInterval). */
export const FIRST_CLIENT_PING_MS = 2_000;

export interface KeepaliveTarget {
  /** The current ping_interval and ping_max (they change on reload). */
  limits(): { intervalMs: number; max: number };
  /** When the connection last received anything, in ms since the epoch. */
  lastActivity(): number;
  /** Whether a round-trip time is known; until it is, PINGs are not skipped. */
  hasRtt(): boolean;
  sendPing(): void;
  stale(): void;
}

export class Keepalive {
  readonly #target: KeepaliveTarget;
  #timer: NodeJS.Timeout | undefined;
  #outstanding = 0;
  #sentAt = 0;

  constructor(target: KeepaliveTarget) {
    this.#target = target;
  }

  /** Fires first within `firstMs` (or ping_interval if shorter), plus up to 20% jitter as nats-server adds. */
  start(firstMs = Number.POSITIVE_INFINITY): void {
    this.stop();
    const interval = Math.min(this.#target.limits().intervalMs, firstMs);
    this.#schedule(interval + Math.floor(Math.random() * (interval / 5)));
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A PONG arrived; returns the round-trip time in ms, or undefined if no PING was out. */
  pong(): number | undefined {
    this.#outstanding = 0;
    return this.#sentAt > 0 ? Date.now() - this.#sentAt : undefined;
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#fire();
    }, ms);
    this.#timer.unref();
  }

  #fire(): void {
    const target = this.#target;
    const { intervalMs, max } = target.limits();
    // Data from the client within the interval proves it alive; skip the PING.
    if (Date.now() - target.lastActivity() >= intervalMs || !target.hasRtt()) {
      if (this.#outstanding + 1 > max) {
        this.#timer = undefined;
        target.stale();
        return;
      }
      this.#outstanding++;
      this.#sentAt = Date.now();
      target.sendPing();
    }
    this.#schedule(intervalMs);
  }
}
