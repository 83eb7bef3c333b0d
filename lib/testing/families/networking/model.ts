/**
 * The networking family's records: fabrics, spaces, IP ranges, static routes, reserved IPs and
 * fan networks, and the section of the state that holds them with the site's VLANs and subnets.
 *
 * VLANs and subnets are the site's records (`state.site.vlans`, `state.site.subnets`), one record
 * each, which other families read too; this section changes them in place and keeps them in id
 * order. Everything refers to other records by id (a subnet's VLAN, a range's subnet, a route's
 * source and destination), and is rendered to MAAS's JSON on read (`render.ts`).
 *
 * @module
 */

import type { SimSubnet, SimVlan, Site } from "../../inventory.ts";
import { formatAddress, parseNetwork } from "./addresses.ts";

/** The space name MAAS shows for VLANs that have none. */
export const UNDEFINED_SPACE = "undefined";

/**
 * A fabric.
 *
 * @example
 * ```ts
 * import type { SimFabric } from "@libmaas/client/testing";
 * const fabric: SimFabric = { id: 0, name: "fabric-0", classType: null, description: "" };
 * ```
 */
export interface SimFabric {
  /** Database id; 0 is the default fabric. */
  id: number;
  /** Name. */
  name: string;
  /** Class type, or null. */
  classType: string | null;
  /** Description. */
  description: string;
}

/**
 * A space.
 *
 * @example
 * ```ts
 * import type { SimSpace } from "@libmaas/client/testing";
 * const space: SimSpace = { id: 1, name: "management", description: "" };
 * ```
 */
export interface SimSpace {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** Description. */
  description: string;
}

/**
 * An IP range of a subnet.
 *
 * @example
 * ```ts
 * import type { SimIPRange } from "@libmaas/client/testing";
 * const range: SimIPRange = {
 *   id: 1, type: "dynamic", startIp: "10.20.8.1", endIp: "10.20.8.254", subnetId: 1, comment: "",
 *   username: null,
 * };
 * ```
 */
export interface SimIPRange {
  /** Database id. */
  id: number;
  /** `dynamic` or `reserved`. */
  type: "dynamic" | "reserved";
  /** First address. */
  startIp: string;
  /** Last address. */
  endIp: string;
  /** The subnet's id. */
  subnetId: number;
  /** Comment. */
  comment: string;
  /** Who made it, or null. */
  username: string | null;
}

/**
 * A static route.
 *
 * @example
 * ```ts
 * import type { SimStaticRoute } from "@libmaas/client/testing";
 * const route: SimStaticRoute = { id: 1, sourceId: 1, destinationId: 2, gatewayIp: "10.20.0.1", metric: 0 };
 * ```
 */
export interface SimStaticRoute {
  /** Database id. */
  id: number;
  /** Source subnet id. */
  sourceId: number;
  /** Destination subnet id. */
  destinationId: number;
  /** Gateway address in the source subnet. */
  gatewayIp: string;
  /** Weight. */
  metric: number;
}

/**
 * A reserved IP (MAAS 3.7 and later): an address MAAS's DHCP gives only to one MAC address.
 *
 * @example
 * ```ts
 * import type { SimReservedIp } from "@libmaas/client/testing";
 * const reserved: SimReservedIp = {
 *   id: 1, ip: "10.20.0.30", subnetId: 1, macAddress: "52:54:00:aa:bb:cc", comment: "printer",
 * };
 * ```
 */
export interface SimReservedIp {
  /** Database id. */
  id: number;
  /** The address. */
  ip: string;
  /** The subnet's id. */
  subnetId: number;
  /** The MAC address it is reserved for. */
  macAddress: string;
  /** Free text. */
  comment: string;
}

/**
 * A fan network (MAAS 2.9 and 3.0): an overlay network mapped onto an underlay one.
 *
 * @example
 * ```ts
 * import type { SimFanNetwork } from "@libmaas/client/testing";
 * const fan: SimFanNetwork = {
 *   id: 1, name: "fan-250", underlay: "10.20.0.0/16", overlay: "250.0.0.0/8", dhcp: null,
 *   hostReserve: 1, bridge: null, off: false,
 * };
 * ```
 */
export interface SimFanNetwork {
  /** Database id. */
  id: number;
  /** Unique name. */
  name: string;
  /** The underlay network (IPv4 CIDR). */
  underlay: string;
  /** The overlay network (IPv4 CIDR). */
  overlay: string;
  /** Whether fan DHCP is on, or null when unset. */
  dhcp: boolean | null;
  /** Addresses kept back per host, or null. */
  hostReserve: number | null;
  /** The bridge name hosts use, or null. */
  bridge: string | null;
  /** Whether the configuration is written but marked off, or null. */
  off: boolean | null;
}

