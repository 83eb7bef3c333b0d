/**
 * What the storage families share: sizes as MAAS reads them, block devices, partitions and cache
 * sets given by id, name or object, the filesystem MAAS reports on a device, the base of every
 * storage object (its path from its own data, its ops run by the engine) and of every storage
 * namespace of one machine (`list` and `get`, and the request that creates one object).
 *
 * @example
 * ```ts
 * import { BYTES } from "./storage_base.ts";
 * console.log(BYTES.encode("20G", "size")); // 20G
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { BlockDeviceRef } from "./block_devices.ts";
import type { PartitionRef } from "./partitions.ts";
import type { ParamValue } from "../transport.ts";
import {
  type CallOptions,
  type ClientContext,
  defineObject,
  describe,
  MaasObject,
  Namespace,
  type ObjectOps,
  type Wrapper,
} from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import {
  type Codec,
  type ExtraParams,
  type FieldSpec,
  type Op,
  op,
  type OpSpec,
  pathOf,
} from "./spec.ts";

/**
 * A size in bytes to send: a whole number (sizes exceed 2^32), a bigint, or text with an SI suffix
 * as MAAS reads it (`"20G"` is 20 000 000 000 bytes; K, M, G, T, P, E).
 */
export type ByteSize = number | bigint | string;

/** One or several of something, as the storage options take block devices and partitions. */
export type OneOrList<T> = T | readonly T[];

const BYTE_TEXT = /^[0-9]+[KkMmGgTtPpEe]?$/;

/**
 * A size in bytes, as MAAS's `BytesField` reads it: a whole number, or digits with an SI suffix.
 *
 * @example
 * ```ts
 * import { BYTES } from "./storage_base.ts";
 * console.log(BYTES.encode(4096, "blockSize")); // 4096
 * ```
 */
