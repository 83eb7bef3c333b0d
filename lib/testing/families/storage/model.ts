/**
 * The storage family's records beside a node's rendered block devices: volume groups, RAIDs,
 * bcaches and VMFS datastores (groups of member devices or partitions), and bcache cache sets.
 *
 * @module
 */

/**
 * Whether a member of a group is a block device or a partition.
 *
 * @example
 * ```ts
 * import type { MemberKind } from "./model.ts";
 * const kind: MemberKind = "partition";
 * ```
 */
export type MemberKind = "device" | "partition";

/**
 * A block device or partition that belongs to a group or cache set.
 *
 * @example
 * ```ts
 * import type { StorageMember } from "./model.ts";
 * const member: StorageMember = { kind: "device", id: 7, fstype: "lvm-pv" };
 * ```
 */
export interface StorageMember {
  /** Block device or partition. */
  kind: MemberKind;
  /** Its id. */
  id: number;
  /** The filesystem type MAAS gives the member (`lvm-pv`, `raid`, `raid-spare`…). */
  fstype: string;
}

/**
 * The kind of a storage group.
 *
 * @example
 * ```ts
 * import type { StorageGroupType } from "./model.ts";
 * const type: StorageGroupType = "lvm-vg";
 * ```
 */
export type StorageGroupType =
  | "lvm-vg"
  | "bcache"
  | "vmfs6"
  | "raid-0"
  | "raid-1"
  | "raid-5"
  | "raid-6"
  | "raid-10";

/**
 * A volume group, RAID, bcache or VMFS datastore.
 *
 * @example
 * ```ts
 * import type { StorageGroup } from "./model.ts";
 * const vg: StorageGroup = {
 *   id: 1, type: "lvm-vg", name: "vg0", uuid: "u", members: [], virtualId: null,
 *   volumes: new Map(), cacheMode: null, cacheSetId: null,
 * };
 * ```
 */
export interface StorageGroup {
  /** Database id. */
  id: number;
  /** What it is. */
  type: StorageGroupType;
  /** Its name. */
  name: string;
  /** Its UUID. */
  uuid: string;
  /** The devices and partitions it is made of. */
  members: StorageMember[];
  /** The virtual block device a RAID, bcache or datastore makes (volume groups have volumes). */
  virtualId: number | null;
  /** Logical volumes: block device id → the volume's own name (rendered as `VG-NAME`). */
  volumes: Map<number, string>;
  /** A bcache's cache mode. */
  cacheMode: string | null;
  /** A bcache's cache set. */
  cacheSetId: number | null;
}

/**
 * A bcache cache set: one device or partition used as cache.
 *
 * @example
 * ```ts
 * import type { StorageCacheSet } from "./model.ts";
 * const set: StorageCacheSet = { id: 1, member: { kind: "device", id: 3, fstype: "bcache-cache" } };
 * ```
 */
export interface StorageCacheSet {
  /** Database id. */
  id: number;
  /** The cache device or partition. */
  member: StorageMember;
}

/**
 * What a node has beside its rendered block devices.
 *
 * @example
 * ```ts
 * import type { NodeStorage } from "./model.ts";
 * const none: NodeStorage = { groups: new Map(), cacheSets: new Map() };
 * ```
 */
export interface NodeStorage {
  /** Groups by id. */
  groups: Map<number, StorageGroup>;
  /** Cache sets by id. */
  cacheSets: Map<number, StorageCacheSet>;
}
