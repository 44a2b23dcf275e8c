// `$NAME` references: a key NAME in the current map or an enclosing one, else the
// environment variable NAME, whose value is parsed as a value (conf/parse.go's
// lookupVariable).

import { ConfigError, type Position } from './errors.js';
import type { ParseText, Shared } from './includes.js';
import { markUsedVariable } from './positions.js';
import type { ConfigArray, ConfigMap, ConfigValue } from './types.js';

/** Go's key for parsing an environment value: the text parsed is `pk=<value>`. */
const ENV_KEY = 'pk';

/** bcrypt hashes ($2a$...) are written unquoted and must not be taken for variables. */
const BCRYPT_PREFIX = '2a$';

/**
 * The value of `$name` at `at`. `scopes` are the maps and arrays being built,
 * outermost first; arrays are skipped, as in Go.
 */
export function resolveVariable(
  name: string,
  at: Position,
  scopes: readonly (ConfigMap | ConfigArray)[],
  shared: Shared,
  parse: ParseText,
): ConfigValue {
  if (name.startsWith(BCRYPT_PREFIX)) return `$${name}`;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (!Array.isArray(scope) && Object.hasOwn(scope, name)) {
      markUsedVariable(scope, name);
      return scope[name];
    }
  }
  const raw = Object.hasOwn(shared.env, name) ? shared.env[name] : undefined;
  if (raw === undefined) throw new ConfigError('variable', at, `undefined variable "${name}"`);

  const { envStack } = shared;
  const seen = envStack.indexOf(name);
  if (seen >= 0) {
    const cycle = [...envStack.slice(seen), name].map((n) => `$${n}`).join(' -> ');
    throw new ConfigError('variable-cycle', at, `variable cycle: ${cycle}`);
  }
  envStack.push(name);
  let parsed: ConfigMap;
  try {
    parsed = parse(`${ENV_KEY}=${raw}`, `<env ${name}>`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A cycle is reported where the outermost reference is, as it is.
    if (error.kind === 'variable-cycle') throw new ConfigError(error.kind, at, error.reason);
    const reason = `environment variable "${name}" could not be parsed: ${error.reason}`;
    throw new ConfigError('variable', at, reason);
  } finally {
    envStack.pop();
  }
  if (!Object.hasOwn(parsed, ENV_KEY)) {
    throw new ConfigError('variable', at, `environment variable "${name}" has no value`);
  }
  return parsed[ENV_KEY];
}
