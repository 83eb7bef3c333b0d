/**
 * What the storage family reads of the node its storage is on: how it boots (for the cost of a
 * partition table), its status (which changes MAAS allows) and its owner (who may change it).
 * The node records belong to the nodes family; this is the one place that reads them.
 *
 * @module
 */

import type { SimMachine } from "../nodes/model.ts";
import type { StorageHost } from "./model.ts";

/**
 * How a node boots, as storage needs it.
 *
 * @example
 * ```ts
 * import { generateMachines } from "@libmaas/client/testing";
 * import { hostOf } from "./node.ts";
 * console.log(hostOf(generateMachines(1)[0]).architecture); // "amd64/generic" or "arm64/generic"
 * ```
 */
export function hostOf(node: SimMachine): StorageHost {
  return {
    architecture: String(node.data.architecture ?? ""),
    biosBootMethod: node.data.bios_boot_method,
  };
}

/**
 * A node's status number.
 *
 * @example
 * ```ts
 * import { generateMachines } from "@libmaas/client/testing";
 * import { statusOf } from "./node.ts";
 * console.log(typeof statusOf(generateMachines(1)[0])); // "number"
 * ```
 */
export function statusOf(node: SimMachine): number {
  return node.data.status;
}

/**
 * A node's owner's username, or null.
 *
 * @example
 * ```ts
 * import { generateMachines } from "@libmaas/client/testing";
 * import { ownerOf } from "./node.ts";
 * console.log(ownerOf(generateMachines(1)[0]) === null || true); // true
 * ```
 */
export function ownerOf(node: SimMachine): string | null {
  return node.data.owner;
}
