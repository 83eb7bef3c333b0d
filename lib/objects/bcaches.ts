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

import { type CallOptions, type ClientContext, nested } from "./base.ts";
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
  humanBytes,
  NodeStorageNamespace,
  PARTITION,
  StorageObject,
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
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    uuid: { wire: "uuid", kind: "string", writable: true },
    cacheMode: { wire: "cache_mode", kind: "string", writable: true },
    size: { wire: "size", kind: "integer" },
    humanSize: { wire: "human_size", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    list: op({ handler: "BcachesHandler", method: "GET", typed: ["machine.bcaches.list()"] }),
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
    read: op({
      handler: "BcacheHandler",
      method: "GET",
      typed: ["machine.bcaches.get()", "bcache.refresh()"],
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
    delete: op({ handler: "BcacheHandler", method: "DELETE", typed: ["bcache.delete()"] }),
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
export class Bcache extends StorageObject {
  /** Name (`bcache0`); writable. */
  declare name: string;
  /** UUID; writable. */
  declare uuid: string;
  /** Cache mode (`writeback`, `writethrough`, `writearound`); writable. */
  declare cacheMode: CacheMode;
  /** Size in bytes (the backing device's). */
  declare readonly size: number;
  /** {@linkcode Bcache.size} in MAAS's words. */
  declare readonly humanSize: string;
  /** The bcache's URI on the server. */
  declare readonly resourceUri: string;

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

  /** `Bcache 6 bcache0 writeback 1.0 TB`. */
  toString(): string {
    return `Bcache ${this.id} ${this.name} ${this.cacheMode} ${humanBytes(this.size)}`;
  }

  /**
   * Changes the bcache: its cache set, cache mode, backing device or partition, name or UUID
   * (administrators only, Ready machines only). Writable fields changed and not saved are
   * dropped with the old state: `save()` sends those.
   */
  async update(params: UpdateBcacheOptions, options?: CallOptions): Promise<this> {
    eitherOf(params, "backingDevice", "backingPartition", false);
    return await this.apply(BCACHES.ops.update, params, options);
  }
}
defineStorageObject(Bcache, BCACHES.fields, {
  read: BCACHES.ops.read,
  update: BCACHES.ops.update,
  delete: BCACHES.ops.delete,
});

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
export class NodeBcaches extends NodeStorageNamespace<Bcache> {
  /** The bcaches of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      list: BCACHES.ops.list,
      read: BCACHES.ops.read,
      many: "bcaches",
      one: "a bcache",
      wrap: Bcache,
    });
  }

  /** Creates a bcache (administrators only, Ready machines only). */
  async create(params: CreateBcacheOptions, options?: CallOptions): Promise<Bcache> {
    eitherOf(params, "backingDevice", "backingPartition", true);
    return await this.make(BCACHES.ops.create, params, options);
  }
}
