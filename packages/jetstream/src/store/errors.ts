// Store errors. The message texts are nats-server's (server/store.go, v2.10/2.11
// var block) byte for byte, because the $JS.API handlers put them into JSON error
// descriptions and clients and tests compare those strings.

/** Which store error this is; stable across processes (safe to send over rpc). */
export type StoreErrorCode =
  | 'closed'
  | 'msg_not_found'
  | 'eof'
  | 'max_msgs'
  | 'max_bytes'
  | 'max_msgs_per_subject'
  | 'snapshot_in_progress'
  | 'msg_too_large'
  | 'wrong_type'
  | 'no_ack_policy'
  | 'invalid_sequence'
  | 'sequence_mismatch'
  | 'corrupt_stream_state'
  | 'too_many_results'
  | 'bad_consumer_state';

/** nats-server's text for each code (the `ErrStore...`/`ErrMax...` values). */
export const STORE_ERROR_MESSAGES: Readonly<Record<StoreErrorCode, string>> = {
  closed: 'store is closed', // ErrStoreClosed
  msg_not_found: 'no message found', // ErrStoreMsgNotFound
  eof: 'stream store EOF', // ErrStoreEOF
  max_msgs: 'maximum messages exceeded', // ErrMaxMsgs
  max_bytes: 'maximum bytes exceeded', // ErrMaxBytes
  max_msgs_per_subject: 'maximum messages per subject exceeded', // ErrMaxMsgsPerSubject
  snapshot_in_progress: 'snapshot in progress', // ErrStoreSnapshotInProgress
  msg_too_large: 'message to large', // ErrMsgTooLarge (sic: nats-server's spelling)
  wrong_type: 'wrong storage type', // ErrStoreWrongType
  no_ack_policy: 'ack policy is none', // ErrNoAckPolicy
  invalid_sequence: 'invalid sequence', // ErrInvalidSequence
  sequence_mismatch: 'expected sequence does not match store', // ErrSequenceMismatch
  corrupt_stream_state: 'stream state snapshot is corrupt', // ErrCorruptStreamState
  too_many_results: 'too many matching results for request', // ErrTooManyResults (2.11)
  // Consumer state sanity checks are fmt.Errorf in nats-server; the text varies.
  bad_consumer_state: 'bad consumer state',
};

/**
 * Every error a store rejects with on purpose. Check `code`, not identity: a
 * fresh instance is thrown each time (so stack traces point at the caller), and
 * an rpc client rebuilds it from the code.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string = STORE_ERROR_MESSAGES[code]) {
    super(message);
    this.code = code;
  }
}

/** `err` is a StoreError, with the given code when one is given. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
