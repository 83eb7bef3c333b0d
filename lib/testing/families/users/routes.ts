/**
 * Users and accounts: `users/`, `users/{username}/`, `account/` (the caller's API keys),
 * `account/prefs/sshkeys/` (with `op=import`) and `account/prefs/sslkeys/`.
 *
 * The simulator cannot reach Launchpad or GitHub, so an SSH key import makes keys of its own: the
 * same two Ed25519 keys for the same `lp:NAME` or `gh:NAME` every time, in any simulator. A name
 * that cannot be a Launchpad or GitHub login answers as MAAS does for a user that does not exist.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createHash, X509Certificate } from "node:crypto";
import {
  extractBool,
  FormErrors,
  getMandatoryParam,
  getOptionalParam,
  REQUIRED,
} from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { GENERIC_CONSUMER, type SimSSHKey, type SimSSLKey, type SimUser } from "./model.ts";
import { sshKeyJson, sslKeyJson, tokenJson, userJson } from "./render.ts";

/**
 * Adds a user, who joins their default user group at once (`Administrators` or `Users`), as
 * MAAS's user creation does; the caller checks that the name is free.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { addUser } from "./routes.ts";
 * const state = new SimulatorState();
 * const user = addUser(state, {
 *   username: "alice", email: "a@example.com", password: "pw", isSuperuser: false, isActive: true,
 * });
 * console.log(state.userGroups.named("Users")?.memberIds.includes(user.id)); // true
 * ```
 */
export function addUser(state: SimulatorState, fields: Omit<SimUser, "id">): SimUser {
  const user = state.users.add(fields);
  state.userGroups.admit(user);
  return user;
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

const LAUNCHPAD_NAME = /^[a-z0-9][a-z0-9+.-]*$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const USERNAME = /^[\w.@+-]{1,150}$/;

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

/** MAAS's SSHKeyForm: a valid key the owner does not have yet, or a 400 of field errors. */
function sshKeyForm(state: SimulatorState, owner: SimUser, sent: string | undefined): string {
  const key = sent?.trim() ?? "";
  const errors = new FormErrors();
  if (key === "") {
    errors.add("key", REQUIRED);
  } else {
    const problem = sshKeyProblem(key);
    if (problem) errors.add("key", `Invalid SSH public key: ${problem}`);
    else if (
      [...state.users.sshKeys.values()].some((k) => k.userId === owner.id && k.key === key)
    ) {
      errors.add("__all__", "This key has already been added for this user.");
    }
  }
  errors.throwIfAny();
  return key;
}

function addSSHKey(state: SimulatorState, owner: SimUser, key: string, keysource = ""): SimSSHKey {
  const created = { id: state.users.nextKeyId("sshkey"), userId: owner.id, key, keysource };
  state.users.sshKeys.set(created.id, created);
  return created;
}

/**
 * The keys a Launchpad or GitHub user "has": two Ed25519 public keys derived from the key source,
 * so that every simulator imports the same ones.
 *
 * @example
 * ```ts
 * import { importedKeys } from "./routes.ts";
 * const [first] = importedKeys("lp", "alice");
 * console.log(first.startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5")); // true
 * ```
 */
export function importedKeys(protocol: "lp" | "gh", authId: string): string[] {
  return [1, 2].map((n) => {
    const raw = createHash("sha256").update(`${protocol}:${authId}:${n}`).digest();
    const field = (bytes: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return Buffer.concat([length, bytes]);
    };
    const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(raw)]).toString("base64");
    // Launchpad keeps the comment users gave their keys; GitHub's API drops it.
    return protocol === "lp"
      ? `ssh-ed25519 ${blob} ${authId}@workstation-${n}`
      : `ssh-ed25519 ${blob}`;
  });
}

/** Whether `pem` holds a certificate OpenSSL can load, as MAAS checks with pyOpenSSL. */
function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

function findKey<K extends { id: number }>(keys: Map<number, K>, id: string, thing: string): K {
  const key = /^\d+$/.test(id) ? keys.get(Number(id)) : undefined;
  if (!key) throw ReplyError.notFound(thing);
  return key;
}

function canEditIdentities(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_identities");
}

function byUsername(a: SimUser, b: SimUser): number {
  return a.username < b.username ? -1 : a.username > b.username ? 1 : 0;
}

