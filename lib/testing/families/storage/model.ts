/**
 * The storage family's records and its section of the state: block devices (physical and
 * virtual), partitions, filesystems, filesystem groups (volume groups, RAIDs, bcaches, VMFS
 * datastores) and bcache cache sets, kept per node by system id, as MAAS keeps them in tables of
 * their own. Records refer to each other by id — a partition to its block device, a filesystem to
 * the device or partition it is on and to the group or cache set it belongs to, a virtual block
 * device to the group it is made by — and everything MAAS computes from them (names, sizes,
 * `used_for`, the boot disk) is computed here on read, with MAAS's rules.
 *
 * @module
 */

/** MAAS's sizes, in bytes. */
const MIB = 1024 * 1024;
/** MAAS aligns partitions and logical volumes down to 4 MiB. */
export const PARTITION_ALIGNMENT = 4 * MIB;
/** The smallest partition, block device or logical volume MAAS makes. */
export const MIN_DEVICE_SIZE = 4 * MIB;
/** The partition table and grub take the first 4 MiB; 1 MiB is kept free at the end for MBR. */
const PARTITION_TABLE_EXTRA = 5 * MIB;
const PREP_PARTITION_SIZE = 8 * MIB;
const BIOS_GRUB_PARTITION_SIZE = MIB;
/** The largest partition an MBR table holds. */
export const MAX_MBR_PARTITION_SIZE = alignDown((2 ** 32 - 1) * 512 - MIB);
/** A disk smaller than this cannot be the boot disk. */
const MIN_BOOT_DISK_SIZE = 512 * MIB;
const LVM_EXTENT = 4 * MIB;
const RAID_SUPERBLOCK = 128 * 1024;

/**
 * A size aligned down to MAAS's 4 MiB.
 *
 * @example
 * ```ts
 * import { alignDown } from "./model.ts";
 * console.log(alignDown(5 * 1024 * 1024)); // 4194304
 * ```
 */
export function alignDown(size: number): number {
  return Math.floor(size / PARTITION_ALIGNMENT) * PARTITION_ALIGNMENT;
}

/**
 * A block device: a physical disk, or a virtual device (a logical volume, or the device a RAID,
 * a bcache or a VMFS datastore makes).
 *
 * @example
 * ```ts
 * import type { SimBlockDevice } from "@libmaas/client/testing";
 * const disk: SimBlockDevice = {
 *   id: 7, systemId: "abc123", type: "physical", name: "sda", uuid: null, model: "QEMU",
 *   serial: "QM1", idPath: null, size: 100e9, blockSize: 512, tags: [], numaNode: 0,
 *   firmwareVersion: null, storagePool: null, partitionTableType: null, groupId: null,
 * };
 * ```
 */
export interface SimBlockDevice {
  /** Database id (unique across MAAS). */
  id: number;
  /** The node it belongs to. */
  systemId: string;
  /** Physical disk or virtual device. */
  type: "physical" | "virtual";
  /**
   * Its own name: a disk's (`sda`), a logical volume's without its group's (rendered `VG-LV`);
   * the device of a RAID, bcache or datastore is named after the group on read.
   */
  name: string;
  /** UUID of a virtual device; null for a disk. */
  uuid: string | null;
  /** Model of a disk. */
  model: string | null;
  /** Serial number of a disk. */
  serial: string | null;
  /** A fixed by-id path of a disk. */
  idPath: string | null;
  /**
   * Size in bytes of a disk or a logical volume; the device of a RAID, bcache or datastore takes
   * its group's size on read.
   */
  size: number;
  /** Block size in bytes (a group's device takes its group's on read). */
  blockSize: number;
  /** Tags. */
  tags: string[];
  /** Index of a disk's NUMA node; null for a virtual device. */
  numaNode: number | null;
  /** Firmware version of a disk, when known. */
  firmwareVersion: string | null;
  /** The VM host storage pool backing the device. */
  storagePool: string | null;
  /** `GPT` or `MBR` when the device has a partition table. */
  partitionTableType: "GPT" | "MBR" | null;
  /** The filesystem group whose device (or logical volume) this is. */
  groupId: number | null;
}

