// The contract test's drivers of the OIDC providers family: one per typed method its description
// names.
import type { Client, MaasObject, OidcProvider } from "../../../mod.ts";
import { type Driver, saving, unique } from "../support.ts";

const provider = (client: Client) =>
  client.oidcProviders.create({
    name: unique("contract"),
    issuerUrl: "https://id.example.com/realms/contract",
    clientId: "maas",
    clientSecret: "contract-secret",
    redirectUri: "https://maas.example.com/MAAS/r/login/oidc/callback",
  });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.oidcProviders.list()": { run: (c, _, o) => c.oidcProviders.list(o) },
  "client.oidcProviders.getActive()": { run: (c, _, o) => c.oidcProviders.getActive(o) },
  "client.oidcProviders.create()": { run: (c, _, o) => c.oidcProviders.create(o as never) },
  "client.oidcProviders.get()": {
    setup: provider,
    run: (c, p, o) => c.oidcProviders.get((p as OidcProvider).id, o),
  },
  "oidcProvider.refresh()": { setup: provider, run: (_, p, o) => (p as MaasObject).refresh(o) },
  "oidcProvider.save()": saving(provider),
  "oidcProvider.delete()": { setup: provider, run: (_, p, o) => (p as MaasObject).delete(o) },
};
