// Applying a subject transform as nats-server's subjectTransform does
// (server/subject_transform.go, v2.10.22): the stream's subject_transform on
// captured messages, republish's destination. The destination tokens are parsed
// by api/subject-transform.ts, which also holds the config checks.

import { isSubsetMatch } from '@tsnats/router';
import {
  placeholder,
  subjectInfo,
  subjectTransformError,
  type TransformCall,
} from '../api/subject-transform.js';

/** A function call of the destination, with its wildcard indexes turned into source token positions. */
interface Step {
  readonly call: TransformCall;
  readonly positions: number[];
}

const FULL_WILDCARD = '>';

export class SubjectTransform {
  readonly src: string;
  readonly dest: string;
  readonly #srcTokens: string[];
  readonly #destTokens: string[];
  /** Per destination token, its call or undefined for a literal; empty when the source has no wildcard. */
  readonly #steps: (Step | undefined)[];

  private constructor(src: string, dest: string, steps: (Step | undefined)[]) {
    this.src = src;
    this.dest = dest;
    this.#srcTokens = src.split('.');
    this.#destTokens = dest.split('.');
    this.#steps = steps;
  }

  /**
   * nats-server's NewSubjectTransform: undefined for an empty destination (no
   * transform); an empty source is '>'. Throws with nats-server's error text when
   * the pair is invalid (the config checks refuse those before).
   */
  static create(source: string, destination: string): SubjectTransform | undefined {
    if (destination === '') return undefined;
    const src = source === '' ? FULL_WILDCARD : source;
    const error = subjectTransformError(src, destination);
    if (error !== undefined) throw new Error(error);
    const info = subjectInfo(src);
    if (info === undefined || (info.partials === 0 && !info.full)) {
      return new SubjectTransform(src, destination, []);
    }
    // Wildcard n (1-based) is the n-th '*' of the source; an index with no '*'
    // reads token 0, as nats-server's map lookup defaults to 0.
    const positions = new Map<number, number>();
    info.tokens.forEach((token, i) => {
      if (token === '*') positions.set(positions.size + 1, i);
    });
    const steps = destination.split('.').map((token): Step | undefined => {
      const found = placeholder(token);
      if (found === undefined || 'error' in found) return undefined;
      return { call: found, positions: found.indexes.map((index) => positions.get(index) ?? 0) };
    });
    return new SubjectTransform(src, destination, steps);
  }

  /**
   * nats-server's Match: the transformed subject when `subject` (a literal)
   * matches the source, else undefined.
   */
  match(subject: string): string | undefined {
    const anySource = this.src === FULL_WILDCARD;
    if (anySource && this.dest === FULL_WILDCARD) return subject;
    const tokens = subject.split('.');
    if (tokens.some((token) => token === '' || token === '*' || token === FULL_WILDCARD)) {
      return undefined;
    }
    if (!anySource && !isSubsetMatch(subject, this.src)) return undefined;
    return this.transformTokens(tokens);
  }

  /** nats-server's TransformTokenizedSubject (no match check). */
  transformTokens(tokens: readonly string[]): string {
    const steps = this.#steps;
    if (steps.length === 0) return this.dest;
    let out = '';
    const last = steps.length - 1;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step === undefined) {
        if (this.#destTokens[i] === FULL_WILDCARD) break;
        out += this.#destTokens[i];
      } else {
        out += applyCall(step, tokens);
      }
      if (i < last) out += '.';
    }
    // With '>', the source tokens it matched follow.
    if (this.#destTokens[this.#destTokens.length - 1] === FULL_WILDCARD) {
      out += tokens.slice(this.#srcTokens.length - 1).join('.');
    }
    return out;
  }
}

function applyCall({ call, positions }: Step, tokens: readonly string[]): string {
  const token = tokens[positions[0]] ?? '';
  const length = token.length;
  const n = call.int;
  // Every function leaves the token whole when it is too short for it.
  const fits = n > 0 && n < length;
  switch (call.fn) {
    case 'wildcard':
      return token;
    case 'partition':
      return partition(positions.map((position) => tokens[position] ?? '').join(''), n);
    case 'splitFromLeft':
      return fits ? `${token.slice(0, n)}.${token.slice(n)}` : token;
    case 'splitFromRight':
      return fits ? `${token.slice(0, length - n)}.${token.slice(length - n)}` : token;
    case 'sliceFromLeft':
      return fits ? sliceFromLeft(token, n) : token;
    case 'sliceFromRight':
      return fits ? sliceFromRight(token, n) : token;
    case 'split':
      return split(token, call.text);
    case 'left':
      return fits ? token.slice(0, n) : token;
    case 'right':
      return fits ? token.slice(length - n) : token;
  }
}

/** Slices of `size` from the left, the remainder last: 1234567890 by 3 is 123.456.789.0. */
function sliceFromLeft(token: string, size: number): string {
  const parts: string[] = [];
  for (let i = 0; i < token.length; i += size) parts.push(token.slice(i, i + size));
  return parts.join('.');
}

/** Slices of `size` from the right, the remainder first: 1234567890 by 3 is 1.234.567.890. */
function sliceFromRight(token: string, size: number): string {
  const remainder = token.length % size;
  const parts = remainder > 0 ? [token.slice(0, remainder)] : [];
  for (let i = remainder; i < token.length; i += size) parts.push(token.slice(i, i + size));
  return parts.join('.');
}

/**
 * The parts of `token` between delimiters, as tokens, with nats-server's
 * separator rule: empty parts are dropped, but two delimiters at the start
 * leave a leading '.' ("--a" is ".a"), as its loop writes.
 */
function split(token: string, delimiter: string): string {
  const parts = token.split(delimiter);
  let out = '';
  for (let j = 0; j < parts.length; j++) {
    out += parts[j];
    if (j < parts.length - 1 && parts[j + 1] !== '' && !(j === 0 && parts[j] === '')) out += '.';
  }
  return out;
}

/**
 * FNV-1a (32 bits) of the UTF-8 key, modulo the partitions. nats-server divides
 * by zero for partition(0, ...); here every message goes to partition 0.
 */
function partition(key: string, partitions: number): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Go converts the int32 count to uint32.
  const buckets = partitions >>> 0;
  return buckets === 0 ? '0' : String(hash % buckets);
}
