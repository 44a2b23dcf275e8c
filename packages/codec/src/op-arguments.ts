// Turns the argument part of a control line into an op, with the argument
// counts and checks of nats-server 2.10 (processPub, processHeaderPub, parseSub,
// processUnsub in client.go; processRoutedMsgArgs, processRoutedHeaderMsgArgs,
// processRemoteSub, parseUnsubProto in route.go).

import {
  decodeHashedString,
  decodeString,
  EMPTY_BYTES,
  FNV_OFFSET,
  FNV_PRIME,
  parseSize,
  SPACE,
  TAB,
} from './bytes.js';
import { protocolError, ProtocolErrorCode, snippet, type ProtocolError } from './errors.js';
import type { ConnectOptions, ServerInfo } from './json.js';
import { OpCode } from './op-names.js';
import { OK, PING, PONG, type Op, type PeerKind } from './ops.js';

export interface ArgumentLimits {
  readonly peer: PeerKind;
  readonly maxControlLine: number;
  readonly maxPayload: number;
}

/** Set by `buildOp` for message ops: payload size (headers included) and header size, or -1. */
export interface MessageSizes {
  payload: number;
  header: number;
}

/** The slots of a message op the parser fills once its payload has arrived. */
export interface MessageOp {
  headers?: Uint8Array | undefined;
  payload: Uint8Array;
}

export function isProtocolError(value: Op | ProtocolError): value is ProtocolError {
  return !('kind' in value);
}

const NO_QUEUES: readonly string[] = Object.freeze([]);

/**
 * The arguments of one control line, split on runs of spaces and tabs. One
 * instance is reused for every line: field bounds live in a growable array
 * whose size the control-line limit bounds, so splitting allocates nothing.
 */
class ControlLine {
  buf: Uint8Array = EMPTY_BYTES;
  start = 0;
  end = 0;
  count = 0;
  readonly #bounds: number[] = [];
  // FNV-1a hash of each field, computed while splitting, so decoding a field
  // into a string is a cache lookup rather than another pass over its bytes.
  readonly #hashes: number[] = [];

  split(buf: Uint8Array, start: number, end: number): number {
    this.buf = buf;
    this.start = start;
    this.end = end;
    const bounds = this.#bounds;
    const hashes = this.#hashes;
    let n = 0;
    let fieldStart = -1;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const byte = buf[i];
      if (byte === SPACE || byte === TAB) {
        if (fieldStart >= 0) {
          hashes[n >> 1] = hash;
          bounds[n++] = fieldStart;
          bounds[n++] = i;
          fieldStart = -1;
        }
      } else {
        if (fieldStart < 0) {
          fieldStart = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ byte, FNV_PRIME);
      }
    }
    if (fieldStart >= 0) {
      hashes[n >> 1] = hash;
      bounds[n++] = fieldStart;
      bounds[n++] = end;
    }
    this.count = n >> 1;
    return this.count;
  }

  text(index: number): string {
    return decodeHashedString(
      this.buf,
      this.#bounds[index * 2],
      this.#bounds[index * 2 + 1],
      this.#hashes[index],
    );
  }

  /** The field as a size (nats-server's parseSize): -1 when it is not 1-9 digits. */
  size(index: number): number {
    return parseSize(this.buf, this.#bounds[index * 2], this.#bounds[index * 2 + 1]);
  }

  /** The field's only byte, or -1 when it is not one byte long. */
  singleByte(index: number): number {
    const at = this.#bounds[index * 2];
    return this.#bounds[index * 2 + 1] - at === 1 ? this.buf[at] : -1;
  }

  error(code: ProtocolErrorCode, what: string): ProtocolError {
    return protocolError(code, `${what}: ${snippet(this.buf, this.start, this.end)}`);
  }

  bad(op: string, why = 'Parse Error'): ProtocolError {
    return this.error(ProtocolErrorCode.BadArguments, `${op} ${why}`);
  }
}

const line = new ControlLine();

/**
 * Builds the op for `code` from `buf[start, end)` (the arguments, without the op
 * name and line ending). For message ops the result waits for its payload and
 * `sizes` says how big it is; otherwise `sizes.payload` is -1.
 */