/**
 * A partition of a block device.
 *
 * @example
 * ```ts
 * import type { SimPartition } from "@libmaas/client/testing";
 * const partition: SimPartition = {
 *   id: 3, systemId: "abc123", deviceId: 7, index: 1, uuid: "u", size: 512 * 1024 * 1024,
 *   bootable: true, tags: [],
 * };
 * ```
 */
export interface SimPartition {
  /** Database id (unique across MAAS). */
  id: number;
  /** The node it belongs to. */
  systemId: string;
  /** The block device holding it. */
  deviceId: number;
  /** Its number on the device (`sda-part2` is 2). */
  index: number;
  /** Partition UUID. */
  uuid: string;
  /** Size in bytes. */
  size: number;
  /** Whether it is marked bootable. */
  bootable: boolean;
  /** Tags. */
  tags: string[];
}

/**
 * A filesystem: on a block device or a partition, or a special filesystem (tmpfs, ramfs) on
 * neither. A filesystem that makes its device a member of a group (`lvm-pv`, `raid`,
 * `raid-spare`, `bcache-backing`, `vmfs6`) names the group; a bcache cache names its cache set.
 *
 * @example
 * ```ts
 * import type { SimFilesystem } from "@libmaas/client/testing";
 * const root: SimFilesystem = {
 *   id: 9, systemId: "abc123", fstype: "ext4", label: "root", uuid: "u", mountPoint: "/",
 *   mountOptions: null, blockDeviceId: null, partitionId: 3, groupId: null, cacheSetId: null,
 * };
 * ```
 */
export interface SimFilesystem {
  /** Database id. */
  id: number;
  /** The node it belongs to. */
  systemId: string;
  /** Filesystem type (`ext4`, `swap`, `lvm-pv`, `tmpfs`…). */
  fstype: string;
  /** Label; `""` when a form left it out, null when no form set it. */
  label: string | null;
  /** Filesystem UUID. */
  uuid: string | null;
  /** Where it is mounted (`none` for swap), or null. */
  mountPoint: string | null;
  /** Mount options, or null. */
  mountOptions: string | null;
  /** The block device it is on. */
  blockDeviceId: number | null;
  /** The partition it is on. */
  partitionId: number | null;
  /** The group it makes its device a member of. */
  groupId: number | null;
  /** The cache set it is the cache of. */
  cacheSetId: number | null;
}

/**
 * The kinds of filesystem group.
 *
 * @example
 * ```ts
 * import type { SimStorageGroupType } from "@libmaas/client/testing";
 * const type: SimStorageGroupType = "raid-1";
 * ```
 */
export type SimStorageGroupType =
  | "lvm-vg"
  | "raid-0"
  | "raid-1"
  | "raid-5"
  | "raid-6"
  | "raid-10"
  | "bcache"
  | "vmfs6";

/**
 * A filesystem group: a volume group, a RAID, a bcache or a VMFS datastore. Its members are the
 * filesystems that name it; the block device it makes (or, for a volume group, its logical
 * volumes) name it too.
 *
 * @example
 * ```ts
 * import type { SimStorageGroup } from "@libmaas/client/testing";
 * const group: SimStorageGroup = {
 *   id: 1, systemId: "abc123", type: "lvm-vg", name: "vg0", uuid: "u", cacheMode: null,
 *   cacheSetId: null,
 * };
 * ```
 */
export interface SimStorageGroup {
  /** Database id. */
  id: number;
  /** The node it belongs to. */
  systemId: string;
  /** What it is. */
  type: SimStorageGroupType;
  /** Its name. */
  name: string;
  /** Its UUID. */
  uuid: string;
  /** A bcache's cache mode. */
  cacheMode: string | null;
  /** A bcache's cache set. */
  cacheSetId: number | null;
}

