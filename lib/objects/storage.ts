/**
 * Storage on a machine: block devices and their partitions, volume groups with their logical
 * volumes, RAIDs, bcaches and their cache sets, VMFS datastores. Every namespace here belongs to
 * one machine (`machine.blockDevices`, `machine.volumeGroups`…) and every object keeps the wire
 * data MAAS sent, nested devices included, so a layout can be read without further requests.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  nested,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import type { ExtraParams } from "./spec.ts";
import type { BlockDeviceType, CacheMode, RaidLevel } from "./enums.ts";

/**
 * A size in bytes to send: a whole number (sizes exceed 2^32), a bigint, or text with an SI suffix
 * as MAAS reads it (`"20G"` is 20 000 000 000 bytes; K, M, G, T, P, E).
 */
export type ByteSize = number | bigint | string;

/** A block device given by id, by name (`sda`) or as the object itself. */
export type BlockDeviceRef = number | string | BlockDevice;

/** A partition given by id, by name (`sda-part1`) or as the object itself. */
export type PartitionRef = number | string | Partition;

/** A bcache cache set given by id, by name (`cache0`) or as the object itself. */
export type CacheSetRef = number | string | BcacheCacheSet;

/** The filesystem on a block device or partition, as MAAS reports it. */
export interface StorageFilesystem {
  /** Filesystem type: `ext4`, `xfs`, `swap`, `lvm-pv`, `raid`, `bcache-cache`… */
  readonly fstype: string;
  /** Filesystem label, or null. */
  readonly label: string | null;
  /** Filesystem UUID, or null. */
  readonly uuid: string | null;
  /** Where it is mounted (`none` for swap), or null when not mounted. */
  readonly mountPoint: string | null;
  /** Options passed to mount(8), or null. */
  readonly mountOptions: string | null;
}

/** The filesystem MAAS puts on a VMFS datastore's virtual device. */
export interface VmfsFilesystem {
  /** Always `vmfs6` in current MAAS versions. */
  readonly fstype: string;
  /** Where ESXi mounts the datastore (`/vmfs/volumes/NAME`). */
  readonly mountPoint: string | null;
}

/** What {@linkcode BlockDevice.format} and {@linkcode Partition.format} take besides the type. */
export interface FilesystemFormatOptions extends CallOptions {
  /** UUID of the new filesystem (MAAS makes one when absent). */
  uuid?: string;
  /** Label of the new filesystem. */
  label?: string;
}

/** What {@linkcode BlockDevice.mount} and {@linkcode Partition.mount} take besides the path. */
export interface FilesystemMountOptions extends CallOptions {
  /** Options passed to mount(8), such as `noatime`. */
  mountOptions?: string;
}

// ---------------------------------------------------------------------------------------------
// The one place where this family's typed options meet MAAS's wire names.

const BYTES = /^[0-9]+[KkMmGgTtPpEe]?$/;

function byteSize(value: unknown, name: string): number | bigint | string {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "bigint" && value >= 0n) return value;
  if (typeof value === "string" && BYTES.test(value)) return value;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be a size in bytes (a number, a bigint or text such ` +
      `as "20G"), got ${typeof value === "string" ? JSON.stringify(value) : describe(value)}`,
  );
}

function requiredBytes(value: unknown, name: string): number | bigint | string {
  if (value === undefined || value === null || value === "") {
    throw new ParameterError(`Missing required parameter ${JSON.stringify(name)}`);
  }
  return byteSize(value, name);
}

function optionalBytes(value: unknown, name: string): number | bigint | string | undefined {
  return value === undefined || value === null ? undefined : byteSize(value, name);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return required(value as string, name, "string");
}

/** An object of `kind`, or its id or name, as MAAS takes it; a wrong kind names the parameter. */
function refKey(
  ref: unknown,
  name: string,
  kind: typeof BlockDevice | typeof Partition | typeof BcacheCacheSet,
  what: string,
): number | string {
  if (ref instanceof kind) return ref.id;
  if ((typeof ref === "number" && Number.isFinite(ref)) || (typeof ref === "string" && ref)) {
    return ref;
  }
  const given = ref instanceof MaasObject ? `a ${ref.constructor.name}` : describe(ref);
  throw new ParameterError(
    `Parameter ${
      JSON.stringify(name)
    } takes ${what} (an id, a name or a ${kind.name}), got ${given}`,
  );
}

function blockDeviceKey(ref: unknown, name: string): number | string {
  return refKey(ref, name, BlockDevice, "block devices");
}

function partitionKey(ref: unknown, name: string): number | string {
  return refKey(ref, name, Partition, "partitions");
}

function cacheSetKey(ref: unknown, name: string): number | string {
  return refKey(ref, name, BcacheCacheSet, "a cache set");
}

function refList(
  refs: unknown,
  name: string,
  key: (ref: unknown, name: string) => number | string,
): (number | string)[] | undefined {
  if (refs === undefined || refs === null) return undefined;
  if (!Array.isArray(refs)) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be a list`);
  }
  return refs.map((ref) => key(ref, name));
}

function blockDeviceList(refs: unknown, name: string): (number | string)[] | undefined {
  return refList(refs, name, blockDeviceKey);
}

function partitionList(refs: unknown, name: string): (number | string)[] | undefined {
  return refList(refs, name, partitionKey);
}

