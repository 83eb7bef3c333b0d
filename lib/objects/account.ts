/**
 * The current user's account: the API keys (OAuth tokens) that sign requests, created, listed,
 * renamed and deleted through `account/`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rotate(client: Client) {
 *   const { credentials } = await client.account.createCredentials({ name: "ci" });
 *   return credentials;
 * }
 * ```
 *
 * @module
 */

import { Credentials } from "../auth.ts";
import { ParameterError, ProtocolError } from "../errors.ts";
import { type CallOptions, Namespace } from "./base.ts";
import { invoke } from "./engine.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { expectList, expectObject } from "./wire.ts";

/** What a new API key takes. */
export interface CreateCredentialsOptions extends ExtraParams {
  /** A name for the key (MAAS makes one up when left out). */
  name?: string;
}

/** The account family: `account/` and its token ops. */
export const ACCOUNT = family({
  name: "account",
  handlers: { AccountHandler: "account/" },
  ops: {
    listTokens: op({
      handler: "AccountHandler",
      method: "GET",
      op: "list_authorisation_tokens",
      typed: ["client.account.listCredentials()"],
    }),
    createToken: op<CreateCredentialsOptions>({
      handler: "AccountHandler",
      method: "POST",
      op: "create_authorisation_token",
      typed: ["client.account.createCredentials()"],
      params: { name: { wire: "name", kind: "string" } },
    }),
    deleteToken: op<{ tokenKey: string }>({
      handler: "AccountHandler",
      method: "POST",
      op: "delete_authorisation_token",
      typed: ["client.account.deleteCredentials()"],
      params: { tokenKey: { wire: "token_key", kind: "string", required: true } },
    }),
    renameToken: op<{ token: string; name: string }>({
      handler: "AccountHandler",
      method: "POST",
      op: "update_token_name",
      typed: ["client.account.renameCredentials()"],
      params: {
        token: { wire: "token", kind: "string", required: true },
        name: { wire: "name", kind: "string", required: true },
      },
    }),
  },
});

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
    params?: CreateCredentialsOptions,
    options?: CallOptions,
  ): Promise<NamedCredentials> {
    const data = expectObject(
      await invoke(this.context, ACCOUNT.ops.createToken, { params, call: options }),
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
  async listCredentials(params?: ExtraParams, options?: CallOptions): Promise<NamedCredentials[]> {
    const data = await invoke(this.context, ACCOUNT.ops.listTokens, { params, call: options });
    return expectList(data, "tokens").map((item) => {
      if (typeof item.token !== "string") {
        throw new ProtocolError("A token in the list has no key text");
      }
      return { name: String(item.name ?? ""), credentials: Credentials.parse(item.token) };
    });
  }

  /** Deletes an API key (given as credentials, as its text or by its token key). */
  async deleteCredentials(
    credentials: Credentials | string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.context, ACCOUNT.ops.deleteToken, {
      params,
      set: { tokenKey: tokenKeyOf(credentials) },
      call: options,
    });
  }

  /** Renames an API key. */
  async renameCredentials(
    credentials: Credentials | string,
    name: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.context, ACCOUNT.ops.renameToken, {
      params,
      set: { token: tokenKeyOf(credentials), name },
      call: options,
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
