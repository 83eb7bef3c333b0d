/**
 * Partitions of a machine's block devices: `nodes/{system_id}/blockdevices/{device_id}/partitions/`
 * and `…/partitions/{id}`. MAAS cannot change a partition in place: format, mount or tag it, or
 * delete it and create another.
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
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { CallOptions, ClientContext } from "./base.ts";
import { family, op } from "./spec.ts";
import type { ExtraParams } from "./spec.ts";
import {
  BYTES,
  type ByteSize,
  defineStorageObject,
  deviceOpSpecs,
  humanBytes,
  listReadDelete,
  NodeStorageNamespace,
  StorageDevice,
} from "./storage_base.ts";

/** A partition given by id, by name (`sda-part1`) or as the object itself. */
export type PartitionRef = number | string | Partition;

/** What a new partition takes; every option may be left out. */
export interface CreatePartitionOptions extends ExtraParams {
  /** Size in bytes (aligned down to 4 MiB); all the free space when absent. */
  size?: ByteSize;
  /** UUID of the partition (GPT only). */
  uuid?: string;
  /** Mark the partition bootable. */
  bootable?: boolean;
}

/** The partitions family: a block device's partitions and one partition. */
export const PARTITIONS = family({
  name: "partitions",
  handlers: {
    PartitionsHandler: "nodes/{system_id}/blockdevices/{device_id}/partitions/",
    PartitionHandler: "nodes/{system_id}/blockdevices/{device_id}/partitions/{id}",
  },
  pathParams: { system_id: "string", device_id: "integer or string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    deviceId: { wire: "device_id", kind: "integer" },
    uuid: { wire: "uuid", kind: "string" },
    path: { wire: "path", kind: "string" },
    type: { wire: "type", kind: "string" },
    size: { wire: "size", kind: "integer" },
    bootable: { wire: "bootable", kind: "boolean" },
    usedFor: { wire: "used_for", kind: "string" },
    tags: { wire: "tags", kind: "strings" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    ...listReadDelete(
      "PartitionsHandler",
      "PartitionHandler",
      "blockDevice.partitions",
      "partition",
    ),
    create: op<CreatePartitionOptions>({
      handler: "PartitionsHandler",
      method: "POST",
      typed: ["blockDevice.partitions.create()"],
      params: {
        size: { wire: "size", kind: BYTES },
        uuid: { wire: "uuid", kind: "string" },
        bootable: { wire: "bootable", kind: "boolean" },
      },
    }),
    ...deviceOpSpecs("PartitionHandler", "partition"),
  },
});

/**
 * A partition of a block device. MAAS cannot change a partition in place, so `save()` refuses;
 * format, mount or tag it, or delete it and create another.
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
export class Partition extends StorageDevice {
  /** Id of the block device holding the partition. */
  declare readonly deviceId: number;
  /** Partition UUID (GPT). */
  declare readonly uuid: string | null;
  /** Always `partition`. */
  declare readonly type: "partition";
  /** Size in bytes (MAAS aligns partitions down to 4 MiB). */
  declare readonly size: number;
  /** Whether the partition is marked bootable. */
  declare readonly bootable: boolean;
  /** The partition's URI on the server (MAAS's singular `…/partition/{id}` path). */
  declare readonly resourceUri: string;

  /** The partition's name as MAAS takes it in parameters (`sda-part1`), from its path. */
  get name(): string {
    const path = String(this.get("path") ?? "");
    return path.slice(path.lastIndexOf("/") + 1);
  }

  /** `Partition 5 sda-part1 20.0 GB`. */
  toString(): string {
    return `Partition ${this.id} ${this.name} ${humanBytes(this.size)}`;
  }

  /** MAAS cannot update a partition; this raises a {@linkcode ParameterError}. */
  override save(_params?: ExtraParams, _options?: CallOptions): Promise<this> {
    return Promise.reject(
      new ParameterError("MAAS cannot update a partition; delete it and create another"),
    );
  }
}
defineStorageObject(Partition, PARTITIONS);

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
export class BlockDevicePartitions
  extends NodeStorageNamespace<Partition, CreatePartitionOptions | undefined>
  implements Iterable<Partition> {
  readonly #sent: readonly unknown[];

  /** The block device's id (or name). */
  readonly deviceId: number | string;

  /**
   * The partitions of device `deviceId` on machine `systemId`; `sent` is the list the server
   * sent with the device, which iterating yields.
   */
  constructor(
    context: ClientContext,
    systemId: string,
    deviceId: number | string,
    sent: readonly unknown[] = [],
  ) {
    super(context, systemId, {
      ops: PARTITIONS.ops,
      many: "partitions",
      one: "a partition",
      wrap: Partition,
    }, { device_id: deviceId });
    if (!Number.isSafeInteger(deviceId) && (typeof deviceId !== "string" || deviceId === "")) {
      throw new ParameterError(`Parameter "deviceId" must be a block device's id or name`);
    }
    this.deviceId = deviceId;
    this.#sent = sent;
  }

  /** The partitions the server sent with the block device. */
  get items(): Partition[] {
    return this.#sent.map((item) => new Partition(this.context, item as Record<string, unknown>));
  }

  /** Iterates over {@linkcode BlockDevicePartitions.items}. */
  [Symbol.iterator](): Iterator<Partition> {
    return this.items[Symbol.iterator]();
  }

  /**
   * Creates a partition (administrators only, Ready machines only); a device without a partition
   * table gets a GPT one. Not enough free space → `BadRequestError` with a `size` field error.
   */
  override async create(
    params?: CreatePartitionOptions,
    options?: CallOptions,
  ): Promise<Partition> {
    return await super.create(params, options);
  }
}
