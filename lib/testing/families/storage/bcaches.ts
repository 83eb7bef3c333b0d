/**
 * `nodes/{system_id}/bcache-cache-sets/`, `…/bcache-cache-set/{id}/`, `…/bcaches/` and
 * `…/bcache/{id}/`: a machine's bcache cache sets and the bcaches that cache on them.
 *
 * @module
 */

import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, HandlerSpec } from "../../routes.ts";
import { type Choice, modelError, StorageForm } from "./forms.ts";
import type { SimCacheSet, SimStorageGroup, StorageTarget } from "./model.ts";
import { bcacheJson, cacheSetJson } from "./render.ts";
import {
  deviceChoices,
  emptyNotFound,
  groupOr404,
  join,
  machineScope,
  makeGroup,
  type Member,
  memberFor,
  nextGroupName,
  partitionChoices,
  READY,
  requireStatus,
  type StorageScope,
} from "./scope.ts";

const CACHE_MODES = ["writeback", "writethrough", "writearound"];

function renderCacheSet(scope: StorageScope, cacheSet: SimCacheSet): Record<string, unknown> {
  return cacheSetJson(scope.line, scope.storage, scope.host, cacheSet);
}

function renderBcache(scope: StorageScope, group: SimStorageGroup): Record<string, unknown> {
  return bcacheJson(scope.line, scope.storage, scope.host, group);
}

/** A cache set of the path's machine by id or by name (`cache0`), or an empty 404. */
function cacheSetOr404(ctx: AuthContext): { scope: StorageScope; cacheSet: SimCacheSet } {
  const scope = machineScope(ctx);
  const { storage } = scope;
  const key = ctx.params.id;
  let cacheSet: SimCacheSet | undefined;
  if (/^\d+$/.test(key)) cacheSet = storage.cacheSets.get(Number(key));
  else {
    const match = /^cache(\d+)$/.exec(key);
    if (match) {
      cacheSet = [...storage.cacheSets.values()].find((candidate) =>
        storage.cacheSetName(candidate) === `cache${Number(match[1])}`
      );
    }
  }
  if (!cacheSet) throw emptyNotFound();
  return { scope, cacheSet };
}

function cacheSetChoices(scope: StorageScope): Choice[] {
  return [...scope.storage.cacheSets.values()].map((cacheSet) => ({
    id: cacheSet.id,
    name: scope.storage.cacheSetName(cacheSet),
  }));
}

/** Moves a member's filesystem (a cache or a backing device) to another device or partition. */
function moveMember(scope: StorageScope, from: StorageTarget, to: Member): void {
  const { storage } = scope;
  const fs = storage.filesystemOn(from);
  if (!fs) return;
  storage.filesystems.delete(fs.id);
  const joined = to.kind === "device" ? memberFor(scope, to.id, to.fstype) : to;
  storage.addFilesystem({ kind: joined.kind, id: joined.id }, {
    fstype: fs.fstype,
    uuid: fs.uuid,
    groupId: fs.groupId,
    cacheSetId: fs.cacheSetId,
  });
}

const CACHE_PARAMS = ":param cache_device: Optional. An unused block device to cache on, by id " +
  "or name.\n" +
  ":param cache_partition: Optional. An unused partition to cache on, by id or name.";

/**
 * The bcache cache sets of a machine.
 *
 * @example
 * ```ts
 * import { bcacheCacheSetsHandler } from "./bcaches.ts";
 * console.log(bcacheCacheSetsHandler().name); // "BcacheCacheSetsHandler"
 * ```
 */
export function bcacheCacheSetsHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcacheCacheSetsHandler",
    doc: "Manage the bcache cache sets of a machine.",
    actions: {
      "GET read": {
        doc: "List the cache sets of the machine.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json(
            [...scope.storage.cacheSets.values()].map((cacheSet) =>
              renderCacheSet(scope, cacheSet)
            ),
          );
        },
      },
      "POST create": {
        doc: "Create a cache set on an unused block device or partition (administrators only, " +
          "Ready machines only); give exactly one.\n\n" + CACHE_PARAMS,
        run: (ctx) => {
          const scope = machineScope(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot create cache set because the node is not Ready.");
          const form = new StorageForm(ctx.data);
          const device = form.pick("cache_device", deviceChoices(scope, storage.freeDevices()));
          const partition = form.pick(
            "cache_partition",
            partitionChoices(scope, storage.freePartitions()),
          );
          if (!form.has("cache_device") && !form.has("cache_partition")) {
            if (device !== undefined && partition !== undefined) {
              form.add("__all__", "Cannot set both cache_device and cache_partition.");
            } else if (device === undefined && partition === undefined) {
              form.add("__all__", "Either cache_device or cache_partition must be specified.");
            }
          }
          form.check();
          const member: Member = device !== undefined
            ? memberFor(scope, device, "bcache-cache")
            : { kind: "partition", id: partition!, fstype: "bcache-cache" };
          const cacheSet = storage.addCacheSet();
          storage.addFilesystem({ kind: member.kind, id: member.id }, {
            fstype: "bcache-cache",
            uuid: scope.uuid(),
            cacheSetId: cacheSet.id,
          });
          return json(renderCacheSet(scope, cacheSet));
        },
      },
    },
  };
}

