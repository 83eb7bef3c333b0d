// The contract test's drivers of the reserved IPs family: one per typed method its description
// names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { reservedIp } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.reservedIps.list()": { run: (c, _, o) => c.reservedIps.list(o) },
  "client.reservedIps.create()": { run: (c, _, o) => c.reservedIps.create(o as never) },
  "client.reservedIps.get()": {
    setup: reservedIp,
    run: (c, r, o) => c.reservedIps.get((r as { id: number }).id, o),
  },
  "reservedIp.refresh()": { setup: reservedIp, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "reservedIp.save()": saving(reservedIp),
  "reservedIp.delete()": { setup: reservedIp, run: (_, r, o) => (r as MaasObject).delete(o) },
};
