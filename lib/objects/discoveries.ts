/**
 * Network discoveries: the devices MAAS has seen on its networks, and scans for more.
 *
 * @module
 */

import { GoneError, ParameterError } from "../errors.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
} from "./base.ts";
import type { ExtraParams } from "./spec.ts";

import { optional, optionalList, record, wrap } from "./checks.ts";

/** The rack controller interface that saw a discovered device. */
export interface DiscoveryObserver {
  /** System id of the controller. */
  readonly systemId: string;
  /** Hostname of the controller. */
  readonly hostname: string;
  /** Id of the interface that saw the device. */
  readonly interfaceId: number;
  /** Name of that interface. */
  readonly interfaceName: string;
}

/**
 * A device MAAS saw on the network (from ARP and mDNS traffic its rack controllers observe).
 * Discoveries are read-only; {@linkcode Discovery.delete} forgets this one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function strangers(client: Client) {
 *   for (const seen of await client.discoveries.byUnknownIpAndMac()) {
 *     console.log(seen.ip, seen.macAddress, seen.hostname ?? "-", seen.observer.hostname);
 *   }
 * }
 * ```
 */
export class Discovery extends MaasObject {
  /** The discovery's key (MAAS derives it from the IP and MAC address). */
  declare readonly discoveryId: string;
  /** IP address seen. */
  declare readonly ip: string;
  /** MAC address seen. */
  declare readonly macAddress: string;
  /** The vendor the MAC address is registered to, when known. */
  declare readonly macOrganization: string | null;
  /** When it was last seen, as MAAS sends it (ISO text without zone). */
  declare readonly lastSeen: string;
  /** Hostname learned from mDNS, or null. */
  declare readonly hostname: string | null;
  /** Name of the fabric it was seen on. */
  declare readonly fabricName: string;
  /** VLAN id it was seen on. */
  declare readonly vid: number;

  /** The controller interface that saw it. */
  get observer(): DiscoveryObserver {
    const observer = record(this.data.observer);
    return {
      systemId: String(observer.system_id ?? ""),
      hostname: String(observer.hostname ?? ""),
      interfaceId: Number(observer.interface_id),
      interfaceName: String(observer.interface_name ?? ""),
    };
  }

  /** `discovery/{discovery_id}/`. */
  get resourcePath(): string {
    return apiPath`discovery/${this.data.discovery_id}/`;
  }

  /** `Discovery 172.16.2.70 29:e5:27:9d:bf:8d host-1`. */
  toString(): string {
    return `Discovery ${this.data.ip} ${this.data.mac_address}${
      this.data.hostname ? " " + this.data.hostname : ""
    }`;
  }

  /**
   * Forgets this discovery (MAAS's `clear_by_mac_and_ip`; administrators only). One that is
   * already gone is not an error.
   */
  override async delete(_params?: ExtraParams, options?: CallOptions): Promise<void> {
    await clearByMacAndIp(
      this.client,
      String(this.data.ip),
      String(this.data.mac_address),
      options,
    );
  }
}
defineFields(Discovery, {
  discoveryId: "discovery_id",
  ip: "ip",
  macAddress: "mac_address",
  macOrganization: "mac_organization",
  lastSeen: "last_seen",
  hostname: "hostname",
  fabricName: "fabric_name",
  vid: "vid",
});

async function clearByMacAndIp(
  context: ClientContext,
  ip: string,
  mac: string,
  options?: CallOptions,
): Promise<boolean> {
  required(ip, "ip", "string");
  required(mac, "mac", "string");
  try {
    await context.call("POST", "discovery/", {
      op: "clear_by_mac_and_ip",
      params: { ip, mac },
      ...options,
    });
    return true;
  } catch (error) {
    // MAAS answers 410 Gone when no discovery had that pair: nothing was there to forget.
    if (error instanceof GoneError) return false;
    throw error;
  }
}

/** What to clear with {@linkcode Discoveries.clear}; at least one must be true. */
export interface ClearDiscoveriesOptions extends CallOptions {
  /** Forget mDNS entries (hostnames). */
  mdns?: boolean;
  /** Forget neighbour entries (IP/MAC pairs). */
  neighbours?: boolean;
  /** Forget everything. */
  all?: boolean;
}

/** How to scan with {@linkcode Discoveries.scan}. */
export interface DiscoveryScanOptions extends CallOptions {
  /** The subnets to scan; none means every network of every rack controller (needs `force`). */
  cidr?: string | string[];
  /** Allow scanning every network (check that your network's owners allow it). */
  force?: boolean;
  /** Use `ping` even where `nmap` is installed. */
  alwaysUsePing?: boolean;
  /** With `nmap`, send at most nine packets per second. */
  slow?: boolean;
  /** Number of scanning threads. */
  threads?: number;
}

/** A rack controller named in a scan result. */
export interface DiscoveryScanController {
  /** System id of the controller. */
  readonly systemId: string;
  /** Hostname of the controller. */
  readonly hostname: string;
}

