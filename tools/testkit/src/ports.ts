import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A TCP port nobody listens on right now. Another process can still take it
 * before the caller binds it, so the server helpers retry on "address already
 * in use".
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('freePort: the listener reported no TCP address');
  }
  return address.port;
}

/** One connect attempt: the error code when it failed, or undefined when it connected. */
function tryConnect(port: number, host: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    // A dropped SYN would otherwise hang for the kernel's whole connect timeout.
    socket.setTimeout(Math.max(timeoutMs, 1), () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(error.code ?? error.message);
    });
  });
}

/**
 * Polls until a TCP connect succeeds. `signal` lets a caller give up early (the
 * process that should listen has died); the rejection then carries its reason.
 */
export async function pollPort(
  port: number,
  host: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt made';
  for (;;) {
    signal?.throwIfAborted();
    const left = deadline - Date.now();
    if (left <= 0) break;
    const error = await tryConnect(port, host, Math.min(left, 1000));
    if (error === undefined) return;
    lastError = error;
    signal?.throwIfAborted();
    const pause = Math.min(25, deadline - Date.now());
    if (pause <= 0) break;
    await sleep(pause);
  }
  throw new Error(
    `Nothing accepted TCP connections on ${host}:${port} within ${timeoutMs} ms (last error: ${lastError})`,
  );
}

/** Resolves when a TCP connect to host:port succeeds; rejects after timeoutMs. */
export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<void> {
  return pollPort(port, host, timeoutMs);
}
