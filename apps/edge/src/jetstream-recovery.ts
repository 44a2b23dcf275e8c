// Streams kept in files come back when the server restarts: each stream
// directory's meta.json holds the config it was created with, and the edge
// creates the stream again through the JetStream API (the FileStore then finds
// its messages on disk). Going through the API keeps the edge blind to the link.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, NatsServer } from '@tsnats/server';

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
export async function recoverFileStreams(
  server: NatsServer,
  streamsDir: string,
  apiPrefix: string,
  logger: Logger,
): Promise<number> {
  if (!existsSync(streamsDir)) return 0;
  let recovered = 0;
  for (const name of readdirSync(streamsDir)) {
    const metaFile = join(streamsDir, name, 'meta.json');
    if (!existsSync(metaFile)) continue;
    try {
      const reply = (await internalRequest(
        server,
        `${apiPrefix}.STREAM.CREATE.${name}`,
        readFileSync(metaFile, 'utf8'),
      )) as { error?: { description?: string } };
      if (reply.error !== undefined) {
        logger.error(`  Error recovering stream '${name}': ${reply.error.description ?? ''}`);
        continue;
      }
      recovered++;
      logger.notice(`  Restored stream '${name}'`);
    } catch (error) {
      logger.error(`  Error recovering stream '${name}': ${String(error)}`);
    }
  }
  return recovered;
}