/**
 * A bcache cache set. Its cache device is the `bcache-cache` filesystem that names it.
 *
 * @example
 * ```ts
 * import type { SimCacheSet } from "@libmaas/client/testing";
 * const cacheSet: SimCacheSet = { id: 1, systemId: "abc123" };
 * ```
 */
export interface SimCacheSet {
  /** Database id. */
  id: number;
  /** The node it belongs to. */
  systemId: string;
}

/**
 * What storage needs to know of the node it is on: its architecture and how it boots (a
 * partition table's cost and the numbering of partitions depend on them).
 *
 * @example
 * ```ts
 * import type { StorageHost } from "@libmaas/client/testing";
 * const host: StorageHost = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * ```
 */
export interface StorageHost {
  /** `arch/subarch`. */
  architecture: string;
  /** `uefi`, `pxe`… or null when not known. */
  biosBootMethod: unknown;
}

/**
 * A block device or a partition: what a filesystem can be on, what a group takes as a member.
 *
 * @example
 * ```ts
 * import type { StorageTarget } from "@libmaas/client/testing";
 * const target: StorageTarget = { kind: "partition", id: 3 };
 * ```
 */
export interface StorageTarget {
  /** Block device or partition. */
  kind: "device" | "partition";
  /** Its id. */
  id: number;
}

/**
 * What a block device or partition belongs to through its filesystem: a group, or a cache set.
 *
 * @example
 * ```ts
 * import type { StorageMembership } from "@libmaas/client/testing";
 * const none: StorageMembership = {};
 * ```
 */
export interface StorageMembership {
  /** The volume group, RAID, bcache or datastore. */
  group?: SimStorageGroup;
  /** The cache set it is the cache of. */
  cacheSet?: SimCacheSet;
}

/**
 * The storage of one node: its records by id and MAAS's rules over them.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * let id = 0;
 * const section = new StorageSection(() => ++id);
 * const storage = section.of("abc123");
 * const disk = storage.addDevice({ type: "physical", name: "sda", size: 100e9 });
 * console.log(storage.bootDisk()?.id === disk.id); // true
 * ```
 */
export class NodeStorage {
  /** The node's system id. */
  readonly systemId: string;
  /** Block devices by id, in creation order. */
  readonly devices: Map<number, SimBlockDevice> = new Map();
  /** Partitions by id, in creation order. */
  readonly partitions: Map<number, SimPartition> = new Map();
  /** Filesystems by id (special filesystems included). */
  readonly filesystems: Map<number, SimFilesystem> = new Map();
  /** Volume groups, RAIDs, bcaches and datastores by id. */
  readonly groups: Map<number, SimStorageGroup> = new Map();
  /** Bcache cache sets by id. */
  readonly cacheSets: Map<number, SimCacheSet> = new Map();
  /** The disk chosen with `set_boot_disk`, or null for MAAS's choice. */
  bootDiskId: number | null = null;
  readonly #nextId: (kind: string) => number;

  /** The (empty) storage of node `systemId`, taking ids from `nextId`. */
  constructor(systemId: string, nextId: (kind: string) => number) {
    this.systemId = systemId;
    this.#nextId = nextId;
  }

  // -------------------------------------------------------------------------------------------
  // Lookups.

  /** The partitions of a block device, by number. */
  partitionsOf(deviceId: number): SimPartition[] {
    const list: SimPartition[] = [];
    for (const partition of this.partitions.values()) {
      if (partition.deviceId === deviceId) list.push(partition);
    }
    return list.sort((a, b) => a.index - b.index);
  }

  /** The filesystem on a block device or partition. */
  filesystemOn(target: StorageTarget): SimFilesystem | undefined {
    for (const fs of this.filesystems.values()) {
      if (
        target.kind === "device" ? fs.blockDeviceId === target.id : fs.partitionId === target.id
      ) {
        return fs;
      }
    }
    return undefined;
  }

