// Unary calls to a store service (Api, Health): what the admin service and
// health checks use, without a NATS client or a Link. Every call has a
// deadline and fails with the gRPC status past it; a `traceparent` travels as
// metadata.

import {
  credentials,
  makeGenericClientConstructor,
  type CallOptions,
  type Client,
  type Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { clientChannelOptions } from './keepalive.js';
import {
  streamStorageService,
  type ApiReply,
  type ApiRequest,
  type HealthReply,
  type HealthRequest,
} from './protocol.js';
import { callMetadata } from './trace-context.js';

type Unary<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: CallOptions,
  callback: (error: ServiceError | null, response?: Res) => void,
) => void;

interface UnaryClient extends Client {
  api: Unary<ApiRequest, ApiReply>;
  health: Unary<HealthRequest, HealthReply>;
}

const Constructor = makeGenericClientConstructor(streamStorageService, 'StreamStorage');

export interface StorageClientOptions {
  /** Default deadline of each call (default 5 s). */
  readonly timeoutMs?: number;
}

export interface CallContext {
  readonly timeoutMs?: number;
  readonly traceparent?: string;
}

export interface RequestContext extends CallContext {
  /** The request's raw NATS/1.0 header block. */
  readonly headers?: Uint8Array;
}

/** A reply to request(): `headers` is its raw NATS/1.0 block, absent when it had none. */
export interface StoreReply {
  readonly headers: Uint8Array | undefined;
  readonly payload: Uint8Array;
}

export class StorageClient {
  readonly #client: UnaryClient;
  readonly #timeoutMs: number;

  constructor(address: string, options: StorageClientOptions = {}) {
    this.#client = new Constructor(
      address,
      credentials.createInsecure(),
      clientChannelOptions,
    ) as unknown as UnaryClient;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Runs a JetStream API request; resolves the JSON reply's bytes, undefined when there was none. */
  async api(
    subject: string,
    payload: Uint8Array,
    context: CallContext = {},
  ): Promise<Uint8Array | undefined> {
    return (await this.request(subject, payload, context))?.payload;
  }

  /**
   * Sends one request into the store (an API request, a publish to a stream
   * subject, a direct get) and resolves its first reply; undefined when the
   * store has nothing subscribed to `subject` (a standby) or no reply came.
   */
  async request(
    subject: string,
    payload: Uint8Array,
    context: RequestContext = {},
  ): Promise<StoreReply | undefined> {
    const reply = await this.#unary(
      this.#client.api,
      { subject, payload, headers: context.headers ?? null },
      context,
    );
    if (reply.noReply === true) return undefined;
    return {
      headers: reply.headers ?? undefined,
      payload: reply.payload ?? new Uint8Array(0),
    };
  }

  health(context: CallContext = {}): Promise<HealthReply> {
    return this.#unary(this.#client.health, {}, context);
  }

  close(): void {
    this.#client.close();
  }

  #unary<Req, Res>(method: Unary<Req, Res>, request: Req, context: CallContext): Promise<Res> {
    const deadline = Date.now() + (context.timeoutMs ?? this.#timeoutMs);
    return new Promise((resolve, reject) => {
      method.call(
        this.#client,
        request,
        callMetadata(context.traceparent),
        { deadline },
        (error, response) => {
          if (error !== null) reject(error);
          else resolve(response as Res);
        },
      );
    });
  }
}
