// The values a configuration parses to.

/**
 * A parsed value. Integers are numbers, or bigints beyond Number.MAX_SAFE_INTEGER
 * (the Go parser's int64 range is kept exactly); datetimes are Dates.
 */
export type ConfigValue = string | number | bigint | boolean | Date | ConfigArray | ConfigMap;

export type ConfigArray = ConfigValue[];

export interface ConfigMap {
  [key: string]: ConfigValue;
}

export interface ParseOptions {
  /** The file name used in positions and errors; includes resolve from its directory. */
  filename?: string;
  /**
   * The environment that `$NAME` falls back to when no key NAME is in scope. The
   * parser never reads process.env: pass it (or a subset) here. Default: none.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Reads an included file. Paths are joined as Go's filepath.Join does: the
   * including file's directory, then the include path. Without it, `include` is an error.
   */
  readFile?: (path: string) => string;
}
