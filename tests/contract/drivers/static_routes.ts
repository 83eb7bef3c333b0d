// The contract test's drivers of the static routes family: one per typed method its description
// names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { staticRoute } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.staticRoutes.list()": { run: (c, _, o) => c.staticRoutes.list(o) },
  "client.staticRoutes.create()": { run: (c, _, o) => c.staticRoutes.create(o as never) },
  "client.staticRoutes.get()": {
    setup: staticRoute,
    run: (c, r, o) => c.staticRoutes.get((r as { id: number }).id, o),
  },
  "route.refresh()": { setup: staticRoute, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "route.save()": saving(staticRoute),
  "route.delete()": { setup: staticRoute, run: (_, r, o) => (r as MaasObject).delete(o) },
};
