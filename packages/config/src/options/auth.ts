// The authorization block, its users and permissions (opts.go's parseAuthorization,
// parseUsers, parseUserPermissions, parseAllowResponses, parseSubjectPermission).

import { isUsedVariable } from '../positions.js';
import type { ConfigValue } from '../types.js';
import { childPlace, describe, entries, isMap, type Place, type Reader } from './diagnostics.js';
import { parseGoDuration } from './duration.js';
import {
  DEFAULT_ALLOW_RESPONSE_EXPIRATION_MS,
  DEFAULT_ALLOW_RESPONSE_MAX_MSGS,
  type AuthorizationOptions,
  type Permissions,
  type ResponsePermission,
  type SubjectPermission,
  type User,
} from './types.js';

/** nats-server's IsValidSubject (sublist.go). */
export function isValidSubject(subject: string): boolean {
  if (subject === '') return false;
  let fullWildcardSeen = false;
  for (const token of subject.split('.')) {
    if (token.length === 0 || fullWildcardSeen) return false;
    if (token.length > 1) {
      if (/[\t\n\f\r ]/.test(token)) return false;
      continue;
    }
    if (token === '>') fullWildcardSeen = true;
    else if (/[\t\n\f\r ]/.test(token)) return false;
  }
  return true;
}

/** checkPermSubjectArray: a subject, or a subject and a queue group. */
function checkSubjects(subjects: readonly string[]): string | undefined {
  for (const s of subjects) {
    if (isValidSubject(s)) continue;
    const fields = s.split(/[\t\n\v\f\r ]+/).filter((f) => f !== '');
    if (fields.length !== 2) return `subject ${JSON.stringify(s)} is not a valid subject`;
    if (!isValidSubject(fields[0]))
      return `subject ${JSON.stringify(fields[0])} is not a valid subject`;
  }
  return undefined;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX_USER = 20 << 3; // 'U'

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** nkeys.IsValidPublicUserKey: base32 of prefix 'U', 32 key bytes and a CRC16 (little-endian). */
export function isValidPublicUserKey(key: string): boolean {
  if (key.length !== 56) return false;
  const bytes = new Uint8Array(35);
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const c of key) {
    const v = BASE32.indexOf(c);
    if (v < 0) return false;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 0xff;
    }
  }
  if (n !== 35 || bytes[0] !== PREFIX_USER) return false;
  const sum = bytes[33] | (bytes[34] << 8);
  return crc16(bytes.subarray(0, 33)) === sum;
}

function subjects(r: Reader, place: Place, value: ConfigValue): string[] | undefined {
  let list: string[] | undefined;
  if (typeof value === 'string') list = [value];
  else if (Array.isArray(value)) {
    list = [];
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      if (typeof element !== 'string') {
        r.diagnostics.error(
          childPlace(value, i, place.path),
          'Subject in permissions array cannot be cast to string',
        );
        return undefined;
      }
      list.push(element);
    }
  } else {
    r.diagnostics.error(
      place,
      `Expected subject permissions to be a subject, or array of subjects, got ${describe(value)}`,
    );
    return undefined;
  }
  const problem = checkSubjects(list);
  if (problem !== undefined) {
    r.diagnostics.error(place, problem);
    return undefined;
  }
  return list;
}

/** parseVariablePermissions: a subject, an array of subjects, or { allow, deny }. */
function subjectPermission(
  r: Reader,
  place: Place,
  value: ConfigValue,
): SubjectPermission | undefined {
  if (!isMap(value)) {
    const allow = subjects(r, place, value);
    return allow === undefined ? undefined : { allow };
  }
  if (Object.keys(value).length === 0) return undefined;
  const p: SubjectPermission = {};
  for (const [key, lower, v] of entries(value)) {
    const at = childPlace(value, key, place.path);
    if (lower === 'allow' || lower === 'deny') {
      const list = subjects(r, at, v);
      if (list !== undefined) p[lower] = list;
    } else if (!isUsedVariable(value, key)) {
      r.diagnostics.error(
        at,
        `Unknown field name ${JSON.stringify(key)} parsing subject permissions, only 'allow' or 'deny' are permitted`,
      );
    }
  }
  return p;
}

function allowResponses(
  r: Reader,
  place: Place,
  value: ConfigValue,
): ResponsePermission | undefined {
  const rp = {
    max: DEFAULT_ALLOW_RESPONSE_MAX_MSGS,
    expiresMs: DEFAULT_ALLOW_RESPONSE_EXPIRATION_MS,
  };
  if (typeof value === 'boolean') return value ? rp : undefined;
  if (!isMap(value)) {
    r.diagnostics.error(place, 'error parsing response permissions, expected a boolean or a map');
    return undefined;
  }
  for (const [key, lower, v] of entries(value)) {
    const at = childPlace(value, key, place.path);
    switch (lower) {
      case 'max':
      case 'max_msgs':
      case 'max_messages':
      case 'max_responses': {
        const max = r.integer(at, v);
        if (max !== undefined && max !== 0) rp.max = max; // 0 means the default
        break;
      }
      case 'expires':
      case 'expiration':
      case 'ttl': {
        if (typeof v !== 'string') {
          r.diagnostics.error(at, 'error parsing expires, not a duration string');
          return undefined;
        }
        try {
          const ms = parseGoDuration(v);
          if (ms !== 0) rp.expiresMs = ms;
        } catch (error) {
          r.diagnostics.error(at, `error parsing expires: ${(error as Error).message}`);
          return undefined;
        }
        break;
      }
      default:
        if (!isUsedVariable(value, key)) {
          r.diagnostics.error(at, `Unknown field ${JSON.stringify(key)} parsing permissions`);
        }
    }
  }
  return rp;
}