  /** The special filesystems (tmpfs, ramfs): those on neither a device nor a partition. */
  specialFilesystems(): SimFilesystem[] {
    return [...this.filesystems.values()].filter((fs) =>
      fs.blockDeviceId === null && fs.partitionId === null
    );
  }

  /** The block device or partition a filesystem is on. */
  targetOf(fs: SimFilesystem): StorageTarget | null {
    if (fs.blockDeviceId !== null) return { kind: "device", id: fs.blockDeviceId };
    if (fs.partitionId !== null) return { kind: "partition", id: fs.partitionId };
    return null;
  }

  /** The group or cache set a block device or partition belongs to, through its filesystem. */
  membership(target: StorageTarget): StorageMembership | undefined {
    const fs = this.filesystemOn(target);
    if (!fs) return undefined;
    const group = fs.groupId === null ? undefined : this.groups.get(fs.groupId);
    if (group) return { group };
    const cacheSet = fs.cacheSetId === null ? undefined : this.cacheSets.get(fs.cacheSetId);
    return cacheSet ? { cacheSet } : undefined;
  }

  /** The members of a group: the filesystems that name it (optionally of one type). */
  membersOf(groupId: number, fstype?: string): SimFilesystem[] {
    const list: SimFilesystem[] = [];
    for (const fs of this.filesystems.values()) {
      if (fs.groupId === groupId && (fstype === undefined || fs.fstype === fstype)) list.push(fs);
    }
    return list;
  }

  /** The cache device's filesystem of a cache set. */
  cacheOf(cacheSetId: number): SimFilesystem | undefined {
    for (const fs of this.filesystems.values()) if (fs.cacheSetId === cacheSetId) return fs;
    return undefined;
  }

  /** The block devices a group makes: a volume group's logical volumes, another group's device. */
  devicesOf(groupId: number): SimBlockDevice[] {
    const list: SimBlockDevice[] = [];
    for (const device of this.devices.values()) if (device.groupId === groupId) list.push(device);
    return list;
  }

  /** The group whose device (or logical volume) a block device is. */
  groupOf(device: SimBlockDevice): SimStorageGroup | undefined {
    return device.groupId === null ? undefined : this.groups.get(device.groupId);
  }

  /** Whether a block device is a logical volume. */
  isLogicalVolume(device: SimBlockDevice): boolean {
    return this.groupOf(device)?.type === "lvm-vg";
  }

  /** The groups of one kind (`lvm-vg`, `raid`, `bcache`, `vmfs6`), in creation order. */
  groupsOfKind(kind: "lvm-vg" | "raid" | "bcache" | "vmfs6"): SimStorageGroup[] {
    return [...this.groups.values()].filter((group) =>
      kind === "raid" ? group.type.startsWith("raid-") : group.type === kind
    );
  }

  /** A block device's name as rendered: `VG-LV` for a logical volume, the group's for its device. */
  deviceName(device: SimBlockDevice): string {
    const group = this.groupOf(device);
    if (!group) return device.name;
    return group.type === "lvm-vg" ? `${group.name}-${device.name}` : group.name;
  }

  /**
   * The name MAAS stores for a block device, which lookups by name match: a logical volume's own,
   * the group's for the device of a RAID, bcache or datastore.
   */
  storedName(device: SimBlockDevice): string {
    const group = this.groupOf(device);
    return group && group.type !== "lvm-vg" ? group.name : device.name;
  }

  /** A partition's name as MAAS takes it in parameters (`sda-part1`). */
  partitionName(partition: SimPartition): string {
    const device = this.devices.get(partition.deviceId);
    return `${device ? this.deviceName(device) : ""}-part${partition.index}`;
  }

  /** A cache set's name: `cache` and its rank on the node. */
  cacheSetName(cacheSet: SimCacheSet): string {
    let rank = 0;
    for (const id of this.cacheSets.keys()) if (id < cacheSet.id) rank++;
    return `cache${rank}`;
  }

