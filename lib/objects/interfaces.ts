/**
 * A node's network interfaces (`nodes/{system_id}/interfaces/`): physical NICs, bonds, bridges and
 * VLAN interfaces, and how each is linked to subnets.
 *
 * MAAS changes a machine's interfaces only while it is New, Ready, Allocated, Broken or Failed
 * testing (updates also while Deployed); otherwise it answers 409 (`ConflictError`).
 *
 * @example
 * ```ts
 * import type { Machine, Subnet } from "@libmaas/client";
 * async function bondAndLink(machine: Machine, subnet: Subnet) {
 *   const [eth0, eth1] = await machine.interfaces.list();
 *   const bond = await machine.interfaces.createBond({ name: "bond0", parents: [eth0, eth1] });
 *   await bond.linkSubnet({ mode: "static", subnet, defaultGateway: true });
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import {
  type CallOptions,
  type ClientContext,
  defineObject,
  MaasObject,
  Namespace,
  nested,
} from "./base.ts";
import { COMMA_LIST } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import type {
  BondLacpRate,
  BondMode,
  BondXmitHashPolicy,
  BridgeType,
  InterfaceType,
  LinkMode,
} from "./enums.ts";
import {
  type IdRef,
  OBJECT_ID,
  OBJECT_IDS,
  SPECIFIER,
  type SpecifierRef,
} from "./network_codecs.ts";
import { type ExtraParams, family, type Op, op, type ParamSpecs, pathOf } from "./spec.ts";
import { Subnet } from "./subnets.ts";
import { Vlan } from "./vlans.ts";
import type { WireData } from "./wire.ts";

/** How an interface form's `ip_assignment` gives the interface an address. */
export type IPAssignment = "static" | "dynamic" | "external";

/** What every interface may be given, new or changed. */
export interface InterfaceSettings extends ExtraParams {
  /** Tags (a tag or a list; sent comma-separated). */
  tags?: string | readonly string[];
  /** MTU (552 and up). */
  mtu?: number;
  /** Accept IPv6 router advertisements. */
  acceptRa?: boolean;
  /** Stateless IPv6 address autoconfiguration (MAAS 2.9 and 3.0). */
  autoconf?: boolean;
  /** Whether a cable is connected. */
  linkConnected?: boolean;
  /** The speed the interface supports, in Mbit/s. */
  interfaceSpeed?: number;
  /** The speed of its link, in Mbit/s. */
  linkSpeed?: number;
  /** How the interface gets an address: `dynamic` (DHCP), `static` or `external` (`ipAddress`). */
  ipAssignment?: IPAssignment;
  /** The address for `ipAssignment` `static` or `external`. */
  ipAddress?: string;
}

/** What a physical interface may be given. */
export interface PhysicalSettings extends InterfaceSettings {
  /** Name (the next free `ethN` for a new one). */
  name?: string;
  /** The untagged VLAN (or its id); none leaves a new interface disconnected. */
  vlan?: IdRef;
  /** Whether the interface is configured. */
  enabled?: boolean;
  /** The NUMA node of the NIC. */
  numaNode?: number;
}

/** What a new physical interface takes. */
export interface CreatePhysicalOptions extends PhysicalSettings {
  /** MAC address, unique among physical interfaces. */
  macAddress: string;
}

/** A bond's settings. */
export interface BondSettings {
  /** Bonding mode (`balance-rr` by default). */
  bondMode?: BondMode;
  /** Link monitoring interval, in ms (100). */
  bondMiimon?: number;
  /** Wait before disabling a failed member, in ms (0). */
  bondDowndelay?: number;
  /** Wait before enabling a recovered member, in ms (0). */
  bondUpdelay?: number;
  /** LACPDU rate for 802.3ad (`fast`). */
  bondLacpRate?: BondLacpRate;
  /** Transmit hash policy (`layer2`). */
  bondXmitHashPolicy?: BondXmitHashPolicy;
  /** Peer notifications after a failover, 0 to 255 (1). */
  bondNumGratArp?: number;
}

/** A bridge's settings. */
export interface BridgeSettings {
  /** `standard` (the default) or `ovs`. */
  bridgeType?: BridgeType;
  /** The spanning tree protocol (off by default). */
  bridgeStp?: boolean;
  /** Forward delay in seconds (15). */
  bridgeFd?: number;
}

