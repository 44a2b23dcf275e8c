// The JetStream engine of one account: its streams, their capture subscriptions
// on the host, and the account-level operations the $JS.API handlers call
// (create, update, delete, account usage). Account creation and multi-account
// support come with accounts in the server; for now there is one account.

import { apiErrorJSON, type ApiError } from '../api/api-error.js';
import {
  JSInsufficientResourcesErr,
  JSMemoryResourcesExceededErr,
  JSStorageResourcesExceededErr,
  newJSStreamCreateError,
  newJSStreamUpdateError,
} from '../api/errors.generated.js';
import { prepareStreamConfig } from '../api/stream-update.js';
import type { StreamConfig, StreamConfigRequest } from '../api/types.js';
import { systemClock } from '../store/clock.js';
import { MemoryStore } from '../store/memory-store.js';
import type { StorageType, StreamStore } from '../store/types.js';
import type { HostMessage, JetStreamHost, JetStreamLogger } from './host.js';
import { silentJetStreamLogger } from './host.js';
import { ConsumerManager } from '../consumers/manager.js';
import type { ConsumerConfigStore } from './consumer-configs.js';
import { describe, Stream, type StreamEnvironment } from './stream.js';
import { directGetSubjects } from './subjects.js';
import { publishAdvisory, streamActionAdvisory, type AdvisoryAction } from './advisories.js';

/**
 * Opens the storage of a stream (file or memory, as `config.storage` says). The
 * store must be empty for a new stream; for a recovered one it holds its messages.
 */
export type StreamStoreFactory = (config: StreamConfig) => StreamStore | Promise<StreamStore>;

export interface JetStreamEngineOptions {
  /** jetstream { domain }: pub acks carry it, the API also answers on $JS.<domain>.API.>. */
  readonly domain?: string;
  /** jetstream { max_memory_store }: bytes, -1 or 0 for no limit. */
  readonly maxMemory?: number;
  /** jetstream { max_file_store }: bytes, -1 or 0 for no limit. */
  readonly maxStore?: number;
  /** Storage for each stream. Default: MemoryStore for every stream (file included, with a warning). */
  readonly storeFactory?: StreamStoreFactory;
  /**
   * Where durable consumers' configs are kept, so that they are created again
   * with their stream after a restart (default: nowhere, they are not).
   */
  readonly consumerConfigs?: ConsumerConfigStore;
  readonly logger?: JetStreamLogger;
  /** Wall clock in nanoseconds (tests). */
  readonly now?: () => bigint;
  /**
   * Streams and consumers may ask for num_replicas > 1: their storage is
   * replicated (store services on Redis). Without it they are refused with
   * 10074, as a nats-server that is not clustered refuses them.
   */
  readonly replicated?: boolean;
}

/** nats-server's queue group of a stream's DIRECT.GET subscriptions (leader and followers). */
export const DIRECT_GET_QUEUE = '_sys_';

/** The handler the engine calls for DIRECT.GET requests (api-handlers/direct-get.ts). */
export type DirectGetHandler = (stream: Stream, message: HostMessage, prefix: string) => void;

interface Attached {
  stream: Stream;
  unsubscribe: (() => void)[];
}

export class JetStreamEngine {
  readonly domain: string;
  /** See JetStreamEngineOptions.replicated. */
  readonly replicated: boolean;
  readonly options: JetStreamEngineOptions;
  readonly logger: JetStreamLogger;
  readonly now: () => bigint;
  readonly #streams = new Map<string, Attached>();
  readonly #storeFactory: StreamStoreFactory;
  readonly #env: StreamEnvironment;
  #host: JetStreamHost | undefined;
  #directGet: DirectGetHandler | undefined;
  #meta: Promise<unknown> = Promise.resolve();
  #warnedFile = false;
  /** Bytes stored per storage type, kept by the stores' storage update handlers. */
  readonly #used: Record<StorageType, number> = { memory: 0, file: 0 };
  /** Each stream's share of #used (released when it is deleted or stopped). */
  readonly #streamBytes = new Map<string, number>();
  /** API requests served and answered with an error (account info's `api`). */
  readonly apiStats = { total: 0, errors: 0 };
  /** The consumers of every stream. */
  readonly consumers: ConsumerManager;

