// The permission -ERR texts of client.go (pubPermissionViolation,
// subPermissionViolation, replySubjectViolation). They return the text only:
// the connection sends it as -ERR '<text>'.

const ASCII_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
};

/** Go's unicode.IsPrint beyond ASCII: letters, marks, numbers, punctuation, symbols. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's %q of a string (strconv.Quote). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp < 0x80) out += ASCII_ESCAPES[cp] ?? '\\x' + hex(cp, 2);
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

export function publishViolation(subject: string): string {
  return `Permissions Violation for Publish to ${goQuote(subject)}`;
}

export function subscribeViolation(subject: string, queue?: string): string {
  const text = `Permissions Violation for Subscription to ${goQuote(subject)}`;
  return queue === undefined ? text : `${text} using queue ${goQuote(queue)}`;
}

/** For a PUB whose reply subject isReservedReply. */
export function replyViolation(reply: string): string {
  return `Permissions Violation for Publish with Reply of ${goQuote(reply)}`;
}

/** A subscription a reloaded configuration no longer allows (processSubsOnConfigReload). */
export function removedSubscriptionViolation(subject: string, sid: string): string {
  return `Permissions Violation for Subscription to ${goQuote(subject)} (sid ${goQuote(sid)})`;
}