/** What a new bond takes. */
export interface CreateBondOptions extends InterfaceSettings, BondSettings {
  /** Name, e.g. `bond0`. */
  name: string;
  /** The physical interfaces (or their ids) to bond, all on one VLAN. */
  parents: IdRef | readonly IdRef[];
  /** MAC address (the first parent's by default). */
  macAddress?: string;
  /** VLAN (or its id; the parents' by default). */
  vlan?: IdRef;
}

/** What a new bridge takes. */
export interface CreateBridgeOptions extends InterfaceSettings, BridgeSettings {
  /** Name, e.g. `br0`. */
  name: string;
  /** The interface (or its id) to bridge. */
  parent: IdRef;
  /** MAC address (the parent's by default). */
  macAddress?: string;
  /** VLAN (or its id; the parent's by default; not settable on an allocated machine). */
  vlan?: IdRef;
}

/** What a new VLAN interface takes. */
export interface CreateVlanInterfaceOptions extends InterfaceSettings {
  /** The tagged VLAN (or its id), on the parent's fabric. */
  vlan: IdRef;
  /** The interface (or its id) the VLAN rides on. */
  parent: IdRef;
  /** Name (`<parent>.<vid>` by default; MAAS 3.7 and later). */
  name?: string;
}

/**
 * What {@linkcode Interface.update} takes: what changes, including what no field of an
 * interface holds (a bond's or bridge's `parents`, an address by `ipAssignment`).
 */
export interface UpdateInterfaceOptions extends PhysicalSettings, BondSettings, BridgeSettings {
  /** MAC address. */
  macAddress?: string;
  /** The VLAN (or its id). */
  vlan?: IdRef;
  /** A bond's or bridge's parents (interfaces or their ids). */
  parents?: IdRef | readonly IdRef[];
}

/** What {@linkcode Interface.linkSubnet} takes. */
export interface LinkSubnetOptions extends ExtraParams {
  /** `auto` (an address given at deployment), `dhcp`, `static` or `link_up` (no address). */
  mode: LinkMode;
  /** The subnet (a subnet, its id or CIDR); needed by `auto` and `static`. */
  subnet?: SpecifierRef;
  /** For `static`: the address (a free one of the subnet by default). */
  ipAddress?: string;
  /** For `auto` and `static`: make the subnet's gateway the node's default gateway. */
  defaultGateway?: boolean;
  /** Replace every other link (and allow a subnet of another VLAN). */
  force?: boolean;
}

/** What {@linkcode Interface.setDefaultGateway} takes. */
export interface SetDefaultGatewayOptions extends ExtraParams {
  /** The link (or its id) whose subnet's gateway to use; needed when several are usable. */
  linkId?: IdRef;
}

const AUTOCONF_LINES = ["2.9", "3.0"] as const;
const SETTINGS: ParamSpecs<InterfaceSettings> = {
  tags: { wire: "tags", kind: COMMA_LIST },
  mtu: { wire: "mtu", kind: "integer" },
  acceptRa: { wire: "accept_ra", kind: "boolean" },
  autoconf: { wire: "autoconf", kind: "boolean", lines: AUTOCONF_LINES },
  linkConnected: { wire: "link_connected", kind: "boolean" },
  interfaceSpeed: { wire: "interface_speed", kind: "integer" },
  linkSpeed: { wire: "link_speed", kind: "integer" },
  ipAssignment: {
    wire: "ip_assignment",
    kind: "string",
    values: ["static", "dynamic", "external"],
  },
  ipAddress: { wire: "ip_address", kind: "string" },
};
const PHYSICAL: ParamSpecs<PhysicalSettings> = {
  ...SETTINGS,
  name: { wire: "name", kind: "string" },
  vlan: { wire: "vlan", kind: OBJECT_ID },
  enabled: { wire: "enabled", kind: "boolean" },
  numaNode: { wire: "numa_node", kind: "integer" },
};
const BOND: ParamSpecs<BondSettings> = {
  bondMode: {
    wire: "bond_mode",
    kind: "string",
    values: [
      "balance-rr",
      "active-backup",
      "balance-xor",
      "broadcast",
      "802.3ad",
      "balance-tlb",
      "balance-alb",
    ],
  },
  bondMiimon: { wire: "bond_miimon", kind: "integer" },
  bondDowndelay: { wire: "bond_downdelay", kind: "integer" },
  bondUpdelay: { wire: "bond_updelay", kind: "integer" },
  bondLacpRate: { wire: "bond_lacp_rate", kind: "string", values: ["fast", "slow"] },
  bondXmitHashPolicy: {
    wire: "bond_xmit_hash_policy",
    kind: "string",
    values: ["layer2", "layer2+3", "layer3+4", "encap2+3", "encap3+4"],
  },
  bondNumGratArp: { wire: "bond_num_grat_arp", kind: "integer" },
};
const BRIDGE: ParamSpecs<BridgeSettings> = {
  bridgeType: { wire: "bridge_type", kind: "string", values: ["standard", "ovs"] },
  bridgeStp: { wire: "bridge_stp", kind: "boolean" },
  bridgeFd: { wire: "bridge_fd", kind: "integer" },
};

