/**
 * `nodes/{system_id}/blockdevices/` and `nodes/{system_id}/blockdevices/{id}/`: a machine's block
 * devices, physical and virtual, with MAAS's forms, checks and messages.
 *
 * @module
 */

import { NodeStatus } from "../../inventory.ts";
import { missingParam } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { format, FORMAT_PARAMS, mount, MOUNT_PARAMS, unformat, unmount } from "./filesystems.ts";
import { StorageForm } from "./forms.ts";
import { alignDown, MIN_DEVICE_SIZE, type SimBlockDevice, type StorageTarget } from "./model.ts";
import { statusOf } from "./node.ts";
import { blockDeviceJson, humanBytes } from "./render.ts";
import {
  deviceOr404,
  machineScope,
  niceName,
  READY,
  READY_OR_ALLOCATED,
  requireEdit,
  requireStatus,
  type StorageScope,
} from "./scope.ts";

const MIN_BLOCK_SIZE = 512;
const PARTITION_TABLE_TYPES = ["MBR", "GPT"];

function render(scope: StorageScope, device: SimBlockDevice): Record<string, unknown> {
  return blockDeviceJson(scope.line, scope.storage, scope.host, device);
}

function nameTaken(scope: StorageScope, name: string, except?: SimBlockDevice): boolean {
  for (const device of scope.storage.devices.values()) {
    if (device !== except && scope.storage.storedName(device) === name) return true;
  }
  return false;
}

/** Django's `IntegerField` for a disk's NUMA node, which must be one of the machine's. */
function numaIndex(form: StorageForm, scope: StorageScope): number | undefined {
  const index = form.integer("numa_node", 0);
  if (index === undefined) return undefined;
  const known = scope.machine.data.numanode_set.map((node) => node.index);
  if (!known.includes(index)) {
    form.add("numa_node", "Invalid NUMA node");
    return undefined;
  }
  return index;
}

function stateCheck(scope: StorageScope, operation: string): void {
  requireStatus(
    scope,
    READY_OR_ALLOCATED,
    `Cannot ${operation} block device because the machine is not Ready or Allocated.`,
  );
}

/**
 * The block devices of a machine.
 *
 * @example
 * ```ts
 * import { blockDevicesHandler } from "./block_devices.ts";
 * console.log(blockDevicesHandler().name); // "BlockDevicesHandler"
 * ```
 */
export function blockDevicesHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BlockDevicesHandler",
    doc: "Manage the block devices of a machine.",
    actions: {
      "GET read": {
        doc: "List every block device of the machine, physical and virtual.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json([...scope.storage.devices.values()].map((device) => render(scope, device)));
        },
      },
      "POST create": {
        doc: "Add a physical block device to the machine (administrators only).\n\n" +
          ":param name: Required. The device's name (sdb).\n" +
          ":param model: Optional. Its model; MAAS needs model and serial, or id_path.\n" +
          ":param serial: Optional. Its serial number.\n" +
          ":param id_path: Optional. A fixed by-id path, for disks model and serial cannot " +
          "identify.\n" +
          ":param size: Required. Its size in bytes, at least 4 MiB.\n:type size: Int\n" +
          ":param block_size: Required. Its block size in bytes, at least 512.\n" +
          ":type block_size: Int",
        run: (ctx) => {
          const scope = machineScope(ctx);
          ctx.requireAdmin();
          const form = new StorageForm(ctx.data);
          const name = form.string("name", true);
          const model = form.value("model");
          const serial = form.value("serial");
          const idPath = form.absolutePath("id_path", false);
          const size = form.bytes("size", { required: true, min: MIN_DEVICE_SIZE });
          const blockSize = form.bytes("block_size", { required: true, min: MIN_BLOCK_SIZE });
          const numaNode = numaIndex(form, scope);
          if (!form.has("id_path") && !idPath && !(model && serial)) {
            form.add("__all__", "serial/model are required if id_path is not provided.");
          }
          if (name !== undefined && nameTaken(scope, name)) {
            form.add("__all__", "Block device with this Node config and Name already exists.");
          }
          form.check();
          const device = scope.storage.addDevice({
            type: "physical",
            name,
            idPath: idPath ?? null,
            model: model ?? "",
            serial: serial ?? "",
            size,
            blockSize,
            numaNode: numaNode ?? 0,
          });
          return json(render(scope, device));
        },
      },
    },
  };
}

/** The update forms of a block device: which fields change, checked as MAAS checks them. */
function update(ctx: AuthContext, scope: StorageScope, device: SimBlockDevice): void {
  const { storage } = scope;
  const deployed = statusOf(scope.machine) === NodeStatus.DEPLOYED;
  const physical = device.type === "physical";
  const form = new StorageForm(ctx.data);
  const changes: Partial<SimBlockDevice> = {};
  const name = form.value("name");
  if (name !== undefined) {
    if (nameTaken(scope, name, device)) {
      form.add("__all__", "Block device with this Node config and Name already exists.");
    }
    changes.name = name;
  }
  if (physical) {
    if (form.data.has("model")) changes.model = form.data.get("model") ?? "";
    if (form.data.has("serial")) changes.serial = form.data.get("serial") ?? "";
    if (form.data.has("id_path")) changes.idPath = form.absolutePath("id_path", false) ?? "";
  }
  if (!deployed) {
    const group = storage.groupOf(device);
    const volume = group?.type === "lvm-vg";
    if (physical) {
      const size = form.bytes("size", { min: MIN_DEVICE_SIZE });
      if (size !== undefined) changes.size = size;
      const blockSize = form.bytes("block_size", { min: MIN_BLOCK_SIZE });
      if (blockSize !== undefined) changes.blockSize = blockSize;
      const numa = numaIndex(form, scope);
      if (numa !== undefined) changes.numaNode = numa;
    } else {
      const size = form.bytes("size");
      if (size !== undefined && !volume && size !== storage.sizeOf(device)) {
        form.add("size", "Size cannot be changed on this device.");
      } else if (size !== undefined && volume) {
        changes.size = alignDown(size);
        if (changes.size > storage.free(group!, device.id)) {
          form.add(
            "__all__",
            `There is not enough free space (${humanBytes(changes.size)}) on volume group ${
              group!.name
            }.`,
          );
        }
      }
      const uuid = form.uuid("uuid");
      if (uuid !== undefined) changes.uuid = uuid;
    }
    const tableType = form.choice("partition_table_type", PARTITION_TABLE_TYPES, false);
    if (tableType !== undefined) {
      if (device.partitionTableType === null) {
        form.add("partition_table_type", "Block device has no partition table");
      } else changes.partitionTableType = tableType as "GPT" | "MBR";
    }
  }
  form.check();
  Object.assign(device, changes);
}

