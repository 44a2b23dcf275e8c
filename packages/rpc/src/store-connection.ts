// The edge's link to one store service: a Link call carrying the edge's
// client interest and the messages for the store's subscriptions, and
// bringing back the store's subscriptions and the messages it publishes. When
// the call fails the store's subscriptions go away at once (clients then get
// no-responders, never a hang) and the link is opened again with backoff.

import {
  makeGenericClientConstructor,
  credentials,
  type Client,
  type ClientDuplexStream,
} from '@grpc/grpc-js';
import { silentJetStreamLogger, type JetStreamLogger } from '@tsnats/jetstream';
import { Backoff } from './backoff.js';
import { Batcher } from './batcher.js';
import type { EdgeHost, PeerOrigin } from './edge-host.js';
import { clientChannelOptions } from './keepalive.js';
import type { PendingRequests } from './link-metrics.js';
import { fromMsg, toMsg } from './message.js';
import {
  streamStorageService,
  type EdgeFrame,
  type EdgeOp,
  type StoreFrame,
  type StoreOp,
} from './protocol.js';
import { callMetadata } from './trace-context.js';

type LinkCall = ClientDuplexStream<EdgeFrame, StoreFrame>;

interface StorageClient extends Client {
  link(metadata: ReturnType<typeof callMetadata>): LinkCall;
}

const StorageClientConstructor = makeGenericClientConstructor(
  streamStorageService,
  'StreamStorage',
);

export interface StoreConnectionOptions {
  readonly address: string;
  readonly host: EdgeHost;
  readonly logger?: JetStreamLogger;
  readonly backoff?: Backoff;
  /** Called when servesApi changes. */
  readonly onServesApiChange?: () => void;
  /** Where the store's answer times are recorded (LinkMetrics.forStore). */
  readonly pending?: PendingRequests;
}

/** The subscription through which a store serves the JetStream API. */
const API_SUBJECT = '$JS.API.>';

export class StoreConnection {
  readonly address: string;
  /** The store's server name once its hello arrived on the current link. */
  storeName: string | undefined;
  readonly #host: EdgeHost;
  readonly #logger: JetStreamLogger;
  readonly #backoff: Backoff;
  readonly #client: StorageClient;
  readonly #origin: PeerOrigin;
  readonly #subs = new Map<number, () => void>();
  /** Ids of the store's subscriptions to the API. */
  readonly #apiSubs = new Set<number>();
  readonly #onServesApiChange: () => void;
  readonly #pending: PendingRequests | undefined;
  readonly #out: Batcher<EdgeOp>;
  #call: LinkCall | undefined;
  #unwatch: (() => void) | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #wasConnected = false;
  #settleFirst: (() => void) | undefined;

  constructor(options: StoreConnectionOptions) {
    this.address = options.address;
    this.#host = options.host;
    this.#logger = options.logger ?? silentJetStreamLogger;
    this.#backoff = options.backoff ?? new Backoff();
    this.#onServesApiChange = options.onServesApiChange ?? (() => undefined);
    this.#pending = options.pending;
    this.#origin = options.host.newOrigin();
    this.#client = new StorageClientConstructor(
      options.address,
      credentials.createInsecure(),
      clientChannelOptions,
    ) as unknown as StorageClient;
    this.#out = new Batcher((ops) => {
      const call = this.#call;
      if (call !== undefined && !call.writableEnded) call.write({ ops });
    });
  }

  get connected(): boolean {
    return this.storeName !== undefined;
  }

  /** Whether the store serves the JetStream API now (an active store, not a standby). */
  get servesApi(): boolean {
    return this.#apiSubs.size > 0;
  }

  /** Opens the link; resolves once the first attempt connected or failed (then it keeps retrying). */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.#settleFirst = resolve;
      this.#open();
    });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const call = this.#call;
    this.#teardown();
    call?.end();
    this.#client.close();
    this.#settle();
  }

  #open(): void {
    const call = this.#client.link(callMetadata(undefined));
    this.#call = call;
    call.on('data', (frame: StoreFrame) => {
      if (this.#call === call) this.#apply(frame.ops ?? []);
    });
    call.on('error', (error: Error) => {
      this.#lost(call, error.message);
    });
    call.on('end', () => {
      this.#lost(call, 'the store ended the link');
    });
    this.#out.push({
      hello: { edgeId: this.#host.serverId, serverName: this.#host.serverName ?? '' },
    });
    this.#unwatch = this.#host.watchInterest((subject, queue, delta) => {
      this.#out.push({ interest: { subject, queue: queue ?? '', delta } });
    });
  }

  #apply(ops: readonly StoreOp[]): void {
    const host = this.#host;
    for (const op of ops) {
      if (op.publish != null) {
        const message = fromMsg(op.publish);
        this.#pending?.answered(message.subject);
        host.publish(message, this.#origin);
      } else if (op.deliver != null) {
        const deliverTo = op.deliver.deliverTo ?? '';
        this.#pending?.answered(deliverTo);
        host.deliver(deliverTo, fromMsg(op.deliver.msg), this.#origin);
      } else if (op.subscribe != null) {
        this.#subscribe(
          op.subscribe.sub ?? 0,
          op.subscribe.subject ?? '',
          op.subscribe.queue ?? '',
        );
      } else if (op.unsubscribe != null) {
        this.#subs.get(op.unsubscribe)?.();
        this.#subs.delete(op.unsubscribe);
        if (this.#apiSubs.delete(op.unsubscribe) && this.#apiSubs.size === 0) {
          this.#onServesApiChange();
        }
      } else if (op.hello != null) {
        this.storeName = op.hello.serverName ?? '';
        this.#backoff.reset();
        this.#logger.notice(
          `JetStream store "${this.storeName}" ${this.#wasConnected ? 'reconnected' : 'connected'} at ${this.address}`,
        );
        this.#wasConnected = true;
        this.#settle();
      }
    }
  }

  #subscribe(id: number, subject: string, queue: string): void {
    if (this.#subs.has(id)) return;
    const unsubscribe = this.#host.subscribe(
      subject,
      (message, origin) => {
        // What this store published comes back through routing: not to it again.
        if (origin === this.#origin) return;
        const reply = message.reply;
        if (reply !== undefined && reply !== '') this.#pending?.forwarded(message.subject, reply);
        this.#out.push({ deliver: { sub: id, msg: toMsg(message) } });
      },
      queue === '' ? undefined : queue,
    );
    this.#subs.set(id, unsubscribe);
    if (subject === API_SUBJECT) {
      this.#apiSubs.add(id);
      if (this.#apiSubs.size === 1) this.#onServesApiChange();
    }
  }

  #lost(call: LinkCall, reason: string): void {
    if (this.#call !== call) return;
    const wasUp = this.connected;
    this.#teardown();
    this.#settle();
    if (this.#stopped) return;
    const delay = this.#backoff.delay();
    if (wasUp) this.#logger.warn(`JetStream store at ${this.address} lost: ${reason}`);
    else this.#logger.debug(`JetStream store at ${this.address} unavailable: ${reason}`);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#stopped) this.#open();
    }, delay);
    this.#retry.unref();
  }

  #teardown(): void {
    this.#call = undefined;
    this.storeName = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#out.clear();
    this.#pending?.clear();
    for (const unsubscribe of this.#subs.values()) unsubscribe();
    this.#subs.clear();
    if (this.#apiSubs.size > 0) {
      this.#apiSubs.clear();
      this.#onServesApiChange();
    }
  }

  #settle(): void {
    const settle = this.#settleFirst;
    this.#settleFirst = undefined;
    settle?.();
  }
}
