// nats-server's JetStream API constants (server/jetstream_api.go, stream.go, consumer.go).

/** Longest stream, consumer or template name (JSMaxNameLen). */
export const JS_MAX_NAME_LEN = 255;
/** Longest stream or consumer description in bytes (JSMaxDescriptionLen). */
export const JS_MAX_DESCRIPTION_LEN = 4 * 1024;
/** Most bytes of metadata keys plus values (JSMaxMetadataLen). */
export const JS_MAX_METADATA_LEN = 128 * 1024;
/** Most replicas a stream may ask for (StreamMaxReplicas). */
export const STREAM_MAX_REPLICAS = 5;

const NANOS_PER_MS = 1_000_000;
const NANOS_PER_SECOND = 1_000_000_000;

/** Default duplicate window (StreamDefaultDuplicatesWindow): 2 minutes. */
export const STREAM_DEFAULT_DUPLICATES_WINDOW = 120 * NANOS_PER_SECOND;
/** Smallest max_age and duplicate_window accepted: 100ms. */
export const STREAM_MIN_WINDOW = 100 * NANOS_PER_MS;
/** Default ack_wait of explicit and all ack consumers (JsAckWaitDefault): 30s. */
export const CONSUMER_DEFAULT_ACK_WAIT = 30 * NANOS_PER_SECOND;
/** Inactive threshold stamped on ephemerals that set none (JsDeleteWaitTimeDefault): 5s. */
export const CONSUMER_DEFAULT_INACTIVE_THRESHOLD = 5 * NANOS_PER_SECOND;
/** Default max_ack_pending of explicit and all ack consumers (JsDefaultMaxAckPending). */
export const CONSUMER_DEFAULT_MAX_ACK_PENDING = 1000;
/** Default max_waiting of pull consumers (JSWaitQueueDefaultMax). */
export const CONSUMER_DEFAULT_MAX_WAITING = 512;
/** Smallest idle_heartbeat of a push consumer: 100ms. */
export const CONSUMER_MIN_HEARTBEAT = 100 * NANOS_PER_MS;
/** Smallest max_expires of a pull consumer: 1ms. */
export const CONSUMER_MIN_MAX_EXPIRES = NANOS_PER_MS;

/** Most names in one STREAM.NAMES or CONSUMER.NAMES page (JSApiNamesLimit). */
export const JS_API_NAMES_LIMIT = 1024;
/** Most infos in one STREAM.LIST or CONSUMER.LIST page (JSApiListLimit). */
export const JS_API_LIST_LIMIT = 256;
/** Most subjects STREAM.INFO reports (JSMaxSubjectDetails). */
export const JS_MAX_SUBJECT_DETAILS = 100_000;

/** The API's subject prefix (JSApiPrefix). */
export const JS_API_PREFIX = '$JS.API';

/** The `type` of each API response. */
export const RESPONSE_TYPES = Object.freeze({
  system: 'io.nats.jetstream.api.v1.system_response',
  accountInfo: 'io.nats.jetstream.api.v1.account_info_response',
  streamCreate: 'io.nats.jetstream.api.v1.stream_create_response',
  streamUpdate: 'io.nats.jetstream.api.v1.stream_update_response',
  streamDelete: 'io.nats.jetstream.api.v1.stream_delete_response',
  streamInfo: 'io.nats.jetstream.api.v1.stream_info_response',
  streamNames: 'io.nats.jetstream.api.v1.stream_names_response',
  streamList: 'io.nats.jetstream.api.v1.stream_list_response',
  streamPurge: 'io.nats.jetstream.api.v1.stream_purge_response',
  streamSnapshot: 'io.nats.jetstream.api.v1.stream_snapshot_response',
  streamRestore: 'io.nats.jetstream.api.v1.stream_restore_response',
  streamRemovePeer: 'io.nats.jetstream.api.v1.stream_remove_peer_response',
  streamLeaderStepDown: 'io.nats.jetstream.api.v1.stream_leader_stepdown_response',
  msgGet: 'io.nats.jetstream.api.v1.stream_msg_get_response',
  msgDelete: 'io.nats.jetstream.api.v1.stream_msg_delete_response',
  consumerCreate: 'io.nats.jetstream.api.v1.consumer_create_response',
  consumerDelete: 'io.nats.jetstream.api.v1.consumer_delete_response',
  consumerInfo: 'io.nats.jetstream.api.v1.consumer_info_response',
  consumerNames: 'io.nats.jetstream.api.v1.consumer_names_response',
  consumerList: 'io.nats.jetstream.api.v1.consumer_list_response',
  consumerLeaderStepDown: 'io.nats.jetstream.api.v1.consumer_leader_stepdown_response',
  metaLeaderStepDown: 'io.nats.jetstream.api.v1.meta_leader_stepdown_response',
  metaServerRemove: 'io.nats.jetstream.api.v1.meta_server_remove_response',
  accountPurge: 'io.nats.jetstream.api.v1.account_purge_response',
});