const OTHER_NAME = "The other name of a parameter the method sends";

/**
 * The interfaces family as MAAS's API has it: `nodes/{system_id}/interfaces/` and
 * `nodes/{system_id}/interfaces/{id}/`.
 */
export const INTERFACES = family({
  name: "interfaces",
  handlers: {
    InterfacesHandler: "nodes/{system_id}/interfaces/",
    InterfaceHandler: "nodes/{system_id}/interfaces/{id}/",
  },
  pathParams: { system_id: "string", id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    type: { wire: "type", kind: "string" },
    macAddress: { wire: "mac_address", kind: "string", writable: true },
    parents: { wire: "parents", kind: "strings" },
    children: { wire: "children", kind: "strings" },
    tags: { wire: "tags", kind: "strings", writable: true },
    enabled: { wire: "enabled", kind: "boolean", writable: true },
    effectiveMtu: { wire: "effective_mtu", kind: "integer" },
    vendor: { wire: "vendor", kind: "string" },
    product: { wire: "product", kind: "string" },
    firmwareVersion: { wire: "firmware_version", kind: "string" },
    linkConnected: { wire: "link_connected", kind: "boolean", writable: true },
    interfaceSpeed: { wire: "interface_speed", kind: "integer", writable: true },
    linkSpeed: { wire: "link_speed", kind: "integer", writable: true },
    numaNode: { wire: "numa_node", kind: "integer", writable: true },
    sriovMaxVf: { wire: "sriov_max_vf", kind: "integer" },
    discovered: { wire: "discovered", kind: "objects" },
  },
  ops: {
    list: op({ handler: "InterfacesHandler", method: "GET", typed: ["node.interfaces.list()"] }),
    createPhysical: op<CreatePhysicalOptions>({
      handler: "InterfacesHandler",
      method: "POST",
      op: "create_physical",
      typed: ["node.interfaces.createPhysical()"],
      params: { ...PHYSICAL, macAddress: { wire: "mac_address", kind: "string", required: true } },
    }),
    createBond: op<CreateBondOptions>({
      handler: "InterfacesHandler",
      method: "POST",
      op: "create_bond",
      typed: ["node.interfaces.createBond()"],
      params: {
        ...SETTINGS,
        ...BOND,
        name: { wire: "name", kind: "string", required: true },
        parents: { wire: "parents", kind: OBJECT_IDS, required: true },
        macAddress: { wire: "mac_address", kind: "string" },
        vlan: { wire: "vlan", kind: OBJECT_ID },
      },
    }),
    createBridge: op<CreateBridgeOptions>({
      handler: "InterfacesHandler",
      method: "POST",
      op: "create_bridge",
      typed: ["node.interfaces.createBridge()"],
      params: {
        ...SETTINGS,
        ...BRIDGE,
        name: { wire: "name", kind: "string", required: true },
        parent: { wire: "parent", kind: OBJECT_ID, required: true },
        macAddress: { wire: "mac_address", kind: "string" },
        vlan: { wire: "vlan", kind: OBJECT_ID },
      },
    }),
    createVlan: op<CreateVlanInterfaceOptions>({
      handler: "InterfacesHandler",
      method: "POST",
      op: "create_vlan",
      typed: ["node.interfaces.createVlan()"],
      params: {
        ...SETTINGS,
        vlan: { wire: "vlan", kind: OBJECT_ID, required: true },
        parent: { wire: "parent", kind: OBJECT_ID, required: true },
        name: { wire: "name", kind: "string", lines: ["3.7", "3.8", "master"] },
      },
    }),
    read: op({
      handler: "InterfaceHandler",
      method: "GET",
      typed: ["node.interfaces.get()", "iface.refresh()"],
    }),
    update: op<UpdateInterfaceOptions>({
      handler: "InterfaceHandler",
      method: "PUT",
      typed: ["iface.save()", "iface.update()"],
      params: {
        ...PHYSICAL,
        ...BOND,
        ...BRIDGE,
        macAddress: { wire: "mac_address", kind: "string" },
        parents: { wire: "parents", kind: OBJECT_IDS },
      },
    }),
    delete: op({ handler: "InterfaceHandler", method: "DELETE", typed: ["iface.delete()"] }),
    linkSubnet: op<LinkSubnetOptions>({
      handler: "InterfaceHandler",
      method: "POST",
      op: "link_subnet",
      typed: ["iface.linkSubnet()"],
      params: {
        mode: {
          wire: "mode",
          kind: "string",
          values: ["auto", "dhcp", "static", "link_up"],
          required: true,
        },
        subnet: { wire: "subnet", kind: SPECIFIER },
        ipAddress: { wire: "ip_address", kind: "string" },
        defaultGateway: { wire: "default_gateway", kind: "boolean" },
        force: { wire: "force", kind: "boolean" },
      },
    }),
    unlinkSubnet: op<{ id: IdRef }>({
      handler: "InterfaceHandler",
      method: "POST",
      op: "unlink_subnet",
      typed: ["iface.unlinkSubnet()", "link.unlink()"],
      params: { id: { wire: "id", kind: OBJECT_ID, required: true } },
    }),
    setDefaultGateway: op<SetDefaultGatewayOptions>({
      handler: "InterfaceHandler",
      method: "POST",
      op: "set_default_gateway",
      typed: ["iface.setDefaultGateway()", "link.setAsDefaultGateway()"],
      params: { linkId: { wire: "link_id", kind: OBJECT_ID } },
    }),
    disconnect: op({
      handler: "InterfaceHandler",
      method: "POST",
      op: "disconnect",
      typed: ["iface.disconnect()"],
    }),
    addTag: op<{ tag: string }>({
      handler: "InterfaceHandler",
      method: "POST",
      op: "add_tag",
      typed: ["iface.addTag()"],
      params: { tag: { wire: "tag", kind: "string", required: true } },
    }),
    removeTag: op<{ tag: string }>({
      handler: "InterfaceHandler",
      method: "POST",
      op: "remove_tag",
      typed: ["iface.removeTag()"],
      params: { tag: { wire: "tag", kind: "string", required: true } },
    }),
  },
  untyped: {
    "InterfacesHandler POST create_physical parents":
      "MAAS refuses it: a physical interface has no parents",
    "InterfacesHandler POST create_bridge parents": OTHER_NAME,
    "InterfacesHandler POST create_vlan parents": OTHER_NAME,
    "InterfaceHandler PUT update parent": OTHER_NAME,
  },
});

