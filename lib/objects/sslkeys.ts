/**
 * SSL keys: certificates the current user keeps in MAAS.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function count(client: Client): Promise<number> {
 *   return (await client.sslKeys.list()).length;
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** The SSL keys family: `account/prefs/sslkeys/` and one key by id. */
export const SSL_KEYS = family({
  name: "sslKeys",
  handlers: {
    SSLKeysHandler: "account/prefs/sslkeys/",
    SSLKeyHandler: "account/prefs/sslkeys/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    key: { wire: "key", kind: "string" },
  },
  ops: {
    list: op({ handler: "SSLKeysHandler", method: "GET", typed: ["client.sslKeys.list()"] }),
    create: op<{ key: string }>({
      handler: "SSLKeysHandler",
      method: "POST",
      typed: ["client.sslKeys.create()"],
      params: { key: { wire: "key", kind: "string", required: true } },
    }),
    read: op({
      handler: "SSLKeyHandler",
      method: "GET",
      typed: ["client.sslKeys.get()", "sslKey.refresh()"],
    }),
    delete: op({ handler: "SSLKeyHandler", method: "DELETE", typed: ["sslKey.delete()"] }),
  },
});

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
    return pathOf(SSL_KEYS.ops.read.path, this.data);
  }

  /** `SSLKey 2`. */
  toString(): string {
    return `SSLKey ${this.id}`;
  }
}
defineObject(SSLKey, SSL_KEYS.fields, { read: SSL_KEYS.ops.read, delete: SSL_KEYS.ops.delete });

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<SSLKey[]> {
    return await listOf(this.context, SSL_KEYS.ops.list, SSLKey, "SSL keys", {
      params,
      call: options,
    });
  }

  /** One key by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<SSLKey> {
    return await oneOf(this.context, SSL_KEYS.ops.read, SSLKey, "an SSL key", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Adds a key (PEM text). */
  async create(key: string, params?: ExtraParams, options?: CallOptions): Promise<SSLKey> {
    return await oneOf(this.context, SSL_KEYS.ops.create, SSLKey, "an SSL key", {
      params,
      set: { key },
      call: options,
    });
  }
}
