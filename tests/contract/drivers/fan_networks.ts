// The contract test's drivers of the fan networks family: one per typed method its description
// names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { fanNetwork } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.fanNetworks.list()": { run: (c, _, o) => c.fanNetworks.list(o) },
  "client.fanNetworks.create()": { run: (c, _, o) => c.fanNetworks.create(o as never) },
  "client.fanNetworks.get()": {
    setup: fanNetwork,
    run: (c, f, o) => c.fanNetworks.get((f as { id: number }).id, o),
  },
  "fanNetwork.refresh()": { setup: fanNetwork, run: (_, f, o) => (f as MaasObject).refresh(o) },
  "fanNetwork.save()": saving(fanNetwork),
  "fanNetwork.delete()": { setup: fanNetwork, run: (_, f, o) => (f as MaasObject).delete(o) },
};
