// The contract test's drivers of the IP addresses family: one per typed method its description
// names.
import type { IPAddress } from "../../../mod.ts";
import { type Driver, without } from "../support.ts";
import { ipAddress } from "./network_setups.ts";

const OWN = "the address lists itself by its own address";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.ipAddresses.list()": { run: (c, _, o) => c.ipAddresses.list(o) },
  "ipAddress.refresh()": {
    setup: ipAddress,
    run: (_, a, o) => (a as IPAddress).refresh(o),
    skip: { ip: OWN, all: OWN, owner: OWN },
  },
  "client.ipAddresses.reserve()": {
    // Without a subnet or an address the method refuses to send anything: every case names one.
    run: (c, _, o) => c.ipAddresses.reserve({ subnet: 1, ...o }),
  },
  "client.ipAddresses.release()": { run: (c, _, o) => c.ipAddresses.release(o as never) },
  "ipAddress.release()": {
    setup: ipAddress,
    run: (_, a, o) => (a as IPAddress).release(without(o, "ip")),
  },
  "ipAddress.delete()": {
    setup: ipAddress,
    run: (_, a, o) => (a as IPAddress).delete(without(o, "ip")),
  },
};
