/**
 * A discovery as MAAS renders it: its id (the IP and MAC address pair in base64), what was seen,
 * and the controller interface that saw it.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimSighting } from "./model.ts";

/**
 * MAAS's id of a discovery: its IP and MAC address, comma-separated, in base64.
 *
 * @example
 * ```ts
 * import { discoveryId } from "./render.ts";
 * console.log(discoveryId({ ip: "10.0.0.1", mac: "52:54:00:00:00:01" }));
 * ```
 */
export function discoveryId(sighting: Pick<SimSighting, "ip" | "mac">): string {
  return Buffer.from(`${sighting.ip},${sighting.mac}`).toString("base64");
}

/**
 * A discovery.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { discoveryJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * console.log(discoveryJson(sim.state, sim.state.discoveries.sightings[0]).ip); // 10.20.0.57
 * ```
 */
export function discoveryJson(
  state: SimulatorState,
  sighting: SimSighting,
): Record<string, unknown> {
  const id = discoveryId(sighting);
  return state.line.shape("DiscoveryHandler", {
    discovery_id: id,
    ip: sighting.ip,
    mac_address: sighting.mac,
    // MAAS's timestamps here: ISO 8601 with milliseconds and no zone.
    last_seen: sighting.lastSeen.toISOString().replace(/Z$/, ""),
    hostname: sighting.hostname,
    fabric_name: state.networking.fabric(sighting.fabricId)?.name ?? null,
    vid: sighting.vid,
    observer: {
      system_id: sighting.observerId,
      hostname: state.node(sighting.observerId)?.data.hostname ?? null,
      interface_id: sighting.interfaceId,
      interface_name: sighting.interfaceName,
    },
    mac_organization: sighting.organization,
    resource_uri: apiUri(`discovery/${id}/`),
  });
}
