// The CLI's HTTP client of the REST API: JSON in and out, a bearer token when
// given, and every error answer turned into an ApiError carrying the problem
// document's "title: detail".

export class ApiError extends Error {
  override readonly name = 'ApiError';
}

export interface ApiClientOptions {
  /** Where the REST API is: http://host:port (its /api/v1 is added). */
  readonly url: string;
  readonly token?: string | undefined;
  readonly timeoutMs?: number;
}

interface Problem {
  title?: unknown;
  detail?: unknown;
}

export class ApiClient {
  readonly #base: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.#base = `${options.url.replace(/\/+$/, '')}/api/v1`;
    this.#headers = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  get<T>(path: string): Promise<T> {
    return this.#call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('PUT', path, body);
  }

  /** Deletes answer 204 without a body. */
  async delete(path: string): Promise<void> {
    await this.#call<unknown>('DELETE', path);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.#base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...this.#headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new ApiError(`cannot reach ${url}: ${reason(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw new ApiError(problemLine(response, text));
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

/** "title: detail" of a problem document; the status line when the body is not one. */
function problemLine(response: Response, text: string): string {
  let problem: Problem = {};
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    // Not JSON: a proxy's or a server's plain error page.
  }
  const title = typeof problem.title === 'string' ? problem.title : response.statusText;
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const head = title === '' ? `HTTP ${response.status}` : title;
  return detail === '' ? head : `${head}: ${detail}`;
}

/** A path segment: names and keys may hold characters with a meaning in URLs ('/'). */
export const segment = (value: string): string => encodeURIComponent(value);
