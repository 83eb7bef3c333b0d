/**
 * The filesystem operations block devices and partitions share — `format`, `unformat`, `mount`,
 * `unmount` — with MAAS's forms, checks and messages, and the special filesystems (tmpfs, ramfs)
 * a machine's `mount_special` and `unmount_special` keep.
 *
 * @module
 */

import type { Fields } from "../../maas_forms.ts";
import { ReplyError } from "../../reply.ts";
import { modelError, StorageForm } from "./forms.ts";
import type { NodeStorage, SimFilesystem, StorageTarget } from "./model.ts";
import { niceName, type StorageScope } from "./scope.ts";

/** The filesystems `format` makes (MAAS's user-formattable types). */
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

/**
 * What `format` reads, in the family's words, for the describe document.
 *
 * @example
 * ```ts
 * import { FORMAT_PARAMS } from "./filesystems.ts";
 * console.log(FORMAT_PARAMS.startsWith(":param fstype: Required.")); // true
 * ```
 */
export const FORMAT_PARAMS: string =
  ":param fstype: Required. The filesystem to make: ext2, ext4, " +
  "xfs, fat32, vfat, swap, ramfs, tmpfs, btrfs or zfsroot.\n" +
  ":param uuid: Optional. The new filesystem's UUID (MAAS makes one when absent).\n" +
  ":param label: Optional. The new filesystem's label.";

/**
 * What `mount` reads, in the family's words, for the describe document.
 *
 * @example
 * ```ts
 * import { MOUNT_PARAMS } from "./filesystems.ts";
 * console.log(MOUNT_PARAMS.includes(":param mount_options:")); // true
 * ```
 */
export const MOUNT_PARAMS: string =
  ":param mount_point: Required. Where to mount it, an absolute path (swap takes none).\n" +
  ":param mount_options: Optional. Options passed to mount(8), such as noatime.";

/**
 * Formats a block device or partition (`FormatBlockDeviceForm`, `FormatPartitionForm`): the
 * fstype must be one MAAS makes; a label left out is `""`.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { FormFields } from "../../request.ts";
 * import { format } from "./filesystems.ts";
 * const swap = (scope: StorageScope, id: number) =>
 *   format(scope, { kind: "device", id }, new FormFields([["fstype", "swap"]]));
 * ```
 */
export function format(scope: StorageScope, target: StorageTarget, data: Fields): void {
  const { storage } = scope;
  const what = target.kind === "device" ? "block device" : "partition";
  const form = new StorageForm(data);
  const fstype = form.choice("fstype", FORMAT_TYPES, true);
  const uuid = form.uuid("uuid");
  const label = form.string("label");
  if (target.kind === "device" && fstype !== undefined) {
    if (storage.devices.get(target.id)?.partitionTableType) {
      form.add("__all__", "Cannot format block device with a partition table.");
    }
  }
  if (target.kind === "partition" && storage.isVmfsBase(storage.partitions.get(target.id)!)) {
    form.add("VMFS", "Base VMFS partitions may not be formatted.");
  }
  form.check();
  const current = storage.filesystemOn(target);
  if (current && !FORMAT_TYPES.includes(current.fstype)) {
    throw ReplyError.badRequest(
      `Cannot format a ${what} that has a filesystem type of ${current.fstype}.`,
    );
  }
  if (target.kind === "device" && target.id === storage.bootDisk()?.id) {
    throw modelError(
      "Cannot place filesystem directly on the boot disk. Create a partition on the boot disk " +
        "first and then format the partition.",
    );
  }
  storage.removeFilesystemOn(target);
  storage.addFilesystem(target, {
    fstype: fstype!,
    uuid: uuid ?? scope.uuid(),
    label: label ?? "",
  });
}

/**
 * Removes the filesystem of a block device or partition: not a mounted one, nor one that makes
 * it a member of a group or cache set.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { unformat } from "./filesystems.ts";
 * const wipe = (scope: StorageScope, id: number) => unformat(scope, { kind: "partition", id });
 * ```
 */
