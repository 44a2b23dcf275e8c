// /healthz?account=&stream=&consumer=: the part of nats-server's healthz that
// looks for a JetStream account, stream and consumer (single server: what was
// recovered from the store directory). Asked through the JetStream API, so a
// split edge answers for its store services too.
import type { HealthStatus, HealthzError, HealthzOptions } from '@tsnats/server';
import type { JetStreamSource } from './jetstream-source.js';

/** The one account tsnats has; nats-server finds an account by its directory, made by its first stream. */
const GLOBAL_ACCOUNT = '$G';

/** A name that cannot be a stream's or a consumer's, nor a subject token. */
const NOT_A_NAME = /[\s.*>]/;

async function found(source: JetStreamSource, subject: string): Promise<boolean> {
  const reply = (await source.request(subject, '')) as { error?: unknown } | undefined;
  return reply !== undefined && reply.error === undefined;
}

async function accountFound(source: JetStreamSource, account: string): Promise<boolean> {
  if (account !== GLOBAL_ACCOUNT) return false;
  const info = (await source.request('$JS.API.INFO', '')) as { streams?: number };
  return (info.streams ?? 0) > 0;
}

/** The 404 for what was not found, as nats-server words it; undefined when all was found. */
export async function missingAsset(
  source: JetStreamSource,
  options: HealthzOptions,
): Promise<HealthStatus | undefined> {
  const account = options.account ?? '';
  const stream = options.stream ?? '';
  const consumer = options.consumer ?? '';
  if (account === '') return undefined;
  let missing: HealthzError;
  if (!(await accountFound(source, account))) {
    missing = { type: 'ACCOUNT', account, error: `JetStream account "${account}" not found` };
  } else if (
    stream !== '' &&
    (NOT_A_NAME.test(stream) || !(await found(source, `$JS.API.STREAM.INFO.${stream}`)))
  ) {
    missing = {
      type: 'STREAM',
      account,
      stream,
      error: `JetStream stream "${stream}" not found on account "${account}"`,
    };
  } else if (
    consumer !== '' &&
    (NOT_A_NAME.test(consumer) ||
      !(await found(source, `$JS.API.CONSUMER.INFO.${stream}.${consumer}`)))
  ) {
    missing = {
      type: 'CONSUMER',
      account,
      stream,
      consumer,
      error: `JetStream consumer "${consumer}" not found for stream "${stream}" on account "${account}"`,
    };
  } else {
    return undefined;
  }
  if (options.details === true) return { status: 'error', status_code: 404, errors: [missing] };
  return { status: 'unavailable', status_code: 404, error: missing.error };
}
