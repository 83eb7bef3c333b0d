/**
 * Storage on a machine, one family per module: block devices, partitions, volume groups with
 * their logical volumes, RAIDs, bcaches and their cache sets, VMFS datastores. Every namespace
 * belongs to one machine (`machine.blockDevices`, `machine.volumeGroups`…); this module gathers
 * them for the machine that reaches them.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function layout(machine: Machine) {
 *   const disks = await machine.blockDevices.list();
 *   const groups = await machine.volumeGroups.list();
 *   return { disks: disks.map(String), groups: groups.map(String) };
 * }
 * ```
 *
 * @module
 */

export { NodeBlockDevices } from "./block_devices.ts";
export { NodeVolumeGroups } from "./volume_groups.ts";
export { NodeRaids } from "./raids.ts";
export { NodeBcaches } from "./bcaches.ts";
export { NodeBcacheCacheSets } from "./bcache_cache_sets.ts";
export { NodeVmfsDatastores } from "./vmfs_datastores.ts";
