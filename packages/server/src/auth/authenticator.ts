// Client authentication from the server options, in the order nats-server's
// auth.go processClientOrLeafAuthentication takes it: nkey users, then users
// (with no_auth_user standing in for a CONNECT without credentials), then the
// single token, then the single user and password.

import type { ConnectOptions } from '@tsnats/codec';
import type { Permissions, ServerOptions, User } from '@tsnats/config';
import { newNonce, PasswordChecker, verifyNonceSignature } from './credentials.js';
import { withResponseDefaults } from './permissions.js';
import { goQuote } from './violations.js';

export interface AuthenticatedUser {
  /** The user name, or the public key of an nkey user; '' for a token or no auth. */
  name: string;
  /** undefined: everything allowed. */
  permissions: Permissions | undefined;
}

/** How the client connected, for users' allowed_connection_types. */
export type ClientConnectionType = 'STANDARD' | 'WEBSOCKET';

/** The connection types nats-server 2.10 knows (convertAllowedConnectionTypes). */
const KNOWN_CONNECTION_TYPES = new Set([
  'STANDARD',
  'WEBSOCKET',
  'LEAFNODE',
  'LEAFNODE_WS',
  'MQTT',
  'MQTT_WS',
]);

const CONNECTION_TYPE_KEYS = new Set(['allowed_connection_types', 'connection_types', 'clients']);

interface Account {
  readonly name: string;
  readonly password: string;
  readonly permissions: Permissions | undefined;
  /** Empty: any type. */
  readonly connectionTypes: ReadonlySet<string>;
}

/** Go's %q of a []string. */
function goStringList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

/** parseAllowedConnectionTypes, for the entry the config layer leaves untyped. */
function connectionTypes(user: User): Set<string> {
  const entry = Object.entries(user.untyped).find(([k]) =>
    CONNECTION_TYPE_KEYS.has(k.toLowerCase()),
  );
  if (entry === undefined) return new Set();
  const value = entry[1];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) {
    const where = Array.isArray(value) ? ' in array' : '';
    throw new Error(`error parsing allowed connection types: unsupported type${where}`);
  }
  const types = list.map((t) => t.toUpperCase());
  const unknown = types.filter((t) => !KNOWN_CONNECTION_TYPES.has(t));
  if (unknown.length > 0) throw new Error(`invalid connection types ${goStringList(unknown)}`);
  return new Set(types);
}

/** auth.go's validateNoAuthUser, for the users of the authorization block. */
function checkNoAuthUser(noAuthUser: string, users: readonly User[]): void {
  if (noAuthUser === '') return;
  if (users.length === 0) {
    throw new Error(`no_auth_user: "${noAuthUser}" present, but users/nkeys are not defined`);
  }
  if (users.some((u) => u.user === noAuthUser || u.nkey === noAuthUser)) return;
  throw new Error(
    `no_auth_user: "${noAuthUser}" not present as user or nkey in authorization block or account configuration`,
  );
}

function nobody(): AuthenticatedUser {
  return { name: '', permissions: undefined };
}

export class Authenticator {
  /** auth_required for INFO. */
  readonly required: boolean;
  /** INFO must carry a nonce: there are nkey users. */
  readonly needsNonce: boolean;
  private readonly users = new Map<string, Account>();
  private readonly nkeys = new Map<string, Account>();
  private readonly token: string;
  private readonly username: string;
  private readonly password: string;
  private readonly noAuthUser: string;
  private readonly passwords = new PasswordChecker();

  /** @throws Error with nats-server's text when the options are invalid (it refuses to start). */
  constructor(options: ServerOptions) {
    const auth = options.authorization;
    checkNoAuthUser(options.noAuthUser, auth.users);
    for (const u of auth.users) {
      const account: Account = {
        name: u.nkey !== '' ? u.nkey : u.user,
        password: u.password,
        permissions: u.permissions === undefined ? undefined : withResponseDefaults(u.permissions),
        connectionTypes: connectionTypes(u),
      };
      (u.nkey !== '' ? this.nkeys : this.users).set(account.name, account);
    }
    this.token = auth.token;
    this.username = auth.user;
    this.password = auth.password;
    this.noAuthUser = options.noAuthUser;
    this.required = auth.users.length > 0 || this.username !== '' || this.token !== '';
    this.needsNonce = this.nkeys.size > 0;
  }

  newNonce(): string {
    return newNonce();
  }

  /**
   * The user this CONNECT authenticates as; undefined when it does not (the
   * client gets 'Authorization Violation'). `nonce` is the one sent in INFO.
   */
  async authenticate(
    connect: ConnectOptions,
    nonce: string | undefined,
    connectionType: ClientConnectionType = 'STANDARD',
  ): Promise<AuthenticatedUser | undefined> {
    // nats-server accepts any credentials then, or none.
    if (!this.required) return nobody();
    const user = connect.user ?? '';
    const pass = connect.pass ?? '';
    const token = connect.auth_token ?? '';
    const noCredentials = user === '' && pass === '' && token === '';
    const allowed = (a: Account) =>
      a.connectionTypes.size === 0 || a.connectionTypes.has(connectionType);

    if (this.nkeys.size > 0) {
      let nkey = connect.nkey ?? '';
      if (nkey === '' && noCredentials && this.nkeys.has(this.noAuthUser)) nkey = this.noAuthUser;
      if (nkey !== '') {
        const account = this.nkeys.get(nkey);
        if (account === undefined || !allowed(account)) return undefined;
        // The no_auth_user nkey needs no signature, even when named in CONNECT.
        if (
          nkey !== this.noAuthUser &&
          !verifyNonceSignature(nkey, connect.sig ?? '', nonce ?? '')
        ) {
          return undefined;
        }
        return { name: nkey, permissions: account.permissions };
      }
    }

    if (this.users.size > 0) {
      let name = user;
      let password = pass;
      const standIn = noCredentials ? this.users.get(this.noAuthUser) : undefined;
      if (standIn !== undefined) {
        // Go signs in with the stored password as if the client had sent it, so a
        // bcrypt-hashed no_auth_user is checked hash against hash and fails.
        name = standIn.name;
        password = standIn.password;
      }
      if (name !== '') {
        const account = this.users.get(name);
        if (account === undefined || !allowed(account)) return undefined;
        if (!(await this.passwords.matches(account.password, password))) return undefined;
        return { name, permissions: account.permissions };
      }
    }

    if (this.token !== '') {
      return (await this.passwords.matches(this.token, token)) ? nobody() : undefined;
    }
    if (this.username !== '') {
      if (user !== this.username) return undefined;
      if (!(await this.passwords.matches(this.password, pass))) return undefined;
      return { name: this.username, permissions: undefined };
    }
    return undefined;
  }
}
