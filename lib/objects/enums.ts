/**
 * The server's enumerations, with MAAS's own values.
 *
 * @module
 */

/**
 * Node status numbers, as MAAS sends them in `status` (with `status_name` beside).
 *
 * @example
 * ```ts
 * import { NodeStatus, NodeStatusName } from "@libmaas/client";
 * console.log(NodeStatusName[NodeStatus.DEPLOYED]); // Deployed
 * ```
 */
export const NodeStatus = {
  NEW: 0,
  COMMISSIONING: 1,
  FAILED_COMMISSIONING: 2,
  MISSING: 3,
  READY: 4,
  RESERVED: 5,
  DEPLOYED: 6,
  RETIRED: 7,
  BROKEN: 8,
  DEPLOYING: 9,
  ALLOCATED: 10,
  FAILED_DEPLOYMENT: 11,
  RELEASING: 12,
  FAILED_RELEASING: 13,
  DISK_ERASING: 14,
  FAILED_DISK_ERASING: 15,
  RESCUE_MODE: 16,
  ENTERING_RESCUE_MODE: 17,
  FAILED_ENTERING_RESCUE_MODE: 18,
  EXITING_RESCUE_MODE: 19,
  FAILED_EXITING_RESCUE_MODE: 20,
  TESTING: 21,
  FAILED_TESTING: 22,
} as const;
/** A node status number. */
export type NodeStatus = typeof NodeStatus[keyof typeof NodeStatus];

/**
 * The display names MAAS gives each status (`status_name`).
 *
 * @example
 * ```ts
 * import { NodeStatusName } from "@libmaas/client";
 * console.log(NodeStatusName[4]); // Ready
 * ```
 */
export const NodeStatusName: Readonly<Record<NodeStatus, string>> = {
  0: "New",
  1: "Commissioning",
  2: "Failed commissioning",
  3: "Missing",
  4: "Ready",
  5: "Reserved",
  6: "Deployed",
  7: "Retired",
  8: "Broken",
  9: "Deploying",
  10: "Allocated",
  11: "Failed deployment",
  12: "Releasing",
  13: "Failed releasing",
  14: "Disk erasing",
  15: "Failed disk erasing",
  16: "Rescue mode",
  17: "Entering rescue mode",
  18: "Failed to enter rescue mode",
  19: "Exiting rescue mode",
  20: "Failed to exit rescue mode",
  21: "Testing",
  22: "Failed testing",
};

/**
 * Node types (`node_type`).
 *
 * @example
 * ```ts
 * import { NodeType } from "@libmaas/client";
 * console.log(NodeType.MACHINE); // 0
 * ```
 */
export const NodeType = {
  MACHINE: 0,
  DEVICE: 1,
  RACK_CONTROLLER: 2,
  REGION_CONTROLLER: 3,
  REGION_AND_RACK_CONTROLLER: 4,
} as const;
/** A node type number. */
export type NodeType = typeof NodeType[keyof typeof NodeType];

/**
 * Power states (`power_state`).
 *
 * @example
 * ```ts
 * import { PowerState } from "@libmaas/client";
 * console.log(PowerState.ON); // on
 * ```
 */
export const PowerState = { ON: "on", OFF: "off", UNKNOWN: "unknown", ERROR: "error" } as const;
/** A power state. */
export type PowerState = typeof PowerState[keyof typeof PowerState];

/**
 * How `power_off` stops a machine.
 *
 * @example
 * ```ts
 * import { PowerStopMode } from "@libmaas/client";
 * console.log(PowerStopMode.SOFT); // soft
 * ```
 */
export const PowerStopMode = { SOFT: "soft", HARD: "hard" } as const;
/** A power stop mode. */
export type PowerStopMode = typeof PowerStopMode[keyof typeof PowerStopMode];

/**
 * Interface types (`type` of an interface).
 *
 * @example
 * ```ts
 * import { InterfaceType } from "@libmaas/client";
 * console.log(InterfaceType.BOND); // bond
 * ```
 */
