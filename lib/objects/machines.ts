/**
 * Machines through their whole life cycle: listing with server-side filters, allocation with
 * every constraint MAAS accepts, every operation of a machine, waits that share one poller per
 * client, and bulk runs with a result per machine.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function deployOne(client: Client) {
 *   const machine = await client.machines.allocate({ tags: ["gpu"] });
 *   return await machine.deploy({ distroSeries: "noble" }, { wait: true });
 * }
 * ```
 *
 * @module
 */

import { Credentials } from "../auth.ts";
import {
  ConflictError,
  FailedCommissioning,
  FailedDeployment,
  FailedDiskErasing,
  FailedReleasing,
  FailedTesting,
  type MachineError,
  MachineNotFound,
  ParameterError,
  PowerError,
  ProtocolError,
  RescueModeFailure,
} from "../errors.ts";
import { apiPath, type CallOptions, type ClientContext, type WireData } from "./base.ts";
import { runBounded } from "./bulk.ts";
import { checkParams, invoke, listOf, oneOf } from "./engine.ts";
import {
  type NodeStatus,
  NodeStatus as Status,
  NodeType,
  type PowerState,
  StorageLayout,
} from "./enums.ts";
import {
  COMMA_SYSTEM_IDS,
  NAME,
  type NameOrObject,
  NODE_FILTER_PARAMS,
  type NodeFilters,
  type OneOrMore,
  POWER_PARAMETERS,
  type PowerParameters,
  SCRIPT_NAMES,
  SIZE,
  SYSTEM_ID,
  type SystemIdOrNode,
  USER_DATA,
} from "./node_params.ts";
import type { BlockDeviceRef } from "./block_devices.ts";
import { SYSTEM_IDS } from "./codecs.ts";
import {
  type AnnotationChanges,
  collectionOps,
  COMMENT_PARAMS,
  type CommentOptions,
  defineNode,
  FORCE_PARAMS,
  type ForceDeleteOptions,
  memberOps,
  NODE_FIELDS,
  NodeCollection,
  type NodeCollectionOps,
  type NodePool,
  placeRef,
  POWER_OFF_PARAMS,
  POWER_ON_PARAMS,
  POWER_PARAMETERS_PARAMS,
  PoweredNode,
  type PowerOffOptions,
  type PowerOnOptions,
  refName,
  type ScriptParameters,
  TEST_PARAMS,
  type TestOptions,
  withScriptParameters,
} from "./nodes.ts";
import { type ExtraParams, family, type Op, op } from "./spec.ts";
import { BLOCK_DEVICE } from "./storage_base.ts";
import {
  NodeBcacheCacheSets,
  NodeBcaches,
  NodeBlockDevices,
  NodeRaids,
  NodeVmfsDatastores,
  NodeVolumeGroups,
} from "./storage.ts";
import {
  type OperationOptions,
  splitOperationOptions,
  StatusPoller,
  type WaitOptions,
} from "./wait.ts";
import { expectList, expectObject } from "./wire.ts";

const NEWER = ["3.7", "3.8", "master"] as const;
const UP_TO_38 = ["2.9", "3.0", "3.7", "3.8"] as const;
const BRIDGE_TYPES = ["standard", "ovs"] as const;

/** The filters of {@linkcode Machines.list}: every filter MAAS applies on the server. */
export interface MachineFilters extends NodeFilters {}

/** What a new machine takes (administrators may give it everything its update takes too). */
export interface CreateMachineOptions extends ExtraParams {
  /** Architecture, such as `amd64/generic` (`amd64` means `amd64/generic`). */
  architecture: string;
  /** The machine's MAC addresses (at least one). */
  macAddresses: OneOrMore<string>;
  /** Host name (generated when left out). */
  hostname?: string;
  /** Free-form description. */
  description?: string;
  /** DNS domain (default domain when left out). */
  domain?: NameOrObject;
  /** Availability zone (the default zone when left out). */
  zone?: NameOrObject;
  /** Resource pool (the default pool when left out). */
  pool?: NameOrObject;
  /** Subarchitecture, when `architecture` has none. */
  subarchitecture?: string;
  /** Minimum kernel, such as `ga-22.04`. */
  minHweKernel?: string;
  /** The kernel to deploy with, such as `hwe-22.04`. */
  hweKernel?: string;
  /** The operating system to deploy, such as `ubuntu`. */
  osystem?: string;
  /** The release to deploy, such as `noble`. */
  distroSeries?: string;
  /** CPU cores, when MAAS cannot find out. */
  cpuCount?: number;
  /** Memory in MiB, when MAAS cannot find out. */
  memory?: number;
  /** Swap file size: bytes or text such as `2G`. */
  swapSize?: string | number;
  /** Deprecated by MAAS; must stay false. */
  disableIpv4?: boolean;
  /** Power driver, such as `ipmi`, `virsh`, `manual`. */
  powerType?: string;
  /** The driver's parameters (`power_address`, `power_user`…): an object, or its JSON text. */
  powerParameters?: PowerParameters | string;
  /** Store power parameters MAAS would not validate for the driver. */
  powerParametersSkipCheck?: boolean;
  /** Commission at once (MAAS's default for administrators). */
  commission?: boolean;
  /** Add an already deployed machine, without commissioning (MAAS 3.7 and later). */
  deployed?: boolean;
  /** Allow SSH into the commissioning environment. */
  enableSsh?: boolean;
  /** Leave the BMC configuration alone while commissioning. */
  skipBmcConfig?: boolean;
  /** Keep the network configuration after commissioning. */
  skipNetworking?: boolean;
  /** Keep the storage configuration after commissioning. */
  skipStorage?: boolean;
  /** Commissioning scripts or tags to run. */
  commissioningScripts?: OneOrMore<string>;
  /** Testing scripts or tags to run; `["none"]` skips testing. */
  testingScripts?: OneOrMore<string>;
  /** Whether the machine is a DPU (MAAS 3.7 and later). */
  isDpu?: boolean;
  /** Deploy to memory even if the machine has disks. */
  ephemeralDeploy?: boolean;
  /** Install the agent that reports hardware changes (MAAS 3.7 and later). */
  enableHwSync?: boolean;
  /** Configure kernel crash dumps (MAAS 3.7 and later). */
  enableKernelCrashDump?: boolean;
  /** A license key for operating systems that need one. */
  licenseKey?: string;
  /** Install a rack controller on deployment (MAAS up to 3.8, which refuse it). */
  installRackd?: boolean;
}

/** What a machine's `save()` sends: the fields of {@linkcode Machine} that may be changed. */
type MachineChanges = Partial<
  Pick<
    CreateMachineOptions,
    | "hostname"
    | "description"
    | "domain"
    | "zone"
    | "pool"
    | "architecture"
    | "minHweKernel"
    | "hweKernel"
    | "osystem"
    | "distroSeries"
    | "cpuCount"
    | "memory"
    | "swapSize"
    | "disableIpv4"
    | "powerType"
    | "ephemeralDeploy"
    | "enableHwSync"
    | "enableKernelCrashDump"
    | "isDpu"
  >
>;

/** What a machine's `save()` takes besides the fields changed on the object. */
export interface MachineSaveOptions extends ExtraParams {
  /** The power driver's parameters (an object, or its JSON text). */
  powerParameters?: PowerParameters | string;
  /** Store power parameters MAAS would not validate for the driver. */
  powerParametersSkipCheck?: boolean;
  /** Commission the machine after the change. */
  commission?: boolean;
  /** Mark the machine deployed (MAAS 3.7 and later). */
  deployed?: boolean;
  /** A license key for operating systems that need one. */
  licenseKey?: string;
  /** Install a rack controller on deployment (MAAS up to 3.8, which refuse it). */
  installRackd?: boolean;
}

/**
 * The constraints of {@linkcode Machines.allocate}: all optional, combined with AND. List-valued
 * `not…` constraints exclude any match. They are the list filters MAAS's allocation form reads
 * (the same words, the same lines), one machine's name, id, zone, pool and owner, and the
 * options of the deployment to come.
 */
