/**
 * Storage as MAAS renders it, one renderer per object type, each with the line's fields: block
 * devices (with their partitions and filesystems), partitions, volume groups, RAIDs, bcaches,
 * cache sets, VMFS datastores, and the storage fields of a machine. Names, sizes and `used_for`
 * are computed from the records on every read.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import {
  alignDown,
  type NodeStorage,
  type SimBlockDevice,
  type SimCacheSet,
  type SimFilesystem,
  type SimPartition,
  type SimStorageGroup,
  type StorageHost,
  type StorageTarget,
} from "./model.ts";
import { hostOf } from "./node.ts";

type Json = Record<string, unknown>;

const KEPT = new Map<string, string>();
const KEPT_MAX = 100_000;

/**
 * One string kept for every render of the same text: a string built anew for each answer (a
 * path, a `used_for`) makes the engine serialise the object holding it on a slower path.
 */
function kept(text: string): string {
  const found = KEPT.get(text);
  if (found !== undefined) return found;
  if (KEPT.size >= KEPT_MAX) KEPT.clear();
  KEPT.set(text, text);
  return text;
}

/**
 * A size as MAAS words it (`human_size`): SI units, one decimal.
 *
 * @example
 * ```ts
 * import { humanBytes } from "./render.ts";
 * console.log(humanBytes(500_107_862_016)); // "500.1 GB"
 * ```
 */
export function humanBytes(size: number): string {
  let value = size;
  for (const unit of ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"]) {
    if (Math.abs(value) < 1000) {
      return unit === "bytes" ? `${value.toFixed(0)} ${unit}` : `${value.toFixed(1)} ${unit}`;
    }
    value /= 1000;
  }
  return `${value.toFixed(1)} YB`;
}

/**
 * What a block device's path is: `/dev/disk/by-dname/NAME`.
 *
 * @example
 * ```ts
 * import { devicePath } from "./render.ts";
 * console.log(devicePath("sda")); // "/dev/disk/by-dname/sda"
 * ```
 */
export function devicePath(name: string): string {
  return kept(`/dev/disk/by-dname/${name}`);
}

/**
 * A filesystem as block devices and partitions embed it.
 *
 * @example
 * ```ts
 * import { filesystemJson } from "./render.ts";
 * console.log(filesystemJson(undefined)); // null
 * ```
 */
export function filesystemJson(fs: SimFilesystem | undefined): Json | null {
  if (!fs) return null;
  return {
    fstype: fs.fstype,
    label: fs.label,
    uuid: fs.uuid,
    mount_point: fs.mountPoint,
    mount_options: fs.mountOptions,
  };
}

/**
 * What a block device or partition is used for, in MAAS's words.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { usedFor } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const disk = storage.addDevice({ type: "physical", name: "sdb", size: 1e11 });
 * console.log(usedFor(storage, { kind: "device", id: disk.id })); // "Unused"
 * ```
 */
export function usedFor(
  storage: NodeStorage,
  target: StorageTarget,
  fs: SimFilesystem | undefined = storage.filesystemOn(target),
): string {
  if (fs) {
    if (fs.mountPoint !== null) {
      return kept(`${fs.fstype} formatted filesystem mounted at ${fs.mountPoint}`);
    }
    const group = fs.groupId === null ? undefined : storage.groups.get(fs.groupId);
    switch (fs.fstype) {
      case "lvm-pv":
        if (group) return kept(`LVM volume for ${group.name}`);
        break;
      case "raid":
        if (group) return kept(`Active ${group.type} device for ${group.name}`);
        break;
      case "raid-spare":
        if (group) return kept(`Spare ${group.type} device for ${group.name}`);
        break;
      case "bcache-cache": {
        const cacheSet = fs.cacheSetId === null ? undefined : storage.cacheSets.get(fs.cacheSetId);
        if (cacheSet) return kept(`Cache device for ${storage.cacheSetName(cacheSet)}`);
        break;
      }
      case "bcache-backing":
        if (group) return kept(`Backing device for ${group.name}`);
        break;
      case "vmfs6":
        if (group) return kept(`VMFS extent for ${group.name}`);
        break;
    }
    return kept(`Unmounted ${fs.fstype} formatted filesystem`);
  }
  if (target.kind === "device") {
    const device = storage.devices.get(target.id);
    if (device?.partitionTableType) {
      const count = storage.partitionsOf(device.id).length;
      return kept(
        `${device.partitionTableType} partitioned with ${count} partition${count > 1 ? "s" : ""}`,
      );
    }
  }
  return "Unused";
}

