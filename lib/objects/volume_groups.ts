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
import { BlockDevice, wrapDevices } from "./block_devices.ts";
import type { Partition } from "./partitions.ts";
import {
  BYTES,
  type ByteSize,
  defineStorageObject,
  GROUP_FIELDS,
  type GroupMembersOptions,
  humanBytes,
  listReadDelete,
  MEMBER_CHANGES,
  type MemberChangesOptions,
  NAMED_MEMBERS,
  NodeStorageNamespace,
  StorageGroup,
  VOLUME_ID,
} from "./storage_base.ts";

/** What a new volume group takes: a name and at least one block device or partition. */
export interface CreateVolumeGroupOptions extends GroupMembersOptions {
  /** Name (`vg0`). */
  name: string;
  /** UUID (MAAS makes one when absent). */
  uuid?: string;
}

/** What {@linkcode VolumeGroup.update} changes; lists add to or remove from the group. */
export type UpdateVolumeGroupOptions = MemberChangesOptions;

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
    ...GROUP_FIELDS,
    availableSize: { wire: "available_size", kind: "integer" },
    humanAvailableSize: { wire: "human_available_size", kind: "string" },
    usedSize: { wire: "used_size", kind: "integer" },
    humanUsedSize: { wire: "human_used_size", kind: "string" },
  },
  ops: {
    ...listReadDelete(
      "VolumeGroupsHandler",
      "VolumeGroupHandler",
      "machine.volumeGroups",
      "volumeGroup",
    ),
    create: op<CreateVolumeGroupOptions>({
      handler: "VolumeGroupsHandler",
      method: "POST",
      typed: ["machine.volumeGroups.create()"],
      params: NAMED_MEMBERS,
    }),
    update: op<UpdateVolumeGroupOptions>({
      handler: "VolumeGroupHandler",
      method: "PUT",
      typed: ["volumeGroup.update()", "volumeGroup.save()"],
      params: MEMBER_CHANGES,
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
export class VolumeGroup extends StorageGroup<UpdateVolumeGroupOptions> {
  /** Bytes not yet given to logical volumes. */
  declare readonly availableSize: number;
  /** {@linkcode VolumeGroup.availableSize} in MAAS's words. */
  declare readonly humanAvailableSize: string;
  /** Bytes given to logical volumes. */
  declare readonly usedSize: number;
  /** {@linkcode VolumeGroup.usedSize} in MAAS's words. */
  declare readonly humanUsedSize: string;

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
defineStorageObject(VolumeGroup, VOLUME_GROUPS);

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
export class NodeVolumeGroups extends NodeStorageNamespace<VolumeGroup, CreateVolumeGroupOptions> {
  /** The volume groups of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: VOLUME_GROUPS.ops,
      many: "volume groups",
      one: "a volume group",
      wrap: VolumeGroup,
    });
  }
}
