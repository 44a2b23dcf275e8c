// /kv/{bucket}/keys: keys listed, read, written and deleted as @nats-io/kv does
// (ADR-8): a put is a publish to the key's subject, a revision check is the
// Nats-Expected-Last-Subject-Sequence header, a delete or purge is an empty
// publish marked KV-Operation (a purge rolls the key's history up).

import type { StoredMsg, StreamInfo } from '@tsnats/jetstream';
import { Type } from 'typebox';
import { decodePayload, encodePayload, problems, type RestApp } from './common.js';
import { WRONG_LAST_SEQUENCE, type JetStreamApi } from './jetstream.js';
import {
  BucketParams,
  DeleteQuery,
  Entry,
  EntryQuery,
  KeyList,
  KeyParams,
  kvStream,
  kvSubject,
  PagedQuery,
  PutBody,
  PutQuery,
  PutResult,
  type KeySummary,
} from './kv-schemas.js';
import { getMessage, headerMap } from './messages.js';
import { badRequest, notFound, preconditionFailed, ProblemError, unavailable } from './problem.js';
import { streamInfo } from './streams.js';

const tags = ['key-value'];
const OPERATION_HEADER = 'KV-Operation';
const EXPECTED_HEADER = 'Nats-Expected-Last-Subject-Sequence';
/** Keys looked up at once when listing (each is one STREAM.MSG.GET). */
const LOOKUP_BATCH = 64;

const RevisionHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'Only when the key is at this revision: its ETag, e.g. "5".' }),
  ),
});
const RevisionETag = Type.Object({ etag: Type.String({ description: 'The revision, quoted.' }) });

type Operation = 'PUT' | 'DEL' | 'PURGE';

function operationOf(stored: StoredMsg): Operation {
  if (stored.hdrs === undefined) return 'PUT';
  const operation = headerMap(Buffer.from(stored.hdrs, 'base64'))[OPERATION_HEADER]?.[0];
  return operation === 'DEL' || operation === 'PURGE' ? operation : 'PUT';
}

const revisionETag = (revision: number): string => `"${revision}"`;

/**
 * The revision a write expects: from `?revision=` (a mismatch is a 409) or from
 * If-Match (a 412); undefined for an unconditional write.
 */
function expectation(
  revision: number | undefined,
  ifMatch: string | undefined,
): { revision: number; status: 409 | 412 } | undefined {
  if (ifMatch === undefined) return revision === undefined ? undefined : { revision, status: 409 };
  if (revision !== undefined) throw badRequest('give the revision as ?revision= or If-Match');
  const match = /^"(\d+)"$/.exec(ifMatch.trim());
  if (match === null) throw badRequest('If-Match must be one revision ETag, such as "5"');
  return { revision: Number(match[1]), status: 412 };
}

/** The latest message on the key, or undefined when it never had one. */
async function latest(
  js: JetStreamApi,
  bucket: string,
  key: string,
): Promise<StoredMsg | undefined> {
  try {
    return await getMessage(js, kvStream(bucket), { last_by_subj: kvSubject(bucket, key) });
  } catch (error) {
    // 10037: no message on the subject; a missing bucket (10059) stays an error.
    if (error instanceof ProblemError && error.problem.err_code === 10037) return undefined;
    throw error;
  }
}

