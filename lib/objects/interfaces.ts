/**
 * A node's network interfaces: physical NICs, bonds, bridges and VLAN interfaces, and how each is
 * linked to subnets.
 *
 * MAAS changes a machine's interfaces only while it is New, Ready, Allocated, Broken or Failed
 * testing (updates also while Deployed); otherwise it answers 409 (`ConflictError`).
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params, ParamValue } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  nested,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import type { InterfaceType, LinkMode } from "./enums.ts";
import { Subnet, Vlan } from "./networking.ts";

// Links hold their interface, so they are kept per links list rather than through `nested`.
const linkLists = new WeakMap<object, InterfaceLink[]>();

// Wire names of the options of this family, where they differ from the camelCase name.
const WIRE_NAMES: Readonly<Record<string, string>> = {
  macAddress: "mac_address",
  acceptRa: "accept_ra",
  bondMode: "bond_mode",
  bondMiimon: "bond_miimon",
  bondDowndelay: "bond_downdelay",
  bondUpdelay: "bond_updelay",
  bondLacpRate: "bond_lacp_rate",
  bondXmitHashPolicy: "bond_xmit_hash_policy",
  bondNumGratArp: "bond_num_grat_arp",
  bridgeType: "bridge_type",
  bridgeStp: "bridge_stp",
  bridgeFd: "bridge_fd",
  linkConnected: "link_connected",
  interfaceSpeed: "interface_speed",
  linkSpeed: "link_speed",
  ipAddress: "ip_address",
  defaultGateway: "default_gateway",
  linkId: "link_id",
};

// How values of options (and of recorded changes) become wire values, by wire name.
const WIRE_VALUES: Readonly<Record<string, (value: unknown, name: string) => ParamValue>> = {
  vlan: (value, name) => value === null ? "" : reference(value, name, Vlan, "number"),
  subnet: (value, name) => reference(value, name, Subnet, "number", "string"),
  parent: (value, name) => reference(value, name, Interface, "number"),
  parents: (value, name) => {
    if (!Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} must be a list of interfaces or ids, got ${
          describe(value)
        }`,
      );
    }
    return value.map((item) => reference(item, name, Interface, "number"));
  },
  link_id: (value, name) => reference(value, name, InterfaceLink, "number"),
  id: (value, name) => reference(value, name, InterfaceLink, "number"),
  tags: (value, name) => {
    if (!Array.isArray(value) || value.some((tag) => typeof tag !== "string")) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} must be a list of strings, got ${describe(value)}`,
      );
    }
    return value.join(",");
  },
};

const CALL_OPTIONS = new Set(["signal", "timeout", "retries"]);

function toParams(options: object): [CallOptions, Params] {
  const call: Record<string, unknown> = {};
  const params: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (CALL_OPTIONS.has(name)) {
      call[name] = value;
      continue;
    }
    const wire = WIRE_NAMES[name] ?? name;
    params[wire] = convert(wire, value, name);
  }
  return [call as CallOptions, params];
}

function convert(wire: string, value: unknown, name: string): ParamValue {
  const make = WIRE_VALUES[wire];
  if (make) return make(value, name);
  if (value instanceof MaasObject) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} cannot be given as an object`);
  }
  return value as ParamValue;
}

function reference(
  value: unknown,
  name: string,
  // deno-lint-ignore no-explicit-any
  Class: abstract new (...args: any[]) => { readonly id: number },
  ...kinds: ("number" | "string")[]
): ParamValue {
  if (value instanceof Class) return value.id;
  if ((kinds as string[]).includes(typeof value) && value !== "") return value as ParamValue;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be a ${Class.name} or its ${
      kinds.join(" or ")
    } id, got ${describe(value)}`,
  );
}

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
  unlink(options?: CallOptions): Promise<Interface> {
    return this.#interface.unlinkSubnet(this, options);
  }

  /** Makes the gateway of this link's subnet the node's default gateway. */
  setAsDefaultGateway(options?: CallOptions): Promise<Interface> {
    return this.#interface.setDefaultGateway({ link: this, ...options });
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

/** What `linkSubnet` takes. */
export interface LinkSubnetOptions extends CallOptions {
  /** `auto` (address given at deploy), `dhcp`, `static` or `link_up` (no address). */
  mode: LinkMode;
  /** The subnet (or its id or CIDR); needed by `auto` and `static`. */
  subnet?: Subnet | number | string;
  /** For `static`: the address (default: a free one of the subnet). */
  ipAddress?: string;
  /** For `auto` and `static`: make the subnet's gateway the node's default gateway. */
  defaultGateway?: boolean;
  /** Replace every other link (and allow a subnet of another VLAN). */
  force?: boolean;
}

/**
 * A network interface of a node. Change `name`, `macAddress`, `vlan`, `tags`, `mtu`, the bond or
 * bridge options… and call `save()`; the ops link it to subnets.
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
  /** The MTU in effect (own, or from the VLAN). */
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
  declare readonly numaNode: number | null;
  /** Virtual functions the NIC supports (SR-IOV). */
  declare readonly sriovMaxVf: number;
  /** Addresses MAAS saw on the interface, or null. */
  declare readonly discovered: DiscoveredAddress[] | null;

  /** The MTU set on the interface (in `params`); set and `save()` to change it. */
  declare mtu: number | undefined;
  /** Whether IPv6 router advertisements are accepted (in `params`). */
  declare acceptRa: boolean | undefined;
  /** Bond mode (bonds). */
  declare bondMode: string | undefined;
  /** Link monitoring frequency in ms (bonds). */
  declare bondMiimon: number | undefined;
  /** Down delay in ms (bonds). */
  declare bondDowndelay: number | undefined;
  /** Up delay in ms (bonds). */
  declare bondUpdelay: number | undefined;
  /** LACP rate `fast` or `slow` (bonds). */
  declare bondLacpRate: string | undefined;
  /** Transmit hash policy (bonds). */
  declare bondXmitHashPolicy: string | undefined;
  /** Peer notifications after a failover (bonds). */
  declare bondNumGratArp: number | undefined;
  /** `standard` or `ovs` (bridges). */
  declare bridgeType: string | undefined;
  /** Spanning tree (bridges). */
  declare bridgeStp: boolean | undefined;
  /** Forward delay in seconds (bridges). */
  declare bridgeFd: number | undefined;

  /** The VLAN the interface is on, with its fabric's name and id; null when disconnected. */
  get vlan(): Vlan | null {
    return nested(this.client, this.get("vlan"), Vlan);
  }
  set vlan(value: Vlan | null) {
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
    return apiPath`nodes/${this.data.system_id}/interfaces/${this.data.id}/`;
  }

  /** `Interface 12 eth0 physical 52:54:00:12:34:56`. */
  toString(): string {
    const mac = this.macAddress ? ` ${this.macAddress}` : "";
    return `Interface ${this.id} ${this.name} ${this.type}${mac}`;
  }

  /** How changes are sent: the VLAN by id, tags as a list, settings as top-level fields. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, ParamValue> = {};
    for (const [wire, value] of Object.entries(changes)) {
      params[wire] = convert(wire, value, wire);
    }
    return params;
  }

  /** Removes the interface's links and VLAN. */
  async disconnect(options?: CallOptions): Promise<this> {
    return await this.op("POST", "disconnect", undefined, options);
  }

  /** Adds a tag. */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    required(tag, "tag", "string");
    return await this.op("POST", "add_tag", { tag }, options);
  }

  /** Removes a tag. */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    required(tag, "tag", "string");
    return await this.op("POST", "remove_tag", { tag }, options);
  }

  /** Links the interface to a subnet; the new link appears in `links`. */
  async linkSubnet(options: LinkSubnetOptions): Promise<this> {
    required(options?.mode, "mode", "string");
    if (
      (options.mode === "auto" || options.mode === "static") &&
      (options.subnet === undefined || options.subnet === null)
    ) {
      throw new ParameterError(`Missing required parameter "subnet" for mode ${options.mode}`);
    }
    const [call, params] = toParams(options);
    return await this.op("POST", "link_subnet", params, call);
  }

  /** Removes a link (given as a link of `links` or its id). */
  async unlinkSubnet(link: InterfaceLink | number, options?: CallOptions): Promise<this> {
    const [call, params] = toParams({ ...options, id: link });
    return await this.op("POST", "unlink_subnet", params, call);
  }

  /**
   * Makes the gateway of a linked subnet the node's default gateway. Name the `link` when the
   * interface has more than one gateway of an address family.
   */
  async setDefaultGateway(
    options: CallOptions & { link?: InterfaceLink | number } = {},
  ): Promise<this> {
    const { link, ...rest } = optionsOf(options);
    const [call, params] = toParams({ ...rest, linkId: link });
    return await this.op("POST", "set_default_gateway", params, call);
  }
}
defineFields(Interface, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  type: "type",
  macAddress: { wire: "mac_address", writable: true },
  parents: "parents",
  children: "children",
  tags: { wire: "tags", writable: true },
  enabled: { wire: "enabled", writable: true },
  effectiveMtu: "effective_mtu",
  vendor: "vendor",
  product: "product",
  firmwareVersion: "firmware_version",
  linkConnected: { wire: "link_connected", writable: true },
  interfaceSpeed: { wire: "interface_speed", writable: true },
  linkSpeed: { wire: "link_speed", writable: true },
  numaNode: "numa_node",
  sriovMaxVf: "sriov_max_vf",
  discovered: "discovered",
});

