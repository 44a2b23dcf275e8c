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

const usedAsVariable = new WeakMap<object, Set<string>>();

/** Records that a `$name` reference resolved to this key of this map. */
export function markUsedVariable(map: ConfigMap, key: string): void {
  let keys = usedAsVariable.get(map);
  if (keys === undefined) {
    keys = new Set();
    usedAsVariable.set(map, keys);
  }
  keys.add(key);
}

/**
 * Whether a `$name` reference elsewhere resolved to this key (Go's token.IsUsedVariable):
 * nats-server does not report such keys as unknown fields, since they are variables.
 */
export function isUsedVariable(map: ConfigMap, key: string): boolean {
  return usedAsVariable.get(map)?.has(key) ?? false;
}
