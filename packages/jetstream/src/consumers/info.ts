// The counts of CONSUMER.INFO that come from a running consumer (nats-server's
// consumer.go infoWithSnapAndReply, v2.10.22): delivered, ack floor, ack
// pending, redelivered, waiting pull requests and messages still to deliver.

import type { AckTracker } from './ack-tracker.js';
import type { WaitingQueue } from './pull.js';

export interface ConsumerRuntimeInfo {
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { consumer_seq: number; stream_seq: number };
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
  num_pending: number;
}

export function runtimeInfo(
  acks: AckTracker,
  waiting: WaitingQueue,
  numPending: number,
): ConsumerRuntimeInfo {
  const state = acks.state;
  return {
    delivered: { ...state.delivered },
    ack_floor: { ...state.ack_floor },
    num_ack_pending: state.pending.size,
    num_redelivered: acks.numRedelivered(),
    num_waiting: waiting.length,
    num_pending: numPending,
  };
}
