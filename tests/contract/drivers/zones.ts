// The contract test's drivers of the zones family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving, zone } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.zones.list()": { run: (c, _, o) => c.zones.list(o) },
  "client.zones.create()": { run: (c, _, o) => c.zones.create(o as never) },
  "client.zones.get()": {
    setup: zone,
    run: (c, z, o) => c.zones.get((z as { name: string }).name, o),
  },
  "zone.refresh()": { setup: zone, run: (_, z, o) => (z as MaasObject).refresh(o) },
  "zone.save()": saving(zone),
  "zone.delete()": { setup: zone, run: (_, z, o) => (z as MaasObject).delete(o) },
};