function idOrName(value: unknown, name: string): number | string {
  if (
    (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value)
  ) {
    return value;
  }
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be an id or a name, got ${describe(value)}`,
  );
}

/** The params of a `format` of a block device or partition, and the call options left over. */
function formatRequest(
  fstype: string,
  options: FilesystemFormatOptions,
): { params: Params; call: CallOptions } {
  const { uuid, label, ...call } = optionsOf(options);
  const params = compact({
    fstype: required(fstype, "fstype", "string"),
    uuid: optionalString(uuid, "uuid"),
    label: optionalString(label, "label"),
  });
  return { params, call };
}

/** The params of a `mount` of a block device or partition, and the call options left over. */
function mountRequest(
  mountPoint: string | undefined,
  options: FilesystemMountOptions,
): { params: Params; call: CallOptions } {
  const { mountOptions, ...call } = optionsOf(options);
  const params = compact({
    mount_point: optionalString(mountPoint, "mountPoint"),
    mount_options: optionalString(mountOptions, "mountOptions"),
  });
  return { params, call };
}

/** Both or neither of two exclusive parameters given → a ParameterError naming them. */
function exactlyOne(a: unknown, b: unknown, nameA: string, nameB: string): void {
  const hasA = a !== undefined && a !== null;
  const hasB = b !== undefined && b !== null;
  if (hasA === hasB) {
    throw new ParameterError(
      hasA
        ? `Give ${JSON.stringify(nameA)} or ${JSON.stringify(nameB)}, not both`
        : `Missing required parameter ${JSON.stringify(nameA)} or ${JSON.stringify(nameB)}`,
    );
  }
}

/** Leaves out what was not given, so MAAS keeps its defaults. */
function compact(params: Record<string, unknown>): Params {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) out[key] = value;
  }
  return out as Params;
}

function filesystemOf(value: unknown): StorageFilesystem | null {
  if (value === null || typeof value !== "object") return null;
  const fs = value as WireData;
  return {
    fstype: fs.fstype as string,
    label: (fs.label ?? null) as string | null,
    uuid: (fs.uuid ?? null) as string | null,
    mountPoint: (fs.mount_point ?? null) as string | null,
    mountOptions: (fs.mount_options ?? null) as string | null,
  };
}

/** A block device's or partition's JSON wrapped in the right class (`type` tells them apart). */
function wrapDevice(context: ClientContext, data: WireData): BlockDevice | Partition {
  return data.type === "partition" ? new Partition(context, data) : new BlockDevice(context, data);
}

function wrapDevices(context: ClientContext, value: unknown): (BlockDevice | Partition)[] {
  if (!Array.isArray(value)) return [];
  return (value as WireData[]).map((item) => wrapDevice(context, item));
}

function wrapOptionalDevice(
  context: ClientContext,
  value: unknown,
): BlockDevice | Partition | null {
  return value && typeof value === "object" ? wrapDevice(context, value as WireData) : null;
}

/** A size in MAAS's own style (SI units): `500.1 GB`. */
function humanBytes(size: unknown): string {
  let value = Number(size);
  if (!Number.isFinite(value)) return "? bytes";
  for (const unit of ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"]) {
    if (Math.abs(value) < 1000) {
      return unit === "bytes" ? `${value.toFixed(0)} bytes` : `${value.toFixed(1)} ${unit}`;
    }
    value /= 1000;
  }
  return `${value.toFixed(1)} YB`;
}

// ---------------------------------------------------------------------------------------------
// Block devices and partitions.

/**
 * A block device of a machine: a physical disk, or a virtual device (a logical volume, the device
 * of a RAID, a bcache or a VMFS datastore). Editable fields are sent by `save()`; MAAS accepts
 * every change on a Ready machine, and only `name`, `model`, `serial` and `idPath` of a physical
 * device on a Deployed one.
 *
 * @example
 * ```ts
 * import { type Client, NodeBlockDevices } from "@libmaas/client";
 * async function rename(client: Client, systemId: string) {
 *   const disk = await new NodeBlockDevices(client, systemId).get("sdb");
 *   disk.name = "data";
 *   await disk.save();
 * }
 * ```
 */
export class BlockDevice extends MaasObject {
  #partitions: BlockDevicePartitions | undefined;

  /** Block device id (unique across MAAS). */
  declare readonly id: number;
  /** System id of the machine the device belongs to. */
  declare readonly systemId: string;
  /**
   * Name (`sda`). A logical volume is shown as `VG-LV`; to rename one, set its own name (`LV`),
   * as MAAS stores it.
   */
  declare name: string;
  /** UUID of a virtual device (editable on those); null for physical ones. */
  declare uuid: string | null;
  /** `physical` or `virtual`. */
  declare readonly type: BlockDeviceType;
  /** The persistent device path, `/dev/disk/by-dname/NAME`. */
  declare readonly path: string;
  /** Model of a physical device; null for virtual ones. */
  declare model: string | null;
  /** Serial number of a physical device; null for virtual ones. */
  declare serial: string | null;
  /** A fixed by-id path, used when model and serial cannot identify the disk. */
  declare idPath: string | null;
  /** Size in bytes. */
  declare size: number;
  /** Block size in bytes. */
  declare blockSize: number;
  /** Bytes still free for partitions (0 once the device is formatted or used whole). */
  declare readonly availableSize: number;
  /** Bytes in use (partitions plus the partition table's own overhead). */
  declare readonly usedSize: number;
  /** What the device is used for, in MAAS's words (`Unused`, `GPT partitioned with 2 partitions`…). */
  declare readonly usedFor: string;
  /** Tags (changed with {@linkcode BlockDevice.addTag} and {@linkcode BlockDevice.removeTag}). */
  declare readonly tags: string[];
  /**
   * `GPT` or `MBR` when the device has a partition table, else null; editable when it has one.
   * (MAAS sends these upper-case names.)
   */
  declare partitionTableType: string | null;
  /** Firmware version of a physical device, when known. */
  declare readonly firmwareVersion: string | null | undefined;
  /** The VM host storage pool backing the device, or null. */
  declare readonly storagePool: string | null;
  /** Index of the NUMA node of a physical device (editable on those); null for virtual ones. */
  declare numaNode: number | null;
  /** The device's URI on the server. */
  declare readonly resourceUri: string;

  /** The filesystem on the whole device, or null. */
  get filesystem(): StorageFilesystem | null {
    return filesystemOf(this.get("filesystem"));
  }

  /**
   * The device's partitions: iterate it for the partitions the server sent with the device (no
   * request), or call `list()`, `get()` and `create()` on it.
   */
  get partitions(): BlockDevicePartitions {
    return this.#partitions ??= new BlockDevicePartitions(
      this.client,
      this.systemId,
      this.id,
      this,
    );
  }

  /** `nodes/{system_id}/blockdevices/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/blockdevices/${this.id}/`;
  }

  /** `BlockDevice 12 sda physical 500.1 GB`. */
  toString(): string {
    return `BlockDevice ${this.id} ${this.name} ${this.type} ${humanBytes(this.size)}`;
  }

  /** Adds a tag (Ready machines only). */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "add_tag", { tag: required(tag, "tag", "string") }, options);
  }

  /** Removes a tag (Ready machines only). */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "remove_tag", { tag: required(tag, "tag", "string") }, options);
  }

  /**
   * Makes this physical device the machine's boot disk (Ready machines only). MAAS answers
   * `OK` rather than the device, so the object is not changed.
   */
  async setBootDisk(options?: CallOptions): Promise<void> {
    await this.call("POST", "set_boot_disk", undefined, options);
  }

  /**
   * Formats the whole device with `fstype` (`ext4`, `xfs`, `btrfs`, `swap`, `fat32`…). The device
   * must have no partition table and must not be the boot disk.
   */
  async format(fstype: string, options: FilesystemFormatOptions = {}): Promise<this> {
    const { params, call } = formatRequest(fstype, options);
    return await this.op("POST", "format", params, call);
  }

  /** Removes the filesystem (it must be unmounted and not part of a RAID, volume group…). */
  async unformat(options?: CallOptions): Promise<this> {
    return await this.op("POST", "unformat", undefined, options);
  }

  /**
   * Mounts the device's filesystem at `mountPoint` (an absolute path; swap needs none and is
   * mounted as `none`).
   */
  async mount(mountPoint?: string, options: FilesystemMountOptions = {}): Promise<this> {
    const { params, call } = mountRequest(mountPoint, options);
    return await this.op("POST", "mount", params, call);
  }

  /** Unmounts the device's filesystem. */
  async unmount(options?: CallOptions): Promise<this> {
    return await this.op("POST", "unmount", undefined, options);
  }
}
defineFields(BlockDevice, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  uuid: { wire: "uuid", writable: true },
  type: "type",
  path: "path",
  model: { wire: "model", writable: true },
  serial: { wire: "serial", writable: true },
  idPath: { wire: "id_path", writable: true },
  size: { wire: "size", writable: true },
  blockSize: { wire: "block_size", writable: true },
  availableSize: "available_size",
  usedSize: "used_size",
  usedFor: "used_for",
  tags: "tags",
  partitionTableType: { wire: "partition_table_type", writable: true },
  firmwareVersion: "firmware_version",
  storagePool: "storage_pool",
  numaNode: { wire: "numa_node", writable: true },
  resourceUri: "resource_uri",
});

/**
 * A partition of a block device. MAAS cannot change a partition in place: format, mount, tag it,
 * or delete it and create another.
 *
 * @example
 * ```ts
 * import type { BlockDevice } from "@libmaas/client";
 * async function root(disk: BlockDevice) {
 *   const partition = await disk.partitions.create({ size: "20G" });
 *   await partition.format("ext4", { label: "root" });
 *   return await partition.mount("/");
 * }
 * ```
 */
export class Partition extends MaasObject {
  /** Partition id (unique across MAAS). */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Id of the block device holding the partition. */
  declare readonly deviceId: number;
  /** Partition UUID (GPT). */
  declare readonly uuid: string | null;
  /** The persistent path, `/dev/disk/by-dname/DEVICE-partN`. */
  declare readonly path: string;
  /** Always `partition`. */
  declare readonly type: "partition";
  /** Size in bytes (MAAS aligns partitions down to 4 MiB). */
  declare readonly size: number;
  /** Whether the partition is marked bootable. */
  declare readonly bootable: boolean;
  /** What the partition is used for, in MAAS's words. */
  declare readonly usedFor: string;
  /** Tags. */
  declare readonly tags: string[];
  /** The partition's URI on the server. */
  declare readonly resourceUri: string;

  /** The partition's name as MAAS accepts it in parameters (`sda-part1`), from its path. */
  get name(): string {
    const path = String(this.get("path") ?? "");
    return path.slice(path.lastIndexOf("/") + 1);
  }

  /** The filesystem on the partition, or null. */
  get filesystem(): StorageFilesystem | null {
    return filesystemOf(this.get("filesystem"));
  }

  /** `nodes/{system_id}/blockdevices/{device_id}/partitions/{id}` (MAAS puts no slash at the end). */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/blockdevices/${this.deviceId}/partitions/${this.id}`;
  }

  /** `Partition 5 sda-part1 20.0 GB`. */
  toString(): string {
    return `Partition ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /** Partitions cannot be updated in MAAS; this raises a {@linkcode ParameterError}. */
  override save(_params?: ExtraParams, _options?: CallOptions): Promise<this> {
    return Promise.reject(
      new ParameterError("MAAS cannot update a partition; delete it and create another"),
    );
  }

  /** Formats the partition with `fstype` (`ext4`, `xfs`, `swap`, `fat32`…). */
  async format(fstype: string, options: FilesystemFormatOptions = {}): Promise<this> {
    const { params, call } = formatRequest(fstype, options);
    return await this.op("POST", "format", params, call);
  }

  /** Removes the filesystem (it must be unmounted and not part of a RAID, volume group…). */
  async unformat(options?: CallOptions): Promise<this> {
    return await this.op("POST", "unformat", undefined, options);
  }

  /** Mounts the partition's filesystem at `mountPoint` (swap needs none). */
  async mount(mountPoint?: string, options: FilesystemMountOptions = {}): Promise<this> {
    const { params, call } = mountRequest(mountPoint, options);
    return await this.op("POST", "mount", params, call);
  }

  /** Unmounts the partition's filesystem. */
  async unmount(options?: CallOptions): Promise<this> {
    return await this.op("POST", "unmount", undefined, options);
  }

  /** Adds a tag. */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "add_tag", { tag: required(tag, "tag", "string") }, options);
  }

  /** Removes a tag. */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "remove_tag", { tag: required(tag, "tag", "string") }, options);
  }
}
defineFields(Partition, {
  id: "id",
  systemId: "system_id",
  deviceId: "device_id",
  uuid: "uuid",
  path: "path",
  type: "type",
  size: "size",
  bootable: "bootable",
  usedFor: "used_for",
  tags: "tags",
  resourceUri: "resource_uri",
});

/** What a new physical block device needs. */
export interface CreateBlockDeviceOptions extends CallOptions {
  /** Name (`sdb`). */
  name: string;
  /** Size in bytes. */
  size: ByteSize;
  /** Block size in bytes (512, 4096…). */
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

/** Where one kind of storage object of a machine lives, and how it is wrapped. */
export interface NodeStorageKind<T extends MaasObject> {
  /** The collection under `nodes/{system_id}/`: `raids`. */
  readonly plural: string;
  /** The path of one object under `nodes/{system_id}/` (MAAS names some in the singular): `raid`. */
  readonly singular: string;
  /** The objects as an error names a list of them: `RAIDs`. */
  readonly many: string;
  /** One object as an error names it: `a RAID`. */
  readonly one: string;
  /** The class that wraps an object's wire data. */
  readonly wrap: new (context: ClientContext, data: WireData) => T;
}

/**
 * What the storage namespaces of one machine share: the machine's system id (checked when the
 * namespace is made), `list` and `get` of one kind of object, and the request that creates one.
 *
 * @example
 * ```ts
 * import type { NodeStorageNamespace, Raid } from "@libmaas/client";
 * async function names(raids: NodeStorageNamespace<Raid>) {
 *   return (await raids.list()).map((raid) => raid.name);
 * }
 * ```
 */
export abstract class NodeStorageNamespace<T extends MaasObject> extends Namespace {
  /** The machine's system id. */
  readonly systemId: string;
  readonly #kind: NodeStorageKind<T>;

  /** The objects of `kind` on the machine `systemId`. */
  constructor(context: ClientContext, systemId: string, kind: NodeStorageKind<T>) {
    super(context);
    this.systemId = required(systemId, "systemId", "string");
    this.#kind = kind;
  }

  /** Every object of this kind on the machine (block devices: physical and virtual). */
  async list(options?: CallOptions): Promise<T[]> {
    const { plural, many, wrap } = this.#kind;
    const data = await this.context.call(
      "GET",
      apiPath`nodes/${this.systemId}/${plural}/`,
      options,
    );
    return expectList(data, many).map((item) => new wrap(this.context, item));
  }

  /** One object by id or name (a cache set's: `cache0`); a missing one raises `NotFoundError`. */
  async get(id: number | string, options?: CallOptions): Promise<T> {
    const key = idOrName(id, "id");
    const { singular, one, wrap } = this.#kind;
    const data = await this.context.call(
      "GET",
      apiPath`nodes/${this.systemId}/${singular}/${key}/`,
      options,
    );
    return new wrap(this.context, expectObject(data, one));
  }

  /** Creates an object with `params` (what `create` of each namespace sends) and wraps it. */
  protected async add(params: Params, call: CallOptions): Promise<T> {
    const { plural, one, wrap } = this.#kind;
    const data = await this.context.call(
      "POST",
      apiPath`nodes/${this.systemId}/${plural}/`,
      { params, ...call },
    );
    return new wrap(this.context, expectObject(data, one));
  }
}

/**
 * The block devices of one machine (`machine.blockDevices`).
 *
 * @example
 * ```ts
 * import { type Client, NodeBlockDevices } from "@libmaas/client";
 * async function disks(client: Client, systemId: string) {
 *   for (const disk of await new NodeBlockDevices(client, systemId).list()) {
 *     console.log(String(disk), disk.usedFor);
 *   }
 * }
 * ```
 */
export class NodeBlockDevices extends NodeStorageNamespace<BlockDevice> {
  /** The block devices of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "blockdevices",
      singular: "blockdevices",
      many: "block devices",
      one: "a block device",
      wrap: BlockDevice,
    });
  }

  /** Adds a physical block device to the machine (administrators only). */
  async create(options: CreateBlockDeviceOptions): Promise<BlockDevice> {
    const { name, size, blockSize, model, serial, idPath, numaNode, ...call } = optionsOf(options);
    const params = compact({
      name: required(name, "name", "string"),
      size: requiredBytes(size, "size"),
      block_size: requiredBytes(blockSize, "blockSize"),
      model: optionalString(model, "model"),
      serial: optionalString(serial, "serial"),
      id_path: optionalString(idPath, "idPath"),
      numa_node: numaNode === undefined ? undefined : required(numaNode, "numaNode", "number"),
    });
    return await this.add(params, call);
  }
}

/** What a new partition takes; every field is optional. */
export interface CreatePartitionOptions extends CallOptions {
  /** Size in bytes (aligned down to 4 MiB); all the free space when absent. */
  size?: ByteSize;
  /** UUID of the partition (GPT only). */
  uuid?: string;
  /** Mark the partition bootable. */
  bootable?: boolean;
}

/**
 * The partitions of one block device (`blockDevice.partitions`). Iterating it gives the
 * partitions the server sent with the block device, with no request; `list()` asks again.
 *
 * @example
 * ```ts
 * import type { BlockDevice } from "@libmaas/client";
 * function show(disk: BlockDevice) {
 *   for (const partition of disk.partitions) console.log(String(partition), partition.usedFor);
 * }
 * ```
 */
export class BlockDevicePartitions extends Namespace implements Iterable<Partition> {
  #device: BlockDevice | undefined;

  /** The machine's system id. */
  readonly systemId: string;
  /** The block device's id (or name). */
  readonly deviceId: number | string;

  /**
   * The partitions of device `deviceId` on machine `systemId`; given the device object, iterating
   * yields the partitions it was sent with.
   */
  constructor(
    context: ClientContext,
    systemId: string,
    deviceId: number | string,
    device?: BlockDevice,
  ) {
    super(context);
    this.systemId = required(systemId, "systemId", "string");
    this.deviceId = idOrName(deviceId, "deviceId");
    this.#device = device;
  }

  /** The partitions the server sent with the block device (empty without a device object). */
  get items(): Partition[] {
    const value = this.#device?.get("partitions");
    if (!Array.isArray(value)) return [];
    return (value as WireData[]).map((item) => new Partition(this.context, item));
  }

  /** Iterates over {@linkcode BlockDevicePartitions.items}. */
  [Symbol.iterator](): Iterator<Partition> {
    return this.items[Symbol.iterator]();
  }

  /** Every partition of the device, read from the server. */
  async list(options?: CallOptions): Promise<Partition[]> {
    const data = await this.context.call(
      "GET",
      apiPath`nodes/${this.systemId}/blockdevices/${this.deviceId}/partitions/`,
      options,
    );
    return expectList(data, "partitions").map((item) => new Partition(this.context, item));
  }

  /** One partition by id or name (`sda-part1`); a missing one raises `NotFoundError`. */
  async get(id: number | string, options?: CallOptions): Promise<Partition> {
    const key = idOrName(id, "id");
    const data = await this.context.call(
      "GET",
      apiPath`nodes/${this.systemId}/blockdevices/${this.deviceId}/partitions/${key}`,
      options,
    );
    return new Partition(this.context, expectObject(data, "a partition"));
  }

  /**
   * Creates a partition (Ready machines only). Not enough free space → `BadRequestError` with a
   * `size` field error.
   */
  async create(options: CreatePartitionOptions = {}): Promise<Partition> {
    const { size, uuid, bootable, ...call } = optionsOf(options);
    const params = compact({
      size: optionalBytes(size, "size"),
      uuid: optionalString(uuid, "uuid"),
      bootable: bootable === undefined ? undefined : required(bootable, "bootable", "boolean"),
    });
    const data = await this.context.call(
      "POST",
      apiPath`nodes/${this.systemId}/blockdevices/${this.deviceId}/partitions/`,
      { params, ...call },
    );
    return new Partition(this.context, expectObject(data, "a partition"));
  }
}

// ---------------------------------------------------------------------------------------------
// Volume groups and logical volumes.

/** What {@linkcode VolumeGroup.update} changes; lists add to or remove from the group. */
export interface UpdateVolumeGroupOptions extends CallOptions {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Block devices to add as physical volumes. */
  addBlockDevices?: BlockDeviceRef[];
  /** Block devices to take out of the group. */
  removeBlockDevices?: BlockDeviceRef[];
  /** Partitions to add as physical volumes. */
  addPartitions?: PartitionRef[];
  /** Partitions to take out of the group. */
  removePartitions?: PartitionRef[];
}

/** What a new logical volume takes. */
export interface CreateLogicalVolumeOptions extends CallOptions {
  /** Name of the volume (its block device is named `VG-NAME`). */
  name: string;
  /** Size in bytes, at least 4 MiB; all the free space of the group when absent. */
  size?: ByteSize;
  /** UUID of the volume. */
  uuid?: string;
}

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
export class VolumeGroup extends MaasObject {
  /** Volume group id. */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Name (`vg0`). */
  declare name: string;
  /** UUID. */
  declare uuid: string;
  /** Usable size in bytes (physical volumes less one 4 MiB extent each for LVM headers). */
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
  /** The group's URI on the server. */
  declare readonly resourceUri: string;

  /** The physical volumes: block devices and partitions. */
  get devices(): (BlockDevice | Partition)[] {
    return wrapDevices(this.client, this.get("devices"));
  }

  /** The logical volumes, as (virtual) block devices. */
  get logicalVolumes(): BlockDevice[] {
    const value = this.get("logical_volumes");
    if (!Array.isArray(value)) return [];
    return (value as WireData[]).map((item) => new BlockDevice(this.client, item));
  }

  /** `nodes/{system_id}/volume-groups/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/volume-groups/${this.id}/`;
  }

  /** `VolumeGroup 3 vg0 500.1 GB`. */
  toString(): string {
    return `VolumeGroup ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /** Renames the group or changes its physical volumes (Ready machines only). */
  async update(options: UpdateVolumeGroupOptions): Promise<this> {
    const {
      name,
      uuid,
      addBlockDevices,
      removeBlockDevices,
      addPartitions,
      removePartitions,
      ...call
    } = optionsOf(options);
    const answer = await this.call(
      "PUT",
      null,
      compact({
        ...this.changes,
        name: optionalString(name, "name"),
        uuid: optionalString(uuid, "uuid"),
        add_block_devices: blockDeviceList(addBlockDevices, "addBlockDevices"),
        remove_block_devices: blockDeviceList(removeBlockDevices, "removeBlockDevices"),
        add_partitions: partitionList(addPartitions, "addPartitions"),
        remove_partitions: partitionList(removePartitions, "removePartitions"),
      }),
      call,
    );
    return this.replace(answer);
  }

  /**
   * Creates a logical volume and returns it as a block device. The group object itself is not
   * refreshed: call `refresh()` to see the new sizes.
   */
  async createLogicalVolume(options: CreateLogicalVolumeOptions): Promise<BlockDevice> {
    const { name, size, uuid, ...call } = optionsOf(options);
    const data = await this.call(
      "POST",
      "create_logical_volume",
      compact({
        name: required(name, "name", "string"),
        size: optionalBytes(size, "size"),
        uuid: optionalString(uuid, "uuid"),
      }),
      call,
    );
    return new BlockDevice(this.client, expectObject(data, "a logical volume"));
  }

  /**
   * Deletes a logical volume of the group (given by id or as its block device). MAAS answers
   * success even when there is no such volume.
   */
  async deleteLogicalVolume(volume: number | BlockDevice, options?: CallOptions): Promise<void> {
    const id = volume instanceof BlockDevice ? volume.id : volume;
    await this.call(
      "POST",
      "delete_logical_volume",
      { id: required(id, "volume", "number") },
      options,
    );
  }
}
defineFields(VolumeGroup, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  uuid: { wire: "uuid", writable: true },
  size: "size",
  humanSize: "human_size",
  availableSize: "available_size",
  humanAvailableSize: "human_available_size",
  usedSize: "used_size",
  humanUsedSize: "human_used_size",
  resourceUri: "resource_uri",
});