/**
 * One bcache cache set of a machine, by id or name (`cache0`).
 *
 * @example
 * ```ts
 * import { bcacheCacheSetHandler } from "./bcaches.ts";
 * console.log(Object.keys(bcacheCacheSetHandler().actions).length); // 3
 * ```
 */
export function bcacheCacheSetHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcacheCacheSetHandler",
    doc: "Manage one bcache cache set of a machine.",
    actions: {
      "GET read": {
        doc: "Read a cache set, by id or name (cache0).",
        run: (ctx) => {
          const { scope, cacheSet } = cacheSetOr404(ctx);
          return json(renderCacheSet(scope, cacheSet));
        },
      },
      "PUT update": {
        doc: "Move a cache set to another block device or partition (administrators only, " +
          "Ready machines only).\n\n" + CACHE_PARAMS,
        run: (ctx) => {
          const { scope, cacheSet } = cacheSetOr404(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot update cache set because the machine is not Ready.");
          const cache = storage.cacheOf(cacheSet.id);
          const current = cache ? storage.targetOf(cache) : null;
          const form = new StorageForm(ctx.data);
          const devices = storage.freeDevices();
          const partitions = storage.freePartitions();
          if (current?.kind === "device") devices.push(storage.devices.get(current.id)!);
          if (current?.kind === "partition") partitions.push(storage.partitions.get(current.id)!);
          const device = form.pick("cache_device", deviceChoices(scope, devices));
          const partition = form.pick("cache_partition", partitionChoices(scope, partitions));
          if (device !== undefined && partition !== undefined) {
            const message = "Cannot set both cache_device and cache_partition.";
            form.add("cache_device", message);
            form.add("cache_partition", message);
          }
          form.check();
          const next: Member | undefined = device !== undefined
            ? { kind: "device", id: device, fstype: "bcache-cache" }
            : partition !== undefined
            ? { kind: "partition", id: partition, fstype: "bcache-cache" }
            : undefined;
          if (current && next && !(next.kind === current.kind && next.id === current.id)) {
            moveMember(scope, current, next);
          }
          return json(renderCacheSet(scope, cacheSet));
        },
      },
      "DELETE delete": {
        doc: "Delete a cache set that no bcache uses (administrators only, Ready machines only).",
        run: (ctx) => {
          const { scope, cacheSet } = cacheSetOr404(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot delete cache set because the machine is not Ready.");
          if ([...storage.groups.values()].some((group) => group.cacheSetId === cacheSet.id)) {
            throw ReplyError.badRequest("Cannot delete cache set; it's currently in use.");
          }
          storage.removeCacheSet(cacheSet.id);
          return deleted();
        },
      },
    },
  };
}

const BCACHE_PARAMS = ":param name: Optional. The bcache's name (MAAS picks the next free " +
  "bcacheN).\n" +
  ":param uuid: Optional. The bcache's UUID.\n" +
  ":param cache_set: Required. The cache set to cache on, by id or name (cache0).\n" +
  ":param backing_device: Optional. An unused block device holding the data, by id or name.\n" +
  ":param backing_partition: Optional. An unused partition holding the data, by id or name.\n" +
  ":param cache_mode: Required. writeback, writethrough or writearound.";

/**
 * The bcaches of a machine.
 *
 * @example
 * ```ts
 * import { bcachesHandler } from "./bcaches.ts";
 * console.log(bcachesHandler().name); // "BcachesHandler"
 * ```
 */
