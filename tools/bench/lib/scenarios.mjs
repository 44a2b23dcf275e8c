// The scenarios: each starts its roles in worker threads against one server, runs for
// a bounded time, checks the counts, and returns its measurements.
import { Worker } from 'node:worker_threads';
import { CTL_CELLS, newBitmap } from './proto.mjs';
import { ServerProcess } from './servers.mjs';

const WORKER = new URL('./worker.mjs', import.meta.url);
/** Messages a queue-group run may publish: the size of its exactly-once bit set. */
const MAX_BITMAP_MSGS = 1 << 27;
/** Bytes of PUBs the server may hold unanswered: PINGs every PING_EVERY, MAX_PINGS unanswered. */
const PING_EVERY = 256 * 1024;
const MAX_PINGS = 16;
/** Bytes of published messages in flight beyond what the subscribers have. */
const WINDOW_BYTES = 4 * 1024 * 1024;

/** A worker thread running one role; `next(type)` waits for its next message of that type. */
class Role {
  constructor(role, data) {
    this.role = role;
    this.worker = new Worker(WORKER, { workerData: { role, ...data } });
    this.inbox = [];
    this.waiters = [];
    this.failure = undefined;
    this.worker.on('message', (message) => {
      if (message.type === 'error') this.#fail(new Error(`${role} worker: ${message.message}`));
      else this.#deliver(message);
    });
    this.worker.on('error', (error) => this.#fail(error));
    this.worker.on('exit', (code) => this.#fail(new Error(`${role} worker exited (${code})`)));
  }

  #deliver(message) {
    const index = this.waiters.findIndex((waiter) => waiter.type === message.type);
    if (index < 0) {
      this.inbox.push(message);
      return;
    }
    const [waiter] = this.waiters.splice(index, 1);
    waiter.resolve(message);
  }

  #fail(error) {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
  }

  next(type, timeoutMs = 60_000) {
    const index = this.inbox.findIndex((message) => message.type === type);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.role}: no '${type}' after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        type,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  send(message) {
    this.worker.postMessage(message);
  }

  async stop() {
    this.failure ??= new Error(`${this.role} worker stopped`);
    await this.worker.terminate();
  }
}

async function stopAll(roles) {
  await Promise.all(roles.map((role) => role.stop()));
}

function rate(count, fromMs, toMs) {
  return toMs > fromMs ? count / ((toMs - fromMs) / 1000) : 0;
}

/**
 * One publisher and `subs` subscribers (none: pub-only). `progress` says how the
 * subscribers' counts gate the publisher: 'min' (each gets every message) or 'sum'
 * (a queue group shares them). Returns { values, problems }.
 */
