/**
 * IP addresses (`ipaddresses/`): the addresses users reserve for use outside MAAS (and release),
 * and, for administrators, those MAAS gave nodes, with the interfaces that hold them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function vip(client: Client) {
 *   const address = await client.ipAddresses.reserve({ subnet: "cidr:10.0.0.0/24", hostname: "vip" });
 *   console.log(address.ip, address.subnet?.cidr);
 *   await address.release();
 * }
 * ```
 *
 * @module
 */

import { MaasError, ParameterError } from "../errors.ts";
import {
  type CallOptions,
  defineObject,
  MaasObject,
  Namespace,
  nested,
  nestedList,
} from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { Interface } from "./interfaces.ts";
import { SPECIFIER, type SpecifierRef, USERNAME } from "./network_codecs.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { Subnet } from "./subnets.ts";
import { User } from "./users.ts";
import { expectList } from "./wire.ts";

/** MAAS's allocation type of a user's reservation (`alloc_type` 4, "User reserved"). */
const USER_RESERVED = 4;

/** What {@linkcode IPAddresses.list} takes. */
export interface ListIPAddressesOptions extends ExtraParams {
  /** Only this address. */
  ip?: string;
  /** Every address, those MAAS gave nodes too (administrators only). */
  all?: boolean;
  /** Another user's reservations (a user or a username; administrators only). */
  owner?: string | { readonly username: string };
}

/** What {@linkcode IPAddresses.reserve} takes: a `subnet`, or an `ip` of a known subnet. */
export interface ReserveIPOptions extends ExtraParams {
  /** The subnet (a subnet, its id or a specifier) to take a free address from. */
  subnet?: SpecifierRef;
  /** The address to reserve. */
  ip?: string;
  /** The older name of `ip`. */
  ipAddress?: string;
  /** A DNS name for the address, with or without a domain. */
  hostname?: string;
  /** The MAC address the reservation is for. */
  mac?: string;
}

/** What releasing an address takes. */
export interface ReleaseIPOptions extends ExtraParams {
  /** Release any address, a node's too (administrators only). */
  force?: boolean;
  /** Release a discovered address. */
  discovered?: boolean;
}

/** What {@linkcode IPAddresses.release} takes. */
export interface ReleaseIPAddressOptions extends ReleaseIPOptions {
  /** The address. */
  ip: string;
}

/** The IP addresses family as MAAS's API has it: `ipaddresses/`. */
export const IP_ADDRESSES = family({
  name: "ipAddresses",
  handlers: { IPAddressesHandler: "ipaddresses/" },
  fields: {
    ip: { wire: "ip", kind: "string" },
    allocType: { wire: "alloc_type", kind: "integer" },
    allocTypeName: { wire: "alloc_type_name", kind: "string" },
    created: { wire: "created", kind: "string" },
  },
  ops: {
    list: op<ListIPAddressesOptions>({
      handler: "IPAddressesHandler",
      method: "GET",
      typed: ["client.ipAddresses.list()", "ipAddress.refresh()"],
      params: {
        ip: { wire: "ip", kind: "string" },
        all: { wire: "all", kind: "boolean" },
        owner: { wire: "owner", kind: USERNAME },
      },
    }),
    reserve: op<ReserveIPOptions>({
      handler: "IPAddressesHandler",
      method: "POST",
      op: "reserve",
      typed: ["client.ipAddresses.reserve()"],
      params: {
        subnet: { wire: "subnet", kind: SPECIFIER },
        ip: { wire: "ip", kind: "string" },
        ipAddress: { wire: "ip_address", kind: "string" },
        hostname: { wire: "hostname", kind: "string" },
        mac: { wire: "mac", kind: "string" },
      },
    }),
    release: op<ReleaseIPAddressOptions>({
      handler: "IPAddressesHandler",
      method: "POST",
      op: "release",
      typed: ["client.ipAddresses.release()", "ipAddress.release()", "ipAddress.delete()"],
      params: {
        ip: { wire: "ip", kind: "string", required: true },
        force: { wire: "force", kind: "boolean" },
        discovered: { wire: "discovered", kind: "boolean" },
      },
    }),
  },
  untyped: {
    "IPAddressesHandler POST release address": "The older name of ip, which release() sends",
  },
});

/**
 * An IP address known to MAAS, as `ipaddresses/` lists it: by default the caller's own
 * reservations. It has no path of its own: `release()` (or `delete()`) gives it back.
 *
 * @example
 * ```ts
 * import type { IPAddress } from "@libmaas/client";
 * function holders(address: IPAddress): string[] {
 *   return address.interfaceSet.map((nic) => `${nic.systemId} ${nic.name}`);
 * }
 * ```
 */
