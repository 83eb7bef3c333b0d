/**
 * The OIDC providers family's records (MAAS 3.8 and later): the OpenID Connect identity
 * providers users may log in with, of which at most one is enabled.
 *
 * @module
 */

/**
 * An OIDC provider.
 *
 * @example
 * ```ts
 * import type { SimOidcProvider } from "@libmaas/client/testing";
 * const provider: SimOidcProvider = {
 *   id: 1, name: "corp", issuerUrl: "https://id.example.com", clientId: "maas",
 *   clientSecret: "s3cret", enabled: false, tokenType: "JWT",
 *   redirectUri: "https://maas.example.com/MAAS/r/login/oidc/callback", scopes: "openid email",
 *   vendor: null,
 * };
 * ```
 */
export interface SimOidcProvider {
  /** Database id. */
  id: number;
  /** Unique name. */
  name: string;
  /** The provider's issuer URL. */
  issuerUrl: string;
  /** MAAS's client id at the provider. */
  clientId: string;
  /** MAAS's client secret at the provider. */
  clientSecret: string;
  /** Whether users log in with it (one provider at the most). */
  enabled: boolean;
  /** The kind of access tokens the provider issues. */
  tokenType: "JWT" | "Opaque";
  /** Where the provider sends users back to. */
  redirectUri: string;
  /** The scopes asked for, separated by spaces. */
  scopes: string;
  /** Who makes the provider's software (free text), or null. */
  vendor: string | null;
}

/**
 * The OIDC providers section of the state.
 *
 * @example
 * ```ts
 * import { OidcProvidersSection } from "./model.ts";
 * let last = 0;
 * const providers = new OidcProvidersSection(() => ++last);
 * console.log(providers.active()); // undefined
 * ```
 */
export class OidcProvidersSection {
  readonly #byId = new Map<number, SimOidcProvider>();
  readonly #nextId: () => number;

  /** An empty section; `nextId` hands out ids. */
  constructor(nextId: () => number) {
    this.#nextId = nextId;
  }

  /** The provider with this id. */
  get(id: number): SimOidcProvider | undefined {
    return this.#byId.get(id);
  }

  /** The provider with this name. */
  named(name: string): SimOidcProvider | undefined {
    return [...this.#byId.values()].find((provider) => provider.name === name);
  }

  /** The enabled provider, if one is. */
  active(): SimOidcProvider | undefined {
    return [...this.#byId.values()].find((provider) => provider.enabled);
  }

  /** Every provider, oldest first. */
  all(): IterableIterator<SimOidcProvider> {
    return this.#byId.values();
  }

  /** Adds a provider with a new id. */
  add(fields: Omit<SimOidcProvider, "id">): SimOidcProvider {
    const created = { ...fields, id: this.#nextId() };
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a provider. */
  remove(id: number): void {
    this.#byId.delete(id);
  }
}