export function keyRoutes(app: RestApp, js: JetStreamApi): void {
  /** Publishes to the key; a missing bucket is told apart from JetStream not answering. */
  async function write(
    bucket: string,
    key: string,
    payload: Uint8Array,
    headers: Record<string, string>,
  ): Promise<number> {
    const ack = await js.publish(kvSubject(bucket, key), payload, headers);
    if (ack !== undefined) return ack.seq;
    await streamInfo(js, kvStream(bucket));
    throw unavailable(`no stream acknowledged the write to ${key}`);
  }

  /**
   * A write with the expected revision; a key whose latest message is a delete
   * counts as absent for revision 0, as in @nats-io/kv's create.
   */
  async function conditionalWrite(
    bucket: string,
    key: string,
    payload: Uint8Array,
    headers: Record<string, string>,
    expected: { revision: number; status: 409 | 412 } | undefined,
  ): Promise<number> {
    if (expected === undefined) return write(bucket, key, payload, headers);
    try {
      return await write(bucket, key, payload, {
        ...headers,
        [EXPECTED_HEADER]: String(expected.revision),
      });
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.err_code !== WRONG_LAST_SEQUENCE) {
        throw error;
      }
      if (expected.revision === 0) {
        const current = await latest(js, bucket, key);
        if (current !== undefined && operationOf(current) !== 'PUT') {
          return conditionalWrite(bucket, key, payload, headers, {
            ...expected,
            revision: current.seq,
          });
        }
      }
      if (expected.status === 412) throw preconditionFailed(`key ${key} is not at that revision`);
      throw error;
    }
  }

  app.get(
    '/kv/:bucket/keys',
    {
      schema: {
        tags,
        summary: 'List the keys that have a value',
        params: BucketParams,
        querystring: PagedQuery,
        response: { 200: KeyList, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const { bucket } = request.params;
      const { offset, limit } = request.query;
      const subjects = await bucketSubjects(js, bucket);
      const keys: KeySummary[] = [];
      const prefix = kvSubject(bucket, '').length;
      for (let i = 0; i < subjects.length; i += LOOKUP_BATCH) {
        const batch = subjects.slice(i, i + LOOKUP_BATCH);
        const found = await Promise.all(
          batch.map((subject) => latest(js, bucket, subject.slice(prefix))),
        );
        for (const stored of found) {
          if (stored === undefined || operationOf(stored) !== 'PUT') continue;
          keys.push({
            key: stored.subject.slice(prefix),
            revision: stored.seq,
            created: stored.time,
          });
        }
      }
      return { total: keys.length, offset, limit, keys: keys.slice(offset, offset + limit) };
    },
  );

  app.get(
    '/kv/:bucket/keys/:key',
    {
      schema: {
        tags,
        summary: 'Get a key’s value',
        description: 'The latest value (404 when deleted), or the given revision.',
        params: KeyParams,
        querystring: EntryQuery,
        response: { 200: { ...Entry, headers: RevisionETag }, ...problems(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const { bucket, key } = request.params;
      const { encoding, revision } = request.query;
      const subject = kvSubject(bucket, key);
      const stored =
        revision === undefined
          ? await latest(js, bucket, key)
          : await getMessage(js, kvStream(bucket), { seq: revision });
      if (stored === undefined || stored.subject !== subject) {
        throw notFound(`key ${key} not found in bucket ${bucket}`);
      }
      const operation = operationOf(stored);
      if (revision === undefined && operation !== 'PUT') {
        throw notFound(`key ${key} was deleted from bucket ${bucket}`);
      }
      return reply.header('etag', revisionETag(stored.seq)).send({
        bucket,
        key,
        value: encodePayload(Buffer.from(stored.data ?? '', 'base64'), encoding),
        encoding,
        revision: stored.seq,
        created: stored.time,
        operation,
      });
    },
  );

  app.put(
    '/kv/:bucket/keys/:key',
    {
      schema: {
        tags,
        summary: 'Put a key’s value',
        description:
          'With ?revision=N (409 on mismatch) or If-Match: "N" (412), only when N is the key’s latest revision; revision 0 creates.',
        params: KeyParams,
        querystring: PutQuery,
        headers: RevisionHeaders,
        body: PutBody,
        response: {
          200: { ...PutResult, headers: RevisionETag },
          ...problems(400, 404, 409, 412, 503),
        },
      },
    },
    async (request, reply) => {
      const { bucket, key } = request.params;
      const expected = expectation(request.query.revision, request.headers['if-match']);
      const value = decodePayload(request.body.value, request.body.encoding);
      const revision = await conditionalWrite(bucket, key, value, {}, expected);
      return reply.header('etag', revisionETag(revision)).send({ bucket, key, revision });
    },
  );

  app.delete(
    '/kv/:bucket/keys/:key',
    {
      schema: {
        tags,
        summary: 'Delete a key',
        description:
          'Leaves a delete marker and the history; with purge=true drops the history too.',
        params: KeyParams,
        querystring: DeleteQuery,
        headers: RevisionHeaders,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems(400, 404, 409, 412, 503),
        },
      },
    },
    async (request, reply) => {
      const { bucket, key } = request.params;
      const { purge, revision } = request.query;
      const expected = expectation(revision, request.headers['if-match']);
      if (!purge && expected === undefined) {
        const current = await latest(js, bucket, key);
        if (current === undefined || operationOf(current) !== 'PUT') {
          throw notFound(`key ${key} not found in bucket ${bucket}`);
        }
      }
      const headers: Record<string, string> = purge
        ? { [OPERATION_HEADER]: 'PURGE', 'Nats-Rollup': 'sub' }
        : { [OPERATION_HEADER]: 'DEL' };
      await conditionalWrite(bucket, key, new Uint8Array(), headers, expected);
      return reply.code(204).send(null);
    },
  );
}

/** Every subject in the bucket that has messages, sorted. */
async function bucketSubjects(js: JetStreamApi, bucket: string): Promise<string[]> {
  const subjects: string[] = [];
  for (;;) {
    const info = await js.request<StreamInfo & { total: number }>(
      `STREAM.INFO.${kvStream(bucket)}`,
      { subjects_filter: kvSubject(bucket, '>'), offset: subjects.length },
    );
    const page = Object.keys(info.state.subjects ?? {});
    subjects.push(...page);
    if (page.length === 0 || subjects.length >= info.total) break;
  }
  return subjects.sort();
}
