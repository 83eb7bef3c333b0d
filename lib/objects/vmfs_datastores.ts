/**
 * VMFS datastores of a machine that will run VMware ESXi: `nodes/{system_id}/vmfs-datastores/`
 * and `…/vmfs-datastore/{id}/`. They can be made once the VMFS6 or VMFS7 storage layout is
 * applied; their extents are partitions (a block device given is partitioned whole).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function extra(machine: Machine) {
 *   return await machine.vmfsDatastores.create({ name: "datastore2", blockDevices: ["sdb"] });
 * }
 * ```
 *
 * @module
 */

import type { CallOptions, ClientContext } from "./base.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { type BlockDevice, type BlockDeviceRef, wrapDevices } from "./block_devices.ts";
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

/** The filesystem MAAS puts on a VMFS datastore's virtual device. */
export interface VmfsFilesystem {
  /** Always `vmfs6` in current MAAS versions. */
  readonly fstype: string;
  /** Where ESXi mounts the datastore (`/vmfs/volumes/NAME`). */
  readonly mountPoint: string | null;
}

/** What a new VMFS datastore takes: a name and at least one block device or partition. */
export interface CreateVmfsDatastoreOptions extends ExtraParams {
  /** Name. */
  name: string;
  /** UUID. */
  uuid?: string;
  /** Unused block devices (MAAS partitions each one whole). */
  blockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions. */
  partitions?: OneOrList<PartitionRef>;
}

/** What {@linkcode VmfsDatastore.update} changes. */
export interface UpdateVmfsDatastoreOptions extends ExtraParams {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Unused block devices to add (MAAS partitions each one whole, as ESXi does). */
  addBlockDevices?: OneOrList<BlockDeviceRef>;
  /**
   * Block devices to take out. MAAS's form reads it, but a datastore's extents are partitions,
   * so it finds none to take: remove their partitions with `removePartitions`.
   */
  removeBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to add. */
  addPartitions?: OneOrList<PartitionRef>;
  /** Partitions to take out of the datastore. */
  removePartitions?: OneOrList<PartitionRef>;
}

/** The VMFS datastores family: a machine's datastores and one datastore. */
export const VMFS_DATASTORES = family({
  name: "vmfsDatastores",
  handlers: {
    VmfsDatastoresHandler: "nodes/{system_id}/vmfs-datastores/",
    VmfsDatastoreHandler: "nodes/{system_id}/vmfs-datastore/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    name: { wire: "name", kind: "string", writable: true },
    uuid: { wire: "uuid", kind: "string", writable: true },
    size: { wire: "size", kind: "integer" },
    humanSize: { wire: "human_size", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    list: op({
      handler: "VmfsDatastoresHandler",
      method: "GET",
      typed: ["machine.vmfsDatastores.list()"],
    }),
    create: op<CreateVmfsDatastoreOptions>({
      handler: "VmfsDatastoresHandler",
      method: "POST",
      typed: ["machine.vmfsDatastores.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        uuid: { wire: "uuid", kind: "string" },
        blockDevices: { wire: "block_devices", kind: BLOCK_DEVICES },
        partitions: { wire: "partitions", kind: PARTITIONS },
      },
    }),
    read: op({
      handler: "VmfsDatastoreHandler",
      method: "GET",
      typed: ["machine.vmfsDatastores.get()", "datastore.refresh()"],
    }),
    update: op<UpdateVmfsDatastoreOptions>({
      handler: "VmfsDatastoreHandler",
      method: "PUT",
      typed: ["datastore.update()", "datastore.save()"],
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
      handler: "VmfsDatastoreHandler",
      method: "DELETE",
      typed: ["datastore.delete()"],
    }),
  },
});

/**
 * A VMFS datastore of a machine that will run VMware ESXi (the VMFS6 or VMFS7 storage layout must
 * be applied first).
 *
 * @example
 * ```ts
 * import type { VmfsDatastore } from "@libmaas/client";
 * function show(datastore: VmfsDatastore) {
 *   console.log(datastore.name, datastore.humanSize, datastore.filesystem?.mountPoint);
 * }
 * ```
 */
export class VmfsDatastore extends StorageObject {
  /** Name; writable. */
  declare name: string;
  /** UUID; writable. */
  declare uuid: string;
  /** Size in bytes (all its extents together). */
  declare readonly size: number;
  /** {@linkcode VmfsDatastore.size} in MAAS's words. */
  declare readonly humanSize: string;
  /** The datastore's URI on the server. */
  declare readonly resourceUri: string;

  /** The extents: the partitions (and block devices) the datastore spans. */
  get devices(): (BlockDevice | Partition)[] {
    return wrapDevices(this.client, this.get("devices"));
  }

  /** The datastore's filesystem and where ESXi mounts it. */
  get filesystem(): VmfsFilesystem | null {
    const value = this.get("filesystem");
    if (!value || typeof value !== "object") return null;
    const fs = value as Record<string, unknown>;
    return { fstype: fs.fstype as string, mountPoint: (fs.mount_point ?? null) as string | null };
  }

  /** `VmfsDatastore 7 datastore1 1.0 TB`. */
  toString(): string {
    return `VmfsDatastore ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /**
   * Renames the datastore or changes its extents (administrators only, Ready machines only).
   * Writable fields changed and not saved are dropped with the old state: `save()` sends those.
   */
  async update(params: UpdateVmfsDatastoreOptions, options?: CallOptions): Promise<this> {
    return await this.apply(VMFS_DATASTORES.ops.update, params, options);
  }
}
defineStorageObject(VmfsDatastore, VMFS_DATASTORES.fields, {
  read: VMFS_DATASTORES.ops.read,
  update: VMFS_DATASTORES.ops.update,
  delete: VMFS_DATASTORES.ops.delete,
});

/**
 * The VMFS datastores of one machine (`machine.vmfsDatastores`).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function extra(machine: Machine) {
 *   return await machine.vmfsDatastores.create({ name: "datastore2", blockDevices: ["sdb"] });
 * }
 * ```
 */
export class NodeVmfsDatastores extends NodeStorageNamespace<VmfsDatastore> {
  /** The VMFS datastores of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      list: VMFS_DATASTORES.ops.list,
      read: VMFS_DATASTORES.ops.read,
      many: "VMFS datastores",
      one: "a VMFS datastore",
      wrap: VmfsDatastore,
    });
  }

  /** Creates a VMFS datastore (Ready machines with the VMFS6 or VMFS7 layout only). */
  async create(
    params: CreateVmfsDatastoreOptions,
    options?: CallOptions,
  ): Promise<VmfsDatastore> {
    return await this.make(VMFS_DATASTORES.ops.create, params, options);
  }
}
