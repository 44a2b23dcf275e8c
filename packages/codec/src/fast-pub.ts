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

/** What `scanPub` read from a PUB control line. */
export interface ScannedPub {
  subject: string;
  reply: string | undefined;
  size: number;
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

// Token bounds and hashes of the line being scanned; PUB has at most three.
const bounds = new Int32Array(6);
const hashes = [0, 0, 0];

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
  let pos = start + 4;
  while (pos < end && isBlank(buf[pos])) pos++;
  if (end - pos > maxControlLine) return false;
  let count = 0;
  while (pos < end) {
    if (count === 3) return false;
    const tokenStart = pos;
    let hash = FNV_OFFSET;
    while (pos < end && !isBlank(buf[pos])) {
      hash = Math.imul(hash ^ buf[pos], FNV_PRIME);
      pos++;
    }
    bounds[count * 2] = tokenStart;
    bounds[count * 2 + 1] = pos;
    hashes[count] = hash;
    count++;
    while (pos < end && isBlank(buf[pos])) pos++;
  }
  if (count !== 2 && count !== 3) return false;
  const size = parseSize(buf, bounds[(count - 1) * 2], bounds[(count - 1) * 2 + 1]);
  if (size < 0 || size > maxPayload) return false;
  out.subject = decodeHashedString(buf, bounds[0], bounds[1], hashes[0]);
  out.reply = count === 3 ? decodeHashedString(buf, bounds[2], bounds[3], hashes[1]) : undefined;
  out.size = size;
  return true;
}
