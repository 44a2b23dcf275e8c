// Every error the REST API answers is an RFC 9457 problem document
// (application/problem+json). JetStream's own errors keep their err_code, so a
// client can tell "stream not found" (10059) from "consumer not found" (10014)
// behind the same 404.

import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem types this API answers with (URNs: they name, they do not resolve). */
export const PROBLEM_TYPES = {
  invalidRequest: 'urn:tsnats:problem:invalid-request',
  unauthorized: 'urn:tsnats:problem:unauthorized',
  forbidden: 'urn:tsnats:problem:forbidden',
  notFound: 'urn:tsnats:problem:not-found',
  conflict: 'urn:tsnats:problem:conflict',
  preconditionFailed: 'urn:tsnats:problem:precondition-failed',
  jetstream: 'urn:tsnats:problem:jetstream',
  unavailable: 'urn:tsnats:problem:jetstream-unavailable',
  internal: 'urn:tsnats:problem:internal',
} as const;

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URN naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    err_code: Type.Optional(
      Type.Integer({ description: "JetStream's error code (nats-server's err_code)." }),
    ),
  },
  { additionalProperties: true },
);
export type Problem = Static<typeof ProblemSchema>;

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/** An error a route throws to answer with this problem. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly problem: Problem;

  constructor(status: number, type: string, detail: string, errCode?: number) {
    super(detail);
    this.problem = {
      type,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...(errCode === undefined ? {} : { err_code: errCode }),
    };
  }
}

export const notFound = (detail: string, errCode?: number): ProblemError =>
  new ProblemError(404, PROBLEM_TYPES.notFound, detail, errCode);
export const conflict = (detail: string, errCode?: number): ProblemError =>
  new ProblemError(409, PROBLEM_TYPES.conflict, detail, errCode);
export const badRequest = (detail: string): ProblemError =>
  new ProblemError(400, PROBLEM_TYPES.invalidRequest, detail);
export const preconditionFailed = (detail: string): ProblemError =>
  new ProblemError(412, PROBLEM_TYPES.preconditionFailed, detail);
export const unavailable = (detail: string): ProblemError =>
  new ProblemError(503, PROBLEM_TYPES.unavailable, detail);

/** The OpenAPI response entry for a problem of this status. */
export function problemResponse(description: string): {
  description: string;
  content: Record<typeof PROBLEM_CONTENT_TYPE, { schema: typeof ProblemSchema }>;
} {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  const instance = reply.request.url;
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance }));
}

function fromFastifyError(error: FastifyError): Problem | undefined {
  if (error.validation !== undefined) {
    return {
      type: PROBLEM_TYPES.invalidRequest,
      title: TITLES[400],
      status: 400,
      detail: error.message,
    };
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      type: status === 400 ? PROBLEM_TYPES.invalidRequest : 'about:blank',
      title: TITLES[status] ?? 'Client Error',
      status,
      detail: error.message,
    };
  }
  return undefined;
}

/** Turns everything thrown in `app`'s routes into problem documents, and unknown paths into 404s. */
export function useProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.problem);
    const problem = fromFastifyError(error);
    if (problem !== undefined) return sendProblem(reply, problem);
    // The cause goes to the log only: a stack trace tells a client nothing it can act on.
    request.log.error({ err: error }, 'REST API request failed');
    return sendProblem(reply, {
      type: PROBLEM_TYPES.internal,
      title: TITLES[500],
      status: 500,
      detail: 'the request failed inside the server; see its log',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: PROBLEM_TYPES.notFound,
      title: TITLES[404],
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
