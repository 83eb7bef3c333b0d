/**
 * Network discoveries (`discovery/`, `discovery/{discovery_id}/`): the devices MAAS's rack
 * controllers have seen on the network, newest first, and scans for more.
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
 *
 * @module
 */

import { GoneError, ParameterError } from "../errors.ts";
import {
  type CallOptions,
  type ClientContext,
  defineObject,
  MaasObject,
  Namespace,
} from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, type Op, op, pathOf } from "./spec.ts";
import { expectObject } from "./wire.ts";

/** An object of an answer as a plain record, or an empty one when it is none. */
function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

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

/** What to clear with {@linkcode Discoveries.clear}; at least one must be true. */
export interface ClearDiscoveriesOptions extends ExtraParams {
  /** Forget the hostnames learned from mDNS. */
  mdns?: boolean;
  /** Forget the devices seen (IP and MAC address pairs). */
  neighbours?: boolean;
  /** Forget everything. */
  all?: boolean;
}

/** How to scan with {@linkcode Discoveries.scan}. */
export interface DiscoveryScanOptions extends ExtraParams {
  /** The networks to scan; none means every network of every rack controller (needs `force`). */
  cidr?: string | readonly string[];
  /** Allow scanning every network (check that your network's owners allow it). */
  force?: boolean;
  /** Ping even where `nmap` is installed. */
  alwaysUsePing?: boolean;
  /** With `nmap`, send at most nine packets per second. */
  slow?: boolean;
  /** How many scans run at once. */
  threads?: number;
}

/** The discoveries family as MAAS's API has it: `discovery/` and `discovery/{discovery_id}/`. */
export const DISCOVERIES = family({
  name: "discoveries",
  handlers: {
    DiscoveriesHandler: "discovery/",
    DiscoveryHandler: "discovery/{discovery_id}/",
  },
  pathParams: { discovery_id: "string" },
  fields: {
    discoveryId: { wire: "discovery_id", kind: "string" },
    ip: { wire: "ip", kind: "string" },
    macAddress: { wire: "mac_address", kind: "string" },
    macOrganization: { wire: "mac_organization", kind: "string" },
    lastSeen: { wire: "last_seen", kind: "string" },
    hostname: { wire: "hostname", kind: "string" },
    fabricName: { wire: "fabric_name", kind: "string" },
    vid: { wire: "vid", kind: "integer" },
  },
  ops: {
    list: op({
      handler: "DiscoveriesHandler",
      method: "GET",
      typed: ["client.discoveries.list()"],
    }),
    read: op({
      handler: "DiscoveryHandler",
      method: "GET",
      typed: ["client.discoveries.get()", "discovery.refresh()"],
    }),
    byUnknownIp: op({
      handler: "DiscoveriesHandler",
      method: "GET",
      op: "by_unknown_ip",
      typed: ["client.discoveries.byUnknownIp()"],
    }),
    byUnknownMac: op({
      handler: "DiscoveriesHandler",
      method: "GET",
      op: "by_unknown_mac",
      typed: ["client.discoveries.byUnknownMac()"],
    }),
    byUnknownIpAndMac: op({
      handler: "DiscoveriesHandler",
      method: "GET",
      op: "by_unknown_ip_and_mac",
      typed: ["client.discoveries.byUnknownIpAndMac()"],
    }),
    clear: op<ClearDiscoveriesOptions>({
      handler: "DiscoveriesHandler",
      method: "POST",
      op: "clear",
      typed: ["client.discoveries.clear()"],
      params: {
        mdns: { wire: "mdns", kind: "boolean" },
        neighbours: { wire: "neighbours", kind: "boolean" },
        all: { wire: "all", kind: "boolean" },
      },
    }),
    clearByMacAndIp: op<{ ip: string; mac: string }>({
      handler: "DiscoveriesHandler",
      method: "POST",
      op: "clear_by_mac_and_ip",
      typed: ["client.discoveries.clearByMacAndIp()", "discovery.delete()"],
      params: {
        ip: { wire: "ip", kind: "string", required: true },
        mac: { wire: "mac", kind: "string", required: true },
      },
    }),
    scan: op<DiscoveryScanOptions>({
      handler: "DiscoveriesHandler",
      method: "POST",
      op: "scan",
      typed: ["client.discoveries.scan()"],
      params: {
        cidr: { wire: "cidr", kind: "strings" },
        force: { wire: "force", kind: "boolean" },
        alwaysUsePing: { wire: "always_use_ping", kind: "boolean" },
        slow: { wire: "slow", kind: "boolean" },
        threads: { wire: "threads", kind: "integer" },
      },
    }),
  },
});

/**
 * A device MAAS saw on the network (from the ARP and mDNS traffic its rack controllers observe).
 * Discoveries are read-only; {@linkcode Discovery.delete} forgets this one.
 *
 * @example
 * ```ts
 * import type { Discovery } from "@libmaas/client";
 * function where(seen: Discovery): string {
 *   return `${seen.fabricName}.${seen.vid} via ${seen.observer.interfaceName}`;
 * }
 * ```
 */