/** Extra settings of an interface as MAAS keeps them (`params`): MTU, bond and bridge options. */
export interface InterfaceParams {
  /** MTU set on the interface. */
  readonly mtu?: number;
  /** Whether router advertisements are accepted (IPv6). */
  readonly "accept-ra"?: boolean;
  /** Bond mode. */
  readonly bond_mode?: string;
  /** Bond link monitoring frequency (ms). */
  readonly bond_miimon?: number;
  /** Bond down delay (ms). */
  readonly bond_downdelay?: number;
  /** Bond up delay (ms). */
  readonly bond_updelay?: number;
  /** LACP rate (`fast` or `slow`). */
  readonly bond_lacp_rate?: string;
  /** Transmit hash policy. */
  readonly bond_xmit_hash_policy?: string;
  /** Peer notifications after a failover. */
  readonly bond_num_grat_arp?: number;
  /** Bridge type (`standard` or `ovs`). */
  readonly bridge_type?: string;
  /** Spanning tree on the bridge. */
  readonly bridge_stp?: boolean;
  /** Bridge forward delay (s). */
  readonly bridge_fd?: number;
  /** Other settings. */
  readonly [name: string]: unknown;
}

/** An address MAAS saw on an interface (wire names). */
export interface DiscoveredAddress {
  /** The address. */
  readonly ip_address: string;
  /** The subnet it is in, as MAAS sends a subnet. */
  readonly subnet: Readonly<WireData>;
}

