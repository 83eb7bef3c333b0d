/**
 * Reserved IPs (`reservedips/`, `reservedips/{id}/`; MAAS 3.7 and later): addresses MAAS's DHCP
 * gives only to one MAC address. Anyone may list them; administrators make, change and delete
 * them. Only the comment of one can change: to move it, delete it and make it again.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function pin(client: Client) {
 *   return await client.reservedIps.create({
 *     ip: "10.20.0.30",
 *     macAddress: "52:54:00:aa:bb:cc",
 *     comment: "printer",
 *   });
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { SPECIFIER, type SpecifierRef } from "./network_codecs.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { Subnet } from "./subnets.ts";

/** What a new reserved IP takes. */
export interface CreateReservedIpOptions extends ExtraParams {
  /** The address, outside the subnet's dynamic ranges. */
  ip: string;
  /** The MAC address the address is for. */
  macAddress: string;
  /** The address's subnet (a subnet, its id or a specifier); found from `ip` when left out. */
  subnet?: SpecifierRef;
  /** What the reservation is for. */
  comment?: string;
}

const LINES = ["3.7", "3.8", "master"] as const;
const IMMUTABLE = "MAAS refuses to change it: delete the reserved IP and make it again";

/** The reserved IPs family as MAAS's API has it: `reservedips/` and `reservedips/{id}/`. */
export const RESERVED_IPS = family({
  name: "reservedIps",
  handlers: { ReservedIpsHandler: "reservedips/", ReservedIpHandler: "reservedips/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    ip: { wire: "ip", kind: "string" },
    macAddress: { wire: "mac_address", kind: "string" },
    comment: { wire: "comment", kind: "string", writable: true },
  },
  ops: {
    list: op({
      handler: "ReservedIpsHandler",
      method: "GET",
      lines: LINES,
      typed: ["client.reservedIps.list()"],
    }),
    create: op<CreateReservedIpOptions>({
      handler: "ReservedIpsHandler",
      method: "POST",
      lines: LINES,
      typed: ["client.reservedIps.create()"],
      params: {
        ip: { wire: "ip", kind: "string", required: true },
        macAddress: { wire: "mac_address", kind: "string", required: true },
        subnet: { wire: "subnet", kind: SPECIFIER },
        comment: { wire: "comment", kind: "string" },
      },
    }),
    read: op({
      handler: "ReservedIpHandler",
      method: "GET",
      lines: LINES,
      typed: ["client.reservedIps.get()", "reservedIp.refresh()"],
    }),
    update: op<{ comment?: string }>({
      handler: "ReservedIpHandler",
      method: "PUT",
      lines: LINES,
      typed: ["reservedIp.save()"],
      params: { comment: { wire: "comment", kind: "string" } },
    }),
    delete: op({
      handler: "ReservedIpHandler",
      method: "DELETE",
      lines: LINES,
      typed: ["reservedIp.delete()"],
    }),
  },
  untyped: {
    "ReservedIpHandler PUT update ip": IMMUTABLE,
    "ReservedIpHandler PUT update mac_address": IMMUTABLE,
    "ReservedIpHandler PUT update subnet": IMMUTABLE,
  },
});

/**
 * A reserved IP. Change `comment` and `save()`.
 *
 * @example
 * ```ts
 * import type { ReservedIp } from "@libmaas/client";
 * async function note(reserved: ReservedIp) {
 *   reserved.comment = "moved to rack B";
 *   await reserved.save();
 * }
 * ```
 */
export class ReservedIp extends MaasObject {
  /** Reserved IP id. */
  declare readonly id: number;
  /** The address. */
  declare readonly ip: string;
  /** The MAC address it is for. */
  declare readonly macAddress: string;
  /** What the reservation is for. */
  declare comment: string;

  /** The address's subnet, as sent with it. */
  get subnet(): Subnet | null {
    return nested(this.client, this.get("subnet"), Subnet);
  }

  /** `reservedips/{id}/`. */
  get resourcePath(): string {
    return pathOf(RESERVED_IPS.ops.read.path, this.data);
  }

  /** `ReservedIp 1 10.20.0.30 52:54:00:aa:bb:cc`. */
  toString(): string {
    return `ReservedIp ${this.id} ${this.ip} ${this.macAddress}`;
  }
}
defineObject(ReservedIp, RESERVED_IPS.fields, {
  read: RESERVED_IPS.ops.read,
  update: RESERVED_IPS.ops.update,
  delete: RESERVED_IPS.ops.delete,
});

/**
 * `client.reservedIps`: list, read and make reserved IPs (MAAS 3.7 and later).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function pinned(client: Client): Promise<string[]> {
 *   return (await client.reservedIps.list()).map((reserved) => `${reserved.ip} ${reserved.macAddress}`);
 * }
 * ```
 */
export class ReservedIps extends Namespace {
  /** Every reserved IP. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<ReservedIp[]> {
    return await listOf(this.context, RESERVED_IPS.ops.list, ReservedIp, "reserved IPs", {
      params,
      call: options,
    });
  }

  /** One reserved IP by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<ReservedIp> {
    return await oneOf(this.context, RESERVED_IPS.ops.read, ReservedIp, "a reserved IP", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Reserves an address for a MAC address (administrators only). */
  async create(params: CreateReservedIpOptions, options?: CallOptions): Promise<ReservedIp> {
    return await oneOf(this.context, RESERVED_IPS.ops.create, ReservedIp, "a reserved IP", {
      params,
      call: options,
    });
  }
}
