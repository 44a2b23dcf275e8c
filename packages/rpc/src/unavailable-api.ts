// While no store serves the JetStream API (all down, or only standbys), the
// edge answers the JSON API itself with nats-server's answer for a cluster
// without a meta leader: 503 / 10008 "JetStream system temporarily
// unavailable". Without it a client would get no-responders, which the
// official clients report as "JetStream not enabled". Direct gets and pull
// requests are left out: with no stream leader nats-server has no one
// subscribed to them either, so clients get no-responders there as they do
// from nats-server.

import {
  apiErrorResponse,
  JSClusterNotAvailErr,
  RESPONSE_TYPES,
  type JetStreamHost,
} from '@tsnats/jetstream';

const PREFIX = '$JS.API';

/** The JSON API subjects, without DIRECT.> and CONSUMER.MSG.NEXT.> */
const SUBJECTS = [
  'INFO',
  'STREAM.>',
  'CONSUMER.CREATE.>',
  'CONSUMER.DURABLE.CREATE.>',
  'CONSUMER.DELETE.>',
  'CONSUMER.INFO.>',
  'CONSUMER.NAMES.>',
  'CONSUMER.LIST.>',
  'CONSUMER.LEADER.>',
  'CONSUMER.PAUSE.>',
  'META.>',
  'SERVER.>',
  'ACCOUNT.>',
].map((subject) => `${PREFIX}.${subject}`);

const STREAM_TYPES: Record<string, string> = {
  CREATE: RESPONSE_TYPES.streamCreate,
  UPDATE: RESPONSE_TYPES.streamUpdate,
  NAMES: RESPONSE_TYPES.streamNames,
  LIST: RESPONSE_TYPES.streamList,
  INFO: RESPONSE_TYPES.streamInfo,
  DELETE: RESPONSE_TYPES.streamDelete,
  PURGE: RESPONSE_TYPES.streamPurge,
  SNAPSHOT: RESPONSE_TYPES.streamSnapshot,
  RESTORE: RESPONSE_TYPES.streamRestore,
  PEER: RESPONSE_TYPES.streamRemovePeer,
  LEADER: RESPONSE_TYPES.streamLeaderStepDown,
};

const CONSUMER_TYPES: Record<string, string> = {
  CREATE: RESPONSE_TYPES.consumerCreate,
  DURABLE: RESPONSE_TYPES.consumerCreate,
  DELETE: RESPONSE_TYPES.consumerDelete,
  INFO: RESPONSE_TYPES.consumerInfo,
  NAMES: RESPONSE_TYPES.consumerNames,
  LIST: RESPONSE_TYPES.consumerList,
  LEADER: RESPONSE_TYPES.consumerLeaderStepDown,
};

/** The response `type` nats-server gives the request on `subject`. */
export function responseType(subject: string): string {
  const [kind, operation, detail] = subject.slice(PREFIX.length + 1).split('.');
  if (kind === 'INFO') return RESPONSE_TYPES.accountInfo;
  if (kind === 'STREAM') {
    if (operation === 'MSG') {
      return detail === 'DELETE' ? RESPONSE_TYPES.msgDelete : RESPONSE_TYPES.msgGet;
    }
    return STREAM_TYPES[operation] ?? RESPONSE_TYPES.system;
  }
  if (kind === 'CONSUMER') return CONSUMER_TYPES[operation] ?? RESPONSE_TYPES.system;
  return RESPONSE_TYPES.system;
}

const encoder = new TextEncoder();

/** Answers the JSON API through `host` until the returned function is called. */
export function answerUnavailable(host: JetStreamHost): () => void {
  const unsubscribes = SUBJECTS.map((subject) =>
    host.subscribe(subject, (message) => {
      if (message.reply === undefined || message.reply === '') return;
      const body = apiErrorResponse(responseType(message.subject), JSClusterNotAvailErr);
      host.publish({
        subject: message.reply,
        reply: undefined,
        headers: undefined,
        payload: encoder.encode(JSON.stringify(body)),
      });
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
