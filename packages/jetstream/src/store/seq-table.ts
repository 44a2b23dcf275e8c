// MemoryStore's message table: messages by sequence, stored column-wise.
//
// Why not a Map of message objects with their own Uint8Arrays: with a million
// messages retained, the garbage collector's cost of a million small objects,
// bigints and typed-array backing stores dominated append (measured ~2.5 µs
// per message for Map + object + slice, ~0.36 µs for these columns; see
// memory-store.bench.ts). So:
// - Sequences are grouped in chunks of 1024. A chunk holds each slot's subject
//   (a string shared with the subject index, or undefined: no message), its
//   time (BigInt64Array) and where its bytes are (Int32Array). Chunks with no
//   message are dropped, so a large skip costs nothing.
// - Header and payload bytes are copied into 64 KiB slabs, bump-allocated and
//   never overwritten (a view handed out by `message()` keeps its bytes even
//   after the message is removed). A slab is dropped when its last message
//   goes; when dropped-but-pinned space outweighs live bytes, `compact()`
//   moves the live messages out of sparse slabs.

const CHUNK = 1024;
const META = 5; // per slot: slab id, offset, header length, payload length, accounted size
const SLAB = 64 * 1024;
/** Messages above this get a slab of their own (freed with the message). */
const LARGE = 16 * 1024;
const NO_SLAB = -1;

interface Chunk {
  readonly subjects: (string | undefined)[];
  readonly times: BigInt64Array;
  readonly meta: Int32Array;
  live: number;
}

/** What a message table entry looks like to readers. */
export interface TableMessage {
  readonly subject: string;
  readonly seq: number;
  readonly headers?: Uint8Array;
  readonly data: Uint8Array;
  readonly time: bigint;
}

class Arena {
  readonly #slabs: (Uint8Array | undefined)[] = [];
  readonly #live: number[] = [];
  readonly #freeIds: number[] = [];
  #current = NO_SLAB;
  #used = SLAB;
  /** Bytes held in slabs (live or not). */
  capacity = 0;
  /** Bytes of stored messages. */
  liveBytes = 0;

