// The contract test's drivers of the spaces family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { space } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.spaces.list()": { run: (c, _, o) => c.spaces.list(o) },
  "client.spaces.create()": { run: (c, _, o) => c.spaces.create(o) },
  "client.spaces.get()": {
    setup: space,
    run: (c, s, o) => c.spaces.get((s as { id: number }).id, o),
  },
  "space.refresh()": { setup: space, run: (_, s, o) => (s as MaasObject).refresh(o) },
  "space.save()": saving(space),
  "space.delete()": { setup: space, run: (_, s, o) => (s as MaasObject).delete(o) },
};
