/**
 * Networking: fabrics and their VLANs, subnets, spaces, IP ranges and static routes.
 *
 * Nested objects MAAS already sends (a subnet's VLAN, a fabric's VLANs, an IP range's subnet…)
 * are wrapped on first access and kept, so they are usable (and editable) without another request.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params, ParamValue } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  nested,
  nestedList,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import type { ExtraParams } from "./spec.ts";
import type { IPRangeType, RDNSMode } from "./enums.ts";
import { User } from "./users.ts";

// Wire names of the options this family takes, where they differ from the camelCase name.
const WIRE_NAMES: Readonly<Record<string, string>> = {
  classType: "class_type",
  dhcpOn: "dhcp_on",
  primaryRack: "primary_rack",
  secondaryRack: "secondary_rack",
  relayVlan: "relay_vlan",
  gatewayIp: "gateway_ip",
  dnsServers: "dns_servers",
  rdnsMode: "rdns_mode",
  allowDns: "allow_dns",
  allowProxy: "allow_proxy",
  activeDiscovery: "active_discovery",
  disabledBootArchitectures: "disabled_boot_architectures",
  startIp: "start_ip",
  endIp: "end_ip",
  ipAddress: "ip_address",
  withUsername: "with_username",
  withSummary: "with_summary",
  includeRanges: "include_ranges",
  includeSuggestions: "include_suggestions",
};

// How values of typed options (and of recorded changes) become wire values, by wire name.
const WIRE_VALUES: Readonly<Record<string, (value: unknown, name: string) => ParamValue>> = {
  fabric: (value, name) => reference(value, name, Fabric, ["number", "string"]),
  vlan: (value, name) => reference(value, name, Vlan, ["number"]),
  relay_vlan: (value, name) => value === null ? "" : reference(value, name, Vlan, ["number"]),
  subnet: (value, name) => reference(value, name, Subnet, ["number", "string"]),
  source: (value, name) => reference(value, name, Subnet, ["number", "string"]),
  destination: (value, name) => reference(value, name, Subnet, ["number", "string"]),
  primary_rack: rackValue,
  secondary_rack: rackValue,
  space: (value, name) => value === null ? "" : text(value, name),
  gateway_ip: (value, name) => value === null ? "" : text(value, name),
  dns_servers: (value, name) => stringList(value, name, (list) => list.length ? list : ""),
  disabled_boot_architectures: (value, name) => stringList(value, name, (list) => list.join(",")),
};

const CALL_OPTIONS = new Set(["signal", "timeout", "retries"]);

/** Splits an options object into call options and wire parameters, mapped in one place. */
export function toParams(options: object | null | undefined): [CallOptions, Params] {
  const call: Record<string, unknown> = {};
  const params: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(optionsOf(options))) {
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

/** Changes recorded by setters, in the form MAAS's update forms take. */
function changeParams(changes: WireData): Params {
  const params: Record<string, ParamValue> = {};
  for (const [wire, value] of Object.entries(changes)) params[wire] = convert(wire, value, wire);
  return params;
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
  Class: abstract new (...args: any[]) => MaasObject,
  kinds: readonly ("number" | "string")[],
): ParamValue {
  if (value instanceof Class) return value.get("id") as ParamValue;
  if ((kinds as readonly string[]).includes(typeof value) && value !== "") {
    return value as ParamValue;
  }
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be a ${Class.name} or its ${
      kinds.join(" or ")
    } id, got ${describe(value)}`,
  );
}

function rackValue(value: unknown, name: string): ParamValue {
  if (value === null) return "";
  if (value instanceof MaasObject) return value.get("system_id") as ParamValue;
  return text(value, name);
}

function text(value: unknown, name: string): ParamValue {
  if (typeof value !== "string") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a string, got ${describe(value)}`,
    );
  }
  return value;
}