/** What a new volume group takes: a name and at least one block device or partition. */
export interface CreateVolumeGroupOptions extends CallOptions {
  /** Name (`vg0`). */
  name: string;
  /** UUID (MAAS makes one when absent). */
  uuid?: string;
  /** Unused block devices to make physical volumes of (the boot disk gets a partition first). */
  blockDevices?: BlockDeviceRef[];
  /** Unused partitions to make physical volumes of. */
  partitions?: PartitionRef[];
}

/**
 * The volume groups of one machine (`machine.volumeGroups`).
 *
 * @example
 * ```ts
 * import { type Client, NodeVolumeGroups } from "@libmaas/client";
 * async function makeGroup(client: Client, systemId: string) {
 *   return await new NodeVolumeGroups(client, systemId).create({
 *     name: "vg0",
 *     blockDevices: ["sdb", "sdc"],
 *   });
 * }
 * ```
 */
export class NodeVolumeGroups extends NodeStorageNamespace<VolumeGroup> {
  /** The volume groups of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "volume-groups",
      singular: "volume-groups",
      many: "volume groups",
      one: "a volume group",
      wrap: VolumeGroup,
    });
  }

  /** Creates a volume group (Ready machines only). */
  async create(options: CreateVolumeGroupOptions): Promise<VolumeGroup> {
    const { name, uuid, blockDevices, partitions, ...call } = optionsOf(options);
    const params = compact({
      name: required(name, "name", "string"),
      uuid: optionalString(uuid, "uuid"),
      block_devices: blockDeviceList(blockDevices, "blockDevices"),
      partitions: partitionList(partitions, "partitions"),
    });
    return await this.add(params, call);
  }
}