// Links hold their interface, so they are kept per links list rather than through `nested`.
const linkLists = new WeakMap<object, InterfaceLink[]>();

/**
 * One link of an interface to a subnet (`links` of an interface): how it gets its address and
 * which one.
 *
 * @example
 * ```ts
 * import type { Interface } from "@libmaas/client";
 * function addresses(nic: Interface) {
 *   return nic.links.map((link) => `${link.mode} ${link.ipAddress ?? "-"} ${link.subnet?.cidr}`);
 * }
 * ```
 */
export class InterfaceLink {
  #interface: Interface;
  #data: WireData;

  /** Wraps one entry of an interface's `links`. */
  constructor(owner: Interface, data: WireData) {
    this.#interface = owner;
    this.#data = data;
  }

  /** The interface the link belongs to. */
  get interface(): Interface {
    return this.#interface;
  }

  /** The wire data of the link. */
  get data(): Readonly<WireData> {
    return this.#data;
  }

  /** Link id (what `unlinkSubnet` and `setDefaultGateway` take). */
  get id(): number {
    return this.#data.id as number;
  }

  /** `auto`, `dhcp`, `static` or `link_up`. */
  get mode(): LinkMode {
    return this.#data.mode as LinkMode;
  }

  /** The address, when one is assigned. */
  get ipAddress(): string | null {
    return (this.#data.ip_address as string | undefined) ?? null;
  }

  /** The linked subnet with its VLAN, or null for a bare `link_up`. */
  get subnet(): Subnet | null {
    return nested(this.#interface.client, this.#data.subnet, Subnet);
  }

  /** Removes the link; resolves to the interface's new state. */
  unlink(params?: ExtraParams, options?: CallOptions): Promise<Interface> {
    return this.#interface.unlinkSubnet(this, params, options);
  }

  /** Makes the gateway of this link's subnet the node's default gateway. */
  setAsDefaultGateway(params?: ExtraParams, options?: CallOptions): Promise<Interface> {
    return this.#interface.setDefaultGateway({ ...params, linkId: this }, options);
  }

  /** `InterfaceLink 7 static 10.0.0.5 10.0.0.0/24`. */
  toString(): string {
    const address = this.ipAddress ? ` ${this.ipAddress}` : "";
    const subnet = this.subnet ? ` ${this.subnet.cidr}` : "";
    return `InterfaceLink ${this.id} ${this.mode}${address}${subnet}`;
  }

  /** The wire data. */
  toJSON(): WireData {
    return this.#data;
  }

  /** Deno's inspector shows the short form. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * A network interface of a node. Change `name`, `macAddress`, `vlan`, `tags`, `mtu`, the bond or
 * bridge settings… and `save()`; `update()` also takes what no field holds (a bond's `parents`).
 * The ops link it to subnets.
 *
 * @example
 * ```ts
 * import type { Interface, Subnet } from "@libmaas/client";
 * async function staticAddress(nic: Interface, subnet: Subnet) {
 *   await nic.linkSubnet({ mode: "static", subnet, ipAddress: "10.0.0.20", defaultGateway: true });
 *   console.log(nic.links.map(String));
 * }
 * ```
 */
export class Interface extends MaasObject {
  /** Interface id. */
  declare readonly id: number;
  /** System id of the node. */
  declare readonly systemId: string;
  /** Name, e.g. `eth0`, `bond0`, `eth0.100`. */
  declare name: string;
  /** `physical`, `bond`, `bridge`, `vlan`… */
  declare readonly type: InterfaceType;
  /** MAC address, or null. */
  declare macAddress: string | null;
  /** Names of the parent interfaces (of a bond, bridge or VLAN interface). */
  declare readonly parents: string[];
  /** Names of the interfaces built on this one. */
  declare readonly children: string[];
  /** Tags (see also `addTag`, `removeTag`). */
  declare tags: string[];
  /** Whether the interface is configured. */
  declare enabled: boolean;
  /** The MTU in effect (its own, or its VLAN's). */
  declare readonly effectiveMtu: number;
  /** Vendor of the NIC, if known. */
  declare readonly vendor: string | null;
  /** Product name of the NIC, if known. */
  declare readonly product: string | null;
  /** Firmware version, if known. */
  declare readonly firmwareVersion: string | null;
  /** Whether a cable is connected. */
  declare linkConnected: boolean;
  /** Speed the NIC supports (Mbit/s). */
  declare interfaceSpeed: number;
  /** Speed of the link (Mbit/s). */
  declare linkSpeed: number;
  /** NUMA node of the NIC. */
  declare numaNode: number | null;
  /** Virtual functions the NIC supports (SR-IOV). */
  declare readonly sriovMaxVf: number;
  /** Addresses MAAS saw on the interface, or null. */
  declare readonly discovered: DiscoveredAddress[] | null;

  /** The MTU set on the interface (in `params`); set and `save()` to change it. */
  declare mtu: number | undefined;
  /** Whether IPv6 router advertisements are accepted (in `params`). */
  declare acceptRa: boolean | undefined;
  /** Stateless IPv6 autoconfiguration (in `params`; MAAS 2.9 and 3.0). */
  declare autoconf: boolean | undefined;
  /** Bond mode (bonds). */
  declare bondMode: BondMode | undefined;
  /** Link monitoring frequency in ms (bonds). */
  declare bondMiimon: number | undefined;
  /** Down delay in ms (bonds). */
  declare bondDowndelay: number | undefined;
  /** Up delay in ms (bonds). */
  declare bondUpdelay: number | undefined;
  /** LACP rate `fast` or `slow` (bonds). */
  declare bondLacpRate: BondLacpRate | undefined;
  /** Transmit hash policy (bonds). */
  declare bondXmitHashPolicy: BondXmitHashPolicy | undefined;
  /** Peer notifications after a failover (bonds). */
  declare bondNumGratArp: number | undefined;
  /** `standard` or `ovs` (bridges). */
  declare bridgeType: BridgeType | undefined;
  /** Spanning tree (bridges). */
  declare bridgeStp: boolean | undefined;
  /** Forward delay in seconds (bridges). */
  declare bridgeFd: number | undefined;

  /** The VLAN the interface is on, with its fabric's name and id; null when disconnected. */
  get vlan(): Vlan | null {
    return nested(this.client, this.get("vlan"), Vlan);
  }
  set vlan(value: Vlan | number | null) {
    this.set("vlan", value);
  }

  /** Extra settings as MAAS keeps them (MTU, bond and bridge options). */
  get params(): InterfaceParams {
    const params = this.data.params;
    return params && typeof params === "object" ? params as InterfaceParams : {};
  }

  /** The subnet links of the interface. */
  get links(): InterfaceLink[] {
    const value = this.get("links");
    if (!Array.isArray(value)) return [];
    let list = linkLists.get(value);
    if (list === undefined) {
      list = value.map((link: WireData) => new InterfaceLink(this, link));
      linkLists.set(value, list);
    }
    return list;
  }

  /** `nodes/{system_id}/interfaces/{id}/`. */
  get resourcePath(): string {
    return pathOf(INTERFACES.ops.read.path, this.data);
  }

  /** `Interface 12 eth0 physical 52:54:00:12:34:56`. */
  toString(): string {
    const mac = this.macAddress ? ` ${this.macAddress}` : "";
    return `Interface ${this.id} ${this.name} ${this.type}${mac}`;
  }

  /**
   * Changes the interface on the server and takes its answer: the options given, including what
   * no field of an interface holds (a bond's or bridge's `parents`, `ipAssignment`).
   */
  async update(params: UpdateInterfaceOptions, options?: CallOptions): Promise<this> {
    return await this.#op(INTERFACES.ops.update, params, options);
  }

  /** Removes the interface's links and VLAN. */
  async disconnect(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.#op(INTERFACES.ops.disconnect, params, options);
  }

  /** Adds a tag. */
  async addTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.#op(INTERFACES.ops.addTag, params, options, { tag });
  }

  /** Removes a tag. */
  async removeTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.#op(INTERFACES.ops.removeTag, params, options, { tag });
  }

  /** Links the interface to a subnet; the new link appears in `links`. */
  async linkSubnet(params: LinkSubnetOptions, options?: CallOptions): Promise<this> {
    // MAAS answers a field error after the fact; an auto or static link needs a subnet.
    const mode = params?.mode;
    if ((mode === "auto" || mode === "static") && params.subnet == null && !params.extra) {
      throw new ParameterError(`Missing required parameter "subnet" for mode ${mode}`);
    }
    return await this.#op(INTERFACES.ops.linkSubnet, params, options);
  }

  /** Removes a link (given as a link of `links` or its id). */
  async unlinkSubnet(
    link: InterfaceLink | number,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.#op(INTERFACES.ops.unlinkSubnet, params, options, { id: link });
  }

  /**
   * Makes the gateway of a linked subnet the node's default gateway. Name the link (`linkId`)
   * when the interface has more than one usable gateway of an address family.
   */
  async setDefaultGateway(
    params?: SetDefaultGatewayOptions,
    options?: CallOptions,
  ): Promise<this> {
    return await this.#op(INTERFACES.ops.setDefaultGateway, params, options);
  }

  async #op(
    op: Op<unknown>,
    params: unknown,
    options: CallOptions | undefined,
    set?: Readonly<Record<string, unknown>>,
  ): Promise<this> {
    return this.replace(
      await invoke(this.client, op, { path: this.resourcePath, params, set, call: options }),
    );
  }
}
defineObject(Interface, INTERFACES.fields, {
  read: INTERFACES.ops.read,
  update: INTERFACES.ops.update,
  delete: INTERFACES.ops.delete,
});

