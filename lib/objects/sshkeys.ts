/**
 * SSH keys: the public keys MAAS installs on the machines a user deploys, added by hand or
 * imported from Launchpad or GitHub.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function keys(client: Client) {
 *   for (const key of await client.sshKeys.list()) console.log(key.id, key.keysource);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** What adding an SSH key takes besides the key. */
export interface CreateSSHKeyOptions extends ExtraParams {
  /** Administrators only: the user to add the key for (default: the current user). */
  user?: string;
}

// Checked here so that a typo gives a clear message before MAAS tries to fetch from nowhere.
const KEYSOURCE: Codec = {
  takes: "lp:USER (Launchpad) or gh:USER (GitHub)",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value !== "string" || !/^((lp|gh):)?[^\s:]+$/.test(value)) {
      throw new ParameterError(
        `${option} must be lp:USER (Launchpad) or gh:USER (GitHub), got ${
          typeof value === "string" ? JSON.stringify(value) : describe(value)
        }`,
      );
    }
    return value;
  },
};

/** The SSH keys family: `account/prefs/sshkeys/` and one key by id. */
export const SSH_KEYS = family({
  name: "sshKeys",
  handlers: {
    SSHKeysHandler: "account/prefs/sshkeys/",
    SSHKeyHandler: "account/prefs/sshkeys/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    key: { wire: "key", kind: "string" },
    keysource: { wire: "keysource", kind: "string" },
  },
  ops: {
    list: op({ handler: "SSHKeysHandler", method: "GET", typed: ["client.sshKeys.list()"] }),
    create: op<CreateSSHKeyOptions & { key: string }>({
      handler: "SSHKeysHandler",
      method: "POST",
      typed: ["client.sshKeys.create()"],
      params: {
        key: { wire: "key", kind: "string", required: true },
        user: { wire: "user", kind: "string" },
      },
    }),
    import: op<{ keysource: string }>({
      handler: "SSHKeysHandler",
      method: "POST",
      op: "import",
      typed: ["client.sshKeys.import()"],
      params: { keysource: { wire: "keysource", kind: KEYSOURCE, required: true } },
    }),
    read: op({
      handler: "SSHKeyHandler",
      method: "GET",
      typed: ["client.sshKeys.get()", "sshKey.refresh()"],
    }),
    delete: op({ handler: "SSHKeyHandler", method: "DELETE", typed: ["sshKey.delete()"] }),
  },
});

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
    return pathOf(SSH_KEYS.ops.read.path, this.data);
  }

  /** `SSHKey 3 ssh-ed25519 …comment`. */
  toString(): string {
    const parts = String(this.key ?? "").split(/\s+/);
    return `SSHKey ${this.id} ${parts[0] ?? ""}${parts[2] ? " " + parts.slice(2).join(" ") : ""}`;
  }
}
defineObject(SSHKey, SSH_KEYS.fields, { read: SSH_KEYS.ops.read, delete: SSH_KEYS.ops.delete });

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<SSHKey[]> {
    return await listOf(this.context, SSH_KEYS.ops.list, SSHKey, "SSH keys", {
      params,
      call: options,
    });
  }

  /** One key by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<SSHKey> {
    return await oneOf(this.context, SSH_KEYS.ops.read, SSHKey, "an SSH key", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Adds a public key (the text of an `id_*.pub` file; surrounding blanks are dropped). */
  async create(key: string, params?: CreateSSHKeyOptions, options?: CallOptions): Promise<SSHKey> {
    return await oneOf(this.context, SSH_KEYS.ops.create, SSHKey, "an SSH key", {
      params,
      set: { key: typeof key === "string" ? key.trim() : key },
      call: options,
    });
  }

  /**
   * Imports keys from Launchpad or GitHub: `lp:USER` or `gh:USER` (a bare `USER` means
   * Launchpad). Returns every key of that source, new and already imported.
   */
  async import(keysource: string, params?: ExtraParams, options?: CallOptions): Promise<SSHKey[]> {
    return await listOf(this.context, SSH_KEYS.ops.import, SSHKey, "SSH keys", {
      params,
      set: { keysource },
      call: options,
    });
  }
}
