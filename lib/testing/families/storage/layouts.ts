/**
 * The storage layouts MAAS's `set_storage_layout` applies — `flat`, `lvm`, `bcache`, `vmfs6`,
 * `vmfs7` and `blank` — and the clearing of a machine's storage configuration that comes first.
 *
 * @module
 */

import { ReplyError } from "../../reply.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import {
  alignDown,
  type NodeStorage,
  type SimBlockDevice,
  type SimPartition,
  type SimStorageGroup,
  type StorageHost,
  type StorageTarget,
} from "./model.ts";
import { hostOf } from "./node.ts";

const MIB = 1024 * 1024;
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
 * The layouts `set_storage_layout` builds (`custom` applies what the machine was given, and so
 * builds nothing).
 *
 * @example
 * ```ts
 * import type { StorageLayoutName } from "@libmaas/client/testing";
 * const layout: StorageLayoutName = "lvm";
 * ```
 */
export type StorageLayoutName = "flat" | "lvm" | "bcache" | "vmfs6" | "vmfs7" | "blank";

/**
 * A size `set_storage_layout` takes: bytes, or a percentage of what it is a part of (the disk for
 * the boot and root partitions, the volume group for the logical volume, the cache disk for the
 * cache partition).
 *
 * @example
 * ```ts
 * import type { LayoutSize } from "@libmaas/client/testing";
 * const half: LayoutSize = { percent: 50 };
 * ```
 */
export type LayoutSize = number | { percent: number };

/**
 * What {@linkcode applyStorageLayout} takes, as `set_storage_layout` does.
 *
 * @example
 * ```ts
 * import type { StorageLayoutParams } from "@libmaas/client/testing";
 * const params: StorageLayoutParams = { rootSize: 40e9, vgName: "vg0", lvSize: { percent: 80 } };
 * ```
 */
export interface StorageLayoutParams {
  /** A separate /boot partition of this size (the bcache layout makes a 1 GiB one by default). */
  bootSize?: LayoutSize;
  /** Size of the root partition (the rest of the disk by default). */
  rootSize?: LayoutSize;
  /** Id of the physical block device for the root partition (the boot disk by default). */
  rootDevice?: number;
  /** Volume group name of the lvm layout (`vgroot`). */
  vgName?: string;
  /** Logical volume name of the lvm layout (`lvroot`). */
  lvName?: string;
  /** Logical volume size of the lvm layout (the whole group by default). */
  lvSize?: LayoutSize;
  /** Id of the cache device of the bcache layout (the smallest other disk tagged `ssd`). */
  cacheDevice?: number;
  /** Cache mode of the bcache layout (`writethrough`). */
  cacheMode?: string;
  /** Size of the cache partition of the bcache layout (the whole cache device by default). */
  cacheSize?: LayoutSize;
  /** Use the whole cache device, without a partition table. */
  cacheNoPart?: boolean;
}

/** A size in bytes: `size` itself, or its share of `whole`. */
function bytesOf(size: LayoutSize | undefined, whole: number): number | undefined {
  if (size === undefined || typeof size === "number") return size;
  return alignDown(whole * size.percent / 100);
}

/**
 * Clears a machine's storage configuration as MAAS does before commissioning or a new layout:
 * every partition table, filesystem, special filesystem and virtual device goes; the physical
 * disks stay.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "@libmaas/client/testing";
 * import { clearStorage } from "./layouts.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * clearStorage(state, machine);
 * console.log(state.storage.of(machine.data.system_id).partitions.size); // 0
 * state.stop();
 * ```
 */
export function clearStorage(state: SimulatorState, machine: SimMachine): void {
  const storage = state.storage.of(machine.data.system_id);
  storage.clear();
}

