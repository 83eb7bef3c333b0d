/**
 * Identity: `users/`, `users/{username}/`, `account/` (API keys) and `account/prefs/sshkeys/`.
 *
 * @module
 */

import { deleted, json, MaasError, missingParam, text } from "../reply.ts";
import type { AuthContext, RouteTable } from "../routes.ts";
import { GENERIC_CONSUMER, type SimSSHKey, type SimUser } from "../state.ts";

const API = "/MAAS/api/2.0/";

/**
 * A user as `users/` renders one.
 *
 * @example
 * ```ts
 * import { userJson } from "./users.ts";
 * const view = userJson({
 *   id: 1, username: "admin", email: "a@example.com", password: "x", isSuperuser: true, isActive: true,
 * });
 * console.log(view.resource_uri); // "/MAAS/api/2.0/users/admin/"
 * ```
 */
export function userJson(user: SimUser): Record<string, unknown> {
  return {
    is_superuser: user.isSuperuser,
    username: user.username,
    email: user.email,
    is_local: true,
    resource_uri: `${API}users/${encodeURIComponent(user.username)}/`,
  };
}

function sshKeyJson(key: SimSSHKey): Record<string, unknown> {
  return {
    id: key.id,
    key: key.key,
    keysource: key.keysource,
    resource_uri: `${API}account/prefs/sshkeys/${key.id}/`,
  };
}

