/**
 * OIDC providers (MAAS 3.8 and later): `oidc-providers/` with `get_active`, and
 * `oidc-providers/{id}/`. At most one provider is enabled; an enabled one cannot be deleted.
 * Reading needs `can_view_identities`, changing `can_edit_identities` (administrators).
 *
 * @module
 */

import { stringBool } from "../../maas_forms.ts";
import { deleted, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimOidcProvider } from "./model.ts";
import { oidcProviderJson } from "./render.ts";

/** The words MAAS uses for each URL it checks. */
const URL_FIELDS = { issuer_url: "Issuer URL", redirect_uri: "Redirect URI" } as const;

const notFound = (message: string) => new ReplyError(text(message, 404));
const conflict = (message: string) => new ReplyError(text(message, 409));

/** MAAS takes only http and https addresses with a host. */
function checkUrl(value: string | undefined, field: keyof typeof URL_FIELDS): string {
  let ok = false;
  try {
    const url = new URL(value ?? "");
    ok = (url.protocol === "http:" || url.protocol === "https:") && url.host !== "";
  } catch {
    ok = false;
  }
  if (!ok) {
    throw ReplyError.badRequest(`${URL_FIELDS[field]} must be a valid HTTP or HTTPS address.`);
  }
  return value!;
}

/** `JWT` or `Opaque`, in any case. */
function tokenType(value: string): SimOidcProvider["tokenType"] {
  const upper = value.toUpperCase();
  if (upper === "JWT") return "JWT";
  if (upper === "OPAQUE") return "Opaque";
  throw ReplyError.badRequest(`Invalid token type: ${upper}. Must be 'JWT' or 'Opaque'.`);
}

function required(ctx: AuthContext, name: string): string {
  const value = ctx.data.get(name);
  if (!value) throw ReplyError.badRequest(`${name} is required.`);
  return value;
}

function findProvider(ctx: AuthContext): SimOidcProvider {
  const id = ctx.params.id;
  const provider = /^\d+$/.test(id) ? ctx.state.oidcProviders.get(Number(id)) : undefined;
  if (!provider) throw notFound(`No OIDC provider found with ID: ${id}`);
  return provider;
}

/** A name another provider has, or a second enabled provider: MAAS's 409s. */
function checkConflicts(
  ctx: AuthContext,
  wanted: Pick<SimOidcProvider, "name" | "enabled">,
  self: SimOidcProvider | null,
): void {
  const providers = ctx.state.oidcProviders;
  const named = providers.named(wanted.name);
  if (named && named !== self) {
    throw conflict("An OIDC provider with the same name already exists.");
  }
  const active = providers.active();
  if (wanted.enabled && active && active !== self) {
    throw conflict(
      "An enabled provider already exists. Disable the existing provider before " +
        (self ? "enabling this one." : "creating a new one."),
    );
  }
}

const FORM_PARAMS = ":param name: Required. The provider's name.\n" +
  ":param issuer_url: Required. The provider's issuer URL (http or https).\n" +
  ":param client_id: Required. MAAS's client id at the provider.\n" +
  ":param client_secret: Required. MAAS's client secret at the provider.\n" +
  ":param enabled: Optional. Whether users log in with it (default false); one provider at " +
  "the most.\n" +
  ":type enabled: Boolean\n" +
  ":param token_type: Optional. JWT (default) or Opaque.\n" +
  ":param redirect_uri: Optional. Where the provider sends users back to (http or https).\n" +
  ":param vendor: Optional. Who makes the provider's software, in a word.\n" +
  ":param scopes: Optional. The scopes to ask for, separated by spaces.";

