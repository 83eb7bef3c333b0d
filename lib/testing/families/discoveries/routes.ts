/**
 * Network discoveries: `discovery/` (list, the `by_unknown_*` filters, clear, scan) and
 * `discovery/{discovery_id}/` (by id, or an `ip:`/`mac:` specifier). Discoveries are listed most
 * recently seen first.
 *
 * @module
 */

import { missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { nodeAddresses } from "../interfaces/render.ts";
import { parseAddress, parseNetwork } from "../networking/addresses.ts";
import type { SimSighting } from "./model.ts";
import { discoveryId, discoveryJson } from "./render.ts";

function knownMacs(state: SimulatorState): Set<string> {
  const macs = new Set<string>();
  for (const node of state.everyNode()) {
    for (const nic of state.interfaces.of(node.data.system_id).list) {
      if (nic.macAddress) macs.add(nic.macAddress.toLowerCase());
    }
  }
  return macs;
}

function knownIps(state: SimulatorState): Set<string> {
  const ips = new Set<string>();
  for (const node of state.everyNode()) {
    for (const ip of nodeAddresses(state.interfaces.of(node.data.system_id))) ips.add(ip);
  }
  return ips;
}

function listed(
  state: SimulatorState,
  keep: (sighting: SimSighting) => boolean = () => true,
): Reply {
  return json(
    state.discoveries.sightings
      .filter(keep)
      .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime())
      .map((sighting) => discoveryJson(state, sighting)),
  );
}

function requireClearing(ctx: AuthContext): void {
  if (!ctx.user.isSuperuser) {
    throw new ReplyError(
      text("Must be an administrator to clear discovery entries.", 403, "text/plain"),
    );
  }
}

/** A network as MAAS's scan reads `cidr` (an address alone is a network of one). */
function scannable(cidr: string) {
  return parseNetwork(cidr.includes("/") ? cidr : `${cidr}/${cidr.includes(":") ? 128 : 32}`);
}

