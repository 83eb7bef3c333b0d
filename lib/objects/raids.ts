/**
 * Software RAIDs (md) of a machine: `nodes/{system_id}/raids/` and `…/raid/{id}/`. Each RAID
 * makes a virtual block device to format, mount or partition.
 *
 * @example
 * ```ts
 * import { type Machine, RaidLevel } from "@libmaas/client";
 * async function mirror(machine: Machine) {
 *   return await machine.raids.create({ level: RaidLevel.RAID_1, blockDevices: ["sdb", "sdc"] });
 * }
 * ```
 *
 * @module
 */

import { type ClientContext, nested } from "./base.ts";
import { family, op } from "./spec.ts";
import { BlockDevice, type BlockDeviceRef, wrapDevices } from "./block_devices.ts";
import { RaidLevel } from "./enums.ts";
import type { Partition, PartitionRef } from "./partitions.ts";
import {
  BLOCK_DEVICES,
  defineStorageObject,
  GROUP_FIELDS,
  type GroupMembersOptions,
  humanBytes,
  listReadDelete,
  MEMBER_CHANGES,
  type MemberChangesOptions,
  MEMBERS,
  NodeStorageNamespace,
  type OneOrList,
  PARTITIONS,
  StorageGroup,
} from "./storage_base.ts";

/** What a new RAID takes: a level and its members. */
export interface CreateRaidOptions extends GroupMembersOptions {
  /**
   * RAID level: `raid-0` (2 members or more, no spare), `raid-1` (2 or more), `raid-5` (3 or
   * more), `raid-6` (4 or more), `raid-10` (3 or more).
   */
  level: RaidLevel;
  /** Name (MAAS picks the next free `mdN` when absent). */
  name?: string;
  /** UUID. */
  uuid?: string;
  /** Unused block devices to make spares. */
  spareDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to make spares. */
  sparePartitions?: OneOrList<PartitionRef>;
}

/** What {@linkcode Raid.update} changes: active members as in a volume group, and spares. */
export interface UpdateRaidOptions extends MemberChangesOptions {
  /** Block devices to add as spares. */
  addSpareDevices?: OneOrList<BlockDeviceRef>;
  /** Spare block devices to take out. */
  removeSpareDevices?: OneOrList<BlockDeviceRef>;
  /** Partitions to add as spares. */
  addSparePartitions?: OneOrList<PartitionRef>;
  /** Spare partitions to take out. */
  removeSparePartitions?: OneOrList<PartitionRef>;
}

/** The RAIDs family: a machine's RAIDs and one RAID. */
export const RAIDS = family({
  name: "raids",
  handlers: {
    RaidsHandler: "nodes/{system_id}/raids/",
    RaidHandler: "nodes/{system_id}/raid/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: { ...GROUP_FIELDS, level: { wire: "level", kind: "string" } },
  ops: {
    ...listReadDelete("RaidsHandler", "RaidHandler", "machine.raids", "raid"),
    create: op<CreateRaidOptions>({
      handler: "RaidsHandler",
      method: "POST",
      typed: ["machine.raids.create()"],
      params: {
        level: {
          wire: "level",
          kind: "string",
          required: true,
          values: Object.values(RaidLevel),
        },
        name: { wire: "name", kind: "string" },
        uuid: { wire: "uuid", kind: "string" },
        ...MEMBERS,
        spareDevices: { wire: "spare_devices", kind: BLOCK_DEVICES },
        sparePartitions: { wire: "spare_partitions", kind: PARTITIONS },
      },
    }),
    update: op<UpdateRaidOptions>({
      handler: "RaidHandler",
      method: "PUT",
      typed: ["raid.update()", "raid.save()"],
      params: {
        ...MEMBER_CHANGES,
        addSpareDevices: { wire: "add_spare_devices", kind: BLOCK_DEVICES },
        removeSpareDevices: { wire: "remove_spare_devices", kind: BLOCK_DEVICES },
        addSparePartitions: { wire: "add_spare_partitions", kind: PARTITIONS },
        removeSparePartitions: { wire: "remove_spare_partitions", kind: PARTITIONS },
      },
    }),
  },
});

/**
 * A software RAID (md) of a machine. Its members and the virtual block device it makes come
 * with it.
 *
 * @example
 * ```ts
 * import type { Raid } from "@libmaas/client";
 * async function useAsData(raid: Raid) {
 *   const device = raid.virtualDevice;
 *   await device?.format("ext4");
 *   return await device?.mount("/srv");
 * }
 * ```
 */
export class Raid extends StorageGroup<UpdateRaidOptions> {
  /** RAID level (`raid-0`, `raid-1`, `raid-5`, `raid-6`, `raid-10`). */
  declare readonly level: RaidLevel;

  /** The active members: block devices and partitions. */
  get devices(): (BlockDevice | Partition)[] {
    return wrapDevices(this.client, this.get("devices"));
  }

  /** The spare members. */
  get spareDevices(): (BlockDevice | Partition)[] {
    return wrapDevices(this.client, this.get("spare_devices"));
  }

  /** The block device the RAID makes, to format, mount or partition. */
  get virtualDevice(): BlockDevice | null {
    return nested(this.client, this.get("virtual_device"), BlockDevice);
  }

  /** `Raid 4 md0 raid-1 500.1 GB`. */
  toString(): string {
    return `Raid ${this.id} ${this.name} ${this.level} ${humanBytes(this.size)}`;
  }
}
defineStorageObject(Raid, RAIDS);

/**
 * The RAIDs of one machine (`machine.raids`).
 *
 * @example
 * ```ts
 * import { type Machine, RaidLevel } from "@libmaas/client";
 * async function mirror(machine: Machine) {
 *   return await machine.raids.create({ level: RaidLevel.RAID_1, blockDevices: ["sdb", "sdc"] });
 * }
 * ```
 */
export class NodeRaids extends NodeStorageNamespace<Raid, CreateRaidOptions> {
  /** The RAIDs of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: RAIDS.ops,
      many: "RAIDs",
      one: "a RAID",
      wrap: Raid,
    });
  }
}