// ---------------------------------------------------------------------------------------------
// RAIDs.

/** What {@linkcode Raid.update} changes; lists add to or remove from the array. */
export interface UpdateRaidOptions extends CallOptions {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Block devices to add as active members. */
  addBlockDevices?: BlockDeviceRef[];
  /** Block devices to take out. */
  removeBlockDevices?: BlockDeviceRef[];
  /** Partitions to add as active members. */
  addPartitions?: PartitionRef[];
  /** Partitions to take out. */
  removePartitions?: PartitionRef[];
  /** Block devices to add as spares. */
  addSpareDevices?: BlockDeviceRef[];
  /** Spare block devices to take out. */
  removeSpareDevices?: BlockDeviceRef[];
  /** Partitions to add as spares. */
  addSparePartitions?: PartitionRef[];
  /** Spare partitions to take out. */
  removeSparePartitions?: PartitionRef[];
}

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
export class Raid extends MaasObject {
  /** RAID id. */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Name (`md0`). */
  declare name: string;
  /** UUID. */
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

  /** `nodes/{system_id}/raid/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/raid/${this.id}/`;
  }

  /** `Raid 4 md0 raid-1 500.1 GB`. */
  toString(): string {
    return `Raid ${this.id} ${this.name} ${this.level} ${humanBytes(this.size)}`;
  }

