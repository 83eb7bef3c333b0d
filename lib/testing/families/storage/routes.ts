/**
 * Storage on a machine: block devices, partitions, volume groups and logical volumes, RAIDs,
 * bcaches and their cache sets, VMFS datastores.
 *
 * Block devices and partitions live where the rest of the simulator keeps them, as MAAS renders
 * them in the machine's `blockdevice_set` (filesystems included); what MAAS keeps in tables of its
 * own — which filesystem belongs to which volume group, RAID, bcache, cache set or datastore — is
 * kept here beside each machine. After every change the machine's rendered storage fields are
 * recomputed the way MAAS computes them: names, paths, `used_for`, used and available sizes (a
 * partition table costs 5 MiB, plus the bios_grub or PReP partition the architecture needs),
 * `physicalblockdevice_set`, `virtualblockdevice_set`, `boot_disk` and the `volume_groups`,
 * `raids`, `bcaches` and `cache_sets` references.
 *
 * @module
 */

import { NodeStatus } from "../../inventory.ts";
import { booleanField, missingParam } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import type { FormFields } from "../../request.ts";
import type { AuthContext, HandlerSpec, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import type {
  MemberKind as StorageMemberKind,
  NodeStorage,
  StorageCacheSet,
  StorageGroup,
  StorageGroupType,
  StorageMember,
} from "./model.ts";

type Wire = Record<string, unknown>;

const API = "/MAAS/api/2.0/";
const MIB = 1024 * 1024;
/** MAAS aligns partitions (and logical volumes) down to 4 MiB. */
const ALIGNMENT = 4 * MIB;
const MIN_PARTITION_SIZE = ALIGNMENT;
const MIN_BLOCK_DEVICE_SIZE = 4 * MIB;
const MIN_BLOCK_SIZE = 512;
/** The partition table and grub take the first 4 MiB; 1 MiB is kept free at the end for MBR. */
const PARTITION_TABLE_EXTRA = 5 * MIB;
const PREP_PARTITION_SIZE = 8 * MIB;
const BIOS_GRUB_PARTITION_SIZE = MIB;
const MAX_MBR_PARTITION_SIZE = alignDown((2 ** 32 - 1) * 512 - MIB);
const MIN_BOOT_DISK_SIZE = 512 * MIB;
const LVM_EXTENT = 4 * MIB;
const RAID_SUPERBLOCK = 128 * 1024;

const FORMAT_TYPES = [
  "ext2",
  "ext4",
  "xfs",
  "fat32",
  "vfat",
  "swap",
  "ramfs",
  "tmpfs",
  "btrfs",
  "zfsroot",
];
const RAID_LEVELS = ["raid-0", "raid-1", "raid-5", "raid-6", "raid-10"];
const CACHE_MODES = ["writeback", "writethrough", "writearound"];
const PARTITION_TABLE_TYPES = ["MBR", "GPT"];

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

type MemberKind = StorageMemberKind;
type Member = StorageMember;
type GroupType = StorageGroupType;
type Group = StorageGroup;
type CacheSet = StorageCacheSet;
type Storage = NodeStorage;

function storageOf(machine: SimMachine): Storage {
  return machine.storage ??= { groups: new Map(), cacheSets: new Map() };
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the rendered data.

function alignDown(size: number): number {
  return Math.floor(size / ALIGNMENT) * ALIGNMENT;
}

function devicesOf(machine: SimMachine): Wire[] {
  let devices = machine.data.blockdevice_set;
  if (!Array.isArray(devices)) machine.data.blockdevice_set = devices = [];
  return devices as Wire[];
}

function partitionsOf(device: Wire): Wire[] {
  let partitions = device.partitions;
  if (!Array.isArray(partitions)) device.partitions = partitions = [];
  return partitions as Wire[];
}

function sizeOf(target: Wire): number {
  return Number(target.size) || 0;
}

function partitionIndex(partition: Wire): number {
  const match = /-part(\d+)$/.exec(String(partition.path ?? ""));
  return match ? Number(match[1]) : 0;
}

function hasTable(device: Wire): boolean {
  return device.partition_table_type !== null && device.partition_table_type !== undefined;
}

function fsOf(target: Wire): Wire | null {
  const fs = target.filesystem;
  return fs && typeof fs === "object" ? fs as Wire : null;
}

function humanBytes(size: number): string {
  let value = size;
  for (const unit of ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"]) {
    if (Math.abs(value) < 1000) {
      return unit === "bytes" ? `${value.toFixed(0)} ${unit}` : `${value.toFixed(1)} ${unit}`;
    }
    value /= 1000;
  }
  return `${value.toFixed(1)} YB`;
}

/** A machine's view of its storage: lookups by id and name, and MAAS's size rules. */
class Layout {
  readonly machine: SimMachine;
  readonly storage: Storage;
  readonly state: SimulatorState;

  constructor(state: SimulatorState, machine: SimMachine) {
    this.state = state;
    this.machine = machine;
    this.storage = storageOf(machine);
  }

  get systemId(): string {
    return this.machine.data.system_id;
  }

  get devices(): Wire[] {
    return devicesOf(this.machine);
  }

  device(id: number): Wire | undefined {
    return this.devices.find((device) => device.id === id);
  }

  /** The partition with this id and the device holding it. */
  partition(id: number): { device: Wire; partition: Wire } | undefined {
    for (const device of this.devices) {
      const partition = partitionsOf(device).find((candidate) => candidate.id === id);
      if (partition) return { device, partition };
    }
    return undefined;
  }

  target(member: Member): Wire | undefined {
    return member.kind === "device" ? this.device(member.id) : this.partition(member.id)?.partition;
  }

  /** The group a virtual device belongs to (as its device, or as one of its logical volumes). */
  groupOfVirtual(deviceId: number): Group | undefined {
    for (const group of this.storage.groups.values()) {
      if (group.virtualId === deviceId || group.volumes.has(deviceId)) return group;
    }
    return undefined;
  }

  /** The group or cache set a block device or partition is a member of. */
  membership(kind: MemberKind, id: number): { group?: Group; cacheSet?: CacheSet } | undefined {
    for (const group of this.storage.groups.values()) {
      if (group.members.some((member) => member.kind === kind && member.id === id)) {
        return { group };
      }
    }
    for (const cacheSet of this.storage.cacheSets.values()) {
      if (cacheSet.member.kind === kind && cacheSet.member.id === id) return { cacheSet };
    }
    return undefined;
  }

  /** A device's name as MAAS stores it (a logical volume's own name, without its group's). */
  rawName(device: Wire): string {
    const group = this.groupOfVirtual(device.id as number);
    return group?.volumes.get(device.id as number) ?? String(device.name);
  }

  /** The device's name as rendered (`VG-LV` for a logical volume). */
  displayName(device: Wire): string {
    const group = this.groupOfVirtual(device.id as number);
    if (!group) return String(device.name);
    const volume = group.volumes.get(device.id as number);
    return volume === undefined ? group.name : `${group.name}-${volume}`;
  }

  partitionName(device: Wire, partition: Wire): string {
    return `${this.displayName(device)}-part${partitionIndex(partition)}`;
  }

  get bootDiskId(): number | null {
    const boot = this.machine.data.boot_disk;
    if (boot && typeof boot === "object" && typeof (boot as Wire).id === "number") {
      const id = (boot as Wire).id as number;
      if (this.device(id)) return id;
    }
    const first = this.devices
      .filter((device) => device.type === "physical" && sizeOf(device) >= MIN_BOOT_DISK_SIZE)
      .sort((a, b) => (a.id as number) - (b.id as number))[0];
    return first ? first.id as number : null;
  }

  get arch(): string {
    return String(this.machine.data.architecture ?? "").split("/")[0];
  }

  get biosBootMethod(): unknown {
    return this.machine.data.bios_boot_method;
  }

  /** What a partition table costs on this machine. */
  get tableOverhead(): number {
    if (this.arch === "ppc64el") return PARTITION_TABLE_EXTRA + PREP_PARTITION_SIZE;
    if (this.arch === "amd64" && this.biosBootMethod !== "uefi") {
      return PARTITION_TABLE_EXTRA + BIOS_GRUB_PARTITION_SIZE;
    }
    return PARTITION_TABLE_EXTRA;
  }

  /** Space left for partitions (a device without a table is counted as if it had one). */
  tableAvailable(device: Wire, ignore?: number): number {
    const used = partitionsOf(device)
      .filter((partition) => partition.id !== ignore)
      .reduce((sum, partition) => sum + sizeOf(partition), 0);
    return Math.max(0, alignDown(sizeOf(device) - used - this.tableOverhead));
  }

  groupSize(group: Group): number {
    const sizes = group.members.map((member) => sizeOf(this.target(member) ?? {}));
    if (sizes.length === 0) return 0;
    const total = sizes.reduce((sum, size) => sum + size, 0);
    if (group.type === "lvm-vg") {
      return (Math.floor(total / LVM_EXTENT) - sizes.length) * LVM_EXTENT;
    }
    if (group.type === "bcache") {
      const backing = group.members.find((member) => member.fstype === "bcache-backing");
      return backing ? sizeOf(this.target(backing) ?? {}) : 0;
    }
    if (group.type === "vmfs6") return total;
    const smallest = Math.min(...sizes);
    if (smallest <= 0) return 0;
    const active = group.members.filter((member) => member.fstype === "raid").length;
    switch (group.type) {
      case "raid-0":
        return total - RAID_SUPERBLOCK * sizes.length;
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

  allocated(group: Group, skip?: number): number {
    let sum = 0;
    for (const id of group.volumes.keys()) if (id !== skip) sum += sizeOf(this.device(id) ?? {});
    return sum;
  }

  free(group: Group, skip?: number): number {
    return this.groupSize(group) - this.allocated(group, skip);
  }

  cacheSetName(cacheSet: CacheSet): string {
    const ids = [...this.storage.cacheSets.keys()].sort((a, b) => a - b);
    return `cache${ids.indexOf(cacheSet.id)}`;
  }

  /** Block devices with no partition table and no filesystem. */
  freeDevices(): Wire[] {
    return this.devices.filter((device) => !hasTable(device) && !fsOf(device));
  }

  /** Partitions with no filesystem. */
  freePartitions(): { device: Wire; partition: Wire }[] {
    return this.devices.flatMap((device) =>
      partitionsOf(device)
        .filter((partition) => !fsOf(partition))
        .map((partition) => ({ device, partition }))
    );
  }

  /** The device of the machine that holds an applied VMFS layout, with its layout. */
  vmfsLayout(): { device: Wire; last: number } | null {
    for (const device of this.devices) {
      if (device.type !== "physical" || device.partition_table_type !== "GPT") continue;
      const partitions = [...partitionsOf(device)].sort((a, b) =>
        (a.id as number) - (b.id as number)
      );
      for (const layout of VMFS_LAYOUTS) {
        if (partitions.length < layout.partitions.length) continue;
        const matches = layout.partitions.every((base, i) =>
          Boolean(partitions[i].bootable) === (base.bootable ?? false) &&
          (base.size === 0 || sizeOf(partitions[i]) === base.size)
        );
        if (matches) return { device, last: layout.last };
      }
    }
    return null;
  }

  isVmfsBasePartition(device: Wire, partition: Wire): boolean {
    const layout = this.vmfsLayout();
    return layout !== null && layout.device.id === device.id &&
      partitionIndex(partition) <= layout.last;
  }

  /**
   * Forget what no longer matches the rendered devices: another part of the simulator (a storage
   * layout, a release that erases disks) may have rewritten them.
   */
  reconcile(): void {
    const { groups, cacheSets } = this.storage;
    const holds = (member: Member) => {
      const target = this.target(member);
      return target !== undefined && fsOf(target)?.fstype === member.fstype;
    };
    for (const [id, cacheSet] of cacheSets) if (!holds(cacheSet.member)) cacheSets.delete(id);
    let changed = true;
    while (changed) {
      changed = false;
      for (const [id, group] of groups) {
        group.members = group.members.filter(holds);
        for (const volume of group.volumes.keys()) {
          if (!this.device(volume)) group.volumes.delete(volume);
        }
        const lost = group.members.length === 0 ||
          (group.virtualId !== null && !this.device(group.virtualId)) ||
          (group.cacheSetId !== null && !cacheSets.has(group.cacheSetId));
        if (lost) {
          this.dropGroup(id);
          changed = true;
        }
      }
    }
  }

  /** Removes a group, its virtual devices and its members' filesystems. */
  dropGroup(id: number): void {
    const group = this.storage.groups.get(id);
    if (!group) return;
    this.storage.groups.delete(id);
    for (const member of group.members) {
      const target = this.target(member);
      if (target && fsOf(target)?.fstype === member.fstype) target.filesystem = null;
    }
    const virtual = [
      ...group.volumes.keys(),
      ...(group.virtualId === null ? [] : [group.virtualId]),
    ];
    for (const deviceId of virtual) this.removeDevice(deviceId);
  }

  /** Removes a block device with its partitions, and whatever was built on them. */
  removeDevice(id: number): void {
    const devices = this.devices;
    const index = devices.findIndex((device) => device.id === id);
    if (index === -1) return;
    const [device] = devices.splice(index, 1);
    for (const group of this.storage.groups.values()) group.volumes.delete(id);
    this.forgetMember("device", id);
    for (const partition of partitionsOf(device)) {
      this.forgetMember("partition", partition.id as number);
    }
  }

  /** Takes a block device or partition out of its group or cache set (dropping an emptied one). */
  forgetMember(kind: MemberKind, id: number): void {
    for (const [cacheId, cacheSet] of this.storage.cacheSets) {
      if (cacheSet.member.kind === kind && cacheSet.member.id === id) {
        this.storage.cacheSets.delete(cacheId);
        for (const group of [...this.storage.groups.values()]) {
          if (group.cacheSetId === cacheId) this.dropGroup(group.id);
        }
      }
    }
    for (const group of [...this.storage.groups.values()]) {
      const before = group.members.length;
      group.members = group.members.filter((member) => !(member.kind === kind && member.id === id));
      if (group.members.length !== before && group.members.length === 0) this.dropGroup(group.id);
    }
  }

  usedFor(target: Wire, device?: Wire): string {
    const fs = fsOf(target);
    if (fs) {
      if (fs.mount_point !== null && fs.mount_point !== undefined) {
        return `${fs.fstype} formatted filesystem mounted at ${fs.mount_point}`;
      }
      const kind: MemberKind = device ? "partition" : "device";
      const membership = this.membership(kind, target.id as number);
      const group = membership?.group;
      switch (fs.fstype) {
        case "lvm-pv":
          if (group) return `LVM volume for ${group.name}`;
          break;
        case "raid":
          if (group) return `Active ${group.type} device for ${group.name}`;
          break;
        case "raid-spare":
          if (group) return `Spare ${group.type} device for ${group.name}`;
          break;
        case "bcache-cache":
          if (membership?.cacheSet) {
            return `Cache device for ${this.cacheSetName(membership.cacheSet)}`;
          }
          break;
        case "bcache-backing":
          if (group) return `Backing device for ${group.name}`;
          break;
        case "vmfs6":
          if (group) return `VMFS extent for ${group.name}`;
          break;
        default:
          return `Unmounted ${fs.fstype} formatted filesystem`;
      }
      return String(target.used_for ?? `Unmounted ${fs.fstype} formatted filesystem`);
    }
    if (!device && hasTable(target)) {
      const count = partitionsOf(target).length;
      return `${target.partition_table_type} partitioned with ${count} partition${
        count > 1 ? "s" : ""
      }`;
    }
    return "Unused";
  }

  /** Recomputes every rendered storage field of the machine. */
  render(): void {
    const { data } = this.machine;
    const systemId = this.systemId;
    for (const group of this.storage.groups.values()) {
      if (group.virtualId === null) continue;
      const device = this.device(group.virtualId);
      if (!device) continue;
      device.size = this.groupSize(group);
      device.block_size = this.virtualBlockSize(group);
    }
    for (const device of this.devices) {
      const name = this.displayName(device);
      device.system_id = systemId;
      device.name = name;
      device.path = `/dev/disk/by-dname/${name}`;
      device.resource_uri = `${API}nodes/${systemId}/blockdevices/${device.id}/`;
      for (const partition of partitionsOf(device)) {
        partition.system_id = systemId;
        partition.device_id = device.id;
        partition.type = "partition";
        partition.path = `${device.path}-part${partitionIndex(partition)}`;
        partition.used_for = this.usedFor(partition, device);
        partition.resource_uri =
          `${API}nodes/${systemId}/blockdevices/${device.id}/partition/${partition.id}`;
      }
      const fs = fsOf(device);
      const parts = partitionsOf(device).reduce((sum, partition) => sum + sizeOf(partition), 0);
      device.used_size = fs ? sizeOf(device) : hasTable(device) ? parts + this.tableOverhead : 0;
      device.available_size = fs ? 0 : this.tableAvailable(device);
      device.used_for = this.usedFor(device);
    }
    const devices = this.devices;
    data.physicalblockdevice_set = devices.filter((device) => device.type === "physical");
    data.virtualblockdevice_set = devices.filter((device) => device.type === "virtual");
    const bootId = this.bootDiskId;
    data.boot_disk = bootId === null ? null : this.device(bootId) ?? null;
    const refs = (filter: (group: Group) => boolean) =>
      [...this.storage.groups.values()].filter(filter).map((group) => ({
        system_id: systemId,
        id: group.id,
        __incomplete__: true,
      }));
    data.volume_groups = refs((group) => group.type === "lvm-vg");
    data.raids = refs((group) => group.type.startsWith("raid-"));
    data.bcaches = refs((group) => group.type === "bcache");
    data.cache_sets = [...this.storage.cacheSets.keys()].map((id) => ({
      system_id: systemId,
      id,
      __incomplete__: true,
    }));
  }

  virtualBlockSize(group: Group): number {
    if (group.type === "lvm-vg") return 4096;
    if (group.type === "vmfs6") return 1024;
    if (group.type === "bcache") {
      const backing = group.members.find((member) => member.fstype === "bcache-backing");
      if (backing?.kind === "device") return Number(this.device(backing.id)?.block_size) || 512;
      if (backing) return Number(this.partition(backing.id)?.device.block_size) || 512;
    }
    return 512;
  }

  // -------------------------------------------------------------------------------------------
  // Rendering the objects MAAS answers with.

  filesystemJson(fs: Wire | null): Wire | null {
    if (!fs) return null;
    return {
      fstype: fs.fstype,
      label: fs.label ?? null,
      uuid: fs.uuid ?? null,
      mount_point: fs.mount_point ?? null,
      mount_options: fs.mount_options ?? null,
    };
  }

  memberJson(member: Member): Wire | null {
    return this.target(member) ?? null;
  }

  groupJson(group: Group): Wire {
    const systemId = this.systemId;
    const size = this.groupSize(group);
    const devices = (fstype?: string) =>
      group.members
        .filter((member) => fstype === undefined || member.fstype === fstype)
        .map((member) => this.memberJson(member))
        .filter((item) => item !== null);
    const virtual = group.virtualId === null ? null : this.device(group.virtualId) ?? null;
    if (group.type === "lvm-vg") {
      const used = this.allocated(group);
      return {
        system_id: systemId,
        id: group.id,
        uuid: group.uuid,
        name: group.name,
        devices: devices(),
        size,
        human_size: humanBytes(size),
        available_size: size - used,
        human_available_size: humanBytes(size - used),
        used_size: used,
        human_used_size: humanBytes(used),
        logical_volumes: [...group.volumes.keys()].map((id) => this.device(id)).filter(Boolean),
        resource_uri: `${API}nodes/${systemId}/volume-group/${group.id}/`,
      };
    }
    if (group.type === "bcache") {
      const cacheSet = group.cacheSetId === null
        ? undefined
        : this.storage.cacheSets.get(group.cacheSetId);
      const backing = group.members.find((member) => member.fstype === "bcache-backing");
      return {
        system_id: systemId,
        id: group.id,
        uuid: group.uuid,
        name: group.name,
        cache_set: cacheSet ? this.cacheSetJson(cacheSet) : null,
        backing_device: backing ? this.memberJson(backing) : null,
        size,
        human_size: humanBytes(size),
        virtual_device: virtual,
        cache_mode: group.cacheMode,
        resource_uri: `${API}nodes/${systemId}/bcache/${group.id}/`,
      };
    }
    if (group.type === "vmfs6") {
      const fs = virtual ? fsOf(virtual) : null;
      return {
        id: group.id,
        system_id: systemId,
        uuid: group.uuid,
        name: group.name,
        devices: devices(),
        size,
        human_size: humanBytes(size),
        filesystem: fs ? { fstype: fs.fstype, mount_point: fs.mount_point ?? null } : null,
        resource_uri: `${API}nodes/${systemId}/vmfs-datastore/${group.id}/`,
      };
    }
    return {
      system_id: systemId,
      id: group.id,
      uuid: group.uuid,
      name: group.name,
      level: group.type,
      devices: devices("raid"),
      spare_devices: devices("raid-spare"),
      size,
      human_size: humanBytes(size),
      virtual_device: virtual,
      resource_uri: `${API}nodes/${systemId}/raid/${group.id}/`,
    };
  }

  cacheSetJson(cacheSet: CacheSet): Wire {
    return {
      system_id: this.systemId,
      id: cacheSet.id,
      name: this.cacheSetName(cacheSet),
      cache_device: this.memberJson(cacheSet.member),
      resource_uri: `${API}nodes/${this.systemId}/bcache-cache-set/${cacheSet.id}/`,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Changes.

  newDevice(fields: Wire): Wire {
    const id = this.state.nextId("blockdevice");
    const device: Wire = {
      id_path: null,
      size: 0,
      block_size: 512,
      tags: [],
      type: "virtual",
      available_size: 0,
      model: null,
      used_for: "Unused",
      partitions: [],
      system_id: this.systemId,
      name: "",
      path: "",
      serial: null,
      used_size: 0,
      filesystem: null,
      storage_pool: null,
      partition_table_type: null,
      uuid: null,
      numa_node: null,
      ...fields,
      id,
      resource_uri: `${API}nodes/${this.systemId}/blockdevices/${id}/`,
    };
    this.devices.push(device);
    return device;
  }

  /** Adds a partition as `PartitionTable.add_partition` does (size already validated). */
  addPartition(
    device: Wire,
    options: { size?: number; uuid?: string; bootable?: boolean } = {},
  ): Wire {
    if (!hasTable(device)) device.partition_table_type = "GPT";
    let size = options.size ?? this.tableAvailable(device);
    if (options.size === undefined && device.partition_table_type === "MBR") {
      size = Math.min(size, MAX_MBR_PARTITION_SIZE);
    }
    size = alignDown(size);
    const partitions = partitionsOf(device);
    let index = partitions.reduce((max, partition) => Math.max(max, partitionIndex(partition)), 0) +
      1;
    if (index === 4 && device.partition_table_type === "MBR") index = 5;
    else if (index === 1 && device.partition_table_type === "GPT") {
      const prep = this.arch === "ppc64el" && device.id === this.bootDiskId;
      const biosGrub = this.arch === "amd64" && this.biosBootMethod !== "uefi" &&
        device.type === "physical";
      if (prep || biosGrub) index = 2;
    }
    const id = this.state.nextId("partition");
    const partition: Wire = {
      uuid: options.uuid ?? this.state.random.uuid(),
      size,
      bootable: options.bootable ?? false,
      tags: [],
      type: "partition",
      used_for: "Unused",
      system_id: this.systemId,
      path: `${device.path}-part${index}`,
      filesystem: null,
      device_id: device.id,
      id,
      resource_uri: `${API}nodes/${this.systemId}/blockdevices/${device.id}/partition/${id}`,
    };
    partitions.push(partition);
    return partition;
  }

  newFilesystem(fstype: string, fields: Wire = {}): Wire {
    return {
      fstype,
      label: null,
      uuid: this.state.random.uuid(),
      mount_point: null,
      mount_options: null,
      ...fields,
    };
  }

  /** Puts a group's filesystem on a member. */
  join(member: Member): void {
    const target = this.target(member);
    if (target) target.filesystem = this.newFilesystem(member.fstype);
  }

  /** The boot disk cannot hold a filesystem: MAAS gives it one partition and uses that. */
  memberFor(deviceId: number, fstype: string, forcePartition = false): Member {
    const device = this.device(deviceId)!;
    if (forcePartition || device.id === this.bootDiskId) {
      const partition = this.addPartition(device);
      return { kind: "partition", id: partition.id as number, fstype };
    }
    return { kind: "device", id: deviceId, fstype };
  }

  nextGroupName(prefix: string, filter: (group: Group) => boolean): string {
    let index = -1;
    for (const group of this.storage.groups.values()) {
      if (!filter(group) || !group.name.startsWith(prefix)) continue;
      const number = Number(group.name.slice(prefix.length));
      if (Number.isInteger(number) && group.name.length > prefix.length) {
        index = Math.max(index, number);
      }
    }
    return `${prefix}${index + 1}`;
  }

  createGroup(fields: {
    type: GroupType;
    name: string;
    uuid?: string;
    members: Member[];
    cacheMode?: string;
    cacheSetId?: number;
  }): Group {
    const group: Group = {
      id: this.state.nextId("filesystemgroup"),
      type: fields.type,
      name: fields.name,
      uuid: fields.uuid ?? this.state.random.uuid(),
      members: fields.members,
      virtualId: null,
      volumes: new Map(),
      cacheMode: fields.cacheMode ?? null,
      cacheSetId: fields.cacheSetId ?? null,
    };
    this.storage.groups.set(group.id, group);
    for (const member of group.members) this.join(member);
    if (group.type !== "lvm-vg") {
      const device = this.newDevice({
        name: group.name,
        uuid: this.state.random.uuid(),
        size: this.groupSize(group),
        block_size: this.virtualBlockSize(group),
      });
      group.virtualId = device.id as number;
    }
    return group;
  }
}

// ---------------------------------------------------------------------------------------------
// Django-like form validation, with Django's messages.

class Form {
  readonly errors: Record<string, string[]> = {};
  readonly data: FormFields;

  constructor(data: FormFields) {
    this.data = data;
  }

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  has(field: string): boolean {
    return field in this.errors;
  }

  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Answers 400 with the field errors, as `MAASAPIValidationError` renders a form's errors. */
  check(): void {
    if (!this.valid) throw ReplyError.invalid(this.errors);
  }

  value(name: string): string | undefined {
    const value = this.data.get(name);
    return value === undefined || value === "" ? undefined : value;
  }

  string(name: string, required = false): string | undefined {
    const value = this.value(name);
    if (value === undefined && required) this.add(name, "This field is required.");
    return value;
  }

  bytes(
    name: string,
    options: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.value(name);
    if (value === undefined) {
      if (options.required) this.add(name, "This field is required.");
      return undefined;
    }
    const match = /^(-?[0-9]+)([KkMmGgTtPpEe])?$/.exec(value);
    if (!match) {
      this.add(name, "Enter a valid value.");
      return undefined;
    }
    const scale = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 }[
      (match[2] ?? "").toLowerCase() as "k"
    ] ?? 1;
    const bytes = Number(match[1]) * scale;
    if (options.min !== undefined && bytes < options.min) {
      this.add(name, `Ensure this value is greater than or equal to ${options.min}.`);
      return undefined;
    }
    if (options.max !== undefined && bytes > options.max) {
      this.add(name, `Ensure this value is less than or equal to ${options.max}.`);
      return undefined;
    }
    return bytes;
  }

  integer(name: string, min?: number): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!/^\s*[-+]?\d+\s*$/.test(value)) {
      this.add(name, "Enter a whole number.");
      return undefined;
    }
    const number = Number(value);
    if (min !== undefined && number < min) {
      this.add(name, `Ensure this value is greater than or equal to ${min}.`);
      return undefined;
    }
    return number;
  }

  boolean(name: string): boolean {
    return booleanField(this.data, name);
  }

  uuid(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (value.length < 32) {
      this.add(name, `Ensure this value has at least 32 characters (it has ${value.length}).`);
    } else if (value.length > 36) {
      this.add(name, `Ensure this value has at most 36 characters (it has ${value.length}).`);
    } else if (
      !/[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?4[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}/
        .test(value)
    ) {
      this.add(name, "Enter a valid value.");
    } else {
      return value;
    }
    return undefined;
  }

  absolutePath(name: string, required: boolean): string | undefined {
    const value = this.string(name, required);
    if (value === undefined) return undefined;
    if (!/^(?:\/[^/]*)*$/.test(value) || value.length > 4095) {
      this.add(name, "Enter a valid value.");
      return undefined;
    }
    return value;
  }

  choice(name: string, choices: readonly string[], required: boolean): string | undefined {
    const value = this.string(name, required);
    if (value === undefined) return undefined;
    if (!choices.includes(value)) {
      this.add(name, `Select a valid choice. ${value} is not one of the available choices.`);
      return undefined;
    }
    return value;
  }

  /** A choice among objects given by id or name; answers the id. */
  pick(
    name: string,
    choices: { id: number; name: string }[],
    required = false,
  ): number | undefined {
    const value = this.string(name, required);
    if (value === undefined) return undefined;
    const found = choices.find((choice) => String(choice.id) === value || choice.name === value);
    if (!found) {
      this.add(name, `Select a valid choice. ${value} is not one of the available choices.`);
      return undefined;
    }
    return found.id;
  }

  /** Several choices by id or name (repeated fields); answers the ids. */
  pickMany(name: string, choices: { id: number; name: string }[]): number[] {
    const ids: number[] = [];
    for (const value of this.data.getAll(name)) {
      const found = choices.find((choice) => String(choice.id) === value || choice.name === value);
      if (!found) {
        this.add(name, `Select a valid choice. ${value} is not one of the available choices.`);
        return [];
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    return ids;
  }
}

/** A validation error of a model's `clean()`: JSON under `__all__` (or the field it names). */
function modelError(message: string, field = "__all__"): ReplyError {
  return ReplyError.invalid({ [field]: [message] });
}

// ---------------------------------------------------------------------------------------------
// Lookups with MAAS's 404s, permissions and state rules.

function machineOr404(ctx: AuthContext): SimMachine {
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (!machine) throw ReplyError.notFound("Machine");
  return machine;
}

/** MAAS looks block devices up by the node's system_id, so a missing machine is a missing device. */
function deviceOr404(
  ctx: AuthContext,
  key: string = ctx.params.id,
): { layout: Layout; device: Wire } {
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (!machine) throw ReplyError.notFound("BlockDevice");
  const layout = open(ctx, machine);
  const device = /^\d+$/.test(key)
    ? layout.device(Number(key))
    : layout.devices.find((candidate) => layout.rawName(candidate) === key);
  if (!device) throw ReplyError.notFound("BlockDevice");
  return { layout, device };
}

function emptyNotFound(): ReplyError {
  return new ReplyError(text("", 404, "text/plain"));
}

/** A partition of the machine by id or by name (`sda-part1`), as MAAS finds it. */
function partitionOr404(layout: Layout, key: string): { device: Wire; partition: Wire } {
  if (/^\d+$/.test(key)) {
    const found = layout.partition(Number(key));
    if (found) return found;
    throw emptyNotFound();
  }
  const split = key.indexOf("-part");
  if (split !== -1 && /^\d+$/.test(key.slice(split + 5))) {
    const deviceName = key.slice(0, split);
    const index = Number(key.slice(split + 5));
    for (const device of layout.devices) {
      if (layout.rawName(device) !== deviceName) continue;
      const partition = partitionsOf(device).find((candidate) =>
        partitionIndex(candidate) === index
      );
      if (partition) return { device, partition };
    }
  }
  throw emptyNotFound();
}

/** A filesystem group of a kind, by id (anywhere: another machine's gives an empty 404) or name. */
function groupOr404(
  ctx: AuthContext,
  thing: string,
  matches: (group: Group) => boolean,
): { layout: Layout; group: Group } {
  const key = ctx.params.id;
  if (/^\d+$/.test(key)) {
    const id = Number(key);
    for (const machine of ctx.state.machines.values()) {
      const group = machine.storage?.groups.get(id);
      if (!group || !matches(group)) continue;
      if (machine.data.system_id !== ctx.params.system_id) throw emptyNotFound();
      const layout = open(ctx, machine);
      const current = layout.storage.groups.get(id);
      if (current) return { layout, group: current };
    }
    throw ReplyError.notFound(thing);
  }
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (machine) {
    const layout = open(ctx, machine);
    for (const group of layout.storage.groups.values()) {
      if (matches(group) && group.name === key) return { layout, group };
    }
  }
  throw ReplyError.notFound(thing);
}

function open(ctx: AuthContext, machine: SimMachine): Layout {
  const layout = new Layout(ctx.state, machine);
  layout.reconcile();
  layout.render();
  return layout;
}

function requireEdit(ctx: AuthContext, layout: Layout): void {
  if (!ctx.user.isSuperuser && layout.machine.data.owner !== ctx.user.username) {
    throw ReplyError.forbidden("");
  }
}

function requireStatus(layout: Layout, allowed: number[], message: string): void {
  if (!allowed.includes(layout.machine.data.status)) throw ReplyError.conflict(message);
}

const READY = [NodeStatus.READY];
const READY_OR_ALLOCATED = [NodeStatus.READY, NodeStatus.ALLOCATED];

function deviceChoices(layout: Layout, devices: Wire[]): { id: number; name: string }[] {
  return devices.map((device) => ({ id: device.id as number, name: layout.rawName(device) }));
}

function partitionChoices(
  layout: Layout,
  partitions: { device: Wire; partition: Wire }[],
): { id: number; name: string }[] {
  return partitions.map(({ device, partition }) => ({
    id: partition.id as number,
    name: layout.partitionName(device, partition),
  }));
}

/** Renders again and answers with `value`'s JSON. */
function answer(layout: Layout, value: () => unknown): ReturnType<typeof json> {
  layout.render();
  return json(value());
}

// ---------------------------------------------------------------------------------------------
// Block devices.

function formatTarget(
  layout: Layout,
  target: Wire,
  form: Form,
  what: "block device" | "partition",
  device?: Wire,
): void {
  const fstype = form.choice("fstype", FORMAT_TYPES, true);
  const uuid = form.uuid("uuid");
  const label = form.string("label");
  if (what === "block device" && fstype !== undefined && hasTable(target)) {
    form.add("__all__", "Cannot format block device with a partition table.");
  }
  if (what === "partition" && device && layout.isVmfsBasePartition(device, target)) {
    form.add("VMFS", "Base VMFS partitions may not be formatted.");
  }
  form.check();
  const current = fsOf(target);
  if (current && !FORMAT_TYPES.includes(String(current.fstype))) {
    throw ReplyError.badRequest(
      `Cannot format a ${what} that has a filesystem type of ${current.fstype}.`,
    );
  }
  if (what === "block device" && target.id === layout.bootDiskId) {
    throw modelError(
      "Cannot place filesystem directly on the boot disk. Create a partition on the boot disk " +
        "first and then format the partition.",
    );
  }
  // FormatForm's label is an optional CharField: left out, it is stored as "", not null.
  target.filesystem = layout.newFilesystem(fstype!, {
    uuid: uuid ?? layout.state.random.uuid(),
    label: label ?? "",
  });
}

function unformatTarget(
  layout: Layout,
  target: Wire,
  what: "block device" | "partition",
  kind: MemberKind,
): void {
  const fs = fsOf(target);
  const subject = what === "block device" ? "Block device" : "Partition";
  if (!fs) throw ReplyError.badRequest(`${subject} is not formatted.`);
  if (fs.mount_point !== null && fs.mount_point !== undefined) {
    throw ReplyError.badRequest(
      `Filesystem is mounted and cannot be unformatted. Unmount the filesystem before ` +
        `unformatting the ${what}.`,
    );
  }
  const membership = layout.membership(kind, target.id as number);
  if (membership) {
    const nice = membership.group ? niceName(membership.group) : "cache set";
    throw ReplyError.badRequest(
      `Filesystem is part of a ${nice}, and cannot be unformatted. Remove ${what} from ${nice} ` +
        `before unformatting the ${what}.`,
    );
  }
  target.filesystem = null;
}

function mountTarget(layout: Layout, target: Wire, form: Form, kind: MemberKind): void {
  const fs = fsOf(target);
  const usesMountPoint = fs !== null && fs.fstype !== "swap";
  const mountPoint = fs ? form.absolutePath("mount_point", usesMountPoint) : undefined;
  const mountOptions = fs ? form.data.get("mount_options") ?? "" : undefined;
  if (!fs) form.add("__all__", "Cannot mount an unformatted partition or block device.");
  else if (layout.membership(kind, target.id as number)) {
    form.add("__all__", "Filesystem is part of a filesystem group, and cannot be mounted.");
  }
  form.check();
  const point = usesMountPoint ? mountPoint! : "none";
  if (usesMountPoint) {
    const taken = layout.devices.some((device) =>
      [device, ...partitionsOf(device)].some((other) =>
        other !== target && fsOf(other)?.mount_point === point
      )
    ) || (Array.isArray(layout.machine.data.special_filesystems) &&
      (layout.machine.data.special_filesystems as Wire[]).some((special) =>
        special.mount_point === point
      ));
    if (taken) {
      throw modelError(`Another filesystem is already mounted at ${point}.`);
    }
  }
  fs!.mount_point = point;
  fs!.mount_options = mountOptions;
}

function unmountTarget(target: Wire, what: "Block device" | "Partition"): void {
  const fs = fsOf(target);
  if (!fs) throw ReplyError.badRequest(`${what} is not formatted.`);
  if (fs.mount_point === null || fs.mount_point === undefined) {
    throw ReplyError.badRequest("Filesystem is already unmounted.");
  }
  fs.mount_point = null;
  fs.mount_options = null;
}

function niceName(group: Group): string {
  if (group.type === "lvm-vg") return "volume group";
  if (group.type === "bcache") return "Bcache";
  if (group.type === "vmfs6") return "VMFS";
  return "RAID";
}

function blockDeviceStateCheck(layout: Layout, operation: string): void {
  requireStatus(
    layout,
    READY_OR_ALLOCATED,
    `Cannot ${operation} block device because the machine is not Ready or Allocated.`,
  );
}

function nameTaken(layout: Layout, name: string, except?: Wire): boolean {
  return layout.devices.some((device) => device !== except && layout.rawName(device) === name);
}

function blockDevicesHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BlockDevicesHandler",
    doc: "Manage the block devices of a machine.",
    actions: {
      "GET read": {
        doc: "List every block device of the machine, physical and virtual.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(layout.devices);
        },
      },
      "POST create": {
        doc: "Add a physical block device: name, size and block_size are required; model and " +
          "serial, or id_path, identify it.",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          const form = new Form(ctx.data);
          const name = form.string("name", true);
          const model = form.value("model");
          const serial = form.value("serial");
          const idPath = form.absolutePath("id_path", false);
          const size = form.bytes("size", { required: true, min: MIN_BLOCK_DEVICE_SIZE });
          const blockSize = form.bytes("block_size", { required: true, min: MIN_BLOCK_SIZE });
          const numaNode = numaIndex(form, layout);
          if (!form.has("id_path") && !idPath && !(model && serial)) {
            form.add("__all__", "serial/model are required if id_path is not provided.");
          }
          if (name !== undefined && nameTaken(layout, name)) {
            form.add("__all__", "Block device with this Node config and Name already exists.");
          }
          form.check();
          const device = layout.newDevice({
            type: "physical",
            name,
            path: `/dev/disk/by-dname/${name}`,
            id_path: idPath ?? null,
            model: model ?? "",
            serial: serial ?? "",
            size,
            block_size: blockSize,
            numa_node: numaNode ?? 0,
            firmware_version: null,
          });
          return answer(layout, () => device);
        },
      },
    },
  };
}

function numaIndex(form: Form, layout: Layout): number | undefined {
  const index = form.integer("numa_node", 0);
  if (index === undefined) return undefined;
  const nodes = layout.machine.data.numanode_set;
  const known = Array.isArray(nodes) ? (nodes as Wire[]).map((node) => node.index) : [0];
  if (!known.includes(index)) {
    form.add("numa_node", "Invalid NUMA node");
    return undefined;
  }
  return index;
}

function blockDeviceHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BlockDeviceHandler",
    doc: "Manage one block device of a machine.",
    actions: {
      "GET read": {
        doc: "Read a block device, by id or name.",
        run: (ctx) => json(deviceOr404(ctx).device),
      },
      "PUT update": {
        doc: "Update a block device. On a Ready machine: name, model, serial, id_path, size, " +
          "block_size, numa_node, partition_table_type (physical) or name, uuid, size " +
          "(logical volumes only) and partition_table_type (virtual). On a Deployed machine: " +
          "only name, model, serial and id_path of a physical device.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          const status = layout.machine.data.status;
          if (status !== NodeStatus.READY && status !== NodeStatus.DEPLOYED) {
            throw ReplyError.conflict(
              "Cannot update block device because the machine is not Ready.",
            );
          }
          if (status === NodeStatus.DEPLOYED && device.type !== "physical") {
            throw ReplyError.conflict(
              "Cannot update virtual block device because the machine is Deployed.",
            );
          }
          const form = new Form(ctx.data);
          const deployed = status === NodeStatus.DEPLOYED;
          const changes: Wire = {};
          const name = form.value("name");
          if (name !== undefined) {
            if (nameTaken(layout, name, device)) {
              form.add("__all__", "Block device with this Node config and Name already exists.");
            }
            changes.name = name;
          }
          if (device.type === "physical") {
            if (form.data.has("model")) changes.model = form.data.get("model");
            if (form.data.has("serial")) changes.serial = form.data.get("serial");
            if (form.data.has("id_path")) {
              changes.id_path = form.absolutePath("id_path", false) ?? "";
            }
          }
          let size: number | undefined;
          if (!deployed) {
            size = form.bytes("size", {
              min: device.type === "physical" ? MIN_BLOCK_DEVICE_SIZE : undefined,
            });
            if (device.type === "physical") {
              const blockSize = form.bytes("block_size", { min: MIN_BLOCK_SIZE });
              if (blockSize !== undefined) changes.block_size = blockSize;
              const numa = numaIndex(form, layout);
              if (numa !== undefined) changes.numa_node = numa;
            } else {
              const uuid = form.uuid("uuid");
              if (uuid !== undefined) changes.uuid = uuid;
            }
            const tableType = form.choice("partition_table_type", PARTITION_TABLE_TYPES, false);
            if (tableType !== undefined) {
              if (!hasTable(device)) {
                form.add("partition_table_type", "Block device has no partition table");
              } else changes.partition_table_type = tableType;
            }
          }
          const group = device.type === "virtual"
            ? layout.groupOfVirtual(device.id as number)
            : undefined;
          const isVolume = group?.volumes.has(device.id as number) ?? false;
          if (size !== undefined && device.type === "virtual") {
            if (!isVolume && size !== sizeOf(device)) {
              delete form.errors.size;
              form.add("size", "Size cannot be changed on this device.");
            } else if (isVolume) {
              size = alignDown(size);
              if (size > layout.free(group!, device.id as number)) {
                form.add(
                  "__all__",
                  `There is not enough free space (${humanBytes(size)}) on volume group ${
                    group!.name
                  }.`,
                );
              }
            }
          }
          form.check();
          if (size !== undefined) changes.size = size;
          if (isVolume && changes.name !== undefined) {
            group!.volumes.set(device.id as number, changes.name as string);
            delete changes.name;
          }
          Object.assign(device, changes);
          return answer(layout, () => device);
        },
      },
      "DELETE delete": {
        doc: "Delete a block device (Ready machines only); not one that is part of a RAID, " +
          "volume group, bcache or datastore.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot delete block device because the machine is not Ready.",
          );
          for (
            const [kind, id] of [
              ["device", device.id],
              ...partitionsOf(device).map((partition) => ["partition", partition.id]),
            ] as [MemberKind, number][]
          ) {
            const membership = layout.membership(kind, id);
            if (membership) {
              const nice = membership.group ? niceName(membership.group) : "cache set";
              throw ReplyError.badRequest(
                `Cannot delete block device because its part of a ${nice}.`,
              );
            }
          }
          const group = layout.groupOfVirtual(device.id as number);
          if (group && group.virtualId === device.id) layout.dropGroup(group.id);
          else layout.removeDevice(device.id as number);
          layout.render();
          return deleted();
        },
      },
      "POST add_tag": {
        doc: "Add a tag to a block device (Ready machines only).",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot update block device because the machine is not Ready.",
          );
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          const tags = Array.isArray(device.tags) ? device.tags as string[] : [];
          if (!tags.includes(tag)) device.tags = [...tags, tag];
          return answer(layout, () => device);
        },
      },
      "POST remove_tag": {
        doc: "Remove a tag from a block device (Ready machines only).",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot update block device because the machine is not Ready.",
          );
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          const tags = Array.isArray(device.tags) ? device.tags as string[] : [];
          device.tags = tags.filter((other) => other !== tag);
          return answer(layout, () => device);
        },
      },
      "POST format": {
        doc: "Format a whole block device: fstype (ext4, xfs, swap…), uuid and label.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          requireEdit(ctx, layout);
          blockDeviceStateCheck(layout, "format");
          formatTarget(layout, device, new Form(ctx.data), "block device");
          return answer(layout, () => device);
        },
      },
      "POST unformat": {
        doc: "Remove the filesystem of a block device.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          requireEdit(ctx, layout);
          blockDeviceStateCheck(layout, "unformat");
          unformatTarget(layout, device, "block device", "device");
          return answer(layout, () => device);
        },
      },
      "POST mount": {
        doc: "Mount the filesystem of a block device at mount_point, with mount_options.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          requireEdit(ctx, layout);
          blockDeviceStateCheck(layout, "mount");
          mountTarget(layout, device, new Form(ctx.data), "device");
          return answer(layout, () => device);
        },
      },
      "POST unmount": {
        doc: "Unmount the filesystem of a block device.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          requireEdit(ctx, layout);
          blockDeviceStateCheck(layout, "unmount");
          unmountTarget(device, "Block device");
          return answer(layout, () => device);
        },
      },
      "POST set_boot_disk": {
        doc: "Make a physical block device the machine's boot disk (Ready machines only).",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot set as boot disk because the machine is not Ready.");
          if (device.type !== "physical") {
            throw ReplyError.badRequest(
              `Cannot set a ${device.type} block device as the boot disk.`,
            );
          }
          layout.machine.data.boot_disk = device;
          layout.render();
          return text("OK", 200, HTML_TYPE);
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Partitions.

function partitionStateCheck(layout: Layout, operation: string): void {
  requireStatus(
    layout,
    READY_OR_ALLOCATED,
    `Cannot ${operation} partition because the node is not Ready or Allocated.`,
  );
}

function partitionsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "PartitionsHandler",
    doc: "Manage the partitions of a block device.",
    actions: {
      "GET read": {
        doc: "List the partitions of a block device.",
        run: (ctx) => json(partitionsOf(deviceOr404(ctx, ctx.params.device_id).device)),
      },
      "POST create": {
        doc: "Create a partition (Ready machines only): size in bytes (all the free space when " +
          "absent, aligned down to 4 MiB), uuid, bootable.",
        run: (ctx) => {
          const { layout, device } = deviceOr404(ctx, ctx.params.device_id);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot create partition because the node is not Ready.");
          const form = new Form(ctx.data);
          const bootable = form.boolean("bootable");
          const uuid = form.uuid("uuid");
          let size = form.bytes("size", { min: MIN_PARTITION_SIZE, max: sizeOf(device) });
          form.check();
          const group = device.type === "virtual"
            ? layout.groupOfVirtual(device.id as number)
            : undefined;
          if (group?.volumes.has(device.id as number)) {
            throw modelError(
              "Cannot create a partition table on a logical volume.",
              "block_device",
            );
          }
          if (group?.type === "bcache") {
            throw modelError("Cannot create a partition table on a Bcache volume.", "block_device");
          }
          if (size !== undefined) {
            size = alignDown(size);
            const available = layout.tableAvailable(device);
            if (available < size) {
              const adjusted = size - (Number(device.block_size) || 512);
              if (available < adjusted) {
                throw modelError(
                  "Partition cannot be saved; not enough free space on the block device.",
                  "size",
                );
              }
              size = adjusted;
            }
            if (device.partition_table_type === "MBR" && size > MAX_MBR_PARTITION_SIZE) {
              throw modelError(
                "Partition cannot be saved; size is larger than the MBR 2TiB maximum.",
                "size",
              );
            }
          } else if (layout.tableAvailable(device) < MIN_PARTITION_SIZE) {
            throw modelError(
              `Ensure this value is greater than or equal to ${MIN_PARTITION_SIZE}.`,
              "size",
            );
          }
          const partition = layout.addPartition(device, { size, uuid, bootable });
          return answer(layout, () => partition);
        },
      },
    },
  };
}

function partitionHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => {
    const { layout } = deviceOr404(ctx, ctx.params.device_id);
    return { layout, ...partitionOr404(layout, ctx.params.id) };
  };
  return {
    name: "PartitionHandler",
    doc: "Manage one partition of a block device.",
    actions: {
      "GET read": {
        doc: "Read a partition, by id or name (sda-part1).",
        run: (ctx) => json(find(ctx).partition),
      },
      "DELETE delete": {
        doc: "Delete a partition (Ready machines only); the partitions after it are renumbered.",
        run: (ctx) => {
          const { layout, device: named } = deviceOr404(ctx, ctx.params.device_id);
          ctx.requireAdmin();
          if (!hasTable(named)) throw ReplyError.notFound("PartitionTable");
          requireStatus(layout, READY, "Cannot delete block device because the node is not Ready.");
          const { device, partition } = partitionOr404(layout, ctx.params.id);
          if (device !== named) {
            throw ReplyError.badRequest("Partition doesn't belong to the partition table");
          }
          const membership = layout.membership("partition", partition.id as number);
          if (membership) {
            const nice = membership.group ? niceName(membership.group) : "cache set";
            throw ReplyError.badRequest(`Cannot delete partition because its part of a ${nice}.`);
          }
          if (layout.isVmfsBasePartition(device, partition)) {
            throw ReplyError.badRequest(
              "VMware ESXi partitions may not be removed. To remove select a different storage " +
                "layout.",
            );
          }
          const index = partitionIndex(partition);
          const partitions = partitionsOf(device);
          partitions.splice(partitions.indexOf(partition), 1);
          for (const other of partitions) {
            const otherIndex = partitionIndex(other);
            if (otherIndex > index) other.path = `${device.path}-part${otherIndex - 1}`;
          }
          layout.render();
          return deleted();
        },
      },
      "POST format": {
        doc: "Format a partition: fstype (ext4, xfs, swap…), uuid and label.",
        run: (ctx) => {
          const { layout, device, partition } = find(ctx);
          requireEdit(ctx, layout);
          partitionStateCheck(layout, "format");
          formatTarget(layout, partition, new Form(ctx.data), "partition", device);
          return answer(layout, () => partition);
        },
      },
      "POST unformat": {
        doc: "Remove the filesystem of a partition.",
        run: (ctx) => {
          const { layout, partition } = find(ctx);
          requireEdit(ctx, layout);
          partitionStateCheck(layout, "unformat");
          unformatTarget(layout, partition, "partition", "partition");
          return answer(layout, () => partition);
        },
      },
      "POST mount": {
        doc: "Mount the filesystem of a partition at mount_point, with mount_options.",
        run: (ctx) => {
          const { layout, partition } = find(ctx);
          requireEdit(ctx, layout);
          partitionStateCheck(layout, "mount");
          mountTarget(layout, partition, new Form(ctx.data), "partition");
          return answer(layout, () => partition);
        },
      },
      "POST unmount": {
        doc: "Unmount the filesystem of a partition.",
        run: (ctx) => {
          const { layout, partition } = find(ctx);
          requireEdit(ctx, layout);
          partitionStateCheck(layout, "unmount");
          unmountTarget(partition, "Partition");
          return answer(layout, () => partition);
        },
      },
      "POST add_tag": {
        doc: "Add a tag to a partition.",
        run: (ctx) => {
          const { layout, partition } = find(ctx);
          ctx.requireAdmin();
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          const tags = Array.isArray(partition.tags) ? partition.tags as string[] : [];
          if (!tags.includes(tag)) partition.tags = [...tags, tag];
          return answer(layout, () => partition);
        },
      },
      "POST remove_tag": {
        doc: "Remove a tag from a partition.",
        run: (ctx) => {
          const { layout, partition } = find(ctx);
          ctx.requireAdmin();
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          const tags = Array.isArray(partition.tags) ? partition.tags as string[] : [];
          partition.tags = tags.filter((other) => other !== tag);
          return answer(layout, () => partition);
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Volume groups and logical volumes.

const isVolumeGroup = (group: Group) => group.type === "lvm-vg";
const isRaid = (group: Group) => group.type.startsWith("raid-");
const isBcache = (group: Group) => group.type === "bcache";
const isVmfs = (group: Group) => group.type === "vmfs6";

/** The block devices and partitions of a group's members, with what the form saw. */
function membersOf(group: Group, kind: MemberKind, fstype?: string): number[] {
  return group.members
    .filter((member) => member.kind === kind && (fstype === undefined || member.fstype === fstype))
    .map((member) => member.id);
}

function memberChoices(layout: Layout, group: Group, kind: MemberKind, fstype?: string) {
  const ids = membersOf(group, kind, fstype);
  if (kind === "device") {
    return deviceChoices(layout, ids.map((id) => layout.device(id)!).filter(Boolean));
  }
  return partitionChoices(layout, ids.map((id) => layout.partition(id)!).filter(Boolean));
}

/**
 * The members a new group gets from the block devices and partitions chosen: the boot disk is
 * given a partition first, as MAAS does (`force` gives every device one, as a bootable RAID or a
 * VMFS datastore needs).
 */
function membersFrom(
  layout: Layout,
  devices: number[],
  partitions: number[],
  fstype: string,
  force = false,
): Member[] {
  return [
    ...devices.map((id) => layout.memberFor(id, fstype, force)),
    ...partitions.map((id): Member => ({ kind: "partition", id, fstype })),
  ];
}

function volumeGroupsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "VolumeGroupsHandler",
    doc: "Manage the LVM volume groups of a machine.",
    actions: {
      "GET read": {
        doc: "List the volume groups of the machine.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(
            [...layout.storage.groups.values()].filter(isVolumeGroup).map((group) =>
              layout.groupJson(group)
            ),
          );
        },
      },
      "POST create": {
        doc: "Create a volume group (Ready machines only): name, uuid, and at least one unused " +
          "block device (block_devices) or partition (partitions), by id or name.",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          requireStatus(
            layout,
            READY,
            "Cannot create volume group because the machine is not Ready.",
          );
          const { name, uuid, devices, partitions } = groupForm(ctx, layout);
          const group = layout.createGroup({
            type: "lvm-vg",
            name,
            uuid,
            members: membersFrom(layout, devices, partitions, "lvm-pv"),
          });
          return answer(layout, () => layout.groupJson(group));
        },
      },
    },
  };
}