function stringList(
  value: unknown,
  name: string,
  send: (list: string[]) => ParamValue,
): ParamValue {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a list of strings, got ${describe(value)}`,
    );
  }
  return send(list);
}

function idOf(
  value: unknown,
  name: string,
  // deno-lint-ignore no-explicit-any
  Class: abstract new (...args: any[]) => MaasObject,
): number {
  const id = value instanceof Class ? value.get("id") : value;
  if (typeof id !== "number") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a ${Class.name} or its id, got ${describe(value)}`,
    );
  }
  return id;
}

/**
 * A fabric: a set of interconnected VLANs. Every fabric has an untagged default VLAN (vid 0);
 * `fabric-0` is the default fabric and cannot be deleted.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   for (const fabric of await client.fabrics.list()) {
 *     console.log(String(fabric), fabric.vlans.map((vlan) => vlan.vid));
 *   }
 * }
 * ```
 */
export class Fabric extends MaasObject {
  /** Fabric id. */
  declare readonly id: number;
  /** Name (`fabric-N` unless renamed). */
  declare name: string;
  /** Class type (free text such as `10g`), or null. */
  declare classType: string | null;
  /** Description; MAAS does not send it back, but takes it on create and update. */
  declare description: string | undefined;

  /** The VLANs of the fabric, as sent with it (no request). */
  get vlans(): Vlan[] {
    return nestedList(this.client, this.get("vlans"), Vlan);
  }

  /** The untagged VLAN every fabric has (the lowest id), if sent. */
  get defaultVlan(): Vlan | undefined {
    let found: Vlan | undefined;
    for (const vlan of this.vlans) if (!found || vlan.id < found.id) found = vlan;
    return found;
  }

  /** `fabrics/{id}/`. */
  get resourcePath(): string {
    return apiPath`fabrics/${this.data.id}/`;
  }

  /** `Fabric 0 fabric-0`. */
  toString(): string {
    return `Fabric ${this.id} ${this.name}`;
  }

  /** How changes are sent. */
  protected override saveParams(changes: WireData): Params {
    return changeParams(changes);
  }
}
defineFields(Fabric, {
  id: "id",
  name: { wire: "name", writable: true },
  classType: { wire: "class_type", writable: true },
  description: { wire: "description", writable: true },
});

/** What a new fabric may have. */
export interface CreateFabricOptions extends CallOptions {
  /** Name; MAAS names it `fabric-N` when left out. */
  name?: string;
  /** Description. */
  description?: string;
  /** Class type, such as `10g`. */
  classType?: string;
}

/**
 * `client.fabrics`: list, read and create fabrics.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   const fabric = await client.fabrics.create({ name: "storage", classType: "10g" });
 *   console.log(String(fabric), String(fabric.defaultVlan));
 * }
 * ```
 */
export class Fabrics extends Namespace {
  /** Every fabric, each with its VLANs. */
  async list(options?: CallOptions): Promise<Fabric[]> {
    const data = await this.context.call("GET", "fabrics/", options);
    return expectList(data, "fabrics").map((item) => new Fabric(this.context, item));
  }

  /** One fabric by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Fabric> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`fabrics/${id}/`, options);
    return new Fabric(this.context, expectObject(data, "a fabric"));
  }

  /** Creates a fabric; MAAS gives it an untagged VLAN. */
  async create(options: CreateFabricOptions = {}): Promise<Fabric> {
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "fabrics/", { params, ...call });
    return new Fabric(this.context, expectObject(data, "a fabric"));
  }
}

/**
 * A VLAN of a fabric, addressed as `fabrics/{fabric_id}/vlans/{vid}/`. Change the fields and
 * call `save()`; changing `vid` renames the VLAN's tag (the old vid addresses the update).
 *
 * @example
 * ```ts
 * import type { Client, Vlan } from "@libmaas/client";
 * async function enableDhcp(client: Client, vlan: Vlan, rack: string) {
 *   vlan.primaryRack = rack;
 *   vlan.dhcpOn = true;
 *   await vlan.save();
 * }
 * ```
 */
