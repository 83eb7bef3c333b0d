/**
 * OIDC providers (MAAS 3.8 and later): the OpenID Connect identity providers users may log in
 * with, of which at most one is enabled. Administrators only.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function loginProvider(client: Client): Promise<string> {
 *   return (await client.oidcProviders.getActive()).issuerUrl;
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { expectList } from "./wire.ts";

/** The kind of access tokens a provider issues. */
export type OidcTokenType = "JWT" | "Opaque";

/** An OIDC provider's settings, as `create` and `save()` send them. */
export interface OidcProviderSettings {
  /** Unique name. */
  name?: string;
  /** The provider's issuer URL (http or https). */
  issuerUrl?: string;
  /** MAAS's client id at the provider. */
  clientId?: string;
  /** MAAS's client secret at the provider. */
  clientSecret?: string;
  /** Whether users log in with it (MAAS's default: false); one provider at the most. */
  enabled?: boolean;
  /** The kind of access tokens the provider issues (MAAS's default: `JWT`). */
  tokenType?: OidcTokenType;
  /** Where the provider sends users back to (http or https). */
  redirectUri?: string;
  /** The scopes to ask for, separated by spaces (`openid profile email`). */
  scopes?: string;
  /** Who makes the provider's software, in a word (`keycloak`, `okta`…). */
  vendor?: string;
}

/** What a new OIDC provider takes. */
export interface CreateOidcProviderOptions extends OidcProviderSettings, ExtraParams {
  /** Unique name. */
  name: string;
  /** The provider's issuer URL (http or https). */
  issuerUrl: string;
  /** MAAS's client id at the provider. */
  clientId: string;
  /** MAAS's client secret at the provider. */
  clientSecret: string;
  /**
   * Where the provider sends users back to (http or https). MAAS documents it as optional but
   * checks it on every create, so a call without one could only fail.
   */
  redirectUri: string;
}

const IDENTITY_LINES = ["3.8", "master"] as const;

const FIELD_PARAMS = {
  enabled: { wire: "enabled", kind: "boolean" },
  tokenType: { wire: "token_type", kind: "string", values: ["JWT", "Opaque"] },
  scopes: { wire: "scopes", kind: "string" },
  vendor: { wire: "vendor", kind: "string" },
} as const;

/** The OIDC providers family: `oidc-providers/` and `oidc-providers/{id}/` (MAAS 3.8 on). */
export const OIDC_PROVIDERS = family({
  name: "oidcProviders",
  handlers: {
    OidcProvidersHandler: "oidc-providers/",
    OidcProviderHandler: "oidc-providers/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    issuerUrl: { wire: "issuer_url", kind: "string", writable: true },
    clientId: { wire: "client_id", kind: "string", writable: true },
    clientSecret: { wire: "client_secret", kind: "string", writable: true },
    enabled: { wire: "enabled", kind: "boolean", writable: true },
    tokenType: { wire: "token_type", kind: "string", writable: true },
    redirectUri: { wire: "redirect_uri", kind: "string", writable: true },
    scopes: { wire: "scopes", kind: "string", writable: true },
    vendor: { wire: "vendor", kind: "string", writable: true },
  },
  ops: {
    list: op({
      handler: "OidcProvidersHandler",
      method: "GET",
      lines: IDENTITY_LINES,
      typed: ["client.oidcProviders.list()"],
    }),
    getActive: op({
      handler: "OidcProvidersHandler",
      method: "GET",
      op: "get_active",
      lines: IDENTITY_LINES,
      typed: ["client.oidcProviders.getActive()"],
    }),
    create: op<CreateOidcProviderOptions>({
      handler: "OidcProvidersHandler",
      method: "POST",
      lines: IDENTITY_LINES,
      typed: ["client.oidcProviders.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        issuerUrl: { wire: "issuer_url", kind: "string", required: true },
        clientId: { wire: "client_id", kind: "string", required: true },
        clientSecret: { wire: "client_secret", kind: "string", required: true },
        redirectUri: { wire: "redirect_uri", kind: "string", required: true },
        ...FIELD_PARAMS,
      },
    }),
    read: op({
      handler: "OidcProviderHandler",
      method: "GET",
      lines: IDENTITY_LINES,
      typed: ["client.oidcProviders.get()", "oidcProvider.refresh()"],
    }),
    update: op<OidcProviderSettings>({
      handler: "OidcProviderHandler",
      method: "PUT",
      lines: IDENTITY_LINES,
      typed: ["oidcProvider.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        issuerUrl: { wire: "issuer_url", kind: "string" },
        clientId: { wire: "client_id", kind: "string" },
        clientSecret: { wire: "client_secret", kind: "string" },
        redirectUri: { wire: "redirect_uri", kind: "string" },
        ...FIELD_PARAMS,
      },
    }),
    delete: op({
      handler: "OidcProviderHandler",
      method: "DELETE",
      lines: IDENTITY_LINES,
      typed: ["oidcProvider.delete()"],
    }),
  },
});

