// The contract test's drivers of the IP ranges family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { ipRange } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.ipRanges.list()": { run: (c, _, o) => c.ipRanges.list(o) },
  "client.ipRanges.create()": { run: (c, _, o) => c.ipRanges.create(o as never) },
  "client.ipRanges.get()": {
    setup: ipRange,
    run: (c, r, o) => c.ipRanges.get((r as { id: number }).id, o),
  },
  "ipRange.refresh()": { setup: ipRange, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "ipRange.save()": saving(ipRange),
  "ipRange.delete()": { setup: ipRange, run: (_, r, o) => (r as MaasObject).delete(o) },
};