/** parseUserPermissions. */
export function permissions(r: Reader, place: Place, value: ConfigValue): Permissions | undefined {
  if (!isMap(value)) {
    r.diagnostics.error(place, `Expected permissions to be a map/struct, got ${describe(value)}`);
    return undefined;
  }
  const p: Permissions = {};
  for (const [key, lower, v] of entries(value)) {
    const at = childPlace(value, key, place.path);
    switch (lower) {
      case 'pub':
      case 'publish':
      case 'import': {
        const sp = subjectPermission(r, at, v);
        if (sp !== undefined) p.publish = sp;
        break;
      }
      case 'sub':
      case 'subscribe':
      case 'export': {
        const sp = subjectPermission(r, at, v);
        if (sp !== undefined) p.subscribe = sp;
        break;
      }
      case 'publish_allow_responses':
      case 'allow_responses': {
        const rp = allowResponses(r, at, v);
        if (rp !== undefined) {
          p.allowResponses = rp;
          // Go turns off the blanket publish allow when responses are allowed.
          p.publish ??= {};
          p.publish.allow ??= [];
        }
        break;
      }
      default:
        if (!isUsedVariable(value, key)) {
          r.diagnostics.error(at, `Unknown field ${JSON.stringify(key)} parsing permissions`);
        }
    }
  }
  return p;
}

/** parseUsers: an array of { user, password, nkey, permissions }. */
function users(r: Reader, place: Place, value: ConfigValue): User[] | undefined {
  if (!Array.isArray(value)) {
    r.diagnostics.error(place, `Expected users field to be an array, got ${describe(value)}`);
    return undefined;
  }
  const out: User[] = [];
  for (let i = 0; i < value.length; i++) {
    const entryPlace = childPlace(value, i, place.path);
    const um = value[i];
    if (!isMap(um)) {
      r.diagnostics.error(
        entryPlace,
        `Expected user entry to be a map/struct, got ${describe(um)}`,
      );
      continue;
    }
    const user: User = { user: '', password: '', nkey: '', untyped: {} };
    for (const [key, lower, v] of entries(um)) {
      const at = childPlace(um, key, entryPlace.path);
      switch (lower) {
        case 'nkey':
          user.nkey = r.string(at, v) ?? '';
          break;
        case 'user':
        case 'username':
          user.user = r.string(at, v) ?? '';
          break;
        case 'pass':
        case 'password':
          user.password = r.string(at, v) ?? '';
          break;
        case 'permission':
        case 'permissions':
        case 'authorization': {
          const p = permissions(r, at, v);
          if (p !== undefined) user.permissions = p;
          break;
        }
        case 'allowed_connection_types':
        case 'connection_types':
        case 'clients':
          user.untyped[key] = v;
          break;
        default:
          if (!isUsedVariable(um, key)) r.diagnostics.unknownField(at, entryPlace.path);
      }
    }
    if (user.nkey === '' && user.user === '') {
      r.diagnostics.error(entryPlace, 'User entry requires a user');
      return undefined;
    }
    if (user.nkey !== '') {
      if (!isValidPublicUserKey(user.nkey)) {
        r.diagnostics.error(entryPlace, 'Not a valid public nkey for a user');
        return undefined;
      }
      if (user.user !== '' || user.password !== '') {
        r.diagnostics.error(entryPlace, 'Nkey users do not take usernames or passwords');
        return undefined;
      }
    }
    out.push(user);
  }
  return out;
}

/** parseAuthorization, then processConfigFileLine's checks of the result. */
export function authorization(
  r: Reader,
  place: Place,
  value: ConfigValue,
  into: AuthorizationOptions,
): void {
  const am = r.map(place, value, 'authorization');
  if (am === undefined) return;
  let list: User[] | undefined;
  let defaults: Permissions | undefined;
  for (const [key, lower, v] of entries(am)) {
    const at = childPlace(am, key, place.path);
    switch (lower) {
      case 'user':
      case 'username':
        into.user = r.string(at, v) ?? '';
        break;
      case 'pass':
      case 'password':
        into.password = r.string(at, v) ?? '';
        break;
      case 'token':
        into.token = r.string(at, v) ?? '';
        break;
      case 'timeout':
        into.timeoutSeconds = r.number(at, v) ?? into.timeoutSeconds;
        break;
      case 'users':
        list = users(r, at, v) ?? list;
        break;
      case 'default_permission':
      case 'default_permissions':
      case 'permissions':
        defaults = permissions(r, at, v) ?? defaults;
        break;
      case 'auth_callout':
      case 'auth_hook':
        into.untyped[key] = v;
        break;
      default:
        if (!isUsedVariable(am, key)) r.diagnostics.unknownField(at, place.path);
    }
  }
  if (defaults !== undefined) {
    into.defaultPermissions = defaults;
    for (const u of list ?? []) u.permissions ??= defaults;
  }
  const d = r.diagnostics;
  if ((into.user !== '' || into.password !== '') && into.token !== '') {
    d.error(place, 'Cannot have a user/pass and token');
    return;
  }
  if (list === undefined) return;
  if (into.user !== '') {
    d.error(place, 'Can not have a single user/pass and a users array');
    return;
  }
  if (into.token !== '') {
    d.error(place, 'Can not have a token and a users array');
    return;
  }
  const seen = new Set(into.users.map((u) => (u.nkey !== '' ? u.nkey : u.user)));
  for (const u of list) {
    const id = u.nkey !== '' ? u.nkey : u.user;
    if (seen.has(id)) {
      d.error(place, `Duplicate ${u.nkey !== '' ? 'nkey' : 'user'} ${JSON.stringify(id)} detected`);
      return;
    }
    seen.add(id);
  }
  into.users.push(...list);
}