export interface AllocateOptions extends
  Omit<
    NodeFilters,
    | "id"
    | "notId"
    | "systemId"
    | "hostname"
    | "notHostname"
    | "macAddress"
    | "domain"
    | "notDomain"
    | "status"
    | "notStatus"
    | "simpleStatus"
    | "notSimpleStatus"
    | "agentName"
    | "notAgentName"
    | "zone"
    | "pool"
    | "owner"
  > {
  /** Hostname or FQDN of the machine wanted. */
  name?: string;
  /** System id of the machine wanted. */
  systemId?: string;
  /** The zone the machine must be in. */
  zone?: NameOrObject;
  /** The resource pool the machine must be in. */
  pool?: NameOrObject;
  /** The machine's owner, for an administrator taking a machine someone owns (MAAS 3.7+). */
  owner?: string;
  /** An agent name recorded on the machine (find it later with the `agentName` filter). */
  agentName?: string;
  /** A comment for the event log. */
  comment?: string;
  /** Create a bridge for every configured interface at deployment. */
  bridgeAll?: boolean;
  /** The bridges' type: `standard` or `ovs`. */
  bridgeType?: "standard" | "ovs";
  /** Spanning tree on the bridges. */
  bridgeStp?: boolean;
  /** Forward delay of the bridges, in seconds. */
  bridgeFd?: number;
  /** Deploy to memory even if the machine has disks. */
  ephemeralDeploy?: boolean;
  /** Install the agent that reports hardware changes (MAAS 3.7 and later). */
  enableHwSync?: boolean;
  /** Install KVM and make the machine a VM host once deployed. */
  installKvm?: boolean;
  /** Register the machine as an LXD VM host once deployed (MAAS 3.0 and later). */
  registerVmhost?: boolean;
  /** Install a rack controller on deployment (refused by the MAAS lines known). */
  installRackd?: boolean;
  /** Only say which machine would be allocated. */
  dryRun?: boolean;
  /** Report which devices matched each constraint in `constraintsByType`. */
  verbose?: boolean;
}

/** What {@linkcode Machine.deploy} takes. */
export interface DeployOptions extends ExtraParams {
  /** The release to deploy (`jammy`, `ubuntu/jammy`, `22.04`); default: MAAS's default. */
  distroSeries?: string;
  /** The kernel to use, such as `hwe-22.04`. */
  hweKernel?: string;
  /** User data for cloud-init: text or bytes, base64-encoded for you. */
  userData?: string | Uint8Array;
  /** A comment for the event log. */
  comment?: string;
  /** An agent name recorded when a Ready machine is allocated by this call. */
  agentName?: string;
  /** Create a bridge for every configured interface. */
  bridgeAll?: boolean;
  /** The bridges' type: `standard` or `ovs`. */
  bridgeType?: "standard" | "ovs";
  /** Spanning tree on the bridges. */
  bridgeStp?: boolean;
  /** Forward delay of the bridges, in seconds. */
  bridgeFd?: number;
  /** Deploy to memory even if the machine has disks. */
  ephemeralDeploy?: boolean;
  /** Install the agent that reports hardware changes (MAAS 3.7 and later). */
  enableHwSync?: boolean;
  /** Configure kernel crash dumps (MAAS 3.7 and later). */
  enableKernelCrashDump?: boolean;
  /** Send the global VMware vCenter credentials to an ESXi machine (default true). */
  vcenterRegistration?: boolean;
  /** A license key for operating systems that need one (Windows). */
  licenseKey?: string;
  /** Install KVM and make the machine a VM host (refused after 3.8: VM hosts were removed). */
  installKvm?: boolean;
  /** Register the machine as an LXD VM host (MAAS 3.0 to 3.8; refused after). */
  registerVmhost?: boolean;
  /** Install a rack controller (refused by the MAAS lines known). */
  installRackd?: boolean;
}

/** What {@linkcode Machine.commission} takes. */
export interface CommissionOptions extends ExtraParams {
  /** Allow SSH into the commissioning environment with the user's keys. */
  enableSsh?: boolean;
  /** Leave the BMC configuration alone. */
  skipBmcConfig?: boolean;
  /** Keep the current network configuration. */
  skipNetworking?: boolean;
  /** Keep the current storage configuration. */
  skipStorage?: boolean;
  /** Commissioning scripts or tags to run (built-in ones always run). */
  commissioningScripts?: OneOrMore<string>;
  /** Testing scripts or tags to run afterwards; `["none"]` skips testing. */
  testingScripts?: OneOrMore<string>;
  /** Parameters of the selected scripts, by parameter name (or `script_param`); sent as given. */
  parameters?: ScriptParameters;
}

/** What {@linkcode Machine.release} takes. */
export interface ReleaseOptions extends ExtraParams {
  /** A comment for the event log. */
  comment?: string;
  /** Erase the disks (the machine goes through Disk erasing). */
  erase?: boolean;
  /** Use the drives' secure erase where they have it. */
  secureErase?: boolean;
  /** Wipe only the start and end of each disk. */
  quickErase?: boolean;
  /** Release even a machine hosting VMs (they are deleted). */
  force?: boolean;
  /** Release scripts to run, by name or tag (MAAS 3.7 and later). */
  scripts?: OneOrMore<string>;
  /** Parameters of the selected scripts, by parameter name; sent as given. */
  parameters?: ScriptParameters;
}

/** What {@linkcode Machine.markBroken} takes. */
export interface MarkBrokenOptions extends ExtraParams {
  /** A comment for the event log (shown as the error description when there is none). */
  comment?: string;
  /** What is wrong with the machine. */
  errorDescription?: string;
}

/** What {@linkcode Machine.setStorageLayout} takes besides the layout. */
export interface StorageLayoutOptions extends ExtraParams {
  /** Size of the boot partition: bytes or text such as `512M`. */
  bootSize?: string | number;
  /** Size of the root partition: bytes or text such as `24G`. */
  rootSize?: string | number;
  /** The disk for the root partition: a `BlockDevice` of the machine, or its id (default: the boot disk). */
  rootDevice?: BlockDeviceRef;
  /** LVM: name of the volume group. */
  vgName?: string;
  /** LVM: name of the logical volume. */
  lvName?: string;
  /** LVM: size of the logical volume. */
  lvSize?: string | number;
  /** Bcache: the cache disk, a `BlockDevice` of the machine or its id (default: the smallest SSD). */
  cacheDevice?: BlockDeviceRef;
  /** Bcache: `writeback`, `writethrough` or `writearound`. */
  cacheMode?: "writeback" | "writethrough" | "writearound";
  /** Bcache: size of the cache partition. */
  cacheSize?: string | number;
  /** Bcache: use the whole cache disk, without a partition. */
  cacheNoPart?: boolean;
}

/** What `set_storage_layout` takes: the layout (positional) and its options. */
interface StorageLayoutParams extends StorageLayoutOptions {
  storageLayout: StorageLayout;
}

/** What {@linkcode Machine.mountSpecial} takes. */
export interface MountSpecialOptions extends ExtraParams {
  /** A filesystem that needs no block device: `tmpfs`, `ramfs`. */
  fstype: string;
  /** Absolute path to mount it at. */
  mountPoint: string;
  /** Options for mount(8). */
  mountOptions?: string;
}

/** What `unmount_special` takes: the mount point, given positionally. */
interface UnmountSpecialParams {
  mountPoint: string;
}

/** What {@linkcode Machines.release} takes besides the machines. */
export interface ReleaseMachinesOptions extends ExtraParams {
  /** A comment for the event log. */
  comment?: string;
}

/** What the bulk `release`, `accept` and `clone` take positionally. */
interface MachinesParams {
  machines?: OneOrMore<SystemIdOrNode>;
  comment?: string;
}

/** What {@linkcode Machines.listAllocated} takes. */
export interface ListAllocatedOptions extends ExtraParams {
  /** Only these machines. */
  id?: OneOrMore<SystemIdOrNode>;
}

/** What {@linkcode Machines.clone} takes besides its source and destinations. */
export interface CloneOptions extends ExtraParams {
  /** Copy the interface configuration. */
  interfaces?: boolean;
  /** Copy the storage configuration. */
  storage?: boolean;
}

/** What `clone` takes, its machines included. */
interface CloneParams extends CloneOptions {
  source: SystemIdOrNode;
  destinations: OneOrMore<SystemIdOrNode>;
}

/** What {@linkcode Machines.addChassis} takes. */
export interface AddChassisOptions extends ExtraParams {
  /** `hmcz`, `mscm`, `msftocs`, `powerkvm`, `proxmox`, `recs_box`, `sm15k`, `ucsm`, `virsh`, `vmware`. */
  chassisType: string;
  /** URL, host name or IP address of the chassis. */
  hostname: string;
  /** User name for the chassis (required by most types). */
  username?: string;
  /** Password for the chassis (required by most types). */
  password?: string;
  /** Commission every machine found. */
  acceptAll?: boolean;
  /** The rack controller to go through (system id or hostname). */
  rackController?: string;
  /** Domain for the new machines. */
  domain?: NameOrObject;
  /** Only machines whose names start with this (virsh, vmware, powerkvm, proxmox, hmcz). */
  prefixFilter?: string;
  /** `ipmi`, `restapi` or `restapi2` (sm15k only). */
  powerControl?: "ipmi" | "restapi" | "restapi2";
  /** Port of the chassis (recs_box, vmware, msftocs). */
  port?: number;
  /** Protocol for VMware (default https). */
  protocol?: string;
  /** Proxmox API token name, instead of a password (MAAS 3.0 and later). */
  tokenName?: string;
  /** Proxmox API token secret (MAAS 3.0 and later). */
  tokenSecret?: string;
  /** Verify the chassis's TLS certificate (MAAS 3.0 and later). */
  verifySsl?: boolean;
}

