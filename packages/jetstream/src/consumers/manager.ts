// The consumers of one account's streams: creation and removal, the ack and
// flow-control subscriptions ($JS.ACK.> and $JS.FC.>) routed to the consumer
// they name, new messages waking consumers up, and interest / workqueue
// retention (a message goes once every interested consumer acked it).

import type { ConsumerConfig } from '../api/types.js';
import { isStoreError } from '../store/errors.js';
import type { ConsumerConfigStore, SavedConsumer } from '../streams/consumer-configs.js';
import {
  consumerActionAdvisory,
  maxDeliveriesAdvisory,
  nakAdvisory,
  publishAdvisory,
  termReason,
  terminatedAdvisory,
  type Advisory,
} from '../streams/advisories.js';
import type { JetStreamHost, JetStreamLogger } from '../streams/host.js';
import type { Stream } from '../streams/stream.js';
import { Consumer, type ConsumerEnvironment } from './consumer.js';
import { parseAckBody, parseAckSubject, statusHeaders } from './wire.js';

export class ConsumerManager {
  readonly #byStream = new Map<string, Map<string, Consumer>>();
  readonly #logger: JetStreamLogger;
  readonly #now: () => bigint;
  readonly #advisories: { readonly domain: string; readonly now: () => bigint };
  readonly #configs: ConsumerConfigStore | undefined;
  #host: JetStreamHost | undefined;
  #unsubscribe: (() => void)[] = [];
  readonly #env: ConsumerEnvironment;

