/**
 * What the identity family leaves out: SSL keys (`account/prefs/sslkeys/`) and importing SSH keys
 * from Launchpad or GitHub (`POST account/prefs/sshkeys/?op=import`).
 *
 * The simulator cannot reach Launchpad or GitHub, so an import makes keys of its own: the same
 * two Ed25519 keys for the same `lp:NAME` or `gh:NAME` every time, in any simulator. A name that
 * cannot be a Launchpad or GitHub login answers as MAAS does for a user that does not exist.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createHash, X509Certificate } from "node:crypto";
import { deleted, json, MaasError, text } from "../reply.ts";
import {
  type ActionSpec,
  API_ROOT,
  type AuthContext,
  type RouteTable,
  signature,
} from "../routes.ts";
import type { SimSSHKey, SimulatorState } from "../state.ts";

/**
 * An SSL key (a PEM certificate) of a user.
 *
 * @example
 * ```ts
 * import type { SimSSLKey } from "./accounts.ts";
 * const key: SimSSLKey = { id: 1, username: "admin", key: "-----BEGIN CERTIFICATE-----\n…" };
 * ```
 */
export interface SimSSLKey {
  /** Database id. */
  id: number;
  /** Owner. */
  username: string;
  /** The PEM text as sent. */
  key: string;
}

const SSL_KEYS = new WeakMap<SimulatorState, Map<number, SimSSLKey>>();

/**
 * The SSL keys of a simulator, by id (none at first).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../state.ts";
 * import { sslKeys } from "./accounts.ts";
 * console.log(sslKeys(new SimulatorState()).size); // 0
 * ```
 */
export function sslKeys(state: SimulatorState): Map<number, SimSSLKey> {
  let keys = SSL_KEYS.get(state);
  if (!keys) SSL_KEYS.set(state, keys = new Map());
  return keys;
}

function sslKeyJson(key: SimSSLKey): Record<string, unknown> {
  return { id: key.id, key: key.key, resource_uri: `${API_ROOT}account/prefs/sslkeys/${key.id}/` };
}

