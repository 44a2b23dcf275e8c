// Streams kept in files come back when the server restarts: the edge creates
// them again through the JetStream API (see recoverFileStreams), sending the
// requests from inside the server, which keeps the edge blind to the link.
import { recoverFileStreams, type JetStreamLogger } from '@tsnats/jetstream';
import { internalRequest, type NatsServer } from '@tsnats/server';

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
