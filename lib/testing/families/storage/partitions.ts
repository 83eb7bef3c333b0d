/**
 * `nodes/{system_id}/blockdevices/{device_id}/partitions/` and `…/partitions/{id}`: the
 * partitions of a block device, with MAAS's size rules, checks and messages.
 *
 * @module
 */

import { missingParam } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { format, FORMAT_PARAMS, mount, MOUNT_PARAMS, unformat, unmount } from "./filesystems.ts";
import { modelError, StorageForm } from "./forms.ts";
import {
  alignDown,
  MAX_MBR_PARTITION_SIZE,
  MIN_DEVICE_SIZE,
  type SimPartition,
  type StorageTarget,
} from "./model.ts";
import { partitionJson } from "./render.ts";
import {
  deviceOr404,
  niceName,
  partitionOr404,
  READY,
  READY_OR_ALLOCATED,
  requireEdit,
  requireStatus,
  type StorageScope,
} from "./scope.ts";

function render(scope: StorageScope, partition: SimPartition): Record<string, unknown> {
  return partitionJson(scope.line, scope.storage, partition);
}

function stateCheck(scope: StorageScope, operation: string): void {
  requireStatus(
    scope,
    READY_OR_ALLOCATED,
    `Cannot ${operation} partition because the node is not Ready or Allocated.`,
  );
}

/**
 * The partitions of a block device.
 *
 * @example
 * ```ts
 * import { partitionsHandler } from "./partitions.ts";
 * console.log(partitionsHandler().name); // "PartitionsHandler"
 * ```
 */
export function partitionsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "PartitionsHandler",
    doc: "Manage the partitions of a block device.",
    actions: {
      "GET read": {
        doc: "List the partitions of a block device.",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx, ctx.params.device_id);
          return json(scope.storage.partitionsOf(device.id).map((p) => render(scope, p)));
        },
      },
      "POST create": {
        doc: "Create a partition (administrators only, Ready machines only); a device without " +
          "a partition table gets a GPT one.\n\n" +
          ":param size: Optional. Its size in bytes, aligned down to 4 MiB; all the free space " +
          "when absent.\n:type size: Int\n" +
          ":param uuid: Optional. The partition's UUID.\n" +
          ":param bootable: Optional. Mark it bootable.\n:type bootable: Boolean",
        run: (ctx) => {
          const { scope, device } = deviceOr404(ctx, ctx.params.device_id);
          const { storage, host } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot create partition because the node is not Ready.");
          const form = new StorageForm(ctx.data);
          const bootable = form.boolean("bootable");
          const uuid = form.uuid("uuid");
          let size = form.bytes("size", { min: MIN_DEVICE_SIZE, max: storage.sizeOf(device) });
          form.check();
          const group = storage.groupOf(device);
          if (group?.type === "lvm-vg") {
            throw modelError(
              "Cannot create a partition table on a logical volume.",
              "block_device",
            );
          }
          if (group?.type === "bcache") {
            throw modelError("Cannot create a partition table on a Bcache volume.", "block_device");
          }
          const available = storage.tableAvailable(device, host);
          if (size !== undefined) {
            size = alignDown(size);
            if (available < size) {
              // MAAS takes a block off a size that would just fit without the table's end.
              const adjusted = size - storage.blockSizeOf(device);
              if (available < adjusted) {
                throw modelError(
                  "Partition cannot be saved; not enough free space on the block device.",
                  "size",
                );
              }
              size = adjusted;
            }
            if (device.partitionTableType === "MBR" && size > MAX_MBR_PARTITION_SIZE) {
              throw modelError(
                "Partition cannot be saved; size is larger than the MBR 2TiB maximum.",
                "size",
              );
            }
          } else if (available < MIN_DEVICE_SIZE) {
            throw modelError(
              `Ensure this value is greater than or equal to ${MIN_DEVICE_SIZE}.`,
              "size",
            );
          }
          const partition = storage.addPartition(device, host, {
            size,
            uuid: uuid ?? scope.uuid(),
            bootable,
          });
          return json(render(scope, partition));
        },
      },
    },
  };
}

