/**
 * The discoveries family's records: devices the rack controllers have seen on the network, by
 * their IP and MAC address pair, with the controller interface that saw them.
 *
 * @module
 */

import type { Site } from "../../inventory.ts";
import { contains, parseAddress, parseNetwork } from "../networking/addresses.ts";

/**
 * A device seen on the network.
 *
 * @example
 * ```ts
 * import type { SimSighting } from "@libmaas/client/testing";
 * const seen: SimSighting = {
 *   ip: "10.20.0.57", mac: "52:54:00:3c:19:a8", hostname: null, fabricId: 0, vid: 0,
 *   observerId: "4y3h7n", interfaceId: 1, interfaceName: "eth0", organization: null,
 *   lastSeen: new Date(),
 * };
 * ```
 */
export interface SimSighting {
  /** IP address. */
  ip: string;
  /** MAC address. */
  mac: string;
  /** Hostname from mDNS, or null. */
  hostname: string | null;
  /** The fabric's id. */
  fabricId: number;
  /** The VLAN's tag. */
  vid: number;
  /** System id of the rack controller that saw it. */
  observerId: string;
  /** Id of the controller's interface that saw it. */
  interfaceId: number;
  /** Name of that interface. */
  interfaceName: string;
  /** The vendor the MAC address is registered to, or null. */
  organization: string | null;
  /** When it was last seen. */
  lastSeen: Date;
}

/**
 * The discoveries section of the state, in the order devices were seen first.
 *
 * @example
 * ```ts
 * import { DiscoveriesSection } from "./model.ts";
 * const section = new DiscoveriesSection([]);
 * console.log(section.sightings.length); // 0
 * ```
 */
export class DiscoveriesSection {
  /** Every discovery. */
  sightings: SimSighting[];

  /** A section holding `sightings`. */
  constructor(sightings: SimSighting[]) {
    this.sightings = sightings;
  }

  /**
   * What a fresh region has seen of the standard site: three devices, and, when `known` gives a
   * node's MAC and IP address, one device with that MAC address and one with that IP address
   * (so that the `by_unknown_*` filters have something to leave out).
   */
  static standard(
    site: Site,
    known: { mac?: string; ip?: string },
    now: number = Date.now(),
  ): DiscoveriesSection {
    const sightings: SimSighting[] = [];
    const seen = (
      ip: string,
      mac: string,
      hostname: string | null,
      minutesAgo: number,
      organization: string | null = null,
    ) => {
      const address = parseAddress(ip);
      const subnet = site.subnets.find((candidate) => {
        const network = parseNetwork(candidate.cidr);
        return network !== null && address !== null && contains(network, address);
      });
      const vlan = site.vlans.find((candidate) => candidate.id === subnet?.vlanId);
      const fabricId = vlan?.fabricId ?? 0;
      sightings.push({
        ip,
        mac,
        hostname,
        fabricId,
        vid: vlan?.vid ?? 0,
        observerId: "4y3h7n",
        interfaceId: fabricId === 1 ? 3 : 1,
        interfaceName: fabricId === 1 ? "eth1" : "eth0",
        organization,
        lastSeen: new Date(now - minutesAgo * 60_000),
      });
    };
    seen("10.20.0.57", "52:54:00:3c:19:a8", "printer-2f", 3, "QEMU virtual NIC");
    seen("10.20.1.200", "b8:27:eb:41:07:9d", null, 12, "Raspberry Pi Foundation");
    seen("192.168.50.17", "3c:ec:ef:10:22:5e", "bmc-spare", 45);
    if (known.mac) seen("10.20.3.31", known.mac, null, 30);
    if (known.ip) seen(known.ip, "0e:7a:52:00:ab:01", null, 60);
    return new DiscoveriesSection(sightings);
  }
}
