/**
 * Fan networks (`fannetworks/`, `fannetworks/{id}/`; MAAS 2.9 and 3.0): an overlay network mapped
 * onto an underlay one, for containers. Administrators make, change and delete them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function fan(client: Client) {
 *   return await client.fanNetworks.create({
 *     name: "fan-250",
 *     overlay: "250.0.0.0/8",
 *     underlay: "10.20.0.0/16",
 *   });
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, type ParamSpecs, pathOf } from "./spec.ts";

/** What a fan network may be given, new or changed. */
export interface FanNetworkSettings extends ExtraParams {
  /** Serve DHCP on the fan. */
  dhcp?: boolean;
  /** Overlay addresses kept back on each host (1 by default). */
  hostReserve?: number;
  /** The name of the bridge hosts make for the fan. */
  bridge?: string;
  /** Write the configuration but leave the fan off. */
  off?: boolean;
}

/** What a new fan network takes. */
export interface CreateFanNetworkOptions extends FanNetworkSettings {
  /** Name. */
  name: string;
  /** The overlay network (IPv4, such as `250.0.0.0/8`). */
  overlay: string;
  /** The underlay network the hosts are on (IPv4). */
  underlay: string;
}

/** What a fan network's `save()` sends: its changed fields. */
interface FanNetworkChanges extends FanNetworkSettings {
  name?: string;
  overlay?: string;
  underlay?: string;
}

const LINES = ["2.9", "3.0"] as const;
const GONE = "MAAS dropped fan networks after 3.0";
const SETTINGS: ParamSpecs<FanNetworkSettings> = {
  dhcp: { wire: "dhcp", kind: "boolean" },
  hostReserve: { wire: "host_reserve", kind: "integer" },
  bridge: { wire: "bridge", kind: "string" },
  off: { wire: "off", kind: "boolean" },
};

/** The fan networks family as MAAS's API has it: `fannetworks/` and `fannetworks/{id}/`. */
export const FAN_NETWORKS = family({
  name: "fanNetworks",
  handlers: { FanNetworksHandler: "fannetworks/", FanNetworkHandler: "fannetworks/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    overlay: { wire: "overlay", kind: "string", writable: true },
    underlay: { wire: "underlay", kind: "string", writable: true },
    dhcp: { wire: "dhcp", kind: "boolean", writable: true },
    hostReserve: { wire: "host_reserve", kind: "integer", writable: true },
    bridge: { wire: "bridge", kind: "string", writable: true },
    off: { wire: "off", kind: "boolean", writable: true },
  },
  ops: {
    list: op({
      handler: "FanNetworksHandler",
      method: "GET",
      lines: LINES,
      gone: GONE,
      typed: ["client.fanNetworks.list()"],
    }),
    create: op<CreateFanNetworkOptions>({
      handler: "FanNetworksHandler",
      method: "POST",
      lines: LINES,
      gone: GONE,
      typed: ["client.fanNetworks.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        overlay: { wire: "overlay", kind: "string", required: true },
        underlay: { wire: "underlay", kind: "string", required: true },
        ...SETTINGS,
      },
    }),
    read: op({
      handler: "FanNetworkHandler",
      method: "GET",
      lines: LINES,
      gone: GONE,
      typed: ["client.fanNetworks.get()", "fanNetwork.refresh()"],
    }),
    update: op<FanNetworkChanges>({
      handler: "FanNetworkHandler",
      method: "PUT",
      lines: LINES,
      gone: GONE,
      typed: ["fanNetwork.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        overlay: { wire: "overlay", kind: "string" },
        underlay: { wire: "underlay", kind: "string" },
        ...SETTINGS,
      },
    }),
    delete: op({
      handler: "FanNetworkHandler",
      method: "DELETE",
      lines: LINES,
      gone: GONE,
      typed: ["fanNetwork.delete()"],
    }),
  },
});

/**
 * A fan network. Change its fields and `save()`.
 *
 * @example
 * ```ts
 * import type { FanNetwork } from "@libmaas/client";
 * async function turnOff(fan: FanNetwork) {
 *   fan.off = true;
 *   await fan.save();
 * }
 * ```
 */
export class FanNetwork extends MaasObject {
  /** Fan network id. */
  declare readonly id: number;
  /** Name. */
  declare name: string;
  /** The overlay network. */
  declare overlay: string;
  /** The underlay network. */
  declare underlay: string;
  /** Whether fan DHCP is on, or null when unset. */
  declare dhcp: boolean | null;
  /** Overlay addresses kept back on each host, or null. */
  declare hostReserve: number | null;
  /** The bridge name hosts use, or null. */
  declare bridge: string | null;
  /** Whether the configuration is written but marked off. */
  declare off: boolean | null;

  /** `fannetworks/{id}/`. */
  get resourcePath(): string {
    return pathOf(FAN_NETWORKS.ops.read.path, this.data);
  }

  /** `FanNetwork 1 fan-250 250.0.0.0/8 over 10.20.0.0/16`. */
  toString(): string {
    return `FanNetwork ${this.id} ${this.name} ${this.overlay} over ${this.underlay}`;
  }
}
defineObject(FanNetwork, FAN_NETWORKS.fields, {
  read: FAN_NETWORKS.ops.read,
  update: FAN_NETWORKS.ops.update,
  delete: FAN_NETWORKS.ops.delete,
});

/**
 * `client.fanNetworks`: list, read and make fan networks (MAAS 2.9 and 3.0).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.fanNetworks.list()).map((fan) => fan.name);
 * }
 * ```
 */
export class FanNetworks extends Namespace {
  /** Every fan network. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<FanNetwork[]> {
    return await listOf(this.context, FAN_NETWORKS.ops.list, FanNetwork, "fan networks", {
      params,
      call: options,
    });
  }

  /** One fan network by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<FanNetwork> {
    return await oneOf(this.context, FAN_NETWORKS.ops.read, FanNetwork, "a fan network", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a fan network (administrators only). */
  async create(params: CreateFanNetworkOptions, options?: CallOptions): Promise<FanNetwork> {
    return await oneOf(this.context, FAN_NETWORKS.ops.create, FanNetwork, "a fan network", {
      params,
      call: options,
    });
  }
}