/**
 * One partition of a block device, by id or name (`sda-part1`).
 *
 * @example
 * ```ts
 * import { partitionHandler } from "./partitions.ts";
 * console.log(Object.keys(partitionHandler().actions).length); // 8
 * ```
 */
export function partitionHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => {
    const { scope } = deviceOr404(ctx, ctx.params.device_id);
    const partition = partitionOr404(scope.storage, ctx.params.id);
    return { scope, partition, target: { kind: "partition", id: partition.id } as StorageTarget };
  };
  const tags = (ctx: AuthContext, change: (tags: string[], tag: string) => string[]) => {
    const { scope, partition } = find(ctx);
    ctx.requireAdmin();
    const tag = ctx.form.get("tag");
    if (!tag) throw missingParam("tag");
    partition.tags = change(partition.tags, tag);
    return json(render(scope, partition));
  };
  return {
    name: "PartitionHandler",
    doc: "Manage one partition of a block device.",
    actions: {
      "GET read": {
        doc: "Read a partition, by id or name (sda-part1).",
        run: (ctx) => {
          const { scope, partition } = find(ctx);
          return json(render(scope, partition));
        },
      },
      "DELETE delete": {
        doc: "Delete a partition (administrators only, Ready machines only); the partitions " +
          "after it are renumbered. Not one that is part of a group or cache set, nor a base " +
          "partition of a VMFS layout.",
        run: (ctx) => {
          const { scope, device: named } = deviceOr404(ctx, ctx.params.device_id);
          const { storage } = scope;
          ctx.requireAdmin();
          if (named.partitionTableType === null) throw ReplyError.notFound("PartitionTable");
          requireStatus(scope, READY, "Cannot delete block device because the node is not Ready.");
          const partition = partitionOr404(storage, ctx.params.id);
          if (partition.deviceId !== named.id) {
            throw ReplyError.badRequest("Partition doesn't belong to the partition table");
          }
          const membership = storage.membership({ kind: "partition", id: partition.id });
          if (membership) {
            const nice = membership.group ? niceName(membership.group) : "cache set";
            throw ReplyError.badRequest(`Cannot delete partition because its part of a ${nice}.`);
          }
          if (storage.isVmfsBase(partition)) {
            throw ReplyError.badRequest(
              "VMware ESXi partitions may not be removed. To remove select a different storage " +
                "layout.",
            );
          }
          storage.removePartition(partition.id);
          for (const other of storage.partitionsOf(named.id)) {
            if (other.index > partition.index) other.index--;
          }
          return deleted();
        },
      },
      "POST format": {
        doc: "Format a partition (Ready or Allocated machines; the owner or an " +
          "administrator).\n\n" + FORMAT_PARAMS,
        run: (ctx) => {
          const { scope, partition, target } = find(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "format");
          format(scope, target, ctx.data);
          return json(render(scope, partition));
        },
      },
      "POST unformat": {
        doc: "Remove the filesystem of a partition.",
        run: (ctx) => {
          const { scope, partition, target } = find(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "unformat");
          unformat(scope, target);
          return json(render(scope, partition));
        },
      },
      "POST mount": {
        doc: "Mount the filesystem of a partition.\n\n" + MOUNT_PARAMS,
        run: (ctx) => {
          const { scope, partition, target } = find(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "mount");
          mount(scope, target, ctx.data);
          return json(render(scope, partition));
        },
      },
      "POST unmount": {
        doc: "Unmount the filesystem of a partition.",
        run: (ctx) => {
          const { scope, partition, target } = find(ctx);
          requireEdit(ctx, scope);
          stateCheck(scope, "unmount");
          unmount(scope, target);
          return json(render(scope, partition));
        },
      },
      "POST add_tag": {
        doc: "Add a tag to a partition (administrators only).\n\n:param tag: Required. The tag " +
          "to add.",
        run: (ctx) => tags(ctx, (list, tag) => list.includes(tag) ? list : [...list, tag]),
      },
      "POST remove_tag": {
        doc: "Remove a tag from a partition (administrators only).\n\n:param tag: Required. The " +
          "tag to remove.",
        run: (ctx) => tags(ctx, (list, tag) => list.filter((other) => other !== tag)),
      },
    },
  };
}
