import { decodeHashedString, FNV_OFFSET, FNV_PRIME, parseSize, SPACE, TAB } from './bytes.js';

/**
 * A PUB the parser read on its fast path: the payload is handed over as a range
 * of the read buffer, valid only during the call, so a server with no
 * subscriber for the subject never builds an op or a view for it.
 */
export type PubHandler = (
  subject: string,
  reply: string | undefined,
  buf: Uint8Array,
  start: number,
  length: number,
) => void;

// Longest subject kept as the connection's last one (longer ones are decoded each time).
const LAST_SUBJECT_MAX = 128;

/** What `scanPub` read from a PUB control line, and the last subject it read. */
export class ScannedPub {
  subject = '';
  reply: string | undefined;
  size = 0;
  /**
   * The bytes of `subject` (the first `lastLength`): a publisher often sends
   * to one subject again and again, and recognising the bytes in one pass
   * beats finding the token's end, hashing it and checking the string cache.
   */
  readonly lastBytes = new Uint8Array(LAST_SUBJECT_MAX);
  lastLength = 0;
}

/** Whether the token at `start` is the last subject's bytes. */
function isLastSubject(buf: Uint8Array, start: number, end: number, out: ScannedPub): boolean {
  const length = out.lastLength;
  if (length === 0 || start + length >= end || !isBlank(buf[start + length])) return false;
  const last = out.lastBytes;
  for (let i = 0; i < length; i++) if (buf[start + i] !== last[i]) return false;
  return true;
}

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

/** Whether `buf[start, end)` starts with `PUB` (any case) and a blank. */
export function startsWithPub(buf: Uint8Array, start: number, end: number): boolean {
  return (
    end - start > 4 &&
    (buf[start] | 0x20) === 0x70 &&
    (buf[start + 1] | 0x20) === 0x75 &&
    (buf[start + 2] | 0x20) === 0x62 &&
    isBlank(buf[start + 3])
  );
}

function skipBlanks(buf: Uint8Array, pos: number, end: number): number {
  while (pos < end && isBlank(buf[pos])) pos++;
  return pos;
}

/** The end of the token at `pos`. */
function tokenEnd(buf: Uint8Array, pos: number, end: number): number {
  while (pos < end && !isBlank(buf[pos])) pos++;
  return pos;
}

/** FNV-1a of `buf[start, end)`, decodeHashedString's cache key. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], FNV_PRIME);
  return hash;
}

/**
 * Reads `PUB <subject> [reply] <size>` from `buf[start, end)` (the line, without
 * CR LF) into `out`. Returns false for anything that is not a well-formed PUB
 * within the limits: the caller then takes the general path, which reports the
 * error exactly as before. Same tokenizing as the general path (blanks are
 * spaces and tabs, runs of them separate tokens).
 */
export function scanPub(
  buf: Uint8Array,
  start: number,
  end: number,
  maxControlLine: number,
  maxPayload: number,
  out: ScannedPub,
): boolean {
  const subjectStart = skipBlanks(buf, start + 4, end);
  if (end - subjectStart > maxControlLine) return false;
  const sameSubject = isLastSubject(buf, subjectStart, end, out);
  const subjectEnd = sameSubject ? subjectStart + out.lastLength : tokenEnd(buf, subjectStart, end);
  const secondStart = skipBlanks(buf, subjectEnd, end);
  const secondEnd = tokenEnd(buf, secondStart, end);
  if (subjectEnd === subjectStart || secondEnd === secondStart) return false;
  const thirdStart = skipBlanks(buf, secondEnd, end);
  let reply: string | undefined;
  let size: number;
  if (thirdStart === end) {
    size = parseSize(buf, secondStart, secondEnd);
  } else {
    const thirdEnd = tokenEnd(buf, thirdStart, end);
    if (skipBlanks(buf, thirdEnd, end) !== end) return false;
    size = parseSize(buf, thirdStart, thirdEnd);
    reply = decodeHashedString(buf, secondStart, secondEnd, hashBytes(buf, secondStart, secondEnd));
  }
  if (size < 0 || size > maxPayload) return false;
  if (!sameSubject) {
    out.subject = decodeHashedString(
      buf,
      subjectStart,
      subjectEnd,
      hashBytes(buf, subjectStart, subjectEnd),
    );
    const length = subjectEnd - subjectStart;
    if (length <= LAST_SUBJECT_MAX) {
      out.lastBytes.set(buf.subarray(subjectStart, subjectEnd));
      out.lastLength = length;
    } else {
      out.lastLength = 0;
    }
  }
  out.reply = reply;
  out.size = size;
  return true;
}