  #newSlab(size: number): number {
    const id = this.#freeIds.pop() ?? this.#slabs.length;
    this.#slabs[id] = new Uint8Array(size);
    this.#live[id] = 0;
    this.capacity += size;
    return id;
  }

  /** Room for n > 0 bytes: [slab id, offset]. */
  alloc(n: number): [number, number] {
    let id: number;
    let offset = 0;
    if (n > LARGE) {
      id = this.#newSlab(n);
    } else {
      if (this.#used + n > SLAB) {
        const previous = this.#current;
        this.#current = this.#newSlab(SLAB);
        this.#used = 0;
        // The old current slab may already be empty: nothing else will free it.
        if (previous !== NO_SLAB && this.#live[previous] === 0) this.#drop(previous);
      }
      id = this.#current;
      offset = this.#used;
      this.#used += n;
    }
    this.#live[id] += n;
    this.liveBytes += n;
    return [id, offset];
  }

  slab(id: number): Uint8Array {
    return this.#slabs[id] as Uint8Array;
  }

  free(id: number, n: number): void {
    this.#live[id] -= n;
    this.liveBytes -= n;
    if (this.#live[id] === 0 && id !== this.#current) this.#drop(id);
  }

  #drop(id: number): void {
    this.capacity -= (this.#slabs[id] as Uint8Array).length;
    this.#slabs[id] = undefined;
    this.#freeIds.push(id);
  }

  /** A shared slab less than half used, not the one being filled. */
  isSparse(id: number): boolean {
    const slab = this.#slabs[id];
    return id !== this.#current && slab?.length === SLAB && this.#live[id] < SLAB / 2;
  }

  get wasteful(): boolean {
    // 3x, not 2x: compaction scans every stored message, so it must wait for a
    // third of the live bytes to go between runs to stay O(1) per removed byte.
    return this.capacity > 3 * this.liveBytes + 4 * SLAB;
  }

  clear(): void {
    this.#slabs.length = 0;
    this.#live.length = 0;
    this.#freeIds.length = 0;
    this.#current = NO_SLAB;
    this.#used = SLAB;
    this.capacity = 0;
    this.liveBytes = 0;
  }
}

export class SeqTable {
  #chunks: (Chunk | undefined)[] = [];
  /** Chunk number of #chunks[0]. */
  #base = 0;
  #size = 0;
  readonly #arena = new Arena();

  /** Stored messages. */
  get size(): number {
    return this.#size;
  }

  #chunk(seq: number): Chunk | undefined {
    return this.#chunks[Math.floor(seq / CHUNK) - this.#base];
  }

  has(seq: number): boolean {
    return this.#chunk(seq)?.subjects[seq % CHUNK] !== undefined;
  }

  /** The subject of a stored message, or undefined. */
  subject(seq: number): string | undefined {
    return this.#chunk(seq)?.subjects[seq % CHUNK];
  }

  /** The time of a stored message (0n if none). */
  time(seq: number): bigint {
    return this.#chunk(seq)?.times[seq % CHUNK] ?? 0n;
  }

  /** The accounted size of a stored message (0 if none). */
  sizeOf(seq: number): number {
    return this.#chunk(seq)?.meta[(seq % CHUNK) * META + 4] ?? 0;
  }

  /** A stored message as an object whose bytes are views into the slabs. */
  message(seq: number): TableMessage | undefined {
    const chunk = this.#chunk(seq);
    const slot = seq % CHUNK;
    const subject = chunk?.subjects[slot];
    if (chunk === undefined || subject === undefined) return undefined;
    const meta = chunk.meta;
    const m = slot * META;
    const id = meta[m];
    const offset = meta[m + 1];
    const hlen = meta[m + 2];
    const dlen = meta[m + 3];
    const slab = id === NO_SLAB ? undefined : this.#arena.slab(id);
    return {
      subject,
      seq,
      headers: hlen > 0 ? slab?.subarray(offset, offset + hlen) : undefined,
      data:
        slab === undefined ? new Uint8Array(0) : slab.subarray(offset + hlen, offset + hlen + dlen),
      time: chunk.times[slot],
    };
  }

  /** Store a message at a sequence above every stored one; copies the bytes. */
  put(
    seq: number,
    subject: string,
    headers: Uint8Array | undefined,
    data: Uint8Array,
    time: bigint,
    size: number,
  ): void {
    const number = Math.floor(seq / CHUNK);
    if (this.#size === 0) {
      this.#chunks = [];
      this.#base = number;
    }
    const index = number - this.#base;
    while (this.#chunks.length <= index) this.#chunks.push(undefined);
    let chunk = this.#chunks[index];
    if (chunk === undefined) {
      chunk = {
        subjects: new Array<string | undefined>(CHUNK).fill(undefined),
        times: new BigInt64Array(CHUNK),
        meta: new Int32Array(CHUNK * META),
        live: 0,
      };
      this.#chunks[index] = chunk;
    }
    const slot = seq % CHUNK;
    const hlen = headers?.length ?? 0;
    const total = hlen + data.length;
    let id = NO_SLAB;
    let offset = 0;
    if (total > 0) {
      [id, offset] = this.#arena.alloc(total);
      const slab = this.#arena.slab(id);
      if (headers !== undefined && hlen > 0) slab.set(headers, offset);
      slab.set(data, offset + hlen);
    }
    const m = slot * META;
    chunk.meta[m] = id;
    chunk.meta[m + 1] = offset;
    chunk.meta[m + 2] = hlen;
    chunk.meta[m + 3] = data.length;
    chunk.meta[m + 4] = size;
    chunk.subjects[slot] = subject;
    chunk.times[slot] = time;
    chunk.live++;
    this.#size++;
  }

  /** Remove a stored message; false when there is none. */
  delete(seq: number): boolean {
    const index = Math.floor(seq / CHUNK) - this.#base;
    const chunk = this.#chunks[index];
    const slot = seq % CHUNK;
    if (chunk?.subjects[slot] === undefined) return false;
    chunk.subjects[slot] = undefined;
    const m = slot * META;
    if (chunk.meta[m] !== NO_SLAB)
      this.#arena.free(chunk.meta[m], chunk.meta[m + 2] + chunk.meta[m + 3]);
    this.#size--;
    if (--chunk.live === 0) {
      this.#chunks[index] = undefined;
      // Trim empty chunks at either end (FIFO removal empties them from the front).
      let head = 0;
      while (head < this.#chunks.length && this.#chunks[head] === undefined) head++;
      if (head > 0) {
        this.#chunks.splice(0, head);
        this.#base += head;
      }
      while (this.#chunks.length > 0 && this.#chunks[this.#chunks.length - 1] === undefined)
        this.#chunks.pop();
    }
    return true;
  }

  /** Overwrite a stored message's bytes (EraseMsg). */
  scrub(seq: number, fill: (bytes: Uint8Array) => void): void {
    const chunk = this.#chunk(seq);
    const m = (seq % CHUNK) * META;
    if (chunk === undefined || chunk.meta[m] === NO_SLAB) return;
    const offset = chunk.meta[m + 1];
    fill(
      this.#arena
        .slab(chunk.meta[m])
        .subarray(offset, offset + chunk.meta[m + 2] + chunk.meta[m + 3]),
    );
  }

  clear(): void {
    this.#chunks = [];
    this.#size = 0;
    this.#arena.clear();
  }

  /**
   * Visit stored sequences in [from, to] ascending until `visit` returns true.
   * Skips missing chunks whole, so sparse ranges cost per chunk, not per sequence.
   */
  scan(from: number, to: number, visit: (seq: number, subject: string) => boolean): void {
    const chunks = this.#chunks;
    if (chunks.length === 0) return;
    from = Math.max(from, this.#base * CHUNK);
    to = Math.min(to, (this.#base + chunks.length) * CHUNK - 1);
    for (let seq = from; seq <= to;) {
      const number = Math.floor(seq / CHUNK);
      const chunk = chunks[number - this.#base];
      const chunkEnd = Math.min(to, number * CHUNK + CHUNK - 1);
      if (chunk !== undefined) {
        const subjects = chunk.subjects;
        for (let slot = seq - number * CHUNK; seq <= chunkEnd; seq++, slot++) {
          const subject = subjects[slot];
          if (subject !== undefined && visit(seq, subject)) return;
        }
      }
      seq = chunkEnd + 1;
    }
  }

  /** Visit stored sequences in [from, to] descending until `visit` returns true. */
  scanBack(from: number, to: number, visit: (seq: number, subject: string) => boolean): void {
    const chunks = this.#chunks;
    if (chunks.length === 0) return;
    from = Math.max(from, this.#base * CHUNK);
    to = Math.min(to, (this.#base + chunks.length) * CHUNK - 1);
    for (let seq = to; seq >= from;) {
      const number = Math.floor(seq / CHUNK);
      const chunk = chunks[number - this.#base];
      const chunkStart = Math.max(from, number * CHUNK);
      if (chunk !== undefined) {
        for (; seq >= chunkStart; seq--) {
          const subject = chunk.subjects[seq % CHUNK];
          if (subject !== undefined && visit(seq, subject)) return;
        }
      }
      seq = chunkStart - 1;
    }
  }

  /**
   * When slabs hold much more than the live bytes (messages removed out of
   * order pin their slabs), copy the live messages out of sparse slabs so those
   * can be dropped. O(stored), and only after about as many bytes were removed.
   */
  compact(): void {
    const arena = this.#arena;
    if (!arena.wasteful) return;
    for (const chunk of this.#chunks) {
      if (chunk === undefined) continue;
      for (let slot = 0; slot < CHUNK; slot++) {
        const m = slot * META;
        const id = chunk.meta[m];
        if (chunk.subjects[slot] === undefined || id === NO_SLAB || !arena.isSparse(id)) continue;
        const offset = chunk.meta[m + 1];
        const n = chunk.meta[m + 2] + chunk.meta[m + 3];
        const bytes = arena.slab(id).subarray(offset, offset + n);
        const [to, at] = arena.alloc(n);
        arena.slab(to).set(bytes, at);
        arena.free(id, n);
        chunk.meta[m] = to;
        chunk.meta[m + 1] = at;
      }
    }
  }

  /** Slab bytes held, and the part of them stored messages use. */
  get memory(): { capacity: number; live: number } {
    return { capacity: this.#arena.capacity, live: this.#arena.liveBytes };
  }
}