export const BYTES: Codec = {
  takes: "a size in bytes (a whole number, a bigint, or text such as 20G)",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
    if (typeof value === "bigint" && value >= 0n) return value;
    if (typeof value === "string" && BYTE_TEXT.test(value)) return value;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a size in bytes (a number, a bigint or text ` +
        `such as "20G"), got ${
          typeof value === "string" ? JSON.stringify(value) : describe(value)
        }`,
    );
  },
};

/** Whether a storage object is of a kind, from the data MAAS sent for it. */
type Kind = (object: MaasObject) => boolean;

const isBlockDevice: Kind = (object) =>
  object.data.type === "physical" || object.data.type === "virtual";
const isPartition: Kind = (object) => object.data.type === "partition";
const isCacheSet: Kind = (object) => "cache_device" in object.data;

/** One object given by id, name or as the object itself: sent as its id, or the name as given. */
function keyOf(value: unknown, option: string, takes: string, kind: Kind): number | string {
  if (value instanceof MaasObject) {
    const id = value.data.id;
    if (kind(value) && Number.isSafeInteger(id)) return id as number;
  } else if (Number.isSafeInteger(value) || (typeof value === "string" && value !== "")) {
    return value as number | string;
  }
  const given = value instanceof MaasObject ? `a ${value.constructor.name}` : describe(value);
  throw new ParameterError(`Parameter ${JSON.stringify(option)} takes ${takes}, got ${given}`);
}

function reference(takes: string, kind: Kind, many: boolean): Codec {
  return {
    takes: many ? `${takes}, one or a list` : takes,
    encode(value: unknown, option: string): ParamValue {
      if (!many || !Array.isArray(value)) return keyOf(value, option, takes, kind);
      return value.map((item) => keyOf(item, option, takes, kind));
    },
  };
}

/**
 * One block device, given by id, by name (`sda`) or as a `BlockDevice`: MAAS's model choice
 * fields take either the id or the name.
 *
 * @example
 * ```ts
 * import { BLOCK_DEVICE } from "./storage_base.ts";
 * console.log(BLOCK_DEVICE.encode("sdb", "cacheDevice")); // sdb
 * ```
 */
export const BLOCK_DEVICE: Codec = reference(
  "a block device (an id, a name or a BlockDevice)",
  isBlockDevice,
  false,
);

/**
 * Block devices (one or a list), each by id, name or object, sent as the name repeated.
 *
 * @example
 * ```ts
 * import { BLOCK_DEVICES } from "./storage_base.ts";
 * console.log(BLOCK_DEVICES.encode(["sdb", 7], "blockDevices")); // ["sdb", 7]
 * ```
 */
export const BLOCK_DEVICES: Codec = reference(
  "block devices (ids, names or BlockDevices)",
  isBlockDevice,
  true,
);

/**
 * One partition, given by id, by name (`sda-part1`) or as a `Partition`.
 *
 * @example
 * ```ts
 * import { PARTITION } from "./storage_base.ts";
 * console.log(PARTITION.encode("sda-part2", "cachePartition")); // sda-part2
 * ```
 */
export const PARTITION: Codec = reference(
  "a partition (an id, a name or a Partition)",
  isPartition,
  false,
);

/**
 * Partitions (one or a list), each by id, name or object, sent as the name repeated.
 *
 * @example
 * ```ts
 * import { PARTITIONS } from "./storage_base.ts";
 * console.log(PARTITIONS.encode("sda-part1", "partitions")); // sda-part1
 * ```
 */
export const PARTITIONS: Codec = reference(
  "partitions (ids, names or Partitions)",
  isPartition,
  true,
);

/**
 * One bcache cache set, given by id, by name (`cache0`) or as a `BcacheCacheSet`.
 *
 * @example
 * ```ts
 * import { CACHE_SET } from "./storage_base.ts";
 * console.log(CACHE_SET.encode("cache0", "cacheSet")); // cache0
 * ```
 */
export const CACHE_SET: Codec = reference(
  "a cache set (an id, a name or a BcacheCacheSet)",
  isCacheSet,
  false,
);

const VOLUME_TAKES = "a logical volume (the id of its block device, or the BlockDevice)";

/**
 * A logical volume given by the id of its block device, or as the `BlockDevice` itself.
 *
 * @example
 * ```ts
 * import { VOLUME_ID } from "./storage_base.ts";
 * console.log(VOLUME_ID.encode(12, "volume")); // 12
 * ```
 */
export const VOLUME_ID: Codec = {
  takes: VOLUME_TAKES,
  encode(value: unknown, option: string): ParamValue {
    if (
      value instanceof MaasObject && isBlockDevice(value) && Number.isSafeInteger(value.data.id)
    ) {
      return value.data.id as number;
    }
    if (Number.isSafeInteger(value)) return value as number;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} takes ${VOLUME_TAKES}, got ${
        value instanceof MaasObject ? `a ${value.constructor.name}` : describe(value)
      }`,
    );
  },
};

/**
 * MAAS's forms that take one device or one partition (a cache set's cache, a bcache's backing)
 * refuse both; `required` also refuses neither, as their create forms do. Checked before
 * anything is sent (unless `extra` carries wire names the check cannot see).
 *
 * @example
 * ```ts
 * import { eitherOf } from "./storage_base.ts";
 * eitherOf({ cacheDevice: "sdb" }, "cacheDevice", "cachePartition", true);
 * ```
 */
export function eitherOf(
  params: unknown,
  first: string,
  second: string,
  required: boolean,
): void {
  const given = (name: string) => {
    const value = (params as Record<string, unknown> | null | undefined)?.[name];
    return value !== undefined && value !== null;
  };
  if (given(first) && given(second)) {
    throw new ParameterError(
      `Give ${JSON.stringify(first)} or ${JSON.stringify(second)}, not both`,
    );
  }
  if (required && !given(first) && !given(second) && !given("extra")) {
    throw new ParameterError(
      `Missing required parameter ${JSON.stringify(first)} or ${JSON.stringify(second)}`,
    );
  }
}