// Settings MAAS keeps in an interface's `params` and takes as top-level parameters of its update;
// it keeps `accept_ra` as `accept-ra`.
for (
  const name of [
    "mtu",
    "acceptRa",
    "autoconf",
    "bondMode",
    "bondMiimon",
    "bondDowndelay",
    "bondUpdelay",
    "bondLacpRate",
    "bondXmitHashPolicy",
    "bondNumGratArp",
    "bridgeType",
    "bridgeStp",
    "bridgeFd",
  ] as const
) {
  const wire = INTERFACES.ops.update.params[name].wire;
  const key = wire === "accept_ra" ? "accept-ra" : wire;
  Object.defineProperty(Interface.prototype, name, {
    configurable: true,
    enumerable: false,
    get(this: Interface) {
      return wire in this.changes ? this.changes[wire] : this.params[key];
    },
    set(this: Interface, value: unknown) {
      this.set(wire, value);
    },
  });
}

/**
 * The interfaces of one node (`machine.interfaces`, `device.interfaces`…): list, read and create
 * physical interfaces, bonds, bridges and VLAN interfaces.
 *
 * @example
 * ```ts
 * import type { NodeInterfaces } from "@libmaas/client";
 * async function bond(interfaces: NodeInterfaces) {
 *   const [eth0, eth1] = await interfaces.list();
 *   return await interfaces.createBond({ name: "bond0", parents: [eth0, eth1], bondMode: "802.3ad" });
 * }
 * ```
 */
