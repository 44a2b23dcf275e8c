// /metrics: the server's counters and JetStream's streams and consumers in the
// Prometheus text format, named as prometheus-nats-exporter names them
// (gnatsd_varz_* from /varz, jetstream_* from /jsz) so existing dashboards and
// alerts keep working. Everything is read when Prometheus scrapes, into a
// registry of our own: the process-wide default registry stays the app's.
import { Gauge, Registry } from 'prom-client';
import type { NatsServer } from '@tsnats/server';
import { jsz, type JSInfo, type JszOptions } from './jsz.js';
import type { JetStreamSource } from './jetstream-source.js';

/** /varz fields exported as gnatsd_varz_<field>, each with the server's id. */
const VARZ = {
  connections: 'Current number of client connections',
  total_connections: 'Client connections accepted since the server started',
  subscriptions: 'Current number of subscriptions',
  in_msgs: 'Messages received from clients',
  out_msgs: 'Messages sent to clients',
  in_bytes: 'Payload bytes received from clients',
  out_bytes: 'Payload bytes sent to clients',
  slow_consumers: 'Connections closed as slow consumers',
} as const;

const SERVER_LABELS = ['server_id', 'server_name', 'domain'] as const;
const STREAM_LABELS = [...SERVER_LABELS, 'account', 'stream_name'] as const;
const CONSUMER_LABELS = [...STREAM_LABELS, 'consumer_name'] as const;

/** /jsz as the exporter's "all" mode asks for it. */
const EVERYTHING: JszOptions = {
  account: '',
  accounts: true,
  streams: true,
  consumers: true,
  config: false,
  leaderOnly: false,
  offset: 0,
  limit: 0,
  raft: false,
  streamLeaderOnly: false,
};

type Labels<N extends readonly string[]> = Record<N[number], string>;

export class MonitoringMetrics {
  readonly registry = new Registry();
  readonly #server: NatsServer;
  readonly #jetstream: JetStreamSource | undefined;
  readonly #varz: Record<keyof typeof VARZ, Gauge<'server_id'>>;
  readonly #js: Record<string, Gauge<(typeof SERVER_LABELS)[number]>>;
  readonly #streams: Record<string, Gauge<(typeof STREAM_LABELS)[number]>>;
  readonly #consumers: Record<string, Gauge<(typeof CONSUMER_LABELS)[number]>>;

  /** Registries of other parts (the split edge's link to its stores), shown after ours. */
  readonly #others: readonly Registry[];