const POWER_PARAMS = {
  powerType: { wire: "power_type", kind: "string" },
  powerParameters: { wire: "power_parameters", kind: POWER_PARAMETERS },
  powerParametersSkipCheck: { wire: "power_parameters_skip_check", kind: "boolean" },
} as const;

/** What create and update both read, with the same lines. */
const MACHINE_FORM_PARAMS = {
  hostname: { wire: "hostname", kind: "string" },
  description: { wire: "description", kind: "string" },
  domain: { wire: "domain", kind: NAME },
  zone: { wire: "zone", kind: NAME },
  pool: { wire: "pool", kind: NAME },
  architecture: { wire: "architecture", kind: "string" },
  minHweKernel: { wire: "min_hwe_kernel", kind: "string" },
  hweKernel: { wire: "hwe_kernel", kind: "string" },
  osystem: { wire: "osystem", kind: "string" },
  distroSeries: { wire: "distro_series", kind: "string" },
  cpuCount: { wire: "cpu_count", kind: "integer" },
  memory: { wire: "memory", kind: "integer" },
  swapSize: { wire: "swap_size", kind: SIZE },
  disableIpv4: { wire: "disable_ipv4", kind: "boolean" },
  ephemeralDeploy: { wire: "ephemeral_deploy", kind: "boolean" },
  enableHwSync: { wire: "enable_hw_sync", kind: "boolean", lines: NEWER },
  enableKernelCrashDump: { wire: "enable_kernel_crash_dump", kind: "boolean", lines: NEWER },
  isDpu: { wire: "is_dpu", kind: "boolean", lines: NEWER },
  commission: { wire: "commission", kind: "boolean" },
  deployed: { wire: "deployed", kind: "boolean", lines: NEWER },
  licenseKey: { wire: "license_key", kind: "string" },
  installRackd: { wire: "install_rackd", kind: "boolean", lines: UP_TO_38 },
  ...POWER_PARAMS,
} as const;

const COMMISSION_PARAMS = {
  enableSsh: { wire: "enable_ssh", kind: "boolean" },
  skipBmcConfig: { wire: "skip_bmc_config", kind: "boolean" },
  skipNetworking: { wire: "skip_networking", kind: "boolean" },
  skipStorage: { wire: "skip_storage", kind: "boolean" },
  commissioningScripts: { wire: "commissioning_scripts", kind: SCRIPT_NAMES },
  testingScripts: { wire: "testing_scripts", kind: SCRIPT_NAMES },
} as const;

const BRIDGE_PARAMS = {
  bridgeAll: { wire: "bridge_all", kind: "boolean" },
  bridgeType: { wire: "bridge_type", kind: "string", values: BRIDGE_TYPES },
  bridgeStp: { wire: "bridge_stp", kind: "boolean" },
  bridgeFd: { wire: "bridge_fd", kind: "integer" },
} as const;

const {
  id: _id,
  notId: _notId,
  hostname: _hostname,
  notHostname: _notHostname,
  macAddress: _macAddress,
  domain: _domain,
  notDomain: _notDomain,
  status: _status,
  notStatus: _notStatus,
  simpleStatus: _simpleStatus,
  notSimpleStatus: _notSimpleStatus,
  notAgentName: _notAgentName,
  agentName: _agentName,
  zone: _zone,
  pool: _pool,
  owner: _owner,
  systemId: _systemId,
  ...ALLOCATE_FILTERS
} = NODE_FILTER_PARAMS;

/**
 * The machines family: `machines/` and `machines/{system_id}/` with every op of every line.
 *
 * @example
 * ```ts
 * import { MACHINES } from "./machines.ts";
 * console.log(MACHINES.ops.deploy.params.enableHwSync.lines); // ["3.7", "3.8", "master"]
 * ```
 */
