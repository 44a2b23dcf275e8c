// Active/standby between the stores on one Redis: one service lease
// (StreamLease on a fixed key). Its holder runs JetStream, the others try to
// take it every retry interval. The holder renews it well within its TTL and
// stops serving at once when a renewal fails (lost, or Redis unreachable: it
// cannot know it still holds it), so two stores never serve together for
// longer than the fencing lets the old one write, which is not at all.
// Activation and deactivation run one after the other, never overlapping.

import type { JetStreamLogger } from '@tsnats/jetstream';
import type { StreamLease } from '@tsnats/redis-log';

export interface LeadershipOptions {
  readonly lease: StreamLease;
  /** How often the holder renews (a fraction of the lease's TTL). */
  readonly renewEveryMs: number;
  /** How often a standby tries to take the lease. */
  readonly retryEveryMs: number;
  /** Start serving with this fencing token; a rejection counts as losing the lease. */
  readonly activate: (token: number) => Promise<void>;
  /** Stop serving. */
  readonly deactivate: () => Promise<void>;
  readonly logger: JetStreamLogger;
}

export class Leadership {
  readonly #options: LeadershipOptions;
  #token: number | undefined;
  /** Activation finished and the lease still held. */
  #serving = false;
  #standbyReason = 'starting';
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #tick: Promise<void> = Promise.resolve();
  #transitions: Promise<void> = Promise.resolve();

  constructor(options: LeadershipOptions) {
    this.#options = options;
  }

  /** Why JetStream does not serve here now, or undefined when it does. */
  unavailable(): string | undefined {
    if (this.#serving) return undefined;
    return this.#token === undefined ? this.#standbyReason : 'becoming active';
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops trying; resolves once no transition is running. Then the caller stops JetStream. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.#transitions;
  }

  /** Gives the lease up so a standby need not wait for its TTL. */
  async release(): Promise<void> {
    if (this.#token === undefined) return;
    this.#token = undefined;
    this.#serving = false;
    await this.#options.lease.release();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#step().finally(() => {
        this.#schedule(
          this.#token === undefined ? this.#options.retryEveryMs : this.#options.renewEveryMs,
        );
      });
    }, delayMs);
  }

  async #step(): Promise<void> {
    const { lease, logger } = this.#options;
    if (this.#token === undefined) {
      let granted: Awaited<ReturnType<StreamLease['acquire']>>;
      try {
        granted = await lease.acquire();
      } catch (error) {
        this.#standbyReason = `Redis unavailable: ${describe(error)}`;
        return;
      }
      if (granted.token === undefined) {
        this.#standbyReason = 'standby';
        return;
      }
      if (this.#stopped) return;
      const token = granted.token;
      this.#token = token;
      logger.notice(`Took the service lease (epoch ${token}): becoming active`);
      this.#transition(async () => {
        try {
          await this.#options.activate(token);
          this.#serving = this.#token === token;
        } catch (error) {
          logger.error(`Error becoming active: ${describe(error)}`);
          await this.#lost(`activation failed: ${describe(error)}`);
          await lease.release().catch(() => undefined);
        }
      });
      return;
    }
    let reason: string | undefined;
    try {
      if (!(await lease.renew())) reason = 'the service lease was taken over';
    } catch (error) {
      reason = `cannot renew the service lease: ${describe(error)}`;
    }
    if (reason === undefined) return;
    logger.error(`Stopped serving: ${reason}`);
    this.#token = undefined;
    this.#serving = false;
    this.#standbyReason = reason;
    this.#transition(() => this.#options.deactivate());
  }

  #lost(reason: string): Promise<void> {
    this.#token = undefined;
    this.#serving = false;
    this.#standbyReason = reason;
    return this.#options.deactivate();
  }

  #transition(run: () => Promise<void>): void {
    this.#transitions = this.#transitions.then(run).catch((error: unknown) => {
      this.#options.logger.error(describe(error));
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
