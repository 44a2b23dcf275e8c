// $JS.API.> on the host: each request goes to its handler by subject, as
// nats-server's apiDispatch does, and the JSON response goes to the reply
// subject. Unknown API subjects get nats-server's bad request reply. DIRECT.GET
// is answered by each stream's own subscription (direct-get.ts), not here
// (only a 503 when no allow_direct stream answers, see directGetUnserved).

import { apiErrorResponse } from '../api/api-error.js';
import { RESPONSE_TYPES } from '../api/constants.js';
import { JSBadRequestErr, newJSStreamGeneralError } from '../api/errors.generated.js';
import type { JetStreamEngine } from '../streams/engine.js';
import type { ClientInfo, HostMessage, JetStreamHost } from '../streams/host.js';
import { API_AUDIT_SUBJECT, apiAuditAdvisory, publishAdvisory } from '../streams/advisories.js';
import { describe } from '../streams/stream.js';
import { apiPrefixes } from '../streams/subjects.js';
import { accountInfo } from './account.js';
import { consumerRequest } from './consumers.js';
import { directGet, directGetUnserved } from './direct-get.js';
import { msgDelete, msgGet } from './messages.js';
import {
  streamCreate,
  streamDelete,
  streamInfo,
  streamList,
  streamNames,
  streamPurge,
  streamUpdate,
} from './streams.js';

/** What a handler gets: the engine, the stream name from the subject ('' when none), the body. */
export interface ApiRequest {
  readonly engine: JetStreamEngine;
  readonly name: string;
  readonly payload: Uint8Array;
}

/** A response object (always with `type`, `error` when it failed). */
export interface ApiResult {
  type: string;
  error?: unknown;
  [field: string]: unknown;
}

type Handler = (request: ApiRequest) => Promise<ApiResult>;

interface Route {
  /** Tokens after the prefix; '*' is the stream name. */
  readonly tokens: readonly string[];
  readonly type: string;
  readonly handler: Handler;
}

const ROUTES: readonly Route[] = [
  { tokens: ['INFO'], type: RESPONSE_TYPES.accountInfo, handler: accountInfo },
  { tokens: ['STREAM', 'CREATE', '*'], type: RESPONSE_TYPES.streamCreate, handler: streamCreate },
  { tokens: ['STREAM', 'UPDATE', '*'], type: RESPONSE_TYPES.streamUpdate, handler: streamUpdate },
  { tokens: ['STREAM', 'NAMES'], type: RESPONSE_TYPES.streamNames, handler: streamNames },
  { tokens: ['STREAM', 'LIST'], type: RESPONSE_TYPES.streamList, handler: streamList },
  { tokens: ['STREAM', 'INFO', '*'], type: RESPONSE_TYPES.streamInfo, handler: streamInfo },
  { tokens: ['STREAM', 'DELETE', '*'], type: RESPONSE_TYPES.streamDelete, handler: streamDelete },
  { tokens: ['STREAM', 'PURGE', '*'], type: RESPONSE_TYPES.streamPurge, handler: streamPurge },
  { tokens: ['STREAM', 'MSG', 'GET', '*'], type: RESPONSE_TYPES.msgGet, handler: msgGet },
  { tokens: ['STREAM', 'MSG', 'DELETE', '*'], type: RESPONSE_TYPES.msgDelete, handler: msgDelete },
];