export const MACHINES = family({
  name: "machines",
  handlers: { MachinesHandler: "machines/", MachineHandler: "machines/{system_id}/" },
  pathParams: { system_id: "string" },
  fields: {
    ...NODE_FIELDS,
    hostname: { wire: "hostname", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
    architecture: { wire: "architecture", kind: "string", writable: true },
    minHweKernel: { wire: "min_hwe_kernel", kind: "string", writable: true },
    hweKernel: { wire: "hwe_kernel", kind: "string", writable: true },
    osystem: { wire: "osystem", kind: "string", writable: true },
    distroSeries: { wire: "distro_series", kind: "string", writable: true },
    cpuCount: { wire: "cpu_count", kind: "integer", writable: true },
    memory: { wire: "memory", kind: "integer", writable: true },
    swapSize: { wire: "swap_size", kind: "integer", writable: true },
    disableIpv4: { wire: "disable_ipv4", kind: "boolean", writable: true },
    powerType: { wire: "power_type", kind: "string", writable: true },
    ephemeralDeploy: { wire: "ephemeral_deploy", kind: "boolean", writable: true },
    enableHwSync: { wire: "enable_hw_sync", kind: "boolean", writable: true },
    enableKernelCrashDump: { wire: "enable_kernel_crash_dump", kind: "boolean", writable: true },
    isDpu: { wire: "is_dpu", kind: "boolean", writable: true },
    biosBootMethod: { wire: "bios_boot_method", kind: "string" },
    netboot: { wire: "netboot", kind: "boolean" },
    errorDescription: { wire: "error_description", kind: "string" },
    bootInterface: { wire: "boot_interface", kind: "object" },
    bootDisk: { wire: "boot_disk", kind: "object" },
    blockdeviceSet: { wire: "blockdevice_set", kind: "objects" },
    physicalblockdeviceSet: { wire: "physicalblockdevice_set", kind: "objects" },
    virtualblockdeviceSet: { wire: "virtualblockdevice_set", kind: "objects" },
    constraintsByType: { wire: "constraints_by_type", kind: "object" },
    lastSync: { wire: "last_sync", kind: "string" },
    syncInterval: { wire: "sync_interval", kind: "integer" },
    nextSync: { wire: "next_sync", kind: "string" },
    ownerData: { wire: "owner_data", kind: "object" },
    virtualmachineId: { wire: "virtualmachine_id", kind: "integer" },
  },
  ops: {
    ...collectionOps("MachinesHandler", "machines", ["client.machines.getByHostname()"]),
    ...memberOps("MachineHandler", "machines", "machine"),
    create: op<CreateMachineOptions>({
      handler: "MachinesHandler",
      method: "POST",
      typed: ["client.machines.create()"],
      params: {
        ...MACHINE_FORM_PARAMS,
        ...COMMISSION_PARAMS,
        architecture: { wire: "architecture", kind: "string", required: true },
        macAddresses: { wire: "mac_addresses", kind: "strings", required: true },
        subarchitecture: { wire: "subarchitecture", kind: "string" },
      },
    }),
    allocate: op<AllocateOptions>({
      handler: "MachinesHandler",
      method: "POST",
      op: "allocate",
      typed: ["client.machines.allocate()"],
      params: {
        ...ALLOCATE_FILTERS,
        ...BRIDGE_PARAMS,
        name: { wire: "name", kind: "string" },
        systemId: { wire: "system_id", kind: "string" },
        zone: { wire: "zone", kind: NAME },
        pool: { wire: "pool", kind: NAME },
        owner: { wire: "owner", kind: "string", lines: NEWER },
        agentName: { wire: "agent_name", kind: "string" },
        comment: { wire: "comment", kind: "string" },
        ephemeralDeploy: { wire: "ephemeral_deploy", kind: "boolean" },
        enableHwSync: { wire: "enable_hw_sync", kind: "boolean", lines: NEWER },
        installKvm: { wire: "install_kvm", kind: "boolean" },
        registerVmhost: {
          wire: "register_vmhost",
          kind: "boolean",
          lines: ["3.0", "3.7", "3.8", "master"],
        },
        installRackd: { wire: "install_rackd", kind: "boolean" },
        dryRun: { wire: "dry_run", kind: "boolean" },
        verbose: { wire: "verbose", kind: "boolean" },
      },
    }),
    releaseMany: op<MachinesParams>({
      handler: "MachinesHandler",
      method: "POST",
      op: "release",
      typed: ["client.machines.release()"],
      params: {
        machines: { wire: "machines", kind: SYSTEM_IDS },
        comment: { wire: "comment", kind: "string" },
      },
    }),
    accept: op<Pick<MachinesParams, "machines">>({
      handler: "MachinesHandler",
      method: "POST",
      op: "accept",
      typed: ["client.machines.accept()"],
      params: { machines: { wire: "machines", kind: SYSTEM_IDS } },
    }),
    acceptAll: op({
      handler: "MachinesHandler",
      method: "POST",
      op: "accept_all",
      typed: ["client.machines.acceptAll()"],
    }),
    listAllocated: op<ListAllocatedOptions>({
      handler: "MachinesHandler",
      method: "GET",
      op: "list_allocated",
      typed: ["client.machines.listAllocated()"],
      params: { id: { wire: "id", kind: SYSTEM_IDS } },
    }),
    powerParametersOf: op<{ id?: OneOrMore<SystemIdOrNode> }>({
      handler: "MachinesHandler",
      method: "GET",
      op: "power_parameters",
      typed: ["client.machines.powerParameters()"],
      params: POWER_PARAMETERS_PARAMS,
    }),
    clone: op<CloneParams>({
      handler: "MachinesHandler",
      method: "POST",
      op: "clone",
      typed: ["client.machines.clone()"],
      params: {
        source: { wire: "source", kind: SYSTEM_ID, required: true },
        destinations: { wire: "destinations", kind: COMMA_SYSTEM_IDS, required: true },
        interfaces: { wire: "interfaces", kind: "boolean" },
        storage: { wire: "storage", kind: "boolean" },
      },
    }),
    addChassis: op<AddChassisOptions>({
      handler: "MachinesHandler",
      method: "POST",
      op: "add_chassis",
      typed: ["client.machines.addChassis()"],
      params: {
        chassisType: { wire: "chassis_type", kind: "string", required: true },
        hostname: { wire: "hostname", kind: "string", required: true },
        username: { wire: "username", kind: "string" },
        password: { wire: "password", kind: "string" },
        acceptAll: { wire: "accept_all", kind: "boolean" },
        rackController: { wire: "rack_controller", kind: "string" },
        domain: { wire: "domain", kind: NAME },
        prefixFilter: { wire: "prefix_filter", kind: "string" },
        powerControl: {
          wire: "power_control",
          kind: "string",
          values: ["ipmi", "restapi", "restapi2"],
        },
        port: { wire: "port", kind: "integer" },
        protocol: { wire: "protocol", kind: "string" },
        tokenName: { wire: "token_name", kind: "string", lines: ["3.0", ...NEWER] },
        tokenSecret: { wire: "token_secret", kind: "string", lines: ["3.0", ...NEWER] },
        verifySsl: { wire: "verify_ssl", kind: "boolean", lines: ["3.0", ...NEWER] },
      },
    }),
    update: op<MachineChanges & MachineSaveOptions>({
      handler: "MachineHandler",
      method: "PUT",
      typed: ["machine.save()", "machine.setPower()"],
      params: MACHINE_FORM_PARAMS,
    }),
    delete: op<ForceDeleteOptions>({
      handler: "MachineHandler",
      method: "DELETE",
      typed: ["machine.delete()"],
      params: FORCE_PARAMS,
    }),
    queryPowerState: op({
      handler: "MachineHandler",
      method: "GET",
      op: "query_power_state",
      typed: ["machine.queryPowerState()"],
    }),
    getCurtinConfig: op({
      handler: "MachineHandler",
      method: "GET",
      op: "get_curtin_config",
      typed: ["machine.getCurtinConfig()"],
    }),
    getToken: op({
      handler: "MachineHandler",
      method: "GET",
      op: "get_token",
      typed: ["machine.getToken()"],
      lines: NEWER,
    }),
    deploy: op<DeployOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "deploy",
      typed: ["machine.deploy()", "client.machines.deployAll()"],
      params: {
        ...BRIDGE_PARAMS,
        distroSeries: { wire: "distro_series", kind: "string" },
        hweKernel: { wire: "hwe_kernel", kind: "string" },
        userData: { wire: "user_data", kind: USER_DATA },
        comment: { wire: "comment", kind: "string" },
        agentName: { wire: "agent_name", kind: "string" },
        ephemeralDeploy: { wire: "ephemeral_deploy", kind: "boolean" },
        enableHwSync: { wire: "enable_hw_sync", kind: "boolean", lines: NEWER },
        enableKernelCrashDump: { wire: "enable_kernel_crash_dump", kind: "boolean", lines: NEWER },
        vcenterRegistration: { wire: "vcenter_registration", kind: "boolean" },
        licenseKey: { wire: "license_key", kind: "string" },
        installKvm: { wire: "install_kvm", kind: "boolean" },
        registerVmhost: {
          wire: "register_vmhost",
          kind: "boolean",
          lines: ["3.0", "3.7", "3.8", "master"],
        },
        installRackd: { wire: "install_rackd", kind: "boolean" },
      },
    }),
    commission: op<Omit<CommissionOptions, "parameters">>({
      handler: "MachineHandler",
      method: "POST",
      op: "commission",
      typed: ["machine.commission()", "client.machines.commissionAll()"],
      params: COMMISSION_PARAMS,
    }),
    release: op<Omit<ReleaseOptions, "parameters">>({
      handler: "MachineHandler",
      method: "POST",
      op: "release",
      typed: ["machine.release()", "client.machines.releaseAll()"],
      params: {
        comment: { wire: "comment", kind: "string" },
        erase: { wire: "erase", kind: "boolean" },
        secureErase: { wire: "secure_erase", kind: "boolean" },
        quickErase: { wire: "quick_erase", kind: "boolean" },
        force: { wire: "force", kind: "boolean" },
        scripts: { wire: "scripts", kind: SCRIPT_NAMES, lines: NEWER },
      },
    }),
    test: op<Omit<TestOptions, "parameters">>({
      handler: "MachineHandler",
      method: "POST",
      op: "test",
      typed: ["machine.test()", "client.machines.testAll()"],
      params: TEST_PARAMS,
    }),
    powerOn: op<PowerOnOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "power_on",
      typed: ["machine.powerOn()", "client.machines.powerOnAll()"],
      params: POWER_ON_PARAMS,
    }),
    powerOff: op<PowerOffOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "power_off",
      typed: ["machine.powerOff()", "client.machines.powerOffAll()"],
      params: POWER_OFF_PARAMS,
    }),
    abort: op<CommentOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "abort",
      typed: ["machine.abort()"],
      params: COMMENT_PARAMS,
    }),
    overrideFailedTesting: op<CommentOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "override_failed_testing",
      typed: ["machine.overrideFailedTesting()"],
      params: COMMENT_PARAMS,
    }),
    markBroken: op<MarkBrokenOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "mark_broken",
      typed: ["machine.markBroken()"],
      params: {
        comment: { wire: "comment", kind: "string" },
        errorDescription: { wire: "error_description", kind: "string" },
      },
    }),
    markFixed: op<CommentOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "mark_fixed",
      typed: ["machine.markFixed()"],
      params: COMMENT_PARAMS,
    }),
    lock: op<CommentOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "lock",
      typed: ["machine.lock()"],
      params: COMMENT_PARAMS,
    }),
    unlock: op<CommentOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "unlock",
      typed: ["machine.unlock()"],
      params: COMMENT_PARAMS,
    }),
    rescueMode: op({
      handler: "MachineHandler",
      method: "POST",
      op: "rescue_mode",
      typed: ["machine.rescueMode()"],
    }),
    exitRescueMode: op({
      handler: "MachineHandler",
      method: "POST",
      op: "exit_rescue_mode",
      typed: ["machine.exitRescueMode()"],
    }),
    setStorageLayout: op<StorageLayoutParams>({
      handler: "MachineHandler",
      method: "POST",
      op: "set_storage_layout",
      typed: ["machine.setStorageLayout()"],
      params: {
        storageLayout: {
          wire: "storage_layout",
          kind: "string",
          values: Object.values(StorageLayout),
          required: true,
        },
        bootSize: { wire: "boot_size", kind: SIZE },
        rootSize: { wire: "root_size", kind: SIZE },
        rootDevice: { wire: "root_device", kind: BLOCK_DEVICE },
        vgName: { wire: "vg_name", kind: "string" },
        lvName: { wire: "lv_name", kind: "string" },
        lvSize: { wire: "lv_size", kind: SIZE },
        cacheDevice: { wire: "cache_device", kind: BLOCK_DEVICE },
        cacheMode: {
          wire: "cache_mode",
          kind: "string",
          values: ["writeback", "writethrough", "writearound"],
        },
        cacheSize: { wire: "cache_size", kind: SIZE },
        cacheNoPart: { wire: "cache_no_part", kind: "boolean" },
      },
    }),
    mountSpecial: op<MountSpecialOptions>({
      handler: "MachineHandler",
      method: "POST",
      op: "mount_special",
      typed: ["machine.mountSpecial()"],
      params: {
        fstype: { wire: "fstype", kind: "string", required: true },
        mountPoint: { wire: "mount_point", kind: "string", required: true },
        mountOptions: { wire: "mount_options", kind: "string" },
      },
    }),
    unmountSpecial: op<UnmountSpecialParams>({
      handler: "MachineHandler",
      method: "POST",
      op: "unmount_special",
      typed: ["machine.unmountSpecial()"],
      params: { mountPoint: { wire: "mount_point", kind: "string", required: true } },
    }),
    clearDefaultGateways: op({
      handler: "MachineHandler",
      method: "POST",
      op: "clear_default_gateways",
      typed: ["machine.clearDefaultGateways()"],
    }),
    restoreDefaultConfiguration: op({
      handler: "MachineHandler",
      method: "POST",
      op: "restore_default_configuration",
      typed: ["machine.restoreDefaultConfiguration()"],
    }),
    restoreNetworkingConfiguration: op({
      handler: "MachineHandler",
      method: "POST",
      op: "restore_networking_configuration",
      typed: ["machine.restoreNetworkingConfiguration()"],
    }),
    restoreStorageConfiguration: op({
      handler: "MachineHandler",
      method: "POST",
      op: "restore_storage_configuration",
      typed: ["machine.restoreStorageConfiguration()"],
    }),
    setWorkloadAnnotations: op({
      handler: "MachineHandler",
      method: "POST",
      op: "set_workload_annotations",
      typed: ["machine.setWorkloadAnnotations()"],
      lines: ["3.0", ...NEWER],
    }),
    setOwnerData: op({
      handler: "MachineHandler",
      method: "POST",
      op: "set_owner_data",
      typed: ["machine.setOwnerData()"],
    }),
  },
});

