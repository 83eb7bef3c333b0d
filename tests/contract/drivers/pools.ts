// The contract test's drivers of the pools family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, pool, saving } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.resourcePools.list()": { run: (c, _, o) => c.resourcePools.list(o) },
  "client.resourcePools.create()": { run: (c, _, o) => c.resourcePools.create(o as never) },
  "client.resourcePools.get()": {
    setup: pool,
    run: (c, p, o) => c.resourcePools.get((p as { id: number }).id, o),
  },
  "resourcePool.refresh()": { setup: pool, run: (_, p, o) => (p as MaasObject).refresh(o) },
  "resourcePool.save()": saving(pool),
  "resourcePool.delete()": { setup: pool, run: (_, p, o) => (p as MaasObject).delete(o) },
};