/**
 * The kinds of record the networking section hands ids out for.
 *
 * @example
 * ```ts
 * import type { NetworkingKind } from "@libmaas/client/testing";
 * const kind: NetworkingKind = "fabric";
 * ```
 */
export type NetworkingKind =
  | "fabric"
  | "vlan"
  | "subnet"
  | "space"
  | "iprange"
  | "staticroute"
  | "reservedip"
  | "fannetwork";

/**
 * The networking section of the state: fabrics, spaces, IP ranges, static routes, reserved IPs
 * and fan networks by id, with the site's VLANs and subnets.
 *
 * @example
 * ```ts
 * import { defaultSite } from "../../inventory.ts";
 * import { NetworkingSection } from "./model.ts";
 * const networking = new NetworkingSection(defaultSite());
 * console.log(networking.fabric(0)?.name, networking.defaultVlanOf(0)?.vid); // fabric-0 0
 * ```
 */
export class NetworkingSection {
  /** Fabrics by id. */
  readonly fabrics: Map<number, SimFabric> = new Map();
  /** Spaces by id. */
  readonly spaces: Map<number, SimSpace> = new Map();
  /** IP ranges by id. */
  readonly ipRanges: Map<number, SimIPRange> = new Map();
  /** Static routes by id. */
  readonly staticRoutes: Map<number, SimStaticRoute> = new Map();
  /** Reserved IPs (`reservedips/`) by id. */
  readonly reservedIps: Map<number, SimReservedIp> = new Map();
  /** Fan networks by id. */
  readonly fanNetworks: Map<number, SimFanNetwork> = new Map();
  /** The MAC address a user's reservation (`ipaddresses/`) was made for, by address id. */
  readonly reservedMacs: Map<number, string> = new Map();

  #site: Site;
  #last: Map<NetworkingKind, number>;

