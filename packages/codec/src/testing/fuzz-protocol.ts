// What the fuzzer's checks know of the protocol, independently of the parser: the
// ops each peer kind may send, how op names start a control line, and the parser's
// control-line limits.

import type { OpKind, PeerKind } from '../ops.js';
import { DEFAULT_MAX_CONTROL_LINE } from '../parser.js';

/** The ops each peer kind may send (the parser's legal ops per connection kind). */
export const LEGAL_KINDS: Record<PeerKind, ReadonlySet<OpKind>> = {
  client: new Set<OpKind>([
    'INFO',
    'CONNECT',
    'PING',
    'PONG',
    '+OK',
    '-ERR',
    'PUB',
    'HPUB',
    'SUB',
    'UNSUB',
  ]),
  server: new Set<OpKind>(['INFO', 'CONNECT', 'PING', 'PONG', '+OK', '-ERR', 'MSG', 'HMSG']),
  route: new Set<OpKind>([
    'INFO',
    'CONNECT',
    'PING',
    'PONG',
    '+OK',
    '-ERR',
    'RMSG',
    'RS+',
    'RS-',
    'LS+',
    'LS-',
    'A+',
    'A-',
  ]),
};

/**
 * Op names as they start a control line, lower-case, and the kind each parses to. A
 * name ending in a space takes arguments: the space stands for the blank after it.
 */
export const NAME_KINDS: readonly (readonly [
  name: string,
  kind: OpKind,
  peer: PeerKind | undefined,
])[] = [
  ['info ', 'INFO', undefined],
  ['connect ', 'CONNECT', undefined],
  ['ping', 'PING', undefined],
  ['pong', 'PONG', undefined],
  ['+ok', '+OK', undefined],
  ['-err ', '-ERR', undefined],
  ['pub ', 'PUB', undefined],
  ['hpub ', 'HPUB', undefined],
  ['sub ', 'SUB', undefined],
  ['unsub ', 'UNSUB', undefined],
  ['msg ', 'MSG', undefined],
  ['hmsg ', 'HMSG', 'server'],
  ['hmsg ', 'RMSG', 'route'],
  ['rmsg ', 'RMSG', undefined],
  ['rs+ ', 'RS+', undefined],
  ['rs- ', 'RS-', undefined],
  ['ls+ ', 'LS+', undefined],
  ['ls- ', 'LS-', undefined],
  ['a+ ', 'A+', undefined],
  ['a- ', 'A-', undefined],
];

/** Whether `input` at `at` starts with `name`, in any case. */
export function startsWithName(input: Uint8Array, at: number, name: string): boolean {
  if (at + name.length > input.length) return false;
  for (let i = 0; i < name.length; i++) {
    const byte = input[at + i];
    const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
    const wanted = name.charCodeAt(i);
    // A space in the name stands for the space or tab that must follow it.
    if (wanted === 32 ? byte !== 32 && byte !== 9 : lower !== wanted) return false;
  }
  return true;
}

// Room the parser gives the op name and the blanks after it, on top of
// max_control_line, while a line is incomplete (OP_NAME_ALLOWANCE in parser.ts).
export const OP_NAME_ALLOWANCE = 64;
// The parser's default max_control_line for server and route peers (PEER_MAX_CONTROL_LINE).
const PEER_MAX_CONTROL_LINE = 64 * 1024;

/** The max_control_line a parser for `peer` has with these limits, or the defaults. */
export function maxControlLine(
  peer: PeerKind,
  limits: { maxControlLine: number } | undefined,
): number {
  return (
    limits?.maxControlLine ?? (peer === 'client' ? DEFAULT_MAX_CONTROL_LINE : PEER_MAX_CONTROL_LINE)
  );
}