export function bcachesHandler(): HandlerSpec<AuthContext> {
  return {
    name: "BcachesHandler",
    doc: "Manage the bcache devices of a machine.",
    actions: {
      "GET read": {
        doc: "List the bcaches of the machine.",
        run: (ctx) => {
          const scope = machineScope(ctx);
          return json(
            scope.storage.groupsOfKind("bcache").map((group) => renderBcache(scope, group)),
          );
        },
      },
      "POST create": {
        doc: "Create a bcache of a backing device or partition cached on a cache set " +
          "(administrators only, Ready machines only).\n\n" + BCACHE_PARAMS,
        run: (ctx) => {
          const scope = machineScope(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot create Bcache because the machine is not Ready.");
          const form = new StorageForm(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const device = form.pick("backing_device", deviceChoices(scope, storage.freeDevices()));
          const partition = form.pick(
            "backing_partition",
            partitionChoices(scope, storage.freePartitions()),
          );
          const cacheSetId = form.pick("cache_set", cacheSetChoices(scope), true);
          const cacheMode = form.choice("cache_mode", CACHE_MODES, true);
          if (cacheSetId === undefined) form.add("__all__", "Bcache requires a cache_set.");
          else if (device !== undefined && partition !== undefined) {
            form.add("__all__", "A Bcache can have either a backing device or partition.");
          } else if (device === undefined && partition === undefined) {
            form.add("__all__", "Either backing_device or backing_partition must be specified.");
          }
          form.check();
          const backing = device === undefined ? undefined : storage.devices.get(device);
          if (backing && storage.isLogicalVolume(backing)) {
            throw modelError("Bcache cannot use a logical volume as a backing device.");
          }
          const member: Member = device !== undefined
            ? memberFor(scope, device, "bcache-backing")
            : { kind: "partition", id: partition!, fstype: "bcache-backing" };
          const group = makeGroup(scope, {
            type: "bcache",
            name: name ?? nextGroupName(scope, "bcache", "bcache"),
            uuid,
            members: [member],
            cacheMode,
            cacheSetId,
          });
          return json(renderBcache(scope, group));
        },
      },
    },
  };
}

/**
 * One bcache of a machine, by id or name.
 *
 * @example
 * ```ts
 * import { bcacheHandler } from "./bcaches.ts";
 * console.log(Object.keys(bcacheHandler().actions).length); // 3
 * ```
 */
export function bcacheHandler(): HandlerSpec<AuthContext> {
  const find = (ctx: AuthContext) => groupOr404(ctx, "Bcache", "bcache");
  return {
    name: "BcacheHandler",
    doc: "Manage one bcache device of a machine.",
    actions: {
      "GET read": {
        doc: "Read a bcache, by id or name.",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          return json(renderBcache(scope, group));
        },
      },
      "PUT update": {
        doc: "Change a bcache: its name, UUID, cache set, cache mode or backing device " +
          "(administrators only, Ready machines only).\n\n" +
          BCACHE_PARAMS.replace(":param cache_set: Required.", ":param cache_set: Optional.")
            .replace(":param cache_mode: Required.", ":param cache_mode: Optional."),
        run: (ctx) => {
          const { scope, group } = find(ctx);
          const { storage } = scope;
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot update Bcache because the machine is not Ready.");
          const [backing] = storage.membersOf(group.id, "bcache-backing");
          const current = backing ? storage.targetOf(backing) : null;
          const form = new StorageForm(ctx.data);
          const name = form.value("name");
          const uuid = form.uuid("uuid");
          const own = storage.devicesOf(group.id).map((device) => device.id);
          const devices = storage.freeDevices().filter((device) => !own.includes(device.id));
          const partitions = storage.freePartitions();
          if (current?.kind === "device") devices.push(storage.devices.get(current.id)!);
          if (current?.kind === "partition") partitions.push(storage.partitions.get(current.id)!);
          const device = form.pick("backing_device", deviceChoices(scope, devices));
          const partition = form.pick("backing_partition", partitionChoices(scope, partitions));
          const cacheSetId = form.pick("cache_set", cacheSetChoices(scope));
          const cacheMode = form.choice("cache_mode", CACHE_MODES, false);
          form.check();
          const next: Member | undefined = device !== undefined
            ? { kind: "device", id: device, fstype: "bcache-backing" }
            : partition !== undefined
            ? { kind: "partition", id: partition, fstype: "bcache-backing" }
            : undefined;
          if (current && next && !(next.kind === current.kind && next.id === current.id)) {
            moveMember(scope, current, next);
          } else if (!current && next) join(scope, next, group.id);
          if (name) group.name = name;
          if (uuid) group.uuid = uuid;
          if (cacheMode) group.cacheMode = cacheMode;
          if (cacheSetId !== undefined) group.cacheSetId = cacheSetId;
          return json(renderBcache(scope, group));
        },
      },
      "DELETE delete": {
        doc: "Delete a bcache, with the block device it makes (administrators only, Ready " +
          "machines only).",
        run: (ctx) => {
          const { scope, group } = find(ctx);
          ctx.requireAdmin();
          requireStatus(scope, READY, "Cannot delete Bcache because the machine is not Ready.");
          scope.storage.removeGroup(group.id);
          return deleted();
        },
      },
    },
  };
}