/** The members a new volume group, RAID or datastore is made of. */
export interface GroupMembersOptions extends ExtraParams {
  /** Unused block devices (the boot disk is given a partition first). */
  blockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions. */
  partitions?: OneOrList<PartitionRef>;
}

/** A group's new name and UUID, and the members to add and take out. */
export interface MemberChangesOptions extends ExtraParams {
  /** New name. */
  name?: string;
  /** New UUID. */
  uuid?: string;
  /** Unused block devices to add (the boot disk is given a partition first). */
  addBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Block devices of the group to take out. */
  removeBlockDevices?: OneOrList<BlockDeviceRef>;
  /** Unused partitions to add. */
  addPartitions?: OneOrList<PartitionRef>;
  /** Partitions of the group to take out. */
  removePartitions?: OneOrList<PartitionRef>;
}

/**
 * The members a new volume group, RAID or datastore takes, as their create ops describe them.
 *
 * @example
 * ```ts
 * import { MEMBERS } from "./storage_base.ts";
 * console.log(MEMBERS.blockDevices.wire); // block_devices
 * ```
 */
export const MEMBERS = {
  blockDevices: { wire: "block_devices", kind: BLOCK_DEVICES },
  partitions: { wire: "partitions", kind: PARTITIONS },
} as const;

/**
 * The create parameters of a volume group and a datastore: a name, a UUID and the members.
 *
 * @example
 * ```ts
 * import { NAMED_MEMBERS } from "./storage_base.ts";
 * console.log(NAMED_MEMBERS.name.required); // true
 * ```
 */
export const NAMED_MEMBERS = {
  name: { wire: "name", kind: "string", required: true },
  uuid: { wire: "uuid", kind: "string" },
  ...MEMBERS,
} as const;

/**
 * A group's new name and UUID, and the members to add and take out, as the update ops of volume
 * groups, RAIDs and datastores describe them.
 *
 * @example
 * ```ts
 * import { MEMBER_CHANGES } from "./storage_base.ts";
 * console.log(MEMBER_CHANGES.removePartitions.wire); // remove_partitions
 * ```
 */
export const MEMBER_CHANGES = {
  name: { wire: "name", kind: "string" },
  uuid: { wire: "uuid", kind: "string" },
  addBlockDevices: { wire: "add_block_devices", kind: BLOCK_DEVICES },
  removeBlockDevices: { wire: "remove_block_devices", kind: BLOCK_DEVICES },
  addPartitions: { wire: "add_partitions", kind: PARTITIONS },
  removePartitions: { wire: "remove_partitions", kind: PARTITIONS },
} as const;

/**
 * The fields every filesystem group (volume group, RAID, bcache, datastore) has.
 *
 * @example
 * ```ts
 * import { GROUP_FIELDS } from "./storage_base.ts";
 * console.log(GROUP_FIELDS.humanSize.wire); // human_size
 * ```
 */
export const GROUP_FIELDS = {
  id: { wire: "id", kind: "integer" },
  systemId: { wire: "system_id", kind: "string" },
  name: { wire: "name", kind: "string", writable: true },
  uuid: { wire: "uuid", kind: "string", writable: true },
  size: { wire: "size", kind: "integer" },
  humanSize: { wire: "human_size", kind: "string" },
  resourceUri: { wire: "resource_uri", kind: "string" },
} as const;

/** The filesystem on a block device or partition, as MAAS reports it. */
export interface StorageFilesystem {
  /** Filesystem type: `ext4`, `xfs`, `swap`, `lvm-pv`, `raid`, `bcache-cache`… */
  readonly fstype: string;
  /** Filesystem label: `""` when it was formatted without one, null when none was ever set. */
  readonly label: string | null;
  /** Filesystem UUID, or null. */
  readonly uuid: string | null;
  /** Where it is mounted (`none` for swap), or null when not mounted. */
  readonly mountPoint: string | null;
  /** Options passed to mount(8), or null. */
  readonly mountOptions: string | null;
}

