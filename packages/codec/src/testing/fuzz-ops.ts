// Valid ops of every kind each peer kind may send, with random but legal fields:
// the fuzzer encodes them into frames, then rewrites or damages some of them.

import { MsgHeaders } from '../headers.js';
import type { ConnectOptions, ServerInfo } from '../json.js';
import type { Op, PeerKind } from '../ops.js';
import { DEFAULT_MAX_PAYLOAD } from '../parser.js';
import { maybe, text, type Random } from './random.js';

export const PEERS: readonly PeerKind[] = ['client', 'server', 'route'];

export const TOKEN_CHARS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-*>$+|:#';
const WIDE_CHARS = ['é', 'ü', 'ñ', '日本', '😀', 'Ω'];
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&*+^`|~';
const VALUE_CHARS = KEY_CHARS + ' \t:;,/\'"=?@[]{}()<>\\';
const ERR_TEXT_CHARS = VALUE_CHARS.replace('\t', '');

/** A non-empty token without whitespace: subjects, sids, queues, accounts. */
function token(random: Random): string {
  let out = text(random, TOKEN_CHARS, 1, 8);
  if (random.chance(0.05)) out += random.pick(WIDE_CHARS);
  return out;
}

function subject(random: Random): string {
  const parts = [token(random)];
  while (parts.length < 4 && random.chance(0.4)) parts.push(token(random));
  return parts.join('.');
}

function payload(random: Random): Uint8Array {
  const roll = random.int(100);
  const length =
    roll < 10
      ? 0
      : roll < 60
        ? random.between(1, 16)
        : roll < 90
          ? random.between(17, 256)
          : random.between(257, 4096);
  const out = random.bytes(length);
  // Line endings inside a payload must not end it.
  if (length >= 2 && random.chance(0.3)) {
    const at = random.int(length - 1);
    out[at] = 13;
    out[at + 1] = 10;
  }
  return out;
}

function headerBlock(random: Random): Uint8Array {
  const headers = new MsgHeaders();
  if (random.chance(0.2)) {
    headers.status = random.pick([100, 404, 408, 409, 503]);
    if (random.chance(0.5)) headers.description = random.pick(['Idle Heartbeat', 'No Messages']);
  }
  const entries = random.int(5);
  for (let i = 0; i < entries; i++) {
    const key = random.chance(0.3) ? random.pick(['Nats-Msg-Id', 'nats-msg-id', 'X']) : '';
    let value = text(random, VALUE_CHARS, 0, 16).trim();
    if (random.chance(0.05)) value += random.pick(WIDE_CHARS);
    headers.append(key === '' ? text(random, KEY_CHARS, 1, 12) : key, value);
  }
  return headers.encode();
}

function info(random: Random): ServerInfo {
  const value: ServerInfo = {
    server_id: token(random),
    server_name: `${token(random)} ${token(random)}`,
    version: '2.10.7',
    proto: 1,
    go: 'go1.21.5',
    host: '0.0.0.0',
    port: random.between(1, 65535),
    headers: random.chance(0.5),
    max_payload: DEFAULT_MAX_PAYLOAD,
  };
  if (random.chance(0.3)) value.connect_urls = [`10.0.0.${random.int(256)}:4222`];
  if (random.chance(0.2)) value.nonce = token(random);
  return value;
}

function connectOptions(random: Random): ConnectOptions {
  const value: ConnectOptions = {
    verbose: random.chance(0.5),
    pedantic: random.chance(0.5),
    tls_required: false,
  };
  if (random.chance(0.5)) value.name = `${token(random)} "${token(random)}"`;
  if (random.chance(0.5)) value.headers = true;
  if (random.chance(0.3)) value.lang = 'typescript';
  return value;
}

function errMessage(random: Random): string {
  return text(random, ERR_TEXT_CHARS, 0, 30);
}

const size = (random: Random): number =>
  random.chance(0.1) ? random.between(1000000, 999999999) : random.between(1, 1000);
const COMMON_MAKERS: readonly ((random: Random) => Op)[] = [
  (r) => ({ kind: 'INFO', info: info(r) }),
  (r) => ({ kind: 'CONNECT', options: connectOptions(r) }),
  () => ({ kind: 'PING' }),
  () => ({ kind: 'PONG' }),
  () => ({ kind: '+OK' }),
  (r) => ({ kind: '-ERR', message: errMessage(r) }),
];

export const OP_MAKERS: Record<PeerKind, readonly ((random: Random) => Op)[]> = {
  client: [
    ...COMMON_MAKERS,
    (r) => ({
      kind: 'PUB',
      subject: subject(r),
      reply: maybe(r, () => subject(r)),
      payload: payload(r),
    }),
    (r) => ({
      kind: 'HPUB',
      subject: subject(r),
      reply: maybe(r, () => subject(r)),
      headers: headerBlock(r),
      payload: payload(r),
    }),
    (r) => ({ kind: 'SUB', subject: subject(r), queue: maybe(r, () => token(r)), sid: token(r) }),
    (r) => ({ kind: 'UNSUB', sid: token(r), max: maybe(r, () => size(r)) }),
  ],
  server: [
    ...COMMON_MAKERS,
    (r) => ({
      kind: 'MSG',
      subject: subject(r),
      sid: token(r),
      reply: maybe(r, () => subject(r)),
      payload: payload(r),
    }),
    (r) => ({
      kind: 'HMSG',
      subject: subject(r),
      sid: token(r),
      reply: maybe(r, () => subject(r)),
      headers: headerBlock(r),
      payload: payload(r),
    }),
  ],
  route: [
    ...COMMON_MAKERS,
    (r) => {
      const queues = r.chance(0.5) ? [] : Array.from({ length: r.between(1, 3) }, () => token(r));
      return {
        kind: 'RMSG',
        account: token(r),
        subject: subject(r),
        reply: maybe(r, () => subject(r)),
        queues,
        headers: maybe(r, () => headerBlock(r)),
        payload: payload(r),
      };
    },
    (r) => {
      const queue = maybe(r, () => token(r));
      return {
        kind: 'RS+',
        account: token(r),
        subject: subject(r),
        queue,
        weight: queue === undefined ? undefined : r.between(0, 1000),
      };
    },
    (r) => ({
      kind: 'RS-',
      account: token(r),
      subject: subject(r),
      queue: maybe(r, () => token(r)),
    }),
    (r) => {
      const queue = maybe(r, () => token(r));
      return {
        kind: 'LS+',
        origin: token(r),
        account: token(r),
        subject: subject(r),
        queue,
        weight: queue === undefined ? undefined : r.between(0, 1000),
      };
    },
    (r) => ({
      kind: 'LS-',
      origin: token(r),
      account: token(r),
      subject: subject(r),
      queue: maybe(r, () => token(r)),
    }),
    (r) => ({ kind: 'A+', account: token(r) }),
    (r) => ({ kind: 'A-', account: token(r) }),
  ],
};
