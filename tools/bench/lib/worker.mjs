// One role of the load generator, run in a worker thread: a publisher, a set of
// subscribers, a responder, a requester, or a crowd of idle connections. The main
// thread starts the roles of a scenario, waits for each to say 'ready', sends 'go'
// to all of them, and collects their reports.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import {
  CTL_GENERATION,
  CTL_PROGRESS,
  CTL_WAITING,
  FrameBatches,
  MsgReader,
  PING,
  PONG,
  connectFrame,
  countMarked,
  payloadOf,
  subFrame,
} from './proto.mjs';

const READ_BUFFER_BYTES = 256 * 1024;

/** Milliseconds since the epoch, with sub-millisecond precision, comparable across threads. */
function now() {
  return performance.timeOrigin + performance.now();
}

function nextMessage(...types) {
  return new Promise((resolve) => {
    const listener = (message) => {
      if (!types.includes(message.type)) return;
      parentPort.off('message', listener);
      resolve(message);
    };
    parentPort.on('message', listener);
  });
}

/**
 * A client connection: CONNECT sent and acknowledged by a PONG before it resolves.
 * Answers the server's PINGs. `ping()` resolves when the server has handled everything
 * sent before it.
 */
function openConnection(port, name, readerOptions = {}) {
  return new Promise((resolve, reject) => {
    // Reads land in one reused buffer (no allocation, no stream machinery per read).
    const onread = {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (n, buffer) => onChunk(buffer.subarray(0, n)),
    };
    const socket = connect({ port, host: '127.0.0.1', noDelay: true, onread });
    const pongs = [];
    const errors = [];
    let ready = false;
    const conn = {
      socket,
      errors,
      reader: undefined,
      closed: false,
      ping() {
        return new Promise((done) => {
          pongs.push(done);
          socket.write(PING);
        });
      },
      close() {
        conn.closed = true;
        socket.destroy();
      },
    };
    const reader = new MsgReader({
      ...readerOptions,
      onInfo: () => {
        socket.write(Buffer.concat([connectFrame(name), PING]));
        pongs.push(() => {
          ready = true;
          resolve(conn);
        });
      },
      onPing: () => socket.write(PONG),
      onPong: () => pongs.shift()?.(),
      onErr: (text) => errors.push(text),
    });
    conn.reader = reader;
    function onChunk(chunk) {
      if (!reader.feed(chunk)) {
        errors.push(`protocol: ${reader.firstError}`);
        socket.destroy();
      }
      conn.onData?.();
    }
    socket.on('error', (error) => {
      if (!ready) reject(error);
      else if (!conn.closed) errors.push(`socket: ${error.message}`);
    });
    socket.on('close', () => {
      if (!ready) reject(new Error(`connection closed before CONNECT was acknowledged`));
      else if (!conn.closed) errors.push('closed by the server');
      // Nobody waits forever for a PONG that cannot come.
      for (const done of pongs.splice(0)) done();
    });
  });
}

