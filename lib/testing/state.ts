/**
 * The simulator's data: users, their OAuth tokens and SSH keys, the site and its machines, used
 * nonces, and the timers that move machines through their life cycle. Route families read and
 * change it; tests reach it through `sim.state`.
 *
 * @module
 */

import { defaultSite, generateMachines, type SimMachine, type Site } from "./inventory.ts";
import { SeededRandom } from "./random.ts";

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
 * const [token] = sim.state.tokensOf("admin");
 * console.log(`${token.consumerKey}:${token.tokenKey}:${token.tokenSecret}` === sim.adminApiKey);
 * ```
 */
export interface SimToken {
  /** Consumer key, 18 characters. */
  consumerKey: string;
  /** Token key, 18 characters. */
  tokenKey: string;
  /** Token secret, 32 characters. */
  tokenSecret: string;
  /** The consumer's name (`MAAS consumer` unless one was given). */
  name: string;
  /** Owner. */
  username: string;
}

/**
 * A public SSH key of a user.
 *
 * @example
 * ```ts
 * import type { SimSSHKey } from "@libmaas/client/testing";
 * const key: SimSSHKey = { id: 1, username: "admin", key: "ssh-ed25519 AAAA… me@host", keysource: "" };
 * ```
 */
export interface SimSSHKey {
  /** Database id. */
  id: number;
  /** Owner. */
  username: string;
  /** The key line as sent. */
  key: string;
  /** `protocol:auth_id` of an imported key, empty otherwise. */
  keysource: string;
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The consumer name MAAS gives tokens created without one.
 *
 * @example
 * ```ts
 * import { GENERIC_CONSUMER } from "./state.ts";
 * console.log(GENERIC_CONSUMER); // "MAAS consumer"
 * ```
 */
export const GENERIC_CONSUMER = "MAAS consumer";

/**
 * Everything the simulator knows. Maps keep insertion order, which is MAAS's id order.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 5 });
 * for (const machine of sim.state.machines.values()) console.log(machine.data.hostname);
 * ```
 */
export class SimulatorState {
  /** Domains, zones, pools, VLANs, subnets and tags. */
  readonly site: Site;
  /** Users by username. */
  readonly users: Map<string, SimUser> = new Map();
  /** Machines by system_id. */
  readonly machines: Map<string, SimMachine> = new Map();
  /** SSH keys by id. */
  readonly sshKeys: Map<number, SimSSHKey> = new Map();
  /** Seeded randomness for objects made after start (new machines' hardware, hostnames). */
  readonly random: SeededRandom;
  /** Hands out ids per kind (`user`, `sshkey`, `interface`, …), above those already used. */
  readonly nextId: (kind: string) => number;

  #tokens: SimToken[] = [];
  #nonces = new Set<string>();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #stopped = false;

  /** A state with a default site and `machines` seeded machines. */
  constructor(options: { seed?: number; machines?: number } = {}) {
    const seed = options.seed ?? 1;
    this.site = defaultSite();
    this.random = new SeededRandom(seed ^ 0x5bd1e995);
    const last = new Map<string, number>();
    this.nextId = (kind: string): number => {
      const next = (last.get(kind) ?? 0) + 1;
      last.set(kind, next);
      return next;
    };
    for (
      const machine of generateMachines(options.machines ?? 0, seed, {
        site: this.site,
        nextId: this.nextId,
      })
    ) {
      this.machines.set(machine.data.system_id, machine);
    }
  }

  /** Add a user; the caller checks that the name is free. */
  addUser(user: Omit<SimUser, "id">): SimUser {
    const created = { id: this.nextId("user"), ...user };
    this.users.set(created.username, created);
    return created;
  }

  /** Remove a user with their tokens and SSH keys. */
  removeUser(username: string): void {
    this.users.delete(username);
    this.#tokens = this.#tokens.filter((token) => token.username !== username);
    for (const [id, key] of this.sshKeys) if (key.username === username) this.sshKeys.delete(id);
  }

  /** Mint a new API key for a user. */
  createToken(username: string, name: string = GENERIC_CONSUMER): SimToken {
    const token: SimToken = {
      consumerKey: randomKey(18),
      tokenKey: randomKey(18),
      tokenSecret: randomKey(32),
      name,
      username,
    };
    this.#tokens.push(token);
    return token;
  }

  /** Register a key given in full (the `adminApiKey` option). */
  addToken(token: SimToken): void {
    this.#tokens.push(token);
  }

  /** A user's tokens, oldest first. */
  tokensOf(username: string): SimToken[] {
    return this.#tokens.filter((token) => token.username === username);
  }

  /** The token with this key, if any. */
  findToken(tokenKey: string): SimToken | undefined {
    return this.#tokens.find((token) => token.tokenKey === tokenKey);
  }

  /** Whether a consumer with this key exists. */
  hasConsumer(consumerKey: string): boolean {
    return this.#tokens.some((token) => token.consumerKey === consumerKey);
  }

  /** Delete a token and its consumer. */
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

  /** A system_id no machine has. */
  newSystemId(): string {
    let id: string;
    do id = this.random.string("abcdefghijklmnopqrstuvwxyz0123456789", 6); while (
      this.machines.has(id)
    );
    return id;
  }

  /**
   * Run `task` after `ms` milliseconds unless the simulator closes first. Life-cycle steps use this
   * so that closing the simulator leaves no timer behind.
   */
  schedule(ms: number, task: () => void): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
    }, ms);
    this.#timers.add(timer);
  }

  /** Cancel every scheduled task and refuse new ones (called by `MaasSimulator.close`). */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

function randomKey(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  // 62 does not divide 256, but the slight bias does not matter for test credentials.
  for (const byte of bytes) out += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return out;
}
