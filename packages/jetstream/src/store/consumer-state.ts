// Consumer state transitions, as nats-server's consumerFileStore applies them
// (server/filestore.go UpdateDelivered / UpdateAcks / Update, v2.10.22). Pure
// functions over a mutable ConsumerState, so every backend (memory, file, Redis)
// gets the same semantics and only decides where the state lives.

import { StoreError } from './errors.js';
import type { ConsumerState, ConsumerStoreConfig } from './types.js';

export function emptyConsumerState(): ConsumerState {
  return {
    delivered: { consumer_seq: 0, stream_seq: 0 },
    ack_floor: { consumer_seq: 0, stream_seq: 0 },
    pending: new Map(),
    redelivered: new Map(),
  };
}

/** A deep copy: callers of ConsumerStore.state() may keep and mutate theirs. */
export function copyConsumerState(state: ConsumerState): ConsumerState {
  const pending = new Map<number, { sequence: number; timestamp: bigint }>();
  for (const [seq, p] of state.pending) pending.set(seq, { ...p });
  return {
    delivered: { ...state.delivered },
    ack_floor: { ...state.ack_floor },
    pending,
    redelivered: new Map(state.redelivered),
  };
}

/** A delivery (nats-server UpdateDelivered). */
export function applyDelivered(
  state: ConsumerState,
  config: ConsumerStoreConfig,
  dseq: number,
  sseq: number,
  dc: number,
  ts: bigint,
): void {
  const ackPolicy = config.ack_policy ?? 'explicit';
  if (dc !== 1 && ackPolicy === 'none') throw new StoreError('no_ack_policy');
  // A replay older than what has been acked (a restarted leader) changes nothing.
  if (dseq <= state.ack_floor.consumer_seq) return;

  if (ackPolicy === 'none') {
    // Nothing will be acked: delivered and the ack floor move together.
    if (dseq > state.delivered.consumer_seq) {
      state.delivered.consumer_seq = dseq;
      state.ack_floor.consumer_seq = dseq;
    }
    if (sseq > state.delivered.stream_seq) {
      state.delivered.stream_seq = sseq;
      state.ack_floor.stream_seq = sseq;
    }
    return;
  }

  if (sseq <= state.delivered.stream_seq) {
    // A redelivery: keep the original consumer sequence, refresh the time.
    const p = state.pending.get(sseq);
    if (p !== undefined) p.timestamp = ts;
  } else {
    state.pending.set(sseq, { sequence: dseq, timestamp: ts });
  }
  if (dseq > state.delivered.consumer_seq) state.delivered.consumer_seq = dseq;
  if (sseq > state.delivered.stream_seq) state.delivered.stream_seq = sseq;

  if (dc > 1) {
    const maxDeliver = config.max_deliver ?? 0;
    // Past max_deliver the message will not be delivered again: stop waiting for its ack.
    if (maxDeliver > 0 && dc > maxDeliver) state.pending.delete(sseq);
    if ((state.redelivered.get(sseq) ?? 0) < dc - 1) state.redelivered.set(sseq, dc - 1);
  }
}

/** An ack (nats-server UpdateAcks). */
export function applyAck(
  state: ConsumerState,
  config: ConsumerStoreConfig,
  dseq: number,
  sseq: number,
): void {
  const ackPolicy = config.ack_policy ?? 'explicit';
  if (ackPolicy === 'none') throw new StoreError('no_ack_policy');
  if (dseq <= state.ack_floor.consumer_seq) return;

  // An ack ahead of what this store saw delivered (a takeover while deliveries
  // were in flight): nats-server moves delivered past it, off by one as it does.
  if (sseq > state.delivered.stream_seq) state.delivered.stream_seq = sseq + 1;

  const pending = state.pending.get(sseq);
  if (pending === undefined) {
    state.redelivered.delete(sseq);
    throw new StoreError('msg_not_found');
  }

  if (ackPolicy === 'all') {
    // Everything up to sseq is acked.
    state.ack_floor.consumer_seq = dseq;
    state.ack_floor.stream_seq = sseq;
    for (const seq of [...state.pending.keys()]) {
      if (seq <= sseq) {
        state.pending.delete(seq);
        state.redelivered.delete(seq);
      }
    }
    return;
  }

  // Explicit: this one only; the floor moves when the oldest pending is acked.
  state.pending.delete(sseq);
  if (dseq > pending.sequence && pending.sequence > 0) dseq = pending.sequence;
  if (state.pending.size === 0) {
    state.ack_floor.consumer_seq = state.delivered.consumer_seq;
    state.ack_floor.stream_seq = state.delivered.stream_seq;
  } else if (dseq === state.ack_floor.consumer_seq + 1) {
    state.ack_floor.consumer_seq = dseq;
    state.ack_floor.stream_seq = sseq;
    if (state.delivered.consumer_seq > dseq) {
      // Up to just below the next pending message.
      for (let ss = sseq + 1; ss <= state.delivered.stream_seq; ss++) {
        const next = state.pending.get(ss);
        if (next !== undefined) {
          if (next.sequence > 0) {
            state.ack_floor.consumer_seq = next.sequence - 1;
            state.ack_floor.stream_seq = ss - 1;
          }
          break;
        }
      }
    }
  }
  state.redelivered.delete(sseq);
}

/**
 * Validate a whole-state replacement (nats-server consumerFileStore.Update) and
 * return the state to store: a copy of `next`, or undefined when `next` is older
 * than `current` and must be ignored.
 */
export function checkedReplacement(
  current: ConsumerState,
  next: ConsumerState,
): ConsumerState | undefined {
  if (
    next.delivered.consumer_seq < current.delivered.consumer_seq ||
    next.ack_floor.stream_seq < current.ack_floor.stream_seq
  ) {
    return undefined;
  }
  if (next.ack_floor.consumer_seq > next.delivered.consumer_seq) {
    throw new StoreError('bad_consumer_state', 'bad ack floor for consumer');
  }
  if (next.ack_floor.stream_seq > next.delivered.stream_seq) {
    throw new StoreError('bad_consumer_state', 'bad ack floor for stream');
  }
  for (const seq of next.pending.keys()) {
    if (seq <= next.ack_floor.stream_seq || seq > next.delivered.stream_seq) {
      throw new StoreError(
        'bad_consumer_state',
        `bad pending entry, sequence [${seq}] out of range`,
      );
    }
  }
  return copyConsumerState(next);
}
