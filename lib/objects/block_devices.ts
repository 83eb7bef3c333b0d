/**
 * Block devices of a machine: `nodes/{system_id}/blockdevices/` and `…/blockdevices/{id}/`.
 * Physical disks, and the virtual devices volume groups, RAIDs, bcaches and VMFS datastores make;
 * each object keeps the wire data MAAS sent, its partitions included, so a layout can be read
 * without further requests.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function disks(machine: Machine) {
 *   for (const disk of await machine.blockDevices.list()) console.log(String(disk), disk.usedFor);
 * }
 * ```
 *
 * @module
 */

import type { CallOptions, ClientContext, WireData } from "./base.ts";
import { invoke } from "./engine.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import type { BlockDeviceType } from "./enums.ts";
import { BlockDevicePartitions, Partition } from "./partitions.ts";
import {
  BYTES,
  type ByteSize,
  defineStorageObject,
  deviceOpSpecs,
  humanBytes,
  listReadDelete,
  NodeStorageNamespace,
  StorageDevice,
} from "./storage_base.ts";

/** A block device given by id, by name (`sda`) or as the object itself. */
export type BlockDeviceRef = number | string | BlockDevice;

/** What a new physical block device takes. */
export interface CreateBlockDeviceOptions extends ExtraParams {
  /** Name (`sdb`). */
  name: string;
  /** Size in bytes, at least 4 MiB. */
  size: ByteSize;
  /** Block size in bytes (512, 4096…), at least 512. */
  blockSize: ByteSize;
  /** Model; MAAS needs model and serial, or `idPath`. */
  model?: string;
  /** Serial number. */
  serial?: string;
  /** A fixed by-id path, for disks that model and serial cannot identify. */
  idPath?: string;
  /** Index of the NUMA node the disk is attached to (default 0). */
  numaNode?: number;
}

/** The fields a block device's `save()` sends: those of {@linkcode BlockDevice} that may change. */
interface BlockDeviceChanges {
  name?: string;
  model?: string;
  serial?: string;
  idPath?: string;
  size?: ByteSize;
  blockSize?: ByteSize;
  uuid?: string;
  numaNode?: number;
  partitionTableType?: string;
}

/** The block devices family: a machine's block devices and one block device. */
export const BLOCK_DEVICES = family({
  name: "blockDevices",
  handlers: {
    BlockDevicesHandler: "nodes/{system_id}/blockdevices/",
    BlockDeviceHandler: "nodes/{system_id}/blockdevices/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    uuid: { wire: "uuid", kind: "string", writable: true },
    type: { wire: "type", kind: "string" },
    path: { wire: "path", kind: "string" },
    model: { wire: "model", kind: "string", writable: true },
    serial: { wire: "serial", kind: "string", writable: true },
    idPath: { wire: "id_path", kind: "string", writable: true },
    size: { wire: "size", kind: "integer", writable: true },
    blockSize: { wire: "block_size", kind: "integer", writable: true },
    availableSize: { wire: "available_size", kind: "integer" },
    usedSize: { wire: "used_size", kind: "integer" },
    usedFor: { wire: "used_for", kind: "string" },
    tags: { wire: "tags", kind: "strings" },
    partitionTableType: { wire: "partition_table_type", kind: "string", writable: true },
    firmwareVersion: { wire: "firmware_version", kind: "string" },
    storagePool: { wire: "storage_pool", kind: "string" },
    numaNode: { wire: "numa_node", kind: "integer", writable: true },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    ...listReadDelete(
      "BlockDevicesHandler",
      "BlockDeviceHandler",
      "machine.blockDevices",
      "blockDevice",
    ),
    create: op<CreateBlockDeviceOptions>({
      handler: "BlockDevicesHandler",
      method: "POST",
      typed: ["machine.blockDevices.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        size: { wire: "size", kind: BYTES, required: true },
        blockSize: { wire: "block_size", kind: BYTES, required: true },
        model: { wire: "model", kind: "string" },
        serial: { wire: "serial", kind: "string" },
        idPath: { wire: "id_path", kind: "string" },
        numaNode: { wire: "numa_node", kind: "integer" },
      },
    }),
    update: op<BlockDeviceChanges>({
      handler: "BlockDeviceHandler",
      method: "PUT",
      typed: ["blockDevice.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        model: { wire: "model", kind: "string" },
        serial: { wire: "serial", kind: "string" },
        idPath: { wire: "id_path", kind: "string" },
        size: { wire: "size", kind: BYTES },
        blockSize: { wire: "block_size", kind: BYTES },
        uuid: { wire: "uuid", kind: "string" },
        numaNode: { wire: "numa_node", kind: "integer" },
        partitionTableType: {
          wire: "partition_table_type",
          kind: "string",
          values: ["GPT", "MBR"],
        },
      },
    }),
    setBootDisk: op({
      handler: "BlockDeviceHandler",
      method: "POST",
      op: "set_boot_disk",
      typed: ["blockDevice.setBootDisk()"],
    }),
    ...deviceOpSpecs("BlockDeviceHandler", "blockDevice"),
  },
});

/**
 * A block device of a machine: a physical disk, or a virtual device (a logical volume, the
 * device of a RAID, a bcache or a VMFS datastore). Writable fields are sent by `save()`; MAAS
 * accepts every change on a Ready machine, and only `name`, `model`, `serial` and `idPath` of a
 * physical device on a Deployed one.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function rename(machine: Machine) {
 *   const disk = await machine.blockDevices.get("sdb");
 *   disk.name = "data";
 *   await disk.save();
 * }
 * ```
 */
