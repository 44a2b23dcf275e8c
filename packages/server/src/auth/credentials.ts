// Checking what a CONNECT presents: passwords and tokens (auth.go's
// comparePasswords, isBcrypt), nkey signatures over the INFO nonce
// (processClientOrLeafAuthentication) and the nonce itself (nkey.go).

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromPublic } from '@nats-io/nkeys';
import { compare } from 'bcrypt';

/** nkey.go's nonceRawLen. */
const NONCE_RAW_LEN = 11;

/** auth.go's validBcryptPrefix (Go's \d is ASCII only, as JavaScript's). */
const BCRYPT_PREFIX = /^\$2[abxy]\$\d{2}\$/;

/** Base64 as Go's RawURLEncoding and StdEncoding accept it (non-strict: spare bits ignored). */
const RAW_URL_BASE64 = /^[A-Za-z0-9_-]*$/;
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Successful bcrypt checks kept; the cost of one is 50-100 ms of CPU. */
const VERIFIED_CACHE_SIZE = 1024;

/** 11 random bytes, base64 raw URL encoded: 15 characters, as generateNonce. */
export function newNonce(): string {
  return randomBytes(NONCE_RAW_LEN).toString('base64url');
}

export function isBcrypt(password: string): boolean {
  return BCRYPT_PREFIX.test(password);
}

/** subtle.ConstantTimeCompare over the UTF-8 bytes: different lengths fail at once. */
function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The signature bytes, decoded as RawURLEncoding, else StdEncoding; undefined
 * when neither takes it. Go's decoders skip CR and LF anywhere.
 */
export function decodeSignature(sig: string): Uint8Array | undefined {
  const s = sig.replace(/[\r\n]/g, '');
  if (RAW_URL_BASE64.test(s) && s.length % 4 !== 1) return Buffer.from(s, 'base64url');
  if (STD_BASE64.test(s)) return Buffer.from(s, 'base64');
  return undefined;
}

/**
 * Does `sig` sign the nonce (its text as sent in INFO) with this user nkey?
 * A client that got no nonce signs nothing, as Go verifies over a nil nonce.
 */
export function verifyNonceSignature(publicKey: string, sig: string, nonce: string): boolean {
  if (sig === '') return false;
  const bytes = decodeSignature(sig);
  if (bytes === undefined) return false;
  try {
    return fromPublic(publicKey).verify(new TextEncoder().encode(nonce), new Uint8Array(bytes));
  } catch {
    // An invalid key, or a signature of the wrong length: Go's Verify fails too.
    return false;
  }
}

/**
 * comparePasswords: bcrypt when the configured secret is a bcrypt hash, else a
 * constant-time comparison. nats-server runs bcrypt on every CONNECT; here the
 * successful (hash, password) pairs are remembered, so that reconnect storms do
 * not cost a bcrypt run per client, and concurrent identical checks share one run.
 */
export class PasswordChecker {
  // Keyed by an HMAC under a per-process key, so the cache holds no password
  // and nothing that a plain hash dictionary could reverse.
  private readonly key = randomBytes(32);
  private readonly verified = new Set<string>();
  private readonly running = new Map<string, Promise<boolean>>();

  async matches(configured: string, presented: string): Promise<boolean> {
    if (!isBcrypt(configured)) return constantTimeEqual(configured, presented);
    const id = createHmac('sha256', this.key)
      .update(configured)
      .update('\0')
      .update(presented)
      .digest('base64');
    if (this.verified.has(id)) return true;
    let check = this.running.get(id);
    if (check === undefined) {
      check = bcryptMatches(configured, presented);
      this.running.set(id, check);
    }
    try {
      const ok = await check;
      if (ok) this.remember(id);
      return ok;
    } finally {
      this.running.delete(id);
    }
  }

  private remember(id: string): void {
    this.verified.add(id);
    if (this.verified.size <= VERIFIED_CACHE_SIZE) return;
    for (const oldest of this.verified) {
      this.verified.delete(oldest);
      break;
    }
  }
}

/**
 * Go's bcrypt computes every minor version the same way and compares the hash
 * as written; node's bcrypt knows only $2a$ and $2b$, so $2x$ is checked as $2a$
 * and $2y$ as $2b$. The native compare runs on libuv's thread pool: a login
 * storm does not stall the connections already served.
 */
async function bcryptMatches(hash: string, password: string): Promise<boolean> {
  const minor = hash.slice(0, 4);
  const known = minor === '$2x$' ? '$2a$' : minor === '$2y$' ? '$2b$' : minor;
  try {
    return await compare(password, known + hash.slice(4));
  } catch {
    // A malformed hash (bad cost or salt): Go's CompareHashAndPassword errors.
    return false;
  }
}
