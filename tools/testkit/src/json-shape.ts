// Comparing our JSON with nats-server's by shape: the same keys with the same
// JSON types, recursively. Values differ between two servers (ids, times,
// counters); tools that parse the JSON care about the shape.

export interface ShapeOptions {
  /** Paths ("varz.system_account") nats-server has and we leave out on purpose. */
  lacking?: ReadonlySet<string> | ReadonlyMap<string, string>;
  /** Paths we have and the compared nats-server lacks (fields a later version added). */
  extra?: ReadonlySet<string>;
  /** Paths of objects whose keys are data, not field names: only their values' types count. */
  maps?: ReadonlySet<string>;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** One element standing for a whole list: the union of its objects' keys (omitempty varies them). */
function representative(list: unknown[]): unknown {
  if (list.length > 0 && list.every((item) => jsonType(item) === 'object')) {
    return Object.assign({}, ...(list as object[])) as unknown;
  }
  return list[0];
}

/** Where `ours` differs from `theirs` in keys or JSON types, as "path: problem" lines. */
export function shapeDifferences(
  theirs: unknown,
  ours: unknown,
  path: string,
  options: ShapeOptions = {},
): string[] {
  const [theirType, ourType] = [jsonType(theirs), jsonType(ours)];
  if (theirType !== ourType) return [`${path}: ${ourType}, nats-server has ${theirType}`];
  if (theirType === 'array') {
    const [theirList, ourList] = [theirs as unknown[], ours as unknown[]];
    if (theirList.length === 0) return [];
    if (ourList.length === 0) return [`${path}: empty, so its elements cannot be compared`];
    return shapeDifferences(
      representative(theirList),
      representative(ourList),
      `${path}[]`,
      options,
    );
  }
  if (theirType !== 'object') return [];
  const [theirObject, ourObject] = [
    theirs as Record<string, unknown>,
    ours as Record<string, unknown>,
  ];
  if (options.maps?.has(path) === true) {
    const values = (o: Record<string, unknown>): unknown[] => Object.values(o);
    return shapeDifferences(values(theirObject), values(ourObject), `${path}{}`, options);
  }
  const problems: string[] = [];
  for (const key of Object.keys(theirObject)) {
    const where = `${path}.${key}`;
    if (key in ourObject) {
      problems.push(...shapeDifferences(theirObject[key], ourObject[key], where, options));
    } else if (options.lacking?.has(where) !== true) {
      problems.push(`${where}: missing`);
    }
  }
  for (const key of Object.keys(ourObject)) {
    const where = `${path}.${key}`;
    if (!(key in theirObject) && options.extra?.has(where) !== true) {
      problems.push(`${where}: not in nats-server's`);
    }
  }
  return problems;
}
