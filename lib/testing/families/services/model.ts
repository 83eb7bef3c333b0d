/**
 * The network discoveries' records: the devices a rack controller has seen on the network,
 * seeded the way a fresh region has them.
 *
 * @module
 */

import type { SimMachine, Site } from "../../inventory.ts";

/**
 * A device seen on the network.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.services.discoveries.map((d) => d.ip));
 * ```
 */
export interface SimDiscovery {
  /** IP address. */
  ip: string;
  /** MAC address. */
  mac: string;
  /** Hostname from mDNS, or null. */
  hostname: string | null;
  /** Fabric name. */
  fabric: string;
  /** VLAN id. */
  vid: number;
  /** Observing interface: id and name. */
  interfaceId: number;
  /** Observing interface name. */
  interfaceName: string;
  /** Vendor of the MAC address, or null. */
  organization: string | null;
  /** When it was last seen. */
  lastSeen: Date;
}

/**
 * The network discoveries of one simulator.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.services.discoveries.length); // 3
 * ```
 */
export interface ServicesStore {
  /** Discoveries, in the order they were added. */
  discoveries: SimDiscovery[];
}

/**
 * The rack controller that observes the seeded discoveries (and runs scans).
 *
 * @example
 * ```ts
 * import { RACK } from "./model.ts";
 * console.log(RACK.systemId); // "4y3h7n"
 * ```
 */
export const RACK = { systemId: "4y3h7n", hostname: "rack-01" };

/**
 * The network discoveries of a simulator, seeded as a fresh region has them (two of them are of
 * `machines`' own MAC and IP addresses, when there are machines).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.services.discoveries.map((d) => d.ip));
 * ```
 */
export function createServicesSection(
  site: Site,
  machines: Iterable<SimMachine>,
): ServicesStore {
  const store: ServicesStore = { discoveries: [] };
  seed(store, site, machines);
  return store;
}

function seed(store: ServicesStore, site: Site, inventory: Iterable<SimMachine>): void {
  const now = Date.now();
  const seen = (
    ip: string,
    mac: string,
    hostname: string | null,
    minutesAgo: number,
    organization: string | null = null,
  ) => {
    const vlan = site.vlans.find((candidate) =>
      site.subnets.some((subnet) => subnet.vlanId === candidate.id && inCidr(ip, subnet.cidr))
    );
    store.discoveries.push({
      ip,
      mac,
      hostname,
      fabric: vlan?.fabric ?? "fabric-0",
      vid: vlan?.vid ?? 0,
      interfaceId: vlan?.fabric === "fabric-1" ? 3 : 1,
      interfaceName: vlan?.fabric === "fabric-1" ? "eth1" : "eth0",
      organization,
      lastSeen: new Date(now - minutesAgo * 60_000),
    });
  };
  seen("10.20.0.57", "52:54:00:3c:19:a8", "printer-2f", 3, "QEMU virtual NIC");
  seen("10.20.1.200", "b8:27:eb:41:07:9d", null, 12, "Raspberry Pi Foundation");
  seen("192.168.50.17", "3c:ec:ef:10:22:5e", "bmc-spare", 45);
  // When the inventory has machines, two discoveries are of things MAAS knows: the MAC address of
  // one machine and the IP address of another, so the by_unknown_* filters have work to do.
  const machines = [...inventory];
  const mac = machines.flatMap((machine) => nodeInterfaces(machine.data))[0]?.mac_address;
  if (typeof mac === "string") seen("10.20.3.31", mac, null, 30);
  const ip = machines.flatMap((machine) => nodeAddresses(machine.data))[0];
  if (ip) seen(ip, "0e:7a:52:00:ab:01", null, 60);
}

/**
 * A node's rendered interfaces.
 *
 * @example
 * ```ts
 * import { nodeInterfaces } from "./model.ts";
 * console.log(nodeInterfaces({}).length); // 0
 * ```
 */
export function nodeInterfaces(data: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(data.interface_set) ? data.interface_set : [];
}

/**
 * A node's rendered IP addresses.
 *
 * @example
 * ```ts
 * import { nodeAddresses } from "./model.ts";
 * console.log(nodeAddresses({ ip_addresses: ["10.0.0.1"] })); // ["10.0.0.1"]
 * ```
 */
export function nodeAddresses(data: Record<string, unknown>): string[] {
  return Array.isArray(data.ip_addresses)
    ? data.ip_addresses.filter((ip): ip is string => typeof ip === "string")
    : [];
}

/**
 * Whether an IPv4 address is in a network.
 *
 * @example
 * ```ts
 * import { inCidr } from "./model.ts";
 * console.log(inCidr("10.0.0.9", "10.0.0.0/24")); // true
 * ```
 */
export function inCidr(ip: string, cidr: string): boolean {
  const [network, bits] = cidr.split("/");
  const value = ipv4(ip);
  const base = ipv4(network);
  if (value === null || base === null) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((value & mask) >>> 0) === ((base & mask) >>> 0);
}

/**
 * An IPv4 address as a number, or null.
 *
 * @example
 * ```ts
 * import { ipv4 } from "./model.ts";
 * console.log(ipv4("0.0.1.1")); // 257
 * ```
 */
export function ipv4(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return null;
  }
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}
