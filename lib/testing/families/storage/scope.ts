/**
 * What the storage handlers share: the machine a request is about and its storage, lookups that
 * answer MAAS's 404s, the permission and status checks MAAS makes, the choices its model choice
 * fields offer, and the making of a filesystem group from the members a form chose.
 *
 * @module
 */

import { NodeStatus } from "../../inventory.ts";
import type { MaasLine } from "../../maas/lines.ts";
import { ReplyError, text } from "../../reply.ts";
import type { AuthContext } from "../../routes.ts";
import type { SimMachine } from "../nodes/model.ts";
import type { Choice } from "./forms.ts";
import type {
  NodeStorage,
  SimBlockDevice,
  SimPartition,
  SimStorageGroup,
  SimStorageGroupType,
  StorageHost,
  StorageTarget,
} from "./model.ts";
import { hostOf, ownerOf, statusOf } from "./node.ts";

/**
 * A request's machine with its storage: what every storage handler works on.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * const devices = (scope: StorageScope) => scope.storage.devices.size;
 * ```
 */
export interface StorageScope {
  /** The MAAS line rendering the answers. */
  line: MaasLine;
  /** The machine. */
  machine: SimMachine;
  /** Its storage. */
  storage: NodeStorage;
  /** How it boots. */
  host: StorageHost;
  /** Makes a UUID. */
  uuid: () => string;
}

/**
 * The scope of a machine.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { scopeOf } from "./scope.ts";
 * const size = (ctx: AuthContext) =>
 *   scopeOf(ctx, ctx.state.machines.get("abc123")!).storage.devices.size;
 * ```
 */
export function scopeOf(ctx: AuthContext, machine: SimMachine): StorageScope {
  return {
    line: ctx.line,
    machine,
    storage: ctx.state.storage.of(machine.data.system_id),
    host: hostOf(machine),
    uuid: () => ctx.state.random.uuid(),
  };
}

/**
 * The machine of the path (`{system_id}`), or 404 `No Machine matches the given query.`
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { machineScope } from "./scope.ts";
 * const count = (ctx: AuthContext) => machineScope(ctx).storage.groups.size;
 * ```
 */
export function machineScope(ctx: AuthContext): StorageScope {
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (!machine) throw ReplyError.notFound("Machine");
  return scopeOf(ctx, machine);
}

/**
 * MAAS's 404 with an empty body, as its storage handlers answer for a partition, a cache set or a
 * group of another machine.
 *
 * @example
 * ```ts
 * import { emptyNotFound } from "./scope.ts";
 * console.log(emptyNotFound().reply.status); // 404
 * ```
 */
export function emptyNotFound(): ReplyError {
  return new ReplyError(text("", 404, "text/plain"));
}

/**
 * A block device of the path's machine by id or by the name MAAS stores; a missing machine is a
 * missing block device, as MAAS looks devices up by the node's system id.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { deviceOr404 } from "./scope.ts";
 * const name = (ctx: AuthContext) => deviceOr404(ctx).device.name;
 * ```
 */
export function deviceOr404(
  ctx: AuthContext,
  key: string = ctx.params.id,
): { scope: StorageScope; device: SimBlockDevice } {
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (!machine) throw ReplyError.notFound("BlockDevice");
  const scope = scopeOf(ctx, machine);
  const { storage } = scope;
  let device: SimBlockDevice | undefined;
  if (/^\d+$/.test(key)) device = storage.devices.get(Number(key));
  else {
    for (const candidate of storage.devices.values()) {
      if (storage.storedName(candidate) === key) device = candidate;
    }
  }
  if (!device) throw ReplyError.notFound("BlockDevice");
  return { scope, device };
}

/**
 * A partition of the machine by id or by name (`sda-part1`), as MAAS finds it.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { partitionOr404 } from "./scope.ts";
 * const size = (scope: StorageScope) => partitionOr404(scope.storage, "sda-part1").size;
 * ```
 */
export function partitionOr404(storage: NodeStorage, key: string): SimPartition {
  if (/^\d+$/.test(key)) {
    const found = storage.partitions.get(Number(key));
    if (found) return found;
    throw emptyNotFound();
  }
  const split = key.lastIndexOf("-part");
  if (split !== -1 && /^\d+$/.test(key.slice(split + 5))) {
    const deviceName = key.slice(0, split);
    const index = Number(key.slice(split + 5));
    for (const partition of storage.partitions.values()) {
      const device = storage.devices.get(partition.deviceId);
      if (partition.index === index && device && storage.storedName(device) === deviceName) {
        return partition;
      }
    }
  }
  throw emptyNotFound();
}

/**
 * The kinds of group a handler serves.
 *
 * @example
 * ```ts
 * import type { GroupKind } from "./scope.ts";
 * const kind: GroupKind = "raid";
 * ```
 */
export type GroupKind = "lvm-vg" | "raid" | "bcache" | "vmfs6";

/**
 * Whether a group is of a kind.
 *
 * @example
 * ```ts
 * import { isKind } from "./scope.ts";
 * console.log(isKind({ type: "raid-5" }, "raid")); // true
 * ```
 */