/**
 * A partition.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { partitionJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const disk = storage.addDevice({ type: "physical", name: "sda", size: 1e11 });
 * const partition = storage.addPartition(disk, host, { size: 1e10, uuid: "u" });
 * console.log(partitionJson(MaasLine.get("3.8"), storage, partition).path);
 * // "/dev/disk/by-dname/sda-part1"
 * ```
 */
export function partitionJson(
  line: MaasLine,
  storage: NodeStorage,
  partition: SimPartition,
  deviceName?: string,
): Json {
  const target: StorageTarget = { kind: "partition", id: partition.id };
  const fs = storage.filesystemOn(target);
  const name = deviceName === undefined
    ? storage.partitionName(partition)
    : `${deviceName}-part${partition.index}`;
  return line.shape("PartitionHandler", {
    uuid: partition.uuid,
    size: partition.size,
    bootable: partition.bootable,
    tags: partition.tags,
    type: "partition",
    used_for: usedFor(storage, target, fs),
    system_id: storage.systemId,
    path: devicePath(name),
    filesystem: filesystemJson(fs),
    device_id: partition.deviceId,
    id: partition.id,
    resource_uri: apiUri(
      `nodes/${storage.systemId}/blockdevices/${partition.deviceId}/partition/${partition.id}`,
    ),
  });
}

/**
 * A block device, with its partitions.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { blockDeviceJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const disk = storage.addDevice({ type: "physical", name: "sda", size: 1e11 });
 * console.log(blockDeviceJson(MaasLine.get("3.8"), storage, host, disk).used_for); // "Unused"
 * ```
 */
export function blockDeviceJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  device: SimBlockDevice,
): Json {
  const target: StorageTarget = { kind: "device", id: device.id };
  const fs = storage.filesystemOn(target);
  const partitions = storage.partitionsOf(device.id);
  const size = storage.sizeOf(device);
  const overhead = storage.tableOverhead(host);
  let inPartitions = 0;
  for (const partition of partitions) inPartitions += partition.size;
  const used = fs ? size : device.partitionTableType !== null ? inPartitions + overhead : 0;
  const available = fs ? 0 : Math.max(0, alignDown(size - inPartitions - overhead));
  const name = storage.deviceName(device);
  const physical = device.type === "physical";
  return line.shape("BlockDeviceHandler", {
    id_path: physical ? device.idPath : null,
    size,
    block_size: storage.blockSizeOf(device),
    tags: device.tags,
    type: device.type,
    available_size: available,
    model: physical ? device.model : null,
    used_for: usedFor(storage, target, fs),
    partitions: partitions.map((partition) => partitionJson(line, storage, partition, name)),
    system_id: storage.systemId,
    name,
    path: devicePath(name),
    serial: physical ? device.serial : null,
    used_size: used,
    filesystem: filesystemJson(fs),
    storage_pool: device.storagePool,
    partition_table_type: device.partitionTableType,
    uuid: device.uuid,
    numa_node: physical ? device.numaNode : null,
    firmware_version: physical ? device.firmwareVersion : null,
    id: device.id,
    resource_uri: apiUri(`nodes/${storage.systemId}/blockdevices/${device.id}/`),
  });
}

/** A group's member block devices and partitions, rendered (optionally of one type). */
function membersJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
  fstype?: string,
): Json[] {
  const list: Json[] = [];
  for (const fs of storage.membersOf(group.id, fstype)) {
    const target = storage.targetOf(fs);
    const json = target && targetJson(line, storage, host, target);
    if (json) list.push(json);
  }
  return list;
}

/**
 * A block device or partition, rendered as what it is.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { targetJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * console.log(targetJson(MaasLine.get("3.8"), storage, host, { kind: "device", id: 99 })); // null
 * ```
 */
export function targetJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  target: StorageTarget,
): Json | null {
  if (target.kind === "partition") {
    const partition = storage.partitions.get(target.id);
    return partition ? partitionJson(line, storage, partition) : null;
  }
  const device = storage.devices.get(target.id);
  return device ? blockDeviceJson(line, storage, host, device) : null;
}

function virtualDeviceJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json | null {
  const [device] = storage.devicesOf(group.id);
  return device ? blockDeviceJson(line, storage, host, device) : null;
}