/**
 * Lays out a machine's storage the way MAAS's `set_storage_layout` does: `flat`, `lvm`, `bcache`
 * (flat when there is no SSD to cache on), `vmfs6`, `vmfs7` or `blank`, after clearing what was
 * there. Answers the layout applied. Validation of the parameters is the caller's; a machine
 * without a boot disk is a 400, as on MAAS.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "@libmaas/client/testing";
 * import { applyStorageLayout } from "./layouts.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * if (state.storage.of(machine.data.system_id).bootDisk()) {
 *   applyStorageLayout(state, machine, "lvm", { vgName: "vg0" });
 *   console.log(state.storage.of(machine.data.system_id).groups.size); // 1
 * }
 * state.stop();
 * ```
 */
export function applyStorageLayout(
  state: SimulatorState,
  machine: SimMachine,
  name: StorageLayoutName,
  params: StorageLayoutParams = {},
): StorageLayoutName {
  const storage = state.storage.of(machine.data.system_id);
  const host = hostOf(machine);
  const boot = storage.bootDisk();
  if (name !== "blank" && !boot) {
    throw ReplyError.badRequest(
      "Machine is missing a boot disk; no storage layout can be applied.",
    );
  }
  storage.clear();
  if (name === "blank") return name;
  const builder = new LayoutBuilder(state, storage, host, boot!);
  if (name === "vmfs6" || name === "vmfs7") {
    builder.vmfs(name, params.rootSize);
    return name;
  }
  const cache = name === "bcache" ? builder.cacheDevice(params.cacheDevice) : undefined;
  const applied = name === "bcache" && !cache ? "flat" : name;
  const root = builder.base(applied, params);
  if (applied === "flat") {
    builder.mounted({ kind: "partition", id: root.id }, "ext4", "root", "/");
  } else if (applied === "lvm") {
    const group = builder.group("lvm-vg", params.vgName ?? "vgroot", root, "lvm-pv");
    const volume = storage.addDevice({
      name: params.lvName ?? "lvroot",
      uuid: state.random.uuid(),
      size: alignDown(bytesOf(params.lvSize, storage.groupSize(group)) ?? storage.groupSize(group)),
      blockSize: 4096,
      groupId: group.id,
    });
    builder.mounted({ kind: "device", id: volume.id }, "ext4", "root", "/");
  } else {
    const target: StorageTarget = params.cacheNoPart ? { kind: "device", id: cache!.id } : {
      kind: "partition",
      id: storage.addPartition(cache!, host, {
        size: bytesOf(params.cacheSize, storage.tableAvailable(cache!, host)),
        uuid: state.random.uuid(),
      }).id,
    };
    const cacheSet = storage.addCacheSet();
    storage.addFilesystem(target, {
      fstype: "bcache-cache",
      uuid: state.random.uuid(),
      cacheSetId: cacheSet.id,
    });
    const group = builder.group("bcache", "bcache0", root, "bcache-backing", {
      cacheMode: params.cacheMode ?? "writethrough",
      cacheSetId: cacheSet.id,
    });
    builder.mounted(builder.deviceOf(group), "ext4", "root", "/");
  }
  return applied;
}

/** Builds one layout on a cleared machine. */
class LayoutBuilder {
  readonly #state: SimulatorState;
  readonly #storage: NodeStorage;
  readonly #host: StorageHost;
  readonly #boot: SimBlockDevice;

  constructor(
    state: SimulatorState,
    storage: NodeStorage,
    host: StorageHost,
    boot: SimBlockDevice,
  ) {
    this.#state = state;
    this.#storage = storage;
    this.#host = host;
    this.#boot = boot;
  }

