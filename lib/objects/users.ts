/**
 * Accounts: users, the current user's API tokens, SSH keys and SSL keys.
 *
 * @module
 */

import { Credentials } from "../auth.ts";
import { ParameterError, ProtocolError } from "../errors.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
} from "./base.ts";

/**
 * A MAAS user. Users cannot be edited through the API; an administrator can create and delete
 * them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function admins(client: Client) {
 *   return (await client.users.list()).filter((user) => user.isSuperuser);
 * }
 * ```
 */
export class User extends MaasObject {
  /** Login name (the key of a user). */
  declare readonly username: string;
  /** E-mail address. */
  declare readonly email: string;
  /** Whether the user is an administrator. */
  declare readonly isSuperuser: boolean;
  /** Whether the user is managed by MAAS itself rather than external authentication. */
  declare readonly isLocal: boolean;
  /** How many SSH keys the user has (sent by `whoami` and recent servers). */
  declare readonly sshkeysCount: number | undefined;

  /** `users/{username}/`. */
  get resourcePath(): string {
    return apiPath`users/${this.username}/`;
  }

  /** `User admin (admin)`. */
  toString(): string {
    return `User ${this.username}${this.isSuperuser ? " (admin)" : ""}`;
  }

  /**
   * Deletes the user. MAAS refuses when the user owns resources unless
   * `transferResourcesTo` names a user to give them to.
   */
  override async delete(
    options: CallOptions & { transferResourcesTo?: string } = {},
  ): Promise<void> {
    const { transferResourcesTo, ...call } = optionsOf(options);
    await this.call(
      "DELETE",
      null,
      transferResourcesTo ? { transfer_resources_to: transferResourcesTo } : undefined,
      call,
    );
  }
}
defineFields(User, {
  username: "username",
  email: "email",
  isSuperuser: "is_superuser",
  isLocal: "is_local",
  sshkeysCount: "sshkeys_count",
});

/** What a new user needs. */
export interface CreateUserOptions extends CallOptions {
  /** Login name. */
  username: string;
  /** E-mail address. */
  email: string;
  /** Password. */
  password: string;
  /** Make the user an administrator (default false). */
  isSuperuser?: boolean;
}

/**
 * `client.users`: list, read, create and the current user.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function me(client: Client): Promise<string> {
 *   return (await client.users.whoami()).username;
 * }
 * ```
 */
export class Users extends Namespace {
  /** Every user. */
  async list(options?: CallOptions): Promise<User[]> {
    const data = await this.context.call("GET", "users/", options);
    return expectList(data, "users").map((item) => new User(this.context, item));
  }

  /** One user by username; a missing one raises `NotFoundError`. */
  async get(username: string, options?: CallOptions): Promise<User> {
    required(username, "username", "string");
    const data = await this.context.call("GET", apiPath`users/${username}/`, options);
    return new User(this.context, expectObject(data, "a user"));
  }

  /** The user the client is signed in as: the cheap way to check that a key works. */
  async whoami(options?: CallOptions): Promise<User> {
    const data = await this.context.call("GET", "users/", { op: "whoami", ...options });
    return new User(this.context, expectObject(data, "a user"));
  }

  /** Creates a user (administrators only). */
  async create(options: CreateUserOptions): Promise<User> {
    const { username, email, password, isSuperuser, ...call } = optionsOf(options);
    required(username, "username", "string");
    required(email, "email", "string");
    required(password, "password", "string");
    if (isSuperuser !== undefined && typeof isSuperuser !== "boolean") {
      throw new ParameterError(
        `Parameter "isSuperuser" must be a boolean, got ${describe(isSuperuser)}`,
      );
    }
    const data = await this.context.call("POST", "users/", {
      // MAAS reads this one flag as 0/1 and fails on true/false.
      params: { username, email, password, is_superuser: isSuperuser ? "1" : "0" },
      ...call,
    });
    return new User(this.context, expectObject(data, "a user"));
  }
}

/** An API token of the current user with its name. */
export interface NamedCredentials {
  /** The token's name (the OAuth consumer name). */
  name: string;
  /** The API key. */
  credentials: Credentials;
}

/**
 * `client.account`: the API tokens of the current user.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rotate(client: Client) {
 *   const { credentials } = await client.account.createCredentials({ name: "ci" });
 *   return credentials;
 * }
 * ```
 */
export class Account extends Namespace {
  /** Creates a new API key for the current user. */
  async createCredentials(
    options: CallOptions & { name?: string } = {},
  ): Promise<NamedCredentials> {
    const { name, ...call } = optionsOf(options);
    const data = expectObject(
      await this.context.call("POST", "account/", {
        op: "create_authorisation_token",
        params: name ? { name } : {},
        ...call,
      }),
      "a token",
    );
    return {
      name: String(data.name ?? ""),
      credentials: new Credentials(
        String(data.consumer_key),
        String(data.token_key),
        String(data.token_secret),
      ),
    };
  }

  /** The current user's API keys. */
  async listCredentials(options?: CallOptions): Promise<NamedCredentials[]> {
    const data = await this.context.call("GET", "account/", {
      op: "list_authorisation_tokens",
      ...options,
    });
    return expectList(data, "tokens").map((item) => {
      if (typeof item.token !== "string") {
        throw new ProtocolError("A token in the list has no key text");
      }
      return { name: String(item.name ?? ""), credentials: Credentials.parse(item.token) };
    });
  }

  /** Deletes an API key (given as credentials or by its token key). */
  async deleteCredentials(
    credentials: Credentials | string,
    options?: CallOptions,
  ): Promise<void> {
    await this.context.call("POST", "account/", {
      op: "delete_authorisation_token",
      params: { token_key: tokenKeyOf(credentials) },
      ...options,
    });
  }