  /** The boot disk: the one chosen, else the first disk large enough to boot from. */
  bootDisk(): SimBlockDevice | undefined {
    if (this.bootDiskId !== null) {
      const chosen = this.devices.get(this.bootDiskId);
      if (chosen) return chosen;
    }
    let first: SimBlockDevice | undefined;
    for (const device of this.devices.values()) {
      if (device.type !== "physical" || device.size < MIN_BOOT_DISK_SIZE) continue;
      if (first === undefined || device.id < first.id) first = device;
    }
    return first;
  }

  /** The physical disks, in id order. */
  physicalDisks(): SimBlockDevice[] {
    return [...this.devices.values()].filter((device) => device.type === "physical");
  }

  /** Block devices with no partition table and no filesystem. */
  freeDevices(): SimBlockDevice[] {
    return [...this.devices.values()].filter((device) =>
      device.partitionTableType === null && !this.filesystemOn({ kind: "device", id: device.id })
    );
  }

  /** Partitions with no filesystem. */
  freePartitions(): SimPartition[] {
    return [...this.partitions.values()].filter((partition) =>
      !this.filesystemOn({ kind: "partition", id: partition.id })
    );
  }

  // -------------------------------------------------------------------------------------------
  // Sizes, as MAAS computes them.

  /** A block device's size: its own, or its group's for the device of a RAID, bcache, datastore. */
  sizeOf(device: SimBlockDevice): number {
    const group = this.groupOf(device);
    return group && group.type !== "lvm-vg" ? this.groupSize(group) : device.size;
  }

  /** A block device's block size (a group's device takes its group's). */
  blockSizeOf(device: SimBlockDevice): number {
    const group = this.groupOf(device);
    if (!group) return device.blockSize;
    if (group.type === "lvm-vg") return 4096;
    if (group.type === "vmfs6") return 1024;
    if (group.type === "bcache") {
      const [backing] = this.membersOf(group.id, "bcache-backing");
      const target = backing ? this.targetOf(backing) : null;
      const deviceId = target?.kind === "device"
        ? target.id
        : target
        ? this.partitions.get(target.id)?.deviceId
        : undefined;
      const holder = deviceId === undefined ? undefined : this.devices.get(deviceId);
      return holder ? this.blockSizeOf(holder) : 512;
    }
    return 512;
  }

  /** The size of a block device or partition. */
  targetSize(target: StorageTarget): number {
    if (target.kind === "partition") return this.partitions.get(target.id)?.size ?? 0;
    const device = this.devices.get(target.id);
    return device ? this.sizeOf(device) : 0;
  }

  /** What a partition table costs on this node. */
  tableOverhead(host: StorageHost): number {
    const arch = host.architecture.split("/")[0];
    if (arch === "ppc64el") return PARTITION_TABLE_EXTRA + PREP_PARTITION_SIZE;
    if (arch === "amd64" && host.biosBootMethod !== "uefi") {
      return PARTITION_TABLE_EXTRA + BIOS_GRUB_PARTITION_SIZE;
    }
    return PARTITION_TABLE_EXTRA;
  }

  /** Space left for partitions on a device (counted as if it had a table when it has none). */
  tableAvailable(device: SimBlockDevice, host: StorageHost): number {
    let used = 0;
    for (const partition of this.partitionsOf(device.id)) used += partition.size;
    return Math.max(0, alignDown(this.sizeOf(device) - used - this.tableOverhead(host)));
  }

  /** A group's size, from its members, as MAAS computes it for each kind. */
  groupSize(group: SimStorageGroup): number {
    return groupSizeFrom(group.type, this.membersOf(group.id).map((fs) => this.memberOf(fs)));
  }

  /** A member's filesystem type and the size of what it is on. */
  memberOf(fs: SimFilesystem): { fstype: string; size: number } {
    const target = this.targetOf(fs);
    return { fstype: fs.fstype, size: target ? this.targetSize(target) : 0 };
  }

