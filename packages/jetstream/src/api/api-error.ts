// The JetStream API's error value, as nats-server's server/jetstream_errors.go:
// every API response may carry one as `error`, and the constants generated from
// errors.json (errors.generated.ts) are values of this type.

/**
 * An error in a JetStream API response. `code` is HTTP-like (400, 404, 500, 503),
 * `err_code` is nats-server's stable number for the error (10059 = stream not found).
 */
export interface ApiError {
  code: number;
  err_code: number;
  description: string;
}

/** What a `{tag}` in an error's description may be replaced with. */
export type TemplateValue = string | number | bigint | boolean | Error | ApiError;

/** Options of the generated builders, as nats-server's ErrorOption. */
export interface ErrorOptions {
  /**
   * When this is an ApiError, the builder returns it instead of building a new
   * error (nats-server's `Unless(err)`): an error that already is an API error
   * passes through a generic wrapper such as JSStreamCreateErrF unchanged.
   */
  readonly unless?: unknown;
}

/** True for a value shaped like an ApiError (an object with numeric code and err_code). */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ApiError, unknown>>;
  return (
    typeof candidate.code === 'number' &&
    typeof candidate.err_code === 'number' &&
    (candidate.description === undefined || typeof candidate.description === 'string')
  );
}

/**
 * Is `error` one of the given errors? Compares err_code only, as nats-server's
 * `IsNatsErr(err, ids...)`, so a filled-in template matches its constant.
 */
export function isJSError(error: unknown, ...kinds: readonly Readonly<ApiError>[]): boolean {
  if (!isApiError(error)) return false;
  return kinds.some((kind) => kind.err_code === error.err_code);
}

/** How nats-server prints an ApiError used as a Go `error`: "description (err_code)". */
export function apiErrorText(error: Readonly<ApiError>): string {
  return `${error.description} (${error.err_code})`;
}

function formatValue(value: TemplateValue): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object') return apiErrorText(value);
  return String(value);
}

// errors_gen.go finds tags with `\{(.+?)}`; strings.NewReplacer then replaces them
// in one pass, so text substituted for one tag is never scanned for another.
const TAG = /\{(.+?)\}/g;

/** The error with each `{tag}` of its description replaced by `values[tag]`. */
export function fillTemplate(
  error: Readonly<ApiError>,
  values: Readonly<Record<string, TemplateValue>>,
  options?: ErrorOptions,
): ApiError {
  if (options !== undefined && isApiError(options.unless)) return options.unless;
  const description = error.description.replace(TAG, (whole, tag: string) =>
    Object.hasOwn(values, tag) ? formatValue(values[tag]) : whole,
  );
  return { code: error.code, err_code: error.err_code, description };
}

/** The error field of a response, as Go marshals ApiError (`err_code` and `description` omitempty). */
export function apiErrorJSON(error: Readonly<ApiError>): Partial<ApiError> & { code: number } {
  const json: Partial<ApiError> & { code: number } = { code: error.code };
  if (error.err_code !== 0) json.err_code = error.err_code;
  if (error.description !== '') json.description = error.description;
  return json;
}

/** An error response as nats-server writes it: `{"type":...,"error":{"code","err_code","description"}}`. */
export interface ApiErrorResponse {
  type: string;
  error: Partial<ApiError> & { code: number };
}

/** The response body for a failed API request of the given response type. */
export function apiErrorResponse(type: string, error: Readonly<ApiError>): ApiErrorResponse {
  return { type, error: apiErrorJSON(error) };
}
