// Test support: an in-process NatsServer with JetStream on a free port of
// 127.0.0.1, stopped (JetStream, then the server) after the test. JetStream is
// embedded (the LocalLink) unless a test file called useSplitMode(): then the
// streams live in a store service (in this process, over real gRPC) and the
// edge reaches it through the RpcLink, so one suite checks both shapes.

import type { TestContext } from 'node:test';
import {
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type RetentionPolicy,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { loadServerOptions, type ServerOptions } from '@tsnats/config';
import {
  fileStorageOptions,
  silentJetStreamLogger,
  streamsDirectory,
  type JetStreamLink,
} from '@tsnats/jetstream';
import { StorageService } from '@tsnats/rpc';
import { NatsServer, silentLogger, type Logger } from '@tsnats/server';
import { tempDir } from '@tsnats/testkit';
import { startJetStream } from './jetstream.js';

export interface JetStreamServer {
  server: NatsServer;
  /** Stops the edge's link and, in split mode, the store service. */
  link: JetStreamLink;
  /** The edge's own link (an RpcLink in split mode). */
  edgeLink: JetStreamLink;
  options: ServerOptions;
  /** nats://127.0.0.1:<port> */
  url: string;
}

let splitMode = false;

/** Every JetStream server this test file starts is split: an edge and a store service. */
export function useSplitMode(): void {
  splitMode = true;
}

/** Whether this test file runs split (useSplitMode). */
export function inSplitMode(): boolean {
  return splitMode;
}

/** A store service for `options`' JetStream settings, and the options pointing the edge at it. */
async function startStoreFor(
  options: ServerOptions,
): Promise<{ options: ServerOptions; service: StorageService }> {
  const js = options.jetstream;
  const service = await StorageService.start({
    listen: '127.0.0.1:0',
    serverName: 'test-store',
    domain: js.domain,
    maxMemory: js.maxMemory,
    maxStore: js.maxStore,
    ...fileStorageOptions(js.storeDir, silentJetStreamLogger),
    recoverFrom: streamsDirectory(js.storeDir),
  });
  return {
    service,
    options: { ...options, jetstream: { ...js, storeUrl: `rpc://127.0.0.1:${service.port}` } },
  };
}

export async function startJetStreamServer(
  t: TestContext,
  settings: {
    domain?: string;
    logger?: Logger;
    storeDir?: string;
    port?: number;
    /** jetstream { max_memory_store / max_file_store } in bytes. */
    maxMemory?: number;
    maxStore?: number;
  } = {},
): Promise<JetStreamServer> {
  const loaded = loadServerOptions({ argv: ['-a', '127.0.0.1', '-p', '-1', '-js'] });
  let storeDir = settings.storeDir;
  if (storeDir === undefined) {
    // File streams of one test must not meet another test's (or the next run's).
    const dir = await tempDir('tsnats-js-');
    t.after(() => dir.remove());
    storeDir = dir.path;
  }
  let options: ServerOptions = {
    ...loaded.options,
    port: settings.port ?? loaded.options.port,
    jetstream: {
      ...loaded.options.jetstream,
      enabled: true,
      domain: settings.domain ?? '',
      storeDir,
      ...(settings.maxMemory === undefined ? {} : { maxMemory: settings.maxMemory }),
      ...(settings.maxStore === undefined ? {} : { maxStore: settings.maxStore }),
    },
  };
  let service: StorageService | undefined;
  if (splitMode) ({ options, service } = await startStoreFor(options));
  const logger = settings.logger ?? silentLogger;
  const server = new NatsServer(options, { logger });
  await server.start();
  const edgeLink = await startJetStream(server, options, logger);
  if (edgeLink === undefined) throw new Error('JetStream did not start');
  // Stopping JetStream stops the store too, as stopping the embedded link does.
  const link: JetStreamLink = {
    start: (host) => edgeLink.start(host),
    stop: async () => {
      await edgeLink.stop();
      await service?.stop();
    },
  };
  t.after(async () => {
    await link.stop();
    await server.shutdown();
  });
  return {
    server,
    link,
    edgeLink,
    options,
    url: `nats://127.0.0.1:${server.clientAddress.port}`,
  };
}

export const text = (data: Uint8Array): string => new TextDecoder().decode(data);
/** Milliseconds as the nanoseconds JetStream's durations are given in. */
export const nanos = (ms: number): number => ms * 1_000_000;

export interface StreamSetup {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/**
 * A server with JetStream, a v3 client connected to it, and a memory stream with
 * `count` messages (`m1`, `m2`, ...) published to its first subject.
 */
export async function startWithStream(
  t: TestContext,
  stream: { name: string; subjects: string[]; retention?: RetentionPolicy },
  count = 0,
): Promise<StreamSetup> {
  const { url } = await startJetStreamServer(t);
  const nc = await connect({ servers: url, reconnect: false });
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await jsm.streams.add({ ...stream, storage: StorageType.Memory });
  for (let i = 1; i <= count; i++) await js.publish(stream.subjects[0].replace('*', 'a'), `m${i}`);
  return { nc, js, jsm };
}

/** The first `n` messages of `iter`, acking each unless `ack` is false. */
export async function collect(iter: AsyncIterable<JsMsg>, n: number, ack = true): Promise<JsMsg[]> {
  const out: JsMsg[] = [];
  for await (const m of iter) {
    out.push(m);
    if (ack) m.ack();
    if (out.length === n) break;
  }
  return out;
}
