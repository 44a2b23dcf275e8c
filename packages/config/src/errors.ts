// Errors and source positions.

/** Where something is in a configuration file. Lines and columns count from 1. */
export interface Position {
  /** The file name as given (or resolved, for includes); '' for text without one. */
  readonly file: string;
  readonly line: number;
  /** In UTF-16 code units from the start of the line, so a tab counts as one. */
  readonly column: number;
}

export type ConfigErrorKind =
  /** The text does not follow the grammar (the lexer's errors, a key without a value). */
  | 'syntax'
  /** A number or date that cannot be represented. */
  | 'value'
  /** A $variable that is neither a key in scope nor in the environment, or does not parse. */
  | 'variable'
  /** A $variable whose environment value refers back to itself. */
  | 'variable-cycle'
  /** An include that cannot be read, or includes itself. */
  | 'include'
  /** A file that cannot be read (parseConfigFile). */
  | 'io'
  /** A server option with a value of the wrong type or out of range (options layer). */
  | 'option'
  /** A key nats-server does not know (options layer; Go's unknownConfigFieldErr). */
  | 'unknown-field'
  /** A command-line flag that nats-server would reject (options layer). */
  | 'flag';

/** "file:line:column", leaving out what is unknown. */
export function formatPosition(position: Position): string {
  const place = position.line > 0 ? `${position.line}:${position.column}` : '';
  if (position.file === '') return place;
  return place === '' ? position.file : `${position.file}:${place}`;
}

/**
 * Any problem with a configuration. The message reads
 * `file:line:column: what went wrong`, followed by `(included from file:line:column)`
 * for each include the faulty file was reached through.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly kind: ConfigErrorKind;
  /** Where the problem is. */
  readonly position: Position;
  /** What went wrong, without the position. */
  readonly reason: string;
  /** The include statements that led to the file, innermost first. */
  readonly includedFrom: readonly Position[];

  constructor(
    kind: ConfigErrorKind,
    position: Position,
    reason: string,
    includedFrom: readonly Position[] = [],
  ) {
    const at = formatPosition(position);
    const chain = includedFrom.map((p) => `included from ${formatPosition(p)}`).join(', ');
    super(`${at === '' ? '' : `${at}: `}${reason}${chain === '' ? '' : ` (${chain})`}`);
    this.kind = kind;
    this.position = position;
    this.reason = reason;
    this.includedFrom = includedFrom;
  }

  /** The same error, reached through one more include statement. */
  includedAt(position: Position): ConfigError {
    return new ConfigError(this.kind, this.position, this.reason, [...this.includedFrom, position]);
  }
}