const KEY_TYPES = new Set([
  "ssh-rsa",
  "ssh-dss",
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);

/** Why `key` is not a usable OpenSSH public key line, or null when it looks like one. */
function sshKeyProblem(key: string): string | null {
  const [type, blob] = key.trim().split(/\s+/);
  if (!type || !blob) {
    return "Key should contain 2 or more space separated parts (key type, base64-encoded key, optional comments), not 1";
  }
  if (!KEY_TYPES.has(type)) {
    return `Key type ${type} not recognised; it should be one of: ${[...KEY_TYPES].join(", ")}`;
  }
  if (!/^AAAA[A-Za-z0-9+/]*={0,2}$/.test(blob)) {
    return "Key data is not valid base64-encoded OpenSSH public key data";
  }
  return null;
}

/** MAAS reads this flag with `extract_bool`, which knows only "0" and "1" and fails with a 500. */
function extractBool(value: string): boolean {
  if (value === "0") return false;
  if (value === "1") return true;
  throw new MaasError(text(`Not a valid Boolean value (0 or 1): '${value}'`, 500));
}

function canEditIdentities(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_identities");
}

/**
 * Register `users/`, `users/{username}/`, `account/`, `account/prefs/sshkeys/` and
 * `account/prefs/sshkeys/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerUsers } from "./users.ts";
 * const table = new RouteTable();
 * registerUsers(table);
 * ```
 */
export function registerUsers(table: RouteTable): void {
  table.resource({
    path: "users/",
    auth: {
      name: "UsersHandler",
      doc: "The user accounts of this MAAS.",
      actions: {
        "GET": {
          doc: "List every user, sorted by username.",
          run: ({ state }) =>
            json(
              [...state.users.values()]
                .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
                .map(userJson),
            ),
        },
        "GET whoami": {
          doc: "Describe the user whose API key signed the request.",
          run: ({ user }) => json(userJson(user)),
        },
        "POST": {
          doc: "Create a user (administrators only).\n\n" +
            ":param username: Required. Login name.\n:param email: Required. E-mail address.\n" +
            ":param password: Required. Password.\n" +
            ":param is_superuser: Required. 1 for an administrator, 0 otherwise (nothing else).",
          run: (ctx) => {
            canEditIdentities(ctx);
            const { data, state } = ctx;
            const username = data.get("username");
            if (username === undefined) throw missingParam("username");
            const email = data.get("email");
            if (email === undefined) throw missingParam("email");
            const password = data.get("password");
            if (password === undefined) throw missingParam("password");
            const superuser = data.get("is_superuser");
            if (superuser === undefined) throw missingParam("is_superuser");
            const isSuperuser = extractBool(superuser);
            if (!/^[\w.@+-]{1,150}$/.test(username)) {
              throw MaasError.invalid({
                username: [
                  "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
                ],
              });
            }
            if (state.users.has(username)) {
              throw MaasError.invalid({ username: ["A user with that username already exists."] });
            }
            const user = state.addUser({ username, email, password, isSuperuser, isActive: true });
            return json(userJson(user));
          },
        },
      },
    },
  });

  table.resource({
    path: "users/{username}/",
    auth: {
      name: "UserHandler",
      doc: "One user account, named by its username.",
      actions: {
        "GET": {
          doc: "Read a user.",
          run: ({ state, params }) => {
            const user = state.users.get(params.username);
            if (!user) throw MaasError.notFound("User");
            return json(userJson(user));
          },
        },
        "DELETE": {
          doc: "Delete a user (administrators only).\n\n" +
            ":param transfer_resources_to: Optional. Username that takes over the machines the " +
            "deleted user owns.",
          run: (ctx) => {
            canEditIdentities(ctx);
            const { state, params, query, user: caller } = ctx;
            if (caller.username === params.username) {
              throw MaasError.badRequest("An administrator cannot self-delete.");
            }
            const user = state.users.get(params.username);
            if (!user) return deleted();
            const heir = query.get("transfer_resources_to");
            const owned = [...state.machines.values()].filter((m) =>
              m.data.owner === user.username
            );
            if (heir) {
              if (!state.users.has(heir)) throw MaasError.notFound("User");
              for (const machine of owned) machine.data.owner = heir;
            } else if (owned.length > 0) {
              throw MaasError.badRequest(
                `User ${user.username} cannot be deleted: ${owned.length} node(s) are still allocated`,
              );
            }
            state.removeUser(user.username);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "account/",
    auth: {
      name: "AccountHandler",
      doc: "The API keys of the user signing the request.",
      actions: {
        "GET list_authorisation_tokens": {
          doc: "List the caller's API keys as `{name, token}` with token `consumer:key:secret`.",
          run: ({ state, user }) =>
            // MAAS pretty-prints this one answer.
            text(
              JSON.stringify(
                state.tokensOf(user.username).map((token) => ({
                  name: token.name,
                  token: `${token.consumerKey}:${token.tokenKey}:${token.tokenSecret}`,
                })),
                null,
                4,
              ),
              200,
              "application/json; charset=utf-8",
            ),
        },
        "POST create_authorisation_token": {
          doc: "Create an API key.\n\n:param name: Optional. A name for the key's consumer.",
          run: ({ state, user, data }) => {
            const token = state.createToken(user.username, data.get("name") ?? GENERIC_CONSUMER);
            return json({
              token_key: token.tokenKey,
              token_secret: token.tokenSecret,
              consumer_key: token.consumerKey,
              name: token.name,
            });
          },
        },
        "POST delete_authorisation_token": {
          doc:
            "Delete one of the caller's API keys.\n\n:param token_key: Required. The key to delete.",
          run: ({ state, user, data }) => {
            const tokenKey = data.get("token_key");
            if (tokenKey === undefined) throw missingParam("token_key");
            const token = state.findToken(tokenKey);
            if (!token || token.username !== user.username) throw MaasError.notFound("Token");
            state.deleteToken(tokenKey);
            return deleted();
          },
        },
        "POST update_token_name": {
          doc: "Rename the consumer of one of the caller's API keys.\n\n" +
            ":param token: Required. The whole key, or its token key.\n:param name: Required. New name.",
          run: ({ state, user, data }) => {
            const given = data.get("token");
            if (given === undefined) throw missingParam("token");
            const parts = given.split(":");
            const tokenKey = parts.length === 3 ? parts[1] : given;
            const name = data.get("name");
            if (name === undefined) throw missingParam("name");
            const token = state.findToken(tokenKey);
            if (!token || token.username !== user.username) throw MaasError.notFound("Token");
            token.name = name;
            return text("Accepted", 202, "text/html; charset=utf-8");
          },
        },
      },
    },
  });

  table.resource({
    path: "account/prefs/sshkeys/",
    auth: {
      name: "SSHKeysHandler",
      doc: "The caller's public SSH keys.",
      actions: {
        "GET": {
          doc: "List the caller's SSH keys.",
          run: ({ state, user }) =>
            json(
              [...state.sshKeys.values()].filter((key) => key.username === user.username).map(
                sshKeyJson,
              ),
            ),
        },
        "POST": {
          doc:
            "Add an SSH key.\n\n:param key: Required. A public key line: type, base64 data, comment.\n" +
            ":param user: Optional, administrators only. Add the key to this user instead.",
          run: (ctx) => {
            const { state, data, user } = ctx;
            let owner = user;
            const other = data.get("user");
            if (other !== undefined) {
              if (!user.isSuperuser) {
                throw MaasError.badRequest(
                  "Only administrators can specify a user when creating an SSH key.",
                );
              }
              const found = state.users.get(other);
              if (!found) {
                throw MaasError.badRequest("Supplied username does not match any current users.");
              }
              owner = found;
            }
            const key = data.get("key")?.trim() ?? "";
            if (key === "") throw MaasError.invalid({ key: ["This field is required."] });
            const problem = sshKeyProblem(key);
            if (problem) throw MaasError.invalid({ key: [`Invalid SSH public key: ${problem}`] });
            const duplicate = [...state.sshKeys.values()].some((existing) =>
              existing.username === owner.username && existing.key === key
            );
            if (duplicate) {
              throw MaasError.invalid({
                __all__: ["This key has already been added for this user."],
              });
            }
            const created: SimSSHKey = {
              id: state.nextId("sshkey"),
              username: owner.username,
              key,
              keysource: "",
            };
            state.sshKeys.set(created.id, created);
            return json(sshKeyJson(created), 201);
          },
        },
      },
    },
  });

  table.resource({
    path: "account/prefs/sshkeys/{id}/",
    auth: {
      name: "SSHKeyHandler",
      doc: "One SSH key, by id.",
      actions: {
        "GET": {
          doc: "Read an SSH key.",
          run: ({ state, params }) => json(sshKeyJson(findKey(state.sshKeys, params.id))),
        },
        "DELETE": {
          doc: "Delete one of the caller's SSH keys.",
          run: ({ state, params, user }) => {
            const key = findKey(state.sshKeys, params.id);
            if (key.username !== user.username) {
              throw MaasError.forbidden("Can't delete a key you don't own.");
            }
            state.sshKeys.delete(key.id);
            return deleted();
          },
        },
      },
    },
  });
}

function findKey(keys: Map<number, SimSSHKey>, id: string): SimSSHKey {
  const key = /^\d+$/.test(id) ? keys.get(Number(id)) : undefined;
  if (!key) throw MaasError.notFound("SSHKey");
  return key;
}