/**
 * The filesystem in a block device's or partition's data, or null.
 *
 * @example
 * ```ts
 * import { filesystemOf } from "./storage_base.ts";
 * console.log(filesystemOf({ fstype: "ext4", mount_point: "/" })?.mountPoint); // /
 * ```
 */
export function filesystemOf(value: unknown): StorageFilesystem | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const fs = value as Record<string, unknown>;
  return {
    fstype: fs.fstype as string,
    label: (fs.label ?? null) as string | null,
    uuid: (fs.uuid ?? null) as string | null,
    mountPoint: (fs.mount_point ?? null) as string | null,
    mountOptions: (fs.mount_options ?? null) as string | null,
  };
}

/**
 * A size in MAAS's own style (SI units): `500.1 GB`.
 *
 * @example
 * ```ts
 * import { humanBytes } from "./storage_base.ts";
 * console.log(humanBytes(500_107_862_016)); // 500.1 GB
 * ```
 */
export function humanBytes(size: unknown): string {
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

/**
 * The base of the storage objects of a machine: each knows its path from its own data (its
 * machine's system id and its id), and sends its ops through the engine, taking the answer as its
 * new state.
 *
 * @example
 * ```ts
 * import type { StorageObject } from "@libmaas/client";
 * function where(object: StorageObject): string {
 *   return `${object.systemId}: ${object.resourcePath}`;
 * }
 * ```
 */
export abstract class StorageObject extends MaasObject {
  /** Its id (unique across MAAS). */
  declare readonly id: number;
  /** System id of the machine it belongs to. */
  declare readonly systemId: string;

  /** The object's path, from its machine's system id and its own id (and its device's). */
  get resourcePath(): string {
    return pathOf(storageOpsOf(this).read.path, this.data);
  }

  /**
   * Sends one of the object's ops on its path and takes the answer as its new state (field
   * changes not yet saved are dropped with the old state).
   */
  protected async apply(
    op: Op<unknown>,
    params: unknown,
    options: CallOptions | undefined,
    set?: Readonly<Record<string, unknown>>,
  ): Promise<this> {
    return this.replace(
      await invoke(this.client, op, { path: this.resourcePath, params, set, call: options }),
    );
  }
}

/** The ops a storage class is wired to: its read op (whose path is its path), and more. */
interface StorageOps extends ObjectOps {
  readonly read: Op<unknown>;
}

/** A storage family as a class is wired to it: its fields and its ops. */
export interface StorageFamily {
  /** The typed properties of its objects. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Its ops: `read`, and `update`, `delete` and the device ops where it has them. */
  readonly ops: StorageOps;
}

const storageOps = new WeakMap<object, StorageOps>();

function storageOpsOf(object: StorageObject): StorageOps {
  for (
    let proto = Object.getPrototypeOf(object);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ops = storageOps.get(proto);
    if (ops !== undefined) return ops;
  }
  throw new Error(`${object.constructor.name} is not wired with defineStorageObject`);
}

/**
 * Wires a storage class to its family's description: its fields, the read, update and delete ops
 * of `refresh()`, `save()` and `delete()` (the read op's path is the object's path), and for a
 * block device or partition (a family with a `format` op) the filesystem and tag ops.
 *
 * @example
 * ```ts
 * import { defineStorageObject, StorageObject } from "./storage_base.ts";
 * import { RAIDS } from "./raids.ts";
 * class Mirror extends StorageObject {
 *   toString(): string {
 *     return `Mirror ${this.id}`;
 *   }
 * }
 * defineStorageObject(Mirror, RAIDS);
 * ```
 */
export function defineStorageObject(
  // deno-lint-ignore no-explicit-any
  target: abstract new (...args: any[]) => StorageObject,
  family: StorageFamily,
): void {
  defineObject(target, family.fields, family.ops);
  storageOps.set(target.prototype, family.ops);
}

/**
 * What volume groups, RAIDs, bcaches and VMFS datastores share: a name and a UUID (writable,
 * sent by `save()`), a size, and `update()`, which sends the options of the group's update op
 * (members to add and take out) and takes the answer as the group's new state; writable fields
 * changed and not saved are dropped with the old state.
 *
 * @example
 * ```ts
 * import type { StorageGroup } from "@libmaas/client";
 * function show(group: StorageGroup<object>) {
 *   console.log(group.name, group.humanSize);
 * }
 * ```
 */
export abstract class StorageGroup<U> extends StorageObject {
  /** Name; writable. */
  declare name: string;
  /** UUID; writable. */
  declare uuid: string;
  /** Usable size in bytes. */
  declare readonly size: number;
  /** The size in MAAS's words (`500.1 GB`). */
  declare readonly humanSize: string;
  /** The group's URI on the server. */
  declare readonly resourceUri: string;

  /** Changes the group with its update op's options (administrators only, Ready machines only). */
  async update(params: U, options?: CallOptions): Promise<this> {
    this.checkUpdate(params);
    return await this.apply(storageOpsOf(this).update!, params, options);
  }

  /** Checks an update's options before anything is sent, where MAAS's rules span two options. */
  protected checkUpdate(_params: U): void {}
}

/**
 * How one kind of storage object of a machine is listed, read and made, for
 * {@linkcode NodeStorageNamespace}.
 */
export interface NodeStorageKind<T> {
  /** Their family's ops that list them, read one by id or name, and create one. */
  readonly ops: {
    readonly list: Op<unknown>;
    readonly read: Op<unknown>;
    readonly create: Op<unknown>;
  };
  /** The objects as an error names a list of them: `RAIDs`. */
  readonly many: string;
  /** One object as an error names it: `a RAID`. */
  readonly one: string;
  /** The class that wraps an object's wire data. */
  readonly wrap: Wrapper<T>;
}

/**
 * What the storage namespaces of one machine (or one block device) share: the system id,
 * checked when the namespace is made, `list` and `get` of one kind of object, and the request
 * that creates one.
 *
 * @example
 * ```ts
 * import type { NodeStorageNamespace, Raid } from "@libmaas/client";
 * async function names(raids: NodeStorageNamespace<Raid>) {
 *   return (await raids.list()).map((raid) => raid.name);
 * }
 * ```
 */
export abstract class NodeStorageNamespace<T, C = ExtraParams> extends Namespace {
  /** The machine's system id. */
  readonly systemId: string;
  readonly #kind: NodeStorageKind<T>;
  readonly #path: Readonly<Record<string, unknown>>;

  /**
   * The objects of `kind` on the machine `systemId` (`path` adds the other parameters of their
   * paths, such as a partition's `device_id`).
   */
  constructor(
    context: ClientContext,
    systemId: string,
    kind: NodeStorageKind<T>,
    path: Readonly<Record<string, unknown>> = {},
  ) {
    super(context);
    if (typeof systemId !== "string" || systemId === "") {
      throw new ParameterError(
        `Parameter "systemId" must be a machine's system id, got ${
          systemId === "" ? "an empty string" : describe(systemId)
        }`,
      );
    }
    this.systemId = systemId;
    this.#kind = kind;
    this.#path = { ...path, system_id: systemId };
  }

  /** Every object of this kind (block devices: physical and virtual). */
  async list(params?: ExtraParams, options?: CallOptions): Promise<T[]> {
    const { ops, many, wrap } = this.#kind;
    return await listOf(this.context, ops.list, wrap, many, {
      path: this.#path,
      params,
      call: options,
    });
  }

  /** One object by id or name (a cache set's: `cache0`); a missing one raises `NotFoundError`. */
  async get(id: number | string, params?: ExtraParams, options?: CallOptions): Promise<T> {
    const { ops, one, wrap } = this.#kind;
    return await oneOf(this.context, ops.read, wrap, one, {
      path: { ...this.#path, id },
      params,
      call: options,
    });
  }

  /**
   * Creates one object of this kind (administrators only; MAAS changes the storage of Ready
   * machines only) with the options of its family's create op, and returns it.
   */
  async create(params: C, options?: CallOptions): Promise<T> {
    this.checkCreate(params);
    const { ops, one, wrap } = this.#kind;
    return await oneOf(this.context, ops.create, wrap, one, {
      path: this.#path,
      params,
      call: options,
    });
  }

  /** Checks a create's options before anything is sent, where MAAS's rules span two options. */
  protected checkCreate(_params: C): void {}
}

/** What {@linkcode StorageDevice.format} takes besides the filesystem type. */
export interface FilesystemFormatOptions extends ExtraParams {
  /** UUID of the new filesystem (MAAS makes one when absent). */
  uuid?: string;
  /** Label of the new filesystem (`""` when absent). */
  label?: string;
}

/** What {@linkcode StorageDevice.mount} takes besides the mount point. */
export interface FilesystemMountOptions extends ExtraParams {
  /** Options passed to mount(8), such as `noatime`. */
  mountOptions?: string;
}

/**
 * The descriptions of the list, read and delete ops every storage family has: `collection` lists
 * the objects (sent by `NAMESPACE.list()`), `item` reads one (`NAMESPACE.get()`,
 * `OBJECT.refresh()`) and deletes it (`OBJECT.delete()`).
 *
 * @example
 * ```ts
 * import { listReadDelete } from "./storage_base.ts";
 * const ops = listReadDelete("RaidsHandler", "RaidHandler", "machine.raids", "raid");
 * console.log(ops.read.typed); // ["machine.raids.get()", "raid.refresh()"]
 * ```
 */
export function listReadDelete(
  collection: string,
  item: string,
  namespace: string,
  object: string,
): { list: OpSpec; read: OpSpec; delete: OpSpec } {
  return {
    list: op({ handler: collection, method: "GET", typed: [`${namespace}.list()`] }),
    read: op({
      handler: item,
      method: "GET",
      typed: [`${namespace}.get()`, `${object}.refresh()`],
    }),
    delete: op({ handler: item, method: "DELETE", typed: [`${object}.delete()`] }),
  };
}

/** What `format` sends: the filesystem type given first, then the options. */
interface FormatParams extends FilesystemFormatOptions {
  fstype: string;
}

/** What `mount` sends: the mount point given first, then the options. */
interface MountParams extends FilesystemMountOptions {
  mountPoint?: string;
}

/** What `add_tag` and `remove_tag` send. */
interface TagParams {
  tag: string;
}

/**
 * The descriptions of the ops a block device and a partition both have, on `handler`, sent by
 * the methods of `object` (`blockDevice`, `partition`): the same parameters on both handlers.
 *
 * @example
 * ```ts
 * import { deviceOpSpecs } from "./storage_base.ts";
 * console.log(deviceOpSpecs("PartitionHandler", "partition").format.typed); // ["partition.format()"]
 * ```
 */
export function deviceOpSpecs(handler: string, object: string): {
  format: OpSpec<FormatParams>;
  unformat: OpSpec;
  mount: OpSpec<MountParams>;
  unmount: OpSpec;
  addTag: OpSpec<TagParams>;
  removeTag: OpSpec<TagParams>;
} {
  const tag = { tag: { wire: "tag", kind: "string", required: true } } as const;
  return {
    format: op<FormatParams>({
      handler,
      method: "POST",
      op: "format",
      typed: [`${object}.format()`],
      params: {
        fstype: { wire: "fstype", kind: "string", required: true },
        uuid: { wire: "uuid", kind: "string" },
        label: { wire: "label", kind: "string" },
      },
    }),
    unformat: op({ handler, method: "POST", op: "unformat", typed: [`${object}.unformat()`] }),
    mount: op<MountParams>({
      handler,
      method: "POST",
      op: "mount",
      typed: [`${object}.mount()`],
      params: {
        mountPoint: { wire: "mount_point", kind: "string" },
        mountOptions: { wire: "mount_options", kind: "string" },
      },
    }),
    unmount: op({ handler, method: "POST", op: "unmount", typed: [`${object}.unmount()`] }),
    addTag: op<TagParams>({
      handler,
      method: "POST",
      op: "add_tag",
      typed: [`${object}.addTag()`],
      params: tag,
    }),
    removeTag: op<TagParams>({
      handler,
      method: "POST",
      op: "remove_tag",
      typed: [`${object}.removeTag()`],
      params: tag,
    }),
  };
}

/** The ops a block device and a partition both have, from their families' descriptions. */
export interface DeviceOps {
  /** `POST format`. */
  readonly format: Op<unknown>;
  /** `POST unformat`. */
  readonly unformat: Op<unknown>;
  /** `POST mount`. */
  readonly mount: Op<unknown>;
  /** `POST unmount`. */
  readonly unmount: Op<unknown>;
  /** `POST add_tag`. */
  readonly addTag: Op<unknown>;
  /** `POST remove_tag`. */
  readonly removeTag: Op<unknown>;
}

function devices(object: StorageObject): DeviceOps {
  return storageOpsOf(object) as StorageOps & DeviceOps;
}

/**
 * What a block device and a partition share: a filesystem to make, mount, unmount and remove,
 * and tags. Each op answers the device with its new state, which the object takes.
 *
 * @example
 * ```ts
 * import type { StorageDevice } from "@libmaas/client";
 * async function data(device: StorageDevice) {
 *   await device.format("xfs", { label: "data" });
 *   return await device.mount("/srv", { mountOptions: "noatime" });
 * }
 * ```
 */
export abstract class StorageDevice extends StorageObject {
  /** The persistent path, `/dev/disk/by-dname/NAME`. */
  declare readonly path: string;
  /** What it is used for, in MAAS's words (`Unused`, `ext4 formatted filesystem mounted at /`…). */
  declare readonly usedFor: string;
  /** Tags (changed with `addTag()` and `removeTag()`). */
  declare readonly tags: string[];

  /** The filesystem on it, or null. */
  get filesystem(): StorageFilesystem | null {
    return filesystemOf(this.get("filesystem"));
  }

  /**
   * Formats it with `fstype` (`ext4`, `xfs`, `btrfs`, `swap`, `fat32`…). A block device must have
   * no partition table and must not be the boot disk; the machine must be Ready or Allocated.
   */
  async format(
    fstype: string,
    params?: FilesystemFormatOptions,
    options?: CallOptions,
  ): Promise<this> {
    return await this.apply(devices(this).format, params, options, { fstype });
  }

  /** Removes the filesystem (it must be unmounted and not part of a RAID, volume group…). */
  async unformat(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.apply(devices(this).unformat, params, options);
  }

  /** Mounts the filesystem at `mountPoint` (an absolute path; swap takes none and shows `none`). */
  async mount(
    mountPoint?: string,
    params?: FilesystemMountOptions,
    options?: CallOptions,
  ): Promise<this> {
    return await this.apply(devices(this).mount, params, options, { mountPoint });
  }

  /** Unmounts the filesystem. */
  async unmount(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.apply(devices(this).unmount, params, options);
  }

  /** Adds a tag (administrators only; a block device's machine must be Ready). */
  async addTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.apply(devices(this).addTag, params, options, { tag });
  }

  /** Removes a tag (administrators only; a block device's machine must be Ready). */
  async removeTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.apply(devices(this).removeTag, params, options, { tag });
  }
}