export const InterfaceType = {
  PHYSICAL: "physical",
  BOND: "bond",
  BRIDGE: "bridge",
  VLAN: "vlan",
  ALIAS: "alias",
  UNKNOWN: "unknown",
} as const;
/** An interface type. */
export type InterfaceType = typeof InterfaceType[keyof typeof InterfaceType];

/**
 * How an interface is linked to a subnet (`mode` of a link).
 *
 * @example
 * ```ts
 * import { LinkMode } from "@libmaas/client";
 * console.log(LinkMode.STATIC); // static
 * ```
 */
export const LinkMode = {
  AUTO: "auto",
  DHCP: "dhcp",
  STATIC: "static",
  LINK_UP: "link_up",
} as const;
/** A link mode. */
export type LinkMode = typeof LinkMode[keyof typeof LinkMode];

/**
 * IP range types.
 *
 * @example
 * ```ts
 * import { IPRangeType } from "@libmaas/client";
 * console.log(IPRangeType.DYNAMIC); // dynamic
 * ```
 */
export const IPRangeType = { DYNAMIC: "dynamic", RESERVED: "reserved" } as const;
/** An IP range type. */
export type IPRangeType = typeof IPRangeType[keyof typeof IPRangeType];

/**
 * Reverse DNS modes of a subnet (`rdns_mode`).
 *
 * @example
 * ```ts
 * import { RDNSMode } from "@libmaas/client";
 * console.log(RDNSMode.RFC2317); // 2
 * ```
 */
export const RDNSMode = { DISABLED: 0, ENABLED: 1, RFC2317: 2 } as const;
/** A reverse DNS mode. */
export type RDNSMode = typeof RDNSMode[keyof typeof RDNSMode];

/**
 * Block device types.
 *
 * @example
 * ```ts
 * import { BlockDeviceType } from "@libmaas/client";
 * console.log(BlockDeviceType.PHYSICAL); // physical
 * ```
 */
export const BlockDeviceType = { PHYSICAL: "physical", VIRTUAL: "virtual" } as const;
/** A block device type. */
export type BlockDeviceType = typeof BlockDeviceType[keyof typeof BlockDeviceType];

/**
 * Partition table types.
 *
 * @example
 * ```ts
 * import { PartitionTableType } from "@libmaas/client";
 * console.log(PartitionTableType.GPT); // GPT
 * ```
 */
export const PartitionTableType = { MBR: "MBR", GPT: "GPT" } as const;
/** A partition table type. */
export type PartitionTableType = typeof PartitionTableType[keyof typeof PartitionTableType];

/**
 * RAID levels.
 *
 * @example
 * ```ts
 * import { RaidLevel } from "@libmaas/client";
 * console.log(RaidLevel.RAID_1); // raid-1
 * ```
 */
export const RaidLevel = {
  RAID_0: "raid-0",
  RAID_1: "raid-1",
  RAID_5: "raid-5",
  RAID_6: "raid-6",
  RAID_10: "raid-10",
} as const;
/** A RAID level. */
export type RaidLevel = typeof RaidLevel[keyof typeof RaidLevel];

/**
 * Bcache cache modes.
 *
 * @example
 * ```ts
 * import { CacheMode } from "@libmaas/client";
 * console.log(CacheMode.WRITEBACK); // writeback
 * ```
 */
export const CacheMode = {
  WRITEBACK: "writeback",
  WRITETHROUGH: "writethrough",
  WRITEAROUND: "writearound",
} as const;
/** A cache mode. */
export type CacheMode = typeof CacheMode[keyof typeof CacheMode];

/**
 * Event levels, from least to most severe.
 *
 * @example
 * ```ts
 * import { EventLevel } from "@libmaas/client";
 * console.log(EventLevel.ERROR); // ERROR
 * ```
 */
export const EventLevel = {
  AUDIT: "AUDIT",
  DEBUG: "DEBUG",
  INFO: "INFO",
  WARNING: "WARNING",
  ERROR: "ERROR",
  CRITICAL: "CRITICAL",
} as const;
/** An event level. */
export type EventLevel = typeof EventLevel[keyof typeof EventLevel];

