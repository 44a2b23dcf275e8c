// Random numbers for the fuzzer: mulberry32, small and good enough for test inputs,
// and the small helpers built on it. Deterministic: the same seed gives the same values.

export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p * 0x100000000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

/** A string of `min` to `max` characters drawn from `chars`. */
export function text(random: Random, chars: string, min: number, max: number): string {
  let out = '';
  const length = random.between(min, max);
  for (let i = 0; i < length; i++) out += chars[random.int(chars.length)];
  return out;
}

/** `make()` half the time, otherwise undefined: an optional field. */
export function maybe<T>(random: Random, make: () => T): T | undefined {
  return random.chance(0.5) ? make() : undefined;
}