/** The create form shared by volume groups and VMFS datastores. */
function groupForm(
  ctx: AuthContext,
  layout: Layout,
  extra?: (form: Form) => void,
): { name: string; uuid?: string; devices: number[]; partitions: number[] } {
  const form = new Form(ctx.data);
  const name = form.string("name", true);
  const uuid = form.uuid("uuid");
  const devices = form.pickMany("block_devices", deviceChoices(layout, layout.freeDevices()));
  const partitions = form.pickMany("partitions", partitionChoices(layout, layout.freePartitions()));
  if (
    name !== undefined && devices.length === 0 && partitions.length === 0 &&
    !form.has("block_devices") && !form.has("partitions")
  ) {
    form.add("__all__", "At least one valid block device or partition is required.");
  }
  extra?.(form);
  form.check();
  return { name: name!, uuid, devices, partitions };
}

function volumeGroupHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "VolumeGroup", isVolumeGroup);
  return {
    name: "VolumeGroupHandler",
    doc: "Manage one LVM volume group of a machine, and its logical volumes.",
    actions: {
      "GET read": {
        doc: "Read a volume group, by id or name.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          return json(layout.groupJson(group));
        },
      },
      "PUT update": {
        doc: "Update a volume group (Ready machines only): name, uuid, add_block_devices, " +
          "remove_block_devices, add_partitions, remove_partitions.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot update volume group because the machine is not Ready.",
          );
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const addDevices = form.pickMany(
            "add_block_devices",
            deviceChoices(layout, layout.freeDevices()),
          );
          const removeDevices = form.pickMany(
            "remove_block_devices",
            memberChoices(layout, group, "device"),
          );
          const addPartitions = form.pickMany(
            "add_partitions",
            partitionChoices(layout, layout.freePartitions()),
          );
          const removePartitions = form.pickMany(
            "remove_partitions",
            memberChoices(layout, group, "partition"),
          );
          form.check();
          const kept = group.members.filter((member) =>
            !(member.kind === "device" && removeDevices.includes(member.id)) &&
            !(member.kind === "partition" && removePartitions.includes(member.id))
          );
          if (kept.length + addDevices.length + addPartitions.length === 0) {
            throw modelError("At least one filesystem must have been added.");
          }
          const trial: Group = {
            ...group,
            members: [
              ...kept,
              ...addDevices.map((id): Member => ({ kind: "device", id, fstype: "lvm-pv" })),
              ...addPartitions.map((id): Member => ({ kind: "partition", id, fstype: "lvm-pv" })),
            ],
          };
          if (layout.free(trial) < 0) {
            throw ReplyError.badRequest("Volume group cannot be smaller than its logical volumes.");
          }
          for (const member of group.members) {
            if (!kept.includes(member)) {
              const target = layout.target(member);
              if (target) target.filesystem = null;
            }
          }
          const added = membersFrom(layout, addDevices, addPartitions, "lvm-pv");
          for (const member of added) layout.join(member);
          group.members = [...kept, ...added];
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          return answer(layout, () => layout.groupJson(group));
        },
      },
      "DELETE delete": {
        doc: "Delete a volume group (Ready machines only) that has no logical volumes.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot delete volume group because the machine is not Ready.",
          );
          if (group.volumes.size > 0) {
            throw ReplyError.badRequest(
              "This volume group has logical volumes; it cannot be deleted.",
            );
          }
          layout.dropGroup(group.id);
          layout.render();
          return deleted();
        },
      },
      "POST create_logical_volume": {
        doc: "Create a logical volume (Ready machines only): name, uuid, and size (at least " +
          "4 MiB; all the free space when absent).",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot create logical volume because the machine is not Ready.",
          );
          const free = layout.free(group);
          const form = new Form(ctx.data);
          const name = form.string("name", true);
          const uuid = form.uuid("uuid");
          let size = form.bytes("size", { min: MIN_BLOCK_DEVICE_SIZE, max: free });
          if (free < MIN_BLOCK_DEVICE_SIZE) {
            delete form.errors.size;
            form.add(
              "__all__",
              `Volume group (${group.name}) cannot hold any more logical volumes, because it ` +
                "doesn't have enough free space.",
            );
          }
          if (name !== undefined && nameTaken(layout, name)) {
            form.add("__all__", "Block device with this Node config and Name already exists.");
          }
          form.check();
          size = alignDown(size ?? free);
          const device = layout.newDevice({
            name,
            uuid: uuid ?? layout.state.random.uuid(),
            size,
            block_size: 4096,
          });
          group.volumes.set(device.id as number, name!);
          return answer(layout, () => device);
        },
      },
      "POST delete_logical_volume": {
        doc: "Delete a logical volume given by id (Ready machines only); a missing one is not " +
          "an error.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot delete logical volume because the machine is not Ready.",
          );
          const id = ctx.data.get("id");
          if (!id) throw missingParam("id");
          const volume = Number(id);
          if (group.volumes.has(volume)) layout.removeDevice(volume);
          layout.render();
          return deleted();
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// RAIDs.