  constructor(options: {
    logger: JetStreamLogger;
    now: () => bigint;
    /** Where durable consumers' configs are kept across restarts (none: they are not). */
    configs?: ConsumerConfigStore;
    /** The JetStream domain, in advisories. */
    domain?: string;
  }) {
    this.#logger = options.logger;
    this.#now = options.now;
    this.#advisories = { domain: options.domain ?? '', now: options.now };
    this.#configs = options.configs;
    this.#env = {
      host: () => this.#host,
      logger: this.#logger,
      acked: (consumer, seqs) => {
        this.#retention(consumer, seqs);
      },
      inactive: (consumer) => {
        void this.delete(consumer.stream, consumer.name);
      },
      maxDeliveries: (consumer, seq, deliveries) => {
        this.#advise(
          maxDeliveriesAdvisory(
            this.#advisories,
            consumer.stream.name,
            consumer.name,
            seq,
            deliveries,
          ),
        );
      },
    };
  }

  start(host: JetStreamHost): void {
    this.#host = host;
    this.#unsubscribe.push(
      host.subscribe('$JS.ACK.>', (message) => {
        const ref = parseAckSubject(message.subject);
        if (ref === undefined) return;
        const consumer = this.get(ref.stream, ref.consumer);
        if (consumer === undefined) return;
        const body = parseAckBody(message.payload);
        // nats-server's processNak: before the NAK is applied (its last delivery's
        // MAX_DELIVERIES advisory comes after), for a delivery still pending.
        if (body.kind === 'nak' && consumer.awaitsAck(ref)) {
          this.#advise(nakAdvisory(this.#advisories, ref));
        }
        consumer.ack(ref, body, message.reply);
        // nats-server's processTerm: sent for every +TERM, with the ack subject's numbers.
        if (body.kind === 'term') {
          this.#advise(terminatedAdvisory(this.#advisories, ref, termReason(message.payload)));
        }
      }),
      host.subscribe('$JS.FC.>', (message) => {
        const tokens = message.subject.split('.');
        this.get(tokens[2] ?? '', tokens[3] ?? '')?.flowControlResponse(message.subject);
      }),
    );
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    const all = [...this.#byStream.values()].flatMap((consumers) => [...consumers.values()]);
    this.#byStream.clear();
    // Ephemeral consumers come back after a restart too, as in nats-server (whose
    // inactive_threshold then removes those nobody uses): their state is kept.
    await Promise.all(all.map((consumer) => consumer.close(false)));
    this.#host = undefined;
  }

  count(stream: string): number {
    return this.#byStream.get(stream)?.size ?? 0;
  }

  total(): number {
    let total = 0;
    for (const consumers of this.#byStream.values()) total += consumers.size;
    return total;
  }

  get(stream: string, name: string): Consumer | undefined {
    return this.#byStream.get(stream)?.get(name);
  }

  /** The stream's consumers sorted by name. */
  list(stream: string): Consumer[] {
    return [...(this.#byStream.get(stream)?.values() ?? [])].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  /** Configurations by name, for the config checks. */
  configs(stream: string): Map<string, ConsumerConfig> {
    return new Map(this.list(stream).map((consumer) => [consumer.name, consumer.config]));
  }

  /**
   * Creates (or, when it exists, updates) a consumer with a checked configuration.
   * Its config is saved (when there is a config store); `recovered`
   * is one saved before, created again with its creation time (its delivery and
   * ack state is in the stream store's ConsumerStore, which the consumer reads).
   */
  async create(
    stream: Stream,
    config: ConsumerConfig,
    recovered?: SavedConsumer,
  ): Promise<Consumer> {
    const name = config.durable_name || config.name || '';
    const existing = this.get(stream.name, name);
    if (existing !== undefined) {
      existing.update(config);
      this.#save(stream, existing);
      return existing;
    }
    const store = await stream.store.consumerStore(name, {
      ack_policy: config.ack_policy,
      max_deliver: config.max_deliver,
    });
    const created = recovered?.created ?? this.#now();
    const consumer = new Consumer(stream, config, store, this.#env, created);
    await consumer.start();
    let consumers = this.#byStream.get(stream.name);
    if (consumers === undefined) {
      consumers = new Map();
      this.#byStream.set(stream.name, consumers);
    }
    consumers.set(name, consumer);
    if (recovered === undefined) {
      try {
        this.#save(stream, consumer);
      } catch (error) {
        await this.delete(stream, name, false);
        throw error;
      }
      this.#adviseAction(stream.name, name, 'create');
    }
    consumer.signal();
    return consumer;
  }

  /**
   * Creates the consumers saved for a stream that was created over its stored
   * data: durable ones, and ephemeral ones, which their inactive_threshold
   * removes unless a client uses them again (nats-server's switchToEphemeral).
   */
  async recover(stream: Stream): Promise<number> {
    if (this.#configs === undefined) return 0;
    const saved = this.#configs.load(stream.config, (name, error) => {
      this.#logger.warn(
        `    Error unmarshalling consumer metafile for '${stream.name} > ${name}': ${String(error)}`,
      );
    });
    let recovered = 0;
    for (const consumer of saved) {
      try {
        await this.create(stream, consumer.config, consumer);
        recovered++;
      } catch (error) {
        this.#logger.warn(
          `    Error adding consumer '${stream.name} > ${consumer.config.durable_name ?? consumer.config.name ?? ''}': ${String(error)}`,
        );
      }
    }
    return recovered;
  }

  #save(stream: Stream, consumer: Consumer): void {
    if (this.#configs === undefined) return;
    this.#configs.save(stream.config, consumer.name, {
      config: consumer.config,
      created: consumer.created,
    });
  }

  /**
   * CONSUMER.CREATED advisories for the consumers a stream has (its recovered
   * ones: the engine calls this after the stream's own CREATED advisory).
   */
  announce(stream: string): void {
    for (const consumer of this.list(stream)) this.#adviseAction(stream, consumer.name, 'create');
  }

  #adviseAction(stream: string, consumer: string, action: 'create' | 'delete'): void {
    this.#advise(consumerActionAdvisory(this.#advisories, stream, consumer, action));
  }

  #advise(advisory: Advisory): void {
    publishAdvisory(this.#host, advisory);
  }

  /** Removes a consumer and its state (with a DELETED advisory); false when there is none. */
  async delete(stream: Stream, name: string, advisory = true): Promise<boolean> {
    const consumers = this.#byStream.get(stream.name);
    const consumer = consumers?.get(name);
    if (consumers === undefined || consumer === undefined) return false;
    consumers.delete(name);
    if (consumers.size === 0) this.#byStream.delete(stream.name);
    await consumer.close(true);
    this.#configs?.remove(stream.config, name);
    if (advisory) this.#adviseAction(stream.name, name, 'delete');
    return true;
  }

  /**
   * The stream is going away: its consumers stop (the stream store removes their
   * state); `advisory` (a STREAM.DELETE) sends each one's DELETED advisory.
   */
  async removeStream(stream: string, advisory = false): Promise<void> {
    const consumers = this.list(stream);
    this.#byStream.delete(stream);
    await Promise.all(consumers.map((consumer) => consumer.close(false)));
    if (advisory)
      for (const consumer of consumers) this.#adviseAction(stream, consumer.name, 'delete');
  }

  /** A message was stored: wake the stream's consumers. */
  appended(stream: Stream, seq: number, subject: string): void {
    for (const consumer of this.#byStream.get(stream.name)?.values() ?? []) {
      consumer.appended(seq, subject);
    }
  }

  /** A pull request for a consumer, or 503 (no responders) when there is none. */
  nextRequest(stream: string, name: string, reply: string, payload: Uint8Array): void {
    const consumer = this.get(stream, name);
    if (consumer === undefined) {
      this.#host?.publish({
        subject: reply,
        reply: undefined,
        headers: statusHeaders(503, ''),
        payload: new Uint8Array(0),
      });
      return;
    }
    consumer.nextRequest(reply, payload);
  }

  #retention(consumer: Consumer, seqs: readonly number[]): void {
    const stream = consumer.stream;
    const retention = stream.config.retention;
    if (retention === 'limits' || stream.closed) return;
    void (async () => {
      for (const seq of seqs) {
        if (retention === 'interest') {
          let subject: string;
          try {
            subject = (await stream.store.load(seq)).subject;
          } catch (error) {
            if (isStoreError(error)) continue;
            throw error;
          }
          const others = this.list(stream.name).filter((other) => other !== consumer);
          if (others.some((other) => other.needsAck(seq, subject))) continue;
        }
        await stream.deleteMessage(seq, false);
      }
    })().catch((error: unknown) => {
      if (!isStoreError(error, 'closed')) {
        this.#logger.warn(`JetStream retention on '${stream.name}': ${String(error)}`);
      }
    });
  }
}
