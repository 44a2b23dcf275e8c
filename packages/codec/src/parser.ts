import { CR, EMPTY_BYTES, LF, Viewer } from './bytes.js';
import { protocolError, ProtocolErrorCode, snippet, type ProtocolError } from './errors.js';
import {
  buildOp,
  isProtocolError,
  type ArgumentLimits,
  type MessageOp,
  type MessageSizes,
} from './op-arguments.js';
import { candidatesFor, ignoresArguments, NEED_MORE, recognizeOp, UNKNOWN_OP } from './op-names.js';
import type { Op, PeerKind } from './ops.js';
import { ScannedPub, scanPub, startsWithPub, type PubHandler } from './fast-pub.js';

export type OpHandler = (op: Op) => void;

export interface ParserOptions {
  /** Who sends the bytes we parse; decides the legal ops. Default `client`. */
  peer?: PeerKind;
  /**
   * Longest argument part of a control line, in bytes. Default 4096 for a
   * client peer (nats-server's max_control_line) and 64 KiB for server and
   * route peers, whose INFO and routed ops legitimately run longer.
   */
  maxControlLine?: number;
  /** Largest payload (headers included) accepted on any message op. Default 1 MiB. */
  maxPayload?: number;
  /**
   * Client peers only: PUBs whose payload arrives in one chunk go here instead of
   * `onOp`, as the subject, the reply and a range of the chunk (valid during the
   * call only), without an op object or a payload view. Servers use it to skip
   * both for subjects nobody subscribes to. Other PUBs still reach `onOp`.
   */
  onPub?: PubHandler;
}

export const DEFAULT_MAX_CONTROL_LINE = 4096;
export const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
const PEER_MAX_CONTROL_LINE = 64 * 1024;
// Room for the op name and separators on top of the argument limit when a line is
// still incomplete; the exact check happens once the line ends.
const OP_NAME_ALLOWANCE = 64;
// Stands for a PUB read on the fast path while its payload is pending.
const FAST_PUB: MessageOp = { payload: EMPTY_BYTES };

/**
 * Incremental NATS protocol parser. Feed it chunks as they arrive, of any size
 * and split anywhere; it calls `onOp` for every complete op, in order.
 *
 * Payloads (and header blocks) are views into the chunk passed to `parse` when
 * the whole payload is in that chunk, and one exact-size copy otherwise. A view
 * is only valid until the caller reuses that chunk's memory.
 *
 * On a protocol error the parser stops for good: `parse` returns the error, and
 * later calls return the same error without reading. It never throws for bad
 * input, and buffers at most max_control_line (plus an op name) or one payload.
 */
export class Parser {
  readonly peer: PeerKind;
  readonly #onOp: OpHandler;
  readonly #candidates: ReturnType<typeof candidatesFor>;
  readonly #limits: ArgumentLimits;
  readonly #recognized = { argumentsAt: 0 };
  readonly #sizes: MessageSizes = { payload: -1, header: -1 };
  readonly #onPub: PubHandler | undefined;
  readonly #pub = new ScannedPub();
  readonly #viewer = new Viewer();
  #error: ProtocolError | undefined;

  // A control line split across chunks, gathered here until its '\n' arrives.
  #line: Uint8Array = EMPTY_BYTES;
  #lineLength = 0;
  #lineOpen = false;

  // A message op whose payload has not fully arrived yet.
  #message: MessageOp | undefined;
  #payloadSize = 0;
  #headerSize = -1;
  #payload: Uint8Array = EMPTY_BYTES;
  #payloadFilled = 0;
  #trailerSeen = 0;

