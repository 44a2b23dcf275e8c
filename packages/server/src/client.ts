import type { Duplex } from 'node:stream';
import {
  encodeErr,
  encodeMsg,
  ErrText,
  OK_FRAME,
  Parser,
  PING_FRAME,
  PONG_FRAME,
  Viewer,
  type ConnectOptions,
  type Op,
  type ProtocolError,
} from '@tsnats/codec';
import { isValidPublishSubject, type MatchResult } from '@tsnats/router';
import {
  isReservedQueue,
  isReservedReply,
  PermissionChecker,
  publishViolation,
  removedSubscriptionViolation,
  replyViolation,
  subscribeViolation,
  type AuthenticatedUser,
} from './auth/index.js';
import { CloseReason, closeReasonFor } from './close-reason.js';
import { ClientSubscriptions } from './client-subscriptions.js';
import { connectionLabel, connectionType, type ConnectionOrigin } from './connection-origin.js';
import { tlsDetails, type TlsDetails } from './tls/details.js';
import { traceOp } from './trace.js';
import { DEFAULT_CONNECT, isWellTypedConnect, refuseConnect } from './connect-options.js';
import type { ClientHost } from './client-host.js';
import { FIRST_CLIENT_PING_MS, Keepalive } from './keepalive.js';
import { Outbound, slowConsumerNotice, stallDuration, type OverflowReason } from './outbound.js';
import type { Message, ServerSubscription, Subscriber } from './subscription.js';

const NO_RESPONDERS = new TextEncoder().encode('NATS/1.0 503\r\n\r\n');
const EMPTY_PAYLOAD = new Uint8Array(0);

/** Per-connection counters, as /connz reports them. */
export interface ClientCounters {
  inMsgs: number;
  outMsgs: number;
  inBytes: number;
  outBytes: number;
}

/**
 * One client connection: parses what it sends, applies auth, permissions and
 * limits, and queues what it receives. Delivery writes frames straight into the
 * connection's outbound buffer; the server flushes dirty connections once per turn.
 */
export class ClientConnection implements Subscriber {
  readonly id: number;
  readonly origin: ConnectionOrigin;
  readonly started = Date.now();
  readonly counters: ClientCounters = { inMsgs: 0, outMsgs: 0, inBytes: 0, outBytes: 0 };
  readonly subscriptions: ClientSubscriptions;
  connectOptions: ConnectOptions = DEFAULT_CONNECT;
  user: AuthenticatedUser | undefined;
  lastActivity = Date.now();
  rttMs = 0;
  /** TLS version ('1.3') and cipher suite, as /connz reports them; undefined without TLS. */
  readonly tls: TlsDetails | undefined;
  /** Set by the server while the connection waits in its dirty list. */
  dirty = false;
  closeReason: CloseReason | undefined;
  stopped: number | undefined;

  readonly #host: ClientHost;
  readonly #stream: Duplex;
  readonly #parser: Parser;
  readonly #outbound: Outbound;
  readonly #nonce: string | undefined;
  #permissions: PermissionChecker | undefined;
  #connected = false;
  /** Ops that arrived while CONNECT was being authenticated. */
  #held: Op[] | undefined;
  /** A protocol error that came after held ops: handled once they are. */
  #heldError: ProtocolError | undefined;
  #echo = true;
  #headers = false;
  #verbose = true;
  #pedantic = true;
  readonly #keepalive: Keepalive;
  #authTimer: NodeJS.Timeout | undefined;
  #firstByteSeen = false;
  #stalled = false;
  /** Payload views of the fast path's PUBs (cheaper for many of one chunk). */
  readonly #viewer = new Viewer();
  /** -V / trace: every op in and out is logged, as nats-server's [TRC] lines. */
  #trace: boolean;

