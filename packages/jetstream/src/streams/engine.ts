// The JetStream engine of one account: its streams, their capture subscriptions
// on the host, and the account-level operations the $JS.API handlers call
// (create, update, delete, account usage). Account creation and multi-account
// support come with accounts in the server; for now there is one account.

import type { ApiError } from '../api/api-error.js';
import { newJSStreamCreateError, newJSStreamUpdateError } from '../api/errors.generated.js';
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
}

/** Direct gets are answered by one member of this queue group per stream, as nats-server's. */
const DIRECT_GET_QUEUE = '_sys_';

/** The handler the engine calls for DIRECT.GET requests (api-handlers/direct-get.ts). */
export type DirectGetHandler = (stream: Stream, message: HostMessage, prefix: string) => void;

interface Attached {
  stream: Stream;
  unsubscribe: (() => void)[];
}

export class JetStreamEngine {
  readonly domain: string;
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
  /** API requests served and answered with an error (account info's `api`). */
  readonly apiStats = { total: 0, errors: 0 };
  /** The consumers of every stream. */
  readonly consumers: ConsumerManager;

  constructor(options: JetStreamEngineOptions = {}) {
    this.options = options;
    this.domain = options.domain ?? '';
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
    });
    if (prepared.error !== undefined) return { error: prepared.error };
    const cfg = prepared.config;
    const unsupported = unsupportedFeature(cfg);
    if (unsupported !== undefined) {
      const err = `${unsupported} not supported by tsnats yet`;
      return { error: update ? newJSStreamUpdateError({ err }) : newJSStreamCreateError({ err }) };
    }
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
    try {
      await this.#recover(stream, state.messages > 0);
    } catch (error) {
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
   * within the duplicate window, then its durable consumers, as nats-server
   * recovers an account (streams, then their consumers). Before the stream
   * captures anything, so interest retention sees the consumers.
   */
  async #recover(stream: Stream, hasMessages: boolean): Promise<void> {
    if (hasMessages) await stream.rebuildDedupe();
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
  if (cfg.subject_transform !== undefined) return 'subject transforms are';
  if (cfg.republish !== undefined) return 'republish is';
  return undefined;
}