/**
 * Storage layouts for `set_storage_layout`.
 *
 * @example
 * ```ts
 * import { StorageLayout } from "@libmaas/client";
 * console.log(StorageLayout.LVM); // lvm
 * ```
 */
export const StorageLayout = {
  FLAT: "flat",
  LVM: "lvm",
  BCACHE: "bcache",
  VMFS6: "vmfs6",
  VMFS7: "vmfs7",
  BLANK: "blank",
  CUSTOM: "custom",
} as const;
/** A storage layout. */
export type StorageLayout = typeof StorageLayout[keyof typeof StorageLayout];

/**
 * Filesystem types MAAS can format a block device or partition with.
 *
 * @example
 * ```ts
 * import { FilesystemType } from "@libmaas/client";
 * console.log(FilesystemType.EXT4); // ext4
 * ```
 */
export const FilesystemType = {
  EXT2: "ext2",
  EXT4: "ext4",
  XFS: "xfs",
  FAT32: "fat32",
  VFAT: "vfat",
  SWAP: "swap",
  RAMFS: "ramfs",
  TMPFS: "tmpfs",
  BTRFS: "btrfs",
  ZFSROOT: "zfsroot",
} as const;
/** A filesystem type. */
export type FilesystemType = typeof FilesystemType[keyof typeof FilesystemType];

/**
 * Bond modes of a bond interface (`bond_mode`).
 *
 * @example
 * ```ts
 * import { BondMode } from "@libmaas/client";
 * console.log(BondMode.LACP); // 802.3ad
 * ```
 */
export const BondMode = {
  BALANCE_RR: "balance-rr",
  ACTIVE_BACKUP: "active-backup",
  BALANCE_XOR: "balance-xor",
  BROADCAST: "broadcast",
  LACP: "802.3ad",
  BALANCE_TLB: "balance-tlb",
  BALANCE_ALB: "balance-alb",
} as const;
/** A bond mode. */
export type BondMode = typeof BondMode[keyof typeof BondMode];

/**
 * LACP rates of a bond (`bond_lacp_rate`).
 *
 * @example
 * ```ts
 * import { BondLacpRate } from "@libmaas/client";
 * console.log(BondLacpRate.FAST); // fast
 * ```
 */
export const BondLacpRate = { FAST: "fast", SLOW: "slow" } as const;
/** A LACP rate. */
export type BondLacpRate = typeof BondLacpRate[keyof typeof BondLacpRate];

/**
 * Transmit hash policies of a bond (`bond_xmit_hash_policy`).
 *
 * @example
 * ```ts
 * import { BondXmitHashPolicy } from "@libmaas/client";
 * console.log(BondXmitHashPolicy.LAYER3_4); // layer3+4
 * ```
 */
export const BondXmitHashPolicy = {
  LAYER2: "layer2",
  LAYER2_3: "layer2+3",
  LAYER3_4: "layer3+4",
  ENCAP2_3: "encap2+3",
  ENCAP3_4: "encap3+4",
} as const;
/** A transmit hash policy. */
export type BondXmitHashPolicy = typeof BondXmitHashPolicy[keyof typeof BondXmitHashPolicy];

/**
 * Bridge types of a bridge interface (`bridge_type`).
 *
 * @example
 * ```ts
 * import { BridgeType } from "@libmaas/client";
 * console.log(BridgeType.OVS); // ovs
 * ```
 */
export const BridgeType = { STANDARD: "standard", OVS: "ovs" } as const;
/** A bridge type. */
export type BridgeType = typeof BridgeType[keyof typeof BridgeType];

/**
 * How an IP address was allocated (`alloc_type`).
 *
 * @example
 * ```ts
 * import { IPAddressAllocType } from "@libmaas/client";
 * console.log(IPAddressAllocType.USER_RESERVED); // 4
 * ```
 */
export const IPAddressAllocType = {
  AUTO: 0,
  STICKY: 1,
  USER_RESERVED: 4,
  DHCP: 5,
  DISCOVERED: 6,
} as const;
/** An IP address allocation type. */
export type IPAddressAllocType = typeof IPAddressAllocType[keyof typeof IPAddressAllocType];