/** What a wait reports to its progress callback whenever the machine's state changes. */
export interface MachineProgress {
  /** The machine, with the state just read. */
  readonly machine: Machine;
  /** Its status. */
  readonly status: NodeStatus;
  /** Its status name, such as `Deploying`. */
  readonly statusName: string;
  /** Its latest status message, such as `Deploying: Curtin installing`. */
  readonly statusMessage: string | null;
  /** Its power state. */
  readonly powerState: PowerState;
}

/** How {@linkcode Machine.waitFor} waits. */
export type MachineWaitOptions = WaitOptions<MachineProgress>;

/** The last argument of a machine's long operations: the request's options and the wait's. */
export type MachineOperationOptions = OperationOptions<MachineProgress>;

/** The last argument of the bulk helpers: the operation's options plus concurrency. */
export interface BulkOperationOptions extends MachineOperationOptions {
  /** At most this many requests at once (default: the client's concurrency). */
  concurrency?: number;
}

/** The operations a machine can be waited on for, by {@linkcode Machine.waitFor}. */
export type MachineOperation =
  | "deploy"
  | "commission"
  | "test"
  | "release"
  | "rescueMode"
  | "exitRescueMode"
  | "powerOn"
  | "powerOff";

type MachineErrorClass = new (machine: Machine, what: string, detail?: string) => MachineError;

interface WaitSpec {
  /** What is happening, for messages (`deploying`). */
  doing: string;
  /** The error raised when the operation ends anywhere but in success. */
  error: MachineErrorClass;
  /** Still in progress. */
  busy(data: WireData): boolean;
  /** Ended well. */
  done(data: WireData): boolean;
  /** Failure states with their own error class. */
  failures?: ReadonlyMap<number, MachineErrorClass>;
  /** Wait on the power state rather than the status. */
  power?: boolean;
}

const statusIn = (...statuses: number[]) => (data: WireData) =>
  statuses.includes(data.status as number);

const WAITS: Readonly<Record<MachineOperation, WaitSpec>> = {
  deploy: {
    doing: "deploying",
    error: FailedDeployment,
    busy: statusIn(Status.DEPLOYING),
    done: statusIn(Status.DEPLOYED),
  },
  commission: {
    doing: "commissioning",
    error: FailedCommissioning,
    busy: statusIn(Status.COMMISSIONING, Status.TESTING),
    done: statusIn(Status.READY, Status.NEW),
    failures: new Map([[Status.FAILED_TESTING, FailedTesting]]),
  },
  test: {
    doing: "testing",
    error: FailedTesting,
    busy: statusIn(Status.TESTING),
    done: (data) => data.status !== Status.FAILED_TESTING,
  },
  release: {
    doing: "releasing",
    error: FailedReleasing,
    busy: statusIn(Status.RELEASING, Status.DISK_ERASING),
    done: statusIn(Status.READY),
    failures: new Map([[Status.FAILED_DISK_ERASING, FailedDiskErasing]]),
  },
  rescueMode: {
    doing: "entering rescue mode",
    error: RescueModeFailure,
    busy: statusIn(Status.ENTERING_RESCUE_MODE),
    done: statusIn(Status.RESCUE_MODE),
  },
  exitRescueMode: {
    doing: "exiting rescue mode",
    error: RescueModeFailure,
    busy: statusIn(Status.EXITING_RESCUE_MODE),
    done: (data) => data.status !== Status.FAILED_EXITING_RESCUE_MODE,
  },
  powerOn: {
    doing: "powering on",
    error: PowerError,
    busy: (data) => data.power_state !== "on" && data.power_state !== "error",
    done: (data) => data.power_state === "on",
    power: true,
  },
  powerOff: {
    doing: "powering off",
    error: PowerError,
    busy: (data) => data.power_state !== "off" && data.power_state !== "error",
    done: (data) => data.power_state === "off",
    power: true,
  },
};

const DEFAULT_WAIT_TIMEOUT = 60 * 60_000;
const pollers = new WeakMap<ClientContext, StatusPoller>();

/** The poller shared by every wait on the machines of one client. */
function pollerFor(context: ClientContext): StatusPoller {
  let poller = pollers.get(context);
  if (!poller) {
    poller = new StatusPoller({
      signal: context.transport.options.signal,
      async many(ids, signal) {
        const data = await context.call("GET", "machines/", {
          params: { id: ids },
          signal,
          retries: 0,
        });
        return expectList(data, "machines");
      },
      async one(id, signal) {
        const data = await context.call("GET", apiPath`machines/${id}/`, { signal, retries: 0 });
        return expectObject(data, "a machine");
      },
    });
    pollers.set(context, poller);
  }
  return poller;
}

// Waiting options given among an op's parameters: pointed to the last argument.
const WAITING_KEYS = ["wait", "interval", "waitTimeout", "onProgress"];

function refuseWaitingParams(params: unknown, method: string): void {
  if (params === null || typeof params !== "object") return;
  for (const key of WAITING_KEYS) {
    if (Object.hasOwn(params, key)) {
      throw new ParameterError(
        `${method}: ${key} is a waiting option: give it in the options, the last argument ` +
          `(${method.replace(/\(\)$/, "")}(params, { ${key}: … }))`,
      );
    }
  }
}

/** A special filesystem (tmpfs, ramfs) mounted on a machine. */
export interface SpecialFilesystem {
  /** Filesystem type. */
  readonly fstype: string;
  /** Label, if any. */
  readonly label: string | null;
  /** UUID, if any. */
  readonly uuid: string | null;
  /** Where it is mounted. */
  readonly mountPoint: string;
  /** Mount options. */
  readonly mountOptions: string | null;
}

/** The gateway a machine uses for one address family. */
export interface DefaultGateway {
  /** The gateway's address, or `null` when none applies. */
  readonly gatewayIp: string | null;
  /** The id of the interface link chosen by the user, or `null` when MAAS picks. */
  readonly linkId: number | null;
}

/** A NUMA node of a machine. */
export interface NumaNode {
  /** NUMA node index. */
  readonly index: number;
  /** CPU core indexes on the node. */
  readonly cores: readonly number[];
  /** Memory on the node, in MiB. */
  readonly memory: number;
  /** Huge pages configured on the node. */
  readonly hugepagesSet: ReadonlyArray<{ readonly total: number; readonly pageSize: number }>;
}

/**
 * A machine: a deployable node. Fields are typed views over the data MAAS sent (kept whole;
 * `machine.data` has everything, unknown fields included); editable ones record changes for
 * `save()`. Long operations take `{ wait: true }` in their last argument and then resolve once
 * the machine reached the target state, or reject with a {@linkcode MachineError}.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function deployOne(client: Client) {
 *   const machine = await client.machines.allocate({ tags: ["gpu"], pool: "prod" });
 *   await machine.deploy({ distroSeries: "jammy" }, {
 *     wait: true,
 *     onProgress: ({ statusName, statusMessage }) => console.log(statusName, statusMessage),
 *   });
 *   console.log(String(machine), machine.ipAddresses);
 * }
 * ```
 */
