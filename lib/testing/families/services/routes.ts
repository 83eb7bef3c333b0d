/**
 * Network discoveries: `discovery/` and `discovery/{discovery_id}/`, the devices a rack
 * controller has seen on the network (`state.services.discoveries`).
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { inCidr, ipv4, nodeAddresses, nodeInterfaces, RACK, type SimDiscovery } from "./model.ts";

const API = "/MAAS/api/2.0/";

/** MAAS's timestamp format for discoveries: ISO 8601 with milliseconds and no zone. */
function isoLocal(date: Date): string {
  return date.toISOString().replace(/Z$/, "");
}

// ---------------------------------------------------------------------------------------------
// Discoveries

function discoveryId(discovery: SimDiscovery): string {
  return Buffer.from(`${discovery.ip},${discovery.mac}`).toString("base64");
}

function discoveryJson(discovery: SimDiscovery): unknown {
  const id = discoveryId(discovery);
  return {
    discovery_id: id,
    ip: discovery.ip,
    mac_address: discovery.mac,
    last_seen: isoLocal(discovery.lastSeen),
    hostname: discovery.hostname,
    fabric_name: discovery.fabric,
    vid: discovery.vid,
    observer: {
      system_id: RACK.systemId,
      hostname: RACK.hostname,
      interface_id: discovery.interfaceId,
      interface_name: discovery.interfaceName,
    },
    mac_organization: discovery.organization,
    resource_uri: `${API}discovery/${id}/`,
  };
}

function knownMacs(state: SimulatorState): Set<string> {
  return new Set(
    [...state.machines.values()].flatMap((machine) =>
      nodeInterfaces(machine.data).map((iface) => String(iface.mac_address).toLowerCase())
    ),
  );
}

function knownIps(state: SimulatorState): Set<string> {
  return new Set([...state.machines.values()].flatMap((machine) => nodeAddresses(machine.data)));
}

function listDiscoveries(
  state: SimulatorState,
  keep: (discovery: SimDiscovery) => boolean = () => true,
) {
  return json(
    state.services.discoveries
      .filter(keep)
      .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime())
      .map(discoveryJson),
  );
}

function requireDiscoveryAdmin(ctx: AuthContext): void {
  if (!ctx.user.isSuperuser) {
    throw new ReplyError(
      text("Must be an administrator to clear discovery entries.", 403, "text/plain"),
    );
  }
}