export function unformat(scope: StorageScope, target: StorageTarget): void {
  const { storage } = scope;
  const what = target.kind === "device" ? "block device" : "partition";
  const fs = storage.filesystemOn(target);
  if (!fs) {
    throw ReplyError.badRequest(
      `${target.kind === "device" ? "Block device" : "Partition"} is not formatted.`,
    );
  }
  if (fs.mountPoint !== null) {
    throw ReplyError.badRequest(
      `Filesystem is mounted and cannot be unformatted. Unmount the filesystem before ` +
        `unformatting the ${what}.`,
    );
  }
  const membership = storage.membership(target);
  if (membership) {
    const nice = membership.group ? niceName(membership.group) : "cache set";
    throw ReplyError.badRequest(
      `Filesystem is part of a ${nice}, and cannot be unformatted. Remove ${what} from ${nice} ` +
        `before unformatting the ${what}.`,
    );
  }
  storage.filesystems.delete(fs.id);
}

/** Whether another filesystem of the node is mounted at `point`. */
function mountedElsewhere(storage: NodeStorage, point: string, except?: SimFilesystem): boolean {
  for (const fs of storage.filesystems.values()) {
    if (fs !== except && fs.mountPoint === point) return true;
  }
  return false;
}

/**
 * Mounts the filesystem of a block device or partition (`MountFilesystemForm`): at an absolute
 * path, or `none` for swap; not where another filesystem of the machine is mounted.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { FormFields } from "../../request.ts";
 * import { mount } from "./filesystems.ts";
 * const srv = (scope: StorageScope, id: number) =>
 *   mount(scope, { kind: "device", id }, new FormFields([["mount_point", "/srv"]]));
 * ```
 */
export function mount(scope: StorageScope, target: StorageTarget, data: Fields): void {
  const { storage } = scope;
  const form = new StorageForm(data);
  const fs = storage.filesystemOn(target);
  const usesMountPoint = fs !== undefined && fs.fstype !== "swap";
  const mountPoint = fs ? form.absolutePath("mount_point", usesMountPoint) : undefined;
  // MountFilesystemForm's mount_options is an optional CharField: left out, it is "".
  const mountOptions = form.data.get("mount_options") ?? "";
  if (!fs) form.add("__all__", "Cannot mount an unformatted partition or block device.");
  else if (storage.membership(target)) {
    form.add("__all__", "Filesystem is part of a filesystem group, and cannot be mounted.");
  }
  form.check();
  const point = usesMountPoint ? mountPoint! : "none";
  if (usesMountPoint && mountedElsewhere(storage, point, fs)) {
    throw modelError(`Another filesystem is already mounted at ${point}.`);
  }
  fs!.mountPoint = point;
  fs!.mountOptions = mountOptions;
}

/**
 * Unmounts the filesystem of a block device or partition.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { unmount } from "./filesystems.ts";
 * const off = (scope: StorageScope, id: number) => unmount(scope, { kind: "device", id });
 * ```
 */
export function unmount(scope: StorageScope, target: StorageTarget): void {
  const fs = scope.storage.filesystemOn(target);
  if (!fs) {
    throw ReplyError.badRequest(
      `${target.kind === "device" ? "Block device" : "Partition"} is not formatted.`,
    );
  }
  if (fs.mountPoint === null) throw ReplyError.badRequest("Filesystem is already unmounted.");
  fs.mountPoint = null;
  fs.mountOptions = null;
}

/**
 * Mounts a special filesystem (tmpfs, ramfs) on a machine, as its `mount_special` does once the
 * form is valid.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { mountSpecial } from "./filesystems.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * mountSpecial(storage, { fstype: "tmpfs", mountPoint: "/tmp", uuid: "u" });
 * console.log(storage.specialFilesystems().length); // 1
 * ```
 */
export function mountSpecial(
  storage: NodeStorage,
  fields: { fstype: string; mountPoint: string; mountOptions?: string | null; uuid: string },
): SimFilesystem {
  return storage.addFilesystem(null, {
    fstype: fields.fstype,
    uuid: fields.uuid,
    mountPoint: fields.mountPoint,
    mountOptions: fields.mountOptions ?? null,
  });
}

/**
 * Unmounts the special filesystem mounted at `mountPoint`; answers whether there was one.
 *
 * @example
 * ```ts
 * import { StorageSection } from "@libmaas/client/testing";
 * import { unmountSpecial } from "./filesystems.ts";
 * let id = 0;
 * console.log(unmountSpecial(new StorageSection(() => ++id).of("abc123"), "/tmp")); // false
 * ```
 */
export function unmountSpecial(storage: NodeStorage, mountPoint: string): boolean {
  for (const fs of storage.specialFilesystems()) {
    if (fs.mountPoint === mountPoint) return storage.filesystems.delete(fs.id);
  }
  return false;
}
