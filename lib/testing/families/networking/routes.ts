/**
 * The networking family's handlers: fabrics and their VLANs, subnets, spaces, IP ranges, static
 * routes, IP addresses, reserved IPs (3.7 and later), fan networks (2.9 and 3.0) and the
 * deprecated networks. Each kind of object has its handlers in a file of its own; the line's
 * route table keeps those the line has.
 *
 * @module
 */

import type { RouteTable } from "../../routes.ts";
import { registerFabrics } from "./fabrics.ts";
import { registerFanNetworks } from "./fan_networks.ts";
import { registerIPAddresses } from "./ip_addresses.ts";
import { registerIPRanges } from "./ip_ranges.ts";
import { registerNetworks } from "./networks.ts";
import { registerReservedIps } from "./reserved_ips.ts";
import { registerSpaces } from "./spaces.ts";
import { registerStaticRoutes } from "./static_routes.ts";
import { registerSubnets } from "./subnets.ts";

/**
 * Register every handler of the networking family.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerNetworking } from "./routes.ts";
 * registerNetworking(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerNetworking(table: RouteTable): void {
  registerFabrics(table);
  registerSubnets(table);
  registerSpaces(table);
  registerIPRanges(table);
  registerStaticRoutes(table);
  registerIPAddresses(table);
  registerReservedIps(table);
  registerFanNetworks(table);
  registerNetworks(table);
}