  /** The bytes a volume group has given to logical volumes (but `skip`'s). */
  allocated(group: SimStorageGroup, skip?: number): number {
    let sum = 0;
    for (const device of this.devicesOf(group.id)) if (device.id !== skip) sum += device.size;
    return sum;
  }

  /** The bytes a volume group has left (counting `skip`'s as free). */
  free(group: SimStorageGroup, skip?: number): number {
    return this.groupSize(group) - this.allocated(group, skip);
  }

  /** The partition table of an applied VMFS layout: the device, and its last base partition. */
  vmfsLayout(): { deviceId: number; last: number } | null {
    for (const device of this.devices.values()) {
      if (device.type !== "physical" || device.partitionTableType !== "GPT") continue;
      const partitions = this.partitionsOf(device.id).sort((a, b) => a.id - b.id);
      for (const layout of VMFS_LAYOUTS) {
        if (partitions.length < layout.partitions.length) continue;
        const matches = layout.partitions.every((base, i) =>
          partitions[i].bootable === (base.bootable ?? false) &&
          (base.size === 0 || partitions[i].size === base.size)
        );
        if (matches) return { deviceId: device.id, last: layout.last };
      }
    }
    return null;
  }

  /** Whether a partition is one of the base partitions of an applied VMFS layout. */
  isVmfsBase(partition: SimPartition): boolean {
    const layout = this.vmfsLayout();
    return layout !== null && layout.deviceId === partition.deviceId &&
      partition.index <= layout.last;
  }

  // -------------------------------------------------------------------------------------------
  // Changes.

  /** Adds a block device (a virtual one unless said). */
  addDevice(fields: Partial<Omit<SimBlockDevice, "id" | "systemId">>): SimBlockDevice {
    const device: SimBlockDevice = {
      type: "virtual",
      name: "",
      uuid: null,
      model: null,
      serial: null,
      idPath: null,
      size: 0,
      blockSize: 512,
      tags: [],
      numaNode: null,
      firmwareVersion: null,
      storagePool: null,
      partitionTableType: null,
      groupId: null,
      ...fields,
      id: this.#nextId("blockdevice"),
      systemId: this.systemId,
    };
    this.devices.set(device.id, device);
    return device;
  }

  /**
   * Adds a partition as MAAS's partition table does (the size already checked): a GPT table
   * when the device has none, all the free space when no size is given, aligned down to 4 MiB,
   * numbered after the last one (MBR's fourth is 5; the first on GPT is 2 where bios_grub or
   * PReP takes 1). A partition given its number (an image's layout) keeps its size exactly.
   */
  addPartition(
    device: SimBlockDevice,
    host: StorageHost,
    options: { size?: number; uuid: string; bootable?: boolean; index?: number },
  ): SimPartition {
    device.partitionTableType ??= "GPT";
    let size = options.size ?? this.tableAvailable(device, host);
    if (options.size === undefined && device.partitionTableType === "MBR") {
      size = Math.min(size, MAX_MBR_PARTITION_SIZE);
    }
    let index = options.index;
    if (index === undefined) {
      index = this.partitionsOf(device.id).reduce((max, p) => Math.max(max, p.index), 0) + 1;
      const arch = host.architecture.split("/")[0];
      if (index === 4 && device.partitionTableType === "MBR") index = 5;
      else if (index === 1 && device.partitionTableType === "GPT") {
        const prep = arch === "ppc64el" && device.id === this.bootDisk()?.id;
        const biosGrub = arch === "amd64" && host.biosBootMethod !== "uefi" &&
          device.type === "physical";
        if (prep || biosGrub) index = 2;
      }
    }
    const partition: SimPartition = {
      id: this.#nextId("partition"),
      systemId: this.systemId,
      deviceId: device.id,
      index,
      uuid: options.uuid,
      size: options.index === undefined ? alignDown(size) : size,
      bootable: options.bootable ?? false,
      tags: [],
    };
    this.partitions.set(partition.id, partition);
    return partition;
  }