export class Machine extends PoweredNode<MachineSaveOptions> {
  /** Host name, without the domain; assign and `save()` to rename. */
  declare hostname: string;
  /** Free-form description; assign and `save()` to change it. */
  declare description: string;
  /** Architecture, such as `amd64/generic`. */
  declare architecture: string;
  /** Minimum kernel, such as `ga-22.04`. */
  declare minHweKernel: string | null;
  /** The kernel of the deployment. */
  declare hweKernel: string | null;
  /** Deployed operating system (`ubuntu`). */
  declare osystem: string;
  /** Deployed release (`noble`). */
  declare distroSeries: string;
  /** CPU cores. */
  declare cpuCount: number;
  /** Memory in MiB. */
  declare memory: number;
  /** Swap file size in bytes, or `null` for the default. */
  declare swapSize: number | null;
  /** Deprecated by MAAS; must stay false. */
  declare disableIpv4: boolean;
  /** Power driver, such as `ipmi` (assign and `save()`, or use `setPower`). */
  declare powerType: string;
  /** Whether the machine is (to be) deployed to memory only. */
  declare ephemeralDeploy: boolean;
  /** Whether hardware sync is on (MAAS 3.7 and later). */
  declare enableHwSync: boolean;
  /** Whether kernel crash dumps are configured (MAAS 3.7 and later). */
  declare enableKernelCrashDump: boolean;
  /** Whether the machine is a DPU (MAAS 3.7 and later). */
  declare isDpu: boolean;
  /** Status number. */
  declare readonly status: NodeStatus;
  /** Status display name, such as `Ready`. */
  declare readonly statusName: string;
  /** Power state as MAAS last saw it. */
  declare readonly powerState: PowerState;
  /** Whether the machine is locked against changes. */
  declare readonly locked: boolean;
  /** Owner's workload annotations. */
  declare readonly workloadAnnotations: Readonly<Record<string, string>>;
  /** BIOS boot method (`uefi`, `pxe`…). */
  declare readonly biosBootMethod: string | null;
  /** Whether the machine boots from the network. */
  declare readonly netboot: boolean;
  /** What went wrong, when the machine was marked broken or failed. */
  declare readonly errorDescription: string;
  /** The interface the machine boots from, as MAAS sent it. */
  declare readonly bootInterface: WireData | null;
  /** The disk the machine boots from, as MAAS sent it. */
  declare readonly bootDisk: WireData | null;
  /** Every block device, as MAAS sent them (see {@linkcode Machine.blockDevices} to manage them). */
  declare readonly blockdeviceSet: readonly WireData[];
  /** Physical block devices. */
  declare readonly physicalblockdeviceSet: readonly WireData[];
  /** Virtual block devices (RAIDs, bcaches, logical volumes). */
  declare readonly virtualblockdeviceSet: readonly WireData[];
  /** Constraints that matched, as `allocate` answers (`storage`, `interfaces`, `verbose_…`). */
  declare readonly constraintsByType: Readonly<Record<string, unknown>> | undefined;
  /** Last hardware sync, when hardware sync is on. */
  declare readonly lastSync: string | null;
  /** Seconds between hardware syncs. */
  declare readonly syncInterval: number | null;
  /** Next hardware sync. */
  declare readonly nextSync: string | null;
  /** Deprecated name of the workload annotations, still sent by MAAS. */
  declare readonly ownerData: Readonly<Record<string, string>>;
  /** The id of the VM this machine is, on a VM host (MAAS up to 3.8). */
  declare readonly virtualmachineId: number | null | undefined;

  static {
    this.registerNodeType(NodeType.MACHINE, Machine);
  }

  /** `Machine abc123 node-07 Ready`. */
  override toString(): string {
    return `Machine ${this.systemId} ${this.hostname} ${this.statusName}`;
  }

  /** The machine's resource pool; assign a pool name (or a pool) and `save()` to move it. */
  get pool(): NodePool | null {
    return placeRef(this.data.pool);
  }
  /** Records a move to another resource pool for `save()`. */
  set pool(value: NameOrObject) {
    this.set("pool", refName(value, "pool"));
  }

  /** The parent node's system id (machines inside a chassis or VM host), or `null`. */
  get parent(): string | null {
    const parent = this.get("parent") as WireData | null | undefined;
    return (parent?.system_id as string | undefined) ?? null;
  }

  /** The VM host the machine is a VM of (MAAS up to 3.8), or `null`. */
  get pod(): { readonly id: number; readonly name: string } | null {
    const pod = this.get("pod") as WireData | null | undefined;
    return pod ? { id: pod.id as number, name: pod.name as string } : null;
  }

  /** Ids of the machine's LVM volume groups. */
  get volumeGroupIds(): number[] {
    return ids(this.get("volume_groups"));
  }

  /** Ids of the machine's RAIDs. */
  get raidIds(): number[] {
    return ids(this.get("raids"));
  }

  /** Ids of the machine's bcaches. */
  get bcacheIds(): number[] {
    return ids(this.get("bcaches"));
  }

  /** Ids of the machine's bcache cache sets. */
  get cacheSetIds(): number[] {
    return ids(this.get("cache_sets"));
  }

  /** Special filesystems (tmpfs, ramfs) mounted on the machine. */
  get specialFilesystems(): SpecialFilesystem[] {
    return ((this.get("special_filesystems") ?? []) as WireData[]).map((fs) => ({
      fstype: fs.fstype as string,
      label: (fs.label as string | null) ?? null,
      uuid: (fs.uuid as string | null) ?? null,
      mountPoint: fs.mount_point as string,
      mountOptions: (fs.mount_options as string | null) ?? null,
    }));
  }

  /** The default gateways the machine will use. */
  get defaultGateways(): { readonly ipv4: DefaultGateway; readonly ipv6: DefaultGateway } {
    const data = (this.get("default_gateways") ?? {}) as Record<string, WireData | undefined>;
    const gateway = (g: WireData | undefined): DefaultGateway => ({
      gatewayIp: (g?.gateway_ip as string | null) ?? null,
      linkId: (g?.link_id as number | null) ?? null,
    });
    return { ipv4: gateway(data.ipv4), ipv6: gateway(data.ipv6) };
  }

  /** The machine's NUMA nodes. */
  get numanodeSet(): NumaNode[] {
    return ((this.get("numanode_set") ?? []) as WireData[]).map((node) => ({
      index: node.index as number,
      cores: (node.cores ?? []) as number[],
      memory: node.memory as number,
      hugepagesSet: ((node.hugepages_set ?? []) as WireData[]).map((h) => ({
        total: h.total as number,
        pageSize: h.page_size as number,
      })),
    }));
  }

  /** The machine's block devices. */
  get blockDevices(): NodeBlockDevices {
    return new NodeBlockDevices(this.client, this.systemId);
  }

  /** The machine's LVM volume groups. */
  get volumeGroups(): NodeVolumeGroups {
    return new NodeVolumeGroups(this.client, this.systemId);
  }

  /** The machine's software RAIDs. */
  get raids(): NodeRaids {
    return new NodeRaids(this.client, this.systemId);
  }

  /** The machine's bcaches. */
  get bcaches(): NodeBcaches {
    return new NodeBcaches(this.client, this.systemId);
  }

  /** The machine's bcache cache sets. */
  get bcacheCacheSets(): NodeBcacheCacheSets {
    return new NodeBcacheCacheSets(this.client, this.systemId);
  }

  /** The machine's VMFS datastores. */
  get vmfsDatastores(): NodeVmfsDatastores {
    return new NodeVmfsDatastores(this.client, this.systemId);
  }

  /**
   * Deploys an operating system. A Ready machine is allocated to the caller first. With
   * `{ wait: true }` in the options, resolves once it is Deployed or rejects with
   * {@linkcode FailedDeployment}.
   */
  async deploy(params?: DeployOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("deploy", MACHINES.ops.deploy, params, options);
  }

  /**
   * Commissions the machine (and runs its tests). With `{ wait: true }`, resolves once it is
   * Ready (or New, when enlisting) or rejects with {@linkcode FailedCommissioning} /
   * {@linkcode FailedTesting}.
   */
  async commission(params?: CommissionOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long(
      "commission",
      MACHINES.ops.commission,
      withScriptParameters(params),
      options,
    );
  }

  /**
   * Releases the machine back to the pool (erasing disks if asked). With `{ wait: true }`,
   * resolves once it is Ready or rejects with {@linkcode FailedReleasing} /
   * {@linkcode FailedDiskErasing}.
   */
  async release(params?: ReleaseOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("release", MACHINES.ops.release, withScriptParameters(params), options);
  }

  /** Runs hardware tests. With `{ wait: true }`, rejects with {@linkcode FailedTesting} on failure. */
  async test(params?: TestOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("test", MACHINES.ops.test, withScriptParameters(params), options);
  }

  /**
   * Powers the machine on (it must be allocated or deployed). With `{ wait: true }`, resolves
   * once MAAS sees it on, or rejects with {@linkcode PowerError} when the power state turns
   * `error` (a `manual` power type never reports a state, so such a wait ends at its limit).
   */
  async powerOn(params?: PowerOnOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("powerOn", MACHINES.ops.powerOn, params, options);
  }

  /** Powers the machine off (`stopMode: "soft"` asks the OS first). Waits like `powerOn`. */
  async powerOff(params?: PowerOffOptions, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("powerOff", MACHINES.ops.powerOff, params, options);
  }

