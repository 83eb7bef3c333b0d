/**
 * IP ranges (`ipranges/`, `ipranges/{id}/`): ranges of a subnet's addresses, `dynamic` (handed out
 * by MAAS's DHCP) or `reserved` (never used by MAAS). Anyone may make a reserved range; dynamic
 * ones are administrators'. A range is changed or deleted by its owner or an administrator.
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
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import type { IPRangeType } from "./enums.ts";
import { SPECIFIER, type SpecifierRef, USERNAME } from "./network_codecs.ts";
import { type ExtraParams, family, op, type ParamSpecs, pathOf } from "./spec.ts";
import { Subnet } from "./subnets.ts";
import { User } from "./users.ts";

/** What a range may be given, new or changed. */
export interface IPRangeSettings extends ExtraParams {
  /** The range's subnet (a subnet, its id or a specifier); found from `startIp` when left out. */
  subnet?: SpecifierRef;
  /** What the range is for. */
  comment?: string;
  /** Its owner (a user or a username; administrators only, the caller by default). */
  user?: string | { readonly username: string };
}

/** What a new range takes. */
export interface CreateIPRangeOptions extends IPRangeSettings {
  /** `dynamic` (handed out by MAAS's DHCP; administrators only) or `reserved`. */
  type: IPRangeType;
  /** First address (inclusive). */
  startIp: string;
  /** Last address (inclusive). */
  endIp: string;
}

/** What {@linkcode IPRange.update} takes. */
export interface UpdateIPRangeOptions extends IPRangeSettings {
  /** A new type. */
  type?: IPRangeType;
  /** A new first address. */
  startIp?: string;
  /** A new last address. */
  endIp?: string;
}

const SETTINGS: ParamSpecs<IPRangeSettings> = {
  subnet: { wire: "subnet", kind: SPECIFIER },
  comment: { wire: "comment", kind: "string" },
  user: { wire: "user", kind: USERNAME },
};
const TYPES: readonly IPRangeType[] = ["dynamic", "reserved"];

/** The IP ranges family as MAAS's API has it: `ipranges/` and `ipranges/{id}/`. */
export const IP_RANGES = family({
  name: "ipRanges",
  handlers: { IPRangesHandler: "ipranges/", IPRangeHandler: "ipranges/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    type: { wire: "type", kind: "string", writable: true },
    startIp: { wire: "start_ip", kind: "string", writable: true },
    endIp: { wire: "end_ip", kind: "string", writable: true },
    comment: { wire: "comment", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "IPRangesHandler", method: "GET", typed: ["client.ipRanges.list()"] }),
    create: op<CreateIPRangeOptions>({
      handler: "IPRangesHandler",
      method: "POST",
      typed: ["client.ipRanges.create()"],
      params: {
        type: { wire: "type", kind: "string", values: TYPES, required: true },
        startIp: { wire: "start_ip", kind: "string", required: true },
        endIp: { wire: "end_ip", kind: "string", required: true },
        ...SETTINGS,
      },
    }),
    read: op({
      handler: "IPRangeHandler",
      method: "GET",
      typed: ["client.ipRanges.get()", "ipRange.refresh()"],
    }),
    update: op<UpdateIPRangeOptions>({
      handler: "IPRangeHandler",
      method: "PUT",
      typed: ["ipRange.save()"],
      params: {
        type: { wire: "type", kind: "string", values: TYPES },
        startIp: { wire: "start_ip", kind: "string" },
        endIp: { wire: "end_ip", kind: "string" },
        ...SETTINGS,
      },
    }),
    delete: op({ handler: "IPRangeHandler", method: "DELETE", typed: ["ipRange.delete()"] }),
  },
});

/**
 * A range of a subnet's addresses. Change its type, bounds, comment, subnet or owner and
 * `save()`.
 *
 * @example
 * ```ts
 * import type { IPRange } from "@libmaas/client";
 * function describe(range: IPRange): string {
 *   return `${range.type} ${range.startIp}-${range.endIp} of ${range.subnet?.cidr}`;
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

  /** The range's subnet, as sent with it; set another (or its id or specifier) and `save()`. */
  get subnet(): Subnet | null {
    return nested(this.client, this.get("subnet"), Subnet);
  }
  set subnet(value: SpecifierRef | Subnet) {
    this.set("subnet", value);
  }

  /** The user who owns the range, as sent with it; set another (or a username) and `save()`. */
  get user(): User | null {
    return nested(this.client, this.get("user"), User);
  }
  set user(value: User | string) {
    this.set("user", value);
  }

  /** `ipranges/{id}/`. */
  get resourcePath(): string {
    return pathOf(IP_RANGES.ops.read.path, this.data);
  }

  /** `IPRange 1 dynamic 10.0.0.100-10.0.0.200`. */
  toString(): string {
    return `IPRange ${this.id} ${this.type} ${this.startIp}-${this.endIp}`;
  }
}
defineObject(IPRange, IP_RANGES.fields, {
  read: IP_RANGES.ops.read,
  update: IP_RANGES.ops.update,
  delete: IP_RANGES.ops.delete,
});

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<IPRange[]> {
    return await listOf(this.context, IP_RANGES.ops.list, IPRange, "IP ranges", {
      params,
      call: options,
    });
  }

  /** One range by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<IPRange> {
    return await oneOf(this.context, IP_RANGES.ops.read, IPRange, "an IP range", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a range. */
  async create(params: CreateIPRangeOptions, options?: CallOptions): Promise<IPRange> {
    return await oneOf(this.context, IP_RANGES.ops.create, IPRange, "an IP range", {
      params,
      call: options,
    });
  }
}
