/**
 * `nodes/{system_id}/raids/` and `nodes/{system_id}/raid/{id}/`: a machine's software RAIDs,
 * with MAAS's member counts per level.
 *
 * @module
 */

import { deleted, json } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { modelError, StorageForm } from "./forms.ts";
import type { SimStorageGroup, SimStorageGroupType, StorageTarget } from "./model.ts";
import { raidJson } from "./render.ts";
import {
  deviceChoices,
  groupOr404,
  join,
  leave,
  machineScope,
  makeGroup,
  type Member,
  memberChoices,
  memberFor,
  membersFrom,
  nextGroupName,
  partitionChoices,
  READY,
  requireStatus,
  type StorageScope,
} from "./scope.ts";

const RAID_LEVELS = ["raid-0", "raid-1", "raid-5", "raid-6", "raid-10"];

/** MAAS's member counts per level: active members at least, and whether spares are allowed. */
const RAID_RULES: Record<string, { min: number; spares: boolean }> = {
  "raid-0": { min: 2, spares: false },
  "raid-1": { min: 2, spares: true },
  "raid-5": { min: 3, spares: true },
  "raid-6": { min: 4, spares: true },
  "raid-10": { min: 3, spares: true },
};

/** MAAS's check of a RAID's members when it is saved. */
function checkRaid(level: string, active: number, spares: number): void {
  const rule = RAID_RULES[level];
  if (active < rule.min || (!rule.spares && spares > 0)) {
    throw modelError(
      `RAID level ${level.slice(5)} must have at least ${rule.min} raid devices and ` +
        (rule.spares ? "any number of spares." : "no spares."),
    );
  }
}

function render(scope: StorageScope, group: SimStorageGroup): Record<string, unknown> {
  return raidJson(scope.line, scope.storage, scope.host, group);
}

const MEMBER_PARAMS = ":param block_devices: Optional. An unused block device to make an active " +
  "member, by id or name; repeat for several.\n" +
  ":param spare_devices: Optional. An unused block device to make a spare; repeat for several.\n" +
  ":param partitions: Optional. An unused partition to make an active member; repeat for " +
  "several.\n" +
  ":param spare_partitions: Optional. An unused partition to make a spare; repeat for several.";

/**
 * The software RAIDs of a machine.
 *
 * @example
 * ```ts
 * import { raidsHandler } from "./raids.ts";
 * console.log(raidsHandler().name); // "RaidsHandler"
 * ```
 */
export function raidsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "RaidsHandler",
    doc: "Manage the software RAIDs of a machine.",
    actions: {
      "GET read": {
        doc: "List the RAIDs of the machine.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json(scope.storage.groupsOfKind("raid").map((group) => render(scope, group)));
        },
      },
      "POST create": {
        doc: "Create a RAID (administrators only, Ready machines only). RAID 0 takes two active " +
          "members or more and no spare; RAID 1 two or more; RAID 5 three; RAID 6 four; RAID 10 " +
          "three. A RAID with the boot disk partitions each of its disks whole.\n\n" +
          ":param name: Optional. The RAID's name (MAAS picks the next free mdN).\n" +
          ":param uuid: Optional. The RAID's UUID.\n" +
          ":param level: Required. raid-0, raid-1, raid-5, raid-6 or raid-10.\n" +
          MEMBER_PARAMS,
        run: (ctx) => {
          const scope = machineScope(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot create RAID because the machine is not Ready.");
          const form = new StorageForm(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const level = form.choice("level", RAID_LEVELS, true);
          const freeDevices = deviceChoices(scope, storage.freeDevices());
          const freePartitions = partitionChoices(scope, storage.freePartitions());
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
          const bootId = storage.bootDisk()?.id;
          const whole = bootId !== undefined &&
            (devices.includes(bootId) || spareDevices.includes(bootId));
          const group = makeGroup(scope, {
            type: level as SimStorageGroupType,
            name: name ?? nextGroupName(scope, "md", "raid"),
            uuid,
            members: [
              ...membersFrom(scope, devices, partitions, "raid", whole),
              ...membersFrom(scope, spareDevices, spareParts, "raid-spare", whole),
            ],
          });
          return json(render(scope, group));
        },
      },
    },
  };
}