const RAID_RULES: Record<string, { min: number; spares: boolean; text: string }> = {
  "raid-0": {
    min: 2,
    spares: false,
    text: "RAID level 0 must have at least 2 raid devices and no spares.",
  },
  "raid-1": {
    min: 2,
    spares: true,
    text: "RAID level 1 must have at least 2 raid devices and any number of spares.",
  },
  "raid-5": {
    min: 3,
    spares: true,
    text: "RAID level 5 must have at least 3 raid devices and any number of spares.",
  },
  "raid-6": {
    min: 4,
    spares: true,
    text: "RAID level 6 must have at least 4 raid devices and any number of spares.",
  },
  "raid-10": {
    min: 3,
    spares: true,
    text: "RAID level 10 must have at least 3 raid devices and any number of spares.",
  },
};

/** MAAS's member counts per level (checked when the RAID is saved). */
function checkRaid(level: string, active: number, spares: number): void {
  const rule = RAID_RULES[level];
  if (active < rule.min || (!rule.spares && spares > 0)) throw modelError(rule.text);
}

function raidsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "RaidsHandler",
    doc: "Manage the software RAIDs of a machine.",
    actions: {
      "GET read": {
        doc: "List the RAIDs of the machine.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(
            [...layout.storage.groups.values()].filter(isRaid).map((group) =>
              layout.groupJson(group)
            ),
          );
        },
      },
      "POST create": {
        doc: "Create a RAID (Ready machines only): level (raid-0, raid-1, raid-5, raid-6, " +
          "raid-10), name, uuid, block_devices, partitions, spare_devices, spare_partitions.",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          requireStatus(layout, READY, "Cannot create RAID because the machine is not Ready.");
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const level = form.choice("level", RAID_LEVELS, true);
          const freeDevices = deviceChoices(layout, layout.freeDevices());
          const freePartitions = partitionChoices(layout, layout.freePartitions());
          const devices = form.pickMany("block_devices", freeDevices);
          const partitions = form.pickMany("partitions", freePartitions);
          const spareDevices = form.pickMany("spare_devices", freeDevices);
          const spareParts = form.pickMany("spare_partitions", freePartitions);
          if (
            !form.has("block_devices") && !form.has("partitions") &&
            devices.length + partitions.length === 0
          ) {
            form.add(
              "__all__",
              "At least one block device or partition must be added to the array.",
            );
          }
          form.check();
          checkRaid(
            level!,
            devices.length + partitions.length,
            spareDevices.length + spareParts.length,
          );
          const bootId = layout.bootDiskId;
          const bootable = bootId !== null &&
            (devices.includes(bootId) || spareDevices.includes(bootId));
          const members = [
            ...membersFrom(layout, devices, partitions, "raid", bootable),
            ...membersFrom(layout, spareDevices, spareParts, "raid-spare", bootable),
          ];
          const group = layout.createGroup({
            type: level as GroupType,
            name: name ?? layout.nextGroupName("md", isRaid),
            uuid,
            members,
          });
          return answer(layout, () => layout.groupJson(group));
        },
      },
    },
  };
}

function raidHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "RAID", isRaid);
  return {
    name: "RaidHandler",
    doc: "Manage one software RAID of a machine.",
    actions: {
      "GET read": {
        doc: "Read a RAID, by id or name.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          return json(layout.groupJson(group));
        },
      },
      "PUT update": {
        doc: "Update a RAID (Ready machines only): name, uuid, and add_ or remove_ " +
          "block_devices, partitions, spare_devices, spare_partitions.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot update RAID because the machine is not Ready.");
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const freeDevices = deviceChoices(layout, layout.freeDevices());
          const freePartitions = partitionChoices(layout, layout.freePartitions());
          const usedDevices = memberChoices(layout, group, "device");
          const usedPartitions = memberChoices(layout, group, "partition");
          const addDevices = form.pickMany("add_block_devices", freeDevices);
          const addPartitions = form.pickMany("add_partitions", freePartitions);
          const addSpareDevices = form.pickMany("add_spare_devices", freeDevices);
          const addSpareParts = form.pickMany("add_spare_partitions", freePartitions);
          const removeDevices = [
            ...form.pickMany("remove_block_devices", usedDevices),
            ...form.pickMany("remove_spare_devices", usedDevices),
          ];
          const removePartitions = [
            ...form.pickMany("remove_partitions", usedPartitions),
            ...form.pickMany("remove_spare_partitions", usedPartitions),
          ];
          form.check();
          const kept = group.members.filter((member) =>
            !(member.kind === "device" && removeDevices.includes(member.id)) &&
            !(member.kind === "partition" && removePartitions.includes(member.id))
          );
          const bootId = layout.bootDiskId;
          const planned: Member[] = [
            ...kept,
            ...addDevices.map((id): Member => ({ kind: "device", id, fstype: "raid" })),
            ...addPartitions.map((id): Member => ({ kind: "partition", id, fstype: "raid" })),
            ...addSpareDevices.map((id): Member => ({ kind: "device", id, fstype: "raid-spare" })),
            ...addSpareParts.map((id): Member => ({ kind: "partition", id, fstype: "raid-spare" })),
          ];
          checkRaid(
            group.type,
            planned.filter((member) => member.fstype === "raid").length,
            planned.filter((member) => member.fstype === "raid-spare").length,
          );
          for (const member of group.members) {
            if (!kept.includes(member)) {
              const target = layout.target(member);
              if (target) target.filesystem = null;
            }
          }
          const toMember = (member: Member): Member =>
            member.kind === "device" && member.id === bootId
              ? layout.memberFor(member.id, member.fstype)
              : member;
          const added = planned.slice(kept.length).map(toMember);
          for (const member of added) layout.join(member);
          group.members = [...kept, ...added];
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          return answer(layout, () => layout.groupJson(group));
        },
      },
      "DELETE delete": {
        doc: "Delete a RAID (Ready machines only), with the block device it makes.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot delete RAID because the machine is not Ready.");
          layout.dropGroup(group.id);
          layout.render();
          return deleted();
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bcache cache sets and bcaches.

