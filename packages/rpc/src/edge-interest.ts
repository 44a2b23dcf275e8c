import { Sublist } from '@tsnats/router';

interface Interest {
  readonly subject: string;
  readonly queue: string | undefined;
  count: number;
}

/**
 * What the clients of one edge are subscribed to, as the edge reports it:
 * counted per subject and queue group, in a sublist so a store can ask "does
 * this edge want messages on X" as a route peer would.
 */
export class EdgeInterest {
  readonly #sublist = new Sublist<Interest>();
  readonly #byKey = new Map<string, Interest>();

  change(subject: string, queue: string, delta: number): void {
    const key = `${subject}\u0000${queue}`;
    let interest = this.#byKey.get(key);
    if (interest === undefined) {
      if (delta <= 0) return;
      interest = { subject, queue: queue === '' ? undefined : queue, count: 0 };
      try {
        this.#sublist.insert(interest);
      } catch {
        // The edge accepted the subject, so it is valid there; a subject this
        // sublist refuses cannot match anything we publish either.
        return;
      }
      this.#byKey.set(key, interest);
    }
    interest.count += delta;
    if (interest.count <= 0) {
      this.#byKey.delete(key);
      this.#sublist.remove(interest);
    }
  }

  has(subject: string): boolean {
    return this.#sublist.hasInterest(subject);
  }

  get size(): number {
    return this.#byKey.size;
  }
}