export class Vlan extends MaasObject {
  /** Database id of the VLAN (what subnets and interfaces refer to). */
  declare readonly id: number;
  /** Name (`untagged` for a fabric's default VLAN). */
  declare name: string | null;
  /** The 802.1Q tag, 0 for untagged. */
  declare vid: number;
  /** Name of the fabric. */
  declare readonly fabric: string;
  /** Id of the fabric. */
  declare readonly fabricId: number;
  /** MTU of the VLAN. */
  declare mtu: number;
  /** Whether MAAS manages DHCP on the VLAN (needs a primary rack and a dynamic range). */
  declare dhcpOn: boolean;
  /** An external DHCP server MAAS saw on the VLAN, or null. */
  declare readonly externalDhcp: string | null;
  /** System id of the primary rack controller serving DHCP, or null. */
  declare primaryRack: string | null;
  /** System id of the secondary rack controller, or null. */
  declare secondaryRack: string | null;
  /** Name of the VLAN's space, `undefined` when it has none. Set null (or `undefined`) to clear. */
  declare space: string | null;
  /** Description; MAAS takes it on create and update. */
  declare description: string | undefined;

  /** The VLAN whose DHCP this VLAN relays to, or null; set it (or null) and `save()`. */
  get relayVlan(): Vlan | null {
    return nested(this.client, this.get("relay_vlan"), Vlan);
  }
  set relayVlan(value: Vlan | null) {
    this.set("relay_vlan", value);
  }

  /** `fabrics/{fabric_id}/vlans/{vid}/`, from the state on the server (not unsaved changes). */
  get resourcePath(): string {
    return apiPath`fabrics/${this.data.fabric_id}/vlans/${this.data.vid}/`;
  }

  /** `Vlan 5002 fabric-0.10` (fabric name and vid), with the name when it is not the vid. */
  toString(): string {
    const name = this.name && this.name !== String(this.vid) ? ` ${this.name}` : "";
    return `Vlan ${this.id} ${this.fabric}.${this.vid}${name}`;
  }

  /** How changes are sent (related objects by id, cleared racks and space as empty text). */
  protected override saveParams(changes: WireData): Params {
    return changeParams(changes);
  }
}
defineFields(Vlan, {
  id: "id",
  name: { wire: "name", writable: true },
  vid: { wire: "vid", writable: true },
  fabric: "fabric",
  fabricId: "fabric_id",
  mtu: { wire: "mtu", writable: true },
  dhcpOn: { wire: "dhcp_on", writable: true },
  externalDhcp: "external_dhcp",
  primaryRack: { wire: "primary_rack", writable: true },
  secondaryRack: { wire: "secondary_rack", writable: true },
  space: { wire: "space", writable: true },
  description: { wire: "description", writable: true },
});

/** What a new VLAN needs. */
export interface CreateVlanOptions extends CallOptions {
  /** The 802.1Q tag (1–4094). */
  vid: number;
  /** Name. */
  name?: string;
  /** Description. */
  description?: string;
  /** MTU (552–65535; default 1500). */
  mtu?: number;
  /** Space name; empty or `undefined` for none. */
  space?: string;
}

/**
 * `client.vlans`: the VLANs of a fabric.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function tagged(client: Client) {
 *   const vlan = await client.vlans.create(0, { vid: 100, name: "storage", mtu: 9000 });
 *   console.log(String(vlan));
 * }
 * ```
 */
export class Vlans extends Namespace {
  /** The VLANs of `fabric` (a fabric or its id). */
  async list(fabric: Fabric | number, options?: CallOptions): Promise<Vlan[]> {
    const id = idOf(fabric, "fabric", Fabric);
    const data = await this.context.call("GET", apiPath`fabrics/${id}/vlans/`, options);
    return expectList(data, "VLANs").map((item) => new Vlan(this.context, item));
  }