  /** Renames an API key. */
  async renameCredentials(
    credentials: Credentials | string,
    name: string,
    options?: CallOptions,
  ): Promise<void> {
    required(name, "name", "string");
    await this.context.call("POST", "account/", {
      op: "update_token_name",
      params: { token: tokenKeyOf(credentials), name },
      ...options,
    });
  }
}

function tokenKeyOf(credentials: Credentials | string): string {
  if (credentials instanceof Credentials) return credentials.tokenKey;
  if (typeof credentials === "string" && credentials !== "") {
    return credentials.includes(":") ? Credentials.parse(credentials).tokenKey : credentials;
  }
  throw new ParameterError("Give the API key as Credentials or its token key");
}

/**
 * A public SSH key of the current user, installed on the machines they deploy.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function keys(client: Client) {
 *   for (const key of await client.sshKeys.list()) console.log(key.id, key.keysource);
 * }
 * ```
 */
export class SSHKey extends MaasObject {
  /** Key id. */
  declare readonly id: number;
  /** The whole public key text. */
  declare readonly key: string;
  /** Where the key was imported from (`lp:user`, `gh:user`); empty or null for a key added by hand. */
  declare readonly keysource: string | null;

  /** `account/prefs/sshkeys/{id}/`. */
  get resourcePath(): string {
    return apiPath`account/prefs/sshkeys/${this.id}/`;
  }

  /** `SSHKey 3 ssh-ed25519 …comment`. */
  toString(): string {
    const parts = String(this.key ?? "").split(/\s+/);
    return `SSHKey ${this.id} ${parts[0] ?? ""}${parts[2] ? " " + parts.slice(2).join(" ") : ""}`;
  }
}
defineFields(SSHKey, { id: "id", key: "key", keysource: "keysource" });

/**
 * `client.sshKeys`: the current user's SSH keys.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function add(client: Client, publicKey: string) {
 *   return await client.sshKeys.create(publicKey);
 * }
 * ```
 */
export class SSHKeys extends Namespace {
  /** Every SSH key of the current user. */
  async list(options?: CallOptions): Promise<SSHKey[]> {
    const data = await this.context.call("GET", "account/prefs/sshkeys/", options);
    return expectList(data, "SSH keys").map((item) => new SSHKey(this.context, item));
  }

  /** One key by id. */
  async get(id: number, options?: CallOptions): Promise<SSHKey> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`account/prefs/sshkeys/${id}/`, options);
    return new SSHKey(this.context, expectObject(data, "an SSH key"));
  }

  /** Adds a public key (the text of an `id_*.pub` file). */
  async create(key: string, options?: CallOptions): Promise<SSHKey> {
    required(key, "key", "string");
    const data = await this.context.call("POST", "account/prefs/sshkeys/", {
      params: { key: key.trim() },
      ...options,
    });
    return new SSHKey(this.context, expectObject(data, "an SSH key"));
  }

  /**
   * Imports keys from Launchpad or GitHub: `lp:USER` or `gh:USER` (a bare `USER` means
   * Launchpad). Returns every key of that source, new and already imported.
   */
  async import(keysource: string, options?: CallOptions): Promise<SSHKey[]> {
    required(keysource, "keysource", "string");
    if (!/^((lp|gh):)?[^\s:]+$/.test(keysource)) {
      throw new ParameterError(
        `keysource must be lp:USER (Launchpad) or gh:USER (GitHub), got ${
          JSON.stringify(keysource)
        }`,
      );
    }
    const data = await this.context.call("POST", "account/prefs/sshkeys/", {
      op: "import",
      params: { keysource },
      ...options,
    });
    return expectList(data, "SSH keys").map((item) => new SSHKey(this.context, item));
  }
}

/**
 * An SSL key of the current user.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function count(client: Client): Promise<number> {
 *   return (await client.sslKeys.list()).length;
 * }
 * ```
 */
export class SSLKey extends MaasObject {
  /** Key id. */
  declare readonly id: number;
  /** The key text. */
  declare readonly key: string;

  /** `account/prefs/sslkeys/{id}/`. */
  get resourcePath(): string {
    return apiPath`account/prefs/sslkeys/${this.id}/`;
  }

  /** `SSLKey 2`. */
  toString(): string {
    return `SSLKey ${this.id}`;
  }
}
defineFields(SSLKey, { id: "id", key: "key" });

/**
 * `client.sslKeys`: the current user's SSL keys.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function add(client: Client, pem: string) {
 *   return await client.sslKeys.create(pem);
 * }
 * ```
 */
export class SSLKeys extends Namespace {
  /** Every SSL key of the current user. */
  async list(options?: CallOptions): Promise<SSLKey[]> {
    const data = await this.context.call("GET", "account/prefs/sslkeys/", options);
    return expectList(data, "SSL keys").map((item) => new SSLKey(this.context, item));
  }

  /** One key by id. */
  async get(id: number, options?: CallOptions): Promise<SSLKey> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`account/prefs/sslkeys/${id}/`, options);
    return new SSLKey(this.context, expectObject(data, "an SSL key"));
  }

  /** Adds a key (PEM text). */
  async create(key: string, options?: CallOptions): Promise<SSLKey> {
    required(key, "key", "string");
    const data = await this.context.call("POST", "account/prefs/sslkeys/", {
      params: { key },
      ...options,
    });
    return new SSLKey(this.context, expectObject(data, "an SSL key"));
  }
}
