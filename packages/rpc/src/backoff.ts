/**
 * Reconnect delays: doubling from `initialMs` to `maxMs`, each with up to 20%
 * jitter so edges that lost the same store do not come back in lockstep.
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #next: number;

  constructor(initialMs = 100, maxMs = 5_000) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#next = initialMs;
  }

  delay(): number {
    const base = this.#next;
    this.#next = Math.min(this.#maxMs, base * 2);
    return Math.round(base * (0.8 + Math.random() * 0.2));
  }

  reset(): void {
    this.#next = this.#initialMs;
  }
}