  /** The VLAN tagged `vid` on `fabric`; a missing one raises `NotFoundError`. */
  async get(fabric: Fabric | number, vid: number, options?: CallOptions): Promise<Vlan> {
    const id = idOf(fabric, "fabric", Fabric);
    required(vid, "vid", "number");
    const data = await this.context.call("GET", apiPath`fabrics/${id}/vlans/${vid}/`, options);
    return new Vlan(this.context, expectObject(data, "a VLAN"));
  }

  /** Creates a VLAN on `fabric`. */
  async create(fabric: Fabric | number, options: CreateVlanOptions): Promise<Vlan> {
    const id = idOf(fabric, "fabric", Fabric);
    required(options?.vid, "vid", "number");
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", apiPath`fabrics/${id}/vlans/`, {
      params,
      ...call,
    });
    return new Vlan(this.context, expectObject(data, "a VLAN"));
  }
}

/** One range of addresses of a subnet as `reserved_ip_ranges`/`unreserved_ip_ranges` send it. */
export interface IPRangeUsage {
  /** First address. */
  readonly start: string;
  /** Last address. */
  readonly end: string;
  /** How many addresses. */
  readonly num_addresses: number;
  /** Why the range is in use (`gateway-ip`, `assigned-ip`, `dynamic`, `reserved`…); reserved only. */
  readonly purpose?: readonly string[];
}

/** A subnet's usage, as `statistics` sends it (wire names). */
export interface SubnetStatistics {
  /** Addresses free. */
  readonly num_available: number;
  /** The largest run of free addresses. */
  readonly largest_available: number;
  /** Addresses in use or reserved. */
  readonly num_unavailable: number;
  /** All usable addresses. */
  readonly total_addresses: number;
  /** Fraction in use (0–1). */
  readonly usage: number;
  /** Usage as a percentage text, e.g. `9%`. */
  readonly usage_string: string;
  /** Free share as a percentage text. */
  readonly available_string: string;
  /** First usable address. */
  readonly first_address: string;
  /** Last usable address. */
  readonly last_address: string;
  /** 4 or 6. */
  readonly ip_version: number;
  /** Every range with its purpose, when asked for with `includeRanges`. */
  readonly ranges?: readonly IPRangeUsage[];
  /** Suggested gateway, when asked for with `includeSuggestions`. */
  readonly suggested_gateway?: string | null;
  /** Suggested dynamic range, when asked for with `includeSuggestions`. */
  readonly suggested_dynamic_range?: IPRangeUsage | null;
  /** Fields newer servers add. */
  readonly [field: string]: unknown;
}

/** An address used in a subnet, as `ip_addresses` sends it (wire names). */
export interface SubnetIPAddress {
  /** The address. */
  readonly ip: string;
  /** Allocation type number (0 auto, 1 sticky, 4 user reserved, 5 DHCP, 6 discovered). */
  readonly alloc_type: number;
  /** When it was allocated. */
  readonly created: string;
  /** When it last changed. */
  readonly updated: string;
  /** Owner's username, unless `withUsername` was false. */
  readonly user?: string;
  /** The node using it, unless `withSummary` was false. */
  readonly node_summary?: {
    readonly system_id: string;
    readonly node_type: number;
    readonly fqdn: string;
    readonly hostname: string;
    readonly is_container: boolean;
    readonly via?: string;
  };
  /** Fields newer servers add (BMCs, DNS records…). */
  readonly [field: string]: unknown;
}

/**
 * A subnet. Its VLAN (with the fabric's name and id) and its space come with it; to move it to
 * another VLAN set `vlan` and `save()`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function usage(client: Client) {
 *   for (const subnet of await client.subnets.list()) {
 *     const stats = await subnet.statistics();
 *     console.log(subnet.cidr, subnet.vlan?.fabric, stats.usage_string);
 *   }
 * }
 * ```
 */