export class NodeInterfaces extends Namespace {
  /** The node's system id. */
  readonly systemId: string;

  /** The interfaces of the node `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context);
    this.systemId = systemId;
  }

  /** Every interface of the node. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Interface[]> {
    return await listOf(this.context, INTERFACES.ops.list, Interface, "interfaces", {
      path: { system_id: this.systemId },
      params,
      call: options,
    });
  }

  /** One interface by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<Interface> {
    return await oneOf(this.context, INTERFACES.ops.read, Interface, "an interface", {
      path: { system_id: this.systemId, id },
      params,
      call: options,
    });
  }

  /** Adds a physical interface. */
  async createPhysical(params: CreatePhysicalOptions, options?: CallOptions): Promise<Interface> {
    return await this.#create(INTERFACES.ops.createPhysical, params, options);
  }

  /** Bonds physical interfaces of a machine (administrators only). */
  async createBond(params: CreateBondOptions, options?: CallOptions): Promise<Interface> {
    return await this.#create(INTERFACES.ops.createBond, params, options);
  }

  /** Puts a bridge on an interface of a machine (administrators only). */
  async createBridge(params: CreateBridgeOptions, options?: CallOptions): Promise<Interface> {
    return await this.#create(INTERFACES.ops.createBridge, params, options);
  }

  /** Adds a VLAN interface on an interface of a machine (administrators only). */
  async createVlan(
    params: CreateVlanInterfaceOptions,
    options?: CallOptions,
  ): Promise<Interface> {
    return await this.#create(INTERFACES.ops.createVlan, params, options);
  }

  async #create(
    op: Op<unknown>,
    params: unknown,
    options: CallOptions | undefined,
  ): Promise<Interface> {
    return await oneOf(this.context, op, Interface, "an interface", {
      path: { system_id: this.systemId },
      params,
      call: options,
    });
  }
}
