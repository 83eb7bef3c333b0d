/**
 * The networking family's records beside the site's VLANs and subnets: fabrics, spaces, the VLAN
 * and subnet fields the site does not hold, IP ranges, static routes and reserved MAC addresses.
 *
 * @module
 */

import type { Site } from "../../inventory.ts";
import { formatAddress, parseNetwork } from "./addresses.ts";

const UNDEFINED_SPACE = "undefined";

/**
 * A fabric.
 *
 * @example
 * ```ts
 * import type { SimFabric } from "./model.ts";
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
 * import type { SimSpace } from "./model.ts";
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
 * The VLAN fields the site leaves out.
 *
 * @example
 * ```ts
 * import type { SimVlanExtra } from "./model.ts";
 * const extra: SimVlanExtra = {
 *   description: "", primaryRack: "4y3h7n", secondaryRack: null, relayVlanId: null, externalDhcp: null,
 * };
 * ```
 */
export interface SimVlanExtra {
  /** Description. */
  description: string;
  /** System id of the primary rack controller. */
  primaryRack: string | null;
  /** System id of the secondary rack controller. */
  secondaryRack: string | null;
  /** Id of the VLAN DHCP is relayed to. */
  relayVlanId: number | null;
  /** An external DHCP server seen on the VLAN. */
  externalDhcp: string | null;
}

/**
 * The subnet fields the site leaves out.
 *
 * @example
 * ```ts
 * import type { SimSubnetExtra } from "./model.ts";
 * const extra: SimSubnetExtra = {
 *   description: "", rdnsMode: 2, allowDns: true, allowProxy: true, activeDiscovery: false,
 *   disabledBootArchitectures: [],
 * };
 * ```
 */
export interface SimSubnetExtra {
  /** Description. */
  description: string;
  /** 0 disabled, 1 enabled, 2 RFC 2317. */
  rdnsMode: number;
  /** MAAS DNS answers the subnet. */
  allowDns: boolean;
  /** The MAAS proxy serves the subnet. */
  allowProxy: boolean;
  /** MAAS probes the subnet. */
  activeDiscovery: boolean;
  /** Boot architectures DHCP ignores. */
  disabledBootArchitectures: string[];
}

/**
 * An IP range of a subnet.
 *
 * @example
 * ```ts
 * import type { SimIPRange } from "./model.ts";
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
 * import type { SimStaticRoute } from "./model.ts";
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
 * The networking data of a simulator beside `state.site`.
 *
 * @example
 * ```ts
 * import { defaultSite } from "../../inventory.ts";
 * import { createNetworkingSection } from "./model.ts";
 * console.log([...createNetworkingSection(defaultSite()).fabrics.values()].map((f) => f.name));
 * ```
 */
export interface SimNetworkStore {
  /** Fabrics by id. */
  fabrics: Map<number, SimFabric>;
  /** Spaces by id. */
  spaces: Map<number, SimSpace>;
  /** VLAN fields beside `state.site.vlans`, by VLAN id. */
  vlanExtras: Map<number, SimVlanExtra>;
  /** Subnet fields beside `state.site.subnets`, by subnet id. */
  subnetExtras: Map<number, SimSubnetExtra>;
  /** IP ranges by id. */
  ipRanges: Map<number, SimIPRange>;
  /** Static routes by id. */
  staticRoutes: Map<number, SimStaticRoute>;
  /** The MAC address a reservation was made for, by static address id. */
  reservedMacs: Map<number, string>;
  /** Hands out ids per kind, above those the site already uses. */
  nextId: (kind: "fabric" | "vlan" | "subnet" | "space" | "iprange" | "staticroute") => number;
}

/**
 * The networking data of a simulator, made from its site the first time: a fabric for each
 * fabric the site's VLANs name, a space for each space they name, the DHCP VLAN's primary rack
 * (`4y3h7n`, the region-and-rack controller) and a dynamic range on its subnet.
 *
 * @example
 * ```ts
 * import { defaultSite } from "../../inventory.ts";
 * import { createNetworkingSection } from "./model.ts";
 * const store = createNetworkingSection(defaultSite());
 * console.log(store.fabrics.get(0)?.name); // fabric-0
 * ```
 */
export function createNetworkingSection(site: Site): SimNetworkStore {
  const last = new Map<string, number>([
    ["fabric", Math.max(-1, ...site.vlans.map((vlan) => vlan.fabricId))],
    ["vlan", Math.max(5000, ...site.vlans.map((vlan) => vlan.id))],
    ["subnet", Math.max(0, ...site.subnets.map((subnet) => subnet.id))],
  ]);
  const store: SimNetworkStore = {
    fabrics: new Map(),
    spaces: new Map(),
    vlanExtras: new Map(),
    subnetExtras: new Map(),
    ipRanges: new Map(),
    staticRoutes: new Map(),
    reservedMacs: new Map(),
    nextId: (kind) => {
      const next = (last.get(kind) ?? 0) + 1;
      last.set(kind, next);
      return next;
    },
  };
  for (const vlan of site.vlans) {
    if (!store.fabrics.has(vlan.fabricId)) {
      store.fabrics.set(vlan.fabricId, {
        id: vlan.fabricId,
        name: vlan.fabric,
        classType: null,
        description: "",
      });
    }
    if (
      vlan.space !== UNDEFINED_SPACE &&
      ![...store.spaces.values()].some((space) => space.name === vlan.space)
    ) {
      const id = store.nextId("space");
      store.spaces.set(id, { id, name: vlan.space, description: "" });
    }
  }
  for (const subnet of site.subnets) {
    const vlan = site.vlans.find((candidate) => candidate.id === subnet.vlanId);
    const network = parseNetwork(subnet.cidr);
    if (!vlan?.dhcpOn || !network || network.version !== 4 || network.bits > 22) continue;
    // A dynamic range in the upper half of the subnet, clear of the addresses machines get.
    const middle = network.first + (network.last - network.first + 1n) / 2n;
    const id = store.nextId("iprange");
    store.ipRanges.set(id, {
      id,
      type: "dynamic",
      startIp: formatAddress(4, middle),
      endIp: formatAddress(4, middle + 253n),
      subnetId: subnet.id,
      comment: "",
      username: null,
    });
  }
  return store;
}
