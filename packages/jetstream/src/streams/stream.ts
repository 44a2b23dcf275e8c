// One stream: its configuration, its StreamStore, and the publish path of
// nats-server's processJetStreamMsg (server/stream.go, v2.10.22): sealed,
// Nats-Expected-Stream, Nats-Msg-Id dedupe within the duplicate window,
// Nats-Expected-Last-Subject-Sequence / -Last-Sequence / -Last-Msg-Id, Nats-Rollup,
// max_msg_size, then the append (limits and discard policy are the store's), and
// the PubAck written byte for byte as nats-server writes it.
//
// Everything that changes the stream (captured publishes, purges, message
// deletes, config updates) runs through one queue per stream, in arrival order,
// so header checks see the state left by the publishes before them.
//
// Publishes are processed in batches: those captured while no other work was
// queued after them (typically every publish of one socket read, or all that
// arrived while the previous batch was committing) form one queue entry. A
// batch runs the checks and appends of its messages one after the other,
// synchronously, through the store's `appendBatch` (one promise and, for
// FileStore, one file write for the batch), then resolves every ack in order in
// one go, so they reach the publisher in one socket write. A message that needs
// an asynchronous store call first (Nats-Expected-Last-Subject-Sequence,
// Nats-Rollup, interest retention without consumers) or a store without
// `appendBatch` takes the one-message path, in its place in the batch.

import { apiErrorJSON, type ApiError } from '../api/api-error.js';
import {
  JSStreamNotMatchErr,
  JSStreamSealedErr,
  newJSStreamRollupFailedError,
  newJSStreamStoreFailedError,
  newJSStreamWrongLastSequenceError,
} from '../api/errors.generated.js';
import type { StreamConfig } from '../api/types.js';
import { isStoreError } from '../store/errors.js';
import type { PurgeRequest, StoredMessage, StreamStore, SyncAppend } from '../store/types.js';
import { DedupeTable, type DedupeEntry } from './dedupe.js';
import {
  JS_EXPECTED_LAST_MSG_ID,
  JS_EXPECTED_LAST_SUBJ_SEQ,
  JS_EXPECTED_STREAM,
  JS_MSG_ID,
  JS_MSG_ROLLUP,
  decodeHeaders,
  sequenceHeader,
} from './headers.js';
import type { HostMessage, JetStreamLogger } from './host.js';
import { expectedLastError, sizeError } from './publish-checks.js';
import { Republisher } from './republish.js';
import {
  findMessage,
  readStreamState,
  type MessageQuery,
  type StateOptions,
  type StreamStateResult,
} from './stream-reads.js';
import { SubjectTransform } from './subject-transform.js';

export interface StreamEnvironment {
  /** The JetStream domain, written into pub acks when set. */
  readonly domain: string;
  readonly now: () => bigint;
  readonly logger: JetStreamLogger;
  /** Consumers of the stream (none until consumers exist): interest retention skips without them. */
  readonly consumerCount: (stream: string) => number;
  /** A message was stored (consumers wake up). */
  readonly appended?: (stream: Stream, seq: number, subject: string) => void;
  /** Publishes as the server does (republish). */
  readonly publish?: (message: HostMessage) => void;
}

const noop = (): void => undefined;

