/**
 * IP addresses: the addresses users reserve (and release), and those MAAS assigned, with the
 * interfaces that use them.
 *
 * @module
 */

import { MaasError, ParameterError } from "../errors.ts";
import {
  type CallOptions,
  defineFields,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  nested,
  nestedList,
  optionsOf,
  required,
} from "./base.ts";
import { Interface } from "./interfaces.ts";
import { Subnet, toParams } from "./networking.ts";
import type { ExtraParams } from "./spec.ts";
import { User } from "./users.ts";

/** MAAS's allocation type of a user's reservation (`alloc_type` 4, "User reserved"). */
const USER_RESERVED = 4;

/**
 * An IP address known to MAAS, as `ipaddresses/` lists it: by default the caller's own
 * reservations. It has no address of its own: `release()` (or `delete()`) gives it back.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function reserve(client: Client) {
 *   const address = await client.ipAddresses.reserve({ subnet: "10.0.0.0/24", hostname: "vip" });
 *   console.log(address.ip, address.subnet?.cidr);
 *   await address.release();
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
    return "ipaddresses/";
  }

  /** `IPAddress 10.0.0.5 User reserved`. */
  toString(): string {
    return `IPAddress ${this.ip} ${this.allocTypeName}`;
  }

  /** Reads the address again (listing it by `ip`; `all` for addresses not reserved by a user). */
  override async refresh(params?: ExtraParams, options?: CallOptions): Promise<this> {
    const query = this.allocType === USER_RESERVED ? { ip: this.ip } : { ip: this.ip, all: true };
    const data = await this.call("GET", null, { ...optionsOf(params).extra, ...query }, options);
    const found = expectList(data, "IP addresses")[0];
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
  override async delete(_params?: ExtraParams, options?: CallOptions): Promise<void> {
    await this.release(options);
  }

  /**
   * Gives the address back. `force` (administrators) releases any address, not only the caller's
   * reservations; with `discovered` it releases a discovered one.
   */
  async release(
    options: CallOptions & { force?: boolean; discovered?: boolean } = {},
  ): Promise<void> {
    const [call, params] = toParams({ ...options, ip: this.ip });
    await this.call("POST", "release", params, call);
  }
}
defineFields(IPAddress, {
  ip: "ip",
  allocType: "alloc_type",
  allocTypeName: "alloc_type_name",
  created: "created",
});

/** What `reserve` takes: a `subnet`, or an `ip` within a known subnet. */
export interface ReserveIPOptions extends CallOptions {
  /** The subnet (or its id or CIDR) to take a free address from. */
  subnet?: Subnet | number | string;
  /** The address to reserve. */
  ip?: string;
  /** The address to reserve (the older name of `ip`). */
  ipAddress?: string;
  /** A hostname for the address, with or without a domain. */
  hostname?: string;
  /** A MAC address to tie the reservation to. */
  mac?: string;
}

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
  async list(
    options: CallOptions & { ip?: string; all?: boolean; owner?: string } = {},
  ): Promise<IPAddress[]> {
    const [call, params] = toParams(options);
    const data = await this.context.call("GET", "ipaddresses/", { params, ...call });
    return expectList(data, "IP addresses").map((item) => new IPAddress(this.context, item));
  }

  /** Reserves an address: a free one of `subnet`, or exactly `ip`. */
  async reserve(options: ReserveIPOptions): Promise<IPAddress> {
    const { subnet, ip, ipAddress } = optionsOf(options);
    if ((subnet === undefined || subnet === null) && !ip && !ipAddress) {
      throw new ParameterError('Give the parameter "subnet" or "ip" to reserve an address');
    }
    const [call, params] = toParams(options);
    const data = await this.context.call("POST", "ipaddresses/", {
      op: "reserve",
      params,
      ...call,
    });
    return new IPAddress(this.context, expectObject(data, "an IP address"));
  }

  /** Releases an address (`force`: any address, administrators only). */
  async release(
    options: CallOptions & { ip: string; force?: boolean; discovered?: boolean },
  ): Promise<void> {
    required(options?.ip, "ip", "string");
    const [call, params] = toParams(options);
    await this.context.call("POST", "ipaddresses/", { op: "release", params, ...call });
  }
}