  /**
   * Boots the machine into the rescue environment. With `{ wait: true }`, resolves in Rescue
   * mode or rejects with {@linkcode RescueModeFailure}.
   */
  async rescueMode(params?: ExtraParams, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("rescueMode", MACHINES.ops.rescueMode, params, options);
  }

  /** Leaves rescue mode. Waits like `rescueMode`. */
  async exitRescueMode(params?: ExtraParams, options?: MachineOperationOptions): Promise<this> {
    return await this.#long("exitRescueMode", MACHINES.ops.exitRescueMode, params, options);
  }

  /** Asks the machine's BMC for its power state now (can take up to a minute on real hardware). */
  async queryPowerState(params?: ExtraParams, options?: CallOptions): Promise<PowerState> {
    return await this.readPowerState(MACHINES.ops.queryPowerState, params, options);
  }

  /** Aborts the current operation (commissioning, deploying, testing, erasing…). */
  async abort(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.abort, params, options);
  }

  /** Ignores failed tests and makes the machine usable again (administrators only). */
  async overrideFailedTesting(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.overrideFailedTesting, params, options);
  }

  /** Marks the machine broken (`errorDescription` says what is wrong). */
  async markBroken(params?: MarkBrokenOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.markBroken, params, options);
  }

  /** Marks a broken machine fixed (administrators only). */
  async markFixed(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.markFixed, params, options);
  }

  /** Locks a deployed machine against changes. */
  async lock(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.lock, params, options);
  }

  /** Unlocks a locked machine. */
  async unlock(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.unlock, params, options);
  }

  /** Replaces the storage configuration with a layout (the machine must be Ready). */
  async setStorageLayout(
    layout: StorageLayout,
    params?: StorageLayoutOptions,
    options?: CallOptions,
  ): Promise<this> {
    return await this.run(MACHINES.ops.setStorageLayout, params, options, {
      storageLayout: layout,
    });
  }

  /** Mounts a special filesystem (tmpfs, ramfs); the machine must be Ready or Allocated. */
  async mountSpecial(params: MountSpecialOptions, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.mountSpecial, params, options);
  }

  /** Unmounts a special filesystem. */
  async unmountSpecial(
    mountPoint: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.run(MACHINES.ops.unmountSpecial, params, options, { mountPoint });
  }

  /** Forgets the default gateways chosen by the user, so MAAS picks them. */
  async clearDefaultGateways(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.clearDefaultGateways, params, options);
  }

  /** Restores networking and storage to what commissioning found (Ready or Failed testing). */
  async restoreDefaultConfiguration(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.restoreDefaultConfiguration, params, options);
  }

  /** Restores networking to what commissioning found. */
  async restoreNetworkingConfiguration(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.restoreNetworkingConfiguration, params, options);
  }

  /** Restores the default storage layout. */
  async restoreStorageConfiguration(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(MACHINES.ops.restoreStorageConfiguration, params, options);
  }

  /** The rendered curtin configuration (YAML text) of a deploying or deployed machine. */
  async getCurtinConfig(params?: ExtraParams, options?: CallOptions): Promise<string> {
    const answer = await invoke(this.client, MACHINES.ops.getCurtinConfig, {
      path: this.resourcePath,
      params,
      call: options,
    });
    if (typeof answer === "string") return answer;
    if (answer instanceof Uint8Array) return new TextDecoder().decode(answer);
    throw new ProtocolError(`Expected curtin configuration as text, got ${typeof answer}`);
  }

  /**
   * Sets workload annotations (`""` or `null` removes a key); the machine must be owned
   * (MAAS 3.0 and later; older lines have only {@linkcode Machine.setOwnerData}).
   */
  async setWorkloadAnnotations(
    annotations: AnnotationChanges,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.annotate(MACHINES.ops.setWorkloadAnnotations, annotations, params, options);
  }

  /**
   * Sets workload annotations through their older name, `set_owner_data` (every line up to
   * 3.8 and master still serve it).
   */
  async setOwnerData(
    annotations: AnnotationChanges,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.annotate(MACHINES.ops.setOwnerData, annotations, params, options);
  }

  /**
   * The machine's own API token (the one its cloud-init uses), or `null` when it has none
   * (administrators only; MAAS 3.7 and later). Printing the credentials never shows the secret.
   */
  async getToken(params?: ExtraParams, options?: CallOptions): Promise<Credentials | null> {
    const answer = await invoke(this.client, MACHINES.ops.getToken, {
      path: this.resourcePath,
      params,
      call: options,
    });
    if (answer === null || answer === undefined) return null;
    const data = expectObject(answer, "a machine token");
    return new Credentials(
      data.consumer_key as string,
      data.token_key as string,
      data.token_secret as string,
    );
  }

  /**
   * Waits for an operation already started (by this client or anyone else) to end, like the
   * operation's own `{ wait: true }`. Resolves at once when the machine is already there.
   */
  async waitFor(operation: MachineOperation, options?: MachineWaitOptions): Promise<this> {
    if (!Object.hasOwn(WAITS, operation)) {
      throw new ParameterError(
        `Unknown operation ${JSON.stringify(operation)}; one of ${Object.keys(WAITS).join(", ")}`,
      );
    }
    const { waiting } = splitOperationOptions<MachineProgress>(options, "machine.waitFor()", {
      waitOnly: true,
    });
    return await this.#waitAfter(operation, waiting, Date.now());
  }

  async #long(
    operation: MachineOperation,
    op: Op<unknown>,
    params: unknown,
    options: MachineOperationOptions | undefined,
  ): Promise<this> {
    const method = op.typed[0];
    refuseWaitingParams(params, method);
    const { wait, call, waiting } = splitOperationOptions<MachineProgress>(options, method, {
      params: op.params as object,
    });
    const started = Date.now();
    await this.run(op, params, call);
    return wait ? await this.#waitAfter(operation, waiting, started) : this;
  }

  async #waitAfter(
    operation: MachineOperation,
    options: MachineWaitOptions,
    started: number,
  ): Promise<this> {
    const spec = WAITS[operation];
    const { interval, signal, onProgress } = options;
    const limit = options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT;
    let last = "";
    const check = (data: WireData): this | undefined => {
      if (data !== this.data) this.take(data);
      if (onProgress) {
        const key = `${data.status}\u0000${data.status_message}\u0000${data.power_state}`;
        if (key !== last) {
          last = key;
          onProgress({
            machine: this,
            status: this.status,
            statusName: this.statusName,
            statusMessage: this.statusMessage ?? null,
            powerState: this.powerState,
          });
        }
      }
      if (spec.busy(data)) return undefined;
      if (spec.done(data)) return this;
      const ErrorClass = spec.failures?.get(data.status as number) ?? spec.error;
      throw new ErrorClass(
        this,
        `${capitalise(spec.doing)} failed`,
        spec.power ? `power state is ${data.power_state}` : undefined,
      );
    };
    const now = check(this.data as WireData);
    if (now !== undefined) return now;
    const remaining = Number.isFinite(limit) ? Math.max(1, limit - (Date.now() - started)) : limit;
    return await pollerFor(this.client).watch(this.systemId, check, {
      interval,
      timeout: remaining,
      signal,
      url: this.client.apiUrl + this.resourcePath,
      describe: () =>
        `still ${spec.doing}: ${this}` + (this.statusMessage ? ` (${this.statusMessage})` : ""),
    });
  }
}
defineNode(Machine, MACHINES.fields, MACHINES.ops);