/**
 * A volume group, with its physical and logical volumes.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { volumeGroupJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const group = storage.addGroup({
 *   type: "lvm-vg", name: "vg0", uuid: "u", cacheMode: null, cacheSetId: null,
 * });
 * console.log(volumeGroupJson(MaasLine.get("3.8"), storage, host, group).size); // 0
 * ```
 */
export function volumeGroupJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json {
  const size = storage.groupSize(group);
  const used = storage.allocated(group);
  return line.shape("VolumeGroupHandler", {
    system_id: storage.systemId,
    id: group.id,
    uuid: group.uuid,
    name: group.name,
    devices: membersJson(line, storage, host, group),
    size,
    human_size: humanBytes(size),
    available_size: size - used,
    human_available_size: humanBytes(size - used),
    used_size: used,
    human_used_size: humanBytes(used),
    logical_volumes: storage.devicesOf(group.id).map((device) =>
      blockDeviceJson(line, storage, host, device)
    ),
    resource_uri: apiUri(`nodes/${storage.systemId}/volume-group/${group.id}/`),
  });
}

/**
 * A RAID, with its active and spare members and the block device it makes.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { raidJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const group = storage.addGroup({
 *   type: "raid-1", name: "md0", uuid: "u", cacheMode: null, cacheSetId: null,
 * });
 * console.log(raidJson(MaasLine.get("3.8"), storage, host, group).level); // "raid-1"
 * ```
 */
export function raidJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json {
  const size = storage.groupSize(group);
  return line.shape("RaidHandler", {
    system_id: storage.systemId,
    id: group.id,
    uuid: group.uuid,
    name: group.name,
    level: group.type,
    devices: membersJson(line, storage, host, group, "raid"),
    spare_devices: membersJson(line, storage, host, group, "raid-spare"),
    size,
    human_size: humanBytes(size),
    virtual_device: virtualDeviceJson(line, storage, host, group),
    resource_uri: apiUri(`nodes/${storage.systemId}/raid/${group.id}/`),
  });
}

/**
 * A bcache cache set, with its cache device.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { cacheSetJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * console.log(cacheSetJson(MaasLine.get("3.8"), storage, host, storage.addCacheSet()).name);
 * // "cache0"
 * ```
 */
export function cacheSetJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  cacheSet: SimCacheSet,
): Json {
  const cache = storage.cacheOf(cacheSet.id);
  const target = cache && storage.targetOf(cache);
  return line.shape("BcacheCacheSetHandler", {
    system_id: storage.systemId,
    id: cacheSet.id,
    name: storage.cacheSetName(cacheSet),
    cache_device: target ? targetJson(line, storage, host, target) : null,
    resource_uri: apiUri(`nodes/${storage.systemId}/bcache-cache-set/${cacheSet.id}/`),
  });
}

/**
 * A bcache, with its cache set, backing device and the block device it makes.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { bcacheJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const group = storage.addGroup({
 *   type: "bcache", name: "bcache0", uuid: "u", cacheMode: "writeback", cacheSetId: null,
 * });
 * console.log(bcacheJson(MaasLine.get("3.8"), storage, host, group).cache_mode); // "writeback"
 * ```
 */
export function bcacheJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json {
  const size = storage.groupSize(group);
  const cacheSet = group.cacheSetId === null ? undefined : storage.cacheSets.get(group.cacheSetId);
  const [backing] = membersJson(line, storage, host, group, "bcache-backing");
  return line.shape("BcacheHandler", {
    system_id: storage.systemId,
    id: group.id,
    uuid: group.uuid,
    name: group.name,
    cache_set: cacheSet ? cacheSetJson(line, storage, host, cacheSet) : null,
    backing_device: backing ?? null,
    size,
    human_size: humanBytes(size),
    virtual_device: virtualDeviceJson(line, storage, host, group),
    cache_mode: group.cacheMode,
    resource_uri: apiUri(`nodes/${storage.systemId}/bcache/${group.id}/`),
  });
}

/**
 * A VMFS datastore, with its extents and the filesystem ESXi mounts.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { vmfsDatastoreJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const group = storage.addGroup({
 *   type: "vmfs6", name: "datastore1", uuid: "u", cacheMode: null, cacheSetId: null,
 * });
 * console.log(vmfsDatastoreJson(MaasLine.get("3.8"), storage, host, group).filesystem); // null
 * ```
 */