/**
 * An OpenID Connect provider MAAS lets users log in with. At most one is enabled at a time, and
 * an enabled one cannot be deleted: disable it first. `toString()` never shows the client secret.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function switchTo(client: Client, id: number) {
 *   const active = await client.oidcProviders.getActive();
 *   active.enabled = false;
 *   await active.save();
 *   const next = await client.oidcProviders.get(id);
 *   next.enabled = true;
 *   await next.save();
 * }
 * ```
 */
export class OidcProvider extends MaasObject {
  /** Provider id. */
  declare readonly id: number;
  /** Unique name; writable. */
  declare name: string;
  /** The provider's issuer URL; writable. */
  declare issuerUrl: string;
  /** MAAS's client id at the provider; writable. */
  declare clientId: string;
  /** MAAS's client secret at the provider; writable. */
  declare clientSecret: string;
  /** Whether users log in with it; writable. */
  declare enabled: boolean;
  /** The kind of access tokens the provider issues; writable. */
  declare tokenType: OidcTokenType;
  /** Where the provider sends users back to; writable. */
  declare redirectUri: string;
  /** The scopes asked for, separated by spaces; writable. */
  declare scopes: string;
  /** Who makes the provider's software, or null; writable. */
  declare vendor: string | null;

  /** `oidc-providers/{id}/`. */
  get resourcePath(): string {
    return pathOf(OIDC_PROVIDERS.ops.read.path, this.data);
  }

  /** `OidcProvider 1 corp https://id.example.com (enabled)`. */
  toString(): string {
    return `OidcProvider ${this.id} ${this.name} ${this.issuerUrl}${
      this.enabled ? " (enabled)" : ""
    }`;
  }
}
defineObject(OidcProvider, OIDC_PROVIDERS.fields, {
  read: OIDC_PROVIDERS.ops.read,
  update: OIDC_PROVIDERS.ops.update,
  delete: OIDC_PROVIDERS.ops.delete,
});

/**
 * `client.oidcProviders`: the OpenID Connect providers users may log in with (MAAS 3.8 and later;
 * an older server is refused before anything is sent).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addProvider(client: Client) {
 *   return await client.oidcProviders.create({
 *     name: "corp",
 *     issuerUrl: "https://id.example.com/realms/corp",
 *     clientId: "maas",
 *     clientSecret: "s3cret",
 *     redirectUri: "https://maas.example.com/MAAS/r/login/oidc/callback",
 *     scopes: "openid profile email",
 *   });
 * }
 * ```
 */
export class OidcProviders extends Namespace {
  /** Every OIDC provider. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<OidcProvider[]> {
    const answer = await invoke(this.context, OIDC_PROVIDERS.ops.list, { params, call: options });
    // MAAS answers a sentence (a JSON string) instead of an empty list when there is none.
    if (typeof answer === "string") return [];
    return expectList(answer, "OIDC providers").map((item) => new OidcProvider(this.context, item));
  }

  /** The enabled provider; raises `NotFoundError` when none is. */
  async getActive(params?: ExtraParams, options?: CallOptions): Promise<OidcProvider> {
    return await oneOf(this.context, OIDC_PROVIDERS.ops.getActive, OidcProvider, "a provider", {
      params,
      call: options,
    });
  }

  /** One provider by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<OidcProvider> {
    return await oneOf(this.context, OIDC_PROVIDERS.ops.read, OidcProvider, "a provider", {
      path: { id },
      params,
      call: options,
    });
  }

  /**
   * Adds a provider; a taken name, or a second enabled provider, raises `ConflictError`.
   */
  async create(params: CreateOidcProviderOptions, options?: CallOptions): Promise<OidcProvider> {
    return await oneOf(this.context, OIDC_PROVIDERS.ops.create, OidcProvider, "a provider", {
      params,
      call: options,
    });
  }
}