  /** Renames the RAID or changes its members (Ready machines only). */
  async update(options: UpdateRaidOptions): Promise<this> {
    const {
      name,
      uuid,
      addBlockDevices,
      removeBlockDevices,
      addPartitions,
      removePartitions,
      addSpareDevices,
      removeSpareDevices,
      addSparePartitions,
      removeSparePartitions,
      ...call
    } = optionsOf(options);
    const answer = await this.call(
      "PUT",
      null,
      compact({
        ...this.changes,
        name: optionalString(name, "name"),
        uuid: optionalString(uuid, "uuid"),
        add_block_devices: blockDeviceList(addBlockDevices, "addBlockDevices"),
        remove_block_devices: blockDeviceList(removeBlockDevices, "removeBlockDevices"),
        add_partitions: partitionList(addPartitions, "addPartitions"),
        remove_partitions: partitionList(removePartitions, "removePartitions"),
        add_spare_devices: blockDeviceList(addSpareDevices, "addSpareDevices"),
        remove_spare_devices: blockDeviceList(removeSpareDevices, "removeSpareDevices"),
        add_spare_partitions: partitionList(addSparePartitions, "addSparePartitions"),
        remove_spare_partitions: partitionList(removeSparePartitions, "removeSparePartitions"),
      }),
      call,
    );
    return this.replace(answer);
  }
}
defineFields(Raid, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  uuid: { wire: "uuid", writable: true },
  level: "level",
  size: "size",
  humanSize: "human_size",
  resourceUri: "resource_uri",
});

