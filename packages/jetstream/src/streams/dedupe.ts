// A stream's Nats-Msg-Id table (nats-server's ddmap): the msg ids stored within
// the duplicate window, with their sequences, in time order so expiry walks it
// from the front. Besides publishes, it is filled from the store: at a restart,
// and after a write whose outcome is unknown (see Stream's reconcile), so a
// publisher's retry of a message that was stored after all is a duplicate.

import { isStoreError } from '../store/errors.js';
import type { StoredMessage, StreamStore } from '../store/types.js';
import { JS_MSG_ID, decodeHeaders } from './headers.js';

export interface DedupeEntry {
  readonly seq: number;
  readonly time: bigint;
}

export class DedupeTable {
  readonly #entries = new Map<string, DedupeEntry>();

  /** The entry for `id` stored after `oldest` (ns), dropping older entries first. */
  check(id: string, oldest: bigint): DedupeEntry | undefined {
    if (this.#entries.size === 0) return undefined;
    for (const [key, entry] of this.#entries) {
      if (entry.time > oldest) break;
      this.#entries.delete(key);
    }
    return this.#entries.get(id);
  }

  record(id: string, seq: number, time: bigint): void {
    // Re-inserted so the map stays in time order.
    this.#entries.delete(id);
    this.#entries.set(id, { seq, time });
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.#entries.delete(id);
  }

  /**
   * Reads the stored messages `from`..`to` back: those stored after `oldest`
   * with a msg id go into the table. `visit` sees every message there is, with
   * its msg id ('' for none). Resolves how many ids were recorded.
   */
  async recall(
    store: StreamStore,
    from: number,
    to: number,
    oldest: bigint,
    visit: (message: StoredMessage, msgId: string) => void = () => undefined,
  ): Promise<number> {
    let recorded = 0;
    for (let seq = from; seq <= to; seq++) {
      let message: StoredMessage;
      try {
        message = await store.load(seq);
      } catch (error) {
        if (isStoreError(error, 'msg_not_found') || isStoreError(error, 'eof')) continue;
        throw error;
      }
      const msgId = decodeHeaders(message.headers)?.get(JS_MSG_ID) ?? '';
      if (msgId !== '' && message.time > oldest) {
        this.record(msgId, message.seq, message.time);
        recorded++;
      }
      visit(message, msgId);
    }
    return recorded;
  }
}
