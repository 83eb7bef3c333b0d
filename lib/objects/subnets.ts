/**
 * Subnets (`subnets/`, `subnets/{id}/`, by id or specifier): each on a VLAN, with reports of its
 * addresses in use and free.
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
 *
 * @module
 */

import { COMMA_LIST } from "./codecs.ts";
import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import type { RDNSMode } from "./enums.ts";
import { type IdRef, OBJECT_ID, SPECIFIER, type SpecifierRef } from "./network_codecs.ts";
import { type ExtraParams, family, type Op, op, type ParamSpecs, pathOf } from "./spec.ts";
import { Vlan } from "./vlans.ts";
import { expectList, expectObject } from "./wire.ts";

/** What a subnet may be given, new or changed. Without `vlan`, MAAS picks `vid` on `fabric`. */
export interface SubnetSettings extends ExtraParams {
  /** Name (the CIDR unless named). */
  name?: string;
  /** What the subnet is for. */
  description?: string;
  /** The VLAN (or its id). */
  vlan?: IdRef;
  /** The fabric (or its id or name) whose VLAN `vid` to use when no VLAN is given. */
  fabric?: SpecifierRef;
  /** The tag of the VLAN to use on `fabric` (the default fabric when none) without `vlan`. */
  vid?: number;
  /** Gateway address, inside the subnet. */
  gatewayIp?: string;
  /** DNS servers for hosts on the subnet. */
  dnsServers?: string | readonly string[];
  /** Reverse DNS: 0 off, 1 on, 2 RFC 2317 (the default). */
  rdnsMode?: RDNSMode;
  /** Whether hosts on the subnet may use MAAS's DNS (default true). */
  allowDns?: boolean;
  /** Whether hosts on the subnet may use MAAS's proxy (default true). */
  allowProxy?: boolean;
  /** Whether MAAS scans the subnet for hosts. */
  activeDiscovery?: boolean;
  /** Whether MAAS manages the subnet's addresses (default true). */
  managed?: boolean;
  /** Boot architectures DHCP ignores on the subnet (MAAS 3.0 and later). */
  disabledBootArchitectures?: string | readonly string[];
}

/** What a new subnet takes. */
export interface CreateSubnetOptions extends SubnetSettings {
  /** The network, as address/prefix length (`10.0.0.0/24`). */
  cidr: string;
}

/** What {@linkcode Subnet.update} takes. */
export interface UpdateSubnetOptions extends SubnetSettings {
  /** A new network. */
  cidr?: string;
}

/** What {@linkcode Subnet.delete} takes. */
export interface DeleteSubnetOptions extends ExtraParams {
  /** Delete it even when nodes hold addresses of it (MAAS 3.7 and later). */
  force?: boolean;
}

/** What {@linkcode Subnet.statistics} takes. */
export interface SubnetStatisticsOptions extends ExtraParams {
  /** List every range, in use or free, with its purpose. */
  includeRanges?: boolean;
  /** Suggest a gateway and a dynamic range. */
  includeSuggestions?: boolean;
}

/** What {@linkcode Subnet.ipAddresses} takes. */
export interface SubnetIPAddressesOptions extends ExtraParams {
  /** Name the user of each address (default true). */
  withUsername?: boolean;
  /** Describe the node or DNS records of each address (default true). */
  withSummary?: boolean;
  /** The older name of `withSummary`: false leaves the summaries out too. */
  withNodeSummary?: boolean;
}

const SETTINGS: ParamSpecs<SubnetSettings> = {
  name: { wire: "name", kind: "string" },
  description: { wire: "description", kind: "string" },
  vlan: { wire: "vlan", kind: OBJECT_ID },
  fabric: { wire: "fabric", kind: SPECIFIER },
  vid: { wire: "vid", kind: "integer" },
  gatewayIp: { wire: "gateway_ip", kind: "string" },
  dnsServers: { wire: "dns_servers", kind: COMMA_LIST },
  rdnsMode: { wire: "rdns_mode", kind: "integer", values: [0, 1, 2] },
  allowDns: { wire: "allow_dns", kind: "boolean" },
  allowProxy: { wire: "allow_proxy", kind: "boolean" },
  activeDiscovery: { wire: "active_discovery", kind: "boolean" },
  managed: { wire: "managed", kind: "boolean" },
  disabledBootArchitectures: {
    wire: "disabled_boot_architectures",
    kind: COMMA_LIST,
    lines: ["3.0", "3.7", "3.8", "master"],
  },
};