export function isKind(group: Pick<SimStorageGroup, "type">, kind: GroupKind): boolean {
  return kind === "raid" ? group.type.startsWith("raid-") : group.type === kind;
}

/**
 * A group of a kind by id (anywhere: another machine's answers an empty 404) or by name on the
 * path's machine; else `No THING matches the given query.`
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { groupOr404 } from "./scope.ts";
 * const name = (ctx: AuthContext) => groupOr404(ctx, "RAID", "raid").group.name;
 * ```
 */
export function groupOr404(
  ctx: AuthContext,
  thing: string,
  kind: GroupKind,
): { scope: StorageScope; group: SimStorageGroup } {
  const key = ctx.params.id;
  if (/^\d+$/.test(key)) {
    const found = ctx.state.storage.findGroup(Number(key));
    const machine = found && ctx.state.machines.get(found.storage.systemId);
    if (found && machine && isKind(found.group, kind)) {
      if (machine.data.system_id !== ctx.params.system_id) throw emptyNotFound();
      return { scope: scopeOf(ctx, machine), group: found.group };
    }
    throw ReplyError.notFound(thing);
  }
  const machine = ctx.state.machines.get(ctx.params.system_id);
  if (machine) {
    const scope = scopeOf(ctx, machine);
    for (const group of scope.storage.groups.values()) {
      if (isKind(group, kind) && group.name === key) return { scope, group };
    }
  }
  throw ReplyError.notFound(thing);
}

/**
 * MAAS's permission to change a machine's filesystems: an administrator or the owner, else 403.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { machineScope, requireEdit } from "./scope.ts";
 * const check = (ctx: AuthContext) => requireEdit(ctx, machineScope(ctx));
 * ```
 */
export function requireEdit(ctx: AuthContext, scope: StorageScope): void {
  if (!ctx.user.isSuperuser && ownerOf(scope.machine) !== ctx.user.username) {
    throw ReplyError.forbidden("");
  }
}

/**
 * 409 with `message` unless the machine's status is one of `allowed`.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { READY, requireStatus } from "./scope.ts";
 * const check = (scope: StorageScope) => requireStatus(scope, READY, "Not Ready.");
 * ```
 */
export function requireStatus(
  scope: StorageScope,
  allowed: readonly number[],
  message: string,
): void {
  if (!allowed.includes(statusOf(scope.machine))) throw ReplyError.conflict(message);
}

/**
 * Ready only: what changes the layout of a machine's storage.
 *
 * @example
 * ```ts
 * import { READY } from "./scope.ts";
 * console.log(READY); // [4]
 * ```
 */
export const READY: readonly number[] = [NodeStatus.READY];

/**
 * Ready or Allocated: what formats and mounts.
 *
 * @example
 * ```ts
 * import { READY_OR_ALLOCATED } from "./scope.ts";
 * console.log(READY_OR_ALLOCATED.length); // 2
 * ```
 */
export const READY_OR_ALLOCATED: readonly number[] = [NodeStatus.READY, NodeStatus.ALLOCATED];

/**
 * Block devices as a model choice field offers them: by id, or by the name MAAS stores.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { deviceChoices } from "./scope.ts";
 * const free = (scope: StorageScope) => deviceChoices(scope, scope.storage.freeDevices());
 * ```
 */
export function deviceChoices(scope: StorageScope, devices: readonly SimBlockDevice[]): Choice[] {
  return devices.map((device) => ({ id: device.id, name: scope.storage.storedName(device) }));
}

/**
 * Partitions as a model choice field offers them: by id, or by name (`sda-part1`).
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { partitionChoices } from "./scope.ts";
 * const free = (scope: StorageScope) => partitionChoices(scope, scope.storage.freePartitions());
 * ```
 */
export function partitionChoices(
  scope: StorageScope,
  partitions: readonly SimPartition[],
): Choice[] {
  return partitions.map((partition) => ({
    id: partition.id,
    name: scope.storage.partitionName(partition),
  }));
}

/**
 * The block devices or partitions that are members of a group (of one filesystem type), as
 * choices.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { memberChoices } from "./scope.ts";
 * const spares = (scope: StorageScope, id: number) =>
 *   memberChoices(scope, id, "device", "raid-spare");
 * ```
 */
export function memberChoices(
  scope: StorageScope,
  groupId: number,
  kind: StorageTarget["kind"],
  fstype?: string,
): Choice[] {
  const { storage } = scope;
  const devices: SimBlockDevice[] = [];
  const partitions: SimPartition[] = [];
  for (const fs of storage.membersOf(groupId, fstype)) {
    const target = storage.targetOf(fs);
    if (target?.kind !== kind) continue;
    if (kind === "device") devices.push(storage.devices.get(target.id)!);
    else partitions.push(storage.partitions.get(target.id)!);
  }
  return kind === "device" ? deviceChoices(scope, devices) : partitionChoices(scope, partitions);
}