  constructor(onOp: OpHandler, options: ParserOptions = {}) {
    this.peer = options.peer ?? 'client';
    this.#onOp = onOp;
    this.#onPub = this.peer === 'client' ? options.onPub : undefined;
    this.#candidates = candidatesFor(this.peer);
    this.#limits = {
      peer: this.peer,
      maxControlLine:
        options.maxControlLine ??
        (this.peer === 'client' ? DEFAULT_MAX_CONTROL_LINE : PEER_MAX_CONTROL_LINE),
      maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    };
  }

  /** The error that stopped the parser, if any. */
  get error(): ProtocolError | undefined {
    return this.#error;
  }

  /** Parses one chunk; returns the error that stopped the parser, if any. */
  parse(chunk: Uint8Array): ProtocolError | undefined {
    if (this.#error !== undefined) return this.#error;
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.#message !== undefined) {
        pos = this.#readPayload(chunk, pos);
        continue;
      }
      const newline = chunk.indexOf(LF, pos);
      if (newline < 0) {
        this.#keepPartialLine(chunk, pos, end);
        break;
      }
      if (this.#lineOpen) {
        this.#appendLine(chunk, pos, newline);
        this.#lineOpen = false;
        const length = this.#lineLength;
        this.#lineLength = 0;
        this.#processLine(this.#line, 0, length);
      } else {
        this.#processLine(chunk, pos, newline);
      }
      pos = newline + 1;
      if (this.#error !== undefined) break;
    }
    return this.#error;
  }

  /** `buf[start, end)` is one control line, without its '\n'. */
  #processLine(buf: Uint8Array, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (this.#onPub !== undefined && startsWithPub(buf, start, end)) {
      const limits = this.#limits;
      if (scanPub(buf, start, end, limits.maxControlLine, limits.maxPayload, this.#pub)) {
        this.#expectPayload(FAST_PUB, this.#pub.size, -1);
        return;
      }
    }
    const code = recognizeOp(this.#candidates, buf, start, end, true, this.#recognized);
    if (code === UNKNOWN_OP || code === NEED_MORE) {
      this.#fail(ProtocolErrorCode.UnknownOp, buf, start, end);
      return;
    }
    const sizes = this.#sizes;
    const built = buildOp(code, buf, this.#recognized.argumentsAt, end, this.#limits, sizes);
    if (isProtocolError(built)) {
      this.#error = built;
      return;
    }
    if (sizes.payload < 0) {
      this.#onOp(built);
      return;
    }
    this.#expectPayload(built as unknown as MessageOp, sizes.payload, sizes.header);
  }

  #expectPayload(message: MessageOp, payloadSize: number, headerSize: number): void {
    this.#message = message;
    this.#payloadSize = payloadSize;
    this.#headerSize = headerSize;
    this.#payloadFilled = 0;
    this.#trailerSeen = 0;
  }

  /** Consumes payload bytes of the pending message from `chunk` at `pos`; returns the new position. */
  #readPayload(chunk: Uint8Array, pos: number): number {
    const message = this.#message as MessageOp;
    const size = this.#payloadSize;
    const available = chunk.length - pos;
    if (this.#payloadFilled === 0 && this.#trailerSeen === 0 && available >= size + 2) {
      // The common case: the whole payload is in this chunk, so hand out a view.
      if (chunk[pos + size] !== CR || chunk[pos + size + 1] !== LF) {
        this.#fail(ProtocolErrorCode.UnknownOp, chunk, pos + size, chunk.length);
        return chunk.length;
      }
      if (message === FAST_PUB) {
        this.#message = undefined;
        const pub = this.#pub;
        (this.#onPub as PubHandler)(pub.subject, pub.reply, chunk, pos, size);
        return pos + size + 2;
      }
      this.#deliver(message, chunk, pos, pos + size);
      return pos + size + 2;
    }
    if (this.#payloadFilled === 0 && this.#trailerSeen === 0) {
      this.#payload = size === 0 ? EMPTY_BYTES : new Uint8Array(size);
    }
    const copied = Math.min(size - this.#payloadFilled, available);
    if (copied > 0) {
      this.#payload.set(chunk.subarray(pos, pos + copied), this.#payloadFilled);
      this.#payloadFilled += copied;
      pos += copied;
    }
    while (pos < chunk.length && this.#payloadFilled === size && this.#trailerSeen < 2) {
      const expected = this.#trailerSeen === 0 ? CR : LF;
      if (chunk[pos] !== expected) {
        this.#fail(ProtocolErrorCode.UnknownOp, chunk, pos, chunk.length);
        return chunk.length;
      }
      this.#trailerSeen++;
      pos++;
    }
    if (this.#trailerSeen === 2) {
      const payload = this.#payload;
      this.#payload = EMPTY_BYTES;
      this.#payloadFilled = 0;
      this.#trailerSeen = 0;
      this.#deliver(message, payload, 0, payload.length);
    }
    return pos;
  }

  /** Hands out the op whose payload (header block included) is `buf[start, end)`. */
  #deliver(message: MessageOp, buf: Uint8Array, start: number, end: number): void {
    this.#message = undefined;
    const viewer = this.#viewer;
    if (message === FAST_PUB) {
      // A fast-path PUB whose payload came in pieces: an op after all.
      const pub = this.#pub;
      const payload = buf.length === end - start ? buf : viewer.view(buf, start, end);
      this.#onOp({ kind: 'PUB', subject: pub.subject, reply: pub.reply, payload });
      return;
    }
    const headerSize = this.#headerSize;
    if (headerSize >= 0) {
      message.headers = viewer.view(buf, start, start + headerSize);
      message.payload = viewer.view(buf, start + headerSize, end);
    } else {
      message.payload = buf.length === end - start ? buf : viewer.view(buf, start, end);
    }
    this.#onOp(message as unknown as Op);
  }

  #keepPartialLine(chunk: Uint8Array, start: number, end: number): void {
    const limit = this.#limits.maxControlLine + OP_NAME_ALLOWANCE;
    // Copy at most one byte past the limit: that is enough to reject the line, and
    // a huge chunk without a newline is not duplicated just to be thrown away.
    this.#appendLine(chunk, start, Math.min(end, start + limit + 1 - this.#lineLength));
    this.#lineOpen = true;
    const length = this.#lineLength;
    // Reject a bad op name as soon as it is seen, as nats-server does byte by
    // byte, rather than waiting for a newline that may never come. The name is
    // decided by the line's first bytes however many have arrived, and an
    // unknown name is reported before an overlong line, as nats-server would.
    const named = Math.min(length, OP_NAME_ALLOWANCE);
    const code = recognizeOp(this.#candidates, this.#line, 0, named, false, this.#recognized);
    if (code === UNKNOWN_OP) {
      this.#fail(ProtocolErrorCode.UnknownOp, this.#line, 0, length);
      return;
    }
    if (ignoresArguments(code)) {
      // PING, PONG and +OK ignore the rest of their line however long it is, as
      // nats-server's byte-by-byte parser does; keep only the name.
      this.#lineLength = named;
      return;
    }
    // Once the name is known, count the arguments alone against the limit, as
    // nats-server does; until then, the name's allowance on top.
    // A CR that may end the line is not an argument byte.
    const content = this.#line[length - 1] === CR ? length - 1 : length;
    const argumentsLength =
      code === NEED_MORE ? content - OP_NAME_ALLOWANCE : content - this.#recognized.argumentsAt;
    if (argumentsLength > this.#limits.maxControlLine || length > limit) {
      this.#fail(ProtocolErrorCode.MaxControlLine, this.#line, 0, length);
    }
  }

  #appendLine(chunk: Uint8Array, start: number, end: number): void {
    const needed = this.#lineLength + (end - start);
    if (needed > this.#line.length) {
      const grown = new Uint8Array(Math.max(needed, this.#line.length * 2, 256));
      grown.set(this.#line.subarray(0, this.#lineLength));
      this.#line = grown;
    }
    this.#line.set(chunk.subarray(start, end), this.#lineLength);
    this.#lineLength = needed;
  }

  #fail(code: ProtocolErrorCode, buf: Uint8Array, start: number, end: number): void {
    this.#error = protocolError(code, `${code} at ${snippet(buf, start, end)}`);
    // Drop what was buffered: nothing more will be read.
    this.#line = EMPTY_BYTES;
    this.#payload = EMPTY_BYTES;
    this.#message = undefined;
  }
}
