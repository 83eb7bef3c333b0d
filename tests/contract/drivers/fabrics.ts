// The contract test's drivers of the fabrics family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { fabric } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.fabrics.list()": { run: (c, _, o) => c.fabrics.list(o) },
  "client.fabrics.create()": { run: (c, _, o) => c.fabrics.create(o) },
  "client.fabrics.get()": {
    setup: fabric,
    run: (c, f, o) => c.fabrics.get((f as { id: number }).id, o),
  },
  "fabric.refresh()": { setup: fabric, run: (_, f, o) => (f as MaasObject).refresh(o) },
  "fabric.save()": saving(fabric),
  "fabric.delete()": { setup: fabric, run: (_, f, o) => (f as MaasObject).delete(o) },
};
