/**
 * OIDC providers as MAAS renders them: plain objects without an address, the token type in words.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import type { SimOidcProvider } from "./model.ts";

/**
 * An OIDC provider, as `oidc-providers/` renders one.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { oidcProviderJson } from "./render.ts";
 * const view = oidcProviderJson(MaasLine.get("3.8"), {
 *   id: 1, name: "corp", issuerUrl: "https://id.example.com", clientId: "maas", clientSecret: "s",
 *   enabled: true, tokenType: "JWT", redirectUri: "https://maas.example.com/cb", scopes: "openid",
 *   vendor: "keycloak",
 * });
 * console.log(view.token_type); // JWT
 * ```
 */
export function oidcProviderJson(
  line: MaasLine,
  provider: SimOidcProvider,
): Record<string, unknown> {
  return line.shape("OidcProviderHandler", {
    id: provider.id,
    name: provider.name,
    issuer_url: provider.issuerUrl,
    client_id: provider.clientId,
    client_secret: provider.clientSecret,
    enabled: provider.enabled,
    token_type: provider.tokenType,
    redirect_uri: provider.redirectUri,
    scopes: provider.scopes,
    vendor: provider.vendor,
  });
}
