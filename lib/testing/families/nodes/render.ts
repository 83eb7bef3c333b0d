/**
 * Nodes (machines, devices, rack and region controllers) as MAAS renders them: the node's own
 * fields, its zone, pool and tags looked up from their ids, the address of the collection it is
 * shown under, and exactly the fields the line's handler for that kind of node has.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { poolJson, zoneJson } from "../placement/render.ts";
import { machineStorageJson } from "../storage/render.ts";
import type { SimMachine } from "./model.ts";

/**
 * The kinds of node a node can be shown as.
 *
 * @example
 * ```ts
 * import type { NodeKind } from "./render.ts";
 * const kind: NodeKind = "rack";
 * ```
 */
export type NodeKind = "machine" | "device" | "rack" | "region";

const KINDS: Readonly<Record<NodeKind, { handler: string; collection: string }>> = {
  machine: { handler: "MachineHandler", collection: "machines" },
  device: { handler: "DeviceHandler", collection: "devices" },
  rack: { handler: "RackControllerHandler", collection: "rackcontrollers" },
  region: { handler: "RegionControllerHandler", collection: "regioncontrollers" },
};

/**
 * The kind a node is shown as when nothing says otherwise (`nodes/`, tag listings): its own, with
 * a region-and-rack controller shown as a rack controller, as MAAS's `as_self()` makes it.
 *
 * @example
 * ```ts
 * import { kindOf } from "./render.ts";
 * import { generateMachines } from "../../inventory.ts";
 * console.log(kindOf(generateMachines(1)[0])); // "machine"
 * ```
 */
export function kindOf(node: SimMachine): NodeKind {
  switch (node.data.node_type) {
    case 0:
      return "machine";
    case 1:
      return "device";
    case 3:
      return "region";
    default:
      return "rack";
  }
}

/**
 * The collection a kind of node lives under (`machines`, `devices`, `rackcontrollers`…).
 *
 * @example
 * ```ts
 * import { collectionOf } from "./render.ts";
 * console.log(collectionOf("region")); // "regioncontrollers"
 * ```
 */
export function collectionOf(kind: NodeKind): string {
  return KINDS[kind].collection;
}

/**
 * A node rendered as `kind` (its own kind by default), with `extra` fields some answers add (the
 * constraints an allocation matched).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { nodeJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ machines: 1 });
 * const [machine] = sim.state.machines.values();
 * console.log(nodeJson(sim.state, MaasLine.get("master"), machine).pod); // undefined
 * ```
 */
export function nodeJson(
  state: SimulatorState,
  line: MaasLine,
  node: SimMachine,
  kind: NodeKind = kindOf(node),
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const { handler, collection } = KINDS[kind];
  return line.shape(handler, {
    ...node.data,
    zone: zoneJson(line, state.placement.zone(node.zoneId)),
    pool: poolJson(line, state.placement.pool(node.poolId)),
    tag_names: state.tags.names(node.tagIds),
    ...(kind === "machine" ? machineStorageJson(state, line, node) : undefined),
    resource_uri: apiUri(`${collection}/${node.data.system_id}/`),
    ...extra,
  });
}
