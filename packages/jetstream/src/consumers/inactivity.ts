// inactive_threshold (nats-server's consumer.go deleteNotActive, v2.10.22): a
// consumer with no activity (no delivery, ack or pull request, no waiting pull
// request, nobody on its deliver subject) for that long is removed.

import { nanosToMs } from './ack-tracker.js';

export class InactivityTimer {
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastActive = Date.now();

  /** `busy` says whether the consumer is in use now; `inactive` runs once the threshold passed. */
  constructor(thresholdNs: number | undefined, busy: () => boolean, inactive: () => void) {
    const threshold = nanosToMs(thresholdNs);
    if (threshold <= 0) return;
    this.#timer = setInterval(
      () => {
        if (busy()) this.touch();
        else if (Date.now() - this.#lastActive >= threshold) inactive();
      },
      Math.max(50, Math.min(threshold / 2, 1000)),
    );
    this.#timer.unref();
  }

  /** Something happened on the consumer. */
  touch(): void {
    this.#lastActive = Date.now();
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