const SPACE_REFUSED = "MAAS refuses it: a subnet's space is its VLAN's, set on the VLAN";

/** The subnets family as MAAS's API has it: `subnets/` and `subnets/{id}/`. */
export const SUBNETS = family({
  name: "subnets",
  handlers: { SubnetsHandler: "subnets/", SubnetHandler: "subnets/{id}/" },
  pathParams: { id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
    cidr: { wire: "cidr", kind: "string", writable: true },
    space: { wire: "space", kind: "string" },
    gatewayIp: { wire: "gateway_ip", kind: "string", writable: true },
    dnsServers: { wire: "dns_servers", kind: "strings", writable: true },
    rdnsMode: { wire: "rdns_mode", kind: "integer", writable: true },
    activeDiscovery: { wire: "active_discovery", kind: "boolean", writable: true },
    allowDns: { wire: "allow_dns", kind: "boolean", writable: true },
    allowProxy: { wire: "allow_proxy", kind: "boolean", writable: true },
    managed: { wire: "managed", kind: "boolean", writable: true },
    disabledBootArchitectures: {
      wire: "disabled_boot_architectures",
      kind: "strings",
      writable: true,
    },
  },
  ops: {
    list: op({ handler: "SubnetsHandler", method: "GET", typed: ["client.subnets.list()"] }),
    create: op<CreateSubnetOptions>({
      handler: "SubnetsHandler",
      method: "POST",
      typed: ["client.subnets.create()"],
      params: { cidr: { wire: "cidr", kind: "string", required: true }, ...SETTINGS },
    }),
    read: op({
      handler: "SubnetHandler",
      method: "GET",
      typed: ["client.subnets.get()", "subnet.refresh()"],
    }),
    update: op<UpdateSubnetOptions>({
      handler: "SubnetHandler",
      method: "PUT",
      typed: ["subnet.save()", "subnet.update()"],
      params: { cidr: { wire: "cidr", kind: "string" }, ...SETTINGS },
    }),
    delete: op<DeleteSubnetOptions>({
      handler: "SubnetHandler",
      method: "DELETE",
      typed: ["subnet.delete()"],
      params: { force: { wire: "force", kind: "boolean", lines: ["3.7", "3.8", "master"] } },
    }),
    reservedIpRanges: op({
      handler: "SubnetHandler",
      method: "GET",
      op: "reserved_ip_ranges",
      typed: ["subnet.reservedIpRanges()"],
    }),
    unreservedIpRanges: op({
      handler: "SubnetHandler",
      method: "GET",
      op: "unreserved_ip_ranges",
      typed: ["subnet.unreservedIpRanges()"],
    }),
    statistics: op<SubnetStatisticsOptions>({
      handler: "SubnetHandler",
      method: "GET",
      op: "statistics",
      typed: ["subnet.statistics()"],
      params: {
        includeRanges: { wire: "include_ranges", kind: "boolean" },
        includeSuggestions: { wire: "include_suggestions", kind: "boolean" },
      },
    }),
    ipAddresses: op<SubnetIPAddressesOptions>({
      handler: "SubnetHandler",
      method: "GET",
      op: "ip_addresses",
      typed: ["subnet.ipAddresses()"],
      params: {
        withUsername: { wire: "with_username", kind: "boolean" },
        withSummary: { wire: "with_summary", kind: "boolean" },
        withNodeSummary: { wire: "with_node_summary", kind: "boolean" },
      },
    }),
  },
  untyped: {
    "SubnetsHandler POST create space": SPACE_REFUSED,
    "SubnetHandler PUT update space": SPACE_REFUSED,
  },
});