  /** Puts a filesystem on a block device or partition (or nowhere, for a special one). */
  addFilesystem(
    target: StorageTarget | null,
    fields: Partial<Omit<SimFilesystem, "id" | "systemId" | "blockDeviceId" | "partitionId">> & {
      fstype: string;
    },
  ): SimFilesystem {
    const fs: SimFilesystem = {
      label: null,
      uuid: null,
      mountPoint: null,
      mountOptions: null,
      groupId: null,
      cacheSetId: null,
      ...fields,
      id: this.#nextId("filesystem"),
      systemId: this.systemId,
      blockDeviceId: target?.kind === "device" ? target.id : null,
      partitionId: target?.kind === "partition" ? target.id : null,
    };
    this.filesystems.set(fs.id, fs);
    return fs;
  }

  /** Removes the filesystem on a block device or partition. */
  removeFilesystemOn(target: StorageTarget): void {
    const fs = this.filesystemOn(target);
    if (fs) this.filesystems.delete(fs.id);
  }

  /** Adds a filesystem group (its members and device are the caller's). */
  addGroup(fields: Omit<SimStorageGroup, "id" | "systemId">): SimStorageGroup {
    const group: SimStorageGroup = {
      ...fields,
      id: this.#nextId("filesystemgroup"),
      systemId: this.systemId,
    };
    this.groups.set(group.id, group);
    return group;
  }

