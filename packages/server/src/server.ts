import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerOptions } from '@tsnats/config';
import { pickQueueMember, Sublist, type MatchResult } from '@tsnats/router';
import { Authenticator } from './auth/index.js';
import { ClientConnection } from './client.js';
import type { ConnectionOrigin } from './connection-origin.js';
import type { ClientHost } from './client-host.js';
import { CloseReason } from './close-reason.js';
import { ClosedConnections } from './closed-connections.js';
import { MessageFrame } from './frame.js';
import { clientInfo, newServerId, type InfoTemplate } from './info.js';
import { InterestFeed, type InterestListener } from './interest-feed.js';
import { InternalSubscriber, type InternalHandler } from './internal.js';
import { silentLogger, type Logger } from './logger.js';
import { ServerStats } from './stats.js';
import type { Message, ServerSubscription, Subscriber } from './subscription.js';

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Accepts a raw socket before it becomes a client connection: TLS wraps it here
 * after the plaintext INFO, as NATS's protocol does. Returns the stream to read,
 * and whether INFO went out already; undefined when the socket was rejected.
 */
export type SocketUpgrade = (
  socket: Socket,
  sendInfo: (stream: Duplex) => void,
) => Promise<{ stream: Duplex; kind: ConnectionOrigin['kind']; infoSent: boolean } | undefined>;

export interface NatsServerDeps {
  logger?: Logger;
  /** For TLS: see SocketUpgrade. */
  upgrade?: SocketUpgrade;
  /** Extra INFO flags the TLS layer decides (tls_required, tls_verify, tls_available). */
  tlsInfo?: { required: boolean; verify: boolean; available: boolean };
}

/**
 * The broker core: a client listener, the connections, the subscription trie,
 * and delivery. Everything a connection asks of its server goes through the
 * ClientHost methods below.
 */
/** Microtask flushes per event loop turn before the rest wait for the turn's end. */
const QUICK_FLUSHES_PER_TURN = 4;

