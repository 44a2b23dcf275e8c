import type { PeerKind } from './ops.js';
import { SPACE, TAB } from './bytes.js';

/** Internal op codes: the op name as read off the wire, before arguments. */
export const OpCode = {
  Info: 0,
  Connect: 1,
  Pub: 2,
  Hpub: 3,
  Sub: 4,
  Unsub: 5,
  Msg: 6,
  Hmsg: 7,
  Rmsg: 8,
  RouteSub: 9,
  RouteUnsub: 10,
  LeafSub: 11,
  LeafUnsub: 12,
  AccountSub: 13,
  AccountUnsub: 14,
  Ping: 15,
  Pong: 16,
  Ok: 17,
  Err: 18,
} as const;
export type OpCode = (typeof OpCode)[keyof typeof OpCode];

/** PING, PONG and +OK: the rest of their line is ignored. */
export function ignoresArguments(code: number): boolean {
  return code === OpCode.Ping || code === OpCode.Pong || code === OpCode.Ok;
}

/** Results of `recognizeOp` that are not an op code. */
export const UNKNOWN_OP = -1;
export const NEED_MORE = -2;

interface OpName {
  readonly code: OpCode;
  /** Lower-case bytes of the name. */
  readonly name: Uint8Array;
  /** Ops with arguments need a space or tab after the name; the others ignore the rest of the line. */
  readonly takesArguments: boolean;
}

function opName(code: OpCode, name: string, takesArguments: boolean): OpName {
  return { code, name: new TextEncoder().encode(name), takesArguments };
}

const INFO = opName(OpCode.Info, 'info', true);
const CONNECT = opName(OpCode.Connect, 'connect', true);
const PING = opName(OpCode.Ping, 'ping', false);
const PONG = opName(OpCode.Pong, 'pong', false);
const OK = opName(OpCode.Ok, '+ok', false);
const ERR = opName(OpCode.Err, '-err', true);
const COMMON = [INFO, CONNECT, PING, PONG, OK, ERR];

// Which ops each side may send, as nats-server's parser allows per connection kind.
const legalOps: Record<PeerKind, readonly OpName[]> = {
  client: [
    ...COMMON,
    opName(OpCode.Pub, 'pub', true),
    opName(OpCode.Hpub, 'hpub', true),
    opName(OpCode.Sub, 'sub', true),
    opName(OpCode.Unsub, 'unsub', true),
  ],
  server: [...COMMON, opName(OpCode.Msg, 'msg', true), opName(OpCode.Hmsg, 'hmsg', true)],
  route: [
    ...COMMON,
    opName(OpCode.Rmsg, 'rmsg', true),
    // On a route, HMSG is a routed message with headers (account first).
    opName(OpCode.Hmsg, 'hmsg', true),
    opName(OpCode.RouteSub, 'rs+', true),
    opName(OpCode.RouteUnsub, 'rs-', true),
    opName(OpCode.LeafSub, 'ls+', true),
    opName(OpCode.LeafUnsub, 'ls-', true),
    opName(OpCode.AccountSub, 'a+', true),
    opName(OpCode.AccountUnsub, 'a-', true),
  ],
};

// Indexed by lower-cased first byte, so recognition compares against one or
// two candidates instead of scanning the whole list.
type Candidates = readonly (readonly OpName[] | undefined)[];
const candidatesByPeer: Record<PeerKind, Candidates> = {
  client: indexByFirstByte(legalOps.client),
  server: indexByFirstByte(legalOps.server),
  route: indexByFirstByte(legalOps.route),
};

function indexByFirstByte(ops: readonly OpName[]): Candidates {
  const table: OpName[][] = [];
  for (const op of ops) (table[op.name[0]] ??= []).push(op);
  return table;
}

export function candidatesFor(peer: PeerKind): Candidates {
  return candidatesByPeer[peer];
}

const LOWER = new Uint8Array(256).map((_, byte) => (byte >= 65 && byte <= 90 ? byte + 32 : byte));

/**
 * Recognizes the op name at `buf[start, end)`. Returns the op code with
 * `result.argumentsAt` set to where its arguments start, UNKNOWN_OP when no
 * legal op starts this way, or NEED_MORE when `complete` is false and the
 * bytes so far are a prefix of a legal op (a control line split across reads).
 */
export function recognizeOp(
  candidates: Candidates,
  buf: Uint8Array,
  start: number,
  end: number,
  complete: boolean,
  result: { argumentsAt: number },
): number {
  if (start === end) return complete ? UNKNOWN_OP : NEED_MORE;
  const options = candidates[LOWER[buf[start]]];
  if (options === undefined) return UNKNOWN_OP;
  const available = end - start;
  for (const option of options) {
    const name = option.name;
    const compared = Math.min(name.length, available);
    let matches = true;
    for (let i = 1; i < compared; i++) {
      if (LOWER[buf[start + i]] !== name[i]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    if (available < name.length) return complete ? UNKNOWN_OP : NEED_MORE;
    let pos = start + name.length;
    if (!option.takesArguments) {
      result.argumentsAt = end;
      return option.code;
    }
    if (pos === end) return complete ? UNKNOWN_OP : NEED_MORE;
    if (buf[pos] !== SPACE && buf[pos] !== TAB) return UNKNOWN_OP;
    while (pos < end && (buf[pos] === SPACE || buf[pos] === TAB)) pos++;
    result.argumentsAt = pos;
    return option.code;
  }
  return UNKNOWN_OP;
}