// Settings read from `params` (under MAAS's own key) and written as top-level form fields.
for (
  const [name, wire, key] of [
    ["mtu", "mtu", "mtu"],
    ["acceptRa", "accept_ra", "accept-ra"],
    ["bondMode", "bond_mode", "bond_mode"],
    ["bondMiimon", "bond_miimon", "bond_miimon"],
    ["bondDowndelay", "bond_downdelay", "bond_downdelay"],
    ["bondUpdelay", "bond_updelay", "bond_updelay"],
    ["bondLacpRate", "bond_lacp_rate", "bond_lacp_rate"],
    ["bondXmitHashPolicy", "bond_xmit_hash_policy", "bond_xmit_hash_policy"],
    ["bondNumGratArp", "bond_num_grat_arp", "bond_num_grat_arp"],
    ["bridgeType", "bridge_type", "bridge_type"],
    ["bridgeStp", "bridge_stp", "bridge_stp"],
    ["bridgeFd", "bridge_fd", "bridge_fd"],
  ] as const
) {
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

/** Options every new interface may have. */
export interface CreateInterfaceOptions extends CallOptions {
  /** Tags. */
  tags?: string[];
  /** MTU. */
  mtu?: number;
  /** Accept IPv6 router advertisements. */
  acceptRa?: boolean;
}

/** What a new physical interface needs. */
export interface CreatePhysicalOptions extends CreateInterfaceOptions {
  /** MAC address. */
  macAddress: string;
  /** Name (default: the next free `ethN`). */
  name?: string;
  /** Untagged VLAN (or its id); none leaves the interface disconnected. */
  vlan?: Vlan | number;
}

/** What a new bond needs. */
export interface CreateBondOptions extends CreateInterfaceOptions {
  /** Name, e.g. `bond0`. */
  name: string;
  /** The interfaces (or their ids) to bond; all on the same VLAN. */
  parents: (Interface | number)[];
  /** MAC address (default: the first parent's). */
  macAddress?: string;
  /** VLAN (default: the parents'). */
  vlan?: Vlan | number;
  /** Bonding mode (default `balance-rr`). */
  bondMode?:
    | "balance-rr"
    | "active-backup"
    | "balance-xor"
    | "broadcast"
    | "802.3ad"
    | "balance-tlb"
    | "balance-alb";
  /** Link monitoring frequency in ms (default 100). */
  bondMiimon?: number;
  /** Wait before disabling a failed member, in ms. */
  bondDowndelay?: number;
  /** Wait before enabling a recovered member, in ms. */
  bondUpdelay?: number;
  /** LACPDU rate for 802.3ad (default `fast`). */
  bondLacpRate?: "fast" | "slow";
  /** Transmit hash policy (default `layer2`). */
  bondXmitHashPolicy?: "layer2" | "layer2+3" | "layer3+4" | "encap2+3" | "encap3+4";
  /** Peer notifications after a failover (default 1). */
  bondNumGratArp?: number;
}

/** What a new bridge needs. */
export interface CreateBridgeOptions extends CreateInterfaceOptions {
  /** Name, e.g. `br0`. */
  name: string;
  /** The interface (or its id) to bridge. */
  parent: Interface | number;
  /** MAC address (default: the parent's). */
  macAddress?: string;
  /** VLAN (default: the parent's; not settable on an allocated machine). */
  vlan?: Vlan | number;
  /** `standard` (default) or `ovs`. */
  bridgeType?: "standard" | "ovs";
  /** Spanning tree (default off). */
  bridgeStp?: boolean;
  /** Forward delay in seconds (default 15). */
  bridgeFd?: number;
}

/** What a new VLAN interface needs. */
export interface CreateVlanInterfaceOptions extends CreateInterfaceOptions {
  /** The tagged VLAN (or its id), on the parent's fabric. */
  vlan: Vlan | number;
  /** The interface (or its id) the VLAN rides on. */
  parent: Interface | number;
}

/**
 * The interfaces of one node (`machine.interfaces`): list, read and create physical
 * interfaces, bonds, bridges and VLAN interfaces.
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
  /** Interfaces of the node `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context);
    this.systemId = systemId;
  }

  get #path(): string {
    return apiPath`nodes/${this.systemId}/interfaces/`;
  }

  /** Every interface of the node. */
  async list(options?: CallOptions): Promise<Interface[]> {
    const data = await this.context.call("GET", this.#path, options);
    return expectList(data, "interfaces").map((item) => new Interface(this.context, item));
  }

  /** One interface by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Interface> {
    required(id, "id", "number");
    const data = await this.context.call("GET", `${this.#path}${apiPath`${id}/`}`, options);
    return new Interface(this.context, expectObject(data, "an interface"));
  }

  /** Adds a physical interface. */
  async createPhysical(options: CreatePhysicalOptions): Promise<Interface> {
    required(options?.macAddress, "macAddress", "string");
    return await this.#create("create_physical", options);
  }

  /** Bonds interfaces together. */
  async createBond(options: CreateBondOptions): Promise<Interface> {
    required(options?.name, "name", "string");
    if (!Array.isArray(options.parents) || options.parents.length === 0) {
      throw new ParameterError('Missing required parameter "parents"');
    }
    return await this.#create("create_bond", options);
  }

  /** Puts a bridge on an interface. */
  async createBridge(options: CreateBridgeOptions): Promise<Interface> {
    required(options?.name, "name", "string");
    if (options.parent === undefined || options.parent === null) {
      throw new ParameterError('Missing required parameter "parent"');
    }
    return await this.#create("create_bridge", options);
  }

  /** Adds a VLAN interface on a parent interface. */
  async createVlan(options: CreateVlanInterfaceOptions): Promise<Interface> {
    if (options?.vlan === undefined || options.vlan === null) {
      throw new ParameterError('Missing required parameter "vlan"');
    }
    if (options.parent === undefined || options.parent === null) {
      throw new ParameterError('Missing required parameter "parent"');
    }
    return await this.#create("create_vlan", options);
  }

  async #create(op: string, options: object): Promise<Interface> {
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", this.#path, { op, params, ...call });
    return new Interface(this.context, expectObject(data, "an interface"));
  }
}