/**
 * Register `oidc-providers/` and `oidc-providers/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerOidcProviders } from "./routes.ts";
 * registerOidcProviders(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerOidcProviders(table: RouteTable): void {
  table.resource({
    path: "oidc-providers/",
    auth: {
      name: "OidcProvidersHandler",
      doc: "The OpenID Connect providers users may log in with.",
      actions: {
        "GET read": {
          doc: "List every OIDC provider (with none, MAAS answers a sentence saying so).",
          run: (ctx) => {
            ctx.requireAdmin("can_view_identities");
            const providers = [...ctx.state.oidcProviders.all()];
            // MAAS answers this JSON string, not an empty list, when there is no provider.
            if (providers.length === 0) return json("No OIDC providers found.");
            return json(providers.map((provider) => oidcProviderJson(ctx.line, provider)));
          },
        },
        "GET get_active": {
          doc: "Read the enabled OIDC provider.",
          run: (ctx) => {
            ctx.requireAdmin("can_view_identities");
            const active = ctx.state.oidcProviders.active();
            if (!active) throw notFound("No enabled OIDC provider found.");
            return json(oidcProviderJson(ctx.line, active));
          },
        },
        "POST create": {
          doc: "Add an OIDC provider.\n\n" + FORM_PARAMS,
          run: (ctx) => {
            ctx.requireAdmin("can_edit_identities");
            const { data } = ctx;
            const issuerUrl = checkUrl(data.get("issuer_url"), "issuer_url");
            const redirectUri = checkUrl(data.get("redirect_uri"), "redirect_uri");
            const fields = {
              name: required(ctx, "name"),
              issuerUrl,
              clientId: required(ctx, "client_id"),
              clientSecret: required(ctx, "client_secret"),
              enabled: (data.get("enabled") ?? "false").toLowerCase() === "true",
              tokenType: tokenType(data.get("token_type") ?? "JWT"),
              redirectUri,
              scopes: data.get("scopes") ?? "",
              vendor: data.get("vendor") ?? null,
            };
            checkConflicts(ctx, fields, null);
            const created = ctx.state.oidcProviders.add(fields);
            return json(oidcProviderJson(ctx.line, created), 201);
          },
        },
      },
    },
  });

  table.resource({
    path: "oidc-providers/{id}/",
    auth: {
      name: "OidcProviderHandler",
      doc: "One OIDC provider, by id.",
      actions: {
        "GET read": {
          doc: "Read an OIDC provider.",
          run: (ctx) => {
            ctx.requireAdmin("can_view_identities");
            return json(oidcProviderJson(ctx.line, findProvider(ctx)));
          },
        },
        "PUT update": {
          doc: "Change an OIDC provider; the fields left out keep their values.\n\n" +
            FORM_PARAMS.replace(/Required\./g, "Optional."),
          run: (ctx) => {
            ctx.requireAdmin("can_edit_identities");
            const { data } = ctx;
            if (data.has("issuer_url")) checkUrl(data.get("issuer_url"), "issuer_url");
            if (data.has("redirect_uri")) checkUrl(data.get("redirect_uri"), "redirect_uri");
            const provider = findProvider(ctx);
            const changed: SimOidcProvider = {
              ...provider,
              name: data.get("name") ?? provider.name,
              issuerUrl: data.get("issuer_url") ?? provider.issuerUrl,
              clientId: data.get("client_id") ?? provider.clientId,
              clientSecret: data.get("client_secret") ?? provider.clientSecret,
              enabled: stringBool(data, "enabled", provider.enabled),
              tokenType: data.has("token_type")
                ? tokenType(data.get("token_type")!)
                : provider.tokenType,
              redirectUri: data.get("redirect_uri") ?? provider.redirectUri,
              scopes: data.get("scopes") ?? provider.scopes,
              vendor: data.get("vendor") ?? provider.vendor,
            };
            checkConflicts(ctx, changed, provider);
            Object.assign(provider, changed);
            return json(oidcProviderJson(ctx.line, provider));
          },
        },
        "DELETE delete": {
          doc: "Delete an OIDC provider; an enabled one cannot be deleted.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_identities");
            const provider = findProvider(ctx);
            if (provider.enabled) {
              throw conflict("Provider is currently enabled and cannot be deleted.");
            }
            ctx.state.oidcProviders.remove(provider.id);
            return deleted();
          },
        },
      },
    },
  });
}
