/**
 * `nodes/{system_id}/volume-groups/` and `nodes/{system_id}/volume-groups/{id}/`: a machine's LVM
 * volume groups and their logical volumes; and the create form VMFS datastores share with them.
 *
 * @module
 */

import { getMandatoryParam } from "../../maas_forms.ts";
import type { Fields } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { modelError, StorageForm } from "./forms.ts";
import {
  alignDown,
  groupSizeFrom,
  MIN_DEVICE_SIZE,
  type SimStorageGroup,
  type StorageTarget,
} from "./model.ts";
import { blockDeviceJson, volumeGroupJson } from "./render.ts";
import {
  deviceChoices,
  groupOr404,
  join,
  leave,
  machineScope,
  makeGroup,
  type Member,
  memberChoices,
  membersFrom,
  partitionChoices,
  READY,
  requireStatus,
  type StorageScope,
} from "./scope.ts";

function render(scope: StorageScope, group: SimStorageGroup): Record<string, unknown> {
  return volumeGroupJson(scope.line, scope.storage, scope.host, group);
}

/**
 * The create form of volume groups and VMFS datastores: a name, a UUID, and at least one unused
 * block device or partition, by id or name (`extra` adds the datastore's own checks).
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { groupForm } from "./volume_groups.ts";
 * import { machineScope } from "./scope.ts";
 * const read = (ctx: AuthContext) => groupForm(ctx.data, machineScope(ctx)).name;
 * ```
 */
export function groupForm(
  data: Fields,
  scope: StorageScope,
  extra?: (form: StorageForm) => void,
): { name: string; uuid?: string; devices: number[]; partitions: number[] } {
  const form = new StorageForm(data);
  const name = form.string("name", true);
  const uuid = form.uuid("uuid");
  const devices = form.pickMany("block_devices", deviceChoices(scope, scope.storage.freeDevices()));
  const partitions = form.pickMany(
    "partitions",
    partitionChoices(scope, scope.storage.freePartitions()),
  );
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

/**
 * What the update forms of volume groups and datastores share: a new name and UUID, and the
 * members to add (free block devices and partitions) and remove (the group's own).
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { groupOr404 } from "./scope.ts";
 * import { memberUpdate } from "./volume_groups.ts";
 * const read = (ctx: AuthContext) => {
 *   const { scope, group } = groupOr404(ctx, "VolumeGroup", "lvm-vg");
 *   return memberUpdate(ctx.data, scope, group).remove.length;
 * };
 * ```
 */
export function memberUpdate(
  data: Fields,
  scope: StorageScope,
  group: SimStorageGroup,
): {
  form: StorageForm;
  name?: string;
  uuid?: string;
  addDevices: number[];
  addPartitions: number[];
  remove: StorageTarget[];
} {
  const { storage } = scope;
  const form = new StorageForm(data);
  const name = form.value("name");
  const uuid = form.uuid("uuid");
  const addDevices = form.pickMany(
    "add_block_devices",
    deviceChoices(scope, storage.freeDevices()),
  );
  const removeDevices = form.pickMany(
    "remove_block_devices",
    memberChoices(scope, group.id, "device"),
  );
  const addPartitions = form.pickMany(
    "add_partitions",
    partitionChoices(scope, storage.freePartitions()),
  );
  const removePartitions = form.pickMany(
    "remove_partitions",
    memberChoices(scope, group.id, "partition"),
  );
  return {
    form,
    name,
    uuid,
    addDevices,
    addPartitions,
    remove: [
      ...removeDevices.map((id): StorageTarget => ({ kind: "device", id })),
      ...removePartitions.map((id): StorageTarget => ({ kind: "partition", id })),
    ],
  };
}

/**
 * The members of a group once some are taken out: the rest, with their types and sizes.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { keptMembers } from "./volume_groups.ts";
 * const count = (scope: StorageScope) => keptMembers(scope, 1, []).length;
 * ```
 */
export function keptMembers(
  scope: StorageScope,
  groupId: number,
  remove: readonly StorageTarget[],
): { target: StorageTarget; fstype: string; size: number }[] {
  const { storage } = scope;
  const kept = [];
  for (const fs of storage.membersOf(groupId)) {
    const target = storage.targetOf(fs)!;
    if (remove.some((other) => other.kind === target.kind && other.id === target.id)) continue;
    kept.push({ target, ...storage.memberOf(fs) });
  }
  return kept;
}

/**
 * The LVM volume groups of a machine.
 *
 * @example
 * ```ts
 * import { volumeGroupsHandler } from "./volume_groups.ts";
 * console.log(volumeGroupsHandler().name); // "VolumeGroupsHandler"
 * ```
 */
export function volumeGroupsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "VolumeGroupsHandler",
    doc: "Manage the LVM volume groups of a machine.",
    actions: {
      "GET read": {
        doc: "List the volume groups of the machine.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json(scope.storage.groupsOfKind("lvm-vg").map((group) => render(scope, group)));
        },
      },
      "POST create": {
        doc: "Create a volume group (administrators only, Ready machines only) of unused block " +
          "devices and partitions; the boot disk is given a partition first.\n\n" +
          ":param name: Required. The group's name (vg0).\n" +
          ":param uuid: Optional. The group's UUID.\n" +
          ":param block_devices: Optional. An unused block device, by id or name; repeat for " +
          "several.\n" +
          ":param partitions: Optional. An unused partition, by id or name (sda-part1); repeat " +
          "for several.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot create volume group because the machine is not Ready.",
          );
          const { name, uuid, devices, partitions } = groupForm(ctx.data, scope);
          const group = makeGroup(scope, {
            type: "lvm-vg",
            name,
            uuid,
            members: membersFrom(scope, devices, partitions, "lvm-pv"),
          });
          return json(render(scope, group));
        },
      },
    },
  };
}