function cacheSetOr404(ctx: AuthContext): { layout: Layout; cacheSet: CacheSet } {
  const layout = open(ctx, machineOr404(ctx));
  const key = ctx.params.id;
  let cacheSet: CacheSet | undefined;
  if (/^\d+$/.test(key)) cacheSet = layout.storage.cacheSets.get(Number(key));
  else {
    const parts = key.split("cache");
    if (parts.length === 2 && /^\d+$/.test(parts[1])) {
      cacheSet = [...layout.storage.cacheSets.values()].find((candidate) =>
        layout.cacheSetName(candidate) === `cache${Number(parts[1])}`
      );
    }
  }
  if (!cacheSet) throw emptyNotFound();
  return { layout, cacheSet };
}

function cacheSetChoices(layout: Layout): { id: number; name: string }[] {
  return [...layout.storage.cacheSets.values()].map((cacheSet) => ({
    id: cacheSet.id,
    name: layout.cacheSetName(cacheSet),
  }));
}

function bcacheCacheSetsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcacheCacheSetsHandler",
    doc: "Manage the bcache cache sets of a machine.",
    actions: {
      "GET read": {
        doc: "List the cache sets of the machine.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(
            [...layout.storage.cacheSets.values()].map((cacheSet) => layout.cacheSetJson(cacheSet)),
          );
        },
      },
      "POST create": {
        doc: "Create a cache set (Ready machines only) on an unused block device (cache_device) " +
          "or partition (cache_partition).",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          requireStatus(layout, READY, "Cannot create cache set because the node is not Ready.");
          const form = new Form(ctx.data);
          const device = form.pick("cache_device", deviceChoices(layout, layout.freeDevices()));
          const partition = form.pick(
            "cache_partition",
            partitionChoices(layout, layout.freePartitions()),
          );
          if (!form.has("cache_device") && !form.has("cache_partition")) {
            if (device !== undefined && partition !== undefined) {
              form.add("__all__", "Cannot set both cache_device and cache_partition.");
            } else if (device === undefined && partition === undefined) {
              form.add("__all__", "Either cache_device or cache_partition must be specified.");
            }
          }
          form.check();
          const member = device !== undefined
            ? layout.memberFor(device, "bcache-cache")
            : { kind: "partition" as const, id: partition!, fstype: "bcache-cache" };
          const cacheSet: CacheSet = { id: ctx.state.nextId("cacheset"), member };
          layout.storage.cacheSets.set(cacheSet.id, cacheSet);
          layout.join(member);
          return answer(layout, () => layout.cacheSetJson(cacheSet));
        },
      },
    },
  };
}

function bcacheCacheSetHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcacheCacheSetHandler",
    doc: "Manage one bcache cache set of a machine.",
    actions: {
      "GET read": {
        doc: "Read a cache set, by id or name (cache0).",
        run: (ctx) => {
          const { layout, cacheSet } = cacheSetOr404(ctx);
          return json(layout.cacheSetJson(cacheSet));
        },
      },
      "PUT update": {
        doc: "Move a cache set (Ready machines only) to another block device (cache_device) or " +
          "partition (cache_partition).",
        run: (ctx) => {
          const { layout, cacheSet } = cacheSetOr404(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot update cache set because the machine is not Ready.");
          const current = cacheSet.member;
          const form = new Form(ctx.data);
          const devices = layout.freeDevices();
          if (current.kind === "device") devices.push(layout.device(current.id)!);
          const partitions = layout.freePartitions();
          if (current.kind === "partition") partitions.push(layout.partition(current.id)!);
          const device = form.pick("cache_device", deviceChoices(layout, devices));
          const partition = form.pick("cache_partition", partitionChoices(layout, partitions));
          if (device !== undefined && partition !== undefined) {
            const message = "Cannot set both cache_device and cache_partition.";
            form.add("cache_device", message);
            form.add("cache_partition", message);
          }
          form.check();
          let member: Member | undefined;
          if (device !== undefined) member = layout.memberFor(device, "bcache-cache");
          else if (partition !== undefined) {
            member = { kind: "partition", id: partition, fstype: "bcache-cache" };
          }
          if (member && !(member.kind === current.kind && member.id === current.id)) {
            const old = layout.target(current);
            const fs = old ? fsOf(old) : null;
            if (old) old.filesystem = null;
            const target = layout.target(member);
            if (target) target.filesystem = fs ?? layout.newFilesystem("bcache-cache");
            cacheSet.member = member;
          }
          return answer(layout, () => layout.cacheSetJson(cacheSet));
        },
      },
      "DELETE delete": {
        doc: "Delete a cache set (Ready machines only) that no bcache uses.",
        run: (ctx) => {
          const { layout, cacheSet } = cacheSetOr404(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot delete cache set because the machine is not Ready.");
          if (
            [...layout.storage.groups.values()].some((group) => group.cacheSetId === cacheSet.id)
          ) {
            throw ReplyError.badRequest("Cannot delete cache set; it's currently in use.");
          }
          const target = layout.target(cacheSet.member);
          if (target) target.filesystem = null;
          layout.storage.cacheSets.delete(cacheSet.id);
          layout.render();
          return deleted();
        },
      },
    },
  };
}

function bcachesHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcachesHandler",
    doc: "Manage the bcache devices of a machine.",
    actions: {
      "GET read": {
        doc: "List the bcaches of the machine.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(
            [...layout.storage.groups.values()].filter(isBcache).map((group) =>
              layout.groupJson(group)
            ),
          );
        },
      },
      "POST create": {
        doc: "Create a bcache (Ready machines only): cache_set, cache_mode (writeback, " +
          "writethrough, writearound), backing_device or backing_partition, name, uuid.",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          requireStatus(layout, READY, "Cannot create Bcache because the machine is not Ready.");
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const device = form.pick("backing_device", deviceChoices(layout, layout.freeDevices()));
          const partition = form.pick(
            "backing_partition",
            partitionChoices(layout, layout.freePartitions()),
          );
          const cacheSetId = form.pick("cache_set", cacheSetChoices(layout), true);
          const cacheMode = form.choice("cache_mode", CACHE_MODES, true);
          if (cacheSetId === undefined) form.add("__all__", "Bcache requires a cache_set.");
          else if (device !== undefined && partition !== undefined) {
            form.add("__all__", "A Bcache can have either a backing device or partition.");
          } else if (device === undefined && partition === undefined) {
            form.add("__all__", "Either backing_device or backing_partition must be specified.");
          }
          form.check();
          if (device !== undefined && layout.groupOfVirtual(device)?.volumes.has(device)) {
            throw modelError("Bcache cannot use a logical volume as a backing device.");
          }
          const member = device !== undefined
            ? layout.memberFor(device, "bcache-backing")
            : { kind: "partition" as const, id: partition!, fstype: "bcache-backing" };
          const group = layout.createGroup({
            type: "bcache",
            name: name ?? layout.nextGroupName("bcache", isBcache),
            uuid,
            members: [member],
            cacheMode,
            cacheSetId,
          });
          return answer(layout, () => layout.groupJson(group));
        },
      },
    },
  };
}

function bcacheHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "Bcache", isBcache);
  return {
    name: "BcacheHandler",
    doc: "Manage one bcache device of a machine.",
    actions: {
      "GET read": {
        doc: "Read a bcache, by id or name.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          return json(layout.groupJson(group));
        },
      },
      "PUT update": {
        doc: "Update a bcache (Ready machines only): name, uuid, cache_set, cache_mode, " +
          "backing_device or backing_partition.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot update Bcache because the machine is not Ready.");
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const devices = layout.freeDevices().filter((device) => device.id !== group.virtualId);
          const current = group.members.find((member) => member.fstype === "bcache-backing");
          if (current?.kind === "device") devices.push(layout.device(current.id)!);
          const partitions = layout.freePartitions();
          if (current?.kind === "partition") partitions.push(layout.partition(current.id)!);
          const device = form.pick("backing_device", deviceChoices(layout, devices));
          const partition = form.pick("backing_partition", partitionChoices(layout, partitions));
          const cacheSetId = form.pick("cache_set", cacheSetChoices(layout));
          const cacheMode = form.choice("cache_mode", CACHE_MODES, false);
          form.check();
          let member: Member | undefined;
          if (device !== undefined) {
            member = { kind: "device", id: device, fstype: "bcache-backing" };
          } else if (partition !== undefined) {
            member = { kind: "partition", id: partition, fstype: "bcache-backing" };
          }
          if (member && current && !(member.kind === current.kind && member.id === current.id)) {
            const old = layout.target(current);
            if (old) old.filesystem = null;
            const joined = member.kind === "device"
              ? layout.memberFor(member.id, member.fstype)
              : member;
            layout.join(joined);
            group.members = [joined];
          }
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          if (cacheMode) group.cacheMode = cacheMode;
          if (cacheSetId !== undefined) group.cacheSetId = cacheSetId;
          return answer(layout, () => layout.groupJson(group));
        },
      },
      "DELETE delete": {
        doc: "Delete a bcache (Ready machines only), with the block device it makes.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(layout, READY, "Cannot delete Bcache because the machine is not Ready.");
          layout.dropGroup(group.id);
          layout.render();
          return deleted();
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// VMFS datastores.

function vmfsDatastoresHandler(): HandlerSpec<AuthContext> {
  return {
    name: "VmfsDatastoresHandler",
    doc: "Manage the VMFS datastores of a machine that will run VMware ESXi.",
    actions: {
      "GET read": {
        doc: "List the VMFS datastores of the machine.",
        run: (ctx) => {
          const layout = open(ctx, machineOr404(ctx));
          return json(
            [...layout.storage.groups.values()].filter(isVmfs).map((group) =>
              layout.groupJson(group)
            ),
          );
        },
      },
      "POST create": {
        doc: "Create a VMFS datastore (Ready machines with the VMFS6 or VMFS7 layout only): " +
          "name, uuid, block_devices (each partitioned whole), partitions.",
        run: (ctx) => {
          const machine = machineOr404(ctx);
          ctx.requireAdmin();
          const layout = open(ctx, machine);
          requireStatus(
            layout,
            READY,
            "Cannot create VMFS group because the machine is not Ready.",
          );
          const { name, uuid, devices, partitions } = groupForm(ctx, layout, (form) => {
            if (!layout.vmfsLayout()) {
              form.add(
                "VMFS",
                "VMFS Datastores may only be created after the VMFS6 or VMFS7 storage layout " +
                  "has been applied.",
              );
            }
          });
          const group = layout.createGroup({
            type: "vmfs6",
            name,
            uuid,
            members: membersFrom(layout, devices, partitions, "vmfs6", true),
          });
          const virtual = layout.device(group.virtualId!)!;
          virtual.filesystem = layout.newFilesystem("vmfs6", {
            mount_point: `/vmfs/volumes/${name}`,
          });
          return answer(layout, () => layout.groupJson(group));
        },
      },
    },
  };
}

function vmfsDatastoreHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "VMFS", isVmfs);
  return {
    name: "VmfsDatastoreHandler",
    doc: "Manage one VMFS datastore of a machine.",
    actions: {
      "GET read": {
        doc: "Read a VMFS datastore, by id or name.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          return json(layout.groupJson(group));
        },
      },
      "PUT update": {
        doc: "Update a VMFS datastore (Ready machines only): name, uuid, add_block_devices, " +
          "add_partitions, remove_partitions.",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot update the VMFS datastore because the machine is not Ready.",
          );
          const form = new Form(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const addDevices = form.pickMany(
            "add_block_devices",
            deviceChoices(layout, layout.freeDevices()),
          );
          form.pickMany("remove_block_devices", memberChoices(layout, group, "device"));
          const addPartitions = form.pickMany(
            "add_partitions",
            partitionChoices(layout, layout.freePartitions()),
          );
          const removePartitions = form.pickMany(
            "remove_partitions",
            memberChoices(layout, group, "partition"),
          );
          form.check();
          const kept = group.members.filter((member) =>
            !(member.kind === "partition" && removePartitions.includes(member.id))
          );
          if (kept.length + addDevices.length + addPartitions.length === 0) {
            throw modelError("At least one filesystem must have been added.");
          }
          for (const member of group.members) {
            if (!kept.includes(member)) {
              const target = layout.target(member);
              if (target) target.filesystem = null;
            }
          }
          const added = membersFrom(layout, addDevices, addPartitions, "vmfs6", true);
          for (const member of added) layout.join(member);
          group.members = [...kept, ...added];
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          return answer(layout, () => layout.groupJson(group));
        },
      },
      "DELETE delete": {
        doc: "Delete a VMFS datastore (Ready machines only).",
        run: (ctx) => {
          const { layout, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            layout,
            READY,
            "Cannot delete VMFS datastore because the machine is not Ready.",
          );
          layout.dropGroup(group.id);
          layout.render();
          return deleted();
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Storage layouts, for the machine operations that reset or lay out a machine's storage.

const EFI_PARTITION_SIZE = 512 * MIB;
const DEFAULT_BOOT_SIZE = 512 * MIB;

/** The partitions the VMware ESXi images bring, in MAAS's order, with their numbers. */
const VMFS_BASE: Record<"vmfs6" | "vmfs7", { index: number; size: number; bootable?: boolean }[]> =
  {
    vmfs6: [
      { index: 1, size: 3 * MIB, bootable: true },
      { index: 2, size: 4096 * MIB },
      { index: 3, size: 0 },
      { index: 5, size: 249 * MIB },
      { index: 6, size: 249 * MIB },
      { index: 7, size: 109 * MIB },
      { index: 8, size: 285 * MIB },
      { index: 9, size: 2560 * MIB },
    ],
    vmfs7: [
      { index: 1, size: 100 * MIB, bootable: true },
      { index: 5, size: 4095 * MIB },
      { index: 6, size: 4095 * MIB },
      { index: 7, size: 25662832128 },
      { index: 8, size: 0 },
    ],
  };

/**
 * What {@linkcode applyStorageLayout} takes, as `set_storage_layout` does (sizes in bytes).
 *
 * @example
 * ```ts
 * import type { StorageLayoutParams } from "../storage/routes.ts";
 * const params: StorageLayoutParams = { rootSize: 40e9, vgName: "vg0" };
 * ```
 */
export interface StorageLayoutParams {
  /** A separate /boot partition of this size (the bcache layout makes a 1 GiB one by default). */
  bootSize?: number;
  /** Size of the root partition (the rest of the disk by default). */
  rootSize?: number;
  /** Id of the physical block device for the root partition (the boot disk by default). */
  rootDevice?: number;
  /** Volume group name of the lvm layout (`vgroot`). */
  vgName?: string;
  /** Logical volume name of the lvm layout (`lvroot`). */
  lvName?: string;
  /** Logical volume size of the lvm layout (the whole group by default). */
  lvSize?: number;
  /** Id of the cache device of the bcache layout (the smallest other disk tagged `ssd`). */
  cacheDevice?: number;
  /** Cache mode of the bcache layout (`writethrough`). */
  cacheMode?: string;
  /** Size of the cache partition of the bcache layout (the whole cache device by default). */
  cacheSize?: number;
  /** Use the whole cache device, without a partition table. */
  cacheNoPart?: boolean;
}

/**
 * Clears a machine's storage configuration as MAAS does before commissioning or a new layout:
 * every partition table, filesystem, special filesystem and virtual device goes; the physical
 * disks stay.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { clearStorage } from "../storage/routes.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * clearStorage(state, machine);
 * console.log(machine.data.virtualblockdevice_set); // []
 * state.stop();
 * ```
 */
export function clearStorage(state: SimulatorState, machine: SimMachine): void {
  const layout = new Layout(state, machine);
  layout.reconcile();
  for (const id of [...layout.storage.groups.keys()]) layout.dropGroup(id);
  layout.storage.cacheSets.clear();
  for (const device of [...layout.devices]) {
    if (device.type !== "physical") layout.removeDevice(device.id as number);
  }
  for (const device of layout.devices) {
    device.partitions = [];
    device.partition_table_type = null;
    device.filesystem = null;
  }
  machine.data.special_filesystems = [];
  layout.render();
}

/**
 * Lays out a machine's storage the way MAAS's `set_storage_layout` does: `flat`, `lvm`, `bcache`
 * (flat when there is no SSD to cache on), `vmfs6`, `vmfs7` or `blank`, after clearing what was
 * there. Answers the layout applied. Validation of the parameters is the caller's.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { applyStorageLayout } from "../storage/routes.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * applyStorageLayout(state, machine, "lvm", { vgName: "vg0" });
 * console.log(machine.data.volume_groups); // [{ system_id: …, id: 1, __incomplete__: true }]
 * state.stop();
 * ```
 */
export function applyStorageLayout(
  state: SimulatorState,
  machine: SimMachine,
  name: "flat" | "lvm" | "bcache" | "vmfs6" | "vmfs7" | "blank",
  params: StorageLayoutParams = {},
): string {
  clearStorage(state, machine);
  const layout = new Layout(state, machine);
  const bootId = layout.bootDiskId;
  if (name === "blank") return name;
  if (bootId === null) {
    throw ReplyError.badRequest(
      "Machine is missing a boot disk; no storage layout can be applied.",
    );
  }
  const boot = layout.device(bootId)!;
  if (name === "vmfs6" || name === "vmfs7") {
    boot.partition_table_type = "GPT";
    const partitions = VMFS_BASE[name].map((base) => {
      const partition = layout.addPartition(boot, { size: ALIGNMENT, bootable: base.bootable });
      partition.size = base.size;
      partition.path = `${boot.path}-part${base.index}`;
      return partition;
    });
    const datastore = partitions.find((partition) => partition.size === 0)!;
    datastore.size = params.rootSize ?? layout.tableAvailable(boot);
    const group = layout.createGroup({
      type: "vmfs6",
      name: "datastore1",
      members: [{ kind: "partition", id: datastore.id as number, fstype: "vmfs6" }],
    });
    layout.device(group.virtualId!)!.filesystem = layout.newFilesystem("vmfs6", {
      mount_point: "/vmfs/volumes/datastore1",
    });
    layout.render();
    return name;
  }
  const cache = name === "bcache"
    ? params.cacheDevice !== undefined ? layout.device(params.cacheDevice) : layout.devices
      .filter((device) =>
        device.type === "physical" && device.id !== bootId &&
        Array.isArray(device.tags) && device.tags.includes("ssd")
      )
      .sort((a, b) => sizeOf(a) - sizeOf(b))[0]
    : undefined;
  const applied = name === "bcache" && !cache ? "flat" : name;
  const mounted = (target: Wire, fstype: string, label: string, mountPoint: string) => {
    target.filesystem = layout.newFilesystem(fstype, { label, mount_point: mountPoint });
  };
  // The partitions every layout starts with.
  boot.partition_table_type = "GPT";
  const uefi = layout.biosBootMethod === "uefi";
  const bootSize = params.bootSize ?? (applied === "bcache" ? 1024 ** 3 : 0);
  if (uefi && layout.arch !== "ppc64el") {
    mounted(
      layout.addPartition(boot, { size: EFI_PARTITION_SIZE, bootable: true }),
      "fat32",
      "efi",
      "/boot/efi",
    );
  } else if (layout.arch === "arm64" && params.bootSize === undefined) {
    mounted(
      layout.addPartition(boot, { size: DEFAULT_BOOT_SIZE, bootable: true }),
      "ext4",
      "boot",
      "/boot",
    );
  }
  if (bootSize > 0) {
    mounted(layout.addPartition(boot, { size: bootSize, bootable: true }), "ext4", "boot", "/boot");
  }
  const rootDevice = params.rootDevice === undefined
    ? boot
    : layout.device(params.rootDevice) ?? boot;
  const root = layout.addPartition(rootDevice, { size: params.rootSize });
  if (applied === "flat") {
    mounted(root, "ext4", "root", "/");
  } else if (applied === "lvm") {
    const group = layout.createGroup({
      type: "lvm-vg",
      name: params.vgName ?? "vgroot",
      members: [{ kind: "partition", id: root.id as number, fstype: "lvm-pv" }],
    });
    const volumeName = params.lvName ?? "lvroot";
    const volume = layout.newDevice({
      name: volumeName,
      uuid: state.random.uuid(),
      size: alignDown(params.lvSize ?? layout.groupSize(group)),
      block_size: 4096,
    });
    group.volumes.set(volume.id as number, volumeName);
    mounted(volume, "ext4", "root", "/");
  } else {
    let member: Member;
    if (params.cacheNoPart) {
      member = { kind: "device", id: cache!.id as number, fstype: "bcache-cache" };
    } else {
      const partition = layout.addPartition(cache!, { size: params.cacheSize });
      member = { kind: "partition", id: partition.id as number, fstype: "bcache-cache" };
    }
    const cacheSet: CacheSet = { id: state.nextId("cacheset"), member };
    layout.storage.cacheSets.set(cacheSet.id, cacheSet);
    layout.join(member);
    const group = layout.createGroup({
      type: "bcache",
      name: "bcache0",
      members: [{ kind: "partition", id: root.id as number, fstype: "bcache-backing" }],
      cacheMode: params.cacheMode ?? "writethrough",
      cacheSetId: cacheSet.id,
    });
    mounted(layout.device(group.virtualId!)!, "ext4", "root", "/");
  }
  layout.render();
  return applied;
}

// ---------------------------------------------------------------------------------------------
// Registration.

/**
 * Registers the storage resources of machines: block devices, partitions, volume groups, RAIDs,
 * bcaches, bcache cache sets and VMFS datastores. The singular paths MAAS also answers
 * (`…/partition/{id}`, `…/volume-group/{id}/`, the ones its `resource_uri` fields use) are served
 * too, left out of the describe document.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerStorage } from "../storage/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerStorage(table);
 * console.log(table.match("/MAAS/api/2.0/nodes/abc123/raids/") !== null); // true
 * ```
 */
export function registerStorage(table: RouteTable): void {
  const nodes = "nodes/{system_id}/";
  table.resource({ path: `${nodes}blockdevices/`, auth: blockDevicesHandler() });
  table.resource({ path: `${nodes}blockdevices/{id}/`, auth: blockDeviceHandler() });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partitions/`,
    auth: partitionsHandler(),
  });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partitions/{id}`,
    auth: partitionHandler(),
  });
  table.resource({
    path: `${nodes}blockdevices/{device_id}/partition/{id}`,
    alias: true,
    auth: partitionHandler(),
  });
  table.resource({ path: `${nodes}volume-groups/`, auth: volumeGroupsHandler() });
  table.resource({ path: `${nodes}volume-groups/{id}/`, auth: volumeGroupHandler() });
  table.resource({ path: `${nodes}volume-group/{id}/`, alias: true, auth: volumeGroupHandler() });
  table.resource({ path: `${nodes}raids/`, auth: raidsHandler() });
  table.resource({ path: `${nodes}raid/{id}/`, auth: raidHandler() });
  table.resource({ path: `${nodes}bcaches/`, auth: bcachesHandler() });
  table.resource({ path: `${nodes}bcache/{id}/`, auth: bcacheHandler() });
  table.resource({ path: `${nodes}bcache-cache-sets/`, auth: bcacheCacheSetsHandler() });
  table.resource({ path: `${nodes}bcache-cache-set/{id}/`, auth: bcacheCacheSetHandler() });
  table.resource({ path: `${nodes}vmfs-datastores/`, auth: vmfsDatastoresHandler() });
  table.resource({ path: `${nodes}vmfs-datastore/{id}/`, auth: vmfsDatastoreHandler() });
}
