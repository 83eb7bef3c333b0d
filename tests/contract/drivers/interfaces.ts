// The contract test's drivers of the interfaces family: one per typed method its description
// names. They drive the rack controller `rk9x2m`, whose interfaces MAAS mostly refuses to change:
// what matters here is what is sent.
import {
  type Interface,
  type InterfaceLink,
  type MaasObject,
  NodeInterfaces,
} from "../../../mod.ts";
import { type Driver, saving, without } from "../support.ts";
import { iface, link } from "./network_setups.ts";

const NOT_A_FIELD = "no field of an interface holds it; iface.update() sends it";
const rack = (c: Parameters<Driver["run"]>[0]) => new NodeInterfaces(c, "rk9x2m");

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "node.interfaces.list()": { run: (c, _, o) => rack(c).list(o) },
  "node.interfaces.get()": {
    setup: iface,
    run: (c, i, o) => rack(c).get((i as Interface).id, o),
  },
  "node.interfaces.createPhysical()": { run: (c, _, o) => rack(c).createPhysical(o as never) },
  "node.interfaces.createBond()": { run: (c, _, o) => rack(c).createBond(o as never) },
  "node.interfaces.createBridge()": { run: (c, _, o) => rack(c).createBridge(o as never) },
  "node.interfaces.createVlan()": { run: (c, _, o) => rack(c).createVlan(o as never) },
  "iface.refresh()": { setup: iface, run: (_, i, o) => (i as MaasObject).refresh(o) },
  "iface.save()": {
    ...saving(iface),
    skip: { parents: NOT_A_FIELD, ipAddress: NOT_A_FIELD, ipAssignment: NOT_A_FIELD },
  },
  "iface.update()": { setup: iface, run: (_, i, o) => (i as Interface).update(o) },
  "iface.delete()": { setup: iface, run: (_, i, o) => (i as MaasObject).delete(o) },
  "iface.linkSubnet()": {
    setup: iface,
    // An auto link without a subnet is refused before sending: every case names one.
    run: (_, i, o) => (i as Interface).linkSubnet({ subnet: 1, ...o } as never),
  },
  "iface.unlinkSubnet()": {
    setup: iface,
    run: (_, i, o) => (i as Interface).unlinkSubnet(o.id as number, without(o, "id")),
  },
  "link.unlink()": {
    setup: link,
    run: (_, l, o) => (l as InterfaceLink).unlink(without(o, "id")),
  },
  "iface.setDefaultGateway()": {
    setup: iface,
    run: (_, i, o) => (i as Interface).setDefaultGateway(o),
  },
  "link.setAsDefaultGateway()": {
    setup: link,
    run: (_, l, o) => (l as InterfaceLink).setAsDefaultGateway(o),
    skip: { linkId: "the link is its own" },
  },
  "iface.disconnect()": { setup: iface, run: (_, i, o) => (i as Interface).disconnect(o) },
  "iface.addTag()": {
    setup: iface,
    run: (_, i, o) => (i as Interface).addTag(o.tag as string, without(o, "tag")),
  },
  "iface.removeTag()": {
    setup: iface,
    run: (_, i, o) => (i as Interface).removeTag(o.tag as string, without(o, "tag")),
  },
};