  /**
   * The section of `site`: a fabric for each fabric its VLANs name, a space for each space they
   * name, a dynamic range in the upper half of each IPv4 subnet of a DHCP VLAN, an address of the
   * first subnet reserved for a printer, and a fan network over the first subnet (the lines that
   * lack reserved IPs or fan networks do not show them).
   */
  constructor(site: Site) {
    this.#site = site;
    this.#last = new Map<NetworkingKind, number>([
      ["fabric", Math.max(-1, ...site.vlans.map((vlan) => vlan.fabricId))],
      ["vlan", Math.max(5000, ...site.vlans.map((vlan) => vlan.id))],
      ["subnet", Math.max(0, ...site.subnets.map((subnet) => subnet.id))],
    ]);
    for (const vlan of site.vlans) {
      if (!this.fabrics.has(vlan.fabricId)) {
        this.fabrics.set(vlan.fabricId, {
          id: vlan.fabricId,
          name: vlan.fabric,
          classType: null,
          description: "",
        });
      }
      if (vlan.space !== UNDEFINED_SPACE && !this.spaceNamed(vlan.space)) {
        const id = this.nextId("space");
        this.spaces.set(id, { id, name: vlan.space, description: "" });
      }
    }
    for (const subnet of site.subnets) {
      const vlan = this.vlan(subnet.vlanId);
      const network = parseNetwork(subnet.cidr);
      if (!vlan?.dhcpOn || !network || network.version !== 4 || network.bits > 22) continue;
      // Clear of the low addresses the inventory gives machines.
      const middle = network.first + (network.last - network.first + 1n) / 2n;
      const id = this.nextId("iprange");
      this.ipRanges.set(id, {
        id,
        type: "dynamic",
        startIp: formatAddress(4, middle),
        endIp: formatAddress(4, middle + 253n),
        subnetId: subnet.id,
        comment: "",
        username: null,
      });
    }
    const first = site.subnets[0];
    const network = first ? parseNetwork(first.cidr) : null;
    if (first && network?.version === 4) {
      const id = this.nextId("reservedip");
      this.reservedIps.set(id, {
        id,
        ip: formatAddress(4, network.first + 57n),
        subnetId: first.id,
        macAddress: "52:54:00:3c:19:a8",
        comment: "printer",
      });
      const fan = this.nextId("fannetwork");
      this.fanNetworks.set(fan, {
        id: fan,
        name: "fan-250",
        underlay: `${formatAddress(4, network.first & 0xffff0000n)}/16`,
        overlay: "250.0.0.0/8",
        dhcp: null,
        hostReserve: 1,
        bridge: null,
        off: false,
      });
    }
  }

  /** Every VLAN, in id order (the site's list, which other families read). */
  get vlans(): readonly SimVlan[] {
    return this.#site.vlans;
  }

  /** Every subnet, in id order (the site's list). */
  get subnets(): readonly SimSubnet[] {
    return this.#site.subnets;
  }

  /** An id no record of that kind has had. */
  nextId(kind: NetworkingKind): number {
    const next = (this.#last.get(kind) ?? 0) + 1;
    this.#last.set(kind, next);
    return next;
  }

  /** The fabric with id `id`. */
  fabric(id: number): SimFabric | undefined {
    return this.fabrics.get(id);
  }

  /** The VLAN with id `id`. */
  vlan(id: number | null | undefined): SimVlan | undefined {
    return id === null || id === undefined
      ? undefined
      : this.#site.vlans.find((vlan) => vlan.id === id);
  }

  /** The subnet with id `id`. */
  subnet(id: number | null | undefined): SimSubnet | undefined {
    return id === null || id === undefined
      ? undefined
      : this.#site.subnets.find((subnet) => subnet.id === id);
  }

  /** The space called `name`. */
  spaceNamed(name: string): SimSpace | undefined {
    for (const space of this.spaces.values()) if (space.name === name) return space;
    return undefined;
  }

  /** The VLANs of a fabric, in id order. */
  vlansOf(fabricId: number): SimVlan[] {
    return this.#site.vlans.filter((vlan) => vlan.fabricId === fabricId);
  }

  /** The VLAN a fabric gives new interfaces and subnets: its oldest. */
  defaultVlanOf(fabricId: number): SimVlan | undefined {
    return this.#site.vlans.find((vlan) => vlan.fabricId === fabricId);
  }

  /** The subnets on a VLAN. */
  subnetsOf(vlanId: number): SimSubnet[] {
    return this.#site.subnets.filter((subnet) => subnet.vlanId === vlanId);
  }

  /** The IP ranges of a subnet. */
  rangesOf(subnetId: number): SimIPRange[] {
    return [...this.ipRanges.values()].filter((range) => range.subnetId === subnetId);
  }

  /** Adds a VLAN (ids only grow, so the list stays in id order). */
  addVlan(vlan: SimVlan): void {
    this.#site.vlans.push(vlan);
  }

  /** Removes VLANs, and every relay to them. */
  removeVlans(ids: ReadonlySet<number>): void {
    const vlans = this.#site.vlans;
    for (let i = vlans.length - 1; i >= 0; i--) if (ids.has(vlans[i].id)) vlans.splice(i, 1);
    for (const vlan of vlans) {
      if (vlan.relayVlanId !== null && ids.has(vlan.relayVlanId)) vlan.relayVlanId = null;
    }
  }

  /** Adds a subnet. */
  addSubnet(subnet: SimSubnet): void {
    this.#site.subnets.push(subnet);
  }

  /** Removes a subnet with its ranges, the routes through it and the addresses reserved in it. */
  removeSubnet(subnet: SimSubnet): void {
    const subnets = this.#site.subnets;
    const index = subnets.indexOf(subnet);
    if (index >= 0) subnets.splice(index, 1);
    for (const [id, range] of this.ipRanges) {
      if (range.subnetId === subnet.id) this.ipRanges.delete(id);
    }
    for (const [id, route] of this.staticRoutes) {
      if (route.sourceId === subnet.id || route.destinationId === subnet.id) {
        this.staticRoutes.delete(id);
      }
    }
    for (const [id, reserved] of this.reservedIps) {
      if (reserved.subnetId === subnet.id) this.reservedIps.delete(id);
    }
  }

  /** The name a VLAN's space has, kept on the VLAN for the families that read it by name. */
  renameSpace(from: string, to: string): void {
    for (const vlan of this.#site.vlans) if (vlan.space === from) vlan.space = to;
  }

  /** The fabric name kept on its VLANs, for the families that read it there. */
  renameFabric(fabric: SimFabric): void {
    for (const vlan of this.#site.vlans) if (vlan.fabricId === fabric.id) vlan.fabric = fabric.name;
  }
}

/**
 * A VLAN record with the fields a new VLAN starts with.
 *
 * @example
 * ```ts
 * import { newVlan } from "./model.ts";
 * console.log(newVlan({ id: 5010, vid: 0, fabricId: 2, fabric: "fabric-2" }).space); // undefined
 * ```
 */
export function newVlan(
  fields: Pick<SimVlan, "id" | "vid" | "fabricId" | "fabric"> & Partial<SimVlan>,
): SimVlan {
  return {
    name: "",
    mtu: 1500,
    dhcpOn: false,
    space: UNDEFINED_SPACE,
    description: "",
    primaryRack: null,
    secondaryRack: null,
    relayVlanId: null,
    externalDhcp: null,
    ...fields,
  };
}
