// The contract test's drivers of the subnets family: one per typed method its description names.
import type { MaasObject, Subnet } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { subnet } from "./network_setups.ts";

const on = (run: (subnet: Subnet, o: Record<string, unknown>) => Promise<unknown>): Driver => ({
  setup: subnet,
  run: (_, s, o) => run(s as Subnet, o),
});

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.subnets.list()": { run: (c, _, o) => c.subnets.list(o) },
  "client.subnets.create()": { run: (c, _, o) => c.subnets.create(o as never) },
  "client.subnets.get()": {
    setup: subnet,
    run: (c, s, o) => c.subnets.get((s as Subnet).id, o),
  },
  "subnet.refresh()": on((s, o) => (s as MaasObject).refresh(o)),
  "subnet.save()": {
    ...saving(subnet),
    skip: {
      fabric: "no field of a subnet; subnet.update() sends it",
      vid: "no field of a subnet; subnet.update() sends it",
    },
  },
  "subnet.update()": on((s, o) => s.update(o)),
  "subnet.delete()": on((s, o) => s.delete(o)),
  "subnet.reservedIpRanges()": on((s, o) => s.reservedIpRanges(o)),
  "subnet.unreservedIpRanges()": on((s, o) => s.unreservedIpRanges(o)),
  "subnet.statistics()": on((s, o) => s.statistics(o)),
  "subnet.ipAddresses()": on((s, o) => s.ipAddresses(o)),
};
