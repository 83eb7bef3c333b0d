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

import type { ClientContext } from "./base.ts";
import { family, op } from "./spec.ts";
import { type BlockDevice, type BlockDeviceRef, wrapDevices } from "./block_devices.ts";
import type { Partition } from "./partitions.ts";
import {
  defineStorageObject,
  GROUP_FIELDS,
  type GroupMembersOptions,
  humanBytes,
  listReadDelete,
  MEMBER_CHANGES,
  type MemberChangesOptions,
  NAMED_MEMBERS,
  NodeStorageNamespace,
  type OneOrList,
  StorageGroup,
} from "./storage_base.ts";

/** The filesystem MAAS puts on a VMFS datastore's virtual device. */
export interface VmfsFilesystem {
  /** Always `vmfs6` in current MAAS versions. */
  readonly fstype: string;
  /** Where ESXi mounts the datastore (`/vmfs/volumes/NAME`). */
  readonly mountPoint: string | null;
}

/**
 * What a new VMFS datastore takes: a name and at least one block device or partition (MAAS
 * partitions each block device whole).
 */
export interface CreateVmfsDatastoreOptions extends GroupMembersOptions {
  /** Name. */
  name: string;
  /** UUID. */
  uuid?: string;
}

/** What {@linkcode VmfsDatastore.update} changes (block devices added are partitioned whole). */
export interface UpdateVmfsDatastoreOptions extends MemberChangesOptions {
  /**
   * Block devices to take out. MAAS's form reads it, but a datastore's extents are partitions,
   * so it finds none to take: remove their partitions with `removePartitions`.
   */
  removeBlockDevices?: OneOrList<BlockDeviceRef>;
}

/** The VMFS datastores family: a machine's datastores and one datastore. */
export const VMFS_DATASTORES = family({
  name: "vmfsDatastores",
  handlers: {
    VmfsDatastoresHandler: "nodes/{system_id}/vmfs-datastores/",
    VmfsDatastoreHandler: "nodes/{system_id}/vmfs-datastore/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: GROUP_FIELDS,
  ops: {
    ...listReadDelete(
      "VmfsDatastoresHandler",
      "VmfsDatastoreHandler",
      "machine.vmfsDatastores",
      "datastore",
    ),
    create: op<CreateVmfsDatastoreOptions>({
      handler: "VmfsDatastoresHandler",
      method: "POST",
      typed: ["machine.vmfsDatastores.create()"],
      params: NAMED_MEMBERS,
    }),
    update: op<UpdateVmfsDatastoreOptions>({
      handler: "VmfsDatastoreHandler",
      method: "PUT",
      typed: ["datastore.update()", "datastore.save()"],
      params: MEMBER_CHANGES,
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
export class VmfsDatastore extends StorageGroup<UpdateVmfsDatastoreOptions> {
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
}
defineStorageObject(VmfsDatastore, VMFS_DATASTORES);

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
export class NodeVmfsDatastores
  extends NodeStorageNamespace<VmfsDatastore, CreateVmfsDatastoreOptions> {
  /** The VMFS datastores of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      ops: VMFS_DATASTORES.ops,
      many: "VMFS datastores",
      one: "a VMFS datastore",
      wrap: VmfsDatastore,
    });
  }
}
