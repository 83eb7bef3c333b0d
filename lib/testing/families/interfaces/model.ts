/**
 * The interfaces family's records: a node's network interfaces and their links to subnets, kept
 * per node (by system id) in their own section of the state. An interface refers to its VLAN, its
 * parents and its links' subnets by id; it is rendered to MAAS's JSON on read (`render.ts`), so a
 * renamed VLAN or subnet shows in every interface at once.
 *
 * Nodes are the machines and nodes families' records; every node's interfaces are records here
 * from the node's creation on, and the node renders its `interface_set`, `boot_interface`,
 * `default_gateways` and `ip_addresses` from them. Whatever changes a node's interfaces (this
 * family's handlers, commissioning, deployment) changes these records.
 *
 * @module
 */

/**
 * The kinds of interface.
 *
 * @example
 * ```ts
 * import type { SimInterfaceType } from "./model.ts";
 * const type: SimInterfaceType = "bond";
 * ```
 */
export type SimInterfaceType = "physical" | "bond" | "bridge" | "vlan" | "unknown";

/**
 * How a link gets its address: `auto` (given at deployment), `dhcp`, `static`, or `link_up` (no
 * address, the interface merely up).
 *
 * @example
 * ```ts
 * import type { SimLinkMode } from "./model.ts";
 * const mode: SimLinkMode = "static";
 * ```
 */
export type SimLinkMode = "auto" | "dhcp" | "static" | "link_up";

/**
 * One link of an interface to a subnet.
 *
 * @example
 * ```ts
 * import type { SimLink } from "@libmaas/client/testing";
 * const link: SimLink = { id: 7, mode: "static", subnetId: 1, ipAddress: "10.20.0.9" };
 * ```
 */
export interface SimLink {
  /** Database id (of the address record MAAS keeps for the link). */
  id: number;
  /** How the address is given. */
  mode: SimLinkMode;
  /** The subnet's id, or null for a bare `link_up`. */
  subnetId: number | null;
  /** The address, when one is assigned. */
  ipAddress: string | null;
}

/**
 * A network interface of a node.
 *
 * @example
 * ```ts
 * import { blankInterface } from "./model.ts";
 * const nic = blankInterface({ id: 1, systemId: "abc123", type: "physical", name: "eth0" });
 * console.log(nic.enabled, nic.links.length); // true 0
 * ```
 */
export interface SimInterface {
  /** Database id. */
  id: number;
  /** The node's system id. */
  systemId: string;
  /** Kind of interface. */
  type: SimInterfaceType;
  /** Name, unique on the node. */
  name: string;
  /** MAC address, or null. */
  macAddress: string | null;
  /** The VLAN's id, or null when disconnected. */
  vlanId: number | null;
  /** Whether the interface is configured. */
  enabled: boolean;
  /** Tags. */
  tags: string[];
  /** Ids of the parent interfaces (a bond's members, a bridge's or VLAN interface's parent). */
  parentIds: number[];
  /** MAAS's `params`: MTU, `accept-ra`, bond and bridge settings. */
  params: Record<string, unknown>;
  /** Links to subnets. */
  links: SimLink[];
  /** Whether a cable is connected. */
  linkConnected: boolean;
  /** Speed the NIC supports (Mbit/s). */
  interfaceSpeed: number;
  /** Speed of the link (Mbit/s). */
  linkSpeed: number;
  /** NUMA node of the NIC, or null. */
  numaNode: number | null;
  /** Virtual functions the NIC supports. */
  sriovMaxVf: number;
  /** Vendor, if known. */
  vendor: string | null;
  /** Product, if known. */
  product: string | null;
  /** Firmware version, if known. */
  firmwareVersion: string | null;
}

/**
 * A node's default gateways: the ids of the links whose subnets' gateways it uses.
 *
 * @example
 * ```ts
 * import type { SimGateways } from "./model.ts";
 * const gateways: SimGateways = { ipv4: 7, ipv6: null };
 * ```
 */
export interface SimGateways {
  /** The IPv4 gateway's link id, or null. */
  ipv4: number | null;
  /** The IPv6 gateway's link id, or null. */
  ipv6: number | null;
}

/**
 * The interfaces of one node, as the section keeps them.
 *
 * @example
 * ```ts
 * import type { NodeInterfaceSet } from "./model.ts";
 * const empty: NodeInterfaceSet = { list: [], bootId: null, gateways: { ipv4: null, ipv6: null } };
 * ```
 */
export interface NodeInterfaceSet {
  /** The interfaces, in the order they were made. */
  list: SimInterface[];
  /** The interface the node boots from, or null. */
  bootId: number | null;
  /** The node's default gateways. */
  gateways: SimGateways;
}

/**
 * An interface with MAAS's defaults for what `fields` leaves out.
 *
 * @example
 * ```ts
 * import { blankInterface } from "./model.ts";
 * console.log(blankInterface({ id: 2, systemId: "abc123", type: "bond", name: "bond0" }).params);
 * ```
 */
export function blankInterface(
  fields: Pick<SimInterface, "id" | "systemId" | "type" | "name"> & Partial<SimInterface>,
): SimInterface {
  return {
    macAddress: null,
    vlanId: null,
    enabled: true,
    tags: [],
    parentIds: [],
    params: {},
    links: [],
    linkConnected: true,
    interfaceSpeed: 0,
    linkSpeed: 0,
    numaNode: null,
    sriovMaxVf: 0,
    vendor: null,
    product: null,
    firmwareVersion: null,
    ...fields,
  };
}

/**
 * The interfaces section of the state: every node's interface records, by system id.
 *
 * @example
 * ```ts
 * import { InterfacesSection } from "./model.ts";
 * const section = new InterfacesSection();
 * console.log(section.of("abc123").list.length); // 0
 * ```
 */
export class InterfacesSection {
  #nodes = new Map<string, NodeInterfaceSet>();

  /** The interfaces of node `systemId`, made empty on first use. */
  of(systemId: string): NodeInterfaceSet {
    let set = this.#nodes.get(systemId);
    if (!set) {
      set = { list: [], bootId: null, gateways: { ipv4: null, ipv6: null } };
      this.#nodes.set(systemId, set);
    }
    return set;
  }

  /** The interface with id `id` of a node. */
  find(systemId: string, id: number): SimInterface | undefined {
    return this.#nodes.get(systemId)?.list.find((nic) => nic.id === id);
  }

  /** Forgets a node's interfaces (the node is gone). */
  drop(systemId: string): void {
    this.#nodes.delete(systemId);
  }
}