export class Subnet extends MaasObject {
  /** Subnet id. */
  declare readonly id: number;
  /** Name (the CIDR unless named). */
  declare name: string;
  /** Description. */
  declare description: string;
  /** The network, e.g. `10.0.0.0/24`. */
  declare cidr: string;
  /** Name of the space of the subnet's VLAN, `undefined` when none. */
  declare readonly space: string;
  /** Gateway address, or null. */
  declare gatewayIp: string | null;
  /** DNS servers given to machines on the subnet. */
  declare dnsServers: string[];
  /** How reverse DNS is handled. */
  declare rdnsMode: RDNSMode;
  /** Whether MAAS probes the network for devices. */
  declare activeDiscovery: boolean;
  /** Whether MAAS DNS answers queries from the subnet. */
  declare allowDns: boolean;
  /** Whether the MAAS proxy serves the subnet. */
  declare allowProxy: boolean;
  /** Whether MAAS manages addresses on the subnet. */
  declare managed: boolean;
  /** Boot architectures DHCP does not answer on the subnet. */
  declare disabledBootArchitectures: string[];

  /** The subnet's VLAN as sent with it; set another VLAN and `save()` to move the subnet. */
  get vlan(): Vlan | null {
    return nested(this.client, this.get("vlan"), Vlan);
  }
  set vlan(value: Vlan) {
    this.set("vlan", value);
  }

  /** `subnets/{id}/`. */
  get resourcePath(): string {
    return apiPath`subnets/${this.data.id}/`;
  }

  /** `Subnet 1 10.0.0.0/24`, with the name when it differs from the CIDR. */
  toString(): string {
    const name = this.name && this.name !== this.cidr ? ` ${this.name}` : "";
    return `Subnet ${this.id} ${this.cidr}${name}`;
  }

  /**
   * Deletes the subnet. `force` deletes it even when nodes still use addresses of it.
   */
  override async delete(
    params: ExtraParams & { force?: boolean } = {},
    options?: CallOptions,
  ): Promise<void> {
    const { force, extra } = optionsOf(params);
    await this.call("DELETE", null, { ...extra, force }, options);
  }

  /** The addresses in use in the subnet, with who uses them. */
  async ipAddresses(
    options: CallOptions & { withUsername?: boolean; withSummary?: boolean } = {},
  ): Promise<SubnetIPAddress[]> {
    const [call, params] = toParams(options);
    const data = await this.call("GET", "ip_addresses", params, call);
    return expectList(data, "IP addresses") as unknown as SubnetIPAddress[];
  }

  /** How much of the subnet is used. */
  async statistics(
    options: CallOptions & { includeRanges?: boolean; includeSuggestions?: boolean } = {},
  ): Promise<SubnetStatistics> {
    const [call, params] = toParams(options);
    const data = await this.call("GET", "statistics", params, call);
    return expectObject(data, "subnet statistics") as SubnetStatistics;
  }

  /** The ranges of the subnet in use, with their purpose. */
  async reservedIpRanges(options?: CallOptions): Promise<IPRangeUsage[]> {
    const data = await this.call("GET", "reserved_ip_ranges", undefined, options);
    return expectList(data, "IP ranges") as unknown as IPRangeUsage[];
  }

  /** The free ranges of the subnet. */
  async unreservedIpRanges(options?: CallOptions): Promise<IPRangeUsage[]> {
    const data = await this.call("GET", "unreserved_ip_ranges", undefined, options);
    return expectList(data, "IP ranges") as unknown as IPRangeUsage[];
  }

