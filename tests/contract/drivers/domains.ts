// The contract test's drivers of the domains family: one per typed method its description names.
import type { Client, Domain, MaasObject } from "../../../mod.ts";
import { type Driver, saving, unique, without } from "../support.ts";

const domain = (client: Client) => client.domains.create({ name: `${unique("contract")}.example` });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.domains.list()": { run: (c, _, o) => c.domains.list(o) },
  "client.domains.getDefault()": { run: (c, _, o) => c.domains.getDefault(o) },
  "client.domains.create()": { run: (c, _, o) => c.domains.create(o as never) },
  "client.domains.setSerial()": {
    run: (c, _, o) => c.domains.setSerial(o.serial as number, without(o, "serial")),
  },
  "client.domains.get()": {
    setup: domain,
    run: (c, d, o) => c.domains.get((d as Domain).id, o),
  },
  "domain.refresh()": { setup: domain, run: (_, d, o) => (d as MaasObject).refresh(o) },
  "domain.save()": saving(domain),
  "domain.delete()": { setup: domain, run: (_, d, o) => (d as MaasObject).delete(o) },
  "domain.setDefault()": { setup: domain, run: (_, d, o) => (d as Domain).setDefault(o) },
};