function scan(ctx: AuthContext): Reply {
  const { data, state } = ctx;
  const cidrs = data.getAll("cidr");
  for (const cidr of cidrs) {
    if (!scannable(cidr)) {
      throw ReplyError.badRequest(`Invalid cidr: Please enter a valid IP address (${cidr})`);
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
  // The site's rack controller serves its subnets; a scan of other networks finds no rack.
  const overlaps = (cidr: string) => {
    const wanted = scannable(cidr)!;
    return state.networking.subnets.some((subnet) => {
      const network = parseNetwork(subnet.cidr);
      return network !== null && network.version === wanted.version &&
        network.first <= wanted.last && wanted.first <= network.last;
    });
  };
  const served = cidrs.length === 0 || cidrs.some(overlaps);
  const rack = state.node("4y3h7n");
  const racks = served && rack
    ? [{ system_id: rack.data.system_id, hostname: rack.data.hostname }]
    : [];
  return json({
    result: racks.length > 0
      ? "Scanning is in-progress on all rack controllers."
      : "Unable to initiate network scanning on any rack controller. Verify that the rack " +
        "controllers are started and have connected to the region.",
    scan_started_on: racks,
    scan_failed_on: [],
    scan_attempted_on: racks,
    failed_to_connect_to: [],
    rpc_call_timed_out_on: [],
    failures: [],
  });
}

/**
 * Register `discovery/` and `discovery/{discovery_id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerDiscoveries } from "./routes.ts";
 * registerDiscoveries(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerDiscoveries(table: RouteTable): void {
  table.resource({
    path: "discovery/",
    auth: {
      name: "DiscoveriesHandler",
      doc: "Devices the rack controllers have seen on the network.",
      actions: {
        "GET read": {
          doc: "List every discovery, most recently seen first.",
          run: ({ state }) => listed(state),
        },
        "GET by_unknown_mac": {
          doc: "List the discoveries whose MAC address no known interface has.",
          run: ({ state }) => {
            const macs = knownMacs(state);
            return listed(state, (seen) => !macs.has(seen.mac.toLowerCase()));
          },
        },
        "GET by_unknown_ip": {
          doc: "List the discoveries whose IP address no known node has.",
          run: ({ state }) => {
            const ips = knownIps(state);
            return listed(state, (seen) => !ips.has(seen.ip));
          },
        },
        "GET by_unknown_ip_and_mac": {
          doc: "List the discoveries of which neither the IP nor the MAC address is known.",
          run: ({ state }) => {
            const macs = knownMacs(state);
            const ips = knownIps(state);
            return listed(state, (seen) => !macs.has(seen.mac.toLowerCase()) && !ips.has(seen.ip));
          },
        },
        "POST clear": {
          doc: "Forget discoveries (administrators only).\n\n" +
            ":param mdns: Optional. Forget the hostnames learned from mDNS.\n" +
            ":param neighbours: Optional. Forget the devices seen (IP and MAC address pairs).\n" +
            ":param all: Optional. Forget everything.",
          run: (ctx) => {
            const all = stringBool(ctx.data, "all", false);
            const mdns = stringBool(ctx.data, "mdns", false);
            const neighbours = stringBool(ctx.data, "neighbours", false);
            requireClearing(ctx);
            if (!all && !mdns && !neighbours) {
              throw ReplyError.badRequest(
                "Bad request: could not determine what data to clear.\n" +
                  "Must specify mdns=True, neighbours=True, or all=True.",
              );
            }
            const section = ctx.state.discoveries;
            if (all || neighbours) section.sightings = [];
            else for (const seen of section.sightings) seen.hostname = null;
            return deleted();
          },
        },
        "POST clear_by_mac_and_ip": {
          doc: "Forget the discoveries of one IP and MAC address pair (administrators only); " +
            "410 Gone when there were none.\n\n" +
            ":param ip: Required. The IP address.\n" +
            ":param mac: Required. The MAC address.",
          run: (ctx) => {
            const ip = ctx.data.get("ip");
            if (ip === undefined) throw missingParam("ip");
            const mac = ctx.data.get("mac");
            if (mac === undefined) throw missingParam("mac");
            requireClearing(ctx);
            const section = ctx.state.discoveries;
            const before = section.sightings.length;
            section.sightings = section.sightings.filter((seen) =>
              !(seen.ip === ip && seen.mac.toLowerCase() === mac.toLowerCase())
            );
            if (section.sightings.length === before) return text("Gone", 410, HTML_TYPE);
            return deleted();
          },
        },
        "POST scan": {
          doc: "Ask the rack controllers to scan their networks now.\n\n" +
            ":param cidr: Optional. A network to scan; repeat for several. None scans every " +
            "network, which needs force.\n" +
            ":param force: Optional. Allow scanning every network.\n" +
            ":param always_use_ping: Optional. Ping even where nmap is installed.\n" +
            ":param slow: Optional. Send nmap's packets at most nine a second.\n" +
            ":param threads: Optional. How many scans run at once.",
          run: scan,
        },
      },
    },
  });
  table.resource({
    path: "discovery/{discovery_id}/",
    auth: {
      name: "DiscoveryHandler",
      doc: "One discovery, by its id or an `ip:` or `mac:` specifier.",
      actions: {
        "GET read": {
          doc: "Read a discovery.",
          run: ({ state, params }) => {
            const wanted = params.discovery_id;
            const ip = wanted.startsWith("ip:") ? parseAddress(wanted.slice(3)) : null;
            const found = state.discoveries.sightings.find((seen) =>
              discoveryId(seen) === wanted ||
              (ip !== null && parseAddress(seen.ip)?.value === ip.value) ||
              (wanted.startsWith("mac:") && seen.mac === wanted.slice(4).toLowerCase())
            );
            if (!found) throw ReplyError.notFound("Discovery");
            return json(discoveryJson(state, found));
          },
        },
      },
    },
  });
}
