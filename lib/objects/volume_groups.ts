/**
 * LVM volume groups of a machine and their logical volumes: `nodes/{system_id}/volume-groups/`
 * and `…/volume-groups/{id}/`. A logical volume is a virtual block device; the group creates and
 * deletes them.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function home(machine: Machine) {
 *   const group = await machine.volumeGroups.create({ name: "vg0", blockDevices: ["sdb"] });
 *   const volume = await group.createLogicalVolume({ name: "home", size: "50G" });
 *   await volume.format("xfs");
 *   return await volume.mount("/home");
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, type ClientContext, nestedList } from "./base.ts";
import { invoke, oneOf } from "./engine.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { BlockDevice, type BlockDeviceRef, wrapDevices } from "./block_devices.ts";
import type { Partition, PartitionRef } from "./partitions.ts";
import {
  BLOCK_DEVICES,
  BYTES,
  type ByteSize,
  defineStorageObject,
  humanBytes,
  NodeStorageNamespace,
  type OneOrList,
  PARTITIONS,
  StorageObject,
  VOLUME_ID,
} from "./storage_base.ts";

/** What a new volume group takes: a name and at least one block device or partition. */
export interface CreateVolumeGroupOptions extends ExtraParams {
  /** Name (`vg0`). */
  name: string;
  /** UUID (MAAS makes one when absent). */
  uuid?: string;
  /** Unused block devices to make physical volumes of (the boot disk gets a partition first). */
  blockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to make physical volumes of. */
  partitions?: OneOrList<PartitionRef>;
}

/** What {@linkcode VolumeGroup.update} changes; lists add to or remove from the group. */
export interface UpdateVolumeGroupOptions extends ExtraParams {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Block devices to add as physical volumes. */
  addBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Block devices to take out of the group. */
  removeBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Partitions to add as physical volumes. */
  addPartitions?: OneOrList<PartitionRef>;
  /** Partitions to take out of the group. */
  removePartitions?: OneOrList<PartitionRef>;
}

/** What a new logical volume takes. */
export interface CreateLogicalVolumeOptions extends ExtraParams {
  /** Name of the volume (its block device is named `VG-NAME`). */
  name: string;
  /** Size in bytes, at least 4 MiB; all the free space of the group when absent. */
  size?: ByteSize;
  /** UUID of the volume. */
  uuid?: string;
}

/** What `delete_logical_volume` sends: the volume, given first. */
interface DeleteLogicalVolumeParams {
  volume: number | BlockDevice;
}

