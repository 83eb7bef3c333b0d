// The contract test's drivers of the discoveries family: one per typed method its description
// names.
import type { Discovery, MaasObject } from "../../../mod.ts";
import { type Driver, without } from "../support.ts";
import { discovery } from "./network_setups.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.discoveries.list()": { run: (c, _, o) => c.discoveries.list(o) },
  "client.discoveries.get()": {
    setup: discovery,
    run: (c, d, o) => c.discoveries.get((d as Discovery).discoveryId, o),
  },
  "discovery.refresh()": { setup: discovery, run: (_, d, o) => (d as MaasObject).refresh(o) },
  "client.discoveries.byUnknownIp()": { run: (c, _, o) => c.discoveries.byUnknownIp(o) },
  "client.discoveries.byUnknownMac()": { run: (c, _, o) => c.discoveries.byUnknownMac(o) },
  "client.discoveries.byUnknownIpAndMac()": {
    run: (c, _, o) => c.discoveries.byUnknownIpAndMac(o),
  },
  "client.discoveries.clear()": {
    // Without anything to clear the method refuses to send: every case clears mDNS entries.
    run: (c, _, o) => c.discoveries.clear({ mdns: true, ...o }),
  },
  "client.discoveries.clearByMacAndIp()": {
    run: (c, _, o) =>
      c.discoveries.clearByMacAndIp(o.ip as string, o.mac as string, without(o, "ip", "mac")),
  },
  "discovery.delete()": {
    setup: discovery,
    run: (_, d, o) => (d as MaasObject).delete(without(o, "ip", "mac")),
  },
  "client.discoveries.scan()": {
    // Without networks the method refuses to scan unforced: every case forces.
    run: (c, _, o) => c.discoveries.scan({ force: true, ...o }),
  },
};
