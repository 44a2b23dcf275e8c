// Test helper: a plain TCP socket speaking the protocol by hand, so tests can
// assert the exact bytes the server sends (INFO fields, -ERR texts, +OK).
import { connect, type Socket } from 'node:net';

export interface RawClient {
  readonly socket: Socket;
  /** Everything received so far, as text. */
  readonly received: () => string;
  send(text: string): void;
  /** Resolves with all text received once `pattern` matches it; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;
  close(): void;
}

export async function rawConnect(port: number, host = '127.0.0.1'): Promise<RawClient> {
  const socket = connect({ port, host });
  let text = '';
  const waiters = new Set<() => void>();
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    text += chunk;
    for (const waiter of waiters) waiter();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      resolve();
      for (const waiter of waiters) waiter();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const matches = (pattern: RegExp | string): boolean =>
    typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  return {
    socket,
    received: () => text,
    send: (data) => {
      socket.write(data);
    },
    waitFor: (pattern, timeoutMs = 5000) =>
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          if (matches(pattern)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(text);
          } else if (socket.destroyed) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`closed before ${String(pattern)}; got ${JSON.stringify(text)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(text)}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    closed,
    close: () => {
      socket.destroy();
    },
  };
}