function findSSLKey(ctx: AuthContext): SimSSLKey {
  const id = ctx.params.id;
  const key = /^\d+$/.test(id) ? sslKeys(ctx.state).get(Number(id)) : undefined;
  if (!key) throw MaasError.notFound("SSLKey");
  return key;
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

/**
 * The keys a Launchpad or GitHub user "has": two Ed25519 public keys derived from the key source,
 * so that every simulator imports the same ones.
 *
 * @example
 * ```ts
 * import { importedKeys } from "./accounts.ts";
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

const LAUNCHPAD_NAME = /^[a-z0-9][a-z0-9+.-]*$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const importAction: ActionSpec<AuthContext> = {
  doc: "Import the caller's SSH keys from Launchpad or GitHub.\n\n" +
    ":param keysource: Required. protocol:auth_id, such as lp:alice or gh:alice; a bare auth_id " +
    "means Launchpad.",
  run: ({ state, data, user }) => {
    const keysource = data.get("keysource");
    if (keysource === undefined) {
      throw MaasError.badRequest(
        "Importing SSH keys failed. Input needs to be in protocol:auth_id or auth_id format.",
      );
    }
    const [protocol, authId] = keysource.includes(":")
      ? [keysource.slice(0, keysource.indexOf(":")), keysource.slice(keysource.indexOf(":") + 1)]
      : ["lp", keysource];
    if (protocol !== "lp" && protocol !== "gh") {
      throw MaasError.badRequest(
        `Unknown protocol ${protocol}. Valid protocols are 'lp' and 'gh'.`,
      );
    }
    if (!(protocol === "lp" ? LAUNCHPAD_NAME : GITHUB_LOGIN).test(authId)) {
      throw MaasError.badRequest(
        `Unable to import SSH keys. ${
          protocol === "lp" ? "Launchpad" : "Github"
        } user ${authId} doesn't exist.`,
      );
    }
    const source = `${protocol}:${authId}`;
    const mine = [...state.sshKeys.values()].filter((key) => key.username === user.username);
    const result: SimSSHKey[] = [];
    for (const text of importedKeys(protocol, authId)) {
      let key = mine.find((existing) => existing.key === text);
      if (!key) {
        key = { id: state.nextId("sshkey"), username: user.username, key: text, keysource: source };
        state.sshKeys.set(key.id, key);
      }
      result.push(key);
    }
    return json(result.map((key) => ({
      id: key.id,
      key: key.key,
      keysource: key.keysource,
      resource_uri: `${API_ROOT}account/prefs/sshkeys/${key.id}/`,
    })));
  },
};

/**
 * Adds an action to a handler another family registered: the route table serves each path from
 * one resource, and `account/prefs/sshkeys/` belongs to the identity family.
 */
function addAction(table: RouteTable, path: string, key: string, action: ActionSpec<AuthContext>) {
  const handler = table.match(API_ROOT + path)?.route.auth;
  if (!handler) throw new Error(`${path} must be registered before the accounts family`);
  const [method, op] = key.split(" ");
  handler.spec.actions[key] = action;
  handler.signatures.set(signature(method, op ?? null), action);
  if (!handler.allowed.includes(method)) handler.allowed.push(method);
  handler.allowed.sort();
}

/**
 * Register `account/prefs/sslkeys/` and `account/prefs/sslkeys/{id}/`, and the `import` op of
 * `account/prefs/sshkeys/` (registered by the identity family, which must come first).
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerAccounts } from "./accounts.ts";
 * import { registerUsers } from "./users.ts";
 * const table = new RouteTable();
 * registerUsers(table);
 * registerAccounts(table);
 * ```
 */
export function registerAccounts(table: RouteTable): void {
  addAction(table, "account/prefs/sshkeys/", "POST import", importAction);

  table.resource({
    path: "account/prefs/sslkeys/",
    auth: {
      name: "SSLKeysHandler",
      doc: "The caller's SSL keys.",
      actions: {
        "GET": {
          doc: "List the caller's SSL keys.",
          run: ({ state, user }) =>
            json(
              [...sslKeys(state).values()]
                .filter((key) => key.username === user.username)
                .map(sslKeyJson),
            ),
        },
        "POST": {
          doc: "Add an SSL key.\n\n:param key: Required. The content of a PEM file.",
          run: ({ state, data, user }) => {
            const pem = data.get("key") ?? "";
            if (pem.trim() === "") throw MaasError.invalid({ key: ["This field is required."] });
            if (!isCertificate(pem)) throw MaasError.invalid({ key: ["Invalid SSL key."] });
            const keys = sslKeys(state);
            const duplicate = [...keys.values()].some((key) =>
              key.username === user.username && key.key === pem
            );
            if (duplicate) {
              throw MaasError.invalid({ key: ["This key has already been added for this user."] });
            }
            const key: SimSSLKey = {
              id: state.nextId("sslkey"),
              username: user.username,
              key: pem,
            };
            keys.set(key.id, key);
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
        "GET": {
          doc: "Read one of the caller's SSL keys.",
          run: (ctx) => {
            const key = findSSLKey(ctx);
            if (key.username !== ctx.user.username) {
              throw new MaasError(
                text("Can't get a key you don't own.", 403, "text/html; charset=utf-8"),
              );
            }
            return json(sslKeyJson(key));
          },
        },
        "DELETE": {
          doc: "Delete one of the caller's SSL keys.",
          run: (ctx) => {
            const key = findSSLKey(ctx);
            if (key.username !== ctx.user.username) {
              throw MaasError.forbidden("Can't delete a key you don't own.");
            }
            sslKeys(ctx.state).delete(key.id);
            return deleted();
          },
        },
      },
    },
  });
}
