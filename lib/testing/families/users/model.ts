/**
 * The users family's records: user accounts, their API keys (an OAuth consumer and token each),
 * their public SSH and SSL keys, and the OAuth nonces already used. Keys and tokens refer to their
 * owner by user id.
 *
 * @module
 */

/**
 * A MAAS user account.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const admin = sim.state.users.get("admin")!;
 * console.log(admin.isSuperuser); // true
 * ```
 */
export interface SimUser {
  /** Database id. */
  id: number;
  /** Login name. */
  username: string;
  /** E-mail address. */
  email: string;
  /** Password, kept in clear: this is a test double. */
  password: string;
  /** Administrator. */
  isSuperuser: boolean;
  /** Inactive users get 403 from the API and cannot log in. */
  isActive: boolean;
}

/**
 * An OAuth consumer and its access token, i.e. one API key `consumerKey:tokenKey:tokenSecret`.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const [token] = sim.state.users.tokensOf("admin");
 * console.log(`${token.consumerKey}:${token.tokenKey}:${token.tokenSecret}` === sim.adminApiKey);
 * ```
 */
export interface SimToken {
  /** Consumer key, 18 characters. */
  consumerKey: string;
  /** Token key, 18 characters. */
  tokenKey: string;
  /** Token secret, 32 characters (any text for a key given in full). */
  tokenSecret: string;
  /** The consumer's name (`MAAS consumer` unless one was given). */
  name: string;
  /** The owner's user id. */
  userId: number;
}

/**
 * A public SSH key of a user.
 *
 * @example
 * ```ts
 * import type { SimSSHKey } from "@libmaas/client/testing";
 * const key: SimSSHKey = { id: 1, userId: 1, key: "ssh-ed25519 AAAA… me@host", keysource: "" };
 * ```
 */
export interface SimSSHKey {
  /** Database id. */
  id: number;
  /** The owner's user id. */
  userId: number;
  /** The key line as sent. */
  key: string;
  /** `protocol:auth_id` of an imported key, empty otherwise. */
  keysource: string;
}

/**
 * An SSL key (a PEM certificate) of a user.
 *
 * @example
 * ```ts
 * import type { SimSSLKey } from "@libmaas/client/testing";
 * const key: SimSSLKey = { id: 1, userId: 1, key: "-----BEGIN CERTIFICATE-----\n…" };
 * ```
 */
export interface SimSSLKey {
  /** Database id. */
  id: number;
  /** The owner's user id. */
  userId: number;
  /** The PEM text as sent. */
  key: string;
}

/**
 * The consumer name MAAS gives tokens created without one.
 *
 * @example
 * ```ts
 * import { GENERIC_CONSUMER } from "@libmaas/client/testing";
 * console.log(GENERIC_CONSUMER); // "MAAS consumer"
 * ```
 */
export const GENERIC_CONSUMER = "MAAS consumer";

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The users section of the state: accounts by name, their API keys, SSH and SSL keys, and the
 * nonces each key has used.
 *
 * @example
 * ```ts
 * import { UsersSection } from "./model.ts";
 * let last = 0;
 * const users = new UsersSection(() => ++last);
 * const alice = users.add({
 *   username: "alice", email: "a@example.com", password: "pw", isSuperuser: false, isActive: true,
 * });
 * console.log(users.createToken(alice.id).name); // "MAAS consumer"
 * ```
 */
export class UsersSection {
  /** SSH keys by id. */
  readonly sshKeys: Map<number, SimSSHKey> = new Map();
  /** SSL keys by id. */
  readonly sslKeys: Map<number, SimSSLKey> = new Map();

  #byName = new Map<string, SimUser>();
  #byId = new Map<number, SimUser>();
  #tokens: SimToken[] = [];
  #nonces = new Set<string>();
  #nextId: (kind: "user" | "sshkey" | "sslkey") => number;

  /** An empty section; `nextId` hands out database ids per kind. */
  constructor(nextId: (kind: "user" | "sshkey" | "sslkey") => number) {
    this.#nextId = nextId;
  }

  /** How many users there are. */
  get size(): number {
    return this.#byName.size;
  }

  /** The user called `username`. */
  get(username: string): SimUser | undefined {
    return this.#byName.get(username);
  }

  /** Whether a user is called `username`. */
  has(username: string): boolean {
    return this.#byName.has(username);
  }

  /** The user with database id `id`. */
  byId(id: number): SimUser | undefined {
    return this.#byId.get(id);
  }

  /** Every user, oldest first. */
  values(): IterableIterator<SimUser> {
    return this.#byName.values();
  }

  /** Add a user; the caller checks that the name is free. */
  add(user: Omit<SimUser, "id">): SimUser {
    const created = { id: this.#nextId("user"), ...user };
    this.#byName.set(created.username, created);
    this.#byId.set(created.id, created);
    return created;
  }

  /** Remove a user with their API keys, SSH keys and SSL keys. */
  remove(username: string): void {
    const user = this.#byName.get(username);
    if (!user) return;
    this.#byName.delete(username);
    this.#byId.delete(user.id);
    this.#tokens = this.#tokens.filter((token) => token.userId !== user.id);
    for (const [id, key] of this.sshKeys) if (key.userId === user.id) this.sshKeys.delete(id);
    for (const [id, key] of this.sslKeys) if (key.userId === user.id) this.sslKeys.delete(id);
  }

  /** Mint a new API key for a user. */
  createToken(userId: number, name: string = GENERIC_CONSUMER): SimToken {
    const token: SimToken = {
      consumerKey: randomKey(18),
      tokenKey: randomKey(18),
      tokenSecret: randomKey(32),
      name,
      userId,
    };
    this.#tokens.push(token);
    return token;
  }

  /** Register a key given in full (any secret: tests use reserved characters). */
  addToken(token: SimToken): void {
    this.#tokens.push(token);
  }

  /** A user's API keys, oldest first. */
  tokensOf(username: string): SimToken[] {
    const user = this.#byName.get(username);
    return user ? this.#tokens.filter((token) => token.userId === user.id) : [];
  }

  /** The API key with this token key, if any. */
  findToken(tokenKey: string): SimToken | undefined {
    return this.#tokens.find((token) => token.tokenKey === tokenKey);
  }

  /** Whether a consumer with this key exists. */
  hasConsumer(consumerKey: string): boolean {
    return this.#tokens.some((token) => token.consumerKey === consumerKey);
  }

  /** Delete an API key (its token and consumer). */
  deleteToken(tokenKey: string): void {
    this.#tokens = this.#tokens.filter((token) => token.tokenKey !== tokenKey);
  }

  /** Record a nonce for a key; false when it was already used (a replay). */
  useNonce(consumerKey: string, tokenKey: string, nonce: string): boolean {
    const key = `${consumerKey}\u0000${tokenKey}\u0000${nonce}`;
    if (this.#nonces.has(key)) return false;
    this.#nonces.add(key);
    return true;
  }

  /** A new id for an SSH or SSL key. */
  nextKeyId(kind: "sshkey" | "sslkey"): number {
    return this.#nextId(kind);
  }
}

function randomKey(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  // 62 does not divide 256, but the slight bias does not matter for test credentials.
  for (const byte of bytes) out += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return out;
}