  constructor(
    host: ClientHost,
    id: number,
    stream: Duplex,
    origin: ConnectionOrigin,
    nonce: string | undefined,
  ) {
    this.#host = host;
    this.id = id;
    this.#stream = stream;
    this.origin = origin;
    this.subscriptions = new ClientSubscriptions(this, host.sublist, host.interest);
    const options = host.options;
    this.#parser = new Parser(
      (op) => {
        this.#onOp(op);
      },
      {
        peer: 'client',
        maxControlLine: options.maxControlLine,
        maxPayload: options.maxPayload,
        onPub: (subject, reply, buf, start, length) => {
          this.#onPub(subject, reply, buf, start, length);
        },
      },
    );
    this.#outbound = new Outbound(stream, this.#outboundLimits(), (reason) => {
      this.#onOverflow(reason);
    });
    this.#keepalive = new Keepalive({
      limits: () => ({ intervalMs: host.options.pingIntervalMs, max: host.options.pingMax }),
      lastActivity: () => this.lastActivity,
      hasRtt: () => this.rttMs > 0,
      sendPing: () => {
        this.#outbound.append(PING_FRAME);
        this.#host.markDirty(this);
      },
      stale: () => {
        this.#host.logger.debug(`${this.#label()} - Stale Client Connection - Closing`);
        this.fail('Stale Connection', CloseReason.StaleConnection);
      },
    });
    this.#nonce = nonce;
    this.tls = tlsDetails(stream);
    this.#trace = options.trace;
  }

  get open(): boolean {
    return this.closeReason === undefined;
  }

  get pendingBytes(): number {
    return this.#outbound.pending;
  }

  get name(): string {
    return this.connectOptions.name ?? '';
  }

  /**
   * Sends INFO (unless the TLS upgrade already did), arms the timers and starts
   * reading.
   */
  start(options: { infoSent?: boolean } = {}): void {
    const stream = this.#stream;
    stream.on('data', (chunk: Buffer) => {
      this.#onData(chunk);
    });
    stream.on('end', () => {
      this.close(CloseReason.ClientClosed);
    });
    stream.on('close', () => {
      this.close(CloseReason.ClientClosed);
    });
    stream.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EPIPE' ? CloseReason.WriteError : CloseReason.ReadError;
      this.#host.logger.debug(`${this.#label()} - ${error.message}`);
      this.close(reason);
    });
    if (options.infoSent !== true) this.sendInfo();
    if (this.#host.authenticator.required) {
      const ms = this.#host.options.authorization.timeoutSeconds * 1000;
      this.#authTimer = setTimeout(() => {
        this.#sendError('Authentication Timeout');
        this.close(CloseReason.AuthenticationTimeout);
      }, ms);
    }
    this.#keepalive.start();
  }

  sendInfo(): void {
    this.#outbound.append(
      this.#host.infoFor(this.id, this.origin.remoteAddress, this.#nonce, this.origin.kind),
    );
    this.#host.markDirty(this);
  }

  /** Applies new limits and permissions after a reload. */
  applyOptions(): void {
    this.#outbound.limits = this.#outboundLimits();
    this.#trace = this.#host.options.trace;
  }

  /** Re-checks the user against reloaded auth; false when it no longer passes. */
  async reauthenticate(): Promise<boolean> {
    if (!this.#connected) return true;
    const user = await this.#host.authenticator.authenticate(
      this.connectOptions,
      this.#nonce,
      this.#connectionType(),
    );
    if (user === undefined) return false;
    this.#setUser(user);
    // nats-server drops subscriptions the new permissions no longer allow, and
    // tells the client which (processSubsOnConfigReload).
    const checker = this.#permissions;
    if (checker === undefined) return true;
    for (const sub of this.subscriptions.removeUnless((s) =>
      checker.canSubscribe(s.subject, s.queue),
    )) {
      this.#sendError(removedSubscriptionViolation(sub.subject, sub.sid));
      this.#host.logger.notice(
        `Removed sub "${sub.subject}" (sid "${sub.sid}") for user "${this.user?.name ?? ''}" - not authorized`,
      );
    }
    return true;
  }

  flush(): void {
    this.#outbound.flush();
  }

  refuses(origin: Subscriber | undefined): boolean {
    return origin === this && !this.#echo;
  }

  deliver(sub: ServerSubscription, message: Message, origin: Subscriber | undefined): boolean {
    if (this.closeReason !== undefined || sub.closed) return false;
    if (origin === this && !this.#echo) return false;
    const subject = message.subject;
    const permissions = this.#permissions;
    if (permissions !== undefined && !permissions.canDeliver(subject)) return false;
    sub.delivered++;
    if (sub.max > 0) {
      if (sub.delivered > sub.max) {
        this.subscriptions.remove(sub);
        return false;
      }
      if (sub.delivered === sub.max) this.subscriptions.remove(sub);
    }
    // A client that did not ask for headers gets the payload alone, as nats-server does.
    const headers = this.#headers ? message.headers : undefined;
    const payload = message.payload;
    const outbound = this.#outbound;
    const frame = this.#host.sharedFrame;
    const written =
      frame !== undefined && frame.message === message
        ? outbound.appendFrame(frame, sub.sidBytes, this.#headers)
        : outbound.appendMsg(subject, sub.sid, message.reply, headers, payload);
    if (!written) return false;
    const counters = this.counters;
    counters.outMsgs++;
    counters.outBytes += payload.length + (headers?.length ?? 0);
    if (message.reply !== undefined && permissions !== undefined) {
      permissions.noteReply(message.reply);
    }
    this.#host.markDirty(this);
    if (origin instanceof ClientConnection && origin !== this) {
      const maxPending = this.#host.options.maxPending;
      if (outbound.pending > maxPending / 2) origin.stallFor(this, maxPending);
    }
    return true;
  }

  /**
   * Slows this producer down while `consumer` catches up: no more reads until
   * the consumer's socket drains or the stall times out. A fast publisher then
   * cannot push a healthy but slower subscriber over max_pending, while a
   * consumer that stopped reading still gets there and is cut off.
   */
  stallFor(consumer: ClientConnection, maxPending: number): void {
    if (this.#stalled || this.closeReason !== undefined) return;
    this.#stalled = true;
    this.#stream.pause();
    consumer.#outbound.whenDrained(stallDuration(consumer.pendingBytes, maxPending), () => {
      this.#stalled = false;
      if (this.closeReason === undefined && this.#held === undefined) this.#stream.resume();
    });
  }

  /** Closes the connection (once); frames queued so far are sent unless `flushFirst` is false. */
  close(reason: CloseReason, flushFirst = true): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.stopped = Date.now();
    this.#keepalive.stop();
    clearTimeout(this.#authTimer);
    this.subscriptions.detachAll();
    if (flushFirst) this.#outbound.flush();
    this.#outbound.close();
    if (flushFirst) this.#stream.end();
    else this.#stream.destroy();
    // A half-closed peer may never finish the close; do not wait on it forever.
    setTimeout(() => this.#stream.destroy(), 1000).unref();
    this.#host.onClosed(this);
  }

  /** Sends `-ERR '<text>'` and closes, as nats-server does for fatal errors. */
  fail(text: string, reason: CloseReason): void {
    this.#sendError(text);
    this.close(reason);
  }

  #outboundLimits(): { maxPending: number; writeDeadlineMs: number } {
    const options = this.#host.options;
    return { maxPending: options.maxPending, writeDeadlineMs: options.writeDeadlineMs };
  }

  #onData(chunk: Buffer): void {
    if (this.closeReason !== undefined) return;
    this.lastActivity = Date.now();
    if (!this.#firstByteSeen && chunk.length > 0) {
      this.#firstByteSeen = true;
      // With auth required, the first op must be CONNECT: nats-server rejects
      // anything else on its first byte, before the line is even complete.
      // With no_auth_user the connection goes on as that user, as if it had
      // sent a CONNECT without credentials (telnet demos rely on it).
      if (this.#authTimer !== undefined && chunk[0] !== 0x43 && chunk[0] !== 0x63) {
        if (this.#host.options.noAuthUser === '') {
          this.#authViolation();
          return;
        }
        this.#connect(DEFAULT_CONNECT, true);
      }
    }
    const error = this.#parser.parse(chunk);
    if (error === undefined) return;
    // nats-server handles the ops before the error first: those waiting on
    // CONNECT's authentication go before the error, not instead of it.
    if (this.#held !== undefined) this.#heldError = error;
    else this.#onProtocolError(error);
  }

  #onProtocolError(error: ProtocolError): void {
    this.#host.logger.debug(`${this.#label()} - ${error.detail}`);
    if (error.errText !== undefined) this.#sendError(error.errText);
    this.close(closeReasonFor(error.code));
  }

  #onOp(op: Op): void {
    if (this.closeReason !== undefined) return;
    if (this.#held !== undefined) {
      this.#held.push(op);
      return;
    }
    if (this.#trace) traceOp(this.#host.logger, this.#label(), op);
    switch (op.kind) {
      case 'PUB':
        this.#publish(op.subject, op.reply, undefined, op.payload);
        return;
      case 'HPUB':
        if (!this.#headers) {
          // nats-server: ErrMsgHeadersNotSupported closes without an -ERR.
          this.close(CloseReason.ProtocolViolation);
          return;
        }
        this.#publish(op.subject, op.reply, op.headers, op.payload);
        return;
      case 'SUB':
        this.#subscribe(op.subject, op.queue, op.sid);
        return;
      case 'UNSUB':
        this.#unsubscribe(op.sid, op.max);
        return;
      case 'PING':
        this.#outbound.append(PONG_FRAME);
        this.#host.markDirty(this);
        return;
      case 'PONG':
        this.rttMs = this.#keepalive.pong() ?? this.rttMs;
        return;
      case 'CONNECT':
        this.#connect(op.options);
        return;
      case '-ERR':
        this.#host.logger.error(`${this.#label()} - Client Error ${op.message}`);
        this.close(CloseReason.ParseError);
        return;
      default:
        // INFO and +OK from a client are ignored, as nats-server ignores them.
        return;
    }
  }

  #connect(options: ConnectOptions, implicit = false): void {
    if (!isWellTypedConnect(options)) {
      this.close(CloseReason.ProtocolViolation);
      return;
    }
    clearTimeout(this.#authTimer);
    this.#authTimer = undefined;
    this.connectOptions = { ...DEFAULT_CONNECT, ...options };
    // nats-server's first RTT estimate: from accepting the connection to its CONNECT.
    if (this.rttMs === 0) this.rttMs = Math.max(Date.now() - this.started, 0.001);
    this.#held = [];
    this.#stream.pause();
    this.#host.authenticator
      .authenticate(this.connectOptions, this.#nonce, this.#connectionType())
      .then(
        (user) => {
          this.#afterAuthentication(user, implicit);
        },
        (error: unknown) => {
          this.#host.logger.error(`${this.#label()} - authentication failed: ${String(error)}`);
          this.#afterAuthentication(undefined, implicit);
        },
      );
  }

  #afterAuthentication(user: AuthenticatedUser | undefined, implicit: boolean): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    if (this.closeReason !== undefined) return;
    if (user === undefined) {
      this.#authViolation();
      return;
    }
    const options = this.connectOptions;
    this.#setUser(user);
    this.#echo = options.echo !== false;
    this.#headers = options.headers === true;
    this.#verbose = options.verbose;
    this.#pedantic = options.pedantic;
    const refused = refuseConnect(options);
    if (refused !== undefined) {
      this.fail(refused.text, refused.reason);
      return;
    }
    this.#connected = true;
    if (this.#verbose && !implicit) this.#sendOk();
    if (!this.#stalled) this.#stream.resume();
    this.#keepalive.start(FIRST_CLIENT_PING_MS);
    for (const op of held) this.#onOp(op);
    const error = this.#heldError;
    // Unless a later CONNECT holds the ops again.
    if (error !== undefined && this.#held === undefined) {
      this.#heldError = undefined;
      this.#onProtocolError(error);
    }
    this.#host.flushDirty();
  }

  #setUser(user: AuthenticatedUser): void {
    this.user = user;
    this.#permissions =
      user.permissions === undefined ? undefined : new PermissionChecker(user.permissions);
  }

  #authViolation(): void {
    const options = this.connectOptions;
    const who = options.nkey ?? options.user;
    this.#host.logger.error(
      `${this.#label()} - authentication error${who === undefined ? '' : ` - User "${who}"`}`,
    );
    this.fail(ErrText.AuthorizationViolation, CloseReason.AuthenticationViolation);
  }

  /**
   * A PUB from the parser's fast path: the payload is a range of the read
   * buffer. A subject nobody listens to costs no op and no payload view.
   */
  #onPub(
    subject: string,
    reply: string | undefined,
    buf: Uint8Array,
    start: number,
    length: number,
  ): void {
    if (this.closeReason !== undefined) return;
    if (this.#held !== undefined || this.#trace) {
      // Held for authentication or traced: the op path, with a view that stays valid.
      const payload = new Uint8Array(buf.buffer, buf.byteOffset + start, length);
      this.#onOp({ kind: 'PUB', subject, reply, payload });
      return;
    }
    if (!this.#admitPublish(subject, reply, length)) return;
    const matches = this.#host.sublist.match(subject);
    if (matches.plain.length === 0 && matches.queue.length === 0) {
      if (reply !== undefined && this.connectOptions.no_responders === true) {
        this.#noResponders(reply);
      }
      return;
    }
    const payload = this.#viewer.view(buf, start, start + length);
    this.#route(subject, reply, undefined, payload, matches);
  }

  #publish(
    subject: string,
    reply: string | undefined,
    headers: Uint8Array | undefined,
    payload: Uint8Array,
  ): void {
    if (!this.#admitPublish(subject, reply, payload.length + (headers?.length ?? 0))) return;
    this.#route(subject, reply, headers, payload);
  }

  /** Counts a publish and applies nats-server's checks; false when it goes no further. */
  #admitPublish(subject: string, reply: string | undefined, size: number): boolean {
    const counters = this.counters;
    counters.inMsgs++;
    counters.inBytes += size;
    this.#host.countInbound(size);
    if (this.#pedantic && !isValidPublishSubject(subject)) {
      this.#sendError(ErrText.InvalidPublishSubject);
    }
    if (this.#permissions !== undefined && !this.#permissions.canPublish(subject)) {
      this.#sendError(publishViolation(subject));
      return false;
    }
    if (reply !== undefined && isReservedReply(reply)) {
      this.#sendError(replyViolation(reply));
      return false;
    }
    if (this.#verbose) this.#sendOk();
    return true;
  }

  #route(
    subject: string,
    reply: string | undefined,
    headers: Uint8Array | undefined,
    payload: Uint8Array,
    matched?: MatchResult<ServerSubscription>,
  ): void {
    const delivered = this.#host.route(
      { subject, reply, headers, payload },
      this,
      subject,
      matched,
    );
    if (!delivered && reply !== undefined && this.connectOptions.no_responders === true) {
      this.#noResponders(reply);
    }
  }

  /** The 503 status a requester gets when nobody listens, on its own reply subscription. */
  #noResponders(reply: string): void {
    const own = this.#host.sublist.match(reply).plain.find((sub) => sub.subscriber === this);
    if (own === undefined) return;
    this.#outbound.append(encodeMsg(reply, own.sid, EMPTY_PAYLOAD, undefined, NO_RESPONDERS));
    this.#host.markDirty(this);
  }

  #subscribe(subject: string, queue: string | undefined, sid: string): void {
    // nats-server refuses the system queue group to every client, permissions or not.
    const denied =
      (queue !== undefined && isReservedQueue(queue)) ||
      (this.#permissions !== undefined && !this.#permissions.canSubscribe(subject, queue));
    if (denied) {
      this.#sendError(subscribeViolation(subject, queue));
      return;
    }
    const limit = this.#host.options.maxSubscriptions;
    if (limit > 0 && this.subscriptions.size >= limit) {
      this.#host.logger.error(`${this.#label()} - ${ErrText.MaxSubscriptionsExceeded}`);
      this.#sendError(ErrText.MaxSubscriptionsExceeded);
      return;
    }
    if (!this.subscriptions.add(subject, queue, sid)) {
      this.#sendError(ErrText.InvalidSubject);
      return;
    }
    if (this.#verbose) this.#sendOk();
  }

  #unsubscribe(sid: string, max: number | undefined): void {
    this.subscriptions.unsubscribe(sid, max);
    if (this.#verbose) this.#sendOk();
  }

  #sendOk(): void {
    this.#outbound.append(OK_FRAME);
    this.#host.markDirty(this);
  }

  #sendError(text: string): void {
    this.#outbound.append(encodeErr(text));
    this.#host.markDirty(this);
  }

  #onOverflow(reason: OverflowReason): void {
    this.#host.countSlowConsumer();
    this.#host.logger.notice(
      `${this.#label()} - ${slowConsumerNotice(reason, this.#host.options)}`,
    );
    // nats-server closes a slow consumer without flushing: its buffer is the problem.
    this.close(
      reason === 'pending bytes'
        ? CloseReason.SlowConsumerPendingBytes
        : CloseReason.SlowConsumerWriteDeadline,
      false,
    );
  }

  #connectionType(): 'STANDARD' | 'WEBSOCKET' {
    return connectionType(this.origin);
  }

  #label(): string {
    return connectionLabel(this.origin, this.id);
  }
}