export class Discovery extends MaasObject {
  /** The discovery's key (MAAS makes it from the IP and MAC address). */
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
  /** Tag of the VLAN it was seen on. */
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
    return pathOf(DISCOVERIES.ops.read.path, this.data);
  }

  /** `Discovery 172.16.2.70 29:e5:27:9d:bf:8d host-1`. */
  toString(): string {
    return `Discovery ${this.ip} ${this.macAddress}${this.hostname ? " " + this.hostname : ""}`;
  }

  /**
   * Forgets this discovery (MAAS's `clear_by_mac_and_ip`; administrators only). One already
   * gone is not an error.
   */
  override async delete(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await clearByMacAndIp(this.client, this.ip, this.macAddress, params, options);
  }
}
defineObject(Discovery, DISCOVERIES.fields, { read: DISCOVERIES.ops.read });

async function clearByMacAndIp(
  context: ClientContext,
  ip: string,
  mac: string,
  params: ExtraParams | undefined,
  options: CallOptions | undefined,
): Promise<boolean> {
  try {
    await invoke(context, DISCOVERIES.ops.clearByMacAndIp, {
      params,
      set: { ip, mac },
      call: options,
    });
    return true;
  } catch (error) {
    // MAAS answers 410 Gone when no discovery had that pair: nothing was there to forget.
    if (error instanceof GoneError) return false;
    throw error;
  }
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

function controllers(value: unknown): DiscoveryScanController[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const controller = record(item);
    return {
      systemId: String(controller.system_id ?? ""),
      hostname: String(controller.hostname ?? ""),
    };
  });
}

/**
 * `client.discoveries`: devices MAAS's rack controllers have seen on the network, most recently
 * seen first.
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
  async list(params?: ExtraParams, options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(DISCOVERIES.ops.list, params, options);
  }

  /**
   * One discovery by its id, or by a specifier such as `ip:10.0.0.9` or `mac:52:54:00:…`; a
   * missing one raises `NotFoundError`.
   */
  async get(discoveryId: string, params?: ExtraParams, options?: CallOptions): Promise<Discovery> {
    return await oneOf(this.context, DISCOVERIES.ops.read, Discovery, "a discovery", {
      path: { discovery_id: discoveryId },
      params,
      call: options,
    });
  }

  /** Discoveries whose IP address no node known to MAAS has. */
  async byUnknownIp(params?: ExtraParams, options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(DISCOVERIES.ops.byUnknownIp, params, options);
  }

  /** Discoveries whose MAC address no interface known to MAAS has. */
  async byUnknownMac(params?: ExtraParams, options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(DISCOVERIES.ops.byUnknownMac, params, options);
  }

  /** Discoveries of which MAAS knows neither the IP nor the MAC address. */
  async byUnknownIpAndMac(params?: ExtraParams, options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(DISCOVERIES.ops.byUnknownIpAndMac, params, options);
  }

  /** Forgets discoveries: mDNS entries, neighbour entries, or all (administrators only). */
  async clear(params: ClearDiscoveriesOptions, options?: CallOptions): Promise<void> {
    // MAAS answers 400 when nothing is said: say it before asking.
    if (
      params?.mdns !== true && params?.neighbours !== true && params?.all !== true &&
      !params?.extra
    ) {
      throw new ParameterError('Say what to clear: "mdns", "neighbours" or "all" set to true');
    }
    await invoke(this.context, DISCOVERIES.ops.clear, { params, call: options });
  }

  /**
   * Forgets the discoveries of one IP and MAC address pair (administrators only). Returns false
   * when there was none (MAAS answers 410 Gone).
   */
  async clearByMacAndIp(
    ip: string,
    mac: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<boolean> {
    return await clearByMacAndIp(this.context, ip, mac, params, options);
  }

  /**
   * Asks the rack controllers to scan their networks now; the scan runs in the background and
   * the devices found appear as discoveries.
   */
  async scan(
    params: DiscoveryScanOptions = {},
    options?: CallOptions,
  ): Promise<DiscoveryScanResult> {
    // MAAS refuses to scan every network unless forced: say so before asking.
    const cidr = params?.cidr;
    const none = cidr === undefined || cidr === null || (Array.isArray(cidr) && cidr.length === 0);
    if (none && params?.force !== true && !params?.extra) {
      throw new ParameterError(
        'Scanning every network needs "force: true"; give "cidr" to scan some networks',
      );
    }
    const data = expectObject(
      await invoke(this.context, DISCOVERIES.ops.scan, { params, call: options }),
      "a scan result",
    );
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

  async #list(
    op: Op<unknown>,
    params: ExtraParams | undefined,
    options: CallOptions | undefined,
  ): Promise<Discovery[]> {
    return await listOf(this.context, op, Discovery, "discoveries", { params, call: options });
  }
}