  /** A formatted, mounted filesystem with a label. */
  mounted(target: StorageTarget, fstype: string, label: string, mountPoint: string): void {
    this.#storage.addFilesystem(target, {
      fstype,
      label,
      uuid: this.#state.random.uuid(),
      mountPoint,
    });
  }

  partition(device: SimBlockDevice, size?: number, bootable = false): SimPartition {
    return this.#storage.addPartition(device, this.#host, {
      size,
      bootable,
      uuid: this.#state.random.uuid(),
    });
  }

  /** The partitions every layout starts with (EFI or /boot), and the root partition. */
  base(layout: string, params: StorageLayoutParams): SimPartition {
    const storage = this.#storage;
    const boot = this.#boot;
    boot.partitionTableType = "GPT";
    const arch = this.#host.architecture.split("/")[0];
    const bootSize = bytesOf(params.bootSize, boot.size - EFI_PARTITION_SIZE) ??
      (layout === "bcache" ? 1024 ** 3 : 0);
    if (this.#host.biosBootMethod === "uefi" && arch !== "ppc64el") {
      const efi = this.partition(boot, EFI_PARTITION_SIZE, true);
      this.mounted({ kind: "partition", id: efi.id }, "fat32", "efi", "/boot/efi");
    } else if (arch === "arm64" && params.bootSize === undefined) {
      const partition = this.partition(boot, DEFAULT_BOOT_SIZE, true);
      this.mounted({ kind: "partition", id: partition.id }, "ext4", "boot", "/boot");
    }
    if (bootSize > 0) {
      const partition = this.partition(boot, bootSize, true);
      this.mounted({ kind: "partition", id: partition.id }, "ext4", "boot", "/boot");
    }
    const rootDevice = params.rootDevice === undefined
      ? boot
      : storage.devices.get(params.rootDevice) ?? boot;
    const rootSize = bytesOf(params.rootSize, storage.tableAvailable(rootDevice, this.#host));
    return this.partition(rootDevice, rootSize);
  }

  /** The smallest other disk tagged `ssd`, or the one asked for. */
  cacheDevice(id: number | undefined): SimBlockDevice | undefined {
    if (id !== undefined) return this.#storage.devices.get(id);
    return [...this.#storage.devices.values()]
      .filter((device) =>
        device.type === "physical" && device.id !== this.#boot.id && device.tags.includes("ssd")
      )
      .sort((a, b) => a.size - b.size)[0];
  }

  /** A group of one member, with the device it makes (volume groups make none). */
  group(
    type: "lvm-vg" | "bcache" | "vmfs6",
    name: string,
    member: SimPartition,
    fstype: string,
    bcache: { cacheMode?: string; cacheSetId?: number } = {},
  ): SimStorageGroup {
    const storage = this.#storage;
    const random = this.#state.random;
    const group = storage.addGroup({
      type,
      name,
      uuid: random.uuid(),
      cacheMode: bcache.cacheMode ?? null,
      cacheSetId: bcache.cacheSetId ?? null,
    });
    storage.addFilesystem({ kind: "partition", id: member.id }, {
      fstype,
      uuid: random.uuid(),
      groupId: group.id,
    });
    if (type !== "lvm-vg") storage.addDevice({ name, uuid: random.uuid(), groupId: group.id });
    return group;
  }

  deviceOf(group: SimStorageGroup): StorageTarget {
    return { kind: "device", id: this.#storage.devicesOf(group.id)[0].id };
  }

  /** The VMware ESXi image's partitions, and the first datastore on the one left to fill. */
  vmfs(name: "vmfs6" | "vmfs7", rootSize: LayoutSize | undefined): void {
    const boot = this.#boot;
    boot.partitionTableType = "GPT";
    let datastore: SimPartition | undefined;
    for (const base of VMFS_BASE[name]) {
      const partition = this.#storage.addPartition(boot, this.#host, {
        size: base.size,
        bootable: base.bootable,
        uuid: this.#state.random.uuid(),
        index: base.index,
      });
      if (base.size === 0) datastore = partition;
    }
    const rest = this.#storage.tableAvailable(boot, this.#host);
    datastore!.size = bytesOf(rootSize, rest) ?? rest;
    const group = this.group("vmfs6", "datastore1", datastore!, "vmfs6");
    this.#storage.addFilesystem(this.deviceOf(group), {
      fstype: "vmfs6",
      uuid: this.#state.random.uuid(),
      mountPoint: "/vmfs/volumes/datastore1",
    });
  }
}
