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
  newBitmap,
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
function openConnection(port, name, readerOptions = {}, connectOptions = {}) {
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
        socket.write(Buffer.concat([connectFrame(name, connectOptions), PING]));
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

// ---------------------------------------------------------------------------------------
// JetStream: one connection that makes $JS.API requests, publishes with acks, or pulls.

const SID_API = '1';
const SID_ACK = '2';
const SID_PULL = '3';
const API_TIMEOUT_MS = 10_000;

/** The status code of a headers-only status message (`NATS/1.0 408 Request Timeout`). */
function statusOf(buf, at, headerSize) {
  const line = buf.toString('latin1', at, Math.min(at + headerSize, at + 64));
  const match = /^NATS\/1\.0 (\d{3})/.exec(line);
  return match === null ? 0 : Number(match[1]);
}

function headerValue(buf, at, headerSize, name) {
  const text = buf.toString('latin1', at, at + headerSize);
  const match = new RegExp(`\\r\\n${name}:\\s*([^\\r]*)`, 'i').exec(text);
  return match === null ? undefined : match[1].trim();
}

/** A number following `"key":` in a small JSON text, without JSON.parse (acks are hot). */
function jsonNumber(buf, at, size, key) {
  const text = buf.toString('latin1', at, at + size);
  const found = text.indexOf(key);
  if (found < 0) return -1;
  let i = found + key.length;
  while (text.charCodeAt(i) === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    digits++;
  }
  return digits > 0 ? value : -1;
}

/**
 * A JetStream client on the raw protocol: `request(subject, body)` resolves with the
 * parsed JSON reply; publish acks and pulled messages go to `onAck` and `onPulled`.
 */
async function jetStreamClient(port, name) {
  const handlers = { onAck: () => {}, onPulled: () => {} };
  const pending = new Map();
  let nextRequest = 0;
  const conn = await openConnection(
    port,
    name,
    {
      onMsg: (subject, sid, reply, buf, at, size, headerSize) => {
        if (sid === SID_ACK) handlers.onAck(subject, buf, at, size, headerSize);
        else if (sid === SID_PULL) handlers.onPulled(reply, buf, at, size, headerSize);
        else if (sid === SID_API) {
          const id = Number(subject.slice(subject.lastIndexOf('.') + 1));
          const waiter = pending.get(id);
          if (waiter === undefined) return;
          pending.delete(id);
          waiter(buf.toString('utf8', at + headerSize, at + size), statusOf(buf, at, headerSize));
        }
      },
    },
    { headers: true, no_responders: true },
  );
  conn.socket.write(
    Buffer.concat([
      subFrame('_INBOX.api.*', SID_API),
      subFrame('_INBOX.ack.*', SID_ACK),
      subFrame('_INBOX.pull.*', SID_PULL),
    ]),
  );
  await conn.ping();
  conn.handlers = handlers;
  conn.request = (subject, body) =>
    new Promise((resolve, reject) => {
      const id = nextRequest++;
      const payload = Buffer.from(body === undefined ? '' : JSON.stringify(body));
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${subject}: no reply after ${API_TIMEOUT_MS} ms`));
      }, API_TIMEOUT_MS);
      pending.set(id, (text, status) => {
        clearTimeout(timer);
        if (status !== 0) {
          reject(new Error(`${subject}: status ${status}`));
          return;
        }
        const reply = JSON.parse(text);
        if (reply.error !== undefined) {
          reject(new Error(`${subject}: ${JSON.stringify(reply.error)}`));
          return;
        }
        resolve(reply);
      });
      conn.socket.write(
        Buffer.concat([
          Buffer.from(`PUB ${subject} _INBOX.api.${id} ${payload.length}\r\n`),
          payload,
          Buffer.from('\r\n'),
        ]),
      );
    });
  return conn;
}

async function createStream(conn, stream, storage) {
  const config = { name: stream, subjects: [`js.${stream}`], storage, num_replicas: 1 };
  await conn.request(`$JS.API.STREAM.CREATE.${stream}`, config);
}

async function streamState(conn, stream) {
  const info = await conn.request(`$JS.API.STREAM.INFO.${stream}`);
  return info.state;
}

/**
 * Acked publishes to a fresh stream, `inFlight` outstanding: each PUB carries a reply
 * subject with its number and must get one `{"stream":..,"seq":..}` ack; the seqs must
 * rise with the numbers, and STREAM.INFO must count exactly the acked messages.
 */
async function jetStreamPublish(options) {
  const { port, stream, storage, payloadSize, durationMs, inFlight, maxMsgs } = options;
  const conn = await jetStreamClient(port, 'bench-js-pub');
  const problems = [];
  await createStream(conn, stream, storage);
  const subject = `js.${stream}`;
  const seqs = new Float64Array(maxMsgs);
  const payload = payloadOf(payloadSize);
  let next = 0;
  let completed = 0;
  let outstanding = 0;
  let unexpected = 0;
  let failed = 0;
  let firstFailure;
  let onAck = () => {};
  conn.handlers.onAck = (replySubject, buf, at, size, headerSize) => {
    const id = Number(replySubject.slice(replySubject.lastIndexOf('.') + 1));
    if (!(id < next) || seqs[id] !== 0) {
      unexpected++;
      return;
    }
    const seq = headerSize > 0 ? -1 : jsonNumber(buf, at, size, '"seq":');
    if (seq <= 0) {
      failed++;
      firstFailure ??= buf.toString('utf8', at, at + size).slice(0, 200);
      seqs[id] = -1;
    } else {
      seqs[id] = seq;
    }
    completed++;
    outstanding--;
    onAck();
  };
  let batch = [];
  const send = () => {
    const id = next++;
    if (payloadSize >= 4) payload.writeUInt32LE(id, 0);
    const line = `PUB ${subject} _INBOX.ack.${id} ${payloadSize}\r\n`;
    const frame = Buffer.allocUnsafe(line.length + payloadSize + 2);
    frame.write(line, 0, 'latin1');
    payload.copy(frame, line.length);
    frame.write('\r\n', line.length + payloadSize, 'latin1');
    outstanding++;
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
    const timer = setTimeout(() => {
      stopped = true;
      resolve();
    }, durationMs + API_TIMEOUT_MS);
    onAck = () => {
      if (stopped) return;
      if (performance.now() < deadline) {
        while (outstanding < inFlight && next < maxMsgs) send();
      }
      if (outstanding === 0) {
        stopped = true;
        clearTimeout(timer);
        resolve();
      }
    };
    for (let i = 0; i < inFlight; i++) send();
    flush();
  });
  const ended = now();

  if (outstanding > 0) problems.push(`${outstanding} publishes never acked`);
  if (unexpected > 0) problems.push(`${unexpected} unexpected or repeated acks`);
  if (failed > 0) problems.push(`${failed} publishes not stored (first reply: ${firstFailure})`);
  let previous = 0;
  let notRising = 0;
  for (let id = 0; id < next; id++) {
    const seq = seqs[id];
    if (seq <= 0) continue;
    if (seq <= previous) notRising++;
    previous = seq;
  }
  if (notRising > 0) problems.push(`${notRising} acks whose seq does not rise with the publish`);
  const stored = completed - failed;
  // A file store may still be writing what it acked: STREAM.INFO must count it all at once.
  const state = await streamState(conn, stream);
  if (state.messages !== stored || state.last_seq !== previous) {
    problems.push(
      `acked ${stored} (last seq ${previous}), STREAM.INFO says ${state.messages} messages, last seq ${state.last_seq}`,
    );
  }
  await conn.request(`$JS.API.STREAM.DELETE.${stream}`);
  parentPort.postMessage({
    type: 'done',
    started,
    ended,
    sent: next,
    acked: stored,
    problems: [...problems, ...conn.errors],
  });
  await nextMessage('close');
  conn.close();
}

/** Writes `total` PUBs (no reply) to the stream's subject with PING flow control. */
async function prefill(conn, subject, payloadSize, total) {
  const batches = FrameBatches.pub(subject, payloadSize);
  const pings = [];
  let sent = 0;
  let sinceLastPing = 0;
  while (sent < total) {
    if (pings.length >= 16) await pings.shift();
    const buffer = batches.take();
    const count = Math.min(batches.perBatch, total - sent);
    const writable = conn.socket.write(buffer.subarray(0, count * batches.frameLength), () =>
      batches.give(buffer),
    );
    sent += count;
    sinceLastPing += count * batches.frameLength;
    if (sinceLastPing >= 256 * 1024) {
      sinceLastPing = 0;
      pings.push(conn.ping());
    }
    if (!writable) await waitDrain(conn.socket);
  }
  await conn.ping();
}

/**
 * A fresh stream filled with `total` messages, a durable pull consumer with explicit
 * acks, then MSG.NEXT requests of `batch` (two outstanding) until every message came,
 * each acked on its $JS.ACK reply subject. Every stream sequence must come exactly once,
 * as a first delivery, carrying the payload published with it; afterwards CONSUMER.INFO
 * must show nothing pending and nothing unacked.
 */
async function jetStreamPull(options) {
  const { port, stream, storage, payloadSize, total, batch, expiresMs } = options;
  const conn = await jetStreamClient(port, 'bench-js-pull');
  const problems = [];
  await createStream(conn, stream, storage);
  await prefill(conn, `js.${stream}`, payloadSize, total);
  const fillGiveUp = Date.now() + 60_000;
  let state = await streamState(conn, stream);
  while (state.messages < total && Date.now() < fillGiveUp) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = await streamState(conn, stream);
  }
  if (state.messages !== total) throw new Error(`prefilled ${total}, stream has ${state.messages}`);
  const consumer = 'bench';
  await conn.request(`$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${consumer}`, {
    stream_name: stream,
    config: { durable_name: consumer, ack_policy: 'explicit' },
  });

  const seen = newBitmap(total + 1);
  let received = 0;
  let duplicates = 0;
  let redelivered = 0;
  let wrongPayload = 0;
  let badReply = 0;
  let statuses = 0;
  let credit = 0; // messages the outstanding pull requests may still bring
  let pulls = 0;
  let acks = [];
  let finish = () => {};
  const pullFrame = Buffer.from(
    JSON.stringify({ batch, expires: expiresMs * 1_000_000 }), // nanoseconds
  );
  const pullSubject = `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`;
  const pull = () => {
    credit += batch;
    acks.push(
      Buffer.from(`PUB ${pullSubject} _INBOX.pull.${pulls++} ${pullFrame.length}\r\n`),
      pullFrame,
      Buffer.from('\r\n'),
    );
  };
  const topUp = () => {
    // Two requests outstanding: the next batch is asked for while this one arrives.
    while (credit <= batch && received + credit < total) pull();
  };
  conn.handlers.onPulled = (reply, buf, at, size, headerSize) => {
    if (headerSize > 0 && size === headerSize) {
      // A status for a pull request: 408 expired (with what it still had to bring), 409...
      statuses++;
      const left = Number(headerValue(buf, at, headerSize, 'Nats-Pending-Messages') ?? batch);
      credit = Math.max(0, credit - left);
      topUp();
      return;
    }
    received++;
    credit--;
    // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>, or the long
    // form with <domain>.<account hash> after ACK and a random token at the end.
    const tokens = reply === undefined ? [] : reply.split('.');
    const base = tokens.length === 9 ? 2 : tokens.length >= 11 ? 4 : -1;
    if (base < 0) {
      badReply++;
    } else {
      const sseq = Number(tokens[base + 3]);
      if (tokens[base + 2] !== '1') redelivered++;
      if (!(sseq >= 1 && sseq <= total)) badReply++;
      else if ((seen[sseq >>> 5] & (1 << (sseq & 31))) !== 0) duplicates++;
      else seen[sseq >>> 5] |= 1 << (sseq & 31);
      const body = at + headerSize;
      if (size - headerSize >= 4 && buf.readUInt32LE(body) !== sseq - 1) wrongPayload++;
      acks.push(Buffer.from(`PUB ${reply} 0\r\n\r\n`, 'latin1'));
    }
    if (received === total) finish();
    else topUp();
  };
  conn.onData = () => {
    if (acks.length === 0) return;
    conn.socket.write(Buffer.concat(acks));
    acks = [];
  };
  parentPort.postMessage({ type: 'ready' });
  await nextMessage('go');

  const started = now();
  let ended = started;
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 120_000);
    finish = () => {
      ended = now();
      clearTimeout(timer);
      resolve();
    };
    topUp();
    conn.onData();
  });
  if (received !== total) problems.push(`got ${received} of ${total} messages`);
  if (duplicates > 0) problems.push(`${duplicates} stream sequences delivered twice`);
  if (countMarked(seen, total + 1) !== received - duplicates - badReply) {
    problems.push('the sequence bitmap disagrees with the count');
  }
  if (redelivered > 0) problems.push(`${redelivered} redeliveries`);
  if (wrongPayload > 0) problems.push(`${wrongPayload} payloads not the ones published`);
  if (badReply > 0) problems.push(`${badReply} messages without a usable $JS.ACK reply`);
  // Every ack handled: nothing unacked, nothing pending, the ack floor at the last message.
  await conn.ping();
  let info;
  const ackGiveUp = Date.now() + 5000;
  for (;;) {
    info = await conn.request(`$JS.API.CONSUMER.INFO.${stream}.${consumer}`);
    const settled = info.num_ack_pending === 0 && info.ack_floor?.stream_seq === total;
    if (settled || Date.now() > ackGiveUp) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (
    info.num_ack_pending !== 0 ||
    info.num_pending !== 0 ||
    info.ack_floor?.stream_seq !== total
  ) {
    problems.push(
      `CONSUMER.INFO after the run: ack pending ${info.num_ack_pending}, pending ${info.num_pending}, ack floor ${info.ack_floor?.stream_seq} (want 0, 0, ${total})`,
    );
  }
  handlersOff(conn);
  await conn.request(`$JS.API.STREAM.DELETE.${stream}`);
  parentPort.postMessage({
    type: 'done',
    started,
    ended,
    received,
    pulls,
    statuses,
    problems: [...problems, ...conn.errors],
  });
  await nextMessage('close');
  conn.close();
}

/** After the run: a leftover pull request may still answer (409 consumer deleted). */
function handlersOff(conn) {
  conn.handlers.onPulled = () => {};
  conn.handlers.onAck = () => {};
}

const roles = {
  publisher,
  subscribers,
  responder,
  requester,
  idle,
  jetStreamPublish,
  jetStreamPull,
};

roles[workerData.role](workerData).catch((error) => {
  parentPort.postMessage({ type: 'error', message: error.stack ?? String(error) });
});