/** What {@linkcode Discoveries.scan} answers: where scanning started and where it did not. */
export interface DiscoveryScanResult {
  /** A sentence summing up the outcome. */
  readonly result: string;
  /** Controllers where a scan started. */
  readonly scanStartedOn: DiscoveryScanController[];
  /** Controllers where a scan was already running. */
  readonly scanFailedOn: DiscoveryScanController[];
  /** Controllers that were asked to scan. */
  readonly scanAttemptedOn: DiscoveryScanController[];
  /** Controllers that could not be reached. */
  readonly failedToConnectTo: DiscoveryScanController[];
  /** Controllers that did not answer in time. */
  readonly rpcCallTimedOutOn: DiscoveryScanController[];
  /** Errors reported by controllers. */
  readonly failures: { readonly type: string; readonly message: string }[];
}

/**
 * `client.discoveries`: devices MAAS's rack controllers have seen on the network, newest first.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rescan(client: Client) {
 *   const result = await client.discoveries.scan({ cidr: "10.0.0.0/24" });
 *   console.log(result.result);
 * }
 * ```
 */
export class Discoveries extends Namespace {
  /** Every discovery, most recently seen first. */
  async list(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(null, options);
  }

  /**
   * One discovery by its id, or by a specifier such as `ip:10.0.0.9` or `mac:52:54:00:…`; a
   * missing one raises `NotFoundError`.
   */
  async get(discoveryId: string, options?: CallOptions): Promise<Discovery> {
    required(discoveryId, "discoveryId", "string");
    const data = await this.context.call("GET", apiPath`discovery/${discoveryId}/`, options);
    return new Discovery(this.context, expectObject(data, "a discovery"));
  }

  /** Discoveries whose IP address no node known to MAAS has. */
  async byUnknownIp(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_ip", options);
  }

  /** Discoveries whose MAC address no interface known to MAAS has. */
  async byUnknownMac(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_mac", options);
  }

  /** Discoveries of which MAAS knows neither the IP nor the MAC address. */
  async byUnknownIpAndMac(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_ip_and_mac", options);
  }

  /** Forgets discoveries: mDNS entries, neighbour entries, or all (administrators only). */
  async clear(options: ClearDiscoveriesOptions): Promise<void> {
    const { mdns, neighbours, all, ...call } = optionsOf(options);
    const params = {
      mdns: optional(mdns, "mdns", "boolean"),
      neighbours: optional(neighbours, "neighbours", "boolean"),
      all: optional(all, "all", "boolean"),
    };
    if (params.mdns !== true && params.neighbours !== true && params.all !== true) {
      throw new ParameterError('Say what to clear: "mdns", "neighbours" or "all" set to true');
    }
    await this.context.call("POST", "discovery/", { op: "clear", params, ...call });
  }

  /**
   * Forgets the discoveries of one IP and MAC address pair (administrators only). Returns false
   * when there was none (MAAS answers 410 Gone).
   */
  async clearByMacAndIp(ip: string, mac: string, options?: CallOptions): Promise<boolean> {
    return await clearByMacAndIp(this.context, ip, mac, options);
  }

  /**
   * Asks the rack controllers to scan their networks now; the scan runs in the background and
   * new devices appear as discoveries.
   */
  async scan(options: DiscoveryScanOptions = {}): Promise<DiscoveryScanResult> {
    const { cidr, force, alwaysUsePing, slow, threads, ...call } = optionsOf(options);
    const cidrs = typeof cidr === "string" ? [cidr] : optionalList(cidr, "cidr");
    const params = {
      cidr: cidrs,
      force: optional(force, "force", "boolean"),
      always_use_ping: optional(alwaysUsePing, "alwaysUsePing", "boolean"),
      slow: optional(slow, "slow", "boolean"),
      threads: optional(threads, "threads", "number"),
    };
    if ((cidrs === undefined || cidrs.length === 0) && params.force !== true) {
      throw new ParameterError(
        'Scanning every network needs "force: true"; give "cidr" to scan some subnets',
      );
    }
    const data = expectObject(
      await this.context.call("POST", "discovery/", { op: "scan", params, ...call }),
      "a scan result",
    );
    const controllers = (value: unknown): DiscoveryScanController[] =>
      Array.isArray(value)
        ? value.map((item) => {
          const controller = record(item);
          return {
            systemId: String(controller.system_id ?? ""),
            hostname: String(controller.hostname ?? ""),
          };
        })
        : [];
    return {
      result: String(data.result ?? ""),
      scanStartedOn: controllers(data.scan_started_on),
      scanFailedOn: controllers(data.scan_failed_on),
      scanAttemptedOn: controllers(data.scan_attempted_on),
      failedToConnectTo: controllers(data.failed_to_connect_to),
      rpcCallTimedOutOn: controllers(data.rpc_call_timed_out_on),
      failures: Array.isArray(data.failures)
        ? data.failures.map((item) => {
          const failure = record(item);
          return { type: String(failure.type ?? ""), message: String(failure.message ?? "") };
        })
        : [],
    };
  }

  async #list(op: string | null, options?: CallOptions): Promise<Discovery[]> {
    const data = await this.context.call("GET", "discovery/", { op, ...options });
    return wrap(data, "discoveries", (item) => new Discovery(this.context, item));
  }
}