/** One range of addresses of a subnet as `reserved_ip_ranges`/`unreserved_ip_ranges` send it. */
export interface IPRangeUsage {
  /** First address. */
  readonly start: string;
  /** Last address. */
  readonly end: string;
  /** How many addresses. */
  readonly num_addresses: number;
  /** Why the range is in use (`gateway-ip`, `assigned-ip`, `dynamic`, `reserved`…); in use only. */
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
 * import type { Subnet } from "@libmaas/client";
 * async function free(subnet: Subnet) {
 *   return (await subnet.unreservedIpRanges()).map((range) => `${range.start}-${range.end}`);
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
  /** DNS servers given to hosts on the subnet. */
  declare dnsServers: string[];
  /** How reverse DNS is handled. */
  declare rdnsMode: RDNSMode;
  /** Whether MAAS scans the network for hosts. */
  declare activeDiscovery: boolean;
  /** Whether hosts on the subnet may use MAAS's DNS. */
  declare allowDns: boolean;
  /** Whether hosts on the subnet may use MAAS's proxy. */
  declare allowProxy: boolean;
  /** Whether MAAS manages addresses on the subnet. */
  declare managed: boolean;
  /** Boot architectures DHCP does not answer on the subnet. */
  declare disabledBootArchitectures: string[];

  /** The subnet's VLAN as sent with it; set another VLAN and `save()` to move the subnet. */
  get vlan(): Vlan | null {
    return nested(this.client, this.get("vlan"), Vlan);
  }
  set vlan(value: Vlan | null) {
    this.set("vlan", value);
  }

  /** `subnets/{id}/`. */
  get resourcePath(): string {
    return pathOf(SUBNETS.ops.read.path, this.data);
  }

  /** `Subnet 1 10.0.0.0/24`, with the name when it is not the CIDR. */
  toString(): string {
    const name = this.name && this.name !== this.cidr ? ` ${this.name}` : "";
    return `Subnet ${this.id} ${this.cidr}${name}`;
  }

  /**
   * Changes the subnet on the server and takes its answer: the options given, including those
   * that are no field of a subnet (`fabric` and `vid`, to pick its VLAN).
   */
  async update(params: UpdateSubnetOptions, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, SUBNETS.ops.update, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }

  /** Deletes the subnet; `force` deletes it even when nodes hold addresses of it. */
  override async delete(params?: DeleteSubnetOptions, options?: CallOptions): Promise<void> {
    await super.delete(params, options);
  }

  /** The addresses in use in the subnet, with who uses them. */
  async ipAddresses(
    params?: SubnetIPAddressesOptions,
    options?: CallOptions,
  ): Promise<SubnetIPAddress[]> {
    const answer = await this.#report(SUBNETS.ops.ipAddresses, params, options);
    return expectList(answer, "IP addresses") as SubnetIPAddress[];
  }

  /** How much of the subnet is in use. */
  async statistics(
    params?: SubnetStatisticsOptions,
    options?: CallOptions,
  ): Promise<SubnetStatistics> {
    const answer = await this.#report(SUBNETS.ops.statistics, params, options);
    return expectObject(answer, "subnet statistics") as SubnetStatistics;
  }

  /** The ranges of the subnet in use, with their purposes. */
  async reservedIpRanges(params?: ExtraParams, options?: CallOptions): Promise<IPRangeUsage[]> {
    const answer = await this.#report(SUBNETS.ops.reservedIpRanges, params, options);
    return expectList(answer, "IP ranges") as unknown as IPRangeUsage[];
  }

  /** The free ranges of the subnet. */
  async unreservedIpRanges(params?: ExtraParams, options?: CallOptions): Promise<IPRangeUsage[]> {
    const answer = await this.#report(SUBNETS.ops.unreservedIpRanges, params, options);
    return expectList(answer, "IP ranges") as unknown as IPRangeUsage[];
  }

  #report(op: Op<unknown>, params: unknown, options: CallOptions | undefined): Promise<unknown> {
    return invoke(this.client, op, { path: this.resourcePath, params, call: options });
  }
}
defineObject(Subnet, SUBNETS.fields, {
  read: SUBNETS.ops.read,
  update: SUBNETS.ops.update,
  delete: SUBNETS.ops.delete,
});

/**
 * `client.subnets`: list, read and create subnets.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   return await client.subnets.create({ cidr: "10.30.0.0/24", gatewayIp: "10.30.0.1" });
 * }
 * ```
 */
export class Subnets extends Namespace {
  /** Every subnet. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Subnet[]> {
    return await listOf(this.context, SUBNETS.ops.list, Subnet, "subnets", {
      params,
      call: options,
    });
  }

  /**
   * One subnet by id, or by a specifier MAAS understands (`cidr:10.0.0.0/24`, `name:lab`,
   * `ip:10.0.0.7`); a missing one raises `NotFoundError`.
   */
  async get(id: SpecifierRef, params?: ExtraParams, options?: CallOptions): Promise<Subnet> {
    return await oneOf(this.context, SUBNETS.ops.read, Subnet, "a subnet", {
      path: { id: SPECIFIER.encode(id, "id") },
      params,
      call: options,
    });
  }

  /** Creates a subnet (administrators only). */
  async create(params: CreateSubnetOptions, options?: CallOptions): Promise<Subnet> {
    return await oneOf(this.context, SUBNETS.ops.create, Subnet, "a subnet", {
      params,
      call: options,
    });
  }
}
