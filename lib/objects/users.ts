/**
 * Users: listing, reading, creating and deleting MAAS users, and the current user (`whoami`).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function me(client: Client): Promise<string> {
 *   return (await client.users.whoami()).username;
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { ZERO_ONE } from "./codecs.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** What a new user needs. */
export interface CreateUserOptions extends ExtraParams {
  /** Login name. */
  username: string;
  /** E-mail address. */
  email: string;
  /** Password. */
  password: string;
  /** Make the user an administrator (default false). */
  isSuperuser?: boolean;
  /**
   * A public SSH key (`ssh-ed25519 AAAA… comment`) added to the new user's account in the same
   * call. MAAS adds it for administrators only: for other users it is ignored.
   */
  key?: string;
}

/** What deleting a user takes. */
export interface DeleteUserOptions extends ExtraParams {
  /** A user to give the deleted user's resources (machines, files…); MAAS refuses without one when there are any. */
  transferResourcesTo?: string;
}

// Creating an administrator with `key` makes MAAS run its SSH key handler on the same request,
// which also reads `user`: the key would then go to that other user, not the new administrator.
const KEY_FOR_ANOTHER_USER =
  "read only by the SSH key handler that MAAS runs for `key`, where it would give the new " +
  "administrator's key to another user; `client.sshKeys.create(key, { user })` does that plainly";

/** The users family: `users/` and `users/{username}/`. */
export const USERS = family({
  name: "users",
  handlers: { UsersHandler: "users/", UserHandler: "users/{username}/" },
  pathParams: { username: "string" },
  fields: {
    username: { wire: "username", kind: "string" },
    email: { wire: "email", kind: "string" },
    isSuperuser: { wire: "is_superuser", kind: "boolean" },
    isLocal: { wire: "is_local", kind: "boolean" },
    sshkeysCount: { wire: "sshkeys_count", kind: "integer" },
  },
  ops: {
    list: op({ handler: "UsersHandler", method: "GET", typed: ["client.users.list()"] }),
    whoami: op({
      handler: "UsersHandler",
      method: "GET",
      op: "whoami",
      typed: ["client.users.whoami()", "client.isValid()"],
    }),
    create: op<CreateUserOptions>({
      handler: "UsersHandler",
      method: "POST",
      typed: ["client.users.create()"],
      params: {
        username: { wire: "username", kind: "string", required: true },
        email: { wire: "email", kind: "string", required: true },
        password: { wire: "password", kind: "string", required: true },
        isSuperuser: { wire: "is_superuser", kind: ZERO_ONE },
        key: { wire: "key", kind: "string" },
      },
    }),
    read: op({
      handler: "UserHandler",
      method: "GET",
      typed: ["client.users.get()", "user.refresh()"],
    }),
    delete: op<DeleteUserOptions>({
      handler: "UserHandler",
      method: "DELETE",
      typed: ["user.delete()"],
      params: { transferResourcesTo: { wire: "transfer_resources_to", kind: "string" } },
    }),
  },
  untyped: {
    "UsersHandler POST create user": KEY_FOR_ANOTHER_USER,
  },
});

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
    return pathOf(USERS.ops.read.path, this.data);
  }

  /** `User admin (admin)`. */
  toString(): string {
    return `User ${this.username}${this.isSuperuser ? " (admin)" : ""}`;
  }

  /**
   * Deletes the user. MAAS refuses when the user owns resources unless
   * `transferResourcesTo` names a user to give them to.
   */
  override async delete(params?: DeleteUserOptions, options?: CallOptions): Promise<void> {
    await super.delete(params, options);
  }
}
defineObject(User, USERS.fields, { read: USERS.ops.read, delete: USERS.ops.delete });

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<User[]> {
    return await listOf(this.context, USERS.ops.list, User, "users", { params, call: options });
  }

  /** One user by username; a missing one raises `NotFoundError`. */
  async get(username: string, params?: ExtraParams, options?: CallOptions): Promise<User> {
    return await oneOf(this.context, USERS.ops.read, User, "a user", {
      path: { username },
      params,
      call: options,
    });
  }

  /** The user the client is signed in as: the cheap way to check that a key works. */
  async whoami(params?: ExtraParams, options?: CallOptions): Promise<User> {
    return await oneOf(this.context, USERS.ops.whoami, User, "a user", { params, call: options });
  }

  /** Creates a user (administrators only). */
  async create(params: CreateUserOptions, options?: CallOptions): Promise<User> {
    return await oneOf(this.context, USERS.ops.create, User, "a user", {
      params,
      // MAAS requires the flag.
      defaults: { isSuperuser: false },
      call: options,
    });
  }
}
