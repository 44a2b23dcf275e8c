// The store's gRPC server: the StreamStorage service over a RemoteHost. Each
// edge's Link becomes an EdgeSession on the host; Api runs one request (API,
// publish, direct get) through the host; Health reports what the store serves.

import {
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { isValidPublishSubject } from '@tsnats/router';
import { serverChannelOptions } from './keepalive.js';
import type {
  ApiReply,
  ApiRequest,
  EdgeFrame,
  HealthReply,
  HealthRequest,
  StoreFrame,
} from './protocol.js';
import { streamStorageService } from './protocol.js';
import { EdgeSession, type RemoteHost } from './remote-host.js';
import { traceHeaders, traceparentOf } from './trace-context.js';

export interface StorageServerOptions {
  readonly host: RemoteHost;
  readonly storeId: string;
  readonly serverName: string;
  /** How many streams the store serves now (Health). */
  readonly streams: () => number;
  /** How long an Api call waits for JetStream's reply (default 5 s). */
  readonly apiTimeoutMs?: number;
}

export class StorageServer {
  readonly port: number;
  readonly #server: Server;
  readonly #calls = new Set<ServerDuplexStream<EdgeFrame, StoreFrame>>();

  private constructor(
    server: Server,
    port: number,
    calls: Set<ServerDuplexStream<EdgeFrame, StoreFrame>>,
  ) {
    this.#server = server;
    this.port = port;
    this.#calls = calls;
  }

  /** Listens on `address` (host:port; port 0 picks a free one). */
  static async listen(address: string, options: StorageServerOptions): Promise<StorageServer> {
    const server = new Server(serverChannelOptions);
    const calls = new Set<ServerDuplexStream<EdgeFrame, StoreFrame>>();
    server.addService(streamStorageService, {
      link: (call: ServerDuplexStream<EdgeFrame, StoreFrame>) => {
        serveLink(call, options, calls);
      },
      api: (call: ServerUnaryCall<ApiRequest, ApiReply>, callback: sendUnaryData<ApiReply>) => {
        serveApi(call, callback, options);
      },
      health: (
        _call: ServerUnaryCall<HealthRequest, HealthReply>,
        callback: sendUnaryData<HealthReply>,
      ) => {
        callback(null, {
          status: 'ok',
          storeId: options.storeId,
          serverName: options.serverName,
          streams: options.streams(),
          edges: options.host.edges,
        });
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => {
        if (error === null) resolve(bound);
        else reject(error);
      });
    });
    return new StorageServer(server, port, calls);
  }

  /** Ends every link and stops listening; calls still running get `graceMs` to finish. */
  async stop(graceMs = 1_000): Promise<void> {
    for (const call of this.#calls) call.end();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.#server.forceShutdown();
        resolve();
      }, graceMs);
      force.unref();
      this.#server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}

function serveLink(
  call: ServerDuplexStream<EdgeFrame, StoreFrame>,
  options: StorageServerOptions,
  calls: Set<ServerDuplexStream<EdgeFrame, StoreFrame>>,
): void {
  const host = options.host;
  calls.add(call);
  const session = new EdgeSession((ops) => {
    if (!call.writableEnded) call.write({ ops });
  });
  session.send({ hello: { storeId: options.storeId, serverName: options.serverName } });
  host.attach(session);
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    calls.delete(call);
    host.detach(session);
    if (!call.writableEnded) call.end();
  };
  call.on('data', (frame: EdgeFrame) => {
    host.receive(session, frame.ops ?? []);
  });
  call.on('end', finish);
  call.on('error', finish);
  call.on('cancelled', finish);
  call.on('close', finish);
}

/** Why the Api RPC refuses `subject`, or undefined when it may be sent. */
function refusal(subject: string): string | undefined {
  if (!isValidPublishSubject(subject)) return `not a literal subject: "${subject}"`;
  // Replies of the store's own requests arrive there: a request to it would answer itself.
  if (subject.startsWith('_INBOX.')) return `a reply subject cannot be requested: "${subject}"`;
  return undefined;
}

function serveApi(
  call: ServerUnaryCall<ApiRequest, ApiReply>,
  callback: sendUnaryData<ApiReply>,
  options: StorageServerOptions,
): void {
  const subject = call.request.subject ?? '';
  const refused = refusal(subject);
  if (refused !== undefined) {
    callback({ code: status.INVALID_ARGUMENT, details: refused });
    return;
  }
  let headers: Uint8Array | undefined;
  try {
    headers = traceHeaders(traceparentOf(call.metadata), call.request.headers ?? undefined);
  } catch (error) {
    callback({ code: status.INVALID_ARGUMENT, details: `bad headers: ${describe(error)}` });
    return;
  }
  const deadline = call.getDeadline();
  const remaining = deadline instanceof Date ? deadline.getTime() - Date.now() : Infinity;
  const timeout = Math.max(1, Math.min(remaining, options.apiTimeoutMs ?? 5_000));
  options.host
    .request(subject, call.request.payload ?? new Uint8Array(0), timeout, headers)
    .then((reply) => {
      callback(
        null,
        reply === undefined
          ? { noReply: true }
          : { payload: reply.payload, headers: reply.headers ?? null },
      );
    })
    .catch((error: unknown) => {
      callback({ code: status.INTERNAL, details: String(error) });
    });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