export async function runPubSub(server, spec, durationMs) {
  const { subject, payloadSize, subs = [], progress = 'min', check = 'order' } = spec;
  const ctl = new SharedArrayBuffer(CTL_CELLS * 4);
  const frameLength = `PUB ${subject} ${payloadSize}\r\n`.length + payloadSize + 2;
  const window = subs.length === 0 ? 0 : Math.max(8192, Math.floor(WINDOW_BYTES / frameLength));
  const bitmap = check === 'bitmap' ? newBitmap(MAX_BITMAP_MSGS, true).buffer : undefined;
  const roles = [];
  const problems = [];
  try {
    let subscribers;
    if (subs.length > 0) {
      subscribers = new Role('subscribers', {
        port: server.port,
        subs,
        check,
        progress,
        ctl,
        bitmap,
      });
      roles.push(subscribers);
      await subscribers.next('ready');
    }
    const publisher = new Role('publisher', {
      port: server.port,
      subject,
      payloadSize,
      durationMs,
      maxMsgs: check === 'bitmap' ? MAX_BITMAP_MSGS - 65536 : 2 ** 31 - 2 ** 20,
      window,
      pingEvery: PING_EVERY,
      maxPings: MAX_PINGS,
      ctl,
    });
    roles.push(publisher);
    await publisher.next('ready');
    const before = subs.length === 0 ? await server.varz() : undefined;
    publisher.send({ type: 'go' });
    const pub = await publisher.next('done', durationMs + 60_000);
    problems.push(...pub.errors.map((error) => `publisher: ${error}`));
    const values = {};
    if (subscribers === undefined) {
      values.rate = rate(pub.sent, pub.started, pub.ended);
      const after = await server.varz();
      if (before !== undefined && after !== undefined) {
        const counted = after.in_msgs - before.in_msgs;
        if (counted !== pub.sent) problems.push(`server counted ${counted} PUBs, sent ${pub.sent}`);
      }
      values.sent = pub.sent;
      values.verified = before !== undefined && after !== undefined ? 'varz in_msgs' : 'PONG';
    } else {
      subscribers.send({ type: 'expect', sent: pub.sent, timeoutMs: 20_000 });
      const sub = await subscribers.next('done', 60_000);
      const delivered = sub.counts.reduce((sum, count) => sum + count, 0);
      values.rate = rate(delivered, pub.started, sub.doneAt);
      values.sent = pub.sent;
      values.delivered = delivered;
      problems.push(...sub.errors.map((error) => `subscriber: ${error}`));
      if (progress === 'min') {
        const wrong = sub.counts.filter((count) => count !== pub.sent);
        if (wrong.length > 0) {
          problems.push(`sent ${pub.sent}, subscribers got ${sub.counts.join(', ')}`);
        }
        if (sub.orderErrors > 0) {
          problems.push(
            `${sub.orderErrors} out of order (first: ${JSON.stringify(sub.firstOrderError)})`,
          );
        }
      } else {
        if (delivered !== pub.sent) {
          problems.push(`sent ${pub.sent}, group got ${delivered} (${sub.counts.join(', ')})`);
        }
        if (sub.duplicates > 0) problems.push(`${sub.duplicates} delivered twice`);
        if (sub.unique !== pub.sent) problems.push(`${pub.sent - sub.unique} never delivered`);
        values.perMember = sub.counts;
      }
    }
    return { values, problems };
  } finally {
    for (const role of roles) role.send({ type: 'close' });
    await stopAll(roles);
  }
}

/** A responder and a requester with `inFlight` requests outstanding. */
export async function runRequestReply(server, spec, durationMs) {
  const roles = [];
  try {
    const responder = new Role('responder', { port: server.port, subject: 'bench.req' });
    roles.push(responder);
    await responder.next('ready');
    const requester = new Role('requester', {
      port: server.port,
      subject: 'bench.req',
      payloadSize: spec.payloadSize,
      durationMs,
      inFlight: spec.inFlight,
    });
    roles.push(requester);
    await requester.next('ready');
    requester.send({ type: 'go' });
    const result = await requester.next('done', durationMs + 60_000);
    const problems = result.errors.map((error) => `requester: ${error}`);
    if (result.lost > 0) problems.push(`${result.lost} requests never answered`);
    if (result.unexpected > 0) problems.push(`${result.unexpected} unexpected replies`);
    if (result.mismatches > 0) problems.push(`${result.mismatches} replies with the wrong payload`);
    if (result.completed !== result.sent) {
      problems.push(`sent ${result.sent} requests, ${result.completed} answered`);
    }
    return {
      values: {
        rate: rate(result.completed, result.started, result.ended),
        pingP50: result.pingP50,
        p50: result.p50,
        p90: result.p90,
        p99: result.p99,
        max: result.max,
        sent: result.sent,
      },
      problems,
    };
  } finally {
    for (const role of roles) role.send({ type: 'close' });
    await stopAll(roles);
  }
}

/**
 * Idle connections on a freshly started server: the time to open them (each
 * CONNECT answered by a PONG) and the growth of the server's VmRSS per connection.
 */
