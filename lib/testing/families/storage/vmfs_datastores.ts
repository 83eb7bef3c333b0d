/**
 * `nodes/{system_id}/vmfs-datastores/` and `nodes/{system_id}/vmfs-datastore/{id}/`: the VMFS
 * datastores of a machine that will run VMware ESXi, once the VMFS6 or VMFS7 layout is applied.
 *
 * @module
 */

import { deleted, json } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { modelError } from "./forms.ts";
import type { SimStorageGroup } from "./model.ts";
import { vmfsDatastoreJson } from "./render.ts";
import {
  groupOr404,
  join,
  leave,
  machineScope,
  makeGroup,
  membersFrom,
  READY,
  requireStatus,
  type StorageScope,
} from "./scope.ts";
import { groupForm, keptMembers, memberUpdate } from "./volume_groups.ts";

function render(scope: StorageScope, group: SimStorageGroup): Record<string, unknown> {
  return vmfsDatastoreJson(scope.line, scope.storage, scope.host, group);
}

/** The filesystem ESXi mounts a datastore with, on the block device the datastore makes. */
function mountDatastore(scope: StorageScope, group: SimStorageGroup): void {
  const [device] = scope.storage.devicesOf(group.id);
  scope.storage.removeFilesystemOn({ kind: "device", id: device.id });
  scope.storage.addFilesystem({ kind: "device", id: device.id }, {
    fstype: "vmfs6",
    uuid: scope.uuid(),
    mountPoint: `/vmfs/volumes/${group.name}`,
  });
}

/**
 * The VMFS datastores of a machine.
 *
 * @example
 * ```ts
 * import { vmfsDatastoresHandler } from "./vmfs_datastores.ts";
 * console.log(vmfsDatastoresHandler().name); // "VmfsDatastoresHandler"
 * ```
 */
export function vmfsDatastoresHandler(): HandlerSpec<AuthContext> {
  return {
    name: "VmfsDatastoresHandler",
    doc: "Manage the VMFS datastores of a machine that will run VMware ESXi.",
    actions: {
      "GET read": {
        doc: "List the VMFS datastores of the machine.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json(scope.storage.groupsOfKind("vmfs6").map((group) => render(scope, group)));
        },
      },
      "POST create": {
        doc: "Create a VMFS datastore (administrators only, Ready machines with the VMFS6 or " +
          "VMFS7 layout only). Each block device is partitioned whole, as VMware does.\n\n" +
          ":param name: Required. The datastore's name.\n" +
          ":param uuid: Optional. The datastore's UUID.\n" +
          ":param block_devices: Optional. An unused block device, by id or name; repeat for " +
          "several.\n" +
          ":param partitions: Optional. An unused partition, by id or name; repeat for several.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot create VMFS group because the machine is not Ready.");
          const { name, uuid, devices, partitions } = groupForm(ctx.data, scope, (form) => {
            if (!scope.storage.vmfsLayout()) {
              form.add(
                "VMFS",
                "VMFS Datastores may only be created after the VMFS6 or VMFS7 storage layout " +
                  "has been applied.",
              );
            }
          });
          const group = makeGroup(scope, {
            type: "vmfs6",
            name,
            uuid,
            members: membersFrom(scope, devices, partitions, "vmfs6", true),
          });
          mountDatastore(scope, group);
          return json(render(scope, group));
        },
      },
    },
  };
}

/**
 * One VMFS datastore of a machine, by id or name.
 *
 * @example
 * ```ts
 * import { vmfsDatastoreHandler } from "./vmfs_datastores.ts";
 * console.log(Object.keys(vmfsDatastoreHandler().actions).length); // 3
 * ```
 */
export function vmfsDatastoreHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "VMFS", "vmfs6");
  return {
    name: "VmfsDatastoreHandler",
    doc: "Manage one VMFS datastore of a machine.",
    actions: {
      "GET read": {
        doc: "Read a VMFS datastore, by id or name.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          return json(render(scope, group));
        },
      },
      "PUT update": {
        doc: "Rename a VMFS datastore or change its extents (administrators only, Ready " +
          "machines only). A datastore's extents are partitions: block devices added are " +
          "partitioned whole, and none can be taken out as a block device.\n\n" +
          ":param name: Optional. A new name.\n" +
          ":param uuid: Optional. A new UUID.\n" +
          ":param add_block_devices: Optional. An unused block device to add; repeat for " +
          "several.\n" +
          ":param add_partitions: Optional. An unused partition to add; repeat for several.\n" +
          ":param remove_partitions: Optional. A partition of the datastore to take out; " +
          "repeat for several.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot update the VMFS datastore because the machine is not Ready.",
          );
          const change = memberUpdate(ctx.data, scope, group);
          change.form.check();
          const remove = change.remove.filter((target) => target.kind === "partition");
          const kept = keptMembers(scope, group.id, remove);
          if (kept.length + change.addDevices.length + change.addPartitions.length === 0) {
            throw modelError("At least one filesystem must have been added.");
          }
          leave(scope, remove);
          const added = membersFrom(scope, change.addDevices, change.addPartitions, "vmfs6", true);
          for (const member of added) join(scope, member, group.id);
          if (change.name) group.name = change.name;
          if (change.uuid) group.uuid = change.uuid;
          return json(render(scope, group));
        },
      },
      "DELETE delete": {
        doc: "Delete a VMFS datastore (administrators only, Ready machines only).",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(
            scope,
            READY,
            "Cannot delete VMFS datastore because the machine is not Ready.",
          );
          scope.storage.removeGroup(group.id);
          return deleted();
        },
      },
    },
  };
}
