// Source positions of the keys of parsed maps and the elements of parsed arrays,
// kept beside the values so that these stay plain objects and arrays.

import type { Position } from './errors.js';
import type { ConfigArray, ConfigMap } from './types.js';

const positions = new WeakMap<object, Map<string | number, Position>>();

/**
 * Where a key of a parsed map was written (the start of the key), or where an
 * element of a parsed array was written (the start of the value). Undefined for
 * objects the parser did not make, and keys it did not set.
 */
export function positionOf(
  container: ConfigMap | ConfigArray,
  key: string | number,
): Position | undefined {
  return positions.get(container)?.get(key);
}

/** The positions of a container's keys, to fill in as they are set. */
export function positionsFor(container: object): Map<string | number, Position> {
  let entries = positions.get(container);
  if (entries === undefined) {
    entries = new Map();
    positions.set(container, entries);
  }
  return entries;
}