/** What a new RAID takes: a level and its members. */
export interface CreateRaidOptions extends CallOptions {
  /** RAID level: `raid-0` (2+ members, no spares), `raid-1` (2+), `raid-5` (3+), `raid-6` (4+), `raid-10` (3+). */
  level: RaidLevel;
  /** Name (MAAS picks the next free `mdN` when absent). */
  name?: string;
  /** UUID. */
  uuid?: string;
  /** Unused block devices to make active members. */
  blockDevices?: BlockDeviceRef[];
  /** Unused partitions to make active members. */
  partitions?: PartitionRef[];
  /** Unused block devices to make spares. */
  spareDevices?: BlockDeviceRef[];
  /** Unused partitions to make spares. */
  sparePartitions?: PartitionRef[];
}

/**
 * The RAIDs of one machine (`machine.raids`).
 *
 * @example
 * ```ts
 * import { type Client, NodeRaids, RaidLevel } from "@libmaas/client";
 * async function mirror(client: Client, systemId: string) {
 *   return await new NodeRaids(client, systemId).create({
 *     level: RaidLevel.RAID_1,
 *     blockDevices: ["sdb", "sdc"],
 *   });
 * }
 * ```
 */
export class NodeRaids extends NodeStorageNamespace<Raid> {
  /** The RAIDs of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "raids",
      singular: "raid",
      many: "RAIDs",
      one: "a RAID",
      wrap: Raid,
    });
  }

  /** Creates a RAID (Ready machines only). */
  async create(options: CreateRaidOptions): Promise<Raid> {
    const { level, name, uuid, blockDevices, partitions, spareDevices, sparePartitions, ...call } =
      optionsOf(options);
    const params = compact({
      level: required(level, "level", "string"),
      name: optionalString(name, "name"),
      uuid: optionalString(uuid, "uuid"),
      block_devices: blockDeviceList(blockDevices, "blockDevices"),
      partitions: partitionList(partitions, "partitions"),
      spare_devices: blockDeviceList(spareDevices, "spareDevices"),
      spare_partitions: partitionList(sparePartitions, "sparePartitions"),
    });
    return await this.add(params, call);
  }
}

// ---------------------------------------------------------------------------------------------
// Bcache cache sets and bcaches.

/** What {@linkcode BcacheCacheSet.update} takes: the new cache device or partition. */
export interface UpdateCacheSetOptions extends CallOptions {
  /** An unused block device to cache on instead. */
  cacheDevice?: BlockDeviceRef;
  /** An unused partition to cache on instead. */
  cachePartition?: PartitionRef;
}

/**
 * A bcache cache set: the fast device (usually an SSD) that bcaches of the machine cache on.
 *
 * @example
 * ```ts
 * import type { BcacheCacheSet } from "@libmaas/client";
 * function show(cacheSet: BcacheCacheSet) {
 *   console.log(cacheSet.name, String(cacheSet.cacheDevice));
 * }
 * ```
 */
export class BcacheCacheSet extends MaasObject {
  /** Cache set id. */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Name (`cache0`), given by MAAS from the cache set's rank on the machine. */
  declare readonly name: string;
  /** The cache set's URI on the server. */
  declare readonly resourceUri: string;

