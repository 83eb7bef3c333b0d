/**
 * Bcaches of a machine: `nodes/{system_id}/bcaches/` and `…/bcache/{id}/`. A bcache is a slow
 * backing device or partition cached on a cache set; it makes a virtual block device.
 *
 * @example
 * ```ts
 * import { CacheMode, type Machine } from "@libmaas/client";
 * async function cached(machine: Machine) {
 *   const cacheSet = await machine.bcacheCacheSets.create({ cacheDevice: "sdb" });
 *   return await machine.bcaches.create({
 *     cacheSet,
 *     cacheMode: CacheMode.WRITETHROUGH,
 *     backingDevice: "sdc",
 *   });
 * }
 * ```
 *
 * @module
 */

import { type ClientContext, nested } from "./base.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { BlockDevice, type BlockDeviceRef, wrapOptionalDevice } from "./block_devices.ts";
import { BcacheCacheSet, type CacheSetRef } from "./bcache_cache_sets.ts";
import { CacheMode } from "./enums.ts";
import type { Partition, PartitionRef } from "./partitions.ts";
import {
  BLOCK_DEVICE,
  CACHE_SET,
  defineStorageObject,
  eitherOf,
  GROUP_FIELDS,
  humanBytes,
  listReadDelete,
  NodeStorageNamespace,
  PARTITION,
  StorageGroup,
} from "./storage_base.ts";

/** What a new bcache takes: a cache set, a cache mode and one backing device or partition. */
export interface CreateBcacheOptions extends ExtraParams {
  /** The cache set to cache on. */
  cacheSet: CacheSetRef;
  /** Cache mode. */
  cacheMode: CacheMode;
  /** An unused block device to back the bcache. */
  backingDevice?: BlockDeviceRef;
  /** An unused partition to back the bcache. */
  backingPartition?: PartitionRef;
  /** Name (MAAS picks the next free `bcacheN` when absent). */
  name?: string;
  /** UUID. */
  uuid?: string;
}

/** What {@linkcode Bcache.update} changes. */
export interface UpdateBcacheOptions extends ExtraParams {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Another cache set to cache on. */
  cacheSet?: CacheSetRef;
  /** New cache mode. */
  cacheMode?: CacheMode;
  /** Another backing block device. */
  backingDevice?: BlockDeviceRef;
  /** Another backing partition. */
  backingPartition?: PartitionRef;
}

const CACHE_MODES = Object.values(CacheMode);

/** The bcaches family: a machine's bcaches and one bcache. */
export const BCACHES = family({
  name: "bcaches",
  handlers: {
    BcachesHandler: "nodes/{system_id}/bcaches/",
    BcacheHandler: "nodes/{system_id}/bcache/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: { ...GROUP_FIELDS, cacheMode: { wire: "cache_mode", kind: "string", writable: true } },
  ops: {
    ...listReadDelete("BcachesHandler", "BcacheHandler", "machine.bcaches", "bcache"),
    create: op<CreateBcacheOptions>({
      handler: "BcachesHandler",
      method: "POST",
      typed: ["machine.bcaches.create()"],
      params: {
        cacheSet: { wire: "cache_set", kind: CACHE_SET, required: true },
        cacheMode: { wire: "cache_mode", kind: "string", required: true, values: CACHE_MODES },
        backingDevice: { wire: "backing_device", kind: BLOCK_DEVICE },
        backingPartition: { wire: "backing_partition", kind: PARTITION },
        name: { wire: "name", kind: "string" },
        uuid: { wire: "uuid", kind: "string" },
      },
    }),
    update: op<UpdateBcacheOptions>({
      handler: "BcacheHandler",
      method: "PUT",
      typed: ["bcache.update()", "bcache.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        uuid: { wire: "uuid", kind: "string" },
        cacheSet: { wire: "cache_set", kind: CACHE_SET },
        cacheMode: { wire: "cache_mode", kind: "string", values: CACHE_MODES },
        backingDevice: { wire: "backing_device", kind: BLOCK_DEVICE },
        backingPartition: { wire: "backing_partition", kind: PARTITION },
      },
    }),
  },
});

/**
 * A bcache: a slow backing device cached on a cache set. The block device it makes comes with it.
 *
 * @example
 * ```ts
 * import { type Bcache, CacheMode } from "@libmaas/client";
 * async function writeBack(bcache: Bcache) {
 *   bcache.cacheMode = CacheMode.WRITEBACK;
 *   return await bcache.save();
 * }
 * ```
 */
export class Bcache extends StorageGroup<UpdateBcacheOptions> {
  /** Cache mode (`writeback`, `writethrough`, `writearound`); writable. */
  declare cacheMode: CacheMode;

  /** The cache set the bcache caches on. */
  get cacheSet(): BcacheCacheSet | null {
    return nested(this.client, this.get("cache_set"), BcacheCacheSet);
  }

  /** The backing block device or partition. */
  get backingDevice(): BlockDevice | Partition | null {
    return wrapOptionalDevice(this.client, this.get("backing_device"));
  }

  /** The block device the bcache makes, to format, mount or partition. */
  get virtualDevice(): BlockDevice | null {
    return nested(this.client, this.get("virtual_device"), BlockDevice);
  }

  /** MAAS backs a bcache with one device or one partition: both are refused here. */
  protected override checkUpdate(params: UpdateBcacheOptions): void {
    eitherOf(params, "backingDevice", "backingPartition", false);
  }

  /** `Bcache 6 bcache0 writeback 1.0 TB`. */
  toString(): string {
    return `Bcache ${this.id} ${this.name} ${this.cacheMode} ${humanBytes(this.size)}`;
  }
}
defineStorageObject(Bcache, BCACHES);

/**
 * The bcaches of one machine (`machine.bcaches`).
 *
 * @example
 * ```ts
 * import { CacheMode, type Machine } from "@libmaas/client";
 * async function cached(machine: Machine) {
 *   const cacheSet = await machine.bcacheCacheSets.create({ cacheDevice: "sdb" });
 *   return await machine.bcaches.create({
 *     cacheSet,
 *     cacheMode: CacheMode.WRITETHROUGH,
 *     backingDevice: "sdc",
 *   });
 * }
 * ```
 */
export class NodeBcaches extends NodeStorageNamespace<Bcache, CreateBcacheOptions> {
  /** The bcaches of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: BCACHES.ops,
      many: "bcaches",
      one: "a bcache",
      wrap: Bcache,
    });
  }

  /** MAAS backs a bcache with one device or one partition: neither, or both, is refused here. */
  protected override checkCreate(params: CreateBcacheOptions): void {
    eitherOf(params, "backingDevice", "backingPartition", true);
  }
}