function waitDrain(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

// ---------------------------------------------------------------------------------------

/**
 * Publishes pre-encoded batches until the deadline. In flight at most `window`
 * messages beyond what the subscribers have (when there are subscribers), and at most
 * `maxPings` PINGs unanswered, one every `pingEvery` bytes: the server's input queue
 * stays bounded. Ends with a PING: its PONG says the server has handled every PUB.
 */
async function publisher(options) {
  const { port, subject, payloadSize, durationMs, maxMsgs, window, pingEvery, maxPings } = options;
  const ctl = new Int32Array(options.ctl);
  const conn = await openConnection(port, 'bench-pub');
  const { socket } = conn;
  const batches = FrameBatches.pub(subject, payloadSize);
  parentPort.postMessage({ type: 'ready' });
  await nextMessage('go');

  const waitProgress = async (sent) => {
    Atomics.store(ctl, CTL_WAITING, 1);
    const generation = Atomics.load(ctl, CTL_GENERATION);
    if (sent - Atomics.load(ctl, CTL_PROGRESS) < window) return;
    const wait = Atomics.waitAsync(ctl, CTL_GENERATION, generation, 20);
    if (wait.async) await wait.value;
  };

  const pending = [];
  let sent = 0;
  let sinceLastPing = 0;
  const started = now();
  const deadline = started + durationMs;
  while (!conn.closed && socket.writable && sent < maxMsgs) {
    if (now() >= deadline) break;
    if (window > 0 && sent - Atomics.load(ctl, CTL_PROGRESS) >= window) {
      await waitProgress(sent);
      continue;
    }
    if (pending.length >= maxPings) {
      await pending.shift();
      continue;
    }
    const buffer = batches.take();
    const writable = socket.write(buffer, () => batches.give(buffer));
    sent += batches.perBatch;
    sinceLastPing += buffer.length;
    if (sinceLastPing >= pingEvery) {
      sinceLastPing = 0;
      pending.push(conn.ping());
    }
    if (!writable) await waitDrain(socket);
  }
  const sentAt = now();
  await conn.ping();
  const ended = now();
  parentPort.postMessage({
    type: 'done',
    sent,
    started,
    sentAt,
    ended,
    buffers: batches.allocated,
    errors: conn.errors,
  });
  await nextMessage('close');
  conn.close();
}

/**
 * Subscribers on one event loop. After each read, publishes the progress the
 * publisher's window looks at: the least any subscriber has ('min', fan-out) or the
 * total ('sum', queue group).
 */
async function subscribers(options) {
  const { port, subs, check, progress } = options;
  const ctl = new Int32Array(options.ctl);
  const bitmap = check === 'bitmap' ? new Int32Array(options.bitmap) : undefined;
  const conns = await Promise.all(
    subs.map((_, i) => openConnection(port, `bench-sub-${i}`, { check, bitmap })),
  );
  const readers = conns.map((conn) => conn.reader);
  let lastAt = 0;
  const update = () => {
    lastAt = now();
    let value = progress === 'min' ? Infinity : 0;
    for (let i = 0; i < readers.length; i++) {
      const count = readers[i].count;
      if (progress === 'min') value = count < value ? count : value;
      else value += count;
    }
    Atomics.store(ctl, CTL_PROGRESS, value);
    Atomics.add(ctl, CTL_GENERATION, 1);
    if (Atomics.load(ctl, CTL_WAITING) === 1) {
      Atomics.store(ctl, CTL_WAITING, 0);
      Atomics.notify(ctl, CTL_GENERATION);
    }
  };
  for (let i = 0; i < conns.length; i++) {
    const sub = subs[i];
    conns[i].socket.write(subFrame(sub.subject, sub.sid, sub.queue));
    conns[i].onData = update;
  }
  await Promise.all(conns.map((conn) => conn.ping()));
  parentPort.postMessage({ type: 'ready' });

  const request = await nextMessage('expect', 'measure');
  if (request.type === 'measure') {
    // Against the sink's source: how many messages this thread reads in a fixed time.
    const total = () => readers.reduce((sum, reader) => sum + reader.count, 0);
    const from = total();
    const started = now();
    await new Promise((resolve) => setTimeout(resolve, request.durationMs));
    const received = total() - from;
    const elapsedMs = now() - started;
    parentPort.postMessage({
      type: 'done',
      received,
      elapsedMs,
      orderErrors: readers.reduce((sum, reader) => sum + reader.orderErrors, 0),
      errors: conns.flatMap((conn) => conn.errors),
    });
    await nextMessage('close');
    for (const conn of conns) conn.close();
    return;
  }
  const { sent, timeoutMs } = request;
  const reached = () =>
    progress === 'min'
      ? readers.every((reader) => reader.count >= sent)
      : readers.reduce((sum, reader) => sum + reader.count, 0) >= sent;
  const giveUp = now() + timeoutMs;
  while (!reached() && now() < giveUp && conns.every((conn) => !conn.closed)) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const doneAt = lastAt;
  const complete = reached();
  // A PONG comes after every MSG queued before it: anything extra shows up now.
  await Promise.all(conns.map((conn) => conn.ping()));
  parentPort.postMessage({
    type: 'done',
    complete,
    doneAt,
    counts: readers.map((reader) => reader.count),
    orderErrors: readers.reduce((sum, reader) => sum + reader.orderErrors, 0),
    firstOrderError: readers.find((reader) => reader.orderErrors > 0)?.firstOrderError,
    duplicates: readers.reduce((sum, reader) => sum + reader.duplicates, 0),
    unique: bitmap === undefined ? undefined : countMarked(bitmap, sent),
    errors: conns.flatMap((conn) => conn.errors),
  });
  await nextMessage('close');
  for (const conn of conns) conn.close();
}

/** Answers every request with its own payload, one socket write per read. */
async function responder(options) {
  const { port, subject } = options;
  let replies = [];
  const conn = await openConnection(port, 'bench-responder', {
    onMsg: (_subject, _sid, reply, buf, at, size) => {
      if (reply === undefined) return;
      replies.push(Buffer.from(`PUB ${reply} ${size}\r\n`), buf.subarray(at, at + size + 2));
    },
  });
  conn.onData = () => {
    if (replies.length === 0) return;
    conn.socket.write(Buffer.concat(replies));
    replies = [];
  };
  conn.socket.write(subFrame(subject, '1'));
  await conn.ping();
  parentPort.postMessage({ type: 'ready' });
  await nextMessage('close');
  conn.close();
}

/**
 * Requests with `inFlight` outstanding (1: sequential, for latency). Each request
 * carries its number in the reply subject and in its payload; each reply must match an
 * outstanding request, once.
 */
async function requester(options) {
  const { port, subject, payloadSize, durationMs, inFlight } = options;
  const outstanding = new Map();
  const latencies = [];
  let mismatches = 0;
  let unexpected = 0;
  let onReply = () => {};
  const conn = await openConnection(port, 'bench-requester', {
    onMsg: (replySubject, _sid, _reply, buf, at, size) => {
      const id = Number(replySubject.slice(replySubject.lastIndexOf('.') + 1));
      const sentAt = outstanding.get(id);
      if (sentAt === undefined) {
        unexpected++;
        return;
      }
      outstanding.delete(id);
      const echoed = size >= 4 ? buf.readUInt32LE(at) : id;
      if (echoed !== id) mismatches++;
      latencies.push((performance.now() - sentAt) * 1000);
      onReply();
    },
  });
  conn.socket.write(subFrame('_INBOX.bench.*', '1'));
  await conn.ping();
  // The floor under the latencies: a PING's round trip to the server.
  const pingTimes = [];
  for (let i = 0; i < (inFlight === 1 ? 1000 : 0); i++) {
    const sentAt = performance.now();
    await conn.ping();
    pingTimes.push((performance.now() - sentAt) * 1000);
  }
  pingTimes.sort((a, b) => a - b);
  const payload = payloadOf(payloadSize);
  let next = 0;
  // Requests made while handling one read go out in one write, after it.
  let batch = [];
  const send = () => {
    const id = next++;
    if (payloadSize >= 4) payload.writeUInt32LE(id, 0);
    const line = `PUB ${subject} _INBOX.bench.${id} ${payloadSize}\r\n`;
    const frame = Buffer.allocUnsafe(line.length + payloadSize + 2);
    frame.write(line, 0, 'latin1');
    payload.copy(frame, line.length);
    frame.write('\r\n', line.length + payloadSize, 'latin1');
    outstanding.set(id, performance.now());
    batch.push(frame);
  };
  const flush = () => {
    if (batch.length === 0) return;
    conn.socket.write(batch.length === 1 ? batch[0] : Buffer.concat(batch));
    batch = [];
  };
  conn.onData = flush;
  parentPort.postMessage({ type: 'ready' });
  await nextMessage('go');

  const started = now();
  const deadline = performance.now() + durationMs;
  await new Promise((resolve) => {
    let stopped = false;
    const finish = () => {
      if (!stopped && outstanding.size === 0) {
        stopped = true;
        clearTimeout(timer);
        resolve();
      }
    };
    // Replies that never come end the run after 10 s of silence past the deadline.
    const timer = setTimeout(() => {
      stopped = true;
      resolve();
    }, durationMs + 10_000);
    onReply = () => {
      if (performance.now() < deadline) {
        while (outstanding.size < inFlight) send();
      } else {
        finish();
      }
    };
    for (let i = 0; i < inFlight; i++) send();
    flush();
  });
  const ended = now();
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({
    type: 'done',
    started,
    ended,
    sent: next,
    completed: latencies.length,
    lost: outstanding.size,
    unexpected,
    mismatches,
    pingP50: percentile(pingTimes, 50),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    errors: conn.errors,
  });
  await nextMessage('close');
  conn.close();
}

/** Opens `count` connections, `concurrency` at a time, each acknowledged by a PONG. */
async function idle(options) {
  const { port, count, concurrency } = options;
  const conns = [];
  const failures = [];
  let started = 0;
  const begin = performance.now();
  const lane = async () => {
    while (started < count) {
      started++;
      try {
        conns.push(await openConnection(port, 'bench-idle'));
      } catch (error) {
        failures.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const connectMs = performance.now() - begin;
  parentPort.postMessage({
    type: 'done',
    opened: conns.length,
    connectMs,
    failures: failures.slice(0, 5),
    failed: failures.length,
  });
  await nextMessage('close');
  // Still open: none was dropped while the server's memory was read.
  const alive = conns.filter((conn) => !conn.socket.destroyed && conn.errors.length === 0).length;
  for (const conn of conns) conn.close();
  parentPort.postMessage({ type: 'closed', alive });
}

const roles = { publisher, subscribers, responder, requester, idle };

roles[workerData.role](workerData).catch((error) => {
  parentPort.postMessage({ type: 'error', message: error.stack ?? String(error) });
});