/**
 * One software RAID of a machine, by id or name.
 *
 * @example
 * ```ts
 * import { raidHandler } from "./raids.ts";
 * console.log(Object.keys(raidHandler().actions).length); // 3
 * ```
 */
export function raidHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "RAID", "raid");
  return {
    name: "RaidHandler",
    doc: "Manage one software RAID of a machine.",
    actions: {
      "GET read": {
        doc: "Read a RAID, by id or name.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          return json(render(scope, group));
        },
      },
      "PUT update": {
        doc: "Rename a RAID or change its members (administrators only, Ready machines only); " +
          "the level's member counts still hold.\n\n" +
          ":param name: Optional. A new name.\n" +
          ":param uuid: Optional. A new UUID.\n" +
          ":param add_block_devices: Optional. An unused block device to add as an active " +
          "member; repeat for several.\n" +
          ":param remove_block_devices: Optional. An active block device to take out.\n" +
          ":param add_spare_devices: Optional. An unused block device to add as a spare.\n" +
          ":param remove_spare_devices: Optional. A spare block device to take out.\n" +
          ":param add_partitions: Optional. An unused partition to add as an active member.\n" +
          ":param remove_partitions: Optional. An active partition to take out.\n" +
          ":param add_spare_partitions: Optional. An unused partition to add as a spare.\n" +
          ":param remove_spare_partitions: Optional. A spare partition to take out.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot update RAID because the machine is not Ready.");
          const form = new StorageForm(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const freeDevices = deviceChoices(scope, storage.freeDevices());
          const freePartitions = partitionChoices(scope, storage.freePartitions());
          const used = (kind: StorageTarget["kind"]) => memberChoices(scope, group.id, kind);
          const add = (field: string, kind: StorageTarget["kind"], fstype: string): Member[] =>
            form.pickMany(field, kind === "device" ? freeDevices : freePartitions)
              .map((id) => ({ kind, id, fstype }));
          const remove = (field: string, kind: StorageTarget["kind"]): StorageTarget[] =>
            form.pickMany(field, used(kind)).map((id) => ({ kind, id }));
          const added = [
            ...add("add_block_devices", "device", "raid"),
            ...add("add_partitions", "partition", "raid"),
            ...add("add_spare_devices", "device", "raid-spare"),
            ...add("add_spare_partitions", "partition", "raid-spare"),
          ];
          const removed = [
            ...remove("remove_block_devices", "device"),
            ...remove("remove_spare_devices", "device"),
            ...remove("remove_partitions", "partition"),
            ...remove("remove_spare_partitions", "partition"),
          ];
          form.check();
          const kept = storage.membersOf(group.id).filter((fs) => {
            const target = storage.targetOf(fs)!;
            return !removed.some((other) => other.kind === target.kind && other.id === target.id);
          });
          const planned = [...kept, ...added];
          checkRaid(
            group.type,
            planned.filter((member) => member.fstype === "raid").length,
            planned.filter((member) => member.fstype === "raid-spare").length,
          );
          leave(scope, removed);
          const bootId = storage.bootDisk()?.id;
          for (const member of added) {
            const joined = member.kind === "device" && member.id === bootId
              ? memberFor(scope, member.id, member.fstype)
              : member;
            join(scope, joined, group.id);
          }
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          return json(render(scope, group));
        },
      },
      "DELETE delete": {
        doc: "Delete a RAID, with the block device it makes (administrators only, Ready " +
          "machines only).",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot delete RAID because the machine is not Ready.");
          scope.storage.removeGroup(group.id);
          return deleted();
        },
      },
    },
  };
}