export class NatsServer implements ClientHost {
  readonly serverId = newServerId();
  readonly logger: Logger;
  readonly sublist = new Sublist<ServerSubscription>();
  readonly interest = new InterestFeed();
  readonly stats = new ServerStats();
  readonly clients = new Map<number, ClientConnection>();
  readonly closed = new ClosedConnections();
  sharedFrame: MessageFrame | undefined;
  readonly #frame = new MessageFrame();
  /** The origin of the message `route` is choosing queue members for. */
  #routeOrigin: Subscriber | undefined;
  readonly #queueMemberAvailable = (sub: ServerSubscription): boolean =>
    !sub.closed && sub.subscriber.open && !sub.subscriber.refuses(this.#routeOrigin);
  /** Set by the app once the monitoring listener is up: /varz reports it. */
  monitorAddress: ListenAddress | undefined;
  /** Set by the websocket listener: INFO for websocket clients names it. */
  websocketAddress: ListenAddress | undefined;
  /** Whether the websocket listener uses TLS (its clients' INFO says tls_required). */
  websocketTls = false;

  #options: ServerOptions;
  #authenticator: Authenticator;
  readonly #deps: NatsServerDeps;
  #listener: NetServer | undefined;
  #address: ListenAddress | undefined;
  #nextClientId = 1;
  /** Internal subscriptions reported to interest watchers (see subscribeInternal). */
  readonly #announced = new Set<ServerSubscription>();
  #dirty: ClientConnection[] = [];
  #flushScheduled = false;
  /** Flushes at the end of a microtask in this turn of the event loop (see #scheduleFlush). */
  #quickFlushes = 0;
  #lameDuck = false;
  #shuttingDown = false;
  #stopped!: () => void;
  /** Resolves once the server has shut down. */
  readonly done = new Promise<void>((resolve) => {
    this.#stopped = resolve;
  });

  constructor(options: ServerOptions, deps: NatsServerDeps = {}) {
    this.#options = options;
    this.#deps = deps;
    this.logger = deps.logger ?? silentLogger;
    this.#authenticator = new Authenticator(options);
  }

  get options(): ServerOptions {
    return this.#options;
  }

  get authenticator(): Authenticator {
    return this.#authenticator;
  }

  get serverName(): string {
    return this.#options.serverName === '' ? this.serverId : this.#options.serverName;
  }

  get lameDuck(): boolean {
    return this.#lameDuck;
  }

  get running(): boolean {
    return this.#listener !== undefined && !this.#shuttingDown;
  }

  /** Where clients connect; available after `start`. */
  get clientAddress(): ListenAddress {
    if (this.#address === undefined) throw new Error('the server is not listening');
    return this.#address;
  }

  /** Opens the client listener. Port -1 picks a free port. */
  async start(): Promise<void> {
    const options = this.#options;
    const listener = createServer({ noDelay: true }, (socket) => {
      this.#onSocket(socket);
    });
    const port = options.port === -1 ? 0 : options.port;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen({ host: options.host, port, backlog: 4096 }, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    listener.on('error', (error) => {
      this.logger.error(`Client listener error: ${error.message}`);
    });
    this.#listener = listener;
    const bound = listener.address() as AddressInfo;
    this.#address = { host: options.host, port: bound.port };
    this.stats.started = new Date();
    this.logger.notice(`Listening for client connections on ${hostPort(options.host, bound.port)}`);
  }

  /**
   * Turns an accepted stream into a client connection (TCP, TLS or WebSocket).
   * When the INFO went out before (the TLS upgrade sends it in plaintext), pass
   * the id and nonce it carried so the connection keeps them.
   */
  accept(
    stream: Duplex,
    origin: ConnectionOrigin,
    options: { infoSent?: boolean; id?: number; nonce?: string } = {},
  ): ClientConnection | undefined {
    if (this.#lameDuck || this.#shuttingDown) {
      // A handshake that finished after the listener closed (createClientEx's check).
      stream.destroy();
      return undefined;
    }
    const id = options.id ?? this.#nextClientId++;
    const nonce = options.infoSent === true ? options.nonce : this.#newNonce();
    const client = new ClientConnection(this, id, stream, origin, nonce);
    this.stats.totalConnections++;
    if (this.clients.size >= this.#options.maxConnections) {
      // nats-server sends INFO first, then the error.
      if (options.infoSent !== true) client.sendInfo();
      this.logger.error(`${origin.remoteAddress ?? '?'} - maximum connections exceeded`);
      client.fail('maximum connections exceeded', CloseReason.MaxConnectionsExceeded);
      this.flushDirty();
      return undefined;
    }
    this.clients.set(id, client);
    client.start(options);
    this.flushDirty();
    return client;
  }

  /**
   * Builds the INFO frame a new client gets. WebSocket clients are told the
   * websocket listener's port and TLS, as nats-server's generateClientInfoJSON does.
   */
  infoFor(
    clientId: number,
    clientIp: string | undefined,
    nonce: string | undefined,
    kind: ConnectionOrigin['kind'] = 'tcp',
  ): Uint8Array {
    const template = this.#infoTemplate();
    const websocket = this.websocketAddress;
    if (kind === 'websocket' && websocket !== undefined) {
      template.host = websocket.host;
      template.port = websocket.port;
      template.tlsRequired = this.websocketTls;
      template.tlsAvailable = this.websocketTls;
      template.tlsVerify = false;
    }
    // nats-server writes a space before the CRLF of a client's INFO line.
    const json = JSON.stringify(clientInfo(template, { id: clientId, ip: clientIp, nonce }));
    return textEncoder.encode(`INFO ${json} \r\n`);
  }

  route(
    message: Message,
    origin: Subscriber | undefined,
    deliverTo: string = message.subject,
    matched?: MatchResult<ServerSubscription>,
  ): boolean {
    const result = matched ?? this.sublist.match(deliverTo);
    const size = message.payload.length + (message.headers?.length ?? 0);
    let delivered = 0;
    const plain = result.plain;
    this.sharedFrame =
      plain.length + result.queue.length > 0 ? this.#frame.reset(message) : undefined;
    for (let i = 0; i < plain.length; i++) {
      const sub = plain[i];
      if (sub.subscriber.deliver(sub, message, origin)) delivered++;
    }
    const groups = result.queue;
    if (groups.length > 0) {
      // One function for every message, reading the origin from a field (set
      // before each pick: a delivery may route another message): a closure per
      // message was a measurable allocation in queue routing.
      const available = this.#queueMemberAvailable;
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g];
        // A member may still refuse (denied subject, slow consumer): try the others.
        for (let attempt = 0; attempt < group.length; attempt++) {
          this.#routeOrigin = origin;
          const member = pickQueueMember(group, available);
          if (member === undefined) break;
          if (member.subscriber.deliver(member, message, origin)) {
            delivered++;
            break;
          }
        }
      }
    }
    if (delivered > 0) this.stats.countOutbound(delivered, size * delivered);
    return delivered > 0;
  }

  /**
   * Publishes a message from inside the server (system services, JetStream).
   * `origin` is handed to internal subscribers, so a peer forwarding messages
   * in can recognise its own and not send them back.
   */
  publish(message: Message, origin?: Subscriber): boolean {
    this.countInbound(message.payload.length + (message.headers?.length ?? 0));
    const delivered = this.route(message, origin);
    this.#scheduleFlush();
    return delivered;
  }

  /**
   * Delivers `message` to the subscribers of `deliverTo` with its own subject, as
   * JetStream consumers deliver stored messages (nats-server's outq with dsubj).
   */
  deliver(deliverTo: string, message: Message, origin?: Subscriber): boolean {
    this.countInbound(message.payload.length + (message.headers?.length ?? 0));
    const delivered = this.route(message, origin, deliverTo);
    this.#scheduleFlush();
    return delivered;
  }

  /** A token naming a peer as the origin of what it publishes (see publish); never a recipient. */
  peerOrigin(): Subscriber {
    const origin = new InternalSubscriber(() => undefined);
    origin.open = false;
    return origin;
  }

  /**
   * Calls `listener` with every open client subscription (+1 each), then with
   * every change until the returned function is called.
   */
  watchInterest(listener: InterestListener): () => void {
    for (const client of this.clients.values()) {
      if (client.closeReason !== undefined) continue;
      for (const sub of client.subscriptions.values()) {
        if (!sub.closed) listener(sub.subject, sub.queue, 1);
      }
    }
    for (const sub of this.#announced) listener(sub.subject, sub.queue, 1);
    return this.interest.listen(listener);
  }

  /**
   * Subscribes an in-process handler, as a client's SUB would (queue groups
   * included). Returns the function that unsubscribes it. An `announce`d
   * subscription is reported to interest watchers as a client's is: the
   * server's own inbox waiting for a reply that a peer (a store service) sends.
   */
  subscribeInternal(
    subject: string,
    handler: InternalHandler,
    queue?: string,
    options: { announce?: boolean } = {},
  ): () => void {
    const subscriber = new InternalSubscriber(handler);
    const sub = subscriber.subscription(subject, queue);
    this.sublist.insert(sub);
    if (options.announce === true) {
      this.#announced.add(sub);
      this.interest.changed(sub.subject, sub.queue, 1);
    }
    return () => {
      if (sub.closed) return;
      sub.closed = true;
      subscriber.open = false;
      this.sublist.remove(sub);
      if (this.#announced.delete(sub)) this.interest.changed(sub.subject, sub.queue, -1);
    };
  }

  markDirty(client: ClientConnection): void {
    if (client.dirty) return;
    client.dirty = true;
    this.#dirty.push(client);
    this.#scheduleFlush();
  }

  /** Hands every connection's queued frames to its socket: one write per connection per turn. */
  flushDirty(): void {
    const dirty = this.#dirty;
    if (dirty.length === 0) return;
    this.#dirty = [];
    for (let i = 0; i < dirty.length; i++) {
      const client = dirty[i];
      client.dirty = false;
      client.flush();
    }
  }

  countInbound(bytes: number): void {
    this.stats.inMsgs++;
    this.stats.inBytes += bytes;
  }

  countSlowConsumer(): void {
    this.stats.slowConsumers++;
  }

  onClosed(client: ClientConnection): void {
    if (!this.clients.delete(client.id)) return;
    this.closed.add(client);
    this.logger.debug(
      `${client.origin.remoteAddress ?? '?'}:${client.origin.remotePort ?? 0} - cid:${client.id} - "${client.name}" - Client connection closed: ${client.closeReason ?? ''}`,
    );
  }

  /**
   * Applies reloaded options: limits at once, and auth and permissions to every
   * connection; a client whose credentials no longer pass is disconnected with
   * 'Authorization Violation', as nats-server's reload does.
   */
  async reload(options: ServerOptions): Promise<void> {
    // Built first: options it rejects leave the running configuration untouched.
    const authenticator = new Authenticator(options);
    this.#options = options;
    this.#authenticator = authenticator;
    const checks = [...this.clients.values()].map(async (client) => {
      client.applyOptions();
      if (!(await client.reauthenticate())) {
        client.fail('Authorization Violation', CloseReason.AuthenticationViolation);
      }
    });
    await Promise.all(checks);
    this.flushDirty();
    this.logger.notice('Reloaded server configuration');
  }

  /**
   * Lame duck mode: stop accepting, tell clients (INFO with ldm), wait the grace
   * period, close the clients spread over the rest of lame_duck_duration, then
   * shut down (nats-server's lameDuckMode).
   */
  async enterLameDuck(): Promise<void> {
    if (this.#lameDuck || this.#shuttingDown) return;
    this.#lameDuck = true;
    this.logger.notice('Entering lame duck mode, stop accepting new clients');
    this.#closeListener();
    const clients = [...this.clients.values()];
    if (clients.length === 0) {
      await this.shutdown();
      return;
    }
    const options = this.#options;
    const grace = Math.abs(options.lameDuckGracePeriodMs);
    let duration = options.lameDuckDurationMs - grace;
    if (duration <= 0) duration = 1000;
    const interval = Math.min(1000, Math.max(1, duration / clients.length));
    for (const client of clients) if ((client.connectOptions.protocol ?? 0) >= 1) client.sendInfo();
    this.flushDirty();
    await sleep(grace);
    if (this.#shuttingDown) return;
    this.logger.notice('Closing existing clients');
    for (let i = 0; i < clients.length; i++) {
      clients[i].close(CloseReason.ServerShutdown);
      this.flushDirty();
      if (i < clients.length - 1) await sleep(interval / 2 + Math.random() * (interval / 2));
      if (this.#shuttingDown) return;
    }
    await this.shutdown();
  }

  /** Closes the listener and every connection. */
  async shutdown(): Promise<void> {
    if (this.#shuttingDown) return this.done;
    this.#shuttingDown = true;
    this.logger.notice('Initiating Shutdown...');
    this.#closeListener();
    for (const client of [...this.clients.values()]) client.close(CloseReason.ServerShutdown);
    this.flushDirty();
    this.logger.notice('Server Exiting..');
    this.#stopped();
    return this.done;
  }

  #onSocket(socket: Socket): void {
    if (this.#lameDuck || this.#shuttingDown) {
      socket.destroy();
      return;
    }
    const origin = { remoteAddress: socket.remoteAddress, remotePort: socket.remotePort };
    const upgrade = this.#deps.upgrade;
    if (upgrade === undefined) {
      this.accept(socket, { ...origin, kind: 'tcp' });
      return;
    }
    socket.on('error', () => {
      socket.destroy();
    });
    const id = this.#nextClientId++;
    const nonce = this.#newNonce();
    upgrade(socket, (stream) => {
      stream.write(this.infoFor(id, origin.remoteAddress, nonce));
    }).then(
      (upgraded) => {
        if (upgraded === undefined) return;
        this.accept(
          upgraded.stream,
          { ...origin, kind: upgraded.kind },
          { infoSent: upgraded.infoSent, id, nonce },
        );
      },
      (error: unknown) => {
        this.logger.error(`TLS handshake error: ${String(error)}`);
        socket.destroy();
      },
    );
  }

  #newNonce(): string | undefined {
    return this.#authenticator.needsNonce ? this.#authenticator.newNonce() : undefined;
  }

  #infoTemplate(): InfoTemplate {
    const options = this.#options;
    const tls = this.#deps.tlsInfo;
    const address = this.#address;
    return {
      serverId: this.serverId,
      serverName: this.serverName,
      host: options.host,
      port: address?.port ?? options.port,
      maxPayload: options.maxPayload,
      // With no_auth_user, clients may connect without credentials: nats-server
      // leaves auth_required out of their INFO.
      authRequired: this.#authenticator.required && options.noAuthUser === '',
      tlsRequired: tls?.required ?? false,
      tlsVerify: tls?.verify ?? false,
      tlsAvailable: tls?.available ?? false,
      jetstream: options.jetstream.enabled,
      domain: options.jetstream.domain,
      lameDuck: this.#lameDuck,
      connectUrls: [],
    };
  }

  /**
   * Frames queued outside a client's read (JetStream acks and deliveries, made
   * in promise continuations) go out at the end of the microtask, for the
   * latency of a lone ack. But a pull batch delivers message after message,
   * each after awaiting its load, and a write per message took a quarter of
   * the server's time: past a few such flushes in one turn of the event loop,
   * the rest of the turn's frames wait for its end (setImmediate) and leave
   * together.
   */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    if (this.#quickFlushes >= QUICK_FLUSHES_PER_TURN) {
      setImmediate(this.#flushNow);
      return;
    }
    if (this.#quickFlushes++ === 0) {
      setImmediate(() => {
        this.#quickFlushes = 0;
      });
    }
    queueMicrotask(this.#flushNow);
  }

  readonly #flushNow = (): void => {
    this.#flushScheduled = false;
    this.flushDirty();
  };

  /** Stops accepting; connections already open are the caller's business. */
  #closeListener(): void {
    const listener = this.#listener;
    if (listener === undefined) return;
    this.#listener = undefined;
    listener.close();
  }
}

const textEncoder = new TextEncoder();

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