  /** The block device or partition holding the cache. */
  get cacheDevice(): BlockDevice | Partition | null {
    return wrapOptionalDevice(this.client, this.get("cache_device"));
  }

  /** `nodes/{system_id}/bcache-cache-set/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/bcache-cache-set/${this.id}/`;
  }

  /** `BcacheCacheSet 2 cache0`. */
  toString(): string {
    return `BcacheCacheSet ${this.id} ${this.name}`;
  }

  /** Moves the cache to another device or partition (Ready machines only). */
  async update(options: UpdateCacheSetOptions): Promise<this> {
    const { cacheDevice, cachePartition, ...call } = optionsOf(options);
    exactlyOne(cacheDevice, cachePartition, "cacheDevice", "cachePartition");
    const answer = await this.call(
      "PUT",
      null,
      compact({
        cache_device: cacheDevice === undefined
          ? undefined
          : blockDeviceKey(cacheDevice, "cacheDevice"),
        cache_partition: cachePartition === undefined
          ? undefined
          : partitionKey(cachePartition, "cachePartition"),
      }),
      call,
    );
    return this.replace(answer);
  }
}
defineFields(BcacheCacheSet, {
  id: "id",
  systemId: "system_id",
  name: "name",
  resourceUri: "resource_uri",
});

/** What a new cache set takes: one cache device or one cache partition. */
export interface CreateCacheSetOptions extends CallOptions {
  /** An unused block device to cache on. */
  cacheDevice?: BlockDeviceRef;
  /** An unused partition to cache on. */
  cachePartition?: PartitionRef;
}

/**
 * The bcache cache sets of one machine (`machine.bcacheCacheSets`).
 *
 * @example
 * ```ts
 * import { type Client, NodeBcacheCacheSets } from "@libmaas/client";
 * async function onSsd(client: Client, systemId: string) {
 *   return await new NodeBcacheCacheSets(client, systemId).create({ cacheDevice: "nvme0n1" });
 * }
 * ```
 */
export class NodeBcacheCacheSets extends NodeStorageNamespace<BcacheCacheSet> {
  /** The cache sets of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "bcache-cache-sets",
      singular: "bcache-cache-set",
      many: "cache sets",
      one: "a cache set",
      wrap: BcacheCacheSet,
    });
  }

  /** Creates a cache set (Ready machines only). */
  async create(options: CreateCacheSetOptions): Promise<BcacheCacheSet> {
    const { cacheDevice, cachePartition, ...call } = optionsOf(options);
    exactlyOne(cacheDevice, cachePartition, "cacheDevice", "cachePartition");
    const params = compact({
      cache_device: cacheDevice === undefined
        ? undefined
        : blockDeviceKey(cacheDevice, "cacheDevice"),
      cache_partition: cachePartition === undefined
        ? undefined
        : partitionKey(cachePartition, "cachePartition"),
    });
    return await this.add(params, call);
  }
}

/** What {@linkcode Bcache.update} changes. */
export interface UpdateBcacheOptions extends CallOptions {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Another cache set to cache on. */
  cacheSet?: CacheSetRef;
  /** New cache mode. */
  cacheMode?: CacheMode;
  /** Another backing block device. */
  backingDevice?: BlockDeviceRef;
  /** Another backing partition. */
  backingPartition?: PartitionRef;
}

/**
 * A bcache: a slow backing device cached on a cache set. The block device it makes comes with it.
 *
 * @example
 * ```ts
 * import { type Bcache, CacheMode } from "@libmaas/client";
 * async function writeBack(bcache: Bcache) {
 *   bcache.cacheMode = CacheMode.WRITEBACK;
 *   return await bcache.save();
 * }
 * ```
 */
export class Bcache extends MaasObject {
  /** Bcache id. */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Name (`bcache0`). */
  declare name: string;
  /** UUID. */
  declare uuid: string;
  /** Cache mode (`writeback`, `writethrough`, `writearound`). */
  declare cacheMode: CacheMode;
  /** Size in bytes (the backing device's). */
  declare readonly size: number;
  /** {@linkcode Bcache.size} in MAAS's words. */
  declare readonly humanSize: string;
  /** The bcache's URI on the server. */
  declare readonly resourceUri: string;

  /** The cache set the bcache caches on. */
  get cacheSet(): BcacheCacheSet | null {
    return nested(this.client, this.get("cache_set"), BcacheCacheSet);
  }

  /** The backing block device or partition. */
  get backingDevice(): BlockDevice | Partition | null {
    return wrapOptionalDevice(this.client, this.get("backing_device"));
  }

  /** The block device the bcache makes, to format, mount or partition. */
  get virtualDevice(): BlockDevice | null {
    return nested(this.client, this.get("virtual_device"), BlockDevice);
  }

  /** `nodes/{system_id}/bcache/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/bcache/${this.id}/`;
  }

  /** `Bcache 6 bcache0 writeback 1.0 TB`. */
  toString(): string {
    return `Bcache ${this.id} ${this.name} ${this.cacheMode} ${humanBytes(this.size)}`;
  }

  /** Changes the bcache (Ready machines only); unsaved field changes go with it. */
  async update(options: UpdateBcacheOptions): Promise<this> {
    const { name, uuid, cacheSet, cacheMode, backingDevice, backingPartition, ...call } = optionsOf(
      options,
    );
    if (backingDevice !== undefined && backingPartition !== undefined) {
      throw new ParameterError(`Give "backingDevice" or "backingPartition", not both`);
    }
    const answer = await this.call(
      "PUT",
      null,
      compact({
        ...this.changes,
        name: optionalString(name, "name"),
        uuid: optionalString(uuid, "uuid"),
        cache_set: cacheSet === undefined ? undefined : cacheSetKey(cacheSet, "cacheSet"),
        cache_mode: optionalString(cacheMode, "cacheMode"),
        backing_device: backingDevice === undefined
          ? undefined
          : blockDeviceKey(backingDevice, "backingDevice"),
        backing_partition: backingPartition === undefined
          ? undefined
          : partitionKey(backingPartition, "backingPartition"),
      }),
      call,
    );
    return this.replace(answer);
  }
}
defineFields(Bcache, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  uuid: { wire: "uuid", writable: true },
  cacheMode: { wire: "cache_mode", writable: true },
  size: "size",
  humanSize: "human_size",
  resourceUri: "resource_uri",
});