function route(tokens: readonly string[]): { route: Route; name: string } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.tokens.length !== tokens.length) continue;
    let name = '';
    let matched = true;
    for (let i = 0; i < tokens.length && matched; i++) {
      if (candidate.tokens[i] === '*') name = tokens[i];
      else matched = candidate.tokens[i] === tokens[i];
    }
    if (matched) return { route: candidate, name };
  }
  return undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The one account tsnats has (nats-server's global account). */
const GLOBAL_ACCOUNT = '$G';

/** A request as received: the message and the client it came from, if the host knows. */
interface Received {
  readonly message: HostMessage;
  readonly client: ClientInfo | undefined;
}

export class ApiServer {
  readonly engine: JetStreamEngine;
  #host: JetStreamHost | undefined;
  #unsubscribe: (() => void)[] = [];

  constructor(engine: JetStreamEngine) {
    this.engine = engine;
  }

  start(host: JetStreamHost): void {
    this.#host = host;
    this.engine.attach(host, (stream, message, prefix) => {
      directGet(host, stream, message, prefix);
    });
    for (const prefix of apiPrefixes(this.engine.domain)) {
      this.#unsubscribe.push(
        host.subscribe(`${prefix}.>`, (message, origin) => {
          this.#dispatch(message, prefix, origin);
        }),
      );
    }
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#host = undefined;
  }

  #dispatch(message: HostMessage, prefix: string, origin: object | undefined): void {
    const tokens = message.subject.slice(prefix.length + 1).split('.');
    if (tokens[0] === 'DIRECT') {
      directGetUnserved(this.#host, this.engine, tokens, message);
      return;
    }
    if (tokens[0] === 'CONSUMER' && tokens[1] === 'MSG' && tokens[2] === 'NEXT') {
      // Not a JSON API: the consumer answers with messages or status messages.
      if (tokens.length === 5 && message.reply !== undefined && message.reply !== '') {
        this.engine.consumers.nextRequest(tokens[3], tokens[4], message.reply, message.payload);
      }
      return;
    }
    const stats = this.engine.apiStats;
    stats.total++;
    // Taken now: the client may be gone when the response is ready.
    const client = this.#clientInfo(origin);
    const request = { message, client };
    const consumerApi = consumerRequest(this.engine, tokens, message.payload);
    if (consumerApi !== undefined) {
      this.#answer(request, consumerApi.type, consumerApi.result);
      return;
    }
    const found = route(tokens);
    if (found === undefined) {
      stats.errors++;
      this.#reply(request, apiErrorResponse(RESPONSE_TYPES.system, JSBadRequestErr));
      return;
    }
    const api: ApiRequest = { engine: this.engine, name: found.name, payload: message.payload };
    this.#answer(request, found.route.type, () => found.route.handler(api));
  }

  #answer(request: Received, type: string, run: () => Promise<ApiResult>): void {
    const message = request.message;
    const stats = this.engine.apiStats;
    run().then(
      (result) => {
        if (result.error !== undefined) stats.errors++;
        this.#reply(request, result);
      },
      (error: unknown) => {
        stats.errors++;
        this.engine.logger.error(`JetStream API ${message.subject}: ${describe(error)}`);
        const text = describe(error);
        this.#reply(request, apiErrorResponse(type, newJSStreamGeneralError({ err: text })));
      },
    );
  }

  /**
   * What nats-server puts in the request's Nats-Request-Info header for the
   * global account's import of the API (getClientInfo without details, plus the
   * server): the host's answer, else the account and server it is known to have.
   */
  #clientInfo(origin: object | undefined): ClientInfo | undefined {
    const host = this.#host;
    if (host === undefined) return undefined;
    return host.clientInfo?.(origin) ?? { acc: GLOBAL_ACCOUNT, server: host.serverName ?? '' };
  }

  /** The response to the reply subject, then the API audit advisory (nats-server's sendAPIResponse). */
  #reply({ message, client }: Received, body: object): void {
    const host = this.#host;
    if (host === undefined) return;
    const response = JSON.stringify(body);
    const reply = message.reply;
    if (reply !== undefined && reply !== '') {
      host.publish({
        subject: reply,
        reply: undefined,
        headers: undefined,
        payload: encoder.encode(response),
      });
    }
    // Built only for someone to read it: without interest the advisory goes nowhere.
    if (host.hasInterest?.(API_AUDIT_SUBJECT) === false) return;
    const audit = apiAuditAdvisory(this.engine, {
      server: host.serverName ?? '',
      client,
      subject: message.subject,
      request: decoder.decode(message.payload),
      response,
    });
    publishAdvisory(host, audit);
  }
}
