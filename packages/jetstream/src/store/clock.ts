// Clocks for stores: the real one, and a manual one tests drive.

import type { StoreClock } from './types.js';

// Date.now() has millisecond resolution, and consecutive messages must get
// distinct, ordered nanosecond times (nats-server's TestMemStoreTimeStamps), so the
// wall clock is read once and nanoseconds are counted from there on the
// monotonic high-resolution clock. The cost: a wall-clock step (NTP) after
// startup is not followed; times stay monotonic, which max_age and
// seqFromTime want anyway.
const wallClockBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** The process's clock: ns since the epoch, unref'd timers. */
export const systemClock: StoreClock = {
  now: () => wallClockBase + process.hrtime.bigint(),
  schedule(fn, delayMs) {
    const timer = setTimeout(() => void fn(), delayMs);
    timer.unref();
    return () => {
      clearTimeout(timer);
    };
  },
};

interface ManualTimer {
  readonly id: number;
  readonly due: bigint;
  readonly fn: () => void | Promise<void>;
}

/**
 * A clock that moves only when told. `advance` runs the timers that come due,
 * in due order, awaiting each (so an async backend's expiry finishes before the
 * test looks).
 */
export class ManualClock implements StoreClock {
  #now: bigint;
  #timers: ManualTimer[] = [];
  #nextId = 1;

  /** Start at `startNs` (default: 2024-01-01T00:00:00Z, a realistic ns value). */
  constructor(startNs = 1_704_067_200_000_000_000n) {
    this.#now = startNs;
  }

  now(): bigint {
    return this.#now;
  }

  schedule(fn: () => void | Promise<void>, delayMs: number): () => void {
    const id = this.#nextId++;
    const due = this.#now + BigInt(Math.max(0, Math.ceil(delayMs))) * 1_000_000n;
    this.#timers.push({ id, due, fn });
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id);
    };
  }

  /** Timers not yet run. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Move time forward by `ms` milliseconds and run what comes due. */
  async advance(ms: number): Promise<void> {
    await this.advanceNs(BigInt(Math.round(ms * 1e6)));
  }

  /** Move time forward by `ns` nanoseconds and run what comes due. */
  async advanceNs(ns: bigint): Promise<void> {
    const target = this.#now + ns;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.#timers) {
        if (t.due <= target && (next === undefined || t.due < next.due)) next = t;
      }
      if (next === undefined) break;
      const chosen = next;
      this.#timers = this.#timers.filter((t) => t.id !== chosen.id);
      if (chosen.due > this.#now) this.#now = chosen.due;
      await chosen.fn();
    }
    this.#now = target;
  }
}
