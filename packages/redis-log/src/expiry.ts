// max_age expiry on the store clock's timers. Sequence order is time order,
// so nothing is scanned: one timer waits for the oldest message to come of
// age, the expire script removes from the front up to the cutoff, and its
// reply (the new oldest message's time) arms the next timer.

import type { StoreClock } from '@tsnats/jetstream';

const RETRY_MS = 1000;

export class AgeExpiry {
  readonly #clock: StoreClock;
  /** Runs the expire script for everything at or before `cutoff`; re-arms through arm(). */
  readonly #expire: (cutoff: bigint) => Promise<unknown>;
  #maxAge = 0n;
  #cancel: (() => void) | undefined;
  #stopped = false;

  constructor(clock: StoreClock, expire: (cutoff: bigint) => Promise<unknown>) {
    this.#clock = clock;
    this.#expire = expire;
  }

  /** Change max_age (ns, 0 = none); with none the timer stops. */
  set maxAge(maxAge: bigint) {
    this.#maxAge = maxAge;
    if (maxAge === 0n) this.cancel();
  }

  get maxAge(): bigint {
    return this.#maxAge;
  }

  /** Expire now what is too old (the reply arms the timer). */
  expireNow(): Promise<unknown> {
    this.cancel();
    return this.#expire(this.#clock.now() - this.#maxAge);
  }

  /** The oldest message has time `firstTs` ('' = none): make sure a timer waits for it. */
  arm(firstTs: string): void {
    if (this.#cancel !== undefined || this.#maxAge === 0n || firstTs === '' || this.#stopped) {
      return;
    }
    this.#schedule(BigInt(firstTs) + this.#maxAge - this.#clock.now());
  }

  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  stop(): void {
    this.#stopped = true;
    this.cancel();
  }

  #schedule(delayNs: bigint): void {
    // Round up: firing early would only find nothing old enough and re-arm.
    const delayMs = delayNs <= 0n ? 1 : Math.ceil(Number(delayNs) / 1e6);
    this.#cancel = this.#clock.schedule(() => {
      this.#cancel = undefined;
      if (this.#stopped || this.#maxAge === 0n) return undefined;
      return this.expireNow().then(
        () => undefined,
        () => {
          // Redis is away: try again later (a timer has no caller to tell).
          if (this.#cancel === undefined && !this.#stopped) {
            this.#schedule(BigInt(RETRY_MS) * 1_000_000n);
          }
        },
      );
    }, delayMs);
  }
}