export class BlockDevice extends StorageDevice {
  /**
   * Name (`sda`). A logical volume is shown as `VG-LV`; to rename one, set its own name (`LV`),
   * as MAAS stores it.
   */
  declare name: string;
  /** UUID of a virtual device (writable on those); null for physical ones. */
  declare uuid: string | null;
  /** `physical` or `virtual`. */
  declare readonly type: BlockDeviceType;
  /** Model of a physical device; null for virtual ones. */
  declare model: string | null;
  /** Serial number of a physical device; null for virtual ones. */
  declare serial: string | null;
  /** A fixed by-id path, used when model and serial cannot identify the disk. */
  declare idPath: string | null;
  /** Size in bytes (writable on physical devices and logical volumes). */
  declare size: number;
  /** Block size in bytes. */
  declare blockSize: number;
  /** Bytes still free for partitions (0 once the device is formatted or used whole). */
  declare readonly availableSize: number;
  /** Bytes in use (partitions plus the partition table's own overhead). */
  declare readonly usedSize: number;
  /**
   * `GPT` or `MBR` when the device has a partition table, else null; writable when it has one.
   * (MAAS sends these upper-case names.)
   */
  declare partitionTableType: string | null;
  /** Firmware version of a physical device, when known. */
  declare readonly firmwareVersion: string | null | undefined;
  /** The VM host storage pool backing the device, or null. */
  declare readonly storagePool: string | null;
  /** Index of the NUMA node of a physical device (writable on those); null for virtual ones. */
  declare numaNode: number | null;
  /** The device's URI on the server. */
  declare readonly resourceUri: string;

  #partitions: BlockDevicePartitions | undefined;

  /**
   * The device's partitions: iterate it for the partitions the server sent with the device (no
   * request), or call `list()`, `get()` and `create()` on it.
   */
  get partitions(): BlockDevicePartitions {
    const sent = this.get("partitions");
    return this.#partitions ??= new BlockDevicePartitions(
      this.client,
      this.systemId,
      this.id,
      Array.isArray(sent) ? sent : [],
    );
  }

  /** `BlockDevice 12 sda physical 500.1 GB`. */
  toString(): string {
    return `BlockDevice ${this.id} ${this.name} ${this.type} ${humanBytes(this.size)}`;
  }

  /**
   * Makes this physical device the machine's boot disk (administrators only, Ready machines
   * only). MAAS answers `OK` rather than the device, so the object is not changed.
   */
  async setBootDisk(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.client, BLOCK_DEVICES.ops.setBootDisk, {
      path: this.resourcePath,
      params,
      call: options,
    });
  }

  /** A new state brings its own partitions. */
  protected override replace(data: unknown): this {
    this.#partitions = undefined;
    return super.replace(data);
  }
}
defineStorageObject(BlockDevice, BLOCK_DEVICES);

/**
 * A block device's or partition's wire data wrapped in its class (`type` tells them apart), as
 * the members of volume groups, RAIDs, bcaches, cache sets and datastores come.
 *
 * @example
 * ```ts
 * import type { ClientContext } from "@libmaas/client/objects";
 * import { wrapDevice } from "./block_devices.ts";
 * const member = (context: ClientContext) => wrapDevice(context, { type: "partition", id: 3 });
 * ```
 */
export function wrapDevice(context: ClientContext, data: WireData): BlockDevice | Partition {
  return data.type === "partition" ? new Partition(context, data) : new BlockDevice(context, data);
}

/**
 * The block devices and partitions of a wire list, each in its class.
 *
 * @example
 * ```ts
 * import type { ClientContext } from "@libmaas/client/objects";
 * import { wrapDevices } from "./block_devices.ts";
 * const none = (context: ClientContext) => wrapDevices(context, undefined); // []
 * ```
 */
export function wrapDevices(context: ClientContext, value: unknown): (BlockDevice | Partition)[] {
  if (!Array.isArray(value)) return [];
  return (value as WireData[]).map((item) => wrapDevice(context, item));
}

/**
 * The block device or partition of a wire field, or null.
 *
 * @example
 * ```ts
 * import type { ClientContext } from "@libmaas/client/objects";
 * import { wrapOptionalDevice } from "./block_devices.ts";
 * const none = (context: ClientContext) => wrapOptionalDevice(context, null); // null
 * ```
 */
export function wrapOptionalDevice(
  context: ClientContext,
  value: unknown,
): BlockDevice | Partition | null {
  return value && typeof value === "object" ? wrapDevice(context, value as WireData) : null;
}

/**
 * The block devices of one machine (`machine.blockDevices`).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function addDisk(machine: Machine) {
 *   return await machine.blockDevices.create({
 *     name: "sdb",
 *     size: "500G",
 *     blockSize: 4096,
 *     model: "QEMU HARDDISK",
 *     serial: "QM00002",
 *   });
 * }
 * ```
 */
export class NodeBlockDevices extends NodeStorageNamespace<BlockDevice, CreateBlockDeviceOptions> {
  /** The block devices of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: BLOCK_DEVICES.ops,
      many: "block devices",
      one: "a block device",
      wrap: BlockDevice,
    });
  }
}
