/**
 * Bcache cache sets of a machine: `nodes/{system_id}/bcache-cache-sets/` and
 * `…/bcache-cache-set/{id}/`. A cache set is the fast device (usually an SSD) the machine's
 * bcaches cache on.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function onSsd(machine: Machine) {
 *   return await machine.bcacheCacheSets.create({ cacheDevice: "nvme0n1" });
 * }
 * ```
 *
 * @module
 */

import type { CallOptions, ClientContext } from "./base.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { type BlockDevice, type BlockDeviceRef, wrapOptionalDevice } from "./block_devices.ts";
import type { Partition, PartitionRef } from "./partitions.ts";
import {
  BLOCK_DEVICE,
  defineStorageObject,
  eitherOf,
  listReadDelete,
  NodeStorageNamespace,
  PARTITION,
  StorageObject,
} from "./storage_base.ts";

/** A bcache cache set given by id, by name (`cache0`) or as the object itself. */
export type CacheSetRef = number | string | BcacheCacheSet;

/** Where a cache set caches: one block device or one partition, not both. */
export interface CacheSetOptions extends ExtraParams {
  /** An unused block device to cache on. */
  cacheDevice?: BlockDeviceRef;
  /** An unused partition to cache on. */
  cachePartition?: PartitionRef;
}

/** The cache sets family: a machine's bcache cache sets and one cache set. */
export const BCACHE_CACHE_SETS = family({
  name: "bcacheCacheSets",
  handlers: {
    BcacheCacheSetsHandler: "nodes/{system_id}/bcache-cache-sets/",
    BcacheCacheSetHandler: "nodes/{system_id}/bcache-cache-set/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    ...listReadDelete(
      "BcacheCacheSetsHandler",
      "BcacheCacheSetHandler",
      "machine.bcacheCacheSets",
      "cacheSet",
    ),
    create: op<CacheSetOptions>({
      handler: "BcacheCacheSetsHandler",
      method: "POST",
      typed: ["machine.bcacheCacheSets.create()"],
      params: {
        cacheDevice: { wire: "cache_device", kind: BLOCK_DEVICE },
        cachePartition: { wire: "cache_partition", kind: PARTITION },
      },
    }),
    update: op<CacheSetOptions>({
      handler: "BcacheCacheSetHandler",
      method: "PUT",
      typed: ["cacheSet.update()"],
      params: {
        cacheDevice: { wire: "cache_device", kind: BLOCK_DEVICE },
        cachePartition: { wire: "cache_partition", kind: PARTITION },
      },
    }),
  },
});

/**
 * A bcache cache set: the fast device (usually an SSD) that bcaches of the machine cache on.
 *
 * @example
 * ```ts
 * import type { BcacheCacheSet } from "@libmaas/client";
 * function show(cacheSet: BcacheCacheSet) {
 *   console.log(cacheSet.name, String(cacheSet.cacheDevice));
 * }
 * ```
 */
export class BcacheCacheSet extends StorageObject {
  /** Name (`cache0`), given by MAAS from the cache set's rank on the machine. */
  declare readonly name: string;
  /** The cache set's URI on the server. */
  declare readonly resourceUri: string;

  /** The block device or partition holding the cache. */
  get cacheDevice(): BlockDevice | Partition | null {
    return wrapOptionalDevice(this.client, this.get("cache_device"));
  }

  /** `BcacheCacheSet 2 cache0`. */
  toString(): string {
    return `BcacheCacheSet ${this.id} ${this.name}`;
  }

  /** Moves the cache to another device or partition (administrators only, Ready machines only). */
  async update(params: CacheSetOptions, options?: CallOptions): Promise<this> {
    eitherOf(params, "cacheDevice", "cachePartition", false);
    return await this.apply(BCACHE_CACHE_SETS.ops.update, params, options);
  }
}
defineStorageObject(BcacheCacheSet, BCACHE_CACHE_SETS);

/**
 * The bcache cache sets of one machine (`machine.bcacheCacheSets`).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function onSsd(machine: Machine) {
 *   return await machine.bcacheCacheSets.create({ cacheDevice: "nvme0n1" });
 * }
 * ```
 */
export class NodeBcacheCacheSets extends NodeStorageNamespace<BcacheCacheSet, CacheSetOptions> {
  /** The cache sets of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: BCACHE_CACHE_SETS.ops,
      many: "cache sets",
      one: "a cache set",
      wrap: BcacheCacheSet,
    });
  }

  /** MAAS caches on one device or one partition: neither, or both, is refused here. */
  protected override checkCreate(params: CacheSetOptions): void {
    eitherOf(params, "cacheDevice", "cachePartition", true);
  }
}
