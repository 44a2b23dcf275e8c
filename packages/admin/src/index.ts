// @tsnats/admin: fastify plugins for the edge's HTTP port and the admin service.
// The monitoring endpoints (nats-server's /varz /connz ... and /metrics) live in
// src/monitoring; the REST admin API (/api/v1, OpenAPI, docs page) in src/rest.
export * from './monitoring/index.js';
export * from './rest/index.js';