export function buildOp(
  code: number,
  buf: Uint8Array,
  start: number,
  end: number,
  limits: ArgumentLimits,
  sizes: MessageSizes,
): Op | ProtocolError {
  sizes.payload = -1;
  sizes.header = -1;
  switch (code) {
    case OpCode.Ping:
      return PING;
    case OpCode.Pong:
      return PONG;
    case OpCode.Ok:
      return OK;
  }
  if (end - start > limits.maxControlLine) {
    return protocolError(
      ProtocolErrorCode.MaxControlLine,
      `max_control_line ${limits.maxControlLine}, line ${end - start}: ${snippet(buf, start, end)}`,
    );
  }
  line.split(buf, start, end);
  switch (code) {
    case OpCode.Pub:
      return pub(limits, sizes);
    case OpCode.Hpub:
      return hpub(limits, sizes);
    case OpCode.Sub:
      return sub();
    case OpCode.Unsub:
      return unsub();
    case OpCode.Msg:
      return msg(limits, sizes);
    case OpCode.Hmsg:
      return limits.peer === 'route' ? routedMsg(limits, sizes, true) : hmsg(limits, sizes);
    case OpCode.Rmsg:
      return routedMsg(limits, sizes, false);
    case OpCode.RouteSub:
    case OpCode.LeafSub:
      return remoteSub(code === OpCode.LeafSub);
    case OpCode.RouteUnsub:
    case OpCode.LeafUnsub:
      return remoteUnsub(code === OpCode.LeafUnsub);
    case OpCode.AccountSub:
    case OpCode.AccountUnsub:
      return accountInterest(code === OpCode.AccountSub);
    case OpCode.Info:
    case OpCode.Connect:
      return json(code === OpCode.Info);
    default:
      return errOp(buf, start, end);
  }
}

/**
 * Checks a message's sizes in nats-server's order and records them in `sizes`.
 * `headerField` is the index of the header-size field, or -1 for ops without headers;
 * the total size is always the last field.
 */
function checkSizes(
  op: string,
  headerField: number,
  limits: ArgumentLimits,
  sizes: MessageSizes,
): ProtocolError | undefined {
  const headerSize = headerField >= 0 ? line.size(headerField) : -1;
  const totalSize = line.size(line.count - 1);
  if (headerField >= 0 && headerSize < 0) return line.bad(op, 'Bad or Missing Header Size');
  if (totalSize < 0) return line.bad(op, 'Bad or Missing Size');
  if (headerSize > totalSize) return line.bad(op, 'Header Size larger than TotalSize');
  if (totalSize > limits.maxPayload) {
    return protocolError(
      ProtocolErrorCode.MaxPayload,
      `maximum payload exceeded: ${totalSize} vs ${limits.maxPayload}`,
    );
  }
  sizes.payload = totalSize;
  sizes.header = headerSize;
  return undefined;
}

/** `PUB <subject> [reply] <size>` */
function pub(limits: ArgumentLimits, sizes: MessageSizes): Op | ProtocolError {
  const count = line.count;
  if (count !== 2 && count !== 3) return line.bad('processPub');
  const error = checkSizes('processPub', -1, limits, sizes);
  if (error) return error;
  return {
    kind: 'PUB',
    subject: line.text(0),
    reply: count === 3 ? line.text(1) : undefined,
    payload: EMPTY_BYTES,
  };
}

/** `HPUB <subject> [reply] <header size> <total size>` */
function hpub(limits: ArgumentLimits, sizes: MessageSizes): Op | ProtocolError {
  const count = line.count;
  if (count !== 3 && count !== 4) return line.bad('processHeaderPub');
  const error = checkSizes('processHeaderPub', count - 2, limits, sizes);
  if (error) return error;
  return {
    kind: 'HPUB',
    subject: line.text(0),
    reply: count === 4 ? line.text(1) : undefined,
    headers: EMPTY_BYTES,
    payload: EMPTY_BYTES,
  };
}

/** `SUB <subject> [queue] <sid>` */
function sub(): Op | ProtocolError {
  const count = line.count;
  if (count !== 2 && count !== 3) return line.bad('processSub');
  return {
    kind: 'SUB',
    subject: line.text(0),
    queue: count === 3 ? line.text(1) : undefined,
    sid: line.text(count - 1),
  };
}

/** `UNSUB <sid> [max]` */
function unsub(): Op | ProtocolError {
  const count = line.count;
  if (count !== 1 && count !== 2) return line.bad('processUnsub');
  // As nats-server: a max that is not a positive number means "unsubscribe now".
  const max = count === 2 ? line.size(1) : -1;
  return { kind: 'UNSUB', sid: line.text(0), max: max > 0 ? max : undefined };
}

/** `MSG <subject> <sid> [reply] <size>` */
function msg(limits: ArgumentLimits, sizes: MessageSizes): Op | ProtocolError {
  const count = line.count;
  if (count !== 3 && count !== 4) return line.bad('processMsgArgs');
  const error = checkSizes('processMsgArgs', -1, limits, sizes);
  if (error) return error;
  return {
    kind: 'MSG',
    subject: line.text(0),
    sid: line.text(1),
    reply: count === 4 ? line.text(2) : undefined,
    payload: EMPTY_BYTES,
  };
}

