// The contract test's drivers of the VLANs family: one per typed method its description names.
import type { MaasObject, Vlan } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { vlan } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.vlans.list()": { run: (c, _, o) => c.vlans.list(0, o) },
  "client.vlans.create()": { run: (c, _, o) => c.vlans.create(0, o as never) },
  "client.vlans.get()": {
    setup: vlan,
    run: (c, v, o) => c.vlans.get(0, (v as Vlan).vid, o),
  },
  "vlan.refresh()": { setup: vlan, run: (_, v, o) => (v as MaasObject).refresh(o) },
  "vlan.save()": {
    ...saving(vlan),
    skip: { fabric: "a VLAN's fabric field is its name; vlan.update() moves it" },
  },
  "vlan.update()": { setup: vlan, run: (_, v, o) => (v as Vlan).update(o) },
  "vlan.delete()": { setup: vlan, run: (_, v, o) => (v as MaasObject).delete(o) },
};
