// The contract test's drivers of the networks family: one per typed method its description names.
import type { MaasObject, Network } from "../../../mod.ts";
import type { Driver } from "../support.ts";
import { network } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.networks.list()": { run: (c, _, o) => c.networks.list(o) },
  "client.networks.get()": { run: (c, _, o) => c.networks.get(1, o) },
  "network.refresh()": { setup: network, run: (_, n, o) => (n as MaasObject).refresh(o) },
  "network.listConnectedMacs()": {
    setup: network,
    run: (_, n, o) => (n as Network).listConnectedMacs(o),
  },
};