/**
 * One LVM volume group of a machine, by id or name, and its logical volumes.
 *
 * @example
 * ```ts
 * import { volumeGroupHandler } from "./volume_groups.ts";
 * console.log(Object.keys(volumeGroupHandler().actions).length); // 5
 * ```
 */
export function volumeGroupHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "VolumeGroup", "lvm-vg");
  return {
    name: "VolumeGroupHandler",
    doc: "Manage one LVM volume group of a machine, and its logical volumes.",
    actions: {
      "GET read": {
        doc: "Read a volume group, by id or name.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          return json(render(scope, group));
        },
      },
      "PUT update": {
        doc: "Rename a volume group or change its physical volumes (administrators only, Ready " +
          "machines only). It may not become smaller than its logical volumes.\n\n" +
          ":param name: Optional. A new name.\n" +
          ":param uuid: Optional. A new UUID.\n" +
          ":param add_block_devices: Optional. An unused block device to add; repeat for " +
          "several.\n" +
          ":param remove_block_devices: Optional. A block device of the group to take out; " +
          "repeat for several.\n" +
          ":param add_partitions: Optional. An unused partition to add; repeat for several.\n" +
          ":param remove_partitions: Optional. A partition of the group to take out; repeat " +
          "for several.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot update volume group because the machine is not Ready.",
          );
          const change = memberUpdate(ctx.data, scope, group);
          change.form.check();
          const kept = keptMembers(scope, group.id, change.remove);
          if (kept.length + change.addDevices.length + change.addPartitions.length === 0) {
            throw modelError("At least one filesystem must have been added.");
          }
          const added = [
            ...change.addDevices.map((id) => ({
              fstype: "lvm-pv",
              size: storage.targetSize({ kind: "device", id }),
            })),
            ...change.addPartitions.map((id) => ({
              fstype: "lvm-pv",
              size: storage.targetSize({ kind: "partition", id }),
            })),
          ];
          if (groupSizeFrom("lvm-vg", [...kept, ...added]) < storage.allocated(group)) {
            throw ReplyError.badRequest("Volume group cannot be smaller than its logical volumes.");
          }
          leave(scope, change.remove);
          const members: Member[] = membersFrom(
            scope,
            change.addDevices,
            change.addPartitions,
            "lvm-pv",
          );
          for (const member of members) join(scope, member, group.id);
          if (change.name) group.name = change.name;
          if (change.uuid) group.uuid = change.uuid;
          return json(render(scope, group));
        },
      },
      "DELETE delete": {
        doc: "Delete a volume group that has no logical volumes (administrators only, Ready " +
          "machines only).",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot delete volume group because the machine is not Ready.",
          );
          if (scope.storage.devicesOf(group.id).length > 0) {
            throw ReplyError.badRequest(
              "This volume group has logical volumes; it cannot be deleted.",
            );
          }
          scope.storage.removeGroup(group.id);
          return deleted();
        },
      },
      "POST create_logical_volume": {
        doc: "Create a logical volume (administrators only, Ready machines only).\n\n" +
          ":param name: Required. The volume's name (its block device is named VG-NAME).\n" +
          ":param uuid: Optional. The volume's UUID.\n" +
          ":param size: Optional. Its size in bytes, at least 4 MiB; all the free space of " +
          "the group when absent.\n:type size: Int",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot create logical volume because the machine is not Ready.",
          );
          const free = storage.free(group);
          const form = new StorageForm(ctx.data);
          const name = form.string("name", true);
          const uuid = form.uuid("uuid");
          let size: number | undefined;
          if (free < MIN_DEVICE_SIZE) {
            form.add(
              "__all__",
              `Volume group (${group.name}) cannot hold any more logical volumes, because it ` +
                "doesn't have enough free space.",
            );
          } else size = form.bytes("size", { min: MIN_DEVICE_SIZE, max: free });
          if (name !== undefined) {
            for (const device of storage.devices.values()) {
              if (storage.storedName(device) === name) {
                form.add("__all__", "Block device with this Node config and Name already exists.");
                break;
              }
            }
          }
          form.check();
          const device = storage.addDevice({
            name,
            uuid: uuid ?? scope.uuid(),
            size: alignDown(size ?? free),
            blockSize: 4096,
            groupId: group.id,
          });
          return json(blockDeviceJson(scope.line, storage, scope.host, device));
        },
      },
      "POST delete_logical_volume": {
        doc: "Delete a logical volume of the group (administrators only, Ready machines only); " +
          "a missing one is not an error.\n\n" +
          ":param id: Required. The id of the logical volume's block device.\n:type id: Int",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot delete logical volume because the machine is not Ready.",
          );
          const id = Number(getMandatoryParam(ctx.data, "id"));
          const volume = scope.storage.devices.get(id);
          if (volume?.groupId === group.id) scope.storage.removeDevice(id);
          return deleted();
        },
      },
    },
  };
}