export async function runIdle(kind, spec, options) {
  const server = await ServerProcess.start(kind, { pinned: options.pinned, monitor: false });
  const roles = [];
  try {
    await new Promise((done) => setTimeout(done, options.settleMs));
    const rssBefore = server.rssKiB();
    const crowd = new Role('idle', {
      port: server.port,
      count: spec.connections,
      concurrency: spec.concurrency,
    });
    roles.push(crowd);
    const opened = await crowd.next('done', 120_000);
    await new Promise((done) => setTimeout(done, options.settleMs));
    const rssAfter = server.rssKiB();
    crowd.send({ type: 'close' });
    const closed = await crowd.next('closed');
    const problems = [];
    if (opened.opened !== spec.connections) {
      problems.push(
        `opened ${opened.opened} of ${spec.connections} (${opened.failed} failed: ${opened.failures.join('; ')})`,
      );
    }
    if (closed.alive !== opened.opened) {
      problems.push(`${opened.opened - closed.alive} connections dropped while idle`);
    }
    return {
      values: {
        connectMs: opened.connectMs,
        rssPerConnKiB: (rssAfter - rssBefore) / spec.connections,
        rssBeforeKiB: rssBefore,
        rssAfterKiB: rssAfter,
      },
      problems,
    };
  } finally {
    await stopAll(roles);
    await server.stop();
  }
}

/** Subscribers against the sink's source for a fixed time: the generator's read rate. */
export async function runSourceRead(server, spec, durationMs) {
  const ctl = new SharedArrayBuffer(CTL_CELLS * 4);
  const subs = Array.from({ length: spec.connections }, () => ({
    subject: `bench.src.${spec.payloadSize}`,
    sid: '1',
  }));
  const role = new Role('subscribers', {
    port: server.port,
    subs,
    check: 'order',
    progress: 'sum',
    ctl,
  });
  try {
    await role.next('ready');
    role.send({ type: 'measure', durationMs });
    const result = await role.next('done', durationMs + 30_000);
    const problems = result.errors.map((error) => `subscriber: ${error}`);
    if (result.orderErrors > 0) problems.push(`${result.orderErrors} out of order`);
    return { values: { rate: result.received / (result.elapsedMs / 1000) }, problems };
  } finally {
    role.send({ type: 'close' });
    await role.stop();
  }
}

/** Streams are named per run, so a run never sees what an earlier one left. */
let streamCounter = 0;
/** Acked publishes a run may make: bounds the stream (and the servers' memory) per run. */
const MAX_JS_PUBLISHES = 400_000;

/**
 * A JetStream scenario against a server started with JetStream on: acked publishes to
 * a fresh stream (`mode: 'publish'`, `inFlight` outstanding), or a pull consumer
 * draining a prefilled one (`mode: 'pull'`, `total` messages, fewer with --quick). The
 * worker creates the stream, checks the counts against the server's own INFO, and
 * deletes it.
 */
export async function runJetStream(server, spec, durationMs, options = {}) {
  const stream = `BENCH_${spec.storage.toUpperCase()}_${process.pid}_${streamCounter++}`;
  const common = {
    port: server.port,
    stream,
    storage: spec.storage,
    payloadSize: spec.payloadSize,
  };
  const role =
    spec.mode === 'publish'
      ? new Role('jetStreamPublish', {
          ...common,
          durationMs,
          inFlight: spec.inFlight,
          maxMsgs: MAX_JS_PUBLISHES,
        })
      : new Role('jetStreamPull', {
          ...common,
          total: options.quick ? spec.quickTotal : spec.total,
          batch: spec.batch,
          expiresMs: spec.expiresMs,
        });
  try {
    await role.next('ready', 120_000);
    role.send({ type: 'go' });
    const result = await role.next('done', durationMs + 180_000);
    const count = spec.mode === 'publish' ? result.acked : result.received;
    const values = { rate: rate(count, result.started, result.ended) };
    if (spec.mode === 'publish') values.sent = result.sent;
    else
      Object.assign(values, {
        total: result.received,
        pulls: result.pulls,
        statuses: result.statuses,
      });
    return { values, problems: result.problems };
  } finally {
    role.send({ type: 'close' });
    await role.stop();
  }
}