/** `HMSG <subject> <sid> [reply] <header size> <total size>` */
function hmsg(limits: ArgumentLimits, sizes: MessageSizes): Op | ProtocolError {
  const count = line.count;
  if (count !== 4 && count !== 5) return line.bad('processHeaderMsgArgs');
  const error = checkSizes('processHeaderMsgArgs', count - 2, limits, sizes);
  if (error) return error;
  return {
    kind: 'HMSG',
    subject: line.text(0),
    sid: line.text(1),
    reply: count === 5 ? line.text(2) : undefined,
    headers: EMPTY_BYTES,
    payload: EMPTY_BYTES,
  };
}

/**
 * `RMSG <account> <subject> [reply] <size>`, or with queue groups
 * `RMSG <account> <subject> + <reply> <queue>... <size>` / `... | <queue>... <size>`;
 * HMSG on a route has `<header size>` before `<size>`.
 */
function routedMsg(
  limits: ArgumentLimits,
  sizes: MessageSizes,
  hasHeaders: boolean,
): Op | ProtocolError {
  const op = hasHeaders ? 'processRoutedHeaderMsgArgs' : 'processRoutedMsgArgs';
  const count = line.count;
  const sizeFields = hasHeaders ? 2 : 1;
  if (count < 2 + sizeFields) return line.bad(op);
  let reply: string | undefined;
  let queues = NO_QUEUES;
  if (count === 3 + sizeFields) {
    reply = line.text(2);
  } else if (count > 3 + sizeFields) {
    const indicator = line.singleByte(2);
    let firstQueue: number;
    if (indicator === 0x2b /* + */) {
      reply = line.text(3);
      firstQueue = 4;
    } else if (indicator === 0x7c /* | */) {
      firstQueue = 3;
    } else {
      return line.bad(op, 'Bad or Missing Reply Indicator');
    }
    const named: string[] = [];
    for (let i = firstQueue; i < count - sizeFields; i++) named.push(line.text(i));
    queues = named;
  }
  const error = checkSizes(op, hasHeaders ? count - 2 : -1, limits, sizes);
  if (error) return error;
  return {
    kind: 'RMSG',
    account: line.text(0),
    subject: line.text(1),
    reply,
    queues,
    headers: hasHeaders ? EMPTY_BYTES : undefined,
    payload: EMPTY_BYTES,
  };
}

/** `RS+ <account> <subject> [<queue> <weight>]`; LS+ has `<origin>` first. */
function remoteSub(leaf: boolean): Op | ProtocolError {
  const first = leaf ? 1 : 0;
  const count = line.count;
  if (count !== first + 2 && count !== first + 4) return line.bad('processRemoteSub');
  let queue: string | undefined;
  let weight: number | undefined;
  if (count === first + 4) {
    queue = line.text(first + 2);
    weight = line.size(first + 3);
    if (weight < 0) return line.bad('processRemoteSub', 'Bad Queue Weight');
  }
  const account = line.text(first);
  const subject = line.text(first + 1);
  return leaf
    ? { kind: 'LS+', origin: line.text(0), account, subject, queue, weight }
    : { kind: 'RS+', account, subject, queue, weight };
}

/** `RS- <account> <subject> [<queue>]`; LS- has `<origin>` first. */
function remoteUnsub(leaf: boolean): Op | ProtocolError {
  const first = leaf ? 1 : 0;
  const count = line.count;
  if (count !== first + 2 && count !== first + 3) return line.bad('processRemoteUnsub');
  const account = line.text(first);
  const subject = line.text(first + 1);
  const queue = count === first + 3 ? line.text(first + 2) : undefined;
  return leaf
    ? { kind: 'LS-', origin: line.text(0), account, subject, queue }
    : { kind: 'RS-', account, subject, queue };
}

/** `A+ <account>` / `A- <account>` */
function accountInterest(subscribe: boolean): Op | ProtocolError {
  if (line.count !== 1) return line.bad('processGatewayAccountSub');
  const account = line.text(0);
  return subscribe ? { kind: 'A+', account } : { kind: 'A-', account };
}

function json(isInfo: boolean): Op | ProtocolError {
  let value: unknown;
  try {
    value = JSON.parse(decodeString(line.buf, line.start, line.end));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return line.error(
      ProtocolErrorCode.BadJson,
      `${isInfo ? 'INFO' : 'CONNECT'} is not a JSON object`,
    );
  }
  return isInfo
    ? { kind: 'INFO', info: value as ServerInfo }
    : { kind: 'CONNECT', options: value as ConnectOptions };
}

/** `-ERR 'text'`: the quotes are framing, not part of the message. */
function errOp(buf: Uint8Array, start: number, end: number): Op {
  if (end - start >= 2 && buf[start] === 0x27 && buf[end - 1] === 0x27) {
    start++;
    end--;
  }
  return { kind: '-ERR', message: decodeString(buf, start, end) };
}
