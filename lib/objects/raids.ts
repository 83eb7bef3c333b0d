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

import { type CallOptions, type ClientContext, nested } from "./base.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { BlockDevice, type BlockDeviceRef, wrapDevices } from "./block_devices.ts";
import { RaidLevel } from "./enums.ts";
import type { Partition, PartitionRef } from "./partitions.ts";
import {
  BLOCK_DEVICES,
  defineStorageObject,
  humanBytes,
  NodeStorageNamespace,
  type OneOrList,
  PARTITIONS,
  StorageObject,
} from "./storage_base.ts";

/** What a new RAID takes: a level and its members. */
export interface CreateRaidOptions extends ExtraParams {
  /**
   * RAID level: `raid-0` (2 members or more, no spare), `raid-1` (2 or more), `raid-5` (3 or
   * more), `raid-6` (4 or more), `raid-10` (3 or more).
   */
  level: RaidLevel;
  /** Name (MAAS picks the next free `mdN` when absent). */
  name?: string;
  /** UUID. */
  uuid?: string;
  /** Unused block devices to make active members. */
  blockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to make active members. */
  partitions?: OneOrList<PartitionRef>;
  /** Unused block devices to make spares. */
  spareDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to make spares. */
  sparePartitions?: OneOrList<PartitionRef>;
}

/** What {@linkcode Raid.update} changes; lists add to or remove from the array. */
export interface UpdateRaidOptions extends ExtraParams {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Block devices to add as active members. */
  addBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Active block devices to take out. */
  removeBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Partitions to add as active members. */
  addPartitions?: OneOrList<PartitionRef>;
  /** Active partitions to take out. */
  removePartitions?: OneOrList<PartitionRef>;
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
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    uuid: { wire: "uuid", kind: "string", writable: true },
    level: { wire: "level", kind: "string" },
    size: { wire: "size", kind: "integer" },
    humanSize: { wire: "human_size", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    list: op({ handler: "RaidsHandler", method: "GET", typed: ["machine.raids.list()"] }),
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
        blockDevices: { wire: "block_devices", kind: BLOCK_DEVICES },
        partitions: { wire: "partitions", kind: PARTITIONS },
        spareDevices: { wire: "spare_devices", kind: BLOCK_DEVICES },
        sparePartitions: { wire: "spare_partitions", kind: PARTITIONS },
      },
    }),
    read: op({
      handler: "RaidHandler",
      method: "GET",
      typed: ["machine.raids.get()", "raid.refresh()"],
    }),
    update: op<UpdateRaidOptions>({
      handler: "RaidHandler",
      method: "PUT",
      typed: ["raid.update()", "raid.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        uuid: { wire: "uuid", kind: "string" },
        addBlockDevices: { wire: "add_block_devices", kind: BLOCK_DEVICES },
        removeBlockDevices: { wire: "remove_block_devices", kind: BLOCK_DEVICES },
        addPartitions: { wire: "add_partitions", kind: PARTITIONS },
        removePartitions: { wire: "remove_partitions", kind: PARTITIONS },
        addSpareDevices: { wire: "add_spare_devices", kind: BLOCK_DEVICES },
        removeSpareDevices: { wire: "remove_spare_devices", kind: BLOCK_DEVICES },
        addSparePartitions: { wire: "add_spare_partitions", kind: PARTITIONS },
        removeSparePartitions: { wire: "remove_spare_partitions", kind: PARTITIONS },
      },
    }),
    delete: op({ handler: "RaidHandler", method: "DELETE", typed: ["raid.delete()"] }),
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
export class Raid extends StorageObject {
  /** Name (`md0`); writable. */
  declare name: string;
  /** UUID; writable. */
  declare uuid: string;
  /** RAID level (`raid-0`, `raid-1`, `raid-5`, `raid-6`, `raid-10`). */
  declare readonly level: RaidLevel;
  /** Usable size in bytes. */
  declare readonly size: number;
  /** {@linkcode Raid.size} in MAAS's words. */
  declare readonly humanSize: string;
  /** The RAID's URI on the server. */
  declare readonly resourceUri: string;

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

  /**
   * Renames the RAID or changes its members (administrators only, Ready machines only); the
   * level's member counts must still hold. Writable fields changed and not saved are dropped
   * with the old state: `save()` sends those.
   */
  async update(params: UpdateRaidOptions, options?: CallOptions): Promise<this> {
    return await this.apply(RAIDS.ops.update, params, options);
  }
}
defineStorageObject(Raid, RAIDS.fields, {
  read: RAIDS.ops.read,
  update: RAIDS.ops.update,
  delete: RAIDS.ops.delete,
});

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
export class NodeRaids extends NodeStorageNamespace<Raid> {
  /** The RAIDs of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      list: RAIDS.ops.list,
      read: RAIDS.ops.read,
      many: "RAIDs",
      one: "a RAID",
      wrap: Raid,
    });
  }

  /** Creates a RAID (administrators only, Ready machines only). */
  async create(params: CreateRaidOptions, options?: CallOptions): Promise<Raid> {
    return await this.make(RAIDS.ops.create, params, options);
  }
}
