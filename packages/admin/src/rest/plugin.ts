// The REST admin API as one fastify plugin: /api/v1 (streams, consumers,
// key-value, servers), its OpenAPI document at /api/v1/openapi.json and the
// docs page at /api/docs. Mount it on any fastify instance; it keeps its error
// handling, auth and schemas to itself.

import { createHash, timingSafeEqual } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  TypeBoxValidatorCompiler,
  type FastifyPluginAsyncTypebox,
} from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { RestApp } from './common.js';
import { consumerRoutes } from './consumers.js';
import type { JetStreamGateway } from './gateway.js';
import { JetStreamApi } from './jetstream.js';
import { keyRoutes } from './kv-keys.js';
import { bucketRoutes } from './kv-buckets.js';
import { messageRoutes } from './messages.js';
import { PROBLEM_TYPES, ProblemError, useProblemDetails } from './problem.js';
import { serverRoutes, type ServerDirectory } from './servers.js';
import { streamRoutes } from './streams.js';

export const REST_API_PREFIX = '/api/v1';
export const REST_DOCS_PREFIX = '/api/docs';

export interface RestApiOptions {
  /** How JetStream is reached. */
  gateway: JetStreamGateway;
  /** What /servers and /cluster report. */
  servers: ServerDirectory;
  /**
   * Bearer tokens the API accepts (`Authorization: Bearer <token>`); without
   * any, it is open. The OpenAPI document and the docs page stay open.
   */
  tokens?: readonly string[];
  /**
   * Without tokens, answer only clients on loopback addresses (403 for the
   * others): the edge's HTTP port may listen on every interface, as
   * nats-server's monitoring does, and an open admin API must not come with it.
   */
  loopbackOnly?: boolean;
  /** The JetStream API prefix: `$JS.API` (the default), or a domain's `$JS.<domain>.API`. */
  apiPrefix?: string;
  /** Serve the docs page at /api/docs; default true. */
  docs?: boolean;
  /** The API version shown in the OpenAPI document. */
  version?: string;
}

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Compares digests, so neither a token's length nor its bytes leak through timing. */
function tokenCheck(tokens: readonly string[]): (header: string | undefined) => boolean {
  const accepted = tokens.map(digest);
  return (header) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (match === null) return false;
    const offered = digest(match[1]);
    let ok = false;
    for (const token of accepted) ok = timingSafeEqual(token, offered) || ok;
    return ok;
  };
}

function requireToken(
  tokens: readonly string[],
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const check = tokenCheck(tokens);
  return (request, reply) => {
    if (request.routeOptions.config.public === true || check(request.headers.authorization)) {
      return Promise.resolve();
    }
    reply.header('www-authenticate', 'Bearer realm="tsnats"');
    return Promise.reject(
      new ProblemError(401, PROBLEM_TYPES.unauthorized, 'a valid bearer token is required'),
    );
  };
}

/** 127.0.0.0/8, ::1, and IPv4 loopback as an IPv6-mapped address. */
function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function requireLoopback(request: FastifyRequest): Promise<void> {
  if (request.routeOptions.config.public === true || isLoopback(request.ip)) {
    return Promise.resolve();
  }
  return Promise.reject(
    new ProblemError(
      403,
      PROBLEM_TYPES.forbidden,
      'without a token (rest_api { token } or --api_token) the admin API answers only loopback clients',
    ),
  );
}

/**
 * TypeBox checks requests exactly as the schemas say: no coercion of body
 * types and no silently dropped properties (as fastify's default Ajv setup
 * does); query strings and headers are converted from text, and defaults filled in.
 */
const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  return (value) => validate(Value.Default(route.schema, value));
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a bearer token even when the API requires one. */
    public?: boolean;
  }
}

export const restApi: FastifyPluginAsyncTypebox<RestApiOptions> = async (app, options) => {
  const tokens = options.tokens ?? [];
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tsnats admin API',
        description:
          'Streams, consumers and key-value buckets of JetStream, and the servers of the cluster. Errors are RFC 9457 problem documents.',
        version: options.version ?? '1',
      },
      tags: [
        { name: 'streams', description: 'JetStream streams' },
        { name: 'messages', description: 'Messages stored in a stream' },
        { name: 'consumers', description: 'Consumers of a stream' },
        { name: 'key-value', description: 'Key-value buckets and their keys' },
        { name: 'servers', description: 'Servers and the cluster' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      },
      ...(tokens.length === 0 ? {} : { security: [{ bearerAuth: [] }] }),
    },
    hideUntagged: true,
  });
  if (options.docs !== false) {
    await app.register(swaggerUi, {
      routePrefix: REST_DOCS_PREFIX,
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false },
    });
  }
  const js = new JetStreamApi(options.gateway, options.apiPrefix);
  await app.register(
    (v1: RestApp) => {
      v1.setValidatorCompiler(validatorCompiler);
      useProblemDetails(v1);
      if (tokens.length > 0) v1.addHook('onRequest', requireToken(tokens));
      else if (options.loopbackOnly === true) v1.addHook('onRequest', requireLoopback);
      v1.get(
        '/openapi.json',
        { schema: { hide: true }, config: { public: true } },
        (_request, reply) => reply.type('application/json').send(app.swagger()),
      );
      streamRoutes(v1, js);
      messageRoutes(v1, js);
      consumerRoutes(v1, js);
      bucketRoutes(v1, js);
      keyRoutes(v1, js);
      serverRoutes(v1, options.servers);
      return Promise.resolve();
    },
    { prefix: REST_API_PREFIX },
  );
};