/**
 * A member a form chose, with the filesystem type it gets.
 *
 * @example
 * ```ts
 * import type { Member } from "./scope.ts";
 * const member: Member = { kind: "device", id: 7, fstype: "lvm-pv" };
 * ```
 */
export interface Member extends StorageTarget {
  /** The filesystem the member gets (`lvm-pv`, `raid`, `raid-spare`, `bcache-backing`…). */
  fstype: string;
}

/**
 * Where a block device joins a group: the device itself, or — for the boot disk, which cannot
 * hold a filesystem, or when `whole` asks (a bootable RAID, a VMFS extent) — a new partition
 * filling it.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { memberFor } from "./scope.ts";
 * const member = (scope: StorageScope, id: number) => memberFor(scope, id, "lvm-pv");
 * ```
 */
export function memberFor(
  scope: StorageScope,
  deviceId: number,
  fstype: string,
  whole = false,
): Member {
  const { storage } = scope;
  const device = storage.devices.get(deviceId)!;
  if (whole || device.id === storage.bootDisk()?.id) {
    const partition = storage.addPartition(device, scope.host, { uuid: scope.uuid() });
    return { kind: "partition", id: partition.id, fstype };
  }
  return { kind: "device", id: deviceId, fstype };
}

/**
 * The members a group gets from the block devices and partitions a form chose.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { membersFrom } from "./scope.ts";
 * const pvs = (scope: StorageScope) => membersFrom(scope, [7], [], "lvm-pv");
 * ```
 */
export function membersFrom(
  scope: StorageScope,
  devices: readonly number[],
  partitions: readonly number[],
  fstype: string,
  whole = false,
): Member[] {
  return [
    ...devices.map((id) => memberFor(scope, id, fstype, whole)),
    ...partitions.map((id): Member => ({ kind: "partition", id, fstype })),
  ];
}

/**
 * Makes a member join a group: it gets the group's filesystem.
 *
 * @example
 * ```ts
 * import type { Member, StorageScope } from "./scope.ts";
 * import { join } from "./scope.ts";
 * const add = (scope: StorageScope, member: Member) => join(scope, member, 1);
 * ```
 */
export function join(scope: StorageScope, member: Member, groupId: number): void {
  scope.storage.addFilesystem({ kind: member.kind, id: member.id }, {
    fstype: member.fstype,
    uuid: scope.uuid(),
    groupId,
  });
}

/**
 * Takes members out of their group: their filesystems go.
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { leave } from "./scope.ts";
 * const remove = (scope: StorageScope) => leave(scope, [{ kind: "device", id: 7 }]);
 * ```
 */
export function leave(scope: StorageScope, members: readonly StorageTarget[]): void {
  for (const member of members) scope.storage.removeFilesystemOn(member);
}

/**
 * Makes a filesystem group of its members; every kind but a volume group makes a block device.
 *
 * @example
 * ```ts
 * import type { Member, StorageScope } from "./scope.ts";
 * import { makeGroup } from "./scope.ts";
 * const make = (scope: StorageScope, members: Member[]) =>
 *   makeGroup(scope, { type: "raid-1", name: "md0", members });
 * ```
 */
export function makeGroup(
  scope: StorageScope,
  fields: {
    type: SimStorageGroupType;
    name: string;
    uuid?: string;
    members: readonly Member[];
    cacheMode?: string;
    cacheSetId?: number;
  },
): SimStorageGroup {
  const { storage } = scope;
  const group = storage.addGroup({
    type: fields.type,
    name: fields.name,
    uuid: fields.uuid ?? scope.uuid(),
    cacheMode: fields.cacheMode ?? null,
    cacheSetId: fields.cacheSetId ?? null,
  });
  for (const member of fields.members) join(scope, member, group.id);
  if (group.type !== "lvm-vg") {
    storage.addDevice({ name: group.name, uuid: scope.uuid(), groupId: group.id });
  }
  return group;
}

/**
 * The next free name of a kind of group: `md0`, `md1`…, `bcache0`…
 *
 * @example
 * ```ts
 * import type { StorageScope } from "./scope.ts";
 * import { nextGroupName } from "./scope.ts";
 * const name = (scope: StorageScope) => nextGroupName(scope, "md", "raid");
 * ```
 */
export function nextGroupName(scope: StorageScope, prefix: string, kind: GroupKind): string {
  let index = -1;
  for (const group of scope.storage.groupsOfKind(kind)) {
    if (!group.name.startsWith(prefix) || group.name.length === prefix.length) continue;
    const number = Number(group.name.slice(prefix.length));
    if (Number.isInteger(number)) index = Math.max(index, number);
  }
  return `${prefix}${index + 1}`;
}

/**
 * How MAAS names a kind of group in its messages.
 *
 * @example
 * ```ts
 * import { niceName } from "./scope.ts";
 * console.log(niceName({ type: "lvm-vg" })); // "volume group"
 * ```
 */
export function niceName(group: Pick<SimStorageGroup, "type">): string {
  if (group.type === "lvm-vg") return "volume group";
  if (group.type === "bcache") return "Bcache";
  if (group.type === "vmfs6") return "VMFS";
  return "RAID";
}
