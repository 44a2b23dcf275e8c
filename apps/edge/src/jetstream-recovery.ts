// Streams kept in files come back when the server restarts: the edge creates
// them again through the JetStream API (see recoverFileStreams), sending the
// requests from inside the server, which keeps the edge blind to the link.
import { recoverFileStreams, type JetStreamLogger } from '@tsnats/jetstream';
import type { NatsServer } from '@tsnats/server';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sends one API request from inside the server and resolves with the JSON reply. */
function internalRequest(server: NatsServer, subject: string, body: string): Promise<unknown> {
  const inbox = `_INBOX.tsnats.recovery.${String(Date.now())}.${String(Math.random()).slice(2)}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no reply to ${subject}`));
    }, 10_000);
    const unsubscribe = server.subscribeInternal(inbox, (message) => {
      clearTimeout(timer);
      unsubscribe();
      try {
        resolve(JSON.parse(decoder.decode(message.payload)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    server.publish({ subject, reply: inbox, headers: undefined, payload: encoder.encode(body) });
  });
}

/** Re-creates every file stream found under `streamsDir`; returns how many came back. */
export function recoverEdgeFileStreams(
  server: NatsServer,
  streamsDir: string,
  apiPrefix: string,
  logger: JetStreamLogger,
): Promise<number> {
  return recoverFileStreams(
    (subject, body) => internalRequest(server, subject, body),
    streamsDir,
    apiPrefix,
    logger,
  );
}