/** What a new bcache takes: a cache set, a cache mode and one backing device or partition. */
export interface CreateBcacheOptions extends CallOptions {
  /** The cache set to cache on. */
  cacheSet: CacheSetRef;
  /** Cache mode. */
  cacheMode: CacheMode;
  /** An unused block device to back the bcache. */
  backingDevice?: BlockDeviceRef;
  /** An unused partition to back the bcache. */
  backingPartition?: PartitionRef;
  /** Name (MAAS picks the next free `bcacheN` when absent). */
  name?: string;
  /** UUID. */
  uuid?: string;
}

/**
 * The bcaches of one machine (`machine.bcaches`).
 *
 * @example
 * ```ts
 * import { CacheMode, type Client, NodeBcacheCacheSets, NodeBcaches } from "@libmaas/client";
 * async function cached(client: Client, systemId: string) {
 *   const cacheSet = await new NodeBcacheCacheSets(client, systemId).create({ cacheDevice: "sdb" });
 *   return await new NodeBcaches(client, systemId).create({
 *     cacheSet,
 *     cacheMode: CacheMode.WRITETHROUGH,
 *     backingDevice: "sdc",
 *   });
 * }
 * ```
 */
export class NodeBcaches extends NodeStorageNamespace<Bcache> {
  /** The bcaches of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "bcaches",
      singular: "bcache",
      many: "bcaches",
      one: "a bcache",
      wrap: Bcache,
    });
  }

  /** Creates a bcache (Ready machines only). */
  async create(options: CreateBcacheOptions): Promise<Bcache> {
    const { cacheSet, cacheMode, backingDevice, backingPartition, name, uuid, ...call } = optionsOf(
      options,
    );
    if (cacheSet === undefined || cacheSet === null) {
      throw new ParameterError(`Missing required parameter "cacheSet"`);
    }
    exactlyOne(backingDevice, backingPartition, "backingDevice", "backingPartition");
    const params = compact({
      cache_set: cacheSetKey(cacheSet, "cacheSet"),
      cache_mode: required(cacheMode, "cacheMode", "string"),
      backing_device: backingDevice === undefined
        ? undefined
        : blockDeviceKey(backingDevice, "backingDevice"),
      backing_partition: backingPartition === undefined
        ? undefined
        : partitionKey(backingPartition, "backingPartition"),
      name: optionalString(name, "name"),
      uuid: optionalString(uuid, "uuid"),
    });
    return await this.add(params, call);
  }
}

// ---------------------------------------------------------------------------------------------
// VMFS datastores.

/** What {@linkcode VmfsDatastore.update} changes. */
export interface UpdateVmfsDatastoreOptions extends CallOptions {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Unused block devices to add (MAAS partitions each one whole, as ESXi does). */
  addBlockDevices?: BlockDeviceRef[];
  /** Unused partitions to add. */
  addPartitions?: PartitionRef[];
  /** Partitions to take out of the datastore. */
  removePartitions?: PartitionRef[];
}

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
export class VmfsDatastore extends MaasObject {
  /** Datastore id. */
  declare readonly id: number;
  /** System id of the machine. */
  declare readonly systemId: string;
  /** Name. */
  declare name: string;
  /** UUID. */
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
    const fs = value as WireData;
    return { fstype: fs.fstype as string, mountPoint: (fs.mount_point ?? null) as string | null };
  }

  /** `nodes/{system_id}/vmfs-datastore/{id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/vmfs-datastore/${this.id}/`;
  }

  /** `VmfsDatastore 7 datastore1 1.0 TB`. */
  toString(): string {
    return `VmfsDatastore ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /** Renames the datastore or changes its extents (Ready machines only). */
  async update(options: UpdateVmfsDatastoreOptions): Promise<this> {
    const { name, uuid, addBlockDevices, addPartitions, removePartitions, ...call } = optionsOf(
      options,
    );
    const answer = await this.call(
      "PUT",
      null,
      compact({
        ...this.changes,
        name: optionalString(name, "name"),
        uuid: optionalString(uuid, "uuid"),
        add_block_devices: blockDeviceList(addBlockDevices, "addBlockDevices"),
        add_partitions: partitionList(addPartitions, "addPartitions"),
        remove_partitions: partitionList(removePartitions, "removePartitions"),
      }),
      call,
    );
    return this.replace(answer);
  }
}
defineFields(VmfsDatastore, {
  id: "id",
  systemId: "system_id",
  name: { wire: "name", writable: true },
  uuid: { wire: "uuid", writable: true },
  size: "size",
  humanSize: "human_size",
  resourceUri: "resource_uri",
});

/** What a new VMFS datastore takes: a name and at least one block device or partition. */
export interface CreateVmfsDatastoreOptions extends CallOptions {
  /** Name. */
  name: string;
  /** UUID. */
  uuid?: string;
  /** Unused block devices (MAAS partitions each one whole). */
  blockDevices?: BlockDeviceRef[];
  /** Unused partitions. */
  partitions?: PartitionRef[];
}

/**
 * The VMFS datastores of one machine (`machine.vmfsDatastores`).
 *
 * @example
 * ```ts
 * import { type Client, NodeVmfsDatastores } from "@libmaas/client";
 * async function extra(client: Client, systemId: string) {
 *   return await new NodeVmfsDatastores(client, systemId).create({
 *     name: "datastore2",
 *     blockDevices: ["sdb"],
 *   });
 * }
 * ```
 */
export class NodeVmfsDatastores extends NodeStorageNamespace<VmfsDatastore> {
  /** The VMFS datastores of the machine `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context, systemId, {
      plural: "vmfs-datastores",
      singular: "vmfs-datastore",
      many: "VMFS datastores",
      one: "a VMFS datastore",
      wrap: VmfsDatastore,
    });
  }

  /** Creates a VMFS datastore (Ready machines with the VMFS6 or VMFS7 layout only). */
  async create(options: CreateVmfsDatastoreOptions): Promise<VmfsDatastore> {
    const { name, uuid, blockDevices, partitions, ...call } = optionsOf(options);
    const params = compact({
      name: required(name, "name", "string"),
      uuid: optionalString(uuid, "uuid"),
      block_devices: blockDeviceList(blockDevices, "blockDevices"),
      partitions: partitionList(partitions, "partitions"),
    });
    return await this.add(params, call);
  }
}
