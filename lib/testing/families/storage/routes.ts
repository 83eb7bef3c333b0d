/**
 * Storage on a machine: block devices, partitions, volume groups and logical volumes, RAIDs,
 * bcaches and their cache sets, VMFS datastores. Each resource's handlers live in a file of its
 * own; the records are the storage section of the state (`model.ts`), rendered on every read
 * (`render.ts`).
 *
 * @module
 */

import type { RouteTable } from "../../routes.ts";
import {
  bcacheCacheSetHandler,
  bcacheCacheSetsHandler,
  bcacheHandler,
  bcachesHandler,
} from "./bcaches.ts";
import { blockDeviceHandler, blockDevicesHandler } from "./block_devices.ts";
import { partitionHandler, partitionsHandler } from "./partitions.ts";
import { raidHandler, raidsHandler } from "./raids.ts";
import { vmfsDatastoreHandler, vmfsDatastoresHandler } from "./vmfs_datastores.ts";
import { volumeGroupHandler, volumeGroupsHandler } from "./volume_groups.ts";

/**
 * Registers the storage resources of machines: block devices, partitions, volume groups, RAIDs,
 * bcaches, bcache cache sets and VMFS datastores. The singular paths MAAS also answers
 * (`…/partition/{id}`, `…/volume-group/{id}/`, the ones its `resource_uri` fields use) are served
 * too, left out of the describe document.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerStorage } from "./routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerStorage(table);
 * console.log(table.match("/MAAS/api/2.0/nodes/abc123/raids/") !== null); // true
 * ```
 */
export function registerStorage(table: RouteTable): void {
  const nodes = "nodes/{system_id}/";
  table.resource({ path: `${nodes}blockdevices/`, auth: blockDevicesHandler() });
  table.resource({ path: `${nodes}blockdevices/{id}/`, auth: blockDeviceHandler() });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partitions/`,
    auth: partitionsHandler(),
  });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partitions/{id}`,
    auth: partitionHandler(),
  });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partition/{id}`,
    alias: true,
    auth: partitionHandler(),
  });
  table.resource({ path: `${nodes}volume-groups/`, auth: volumeGroupsHandler() });
  table.resource({ path: `${nodes}volume-groups/{id}/`, auth: volumeGroupHandler() });
  table.resource({ path: `${nodes}volume-group/{id}/`, alias: true, auth: volumeGroupHandler() });
  table.resource({ path: `${nodes}raids/`, auth: raidsHandler() });
  table.resource({ path: `${nodes}raid/{id}/`, auth: raidHandler() });
  table.resource({ path: `${nodes}bcaches/`, auth: bcachesHandler() });
  table.resource({ path: `${nodes}bcache/{id}/`, auth: bcacheHandler() });
  table.resource({ path: `${nodes}bcache-cache-sets/`, auth: bcacheCacheSetsHandler() });
  table.resource({ path: `${nodes}bcache-cache-set/{id}/`, auth: bcacheCacheSetHandler() });
  table.resource({ path: `${nodes}vmfs-datastores/`, auth: vmfsDatastoresHandler() });
  table.resource({ path: `${nodes}vmfs-datastore/{id}/`, auth: vmfsDatastoreHandler() });
}