/** A captured publish waiting in a batch, and its capture promise's settlers. */
interface Captured {
  readonly message: HostMessage;
  readonly resolve: (ack: string | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/** What a batch's synchronous part stored, to undo or report once the commit is known. */
interface Segment {
  readonly lastSeq: number;
  readonly lastMsgId: string;
  /** Indices in the batch whose ack depends on the commit (stored, or a duplicate of one). */
  readonly dependent: number[];
  /** Stored messages, in order: for `appended` once committed. */
  readonly stored: { seq: number; subject: string }[];
  /** Msg ids recorded in the dedupe table. */
  readonly ids: string[];
}

export class Stream {
  #config: StreamConfig;
  readonly store: StreamStore;
  /** Creation time, nanoseconds. */
  readonly created: bigint;
  readonly #env: StreamEnvironment;
  #lastSeq: number;
  #lastMsgId = '';
  readonly #dedupe = new DedupeTable();
  /** False after a restart until the table is rebuilt (see rebuildDedupeLater). */
  #dedupeLoaded = true;
  /**
   * Set when a write failed without saying whether it was stored (a lost
   * connection, a replica that did not confirm in time): the last sequence
   * known before it. The next publish first reads back what the store has.
   */
  #unsureAfter: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The batch queued last, while nothing else was queued after it and it has not started. */
  #openBatch: Captured[] | undefined;
  #pubAckPrefix = '';
  /** The config's subject_transform, applied to captured subjects. */
  #inputTransform: SubjectTransform | undefined;
  #republisher: Republisher | undefined;
  #closed = false;

  constructor(
    config: StreamConfig,
    store: StreamStore,
    env: StreamEnvironment,
    lastSeq: number,
    created: bigint,
  ) {
    this.#config = config;
    this.store = store;
    this.#env = env;
    this.#lastSeq = lastSeq;
    // A file stream keeps its creation time across restarts (nats-server's meta).
    this.created = store.keepCreated?.(created) ?? created;
    this.#configure();
  }

  get name(): string {
    return this.#config.name;
  }

  get config(): StreamConfig {
    return this.#config;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs `fn` after everything queued on this stream before it. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    // Publishes captured after this must wait for it.
    this.#openBatch = undefined;
    const result = this.#queue.then(fn);
    this.#queue = result.then(noop, noop);
    return result;
  }

  /** Replace the configuration (already checked) and apply its limits to the store. */
  async update(config: StreamConfig): Promise<void> {
    await this.run(async () => {
      await this.store.updateConfig(config);
      this.#config = config;
      this.#configure();
    });
  }

  /** Close: queued work finishes, later publishes are dropped. */
  async close(remove: boolean): Promise<void> {
    await this.run(async () => {
      this.#closed = true;
      if (remove) await this.store.delete();
      else await this.store.stop();
    });
  }

  /** What the stream derives from its config (a checked config: the transforms are valid). */
  #configure(): void {
    const { subject_transform: transform, republish } = this.#config;
    this.#inputTransform =
      transform === undefined ? undefined : SubjectTransform.create(transform.src, transform.dest);
    this.#republisher = republish === undefined ? undefined : new Republisher(republish);
    // nats-server: fmt.Sprintf("{%q:%q, %q:", "stream", name, "seq"), domain in between.
    const name = JSON.stringify(this.#config.name);
    this.#pubAckPrefix =
      this.#env.domain === ''
        ? `{"stream":${name}, "seq":`
        : `{"stream":${name}, "domain":${JSON.stringify(this.#env.domain)}, "seq":`;
  }

  /**
   * A publish captured by the stream's subjects: store it and resolve the reply
   * body for the publisher (undefined: no reply, as nats-server sends none).
   */
  capture(captured: HostMessage): Promise<string | undefined> {
    // nats-server keeps the subject when it does not match the transform's source.
    const subject = this.#inputTransform?.match(captured.subject);
    const message = subject === undefined ? captured : { ...captured, subject };
    return new Promise<string | undefined>((resolve, reject) => {
      let batch = this.#openBatch;
      if (batch === undefined) {
        const opened: Captured[] = [];
        void this.run(() => this.#processBatch(opened));
        this.#openBatch = batch = opened;
      }
      batch.push({ message, resolve, reject });
    });
  }

  /** Stores a batch of captured publishes in order and settles their promises in order. */
  async #processBatch(batch: Captured[]): Promise<void> {
    if (this.#openBatch === batch) this.#openBatch = undefined;
    const acks: (string | undefined)[] = [];
    const failures = new Map<number, unknown>();
    try {
      while (acks.length < batch.length) {
        if (this.#unsureAfter !== undefined) {
          const failed = await this.#reconcile(this.#unsureAfter);
          if (failed !== undefined) {
            while (acks.length < batch.length) acks.push(failed);
            break;
          }
        }
        if (this.store.appendBatch !== undefined) {
          await this.#segment(batch, acks, failures);
          // A failed segment is reconciled before the next message.
          if (this.#unsureAfter !== undefined) continue;
        }
        const i = acks.length;
        if (i === batch.length) break;
        // The one-message path for what the synchronous segment left.
        try {
          acks.push(await this.#process(batch[i].message));
        } catch (error) {
          acks.push(undefined);
          failures.set(i, error);
        }
      }
    } catch (error) {
      // Not expected (the segment handles store errors): fail what is left.
      for (let i = acks.length; i < batch.length; i++) failures.set(i, error);
    }
    for (let i = 0; i < batch.length; i++) {
      if (failures.has(i)) batch[i].reject(failures.get(i));
      else batch[i].resolve(acks[i]);
    }
  }

  /**
   * From `acks.length` on: the messages that need no asynchronous store call,
   * checked and appended synchronously in one `appendBatch`, then committed
   * once. Stops before the first message that needs the one-message path.
   */
  async #segment(
    batch: readonly Captured[],
    acks: (string | undefined)[],
    failures: Map<number, unknown>,
  ): Promise<void> {
    const store = this.store;
    if (store.appendBatch === undefined) return;
    const start = acks.length;
    if (this.#needsAsync(batch[start].message)) return;
    const segment: Segment = {
      lastSeq: this.#lastSeq,
      lastMsgId: this.#lastMsgId,
      dependent: [],
      stored: [],
      ids: [],
    };
    try {
      await store.appendBatch((append) => {
        for (let i = start; i < batch.length; i++) {
          const message = batch[i].message;
          try {
            if (i > start && this.#needsAsync(message)) break;
            acks.push(this.#processNow(message, append, segment, i));
          } catch (error) {
            // Not expected (#processNow turns store errors into acks): as #process's rejection.
            acks.push(undefined);
            failures.set(i, error);
          }
        }
      });
    } catch (error) {
      // The commit failed: as when `append` rejects, the messages of this segment
      // get store-failed acks (so do duplicates of them) and are not remembered.
      this.#env.logger.error(
        `JetStream failed to store a msg on stream '${this.#config.name}': ${describe(error)}`,
      );
      this.#lastSeq = segment.lastSeq;
      this.#lastMsgId = segment.lastMsgId;
      this.#dedupe.forget(segment.ids);
      this.#unsure(error, segment.lastSeq);
      const ack = this.#errorAck(newJSStreamStoreFailedError({ err: describe(error) }));
      for (const i of segment.dependent) acks[i] = ack;
      // A store that failed before taking any message still answers the first.
      if (acks.length === start) acks.push(ack);
      return;
    }
    const appended = this.#env.appended;
    if (appended !== undefined) {
      for (const { seq, subject } of segment.stored) appended(this, seq, subject);
    }
  }

  /**
   * Whether a publish must take the one-message path: it needs the store's last
   * message on its subject (expected last subject sequence, republish's
   * Nats-Last-Sequence), a rollup purge, or a skipped sequence.
   */
  #needsAsync(message: HostMessage): boolean {
    if (this.#closed) return true;
    const cfg = this.#config;
    if (cfg.retention === 'interest' && this.#env.consumerCount(cfg.name) === 0) return true;
    if (this.#republisher?.destination(message.subject) !== undefined) return true;
    const headers = message.headers;
    if (headers === undefined) return false;
    const parsed = decodeHeaders(headers);
    if (parsed === undefined) return false;
    return (
      this.#needsDedupe(parsed) ||
      parsed.get(JS_EXPECTED_LAST_SUBJ_SEQ) !== undefined ||
      (parsed.get(JS_MSG_ROLLUP) ?? '') !== ''
    );
  }

  #errorAck(error: Readonly<ApiError>): string {
    return JSON.stringify({ error: apiErrorJSON(error), stream: this.#config.name, seq: 0 });
  }

  async #process(message: HostMessage): Promise<string | undefined> {
    if (this.#closed) return undefined;
    const cfg = this.#config;
    if (cfg.sealed) return this.#errorAck(JSStreamSealedErr);
    const { subject, headers, payload } = message;
    let msgId = '';
    let rollup: 'sub' | 'all' | undefined;
    const parsed = decodeHeaders(headers);
    if (parsed !== undefined) {
      const expectedStream = parsed.get(JS_EXPECTED_STREAM);
      if (expectedStream !== undefined && expectedStream !== '' && expectedStream !== cfg.name) {
        return this.#errorAck(JSStreamNotMatchErr);
      }
      if (this.#needsDedupe(parsed)) {
        try {
          await this.#rebuildDedupe();
        } catch (error) {
          this.#dedupeLoaded = false;
          return this.#storeFailed(error);
        }
      }
      msgId = parsed.get(JS_MSG_ID) ?? '';
      if (msgId !== '') {
        const duplicate = this.#checkMsgId(msgId);
        if (duplicate !== undefined) {
          return `${this.#pubAckPrefix}${duplicate.seq},"duplicate": true}`;
        }
      }
      const lastSubjectSeq = sequenceHeader(parsed, JS_EXPECTED_LAST_SUBJ_SEQ);
      if (lastSubjectSeq !== undefined) {
        const found = await this.#lastSeqOf(subject);
        if ((found === undefined && lastSubjectSeq !== 0) || (found ?? 0) !== lastSubjectSeq) {
          return this.#errorAck(newJSStreamWrongLastSequenceError({ seq: found ?? 0 }));
        }
      }
      const wrongLast = this.#checkExpectedLast(parsed);
      if (wrongLast !== undefined) return wrongLast;
      const rollupValue = parsed.get(JS_MSG_ROLLUP) ?? '';
      if (rollupValue !== '') {
        if (!cfg.allow_rollup_hdrs || cfg.deny_purge) {
          return this.#errorAck(newJSStreamRollupFailedError({ err: 'rollup not permitted' }));
        }
        if (rollupValue !== 'sub' && rollupValue !== 'all') {
          // nats-server drops it without a reply.
          this.#env.logger.debug(`rollup value invalid: ${JSON.stringify(rollupValue)}`);
          return undefined;
        }
        rollup = rollupValue;
      }
    }
    const tooLarge = this.#checkSize(headers, payload);
    if (tooLarge !== undefined) return tooLarge;

    const now = this.#env.now();
    let seq: number;
    let copy: HostMessage | undefined;
    if (cfg.retention === 'interest' && this.#env.consumerCount(cfg.name) === 0) {
      // No interest: the sequence is used for nothing (nats-server SkipMsg).
      seq = await this.store.skip();
    } else {
      try {
        const republish = await this.#republisher?.prepare(cfg.name, message, (last) =>
          this.#lastSeqOf(last),
        );
        const stored = await this.store.append(subject, headers, payload, { time: now });
        seq = stored.seq;
        copy = republish?.(stored);
        this.#env.appended?.(this, seq, subject);
      } catch (error) {
        this.#unsure(error, this.#lastSeq);
        return this.#storeFailed(error);
      }
    }
    this.#lastSeq = seq;
    this.#lastMsgId = msgId;
    if (msgId !== '') this.#dedupe.record(msgId, seq, now);
    if (rollup === 'sub') await this.#purge({ subject, keep: 1 });
    else if (rollup === 'all') await this.#purge({ keep: 1 });
    // After the rollup and before the ack, as nats-server sends it.
    if (copy !== undefined) this.#env.publish?.(copy);
    return `${this.#pubAckPrefix}${seq}}`;
  }

  /** Nats-Expected-Last-Sequence and -Last-Msg-Id against the stream's last publish. */
  #checkExpectedLast(parsed: NonNullable<ReturnType<typeof decodeHeaders>>): string | undefined {
    const error = expectedLastError(parsed, this.#lastSeq, this.#lastMsgId);
    return error === undefined ? undefined : this.#errorAck(error);
  }

  #checkSize(headers: Uint8Array | undefined, payload: Uint8Array): string | undefined {
    const error = sizeError(this.#config, headers, payload);
    return error === undefined ? undefined : this.#errorAck(error);
  }

  /** The error ack for a failed append; store errors are expected, others are logged. */
  #storeFailed(error: unknown): string {
    if (!isStoreError(error)) {
      this.#env.logger.error(
        `JetStream failed to store a msg on stream '${this.#config.name}': ${describe(error)}`,
      );
    }
    return this.#errorAck(newJSStreamStoreFailedError({ err: describe(error) }));
  }

  /**
   * `#process` for a publish that needs no asynchronous store call (see
   * `#needsAsync`): the same checks in the same order, the append through
   * `appendBatch`'s synchronous `append`. The ack is final unless the segment's
   * commit fails (then `segment.dependent` lists the acks to replace).
   */
  #processNow(
    message: HostMessage,
    append: SyncAppend,
    segment: Segment,
    index: number,
  ): string | undefined {
    const cfg = this.#config;
    if (cfg.sealed) return this.#errorAck(JSStreamSealedErr);
    const { subject, headers, payload } = message;
    let msgId = '';
    const parsed = decodeHeaders(headers);
    if (parsed !== undefined) {
      const expectedStream = parsed.get(JS_EXPECTED_STREAM);
      if (expectedStream !== undefined && expectedStream !== '' && expectedStream !== cfg.name) {
        return this.#errorAck(JSStreamNotMatchErr);
      }
      msgId = parsed.get(JS_MSG_ID) ?? '';
      if (msgId !== '') {
        const duplicate = this.#checkMsgId(msgId);
        if (duplicate !== undefined) {
          if (duplicate.seq > segment.lastSeq) segment.dependent.push(index);
          return `${this.#pubAckPrefix}${duplicate.seq},"duplicate": true}`;
        }
      }
      const wrongLast = this.#checkExpectedLast(parsed);
      if (wrongLast !== undefined) return wrongLast;
    }
    const tooLarge = this.#checkSize(headers, payload);
    if (tooLarge !== undefined) return tooLarge;

    const now = this.#env.now();
    let seq: number;
    try {
      seq = append(subject, headers, payload, { time: now }).seq;
    } catch (error) {
      return this.#storeFailed(error);
    }
    segment.stored.push({ seq, subject });
    segment.dependent.push(index);
    this.#lastSeq = seq;
    this.#lastMsgId = msgId;
    if (msgId !== '') {
      this.#dedupe.record(msgId, seq, now);
      segment.ids.push(msgId);
    }
    return `${this.#pubAckPrefix}${seq}}`;
  }

  /**
   * A stream created over stored messages (a restart): its Nats-Msg-Id table and
   * last msg id are rebuilt from the messages within the duplicate window, as
   * nats-server's rebuildDedupe, and as lazily: before the first publish that
   * needs them (one with Nats-Msg-Id or Nats-Expected-Last-Msg-Id), so a
   * restart does not read every recent message.
   */
  rebuildDedupeLater(): void {
    this.#dedupeLoaded = false;
  }

  async #rebuildDedupe(): Promise<void> {
    this.#dedupeLoaded = true;
    const state = await this.store.state();
    if (state.messages === 0) return;
    const window = BigInt(this.#config.duplicate_window ?? 0);
    const from =
      window > 0n ? await this.store.seqFromTime(this.#env.now() - window) : state.last_seq;
    await this.#recall(Math.max(from, state.first_seq), state.last_seq);
  }

  /** Whether a publish with these headers needs the dedupe table that is not rebuilt yet. */
  #needsDedupe(parsed: NonNullable<ReturnType<typeof decodeHeaders>>): boolean {
    return (
      !this.#dedupeLoaded &&
      (parsed.get(JS_MSG_ID) !== undefined || parsed.get(JS_EXPECTED_LAST_MSG_ID) !== undefined)
    );
  }

  /**
   * Stored messages `from`..`to` back into the dedupe table, the last one's msg
   * id as the last msg id; `found` sees each message.
   */
  #recall(from: number, to: number, found?: (message: StoredMessage) => void): Promise<number> {
    return this.#dedupe.recall(this.store, from, to, this.#oldestDedupe(), (message, msgId) => {
      if (message.seq === to) this.#lastMsgId = msgId;
      found?.(message);
    });
  }

  /** Marks the stream unsure after a failed write, unless the store said what failed. */
  #unsure(error: unknown, lastKnown: number): void {
    if (!isStoreError(error)) this.#unsureAfter ??= lastKnown;
  }

  /**
   * After a write of unknown outcome: what the store has past the last sequence
   * known then was stored after all. Its msg ids go into the dedupe table (a
   * retry is a duplicate, as the first try was stored) and consumers hear of it.
   * Resolves an error ack while the store cannot tell.
   */
  async #reconcile(after: number): Promise<string | undefined> {
    try {
      const state = await this.store.state();
      // A message found counts as stored only once it is as durable as an ack promises.
      await this.store.confirm?.();
      const from = Math.max(after + 1, state.first_seq);
      const appended = this.#env.appended;
      await this.#recall(from, state.last_seq, (message) => {
        appended?.(this, message.seq, message.subject);
      });
      this.#lastSeq = state.last_seq;
    } catch (error) {
      return this.#storeFailed(error);
    }
    this.#unsureAfter = undefined;
    return undefined;
  }

  #oldestDedupe(): bigint {
    return this.#env.now() - BigInt(this.#config.duplicate_window ?? 0);
  }

  /** The duplicate entry for `id` within the window. */
  #checkMsgId(id: string): DedupeEntry | undefined {
    return this.#dedupe.check(id, this.#oldestDedupe());
  }

  async #lastSeqOf(subject: string): Promise<number | undefined> {
    try {
      return (await this.store.loadLast(subject)).seq;
    } catch (error) {
      if (isStoreError(error, 'msg_not_found')) return undefined;
      throw error;
    }
  }

  async #purge(request: PurgeRequest): Promise<number> {
    const purged = await this.store.purge(request);
    const state = await this.store.state();
    if (state.last_seq > this.#lastSeq) this.#lastSeq = state.last_seq;
    return purged;
  }

  /** STREAM.PURGE, in order with publishes. */
  purge(request: PurgeRequest): Promise<number> {
    return this.run(() => this.#purge(request));
  }

  /** STREAM.MSG.DELETE: whether the message was there. */
  deleteMessage(seq: number, erase: boolean): Promise<boolean> {
    return this.run(() => (erase ? this.store.erase(seq) : this.store.remove(seq)));
  }

  /**
   * A message by sequence, the last on a subject, or the next at or after `seq`
   * on a subject (MSG.GET and DIRECT.GET); undefined when there is none.
   */
  getMessage(query: MessageQuery): Promise<StoredMessage | undefined> {
    return findMessage(this.store, query);
  }

  /** The stream's state as STREAM.INFO reports it. */
  state(options: StateOptions = {}): Promise<StreamStateResult> {
    return readStreamState(this.store, this.#env.consumerCount(this.name), options);
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