/**
 * One block device of a machine, by id or name.
 *
 * @example
 * ```ts
 * import { blockDeviceHandler } from "./block_devices.ts";
 * console.log(Object.keys(blockDeviceHandler().actions).length); // 11
 * ```
 */
export function blockDeviceHandler(): HandlerSpec<AuthContext> {
  const target = (device: SimBlockDevice): StorageTarget => ({ kind: "device", id: device.id });
  return {
    name: "BlockDeviceHandler",
    doc: "Manage one block device of a machine.",
    actions: {
      "GET read": {
        doc: "Read a block device, by id or name.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          return json(render(scope, device));
        },
      },
      "PUT update": {
        doc: "Update a block device (administrators only). On a Ready machine: name, model, " +
          "serial, id_path, size, block_size and numa_node of a physical device; name, uuid " +
          "and size (logical volumes only) of a virtual one; partition_table_type of a device " +
          "that has a table. On a Deployed machine: only name, model, serial and id_path of a " +
          "physical device.\n\n" +
          ":param name: Optional. A new name.\n" +
          ":param model: Optional. A new model (physical devices).\n" +
          ":param serial: Optional. A new serial number (physical devices).\n" +
          ":param id_path: Optional. A new by-id path (physical devices).\n" +
          ":param size: Optional. A new size in bytes (physical devices and logical volumes).\n" +
          ":type size: Int\n" +
          ":param block_size: Optional. A new block size in bytes (physical devices).\n" +
          ":type block_size: Int\n" +
          ":param uuid: Optional. A new UUID (virtual devices).",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          const status = statusOf(scope.machine);
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
          update(ctx, scope, device);
          return json(render(scope, device));
        },
      },
      "DELETE delete": {
        doc: "Delete a block device (administrators only, Ready machines only); not one that is " +
          "part of a RAID, volume group, bcache, cache set or datastore.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot delete block device because the machine is not Ready.",
          );
          const parts: StorageTarget[] = [
            target(device),
            ...storage.partitionsOf(device.id).map((p) => ({
              kind: "partition" as const,
              id: p.id,
            })),
          ];
          for (const part of parts) {
            const membership = storage.membership(part);
            if (membership) {
              const nice = membership.group ? niceName(membership.group) : "cache set";
              throw ReplyError.badRequest(
                `Cannot delete block device because its part of a ${nice}.`,
              );
            }
          }
          const group = storage.groupOf(device);
          if (group && group.type !== "lvm-vg") storage.removeGroup(group.id);
          else storage.removeDevice(device.id);
          return deleted();
        },
      },
      "POST add_tag": {
        doc: "Add a tag to a block device (administrators only, Ready machines only).\n\n" +
          ":param tag: Required. The tag to add.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot update block device because the machine is not Ready.",
          );
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          if (!device.tags.includes(tag)) device.tags = [...device.tags, tag];
          return json(render(scope, device));
        },
      },
      "POST remove_tag": {
        doc: "Remove a tag from a block device (administrators only, Ready machines only).\n\n" +
          ":param tag: Required. The tag to remove.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot update block device because the machine is not Ready.",
          );
          const tag = ctx.form.get("tag");
          if (!tag) throw missingParam("tag");
          device.tags = device.tags.filter((other) => other !== tag);
          return json(render(scope, device));
        },
      },
      "POST format": {
        doc: "Format a whole block device (Ready or Allocated machines; the owner or an " +
          "administrator). Not the boot disk, nor a device with a partition table.\n\n" +
          FORMAT_PARAMS,
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "format");
          format(scope, target(device), ctx.data);
          return json(render(scope, device));
        },
      },
      "POST unformat": {
        doc: "Remove the filesystem of a block device.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "unformat");
          unformat(scope, target(device));
          return json(render(scope, device));
        },
      },
      "POST mount": {
        doc: "Mount the filesystem of a block device.\n\n" + MOUNT_PARAMS,
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "mount");
          mount(scope, target(device), ctx.data);
          return json(render(scope, device));
        },
      },
      "POST unmount": {
        doc: "Unmount the filesystem of a block device.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "unmount");
          unmount(scope, target(device));
          return json(render(scope, device));
        },
      },
      "POST set_boot_disk": {
        doc: "Make a physical block device the machine's boot disk (administrators only, Ready " +
          "machines only). MAAS answers OK.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx);
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot set as boot disk because the machine is not Ready.");
          if (device.type !== "physical") {
            throw ReplyError.badRequest(
              `Cannot set a ${device.type} block device as the boot disk.`,
            );
          }
          scope.storage.bootDiskId = device.id;
          return text("OK", 200, HTML_TYPE);
        },
      },
    },
  };
}