  /** How changes are sent (the VLAN by id, lists as MAAS's forms read them). */
  protected override saveParams(changes: WireData): Params {
    return changeParams(changes);
  }
}
defineFields(Subnet, {
  id: "id",
  name: { wire: "name", writable: true },
  description: { wire: "description", writable: true },
  cidr: { wire: "cidr", writable: true },
  space: "space",
  gatewayIp: { wire: "gateway_ip", writable: true },
  dnsServers: { wire: "dns_servers", writable: true },
  rdnsMode: { wire: "rdns_mode", writable: true },
  activeDiscovery: { wire: "active_discovery", writable: true },
  allowDns: { wire: "allow_dns", writable: true },
  allowProxy: { wire: "allow_proxy", writable: true },
  managed: { wire: "managed", writable: true },
  disabledBootArchitectures: { wire: "disabled_boot_architectures", writable: true },
});

/** What a new subnet needs. Without `vlan`, MAAS picks `vid` on `fabric` (both default). */
export interface CreateSubnetOptions extends CallOptions {
  /** The network, e.g. `10.0.0.0/24`. */
  cidr: string;
  /** Name (default: the CIDR). */
  name?: string;
  /** Description. */
  description?: string;
  /** The VLAN (or its id). */
  vlan?: Vlan | number;
  /** The fabric (or its id or name), when no VLAN is given. */
  fabric?: Fabric | number | string;
  /** The VLAN's tag on `fabric`, when no VLAN is given. */
  vid?: number;
  /** Gateway address. */
  gatewayIp?: string;
  /** DNS servers. */
  dnsServers?: string[];
  /** Reverse DNS mode. */
  rdnsMode?: RDNSMode;
  /** Whether MAAS DNS answers the subnet (default true). */
  allowDns?: boolean;
  /** Whether the MAAS proxy serves the subnet (default true). */
  allowProxy?: boolean;
  /** Whether MAAS probes for devices. */
  activeDiscovery?: boolean;
  /** Whether MAAS manages the subnet (default true). */
  managed?: boolean;
  /** Boot architectures DHCP ignores. */
  disabledBootArchitectures?: string[];
}

/**
 * `client.subnets`: list, read and create subnets.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   return await client.subnets.create({ cidr: "10.20.0.0/24", gatewayIp: "10.20.0.1" });
 * }
 * ```
 */
export class Subnets extends Namespace {
  /** Every subnet. */
  async list(options?: CallOptions): Promise<Subnet[]> {
    const data = await this.context.call("GET", "subnets/", options);
    return expectList(data, "subnets").map((item) => new Subnet(this.context, item));
  }

  /**
   * One subnet by id, or by a specifier MAAS understands (`cidr:10.0.0.0/24`, `name:lab`); a
   * missing one raises `NotFoundError`.
   */
  async get(id: number | string, options?: CallOptions): Promise<Subnet> {
    if (typeof id !== "string") required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`subnets/${id}/`, options);
    return new Subnet(this.context, expectObject(data, "a subnet"));
  }

  /** Creates a subnet. */
  async create(options: CreateSubnetOptions): Promise<Subnet> {
    required(options?.cidr, "cidr", "string");
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "subnets/", { params, ...call });
    return new Subnet(this.context, expectObject(data, "a subnet"));
  }
}

/**
 * A space: VLANs (and so their subnets) grouped by purpose. VLANs without a space belong to the
 * pseudo-space `undefined` (id -1), which MAAS lists while such VLANs exist and never changes.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   for (const space of await client.spaces.list()) {
 *     console.log(space.name, space.subnets.map((subnet) => subnet.cidr));
 *   }
 * }
 * ```
 */
export class Space extends MaasObject {
  /** Space id (-1 for `undefined`). */
  declare readonly id: number;
  /** Name. */
  declare name: string;
  /** Description. */
  declare description: string;

  /** The VLANs in the space, as sent with it. */
  get vlans(): Vlan[] {
    return nestedList(this.client, this.get("vlans"), Vlan);
  }

  /** The subnets in the space, as sent with it. */
  get subnets(): Subnet[] {
    return nestedList(this.client, this.get("subnets"), Subnet);
  }

  /** `spaces/{id}/`. */
  get resourcePath(): string {
    return apiPath`spaces/${this.data.id}/`;
  }

