// replay_policy original, as nats-server's loopAndGatherMsgs (consumer.go,
// v2.10.22): until the consumer has delivered what the stream held when it
// started, each delivery waits the time between the stored times of the
// previous delivered message and this one (gaps of a millisecond or less are
// not waited). Once caught up, new messages go out as they come.

/** Waits `ms`; resolves early when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const NANOS_PER_MS = 1_000_000n;

const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

export class ReplayPacer {
  #replaying: boolean;
  /** The stream's last sequence when the consumer started: replay ends past it. */
  readonly #lastSeq: number;
  /** Stored time of the message delivered last, nanoseconds (0n: none yet). */
  #lastTime = 0n;
  readonly #abort = new AbortController();
  readonly #sleep: Sleep;

  constructor(original: boolean, streamLastSeq: number, sleepFn: Sleep = sleep) {
    this.#replaying = original;
    this.#lastSeq = streamLastSeq;
    this.#sleep = sleepFn;
  }

  get replaying(): boolean {
    return this.#replaying;
  }

  /** Before delivering a message stored at `time`: waits its gap to the previous one while replaying. */
  async pace(time: bigint): Promise<void> {
    const last = this.#lastTime;
    // Kept whether or not replaying, as nats-server tracks it.
    this.#lastTime = time;
    if (!this.#replaying || last <= 0n) return;
    const gap = time - last;
    if (gap <= NANOS_PER_MS || this.#abort.signal.aborted) return;
    await this.#sleep(Number(gap) / 1e6, this.#abort.signal);
  }

  /** Nothing more to deliver for now, the next new message being `nextSeq`: replay ends once past the start. */
  idle(nextSeq: number): void {
    if (this.#replaying && nextSeq > this.#lastSeq) this.#replaying = false;
  }

  /** The consumer stops: a wait in progress ends at once. */
  close(): void {
    this.#abort.abort();
  }
}