export function vmfsDatastoreJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json {
  const size = storage.groupSize(group);
  const [device] = storage.devicesOf(group.id);
  const fs = device && storage.filesystemOn({ kind: "device", id: device.id });
  return line.shape("VmfsDatastoreHandler", {
    id: group.id,
    system_id: storage.systemId,
    uuid: group.uuid,
    name: group.name,
    devices: membersJson(line, storage, host, group),
    size,
    human_size: humanBytes(size),
    filesystem: fs ? { fstype: fs.fstype, mount_point: fs.mountPoint } : null,
    resource_uri: apiUri(`nodes/${storage.systemId}/vmfs-datastore/${group.id}/`),
  });
}

/**
 * A filesystem group as the handler of its kind renders it.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { groupJson } from "./render.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * const host = { architecture: "amd64/generic", biosBootMethod: "uefi" };
 * const group = storage.addGroup({
 *   type: "raid-0", name: "md0", uuid: "u", cacheMode: null, cacheSetId: null,
 * });
 * console.log(groupJson(MaasLine.get("3.8"), storage, host, group).level); // "raid-0"
 * ```
 */
export function groupJson(
  line: MaasLine,
  storage: NodeStorage,
  host: StorageHost,
  group: SimStorageGroup,
): Json {
  switch (group.type) {
    case "lvm-vg":
      return volumeGroupJson(line, storage, host, group);
    case "bcache":
      return bcacheJson(line, storage, host, group);
    case "vmfs6":
      return vmfsDatastoreJson(line, storage, host, group);
    default:
      return raidJson(line, storage, host, group);
  }
}

/**
 * A special filesystem as a machine lists it.
 *
 * @example
 * ```ts
 * import { specialFilesystemJson } from "./render.ts";
 * const json = specialFilesystemJson({
 *   id: 1, systemId: "abc123", fstype: "tmpfs", label: null, uuid: "u", mountPoint: "/tmp",
 *   mountOptions: null, blockDeviceId: null, partitionId: null, groupId: null, cacheSetId: null,
 * });
 * console.log(json.mount_point); // "/tmp"
 * ```
 */
export function specialFilesystemJson(fs: SimFilesystem): Json {
  return filesystemJson(fs)!;
}

function reference(systemId: string, id: number): Json {
  return { system_id: systemId, id, __incomplete__: true };
}

/**
 * The storage fields of a machine: its block devices (every one, the physical and the virtual
 * ones, the boot disk), references to its volume groups, RAIDs, bcaches and cache sets, its
 * special filesystems and its total disk size in MB (`storage`).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { machineStorageJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ machines: 1 });
 * const [machine] = sim.state.machines.values();
 * const fields = machineStorageJson(sim.state, sim.state.line, machine);
 * console.log(Array.isArray(fields.blockdevice_set)); // true
 * ```
 */
export function machineStorageJson(
  state: SimulatorState,
  line: MaasLine,
  machine: SimMachine,
): Json {
  const systemId = machine.data.system_id;
  const storage = state.storage.get(systemId);
  const host = hostOf(machine);
  const all: Json[] = [];
  const physical: Json[] = [];
  const virtual: Json[] = [];
  const volumeGroups: Json[] = [];
  const raids: Json[] = [];
  const bcaches: Json[] = [];
  const cacheSets: Json[] = [];
  const specials: Json[] = [];
  let bootDisk: Json | null = null;
  let total = 0;
  if (storage) {
    const boot = storage.bootDisk();
    for (const device of storage.devices.values()) {
      const json = blockDeviceJson(line, storage, host, device);
      all.push(json);
      if (device.type === "physical") {
        physical.push(json);
        total += device.size;
      } else virtual.push(json);
      if (device === boot) bootDisk = json;
    }
    for (const group of storage.groups.values()) {
      const list = group.type === "lvm-vg"
        ? volumeGroups
        : group.type === "bcache"
        ? bcaches
        : group.type === "vmfs6"
        ? null
        : raids;
      list?.push(reference(systemId, group.id));
    }
    for (const id of storage.cacheSets.keys()) cacheSets.push(reference(systemId, id));
    for (const fs of storage.specialFilesystems()) specials.push(specialFilesystemJson(fs));
  }
  return {
    cache_sets: cacheSets,
    bcaches,
    storage: total / 1e6,
    boot_disk: bootDisk,
    blockdevice_set: all,
    physicalblockdevice_set: physical,
    iscsiblockdevice_set: [],
    virtualblockdevice_set: virtual,
    volume_groups: volumeGroups,
    raids,
    special_filesystems: specials,
  };
}