/** The volume groups family: a machine's volume groups, one group and its logical volumes. */
export const VOLUME_GROUPS = family({
  name: "volumeGroups",
  handlers: {
    VolumeGroupsHandler: "nodes/{system_id}/volume-groups/",
    VolumeGroupHandler: "nodes/{system_id}/volume-groups/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    uuid: { wire: "uuid", kind: "string", writable: true },
    size: { wire: "size", kind: "integer" },
    humanSize: { wire: "human_size", kind: "string" },
    availableSize: { wire: "available_size", kind: "integer" },
    humanAvailableSize: { wire: "human_available_size", kind: "string" },
    usedSize: { wire: "used_size", kind: "integer" },
    humanUsedSize: { wire: "human_used_size", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    list: op({
      handler: "VolumeGroupsHandler",
      method: "GET",
      typed: ["machine.volumeGroups.list()"],
    }),
    create: op<CreateVolumeGroupOptions>({
      handler: "VolumeGroupsHandler",
      method: "POST",
      typed: ["machine.volumeGroups.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        uuid: { wire: "uuid", kind: "string" },
        blockDevices: { wire: "block_devices", kind: BLOCK_DEVICES },
        partitions: { wire: "partitions", kind: PARTITIONS },
      },
    }),
    read: op({
      handler: "VolumeGroupHandler",
      method: "GET",
      typed: ["machine.volumeGroups.get()", "volumeGroup.refresh()"],
    }),
    update: op<UpdateVolumeGroupOptions>({
      handler: "VolumeGroupHandler",
      method: "PUT",
      typed: ["volumeGroup.update()", "volumeGroup.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        uuid: { wire: "uuid", kind: "string" },
        addBlockDevices: { wire: "add_block_devices", kind: BLOCK_DEVICES },
        removeBlockDevices: { wire: "remove_block_devices", kind: BLOCK_DEVICES },
        addPartitions: { wire: "add_partitions", kind: PARTITIONS },
        removePartitions: { wire: "remove_partitions", kind: PARTITIONS },
      },
    }),
    delete: op({
      handler: "VolumeGroupHandler",
      method: "DELETE",
      typed: ["volumeGroup.delete()"],
    }),
    createLogicalVolume: op<CreateLogicalVolumeOptions>({
      handler: "VolumeGroupHandler",
      method: "POST",
      op: "create_logical_volume",
      typed: ["volumeGroup.createLogicalVolume()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        size: { wire: "size", kind: BYTES },
        uuid: { wire: "uuid", kind: "string" },
      },
    }),
    deleteLogicalVolume: op<DeleteLogicalVolumeParams>({
      handler: "VolumeGroupHandler",
      method: "POST",
      op: "delete_logical_volume",
      typed: ["volumeGroup.deleteLogicalVolume()"],
      // MAAS reads the volume's id from the body under the name its path gives the group's id.
      params: { volume: { wire: "id", kind: VOLUME_ID, required: true } },
    }),
  },
});

/**
 * An LVM volume group. Its physical volumes and logical volumes come with it
 * ({@linkcode VolumeGroup.devices}, {@linkcode VolumeGroup.logicalVolumes}).
 *
 * @example
 * ```ts
 * import type { VolumeGroup } from "@libmaas/client";
 * async function addHome(group: VolumeGroup) {
 *   const volume = await group.createLogicalVolume({ name: "home", size: "50G" });
 *   await volume.format("xfs");
 *   return await volume.mount("/home");
 * }
 * ```
 */
export class VolumeGroup extends StorageObject {
  /** Name (`vg0`); writable. */
  declare name: string;
  /** UUID; writable. */
  declare uuid: string;
  /** Usable size in bytes (physical volumes less one 4 MiB extent each for LVM's headers). */
  declare readonly size: number;
  /** {@linkcode VolumeGroup.size} in MAAS's words (`500.1 GB`). */
  declare readonly humanSize: string;
  /** Bytes not yet given to logical volumes. */
  declare readonly availableSize: number;
  /** {@linkcode VolumeGroup.availableSize} in MAAS's words. */
  declare readonly humanAvailableSize: string;
  /** Bytes given to logical volumes. */
  declare readonly usedSize: number;
  /** {@linkcode VolumeGroup.usedSize} in MAAS's words. */
  declare readonly humanUsedSize: string;
  /** The group's URI on the server (MAAS's singular `…/volume-group/{id}/` path). */
  declare readonly resourceUri: string;

  /** The physical volumes: block devices and partitions. */
  get devices(): (BlockDevice | Partition)[] {
    return wrapDevices(this.client, this.get("devices"));
  }

  /** The logical volumes, as (virtual) block devices. */
  get logicalVolumes(): BlockDevice[] {
    return nestedList(this.client, this.get("logical_volumes"), BlockDevice);
  }

  /** `VolumeGroup 3 vg0 500.1 GB`. */
  toString(): string {
    return `VolumeGroup ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /**
   * Renames the group or changes its physical volumes (administrators only, Ready machines
   * only); it may not become smaller than its logical volumes. Writable fields changed and not
   * saved are dropped with the old state: `save()` sends those.
   */
  async update(params: UpdateVolumeGroupOptions, options?: CallOptions): Promise<this> {
    return await this.apply(VOLUME_GROUPS.ops.update, params, options);
  }

  /**
   * Creates a logical volume and returns it as a block device. The group object itself is not
   * refreshed: call `refresh()` to see the new sizes.
   */
  async createLogicalVolume(
    params: CreateLogicalVolumeOptions,
    options?: CallOptions,
  ): Promise<BlockDevice> {
    return await oneOf(
      this.client,
      VOLUME_GROUPS.ops.createLogicalVolume,
      BlockDevice,
      "a logical volume",
      { path: this.resourcePath, params, call: options },
    );
  }

  /**
   * Deletes a logical volume of the group (given by its block device's id, or as the block
   * device). MAAS answers success even when there is no such volume; the group object is not
   * refreshed.
   */
  async deleteLogicalVolume(
    volume: number | BlockDevice,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.client, VOLUME_GROUPS.ops.deleteLogicalVolume, {
      path: this.resourcePath,
      params,
      set: { volume },
      call: options,
    });
  }
}
defineStorageObject(VolumeGroup, VOLUME_GROUPS.fields, {
  read: VOLUME_GROUPS.ops.read,
  update: VOLUME_GROUPS.ops.update,
  delete: VOLUME_GROUPS.ops.delete,
});

/**
 * The volume groups of one machine (`machine.volumeGroups`).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function makeGroup(machine: Machine) {
 *   return await machine.volumeGroups.create({ name: "vg0", blockDevices: ["sdb", "sdc"] });
 * }
 * ```
 */
export class NodeVolumeGroups extends NodeStorageNamespace<VolumeGroup> {
  /** The volume groups of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      list: VOLUME_GROUPS.ops.list,
      read: VOLUME_GROUPS.ops.read,
      many: "volume groups",
      one: "a volume group",
      wrap: VolumeGroup,
    });
  }

  /** Creates a volume group (administrators only, Ready machines only). */
  async create(params: CreateVolumeGroupOptions, options?: CallOptions): Promise<VolumeGroup> {
    return await this.make(VOLUME_GROUPS.ops.create, params, options);
  }
}