  constructor(options: JetStreamEngineOptions = {}) {
    this.options = options;
    this.domain = options.domain ?? '';
    this.replicated = options.replicated === true;
    this.logger = options.logger ?? silentJetStreamLogger;
    this.now = options.now ?? (() => systemClock.now());
    this.#storeFactory = options.storeFactory ?? ((config) => this.#defaultStore(config));
    this.consumers = new ConsumerManager({
      logger: this.logger,
      now: this.now,
      configs: options.consumerConfigs,
      domain: this.domain,
    });
    this.#env = {
      domain: this.domain,
      now: this.now,
      logger: this.logger,
      consumerCount: (stream) => this.consumers.count(stream),
      appended: (stream, seq, subject) => {
        this.consumers.appended(stream, seq, subject);
      },
      publish: (message) => {
        this.#host?.publish(message);
      },
    };
  }

  #defaultStore(config: StreamConfig): StreamStore {
    if (config.storage === 'file' && !this.#warnedFile) {
      this.#warnedFile = true;
      this.logger.warn(
        'JetStream file storage is not available yet: file streams are kept in memory and lost on restart',
      );
    }
    return new MemoryStore(config);
  }

  /** Starts capturing on `host`; `directGet` answers DIRECT.GET for streams with allow_direct. */
  attach(host: JetStreamHost, directGet: DirectGetHandler): void {
    this.#host = host;
    this.#directGet = directGet;
    this.consumers.start(host);
    for (const attached of this.#streams.values()) this.#subscribe(attached);
  }

  get host(): JetStreamHost | undefined {
    return this.#host;
  }

  /** Runs account-level changes (create, update, delete) one at a time. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#meta.then(fn);
    this.#meta = result.catch(() => undefined);
    return result;
  }

  stream(name: string): Stream | undefined {
    return this.#streams.get(name)?.stream;
  }

  /** Streams sorted by name. */
  streams(): Stream[] {
    return [...this.#streams.values()]
      .map((attached) => attached.stream)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Configurations by name: what the config checks compare against. */
  configs(): Map<string, StreamConfig> {
    return new Map([...this.#streams].map(([name, { stream }]) => [name, stream.config]));
  }

  /**
   * STREAM.CREATE (`current` undefined) or STREAM.UPDATE: the checked config and
   * whether a stream was created, or the error to answer with. Call inside exclusive().
   */
  async createOrUpdate(
    request: StreamConfigRequest,
    subjectName: string,
    update: boolean,
  ): Promise<{ stream: Stream; created: boolean } | { error: ApiError }> {
    const existing = update ? this.stream(request.name ?? '') : undefined;
    const prepared = prepareStreamConfig(request, {
      streams: this.configs(),
      subjectName,
      current: existing?.config,
      clustered: this.replicated,
    });
    if (prepared.error !== undefined) return { error: prepared.error };
    const cfg = prepared.config;
    const unsupported = unsupportedFeature(cfg);
    if (unsupported !== undefined) {
      const err = `${unsupported} not supported by tsnats yet`;
      return { error: update ? newJSStreamUpdateError({ err }) : newJSStreamCreateError({ err }) };
    }
    const overLimit = this.#checkReservation(cfg, existing?.config);
    if (overLimit !== undefined) return { error: overLimit };
    if (existing !== undefined) {
      try {
        await existing.update(cfg);
      } catch (error) {
        return { error: newJSStreamUpdateError({ err: describe(error) }) };
      }
      const attached = this.#streams.get(cfg.name);
      if (attached !== undefined) this.#resubscribe(attached);
      // nats-server sends it for every update, changed or not (updateWithAdvisory).
      this.#advise(cfg.name, 'modify');
      return { stream: existing, created: false };
    }
    if (prepared.exists) {
      const stream = this.stream(cfg.name);
      if (stream !== undefined) return { stream, created: false };
    }
    let store: StreamStore;
    try {
      store = await this.#storeFactory(cfg);
    } catch (error) {
      return { error: newJSStreamCreateError({ err: describe(error) }) };
    }
    const state = await store.state();
    const stream = new Stream(cfg, store, this.#env, state.last_seq, this.now());
    this.#trackUsage(cfg, store, state.bytes);
    try {
      await this.#recover(stream, state.messages > 0);
    } catch (error) {
      this.#untrackUsage(cfg, store);
      await this.consumers.removeStream(cfg.name);
      await stream.close(false);
      return { error: newJSStreamCreateError({ err: describe(error) }) };
    }
    const attached: Attached = { stream, unsubscribe: [] };
    this.#streams.set(cfg.name, attached);
    this.#subscribe(attached);
    this.#advise(cfg.name, 'create');
    // Recovered consumers: their CREATED advisories after the stream's, as nats-server
    // recovers a stream (addStream sends it), then its consumers.
    this.consumers.announce(cfg.name);
    return { stream, created: true };
  }

  /**
   * A stream created over a store that exists already (a restart): its msg ids
   * within the duplicate window (rebuilt when first needed), then its durable
   * consumers, as nats-server recovers an account (streams, then their
   * consumers). Before the stream captures anything, so interest retention sees
   * the consumers.
   */
  async #recover(stream: Stream, hasMessages: boolean): Promise<void> {
    if (hasMessages) stream.rebuildDedupeLater();
    const consumers = await this.consumers.recover(stream);
    if (consumers > 0) {
      this.logger.notice(
        `  Restored ${String(consumers)} consumer${consumers === 1 ? '' : 's'} for stream '${stream.name}'`,
      );
    }
  }

  /** STREAM.DELETE: false when there is no such stream. Call inside exclusive(). */
  async delete(name: string): Promise<boolean> {
    const attached = this.#streams.get(name);
    if (attached === undefined) return false;
    this.#streams.delete(name);
    for (const unsubscribe of attached.unsubscribe) unsubscribe();
    // Each consumer's DELETED advisory, then the stream's (nats-server's stream.stop).
    await this.consumers.removeStream(name, true);
    this.#advise(name, 'delete');
    this.#untrackUsage(attached.stream.config, attached.stream.store);
    await attached.stream.close(true);
    return true;
  }

  /** Stops every stream (stores keep their data when they are persistent). */
  async stop(): Promise<void> {
    await this.exclusive(async () => {
      await this.consumers.stop();
      const all = [...this.#streams.values()];
      this.#streams.clear();
      for (const attached of all) {
        for (const unsubscribe of attached.unsubscribe) unsubscribe();
        this.#untrackUsage(attached.stream.config, attached.stream.store);
      }
      await Promise.all(all.map((attached) => attached.stream.close(false)));
    });
    this.#host = undefined;
  }

  /** Bytes stored per storage type, and bytes reserved by streams with max_bytes. */
  async usage(): Promise<Record<StorageType, { used: number; reserved: number }>> {
    const usage = { memory: { used: 0, reserved: 0 }, file: { used: 0, reserved: 0 } };
    for (const stream of this.streams()) {
      const tier = usage[stream.config.storage];
      try {
        tier.used += (await stream.store.state()).bytes;
      } catch {
        // A stream deleted meanwhile.
      }
      if (stream.config.max_bytes > 0) tier.reserved += stream.config.max_bytes;
    }
    return usage;
  }

  /** jetstream { max_memory_store } / { max_file_store } for `storage` (undefined: no limit). */
  limit(storage: StorageType): number | undefined {
    const max = storage === 'memory' ? this.options.maxMemory : this.options.maxStore;
    return max !== undefined && max > 0 ? max : undefined;
  }

  /** Bytes reserved by the max_bytes of the streams of `storage` (but `except`). */
  reserved(storage: StorageType, except?: string): number {
    let total = 0;
    for (const [name, { stream }] of this.#streams) {
      const cfg = stream.config;
      if (name === except || cfg.storage !== storage || cfg.max_bytes <= 0) continue;
      total += cfg.max_bytes * Math.max(1, cfg.num_replicas);
    }
    return total;
  }

  /**
   * nats-server's checkAllLimits for a single server (jetstream.go checkBytesLimits):
   * the server's reservations plus this stream's max_bytes (1 without it; the increase
   * of max_bytes for an update) must stay within max_memory_store / max_file_store.
   * The account has no limits of its own (dynamic limits, all -1).
   */
  #checkReservation(cfg: StreamConfig, old: StreamConfig | undefined): ApiError | undefined {
    const limit = this.limit(cfg.storage);
    if (limit === undefined) return undefined;
    let add: number;
    if (old === undefined) {
      add = cfg.max_bytes < 0 ? 1 : cfg.max_bytes;
    } else {
      // stream.go's update: only the increase, 0 when it shrinks (then not made 1).
      const diff = cfg.max_bytes - old.max_bytes;
      add = diff < 0 ? 0 : diff;
    }
    // js.memReserved / storeReserved: every stream's max_bytes, this one's included
    // on an update (its old value is still reserved).
    if (this.reserved(cfg.storage) + add <= limit) return undefined;
    return cfg.storage === 'memory' ? JSMemoryResourcesExceededErr : JSStorageResourcesExceededErr;
  }

  #trackUsage(cfg: StreamConfig, store: StreamStore, bytes: number): void {
    const storage = cfg.storage;
    this.#used[storage] += bytes;
    this.#streamBytes.set(cfg.name, bytes);
    store.registerStorageUpdates((_msgs, delta) => {
      this.#used[storage] += delta;
      this.#streamBytes.set(cfg.name, (this.#streamBytes.get(cfg.name) ?? 0) + delta);
    });
  }

  #untrackUsage(cfg: StreamConfig, store: StreamStore): void {
    store.registerStorageUpdates(undefined);
    this.#used[cfg.storage] -= this.#streamBytes.get(cfg.name) ?? 0;
    this.#streamBytes.delete(cfg.name);
  }

  /**
   * nats-server's processJetStreamMsg refuses a publish with 10023 once the server's
   * usage of the stream's storage type is over its limit (js.limitsExceeded: the
   * publish that goes over is stored, the next ones are refused).
   */
  #overLimit(stream: Stream): boolean {
    const limit = this.limit(stream.config.storage);
    return limit !== undefined && this.#used[stream.config.storage] > limit;
  }

  /** A STREAM.CREATED / UPDATED / DELETED advisory. */
  #advise(stream: string, action: AdvisoryAction): void {
    publishAdvisory(this.#host, streamActionAdvisory(this, stream, action));
  }

  #resubscribe(attached: Attached): void {
    for (const unsubscribe of attached.unsubscribe) unsubscribe();
    attached.unsubscribe = [];
    this.#subscribe(attached);
  }

  #subscribe(attached: Attached): void {
    const host = this.#host;
    if (host === undefined) return;
    const { stream } = attached;
    for (const subject of stream.config.subjects ?? []) {
      attached.unsubscribe.push(
        host.subscribe(subject, (message) => {
          this.#capture(stream, message);
        }),
      );
    }
    const directGet = this.#directGet;
    if (stream.config.allow_direct && directGet !== undefined) {
      for (const { subject, prefix } of directGetSubjects(stream.name, this.domain)) {
        attached.unsubscribe.push(
          host.subscribe(
            subject,
            (message) => {
              directGet(stream, message, prefix);
            },
            DIRECT_GET_QUEUE,
          ),
        );
      }
    }
  }

  #capture(stream: Stream, message: HostMessage): void {
    const reply = message.reply;
    if (this.#overLimit(stream)) {
      if (reply !== undefined && reply !== '' && !stream.config.no_ack) {
        const ack = JSON.stringify({
          error: apiErrorJSON(JSInsufficientResourcesErr),
          stream: stream.name,
          seq: 0,
        });
        this.#host?.publish({
          subject: reply,
          reply: undefined,
          headers: undefined,
          payload: new TextEncoder().encode(ack),
        });
      }
      return;
    }
    stream.capture(message).then(
      (ack) => {
        if (ack === undefined || reply === undefined || reply === '' || stream.config.no_ack)
          return;
        this.#host?.publish({
          subject: reply,
          reply: undefined,
          headers: undefined,
          payload: new TextEncoder().encode(ack),
        });
      },
      (error: unknown) => {
        this.logger.error(`JetStream stream '${stream.name}': ${describe(error)}`);
      },
    );
  }
}

/** Config features accepted by the checks that tsnats does not act on yet. */
function unsupportedFeature(cfg: StreamConfig): string | undefined {
  if (cfg.mirror !== undefined) return 'mirrors are';
  if ((cfg.sources?.length ?? 0) > 0) return 'sources are';
  return undefined;
}