  constructor(server: NatsServer, jetstream?: JetStreamSource, others: readonly Registry[] = []) {
    this.#server = server;
    this.#jetstream = jetstream;
    this.#others = others;
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
      new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
    this.#varz = Object.fromEntries(
      Object.entries(VARZ).map(([field, help]) => [
        field,
        gauge(`gnatsd_varz_${field}`, help, ['server_id']),
      ]),
    ) as Record<keyof typeof VARZ, Gauge<'server_id'>>;
    const server_ = (name: string, help: string) =>
      gauge(`jetstream_server_${name}`, help, SERVER_LABELS);
    this.#js = {
      disabled: server_('jetstream_disabled', 'JetStream disabled (1) or not (0)'),
      streams: server_('total_streams', 'Total number of streams in JetStream'),
      consumers: server_('total_consumers', 'Total number of consumers in JetStream'),
      messages: server_('total_messages', 'Total number of stored messages in JetStream'),
      bytes: server_('total_message_bytes', 'Total number of bytes stored in JetStream'),
      maxMemory: server_('max_memory', 'JetStream max memory'),
      maxStorage: server_('max_storage', 'JetStream max storage'),
    };
    const stream = (name: string, help: string) =>
      gauge(`jetstream_stream_${name}`, help, STREAM_LABELS);
    this.#streams = {
      messages: stream('total_messages', 'Total number of messages in a stream'),
      bytes: stream('total_bytes', 'Total stored bytes of a stream'),
      firstSeq: stream('first_seq', 'First sequence of a stream'),
      lastSeq: stream('last_seq', 'Last sequence of a stream'),
      consumers: stream('consumer_count', 'Number of consumers of a stream'),
    };
    const consumer = (name: string, help: string) =>
      gauge(`jetstream_consumer_${name}`, help, CONSUMER_LABELS);
    this.#consumers = {
      pending: consumer('num_pending', 'Messages of the stream the consumer has yet to deliver'),
      ackPending: consumer('num_ack_pending', 'Messages delivered and not acknowledged yet'),
      redelivered: consumer('num_redelivered', 'Messages redelivered by a consumer'),
      waiting: consumer('num_waiting', 'Pull requests waiting on a consumer'),
      deliveredConsumerSeq: consumer('delivered_consumer_seq', 'Last consumer sequence delivered'),
      deliveredStreamSeq: consumer('delivered_stream_seq', 'Last stream sequence delivered'),
      ackFloorConsumerSeq: consumer('ack_floor_consumer_seq', 'Consumer sequence of the ack floor'),
      ackFloorStreamSeq: consumer('ack_floor_stream_seq', 'Stream sequence of the ack floor'),
    };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads the current values and renders them in the exposition format. */
  async scrape(): Promise<string> {
    this.#collectVarz();
    await this.#collectJetStream();
    const parts = await Promise.all([this.registry, ...this.#others].map((r) => r.metrics()));
    return parts.join('');
  }

  #collectVarz(): void {
    const server = this.#server;
    const stats = server.stats;
    const values: Record<keyof typeof VARZ, number> = {
      connections: server.clients.size,
      total_connections: stats.totalConnections,
      subscriptions: server.sublist.count(),
      in_msgs: stats.inMsgs,
      out_msgs: stats.outMsgs,
      in_bytes: stats.inBytes,
      out_bytes: stats.outBytes,
      slow_consumers: stats.slowConsumers,
    };
    for (const [field, value] of Object.entries(values)) {
      this.#varz[field as keyof typeof VARZ].set({ server_id: server.serverId }, value);
    }
  }

  async #collectJetStream(): Promise<void> {
    const info = await jsz(this.#server, this.#jetstream, EVERYTHING);
    // Streams and consumers deleted since the last scrape must not linger.
    for (const metric of [...Object.values(this.#streams), ...Object.values(this.#consumers)]) {
      metric.reset();
    }
    const labels: Labels<typeof SERVER_LABELS> = {
      server_id: this.#server.serverId,
      server_name: this.#server.serverName,
      domain: info.config.domain ?? '',
    };
    this.#setServer(info, labels);
    for (const account of info.account_details ?? []) {
      for (const stream of account.stream_detail ?? []) {
        const streamLabels = { ...labels, account: account.name, stream_name: stream.name };
        const s = this.#streams;
        s.messages.set(streamLabels, stream.state.messages);
        s.bytes.set(streamLabels, stream.state.bytes);
        s.firstSeq.set(streamLabels, stream.state.first_seq);
        s.lastSeq.set(streamLabels, stream.state.last_seq);
        s.consumers.set(streamLabels, stream.state.consumer_count);
        for (const consumer of stream.consumer_detail ?? []) {
          const at = { ...streamLabels, consumer_name: consumer.name };
          const c = this.#consumers;
          c.pending.set(at, consumer.num_pending);
          c.ackPending.set(at, consumer.num_ack_pending);
          c.redelivered.set(at, consumer.num_redelivered);
          c.waiting.set(at, consumer.num_waiting);
          c.deliveredConsumerSeq.set(at, consumer.delivered.consumer_seq);
          c.deliveredStreamSeq.set(at, consumer.delivered.stream_seq);
          c.ackFloorConsumerSeq.set(at, consumer.ack_floor.consumer_seq);
          c.ackFloorStreamSeq.set(at, consumer.ack_floor.stream_seq);
        }
      }
    }
  }

  #setServer(info: JSInfo, labels: Labels<typeof SERVER_LABELS>): void {
    const js = this.#js;
    for (const metric of Object.values(js)) metric.reset();
    js.disabled.set(labels, info.disabled === true ? 1 : 0);
    js.streams.set(labels, info.streams);
    js.consumers.set(labels, info.consumers);
    js.messages.set(labels, info.messages);
    js.bytes.set(labels, info.bytes);
    js.maxMemory.set(labels, info.config.max_memory);
    js.maxStorage.set(labels, info.config.max_storage);
  }
}
