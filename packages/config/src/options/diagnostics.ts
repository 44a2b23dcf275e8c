// Errors and warnings of the options layer, and the typed readers of parsed values
// that report them. nats-server collects every problem of a file before giving up
// (processConfigFileLine appends to errors and warnings); so does this.

import { ConfigError, type ConfigErrorKind, type Position } from '../errors.js';
import { positionOf } from '../positions.js';
import type { ConfigArray, ConfigMap, ConfigValue } from '../types.js';

export type Severity = 'error' | 'warning';

/**
 * A problem with a server option. The message reads `file:line:column: reason`,
 * where the position is that of the key as written (an array element's value for
 * elements), and the reason names the key: `server.conf:3:1: port: expected an
 * integer, got "abc"`.
 */
export class OptionError extends ConfigError {
  /** Dotted path of the key: `port`, `cluster.routes[1]`, `authorization.users[0].user`. */
  readonly key: string;
  readonly severity: Severity;

  constructor(
    kind: ConfigErrorKind,
    position: Position,
    key: string,
    reason: string,
    severity: Severity = 'error',
  ) {
    super(kind, position, reason);
    this.key = key;
    this.severity = severity;
  }
}

/** Where a value is: its container and key, and the dotted path for messages. */
export interface Place {
  readonly container: ConfigMap | ConfigArray | undefined;
  readonly key: string | number;
  readonly path: string;
}

export function childPlace(
  container: ConfigMap | ConfigArray,
  key: string | number,
  parent: string,
): Place {
  const path =
    typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;
  return { container, key, path };
}

/** Collects errors and warnings; every reader reports here and carries on. */
export class Diagnostics {
  readonly errors: OptionError[] = [];
  readonly warnings: OptionError[] = [];

  constructor(private readonly file: string) {}

  position(place: Place): Position {
    const known =
      place.container === undefined ? undefined : positionOf(place.container, place.key);
    return known ?? { file: this.file, line: 0, column: 0 };
  }

  /** `key: reason`, as an error. */
  error(place: Place, reason: string, kind: ConfigErrorKind = 'option'): void {
    this.errors.push(
      new OptionError(kind, this.position(place), place.path, `${place.path}: ${reason}`),
    );
  }

  /** An error whose text is nats-server's own and already names what it is about. */
  errorVerbatim(place: Place, reason: string, kind: ConfigErrorKind = 'option'): void {
    this.errors.push(new OptionError(kind, this.position(place), place.path, reason));
  }

  /** Go's configWarningErr: `invalid use of field "name": reason`. */
  warning(place: Place, field: string, reason: string): void {
    const text = `invalid use of field ${JSON.stringify(field)}: ${reason}`;
    this.warnings.push(
      new OptionError('option', this.position(place), place.path, text, 'warning'),
    );
  }

  /** A warning in Go's plain configErr form. */
  warningVerbatim(place: Place, reason: string): void {
    this.warnings.push(
      new OptionError('option', this.position(place), place.path, reason, 'warning'),
    );
  }

  /** Go's unknownConfigFieldErr: `unknown field "name"`, prefixed by the enclosing block. */
  unknownField(place: Place, parent: string, asWarning = false): void {
    const reason = `${parent === '' ? '' : `${parent}: `}unknown field ${JSON.stringify(String(place.key))}`;
    const error = new OptionError(
      'unknown-field',
      this.position(place),
      place.path,
      reason,
      asWarning ? 'warning' : 'error',
    );
    (asWarning ? this.warnings : this.errors).push(error);
  }
}

/** A value as it reads in a message: strings quoted, maps and arrays by kind. */
export function describe(value: ConfigValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return `the datetime ${value.toISOString()}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

export function isMap(value: ConfigValue): value is ConfigMap {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** The readers: each returns undefined after reporting a value of the wrong type. */
export class Reader {
  constructor(readonly diagnostics: Diagnostics) {}

  string(place: Place, value: ConfigValue): string | undefined {
    if (typeof value === 'string') return value;
    this.diagnostics.error(place, `expected a string, got ${describe(value)}`);
    return undefined;
  }

  bool(place: Place, value: ConfigValue): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.diagnostics.error(place, `expected a boolean, got ${describe(value)}`);
    return undefined;
  }

  /** An integer (sizes like 8MB are integers already); bigints are beyond what is typed. */
  integer(place: Place, value: ConfigValue, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (value > max) {
        this.diagnostics.errorVerbatim(place, `${String(place.key)} value is too big`);
        return undefined;
      }
      return value;
    }
    if (typeof value === 'bigint') {
      this.diagnostics.errorVerbatim(place, `${String(place.key)} value is too big`);
      return undefined;
    }
    this.diagnostics.error(place, `expected an integer, got ${describe(value)}`);
    return undefined;
  }

  /** A number (integer or float), as Go's `timeout` fields take. */
  number(place: Place, value: ConfigValue): number | undefined {
    if (typeof value === 'number') return value;
    this.diagnostics.error(place, `expected a number, got ${describe(value)}`);
    return undefined;
  }

  map(place: Place, value: ConfigValue, what: string): ConfigMap | undefined {
    if (isMap(value)) return value;
    this.diagnostics.error(place, `expected a map to define ${what}, got ${describe(value)}`);
    return undefined;
  }

  /** Go's parseStringArray: a string or an array of strings. */
  stringArray(place: Place, value: ConfigValue): string[] | undefined {
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) {
      this.diagnostics.error(
        place,
        `expected a string or an array of strings, got ${describe(value)}`,
      );
      return undefined;
    }
    const out: string[] = [];
    value.forEach((element, i) => {
      const s = this.string(childPlace(value, i, place.path), element);
      if (s !== undefined) out.push(s);
    });
    return out;
  }
}

/** The entries of a parsed map with Go's strings.ToLower applied to keys. */
export function entries(map: ConfigMap): [key: string, lower: string, value: ConfigValue][] {
  return Object.keys(map).map((key) => [key, key.toLowerCase(), map[key]]);
}