  /** Adds a cache set (its cache filesystem is the caller's). */
  addCacheSet(): SimCacheSet {
    const cacheSet: SimCacheSet = { id: this.#nextId("cacheset"), systemId: this.systemId };
    this.cacheSets.set(cacheSet.id, cacheSet);
    return cacheSet;
  }

  /** Removes a group with its members' filesystems and the devices it makes. */
  removeGroup(id: number): void {
    if (!this.groups.delete(id)) return;
    for (const fs of this.membersOf(id)) this.filesystems.delete(fs.id);
    for (const device of this.devicesOf(id)) this.removeDevice(device.id);
  }

  /** Removes a cache set with its cache filesystem and the bcaches that use it. */
  removeCacheSet(id: number): void {
    if (!this.cacheSets.delete(id)) return;
    const cache = this.cacheOf(id);
    if (cache) this.filesystems.delete(cache.id);
    for (const group of [...this.groups.values()]) {
      if (group.cacheSetId === id) this.removeGroup(group.id);
    }
  }

  /** Removes a block device with its partitions, and whatever was made of them. */
  removeDevice(id: number): void {
    if (!this.devices.delete(id)) return;
    if (this.bootDiskId === id) this.bootDiskId = null;
    for (const partition of this.partitionsOf(id)) this.removePartition(partition.id);
    this.forget({ kind: "device", id });
  }

  /** Removes a partition, and what was made of it. */
  removePartition(id: number): void {
    if (!this.partitions.delete(id)) return;
    this.forget({ kind: "partition", id });
  }

  /** Removes a block device's or partition's filesystem, taking it out of its group or cache set. */
  forget(target: StorageTarget): void {
    const fs = this.filesystemOn(target);
    if (!fs) return;
    this.filesystems.delete(fs.id);
    if (fs.cacheSetId !== null) this.removeCacheSet(fs.cacheSetId);
    if (fs.groupId !== null && this.membersOf(fs.groupId).length === 0) {
      this.removeGroup(fs.groupId);
    }
  }

  /** Forgets every partition table, filesystem, group and virtual device; the disks stay. */
  clear(): void {
    this.groups.clear();
    this.cacheSets.clear();
    this.filesystems.clear();
    this.partitions.clear();
    for (const device of [...this.devices.values()]) {
      if (device.type !== "physical") this.devices.delete(device.id);
      else device.partitionTableType = null;
    }
  }
}

/**
 * The size of a group of `type` with these members (their filesystem types and sizes): a volume
 * group loses one 4 MiB extent per physical volume to LVM; a bcache is its backing device; a
 * datastore spans its extents; a RAID follows its level, less its superblock.
 *
 * @example
 * ```ts
 * import { groupSizeFrom } from "./model.ts";
 * console.log(groupSizeFrom("raid-1", [
 *   { fstype: "raid", size: 1e12 },
 *   { fstype: "raid", size: 1e12 },
 * ])); // 999999868928
 * ```
 */
export function groupSizeFrom(
  type: SimStorageGroupType,
  members: readonly { fstype: string; size: number }[],
): number {
  if (members.length === 0) return 0;
  let total = 0;
  let smallest = Infinity;
  let active = 0;
  for (const member of members) {
    total += member.size;
    smallest = Math.min(smallest, member.size);
    if (member.fstype === "raid") active++;
  }
  switch (type) {
    case "lvm-vg":
      return (Math.floor(total / LVM_EXTENT) - members.length) * LVM_EXTENT;
    case "bcache":
      return members.find((member) => member.fstype === "bcache-backing")?.size ?? 0;
    case "vmfs6":
      return total;
  }
  if (smallest <= 0) return 0;
  switch (type) {
    case "raid-0":
      return total - RAID_SUPERBLOCK * members.length;
    case "raid-1":
      return smallest - RAID_SUPERBLOCK;
    case "raid-5":
      return smallest * (active - 1) - RAID_SUPERBLOCK;
    case "raid-6":
      return smallest * (active - 2) - RAID_SUPERBLOCK;
    default:
      return (smallest * active) / 2 - RAID_SUPERBLOCK;
  }
}

/** The partitions of the VMware ESXi images, as MAAS recognises an applied VMFS layout. */
const VMFS_LAYOUTS: { last: number; partitions: { size: number; bootable?: boolean }[] }[] = [
  {
    last: 9, // VMFS6
    partitions: [
      { size: 3 * MIB, bootable: true },
      { size: 4096 * MIB },
      { size: 0 },
      { size: 249 * MIB },
      { size: 249 * MIB },
      { size: 109 * MIB },
      { size: 285 * MIB },
      { size: 2560 * MIB },
    ],
  },
  {
    last: 7, // VMFS7
    partitions: [
      { size: 100 * MIB, bootable: true },
      { size: 4095 * MIB },
      { size: 4095 * MIB },
      { size: 25662832128 },
      { size: 0 },
    ],
  },
  {
    last: 7, // VMFS7, older images
    partitions: [
      { size: 105 * MIB, bootable: true },
      { size: 1074 * MIB },
      { size: 1074 * MIB },
      { size: 8704 * MIB },
      { size: 0 },
    ],
  },
];

/**
 * The storage section of the state: each node's storage by system id.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 3 });
 * for (const [systemId, storage] of sim.state.storage.nodes) {
 *   console.log(systemId, storage.devices.size, storage.bootDisk()?.name);
 * }
 * ```
 */
export class StorageSection {
  /** Each node's storage, by system id. */
  readonly nodes: Map<string, NodeStorage> = new Map();
  readonly #nextId: (kind: string) => number;

  /** An empty section taking ids from `nextId` (`blockdevice`, `partition`, `filesystem`…). */
  constructor(nextId: (kind: string) => number) {
    this.#nextId = nextId;
  }

  /** The storage of node `systemId`, made empty on first use. */
  of(systemId: string): NodeStorage {
    let storage = this.nodes.get(systemId);
    if (!storage) this.nodes.set(systemId, storage = new NodeStorage(systemId, this.#nextId));
    return storage;
  }

  /** The storage of node `systemId`, if it has any. */
  get(systemId: string): NodeStorage | undefined {
    return this.nodes.get(systemId);
  }

  /** Forgets a node's storage (the node is gone). */
  drop(systemId: string): void {
    this.nodes.delete(systemId);
  }

  /** The node holding the group with this id, and the group. */
  findGroup(id: number): { storage: NodeStorage; group: SimStorageGroup } | undefined {
    for (const storage of this.nodes.values()) {
      const group = storage.groups.get(id);
      if (group) return { storage, group };
    }
    return undefined;
  }
}