function registerDiscoveries(table: RouteTable): void {
  table.resource({
    path: "discovery/",
    auth: {
      name: "DiscoveriesHandler",
      doc: "Devices the rack controllers have seen on the network.",
      actions: {
        "GET read": {
          doc: "List every discovery, most recently seen first.",
          run: ({ state }) => listDiscoveries(state),
        },
        "GET by_unknown_mac": {
          doc: "List the discoveries whose MAC address no known interface has.",
          run: ({ state }) => {
            const macs = knownMacs(state);
            return listDiscoveries(state, (d) => !macs.has(d.mac.toLowerCase()));
          },
        },
        "GET by_unknown_ip": {
          doc: "List the discoveries whose IP address no known node has.",
          run: ({ state }) => {
            const ips = knownIps(state);
            return listDiscoveries(state, (d) => !ips.has(d.ip));
          },
        },
        "GET by_unknown_ip_and_mac": {
          doc: "List the discoveries of which neither the IP nor the MAC address is known.",
          run: ({ state }) => {
            const macs = knownMacs(state);
            const ips = knownIps(state);
            return listDiscoveries(state, (d) => !macs.has(d.mac.toLowerCase()) && !ips.has(d.ip));
          },
        },
        "POST clear": {
          doc: "Forget discoveries (administrators only).\n\n" +
            ":param mdns: Optional. Forget mDNS entries.\n" +
            ":param neighbours: Optional. Forget neighbour entries.\n" +
            ":param all: Optional. Forget everything.",
          run: (ctx) => {
            const all = stringBool(ctx.data, "all", false);
            const mdns = stringBool(ctx.data, "mdns", false);
            const neighbours = stringBool(ctx.data, "neighbours", false);
            requireDiscoveryAdmin(ctx);
            if (!all && !mdns && !neighbours) {
              throw ReplyError.badRequest(
                "Bad request: could not determine what data to clear.\n" +
                  "Must specify mdns=True, neighbours=True, or all=True.",
              );
            }
            const store = ctx.state.services;
            if (all || neighbours) store.discoveries.length = 0;
            else for (const discovery of store.discoveries) discovery.hostname = null;
            return deleted();
          },
        },
        "POST clear_by_mac_and_ip": {
          doc: "Forget the discoveries of one IP and MAC address (administrators only); 410 when " +
            "there were none.\n\n:param ip: Required. IP address.\n" +
            ":param mac: Required. MAC address.",
          run: (ctx) => {
            const ip = ctx.data.get("ip");
            if (ip === undefined) throw missingParam("ip");
            const mac = ctx.data.get("mac");
            if (mac === undefined) throw missingParam("mac");
            requireDiscoveryAdmin(ctx);
            const store = ctx.state.services;
            const before = store.discoveries.length;
            store.discoveries = store.discoveries.filter((d) =>
              !(d.ip === ip && d.mac.toLowerCase() === mac.toLowerCase())
            );
            if (store.discoveries.length === before) return text("Gone", 410, HTML_TYPE);
            return deleted();
          },
        },
        "POST scan": {
          doc: "Ask the rack controllers to scan their networks now.\n\n" +
            ":param cidr: Optional. Subnets to scan (repeatable); none: all, which needs force.\n" +
            ":param force: Optional. Allow scanning every network.\n" +
            ":param always_use_ping: Optional. Use ping even where nmap is installed.\n" +
            ":param slow: Optional. Limit nmap to nine packets per second.\n" +
            ":param threads: Optional. Number of scanning threads.",
          run: ({ data, state }) => {
            const cidrs = data.getAll("cidr");
            for (const cidr of cidrs) {
              const [network, bits] = cidr.split("/");
              if (ipv4(network) === null || !/^\d{1,2}$/.test(bits ?? "32") || Number(bits) > 32) {
                throw ReplyError.badRequest(
                  `Invalid cidr: Please enter a valid IP address (${cidr})`,
                );
              }
            }
            const force = stringBool(data, "force", false);
            stringBool(data, "always_use_ping", false);
            stringBool(data, "slow", false);
            const threads = data.get("threads");
            if (threads !== undefined && !Number.isFinite(Number(threads))) {
              throw ReplyError.badRequest("Invalid threads: Please enter a number");
            }
            if (cidrs.length === 0 && !force) {
              throw ReplyError.badRequest(
                "Bad request: scanning all subnets is not allowed unless force=True is " +
                  "specified.\n\n**WARNING: This will scan ALL networks attached to MAAS rack " +
                  "controllers.\nCheck with your internet service provider or IT department " +
                  "to be sure this is\nallowed before proceeding.**\n",
              );
            }
            // The one rack controller serves the site's subnets; a scan of other CIDRs finds none.
            const served = cidrs.length === 0 ||
              cidrs.some((cidr) =>
                state.site.subnets.some((subnet) =>
                  inCidr(cidr.split("/")[0], subnet.cidr) || inCidr(subnet.cidr.split("/")[0], cidr)
                )
              );
            const racks = served ? [{ system_id: RACK.systemId, hostname: RACK.hostname }] : [];
            return json({
              result: served
                ? "Scanning is in-progress on all rack controllers."
                : "Unable to initiate network scanning on any rack controller. Verify that the " +
                  "rack controllers are started and have connected to the region.",
              scan_started_on: racks,
              scan_failed_on: [],
              scan_attempted_on: racks,
              failed_to_connect_to: [],
              rpc_call_timed_out_on: [],
              failures: [],
            });
          },
        },
      },
    },
  });

  table.resource({
    path: "discovery/{discovery_id}/",
    auth: {
      name: "DiscoveryHandler",
      doc: "One discovery, by its id or an ip:/mac: specifier.",
      actions: {
        "GET read": {
          doc: "Read a discovery.",
          run: ({ state, params }) => {
            const wanted = params.discovery_id;
            const found = state.services.discoveries.find((discovery) =>
              discoveryId(discovery) === wanted ||
              (wanted.startsWith("ip:") && discovery.ip === wanted.slice(3)) ||
              (wanted.startsWith("mac:") && discovery.mac === wanted.slice(4).toLowerCase())
            );
            if (!found) throw ReplyError.notFound("Discovery");
            return json(discoveryJson(found));
          },
        },
      },
    },
  });
}

/**
 * Register the network discoveries.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerServices } from "../services/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerServices(table);
 * ```
 */
export function registerServices(table: RouteTable): void {
  registerDiscoveries(table);
}
