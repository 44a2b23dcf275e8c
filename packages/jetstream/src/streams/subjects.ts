// The API's subject prefixes: $JS.API, and with a domain also $JS.<domain>.API
// (nats-server maps the domain form onto the plain one).

import { JS_API_PREFIX } from '../api/constants.js';

/** Every prefix the API answers on. */
export function apiPrefixes(domain: string): string[] {
  return domain === '' ? [JS_API_PREFIX] : [JS_API_PREFIX, `$JS.${domain}.API`];
}

/** The DIRECT.GET subscriptions of a stream: the JSON form and the last-by-subject form. */
export function directGetSubjects(
  stream: string,
  domain: string,
): { subject: string; prefix: string }[] {
  return apiPrefixes(domain).flatMap((prefix) => [
    { subject: `${prefix}.DIRECT.GET.${stream}`, prefix },
    { subject: `${prefix}.DIRECT.GET.${stream}.>`, prefix },
  ]);
}