  /** `Space 1 storage`. */
  toString(): string {
    return `Space ${this.id} ${this.name}`;
  }
}
defineFields(Space, {
  id: "id",
  name: { wire: "name", writable: true },
  description: { wire: "description", writable: true },
});

/**
 * `client.spaces`: list, read and create spaces.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   return await client.spaces.create({ name: "storage", description: "iSCSI" });
 * }
 * ```
 */
export class Spaces extends Namespace {
  /** Every space (with `undefined` while VLANs without a space exist). */
  async list(options?: CallOptions): Promise<Space[]> {
    const data = await this.context.call("GET", "spaces/", options);
    return expectList(data, "spaces").map((item) => new Space(this.context, item));
  }

  /** One space by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Space> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`spaces/${id}/`, options);
    return new Space(this.context, expectObject(data, "a space"));
  }

  /** Creates a space. */
  async create(
    options: CallOptions & { name: string; description?: string },
  ): Promise<Space> {
    required(options?.name, "name", "string");
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "spaces/", { params, ...call });
    return new Space(this.context, expectObject(data, "a space"));
  }
}

/**
 * A range of addresses of a subnet: `dynamic` (handed out by MAAS's DHCP) or `reserved` (never
 * used by MAAS).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function widen(client: Client, id: number) {
 *   const range = await client.ipRanges.get(id);
 *   range.endIp = "10.0.0.220";
 *   await range.save();
 * }
 * ```
 */
export class IPRange extends MaasObject {
  /** Range id. */
  declare readonly id: number;
  /** `dynamic` or `reserved`. */
  declare type: IPRangeType;
  /** First address (inclusive). */
  declare startIp: string;
  /** Last address (inclusive). */
  declare endIp: string;
  /** Comment. */
  declare comment: string;

  /** The subnet of the range, as sent with it. */
  get subnet(): Subnet | null {
    return nested(this.client, this.get("subnet"), Subnet);
  }

  /** The user who made the range, as sent with it. */
  get user(): User | null {
    return nested(this.client, this.get("user"), User);
  }

  /** `ipranges/{id}/`. */
  get resourcePath(): string {
    return apiPath`ipranges/${this.data.id}/`;
  }

  /** `IPRange 1 dynamic 10.0.0.100-10.0.0.200`. */
  toString(): string {
    return `IPRange ${this.id} ${this.type} ${this.startIp}-${this.endIp}`;
  }
}
defineFields(IPRange, {
  id: "id",
  type: { wire: "type", writable: true },
  startIp: { wire: "start_ip", writable: true },
  endIp: { wire: "end_ip", writable: true },
  comment: { wire: "comment", writable: true },
});

/** What a new IP range needs. */
export interface CreateIPRangeOptions extends CallOptions {
  /** `dynamic` or `reserved`. */
  type: IPRangeType;
  /** First address (inclusive). */
  startIp: string;
  /** Last address (inclusive). */
  endIp: string;
  /** The subnet (or its id or CIDR); MAAS finds it from `startIp` when left out. */
  subnet?: Subnet | number | string;
  /** Comment. */
  comment?: string;
}

/**
 * `client.ipRanges`: list, read and create IP ranges.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function dhcpPool(client: Client) {
 *   return await client.ipRanges.create({
 *     type: "dynamic",
 *     startIp: "10.0.0.100",
 *     endIp: "10.0.0.200",
 *     comment: "DHCP pool",
 *   });
 * }
 * ```
 */
export class IPRanges extends Namespace {
  /** Every IP range. */
  async list(options?: CallOptions): Promise<IPRange[]> {
    const data = await this.context.call("GET", "ipranges/", options);
    return expectList(data, "IP ranges").map((item) => new IPRange(this.context, item));
  }

