/**
 * Zones and resource pools as MAAS renders them, on their own and inside the nodes they hold.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimPool, SimZone } from "./model.ts";

/**
 * A zone.
 *
 * @example
 * ```ts
 * import { zoneJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const zone = zoneJson(MaasLine.get("3.8"), { id: 1, name: "default", description: "" });
 * console.log(zone.resource_uri); // "/MAAS/api/2.0/zones/default/"
 * ```
 */
export function zoneJson(line: MaasLine, zone: SimZone): Record<string, unknown> {
  return line.shape("ZoneHandler", {
    id: zone.id,
    name: zone.name,
    description: zone.description,
    resource_uri: apiUri(`zones/${encodeURIComponent(zone.name)}/`),
  });
}

/**
 * A resource pool.
 *
 * @example
 * ```ts
 * import { poolJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const pool = poolJson(MaasLine.get("3.8"), { id: 0, name: "default", description: "" });
 * console.log(pool.resource_uri); // "/MAAS/api/2.0/resourcepool/0/"
 * ```
 */
export function poolJson(line: MaasLine, pool: SimPool): Record<string, unknown> {
  return line.shape("ResourcePoolHandler", {
    id: pool.id,
    name: pool.name,
    description: pool.description,
    resource_uri: apiUri(`resourcepool/${pool.id}/`),
  });
}
