/**
 * Networks (`networks/`, `networks/{name}/`): how MAAS's API showed subnets before it had them.
 * Deprecated by MAAS, kept on every line: a network is a subnet seen the old way, named
 * `subnet-<id>`. It can be listed and read, and its connected MAC addresses listed; MAAS answers
 * 410 Gone to making, changing, deleting or connecting networks (use subnets and interfaces).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function shared(client: Client, a: string, b: string) {
 *   return (await client.networks.list({ node: [a, b] })).map((network) => network.description);
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { type NodeRef, SYSTEM_IDS } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { SPECIFIER, type SpecifierRef } from "./network_codecs.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { expectList } from "./wire.ts";

/** What {@linkcode Networks.list} takes. */
export interface ListNetworksOptions extends ExtraParams {
  /** Only the networks every one of these nodes (or system ids) is attached to. */
  node?: NodeRef | readonly NodeRef[];
}

const GONE = "MAAS answers 410 Gone on every line: the networks API is deprecated; use subnets " +
  "(and interfaces' links to them)";

/** The networks family as MAAS's API has it: `networks/` and `networks/{name}/`. */
export const NETWORKS = family({
  name: "networks",
  handlers: { NetworksHandler: "networks/", NetworkHandler: "networks/{name}/" },
  pathParams: { name: "integer or string" },
  fields: {
    name: { wire: "name", kind: "string" },
    ip: { wire: "ip", kind: "string" },
    netmask: { wire: "netmask", kind: "string" },
    vlanTag: { wire: "vlan_tag", kind: "integer" },
    description: { wire: "description", kind: "string" },
    defaultGateway: { wire: "default_gateway", kind: "string" },
    dnsServers: { wire: "dns_servers", kind: "strings" },
  },
  ops: {
    list: op<ListNetworksOptions>({
      handler: "NetworksHandler",
      method: "GET",
      typed: ["client.networks.list()"],
      params: { node: { wire: "node", kind: SYSTEM_IDS } },
    }),
    read: op({
      handler: "NetworkHandler",
      method: "GET",
      typed: ["client.networks.get()", "network.refresh()"],
    }),
    listConnectedMacs: op({
      handler: "NetworkHandler",
      method: "GET",
      op: "list_connected_macs",
      typed: ["network.listConnectedMacs()"],
    }),
  },
  untyped: {
    "NetworksHandler POST create": GONE,
    "NetworkHandler PUT update": GONE,
    "NetworkHandler DELETE delete": GONE,
    "NetworkHandler POST connect_macs": GONE,
    "NetworkHandler POST disconnect_macs": GONE,
  },
});

/**
 * A subnet as MAAS's deprecated networks API shows it.
 *
 * @example
 * ```ts
 * import type { Network } from "@libmaas/client";
 * function cidrOf(network: Network): string {
 *   return `${network.ip} mask ${network.netmask}`;
 * }
 * ```
 */
export class Network extends MaasObject {
  /** `subnet-<id>`. */
  declare readonly name: string;
  /** The network address. */
  declare readonly ip: string;
  /** The netmask. */
  declare readonly netmask: string;
  /** The tag of the subnet's VLAN. */
  declare readonly vlanTag: number;
  /** The subnet's name. */
  declare readonly description: string;
  /** The subnet's gateway, or null. */
  declare readonly defaultGateway: string | null;
  /** The subnet's DNS servers. */
  declare readonly dnsServers: string[];

  /**
   * `networks/{id}/`: MAAS names a network `subnet-<id>` but reads one by a subnet specifier, so
   * the id addresses it.
   */
  get resourcePath(): string {
    const id = /^subnet-(\d+)$/.exec(this.name)?.[1];
    return pathOf(NETWORKS.ops.read.path, { name: id === undefined ? this.name : Number(id) });
  }

  /** `Network subnet-1 10.20.0.0/255.255.240.0`. */
  toString(): string {
    return `Network ${this.name} ${this.ip}/${this.netmask}`;
  }

  /** The MAC addresses of the interfaces linked to the network, on the nodes the caller sees. */
  async listConnectedMacs(params?: ExtraParams, options?: CallOptions): Promise<string[]> {
    const answer = await invoke(this.client, NETWORKS.ops.listConnectedMacs, {
      path: this.resourcePath,
      params,
      call: options,
    });
    return expectList(answer, "MAC addresses").map((item) => String(item.mac_address));
  }
}
defineObject(Network, NETWORKS.fields, { read: NETWORKS.ops.read });

/**
 * `client.networks`: the deprecated networks API; use `client.subnets` in new code.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function macs(client: Client) {
 *   return await (await client.networks.get(1)).listConnectedMacs();
 * }
 * ```
 */
export class Networks extends Namespace {
  /** Every network (every subnet), or those every given node is attached to. */
  async list(params?: ListNetworksOptions, options?: CallOptions): Promise<Network[]> {
    return await listOf(this.context, NETWORKS.ops.list, Network, "networks", {
      params,
      call: options,
    });
  }

  /** The network of a subnet (its id or a specifier); a missing one raises `NotFoundError`. */
  async get(subnet: SpecifierRef, params?: ExtraParams, options?: CallOptions): Promise<Network> {
    return await oneOf(this.context, NETWORKS.ops.read, Network, "a network", {
      path: { name: SPECIFIER.encode(subnet, "subnet") },
      params,
      call: options,
    });
  }
}
