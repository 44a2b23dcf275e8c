/**
 * Collects ops and hands them over once per I/O turn (setImmediate runs after
 * every socket read of the current poll phase), so a burst of publishes from
 * many clients crosses the link as one frame instead of one write each.
 */
export class Batcher<T> {
  #ops: T[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  readonly #flush: (ops: T[]) => void;

  constructor(flush: (ops: T[]) => void) {
    this.#flush = flush;
  }

  push(op: T): void {
    this.#ops.push(op);
    this.#scheduled ??= setImmediate(() => {
      this.flush();
    });
  }

  /** Hands over what is queued now. */
  flush(): void {
    if (this.#scheduled !== undefined) {
      clearImmediate(this.#scheduled);
      this.#scheduled = undefined;
    }
    if (this.#ops.length === 0) return;
    const ops = this.#ops;
    this.#ops = [];
    this.#flush(ops);
  }

  /** Drops what is queued (the link it was for is gone). */
  clear(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    this.#ops = [];
  }
}