/**
 * Register `users/`, `users/{username}/`, `account/`, `account/prefs/sshkeys/`,
 * `account/prefs/sshkeys/{id}/`, `account/prefs/sslkeys/` and `account/prefs/sslkeys/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerUsers } from "./routes.ts";
 * registerUsers(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerUsers(table: RouteTable): void {
  table.resource({
    path: "users/",
    auth: {
      name: "UsersHandler",
      doc: "The user accounts of this MAAS.",
      actions: {
        "GET read": {
          doc: "List every user, sorted by username.",
          run: ({ state, line }) =>
            json([...state.users.values()].sort(byUsername).map((user) => userJson(line, user))),
        },
        "GET whoami": {
          doc: "Describe the user whose API key signed the request.",
          run: ({ user, line }) => json(userJson(line, user)),
        },
        "POST create": {
          doc: "Create a user (administrators only). An administrator created with `key` gets " +
            "that SSH key too.\n\n" +
            ":param username: Required. The login name: letters, digits and @ . + - _.\n" +
            ":param email: Required. The user's e-mail address.\n" +
            ":param password: Required. The user's password.\n" +
            ":param is_superuser: Required. 1 for an administrator, 0 otherwise (nothing else).\n" +
            ":type is_superuser: Boolean",
          run: (ctx) => {
            canEditIdentities(ctx);
            const { data, state, line } = ctx;
            const username = getMandatoryParam(data, "username");
            const email = getMandatoryParam(data, "email");
            const password = getMandatoryParam(data, "password");
            const isSuperuser = extractBool(getMandatoryParam(data, "is_superuser"));
            const errors = new FormErrors();
            if (!USERNAME.test(username)) {
              errors.add(
                "username",
                "Enter a valid username. This value may contain only letters, numbers, and " +
                  "@/./+/-/_ characters.",
              );
            } else if (state.users.has(username)) {
              errors.add("username", "A user with that username already exists.");
            }
            errors.throwIfAny();
            const key = data.get("key");
            const user = addUser(state, { username, email, password, isSuperuser, isActive: true });
            if (isSuperuser && key !== undefined) {
              addSSHKey(state, user, sshKeyForm(state, user, key));
            }
            return json(userJson(line, user));
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
        "GET read": {
          doc: "Read a user.",
          run: ({ state, params, line }) => {
            const user = state.users.get(params.username);
            if (!user) throw ReplyError.notFound("User");
            return json(userJson(line, user));
          },
        },
        "DELETE delete": {
          doc: "Delete a user (administrators only) with their API keys, SSH and SSL keys and " +
            "files. A user who still owns machines cannot be deleted unless they go to someone " +
            "else.\n\n" +
            ":param transfer_resources_to: Optional. The user who takes over the machines the " +
            "deleted user owns.",
          run: (ctx) => {
            canEditIdentities(ctx);
            const { state, params, query, user: caller } = ctx;
            if (caller.username === params.username) {
              throw ReplyError.badRequest("An administrator cannot self-delete.");
            }
            const user = state.users.get(params.username);
            if (!user) return deleted();
            const heir = query.get("transfer_resources_to");
            const owned = [...state.machines.values()].filter((m) =>
              m.data.owner === user.username
            );
            if (heir) {
              if (!state.users.has(heir)) throw ReplyError.notFound("User");
              for (const machine of owned) machine.data.owner = heir;
            } else if (owned.length > 0) {
              throw ReplyError.badRequest(
                `User ${user.username} cannot be deleted: ${owned.length} node(s) are still allocated`,
              );
            }
            state.files.removeOwnedBy(user.id);
            state.userGroups.forget(user.id);
            state.users.remove(user.username);
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
                state.users.tokensOf(user.username).map((token) => ({
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
          doc: "Create an API key for the caller.\n\n" +
            ":param name: Optional. A name for the key's consumer (`MAAS consumer` when left out).",
          run: ({ state, user, data }) =>
            json(tokenJson(
              state.users.createToken(user.id, getOptionalParam(data, "name", GENERIC_CONSUMER)),
            )),
        },
        "POST delete_authorisation_token": {
          doc: "Delete one of the caller's API keys.\n\n" +
            ":param token_key: Required. The token key of the API key to delete.",
          run: ({ state, user, data }) => {
            const tokenKey = getMandatoryParam(data, "token_key");
            const token = state.users.findToken(tokenKey);
            if (!token || token.userId !== user.id) throw ReplyError.notFound("Token");
            state.users.deleteToken(tokenKey);
            return deleted();
          },
        },
        "POST update_token_name": {
          doc: "Rename the consumer of one of the caller's API keys.\n\n" +
            ":param token: Required. The whole API key, or its token key.\n" +
            ":param name: Required. The consumer's new name.",
          run: ({ state, user, data }) => {
            const given = getMandatoryParam(data, "token");
            const parts = given.split(":");
            const tokenKey = parts.length === 3 ? parts[1] : given;
            const name = getMandatoryParam(data, "name");
            const token = state.users.findToken(tokenKey);
            if (!token || token.userId !== user.id) throw ReplyError.notFound("Token");
            token.name = name;
            return text("Accepted", 202, HTML_TYPE);
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
        "GET read": {
          doc: "List the caller's SSH keys.",
          run: ({ state, user, line }) =>
            json(
              [...state.users.sshKeys.values()]
                .filter((key) => key.userId === user.id)
                .map((key) => sshKeyJson(line, key)),
            ),
        },
        "POST create": {
          doc:
            "Add an SSH key to the caller's account (or, for an administrator, to `user`'s).\n\n" +
            ":param key: Required. A public key line: its type, its base64 data and a comment.",
          run: ({ state, data, user, line }) => {
            let owner = user;
            const other = data.get("user");
            if (other !== undefined) {
              if (!user.isSuperuser) {
                throw ReplyError.badRequest(
                  "Only administrators can specify a user when creating an SSH key.",
                );
              }
              const found = state.users.get(other);
              if (!found) {
                throw ReplyError.badRequest(
                  "Supplied username does not match any current users.",
                );
              }
              owner = found;
            }
            const created = addSSHKey(state, owner, sshKeyForm(state, owner, data.get("key")));
            return json(sshKeyJson(line, created), 201);
          },
        },
        "POST import": {
          doc: "Import the caller's SSH keys from Launchpad or GitHub.\n\n" +
            ":param keysource: Required. Where from, as protocol:name (lp:alice or gh:alice); a " +
            "name alone means Launchpad.",
          run: ({ state, data, user, line }) => {
            const keysource = data.get("keysource");
            if (keysource === undefined) {
              throw ReplyError.badRequest(
                "Importing SSH keys failed. Input needs to be in protocol:auth_id or auth_id format.",
              );
            }
            const colon = keysource.indexOf(":");
            const [protocol, authId] = colon >= 0
              ? [keysource.slice(0, colon), keysource.slice(colon + 1)]
              : ["lp", keysource];
            if (protocol !== "lp" && protocol !== "gh") {
              throw ReplyError.badRequest(
                `Unknown protocol ${protocol}. Valid protocols are 'lp' and 'gh'.`,
              );
            }
            if (!(protocol === "lp" ? LAUNCHPAD_NAME : GITHUB_LOGIN).test(authId)) {
              throw ReplyError.badRequest(
                `Unable to import SSH keys. ${
                  protocol === "lp" ? "Launchpad" : "Github"
                } user ${authId} doesn't exist.`,
              );
            }
            const source = `${protocol}:${authId}`;
            const mine = [...state.users.sshKeys.values()].filter((key) => key.userId === user.id);
            const keys = importedKeys(protocol, authId).map((keyLine) =>
              mine.find((existing) => existing.key === keyLine) ??
                addSSHKey(state, user, keyLine, source)
            );
            return json(keys.map((key) => sshKeyJson(line, key)));
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
        "GET read": {
          doc: "Read an SSH key.",
          run: ({ state, params, line }) =>
            json(sshKeyJson(line, findKey(state.users.sshKeys, params.id, "SSHKey"))),
        },
        "DELETE delete": {
          doc: "Delete one of the caller's SSH keys.",
          run: ({ state, params, user }) => {
            const key = findKey(state.users.sshKeys, params.id, "SSHKey");
            if (key.userId !== user.id) {
              throw ReplyError.forbidden("Can't delete a key you don't own.");
            }
            state.users.sshKeys.delete(key.id);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "account/prefs/sslkeys/",
    auth: {
      name: "SSLKeysHandler",
      doc: "The caller's SSL keys.",
      actions: {
        "GET read": {
          doc: "List the caller's SSL keys.",
          run: ({ state, user, line }) =>
            json(
              [...state.users.sslKeys.values()]
                .filter((key) => key.userId === user.id)
                .map((key) => sslKeyJson(line, key)),
            ),
        },
        "POST create": {
          doc: "Add an SSL key to the caller's account.\n\n" +
            ":param key: Required. The content of a PEM file holding a certificate.",
          run: ({ state, data, user }) => {
            const pem = data.get("key") ?? "";
            const errors = new FormErrors();
            if (pem.trim() === "") errors.add("key", REQUIRED);
            else if (!isCertificate(pem)) errors.add("key", "Invalid SSL key.");
            else if (
              [...state.users.sslKeys.values()].some((k) => k.userId === user.id && k.key === pem)
            ) {
              errors.add("key", "This key has already been added for this user.");
            }
            errors.throwIfAny();
            const key: SimSSLKey = {
              id: state.users.nextKeyId("sslkey"),
              userId: user.id,
              key: pem,
            };
            state.users.sslKeys.set(key.id, key);
            // MAAS answers a new SSL key with its id and key only.
            return json({ id: key.id, key: key.key }, 201);
          },
        },
      },
    },
  });

  table.resource({
    path: "account/prefs/sslkeys/{id}/",
    auth: {
      name: "SSLKeyHandler",
      doc: "One SSL key, by id.",
      actions: {
        "GET read": {
          doc: "Read one of the caller's SSL keys.",
          run: ({ state, params, user, line }) => {
            const key = findKey(state.users.sslKeys, params.id, "SSLKey");
            if (key.userId !== user.id) {
              throw new ReplyError(text("Can't get a key you don't own.", 403, HTML_TYPE));
            }
            return json(sslKeyJson(line, key));
          },
        },
        "DELETE delete": {
          doc: "Delete one of the caller's SSL keys.",
          run: ({ state, params, user }) => {
            const key = findKey(state.users.sslKeys, params.id, "SSLKey");
            if (key.userId !== user.id) {
              throw ReplyError.forbidden("Can't delete a key you don't own.");
            }
            state.users.sslKeys.delete(key.id);
            return deleted();
          },
        },
      },
    },
  });
}