function ids(value: unknown): number[] {
  return Array.isArray(value) ? value.map((item) => (item as WireData).id as number) : [];
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** The outcome of one machine in a bulk run. */
export type MachineOutcome<R = Machine> =
  | { readonly machine: Machine; readonly status: "fulfilled"; readonly value: R }
  | { readonly machine: Machine; readonly status: "rejected"; readonly error: unknown };

const MACHINE_OUTCOMES = {
  fulfilled: (machine: Machine, value: unknown): MachineOutcome<unknown> => ({
    machine,
    status: "fulfilled",
    value,
  }),
  rejected: (machine: Machine, error: unknown): MachineOutcome<unknown> => ({
    machine,
    status: "rejected",
    error,
  }),
};

/**
 * `client.machines`: list (filtered on the server), read, find by hostname, create, allocate,
 * release, accept, move to a zone, read power parameters in bulk, and run an operation over many
 * machines at once.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function deployRack(client: Client) {
 *   const machines = await client.machines.list({ status: "ready", zone: "rack-3" });
 *   const results = await client.machines.deployAll(machines, { distroSeries: "jammy" }, {
 *     wait: true,
 *   });
 *   for (const r of results) console.log(String(r.machine), r.status);
 * }
 * ```
 */
export class Machines extends NodeCollection<Machine> {
  /** The machines family's ops. */
  protected readonly ops: NodeCollectionOps = MACHINES.ops;

  /** Wraps a machine. */
  protected wrap(data: WireData): Machine {
    return new Machine(this.context, data);
  }

  /** The poller every wait of this client shares; set its `interval` to poll more gently. */
  get poller(): StatusPoller {
    return pollerFor(this.context);
  }

  /**
   * The machine with this hostname, or `null`. Filters on the server (never lists everything);
   * an FQDN (`node-07.maas`) also filters on the domain. Other filters may narrow it further.
   */
  async getByHostname(
    hostname: string,
    params?: Omit<MachineFilters, "hostname" | "domain">,
    options?: CallOptions,
  ): Promise<Machine | null> {
    if (typeof hostname !== "string" || hostname === "") {
      throw new ParameterError(`getByHostname() needs a hostname, got ${JSON.stringify(hostname)}`);
    }
    const dot = hostname.indexOf(".");
    const set = dot > 0
      ? { hostname: hostname.slice(0, dot), domain: hostname.slice(dot + 1) }
      : { hostname };
    const [machine] = await listOf(this.context, MACHINES.ops.list, Machine, "machines", {
      params,
      set,
      call: options,
    });
    return machine ?? null;
  }

  /** Adds a machine (commissioned at once by default when an administrator adds it). */
  async create(params: CreateMachineOptions, options?: CallOptions): Promise<Machine> {
    return await oneOf(this.context, MACHINES.ops.create, Machine, "a machine", {
      params,
      call: options,
    });
  }

  /**
   * Allocates an available machine that matches every constraint, to the caller. When none
   * matches, MAAS answers 409 and this raises {@linkcode MachineNotFound} with the server's
   * reason.
   */
  async allocate(params?: AllocateOptions, options?: CallOptions): Promise<Machine> {
    try {
      return await oneOf(this.context, MACHINES.ops.allocate, Machine, "a machine", {
        params,
        call: options,
      });
    } catch (error) {
      // MAAS says "nothing matches" with a plain 409; a 409 with Retry-After is a busy server.
      if (error instanceof ConflictError && error.retryAfter === null) {
        throw new MachineNotFound({
          method: error.method,
          url: error.url,
          status: error.status,
          content: error.content,
          contentType: error.contentType,
        });
      }
      throw error;
    }
  }

  /** Releases several machines at once; answers the system ids MAAS started releasing. */
  async release(
    machines: OneOrMore<SystemIdOrNode>,
    params?: ReleaseMachinesOptions,
    options?: CallOptions,
  ): Promise<string[]> {
    const answer = await invoke(this.context, MACHINES.ops.releaseMany, {
      params,
      set: { machines },
      call: options,
    });
    return expectList(answer, "system ids") as unknown as string[];
  }

  /** Accepts enlisted (New) machines; answers the machines accepted. */
  async accept(
    machines: OneOrMore<SystemIdOrNode>,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Machine[]> {
    return await listOf(this.context, MACHINES.ops.accept, Machine, "machines", {
      params,
      set: { machines },
      call: options,
    });
  }

  /** Accepts every enlisted (New) machine. */
  async acceptAll(params?: ExtraParams, options?: CallOptions): Promise<Machine[]> {
    return await listOf(this.context, MACHINES.ops.acceptAll, Machine, "machines", {
      params,
      call: options,
    });
  }

  /** Machines allocated to the caller (and not yet deployed), optionally only these ids. */
  async listAllocated(params?: ListAllocatedOptions, options?: CallOptions): Promise<Machine[]> {
    return await listOf(this.context, MACHINES.ops.listAllocated, Machine, "machines", {
      params,
      call: options,
    });
  }

  /**
   * Power parameters of many machines in one request, by system id (administrators only; the
   * values can include BMC passwords). No machines: every machine's.
   */
  async powerParameters(
    machines: OneOrMore<SystemIdOrNode> = [],
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>> {
    const answer = await invoke(this.context, MACHINES.ops.powerParametersOf, {
      params,
      set: { id: machines },
      call: options,
    });
    return expectObject(answer, "power parameters") as Record<string, Record<string, unknown>>;
  }

  /**
   * Copies the storage and/or interface configuration of `source` to `destinations` (which
   * must be Ready or Failed testing).
   */
  async clone(
    source: SystemIdOrNode,
    destinations: OneOrMore<SystemIdOrNode>,
    params: CloneOptions,
    options?: CallOptions,
  ): Promise<void> {
    if (!params?.interfaces && !params?.storage && !params?.extra) {
      throw new ParameterError(`clone() needs "interfaces: true", "storage: true" or both`);
    }
    await invoke(this.context, MACHINES.ops.clone, {
      params,
      set: { source, destinations },
      call: options,
    });
  }

  /** Adds the machines of a chassis or VM manager; answers MAAS's text about what it asked. */
  async addChassis(params: AddChassisOptions, options?: CallOptions): Promise<string> {
    const answer = await invoke(this.context, MACHINES.ops.addChassis, { params, call: options });
    return typeof answer === "string" ? answer : new TextDecoder().decode(answer as Uint8Array);
  }

  /**
   * Runs `fn` on every machine, at most `concurrency` at once (default: the client's), and
   * reports each machine's outcome instead of failing at the first error.
   */
  async runAll<R>(
    machines: readonly Machine[],
    fn: (machine: Machine) => Promise<R>,
    options: { concurrency?: number; signal?: AbortSignal } = {},
  ): Promise<MachineOutcome<R>[]> {
    if (!Array.isArray(machines)) {
      throw new ParameterError(`Parameter "machines" must be a list of machines`);
    }
    if (typeof fn !== "function") {
      throw new ParameterError(`runAll() takes a function to run on each machine`);
    }
    return await runBounded(
      machines,
      fn,
      MACHINE_OUTCOMES as {
        fulfilled(machine: Machine, value: unknown): MachineOutcome<R>;
        rejected(machine: Machine, error: unknown): MachineOutcome<R>;
      },
      options.concurrency ?? this.#concurrency(),
      options.signal,
    );
  }

  /**
   * Deploys many machines: the requests go out at most `concurrency` at a time; with
   * `{ wait: true }` every accepted machine is then awaited through the shared poller (one list
   * query per round for all of them).
   */
  async deployAll(
    machines: readonly Machine[],
    params?: DeployOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "deploy", params, options, (m, o) => m.deploy(params, o));
  }

  /** Commissions many machines; see {@linkcode Machines.deployAll}. */
  async commissionAll(
    machines: readonly Machine[],
    params?: CommissionOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(
      machines,
      "commission",
      params,
      options,
      (m, o) => m.commission(params, o),
    );
  }

  /** Releases many machines, one request each; see {@linkcode Machines.deployAll}. */
  async releaseAll(
    machines: readonly Machine[],
    params?: ReleaseOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "release", params, options, (m, o) => m.release(params, o));
  }

  /** Tests many machines; see {@linkcode Machines.deployAll}. */
  async testAll(
    machines: readonly Machine[],
    params?: TestOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "test", params, options, (m, o) => m.test(params, o));
  }

  /** Powers many machines on; see {@linkcode Machines.deployAll}. */
  async powerOnAll(
    machines: readonly Machine[],
    params?: PowerOnOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "powerOn", params, options, (m, o) => m.powerOn(params, o));
  }

  /** Powers many machines off; see {@linkcode Machines.deployAll}. */
  async powerOffAll(
    machines: readonly Machine[],
    params?: PowerOffOptions,
    options?: BulkOperationOptions,
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "powerOff", params, options, (m, o) => m.powerOff(params, o));
  }

  async #bulk(
    machines: readonly Machine[],
    operation: MachineOperation,
    params: (ExtraParams & { parameters?: ScriptParameters }) | undefined,
    options: BulkOperationOptions | undefined,
    start: (machine: Machine, options: CallOptions | undefined) => Promise<Machine>,
  ): Promise<MachineOutcome[]> {
    const method = `client.machines.${operation}All()`;
    // Mistakes in the parameters are refused once, before any machine's request.
    refuseWaitingParams(params, method);
    checkParams(MACHINES.ops[operation], withScriptParameters(params));
    const { wait, call, waiting } = splitOperationOptions<MachineProgress>(options, method, {
      extra: ["concurrency"],
    });
    // The requests run without waiting; the waits follow, all through the shared poller.
    const started = await this.runAll(machines, (machine) => start(machine, call), {
      concurrency: options?.concurrency,
      signal: call?.signal,
    });
    if (!wait) return started as MachineOutcome[];
    return await Promise.all(started.map(async (outcome): Promise<MachineOutcome> => {
      if (outcome.status === "rejected") return outcome;
      try {
        const machine = await outcome.machine.waitFor(operation, waiting);
        return { machine, status: "fulfilled", value: machine };
      } catch (error) {
        return { machine: outcome.machine, status: "rejected", error };
      }
    }));
  }

  #concurrency(): number {
    return this.context.transport?.options.concurrency ?? 8;
  }
}