export class IPAddress extends MaasObject {
  /** The address. */
  declare readonly ip: string;
  /** Allocation type number (0 auto, 1 sticky, 4 user reserved, 5 DHCP, 6 discovered). */
  declare readonly allocType: number;
  /** Its name, e.g. `User reserved`. */
  declare readonly allocTypeName: string;
  /** When it was allocated. */
  declare readonly created: string;

  /** The subnet of the address, as sent with it. */
  get subnet(): Subnet | null {
    return nested(this.client, this.get("subnet"), Subnet);
  }

  /** The user who holds the address, as sent with it. */
  get owner(): User | null {
    return nested(this.client, this.get("owner"), User);
  }

  /** The interfaces the address is linked to, as sent with it. */
  get interfaceSet(): Interface[] {
    return nestedList(this.client, this.get("interface_set"), Interface);
  }

  /** `ipaddresses/` (addresses have no path of their own). */
  get resourcePath(): string {
    return IP_ADDRESSES.ops.list.path;
  }

  /** `IPAddress 10.0.0.5 User reserved`. */
  toString(): string {
    return `IPAddress ${this.ip} ${this.allocTypeName}`;
  }

  /**
   * Reads the address again, listing it by `ip` (with `all` for an address no user reserved,
   * which only administrators can list).
   */
  override async refresh(params?: ExtraParams, options?: CallOptions): Promise<this> {
    const set = this.allocType === USER_RESERVED ? { ip: this.ip } : { ip: this.ip, all: true };
    const answer = await invoke(this.client, IP_ADDRESSES.ops.list, { params, set, call: options });
    const found = expectList(answer, "IP addresses")[0];
    if (found === undefined) throw new MaasError(`IP address ${this.ip} is no longer known`);
    return this.replace(found);
  }

  /** Addresses cannot be changed; this raises `ParameterError` when a change was recorded. */
  override save(_params?: ExtraParams, _options?: CallOptions): Promise<this> {
    if (Object.keys(this.changes).length > 0) {
      return Promise.reject(new ParameterError("IP addresses cannot be updated; release it"));
    }
    return Promise.resolve(this);
  }

  /** Releases the address (see {@linkcode IPAddress.release}). */
  override async delete(params?: ReleaseIPOptions, options?: CallOptions): Promise<void> {
    await this.release(params, options);
  }

  /**
   * Gives the address back. `force` (administrators) releases any address, not only the caller's
   * reservations; with `discovered` it releases a discovered one.
   */
  async release(params?: ReleaseIPOptions, options?: CallOptions): Promise<void> {
    await invoke(this.client, IP_ADDRESSES.ops.release, {
      params,
      set: { ip: this.ip },
      call: options,
    });
  }
}
defineObject(IPAddress, IP_ADDRESSES.fields, {});

/**
 * `client.ipAddresses`: reserve addresses for use outside MAAS, list and release them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function vip(client: Client) {
 *   const address = await client.ipAddresses.reserve({ ip: "10.0.0.50", hostname: "vip" });
 *   await client.ipAddresses.release({ ip: address.ip });
 * }
 * ```
 */
export class IPAddresses extends Namespace {
  /**
   * The caller's reservations; administrators can ask for `all` addresses or those of an
   * `owner`, and anyone can filter by `ip`.
   */
  async list(params?: ListIPAddressesOptions, options?: CallOptions): Promise<IPAddress[]> {
    return await listOf(this.context, IP_ADDRESSES.ops.list, IPAddress, "IP addresses", {
      params,
      call: options,
    });
  }

  /** Reserves an address: a free one of `subnet`, or exactly `ip`. */
  async reserve(params: ReserveIPOptions, options?: CallOptions): Promise<IPAddress> {
    // MAAS answers 400 without either: say which to give before asking.
    const given = params ?? {};
    if (
      (given.subnet === undefined || given.subnet === null) && !given.ip && !given.ipAddress &&
      !given.extra
    ) {
      throw new ParameterError('Give the parameter "subnet" or "ip" to reserve an address');
    }
    return await oneOf(this.context, IP_ADDRESSES.ops.reserve, IPAddress, "an IP address", {
      params,
      call: options,
    });
  }

  /** Releases an address (`force`: any address, administrators only). */
  async release(params: ReleaseIPAddressOptions, options?: CallOptions): Promise<void> {
    await invoke(this.context, IP_ADDRESSES.ops.release, { params, call: options });
  }
}