  /** One range by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<IPRange> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`ipranges/${id}/`, options);
    return new IPRange(this.context, expectObject(data, "an IP range"));
  }

  /** Creates a range. */
  async create(options: CreateIPRangeOptions): Promise<IPRange> {
    required(options?.type, "type", "string");
    if (options.type !== "dynamic" && options.type !== "reserved") {
      throw new ParameterError(
        `Parameter "type" must be "dynamic" or "reserved", got ${JSON.stringify(options.type)}`,
      );
    }
    required(options.startIp, "startIp", "string");
    required(options.endIp, "endIp", "string");
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "ipranges/", { params, ...call });
    return new IPRange(this.context, expectObject(data, "an IP range"));
  }
}

/**
 * A static route from one subnet to another through a gateway in the source subnet.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function routes(client: Client) {
 *   for (const route of await client.staticRoutes.list()) console.log(String(route));
 * }
 * ```
 */
export class StaticRoute extends MaasObject {
  /** Route id. */
  declare readonly id: number;
  /** Gateway address (in the source subnet). */
  declare gatewayIp: string;
  /** Weight of the route. */
  declare metric: number;

  /** The subnet the route starts from; set another subnet and `save()` to change it. */
  get source(): Subnet | null {
    return nested(this.client, this.get("source"), Subnet);
  }
  set source(value: Subnet) {
    this.set("source", value);
  }

  /** The subnet the route leads to; set another subnet and `save()` to change it. */
  get destination(): Subnet | null {
    return nested(this.client, this.get("destination"), Subnet);
  }
  set destination(value: Subnet) {
    this.set("destination", value);
  }

  /** `static-routes/{id}/`. */
  get resourcePath(): string {
    return apiPath`static-routes/${this.data.id}/`;
  }

  /** `StaticRoute 1 10.0.0.0/24 -> 10.1.0.0/24 via 10.0.0.1`. */
  toString(): string {
    return `StaticRoute ${this.id} ${this.source?.cidr} -> ${this.destination?.cidr} via ${this.gatewayIp}`;
  }

  /** How changes are sent (subnets by id). */
  protected override saveParams(changes: WireData): Params {
    return changeParams(changes);
  }
}
defineFields(StaticRoute, {
  id: "id",
  gatewayIp: { wire: "gateway_ip", writable: true },
  metric: { wire: "metric", writable: true },
});

/** What a new static route needs. */
export interface CreateStaticRouteOptions extends CallOptions {
  /** The subnet the route starts from (or its id or CIDR). */
  source: Subnet | number | string;
  /** The subnet the route leads to (or its id or CIDR). */
  destination: Subnet | number | string;
  /** Gateway address in the source subnet. */
  gatewayIp: string;
  /** Weight (default 0). */
  metric?: number;
}

/**
 * `client.staticRoutes`: list, read and create static routes.
 *
 * @example
 * ```ts
 * import type { Client, Subnet } from "@libmaas/client";
 * async function route(client: Client, from: Subnet, to: Subnet) {
 *   return await client.staticRoutes.create({ source: from, destination: to, gatewayIp: "10.0.0.1" });
 * }
 * ```
 */
export class StaticRoutes extends Namespace {
  /** Every static route. */
  async list(options?: CallOptions): Promise<StaticRoute[]> {
    const data = await this.context.call("GET", "static-routes/", options);
    return expectList(data, "static routes").map((item) => new StaticRoute(this.context, item));
  }

  /** One route by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<StaticRoute> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`static-routes/${id}/`, options);
    return new StaticRoute(this.context, expectObject(data, "a static route"));
  }

  /** Creates a route. */
  async create(options: CreateStaticRouteOptions): Promise<StaticRoute> {
    if (options?.source === undefined || options.source === null) {
      throw new ParameterError('Missing required parameter "source"');
    }
    if (options.destination === undefined || options.destination === null) {
      throw new ParameterError('Missing required parameter "destination"');
    }
    required(options.gatewayIp, "gatewayIp", "string");
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "static-routes/", { params, ...call });
    return new StaticRoute(this.context, expectObject(data, "a static route"));
  }
}
