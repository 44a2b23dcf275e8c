// HTTP/2 keepalive on both ends: a peer that vanishes without closing its
// socket (power loss, partition) is noticed in seconds rather than at the next
// TCP retransmission timeout. The server must allow the client's ping rate, or
// it answers with GOAWAY "too_many_pings".

export const KEEPALIVE_TIME_MS = 5_000;
export const KEEPALIVE_TIMEOUT_MS = 5_000;

export const clientChannelOptions = {
  'grpc.keepalive_time_ms': KEEPALIVE_TIME_MS,
  'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
  'grpc.keepalive_permit_without_calls': 1,
  // The link carries every publish of an edge: no message size cap below the
  // server's own max_payload checks.
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

export const serverChannelOptions = {
  'grpc.keepalive_time_ms': KEEPALIVE_TIME_MS,
  'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': KEEPALIVE_TIME_MS / 2,
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};
