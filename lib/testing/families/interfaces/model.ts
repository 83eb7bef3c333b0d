/**
 * The interfaces family's records: a node's network interfaces and their links to subnets, kept
 * per node (by system id) in their own section of the state. An interface refers to its VLAN, its
 * parents and its links' subnets by id; it is rendered to MAAS's JSON on read (`render.ts`), so a
 * renamed VLAN or subnet shows in every interface at once.
 *
 * Nodes are the machines and nodes families' records. A node made by those families carries its
 * interfaces as MAAS renders them (`interface_set`); the section takes them over the first time
 * this family changes them (`importInterfaces`), and from then on the node shows the records
 * (`view.ts`).
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
 * The interfaces section of the state: the interface records of the nodes whose interfaces it
 * has taken over, by system id.
 *
 * @example
 * ```ts
 * import { InterfacesSection } from "./model.ts";
 * const section = new InterfacesSection();
 * console.log(section.of("abc123")); // undefined: not taken over
 * ```
 */
export class InterfacesSection {
  #nodes = new Map<string, NodeInterfaceSet>();
  #owners = new WeakMap<object, string>();

  /** The interfaces of a node taken over, by its system id. */
  of(systemId: string): NodeInterfaceSet | undefined {
    return this.#nodes.get(systemId);
  }

  /**
   * Whether the section holds the interfaces of the node whose rendered fields are `data` (a
   * node removed and made again under the same system id is a new node).
   */
  holds(data: object, systemId: string): boolean {
    return this.#owners.get(data) === systemId && this.#nodes.has(systemId);
  }

  /** Takes over a node's interfaces; `data` is the node's rendered fields. */
  take(data: object, systemId: string, set: NodeInterfaceSet): void {
    this.#owners.set(data, systemId);
    this.#nodes.set(systemId, set);
  }

  /** The interface with id `id` of a node taken over. */
  find(systemId: string, id: number): SimInterface | undefined {
    return this.#nodes.get(systemId)?.list.find((nic) => nic.id === id);
  }
}

/**
 * A node's interfaces read from MAAS's JSON (`interface_set`, `boot_interface` and
 * `default_gateways` of a node), keeping only what refers to other records by id.
 *
 * @example
 * ```ts
 * import { importInterfaces } from "./model.ts";
 * const set = importInterfaces("abc123", {
 *   interface_set: [{ id: 1, type: "physical", name: "eth0", mac_address: "52:54:00:00:00:01" }],
 * });
 * console.log(set.list[0].name, set.bootId); // eth0 null
 * ```
 */
export function importInterfaces(
  systemId: string,
  data: Record<string, unknown>,
): NodeInterfaceSet {
  const rendered = Array.isArray(data.interface_set)
    ? data.interface_set as Record<string, unknown>[]
    : [];
  const ids = new Map(rendered.map((nic) => [String(nic.name), Number(nic.id)]));
  const list = rendered.map((nic): SimInterface => {
    const params = nic.params && typeof nic.params === "object"
      ? { ...nic.params as Record<string, unknown> }
      : {};
    return blankInterface({
      id: Number(nic.id),
      systemId,
      type: String(nic.type ?? "physical") as SimInterfaceType,
      name: String(nic.name ?? ""),
      macAddress: typeof nic.mac_address === "string" ? nic.mac_address : null,
      vlanId: idOf(nic.vlan),
      enabled: nic.enabled !== false,
      tags: Array.isArray(nic.tags) ? nic.tags.map(String) : [],
      parentIds: (Array.isArray(nic.parents) ? nic.parents : [])
        .map((name) => ids.get(String(name)))
        .filter((id): id is number => id !== undefined),
      params,
      links: (Array.isArray(nic.links) ? nic.links as Record<string, unknown>[] : []).map(
        (link) => ({
          id: Number(link.id),
          mode: String(link.mode ?? "link_up") as SimLinkMode,
          subnetId: idOf(link.subnet),
          ipAddress: typeof link.ip_address === "string" && link.ip_address !== ""
            ? link.ip_address
            : null,
        }),
      ),
      linkConnected: nic.link_connected !== false,
      interfaceSpeed: Number(nic.interface_speed ?? 0),
      linkSpeed: Number(nic.link_speed ?? 0),
      numaNode: typeof nic.numa_node === "number" ? nic.numa_node : null,
      sriovMaxVf: Number(nic.sriov_max_vf ?? 0),
      vendor: typeof nic.vendor === "string" ? nic.vendor : null,
      product: typeof nic.product === "string" ? nic.product : null,
      firmwareVersion: typeof nic.firmware_version === "string" ? nic.firmware_version : null,
    });
  });
  const gateways = data.default_gateways as
    | Record<string, { link_id?: unknown } | undefined>
    | undefined;
  const linkId = (family: string) => {
    const id = gateways?.[family]?.link_id;
    return typeof id === "number" ? id : null;
  };
  return {
    list,
    bootId: idOf(data.boot_interface),
    gateways: { ipv4: linkId("ipv4"), ipv6: linkId("ipv6") },
  };
}

function idOf(value: unknown): number | null {
  const id = value && typeof value === "object" ? (value as { id?: unknown }).id : undefined;
  return typeof id === "number" ? id : null;
}
