/**
 * Machines through their whole life cycle: listing with server-side filters, allocation with
 * every constraint MAAS accepts, every operation of a machine, waits that share one poller per
 * client, and bulk runs with a result per machine.
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
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import { runBounded } from "./bulk.ts";
import { type NodeStatus, NodeStatus as Status, NodeType, type PowerState } from "./enums.ts";
import {
  type AnnotationChanges,
  type CommentOptions,
  type InterfaceConstraints,
  type NameOrObject,
  Node,
  NodeCollection,
  type NodeFilters,
  type OneOrMore,
  type PowerOffOptions,
  type PowerOnOptions,
  type StorageConstraint,
  type SystemIdOrNode,
  type TestOptions,
} from "./nodes.ts";
import {
  NodeBcacheCacheSets,
  NodeBcaches,
  NodeBlockDevices,
  NodeRaids,
  NodeVmfsDatastores,
  NodeVolumeGroups,
} from "./storage.ts";
import { StatusPoller } from "./wait.ts";

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

/** Options of the waiting part of a long operation. */
export interface WaitOptions {
  /** Milliseconds between two reads of the machine (default: the client's poller interval, 5 s). */
  interval?: number;
  /** Overall limit in milliseconds (default one hour; `Infinity` waits for ever). */
  timeout?: number;
  /** Cancels the operation or the wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the machine's state when the wait starts and whenever it changes. */
  onProgress?: (progress: MachineProgress) => void;
}

/** Options every long machine operation takes. */
export interface LongOperationOptions extends WaitOptions {
  /**
   * Wait until the operation ends: resolve in the target state or reject with the matching
   * {@linkcode MachineError} (default false: return as soon as MAAS accepted the request).
   */
  wait?: boolean;
  /** Time limit of each request, in milliseconds (without `wait`, `timeout` is that limit). */
  requestTimeout?: number;
  /** How many times a request answered with 409/503 + `Retry-After` is retried. */
  retries?: number;
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

/** Options of {@linkcode Machine.deploy}. */
export interface DeployOptions extends LongOperationOptions {
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
  /** Install the agent that reports hardware changes. */
  enableHwSync?: boolean;
  /** Configure kernel crash dumps. */
  enableKernelCrashDump?: boolean;
  /** Send the global VMware vCenter credentials to an ESXi machine (default true). */
  vcenterRegistration?: boolean;
  /** A license key for operating systems that need one (Windows). */
  licenseKey?: string;
  /** Install KVM and register the machine as a VM host (MAAS 3.x; removed later). */
  installKvm?: boolean;
  /** Register the machine as an LXD VM host (MAAS 3.x; removed later). */
  registerVmhost?: boolean;
}

/** Options of {@linkcode Machine.commission}. */
export interface CommissionOptions extends LongOperationOptions {
  /** Allow SSH into the commissioning environment with the user's keys. */
  enableSsh?: boolean;
  /** Leave the BMC configuration alone. */
  skipBmcConfig?: boolean;
  /** Keep the current network configuration. */
  skipNetworking?: boolean;
  /** Keep the current storage configuration. */
  skipStorage?: boolean;
  /** Commissioning scripts or tags to run (built-in ones always run). */
  commissioningScripts?: readonly string[];
  /** Testing scripts or tags to run afterwards; `["none"]` skips testing. */
  testingScripts?: readonly string[];
  /** Parameters of the selected scripts, by parameter name (or `script_param`). */
  parameters?: Readonly<Record<string, string | number | boolean>>;
}

/** Options of {@linkcode Machine.release}. */
export interface ReleaseOptions extends LongOperationOptions {
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
  /** Release scripts to run, by name or tag. */
  scripts?: readonly string[];
}

/** Options of {@linkcode Machine.test}. */
export interface MachineTestOptions extends LongOperationOptions, Omit<TestOptions, "timeout"> {}

/** Options of {@linkcode Machine.powerOn}. */
export interface MachinePowerOnOptions
  extends LongOperationOptions, Omit<PowerOnOptions, "timeout"> {}

/** Options of {@linkcode Machine.powerOff}. */
export interface MachinePowerOffOptions
  extends LongOperationOptions, Omit<PowerOffOptions, "timeout"> {}

/** Options of rescue mode. */
export interface RescueModeOptions extends LongOperationOptions {}

/** Options of {@linkcode Machine.abort}. */
export interface AbortOptions extends CommentOptions {}

/** Options of {@linkcode Machine.setStorageLayout}. */
export interface StorageLayoutOptions extends CallOptions {
  /** Size of the boot partition, such as `512M`. */
  bootSize?: string | number;
  /** Size of the root partition, such as `24G`. */
  rootSize?: string | number;
  /** The disk for the root partition, such as `/dev/sda`. */
  rootDevice?: string;
  /** LVM: name of the volume group. */
  vgName?: string;
  /** LVM: name of the logical volume. */
  lvName?: string;
  /** LVM: size of the logical volume. */
  lvSize?: string | number;
  /** Bcache: the cache disk. */
  cacheDevice?: string;
  /** Bcache: `writeback`, `writethrough` or `writearound`. */
  cacheMode?: "writeback" | "writethrough" | "writearound";
  /** Bcache: size of the cache partition. */
  cacheSize?: string | number;
  /** Bcache: use the whole cache disk, without a partition. */
  cacheNoPart?: boolean;
}

/** Options of {@linkcode Machine.mountSpecial}. */
export interface MountSpecialOptions extends CallOptions {
  /** A filesystem that needs no block device: `tmpfs`, `ramfs`. */
  fstype: string;
  /** Absolute path to mount it at. */
  mountPoint: string;
  /** Options for mount(8). */
  mountOptions?: string;
}

/**
 * A machine: a deployable node. Fields are typed views over the data MAAS sent (kept whole;
 * `machine.data` has everything, unknown fields included); editable ones record changes for
 * `save()`. Long operations accept `{ wait: true }` and then resolve once the machine reached the
 * target state, or reject with a {@linkcode MachineError}.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function deployOne(client: Client) {
 *   const machine = await client.machines.allocate({ tags: ["gpu"], pool: "prod" });
 *   await machine.deploy({
 *     distroSeries: "jammy",
 *     wait: true,
 *     onProgress: ({ statusName, statusMessage }) => console.log(statusName, statusMessage),
 *   });
 *   console.log(String(machine), machine.ipAddresses);
 * }
 * ```
 */
export class Machine extends Node {
  /** Host name, without the domain; assign and `save()` to rename. */
  declare hostname: string;
  /** Architecture, such as `amd64/generic`. */
  declare architecture: string;
  /** Minimum kernel, such as `ga-22.04`. */
  declare minHweKernel: string | null;
  /** The kernel used by the current deployment. */
  declare readonly hweKernel: string | null;
  /** CPU cores. */
  declare cpuCount: number;
  /** Memory in MiB. */
  declare memory: number;
  /** Swap file size in bytes, or `null` for the default. */
  declare swapSize: number | null;
  /** Deprecated by MAAS; must stay false. */
  declare disableIpv4: boolean;
  /** Status number. */
  declare readonly status: NodeStatus;
  /** Status display name, such as `Ready`. */
  declare readonly statusName: string;
  /** Power state as MAAS last saw it. */
  declare readonly powerState: PowerState;
  /** Power driver, such as `ipmi` (change it with `setPower`). */
  declare readonly powerType: string;
  /** Whether the machine is locked against changes. */
  declare readonly locked: boolean;
  /** Owner's workload annotations. */
  declare readonly workloadAnnotations: Readonly<Record<string, string>>;
  /** BIOS boot method (`uefi`, `pxe`…). */
  declare readonly biosBootMethod: string | null;
  /** Whether the machine boots from the network. */
  declare readonly netboot: boolean;
  /** Whether the machine was deployed to memory only. */
  declare readonly ephemeralDeploy: boolean;
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
  /** Whether hardware sync is on. */
  declare readonly enableHwSync: boolean;
  /** Whether kernel crash dumps are configured. */
  declare readonly enableKernelCrashDump: boolean;
  /** Whether the machine is a DPU. */
  declare readonly isDpu: boolean;
  /** Deprecated name of the workload annotations, still sent by MAAS. */
  declare readonly ownerData: Readonly<Record<string, string>>;

  static {
    this.registerNodeType(NodeType.MACHINE, Machine);
  }

  /** `machines/{system_id}/`. */
  override get resourcePath(): string {
    return apiPath`machines/${this.systemId}/`;
  }

  /** `Machine abc123 node-07 Ready`. */
  override toString(): string {
    return `Machine ${this.systemId} ${this.hostname} ${this.statusName}`;
  }

  /** The parent node's system id (machines inside a chassis or VM host), or `null`. */
  get parent(): string | null {
    const parent = this.data.parent as WireData | null | undefined;
    return (parent?.system_id as string | undefined) ?? null;
  }

  /** Ids of the machine's LVM volume groups. */
  get volumeGroupIds(): number[] {
    return ids(this.data.volume_groups);
  }

  /** Ids of the machine's RAIDs. */
  get raidIds(): number[] {
    return ids(this.data.raids);
  }

  /** Ids of the machine's bcaches. */
  get bcacheIds(): number[] {
    return ids(this.data.bcaches);
  }

  /** Ids of the machine's bcache cache sets. */
  get cacheSetIds(): number[] {
    return ids(this.data.cache_sets);
  }

  /** Special filesystems (tmpfs, ramfs) mounted on the machine. */
  get specialFilesystems(): SpecialFilesystem[] {
    return ((this.data.special_filesystems ?? []) as WireData[]).map((fs) => ({
      fstype: fs.fstype as string,
      label: (fs.label as string | null) ?? null,
      uuid: (fs.uuid as string | null) ?? null,
      mountPoint: fs.mount_point as string,
      mountOptions: (fs.mount_options as string | null) ?? null,
    }));
  }

  /** The default gateways the machine will use. */
  get defaultGateways(): { readonly ipv4: DefaultGateway; readonly ipv6: DefaultGateway } {
    const data = (this.data.default_gateways ?? {}) as Record<string, WireData | undefined>;
    const gateway = (g: WireData | undefined): DefaultGateway => ({
      gatewayIp: (g?.gateway_ip as string | null) ?? null,
      linkId: (g?.link_id as number | null) ?? null,
    });
    return { ipv4: gateway(data.ipv4), ipv6: gateway(data.ipv6) };
  }

  /** The machine's NUMA nodes. */
  get numanodeSet(): NumaNode[] {
    return ((this.data.numanode_set ?? []) as WireData[]).map((node) => ({
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
   * `wait: true`, resolves once it is Deployed or rejects with {@linkcode FailedDeployment}.
   */
  async deploy(options: DeployOptions = {}): Promise<this> {
    const {
      distroSeries,
      hweKernel,
      userData,
      comment,
      agentName,
      bridgeAll,
      bridgeType,
      bridgeStp,
      bridgeFd,
      ephemeralDeploy,
      enableHwSync,
      enableKernelCrashDump,
      vcenterRegistration,
      licenseKey,
      installKvm,
      registerVmhost,
      ...rest
    } = optionsOf(options);
    return await this.#long("deploy", "deploy", {
      distro_series: distroSeries,
      hwe_kernel: hweKernel,
      user_data: userData === undefined ? undefined : this.encodeUserData(userData),
      comment,
      agent_name: agentName,
      bridge_all: bridgeAll,
      bridge_type: bridgeType,
      bridge_stp: bridgeStp,
      bridge_fd: bridgeFd,
      ephemeral_deploy: ephemeralDeploy,
      enable_hw_sync: enableHwSync,
      enable_kernel_crash_dump: enableKernelCrashDump,
      vcenter_registration: vcenterRegistration,
      license_key: licenseKey,
      install_kvm: installKvm,
      register_vmhost: registerVmhost,
    }, rest);
  }

  /**
   * Commissions the machine (and runs its tests). With `wait: true`, resolves once it is Ready
   * (or New, when enlisting) or rejects with {@linkcode FailedCommissioning} /
   * {@linkcode FailedTesting}.
   */
  async commission(options: CommissionOptions = {}): Promise<this> {
    const {
      enableSsh,
      skipBmcConfig,
      skipNetworking,
      skipStorage,
      commissioningScripts,
      testingScripts,
      parameters,
      ...rest
    } = optionsOf(options);
    return await this.#long("commission", "commission", {
      ...parameters,
      enable_ssh: enableSsh,
      skip_bmc_config: skipBmcConfig,
      skip_networking: skipNetworking,
      skip_storage: skipStorage,
      commissioning_scripts: names(commissioningScripts, "commissioningScripts"),
      testing_scripts: names(testingScripts, "testingScripts"),
    }, rest);
  }

  /**
   * Releases the machine back to the pool (erasing disks if asked). With `wait: true`, resolves
   * once it is Ready or rejects with {@linkcode FailedReleasing} / {@linkcode FailedDiskErasing}.
   */
  async release(options: ReleaseOptions = {}): Promise<this> {
    const { comment, erase, secureErase, quickErase, force, scripts, ...rest } = optionsOf(options);
    return await this.#long("release", "release", {
      comment,
      erase,
      secure_erase: secureErase,
      quick_erase: quickErase,
      force,
      scripts: names(scripts, "scripts"),
    }, rest);
  }

  /** Runs hardware tests. With `wait: true`, rejects with {@linkcode FailedTesting} on failure. */
  async test(options: MachineTestOptions = {}): Promise<this> {
    const { enableSsh, testingScripts, parameters, ...rest } = optionsOf(options);
    const { wait, call, waitOptions } = splitLong(rest);
    const started = Date.now();
    await this.sendTest({ enableSsh, testingScripts, parameters, ...call });
    return wait ? await this.#waitAfter("test", waitOptions, started) : this;
  }

  /**
   * Powers the machine on (it must be allocated or deployed). With `wait: true`, resolves once
   * MAAS sees it on, or rejects with {@linkcode PowerError} when the power state turns `error`
   * (a `manual` power type never reports a state, so such a wait ends at its time limit).
   */
  async powerOn(options: MachinePowerOnOptions = {}): Promise<this> {
    const { userData, comment, ...rest } = optionsOf(options);
    const { wait, call, waitOptions } = splitLong(rest);
    const started = Date.now();
    await this.sendPowerOn({ userData, comment, ...call });
    return wait ? await this.#waitAfter("powerOn", waitOptions, started) : this;
  }

  /** Powers the machine off (`stopMode: "soft"` asks the OS first). Accepts `wait` like `powerOn`. */
  async powerOff(options: MachinePowerOffOptions = {}): Promise<this> {
    const { stopMode, comment, ...rest } = optionsOf(options);
    const { wait, call, waitOptions } = splitLong(rest);
    const started = Date.now();
    await this.sendPowerOff({ stopMode, comment, ...call });
    return wait ? await this.#waitAfter("powerOff", waitOptions, started) : this;
  }

  /** Asks the machine's BMC for its power state now (can take up to a minute on real hardware). */
  async queryPowerState(options?: CallOptions): Promise<PowerState> {
    return await this.readPowerState(options);
  }

  /** Aborts the current operation (commissioning, deploying, testing, erasing…). */
  async abort(options?: AbortOptions): Promise<this> {
    return await this.sendWithComment("abort", options);
  }

  /** Ignores failed tests and makes the machine usable again. */
  async overrideFailedTesting(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("override_failed_testing", options);
  }

  /** Marks the machine broken (the comment shows as its error description). */
  async markBroken(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("mark_broken", options);
  }

  /** Marks a broken machine fixed. */
  async markFixed(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("mark_fixed", options);
  }

  /** Locks a deployed machine against changes. */
  async lock(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("lock", options);
  }

  /** Unlocks a locked machine. */
  async unlock(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("unlock", options);
  }

  /**
   * Boots the machine into the rescue environment. With `wait: true`, resolves in Rescue mode or
   * rejects with {@linkcode RescueModeFailure}.
   */
  async rescueMode(options: RescueModeOptions = {}): Promise<this> {
    return await this.#long("rescueMode", "rescue_mode", {}, options);
  }

  /** Leaves rescue mode. Accepts `wait` like `rescueMode`. */
  async exitRescueMode(options: RescueModeOptions = {}): Promise<this> {
    return await this.#long("exitRescueMode", "exit_rescue_mode", {}, options);
  }

  /** Replaces the storage configuration with a layout (the machine must be Ready). */
  async setStorageLayout(layout: string, options: StorageLayoutOptions = {}): Promise<this> {
    required(layout, "layout", "string");
    const {
      bootSize,
      rootSize,
      rootDevice,
      vgName,
      lvName,
      lvSize,
      cacheDevice,
      cacheMode,
      cacheSize,
      cacheNoPart,
      ...call
    } = optionsOf(options);
    return await this.postOp("set_storage_layout", {
      storage_layout: layout,
      boot_size: bootSize,
      root_size: rootSize,
      root_device: rootDevice,
      vg_name: vgName,
      lv_name: lvName,
      lv_size: lvSize,
      cache_device: cacheDevice,
      cache_mode: cacheMode,
      cache_size: cacheSize,
      cache_no_part: cacheNoPart,
    }, call);
  }

  /** Mounts a special filesystem (tmpfs, ramfs); the machine must be Ready or Allocated. */
  async mountSpecial(options: MountSpecialOptions): Promise<this> {
    required(options, "options", "object");
    const { fstype, mountPoint, mountOptions, ...call } = optionsOf(options);
    required(fstype, "fstype", "string");
    required(mountPoint, "mountPoint", "string");
    return await this.postOp("mount_special", {
      fstype,
      mount_point: mountPoint,
      mount_options: mountOptions,
    }, call);
  }

  /** Unmounts a special filesystem. */
  async unmountSpecial(mountPoint: string, options?: CallOptions): Promise<this> {
    required(mountPoint, "mountPoint", "string");
    return await this.postOp("unmount_special", { mount_point: mountPoint }, options);
  }

  /** Forgets the default gateways chosen by the user, so MAAS picks them. */
  async clearDefaultGateways(options?: CallOptions): Promise<this> {
    return await this.postOp("clear_default_gateways", undefined, options);
  }

  /** Restores networking and storage to what commissioning found (Ready or Failed testing). */
  async restoreDefaultConfiguration(options?: CallOptions): Promise<this> {
    return await this.postOp("restore_default_configuration", undefined, options);
  }

  /** Restores networking to what commissioning found. */
  async restoreNetworkingConfiguration(options?: CallOptions): Promise<this> {
    return await this.postOp("restore_networking_configuration", undefined, options);
  }

  /** Restores the default storage layout. */
  async restoreStorageConfiguration(options?: CallOptions): Promise<this> {
    return await this.postOp("restore_storage_configuration", undefined, options);
  }

  /** The rendered curtin configuration (YAML text) of a deploying or deployed machine. */
  async getCurtinConfig(options?: CallOptions): Promise<string> {
    const answer = await this.call("GET", "get_curtin_config", undefined, options);
    if (typeof answer === "string") return answer;
    if (answer instanceof Uint8Array) return new TextDecoder().decode(answer);
    throw new ProtocolError(`Expected curtin configuration as text, got ${describe(answer)}`);
  }

  /** Sets workload annotations (`""` or `null` removes a key); the machine must be owned. */
  async setWorkloadAnnotations(
    annotations: AnnotationChanges,
    options?: CallOptions,
  ): Promise<this> {
    return await this.sendAnnotations(annotations, options);
  }

  /**
   * The machine's own API token (the one its cloud-init uses), or `null` when it has none.
   * Printing the credentials never shows the secret.
   */
  async getToken(options?: CallOptions): Promise<Credentials | null> {
    const answer = await this.call("GET", "get_token", undefined, options);
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
   * operation's own `wait: true`. Resolves at once when the machine is already there.
   */
  async waitFor(operation: MachineOperation, options: WaitOptions = {}): Promise<this> {
    if (!Object.hasOwn(WAITS, operation)) {
      throw new ParameterError(
        `Unknown operation ${JSON.stringify(operation)}; one of ${Object.keys(WAITS).join(", ")}`,
      );
    }
    const { waitOptions } = splitLong({ ...options, wait: true });
    return await this.#waitAfter(operation, waitOptions, Date.now());
  }

  async #long(
    operation: MachineOperation,
    op: string,
    params: Params,
    options: LongOperationOptions,
  ): Promise<this> {
    const { wait, call, waitOptions } = splitLong(options);
    const started = Date.now();
    await this.postOp(op, params, call);
    return wait ? await this.#waitAfter(operation, waitOptions, started) : this;
  }

  async #waitAfter(
    operation: MachineOperation,
    options: WaitOptions,
    started: number,
  ): Promise<this> {
    const spec = WAITS[operation];
    const { interval, signal, onProgress } = optionsOf(options);
    const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
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
    const remaining = Number.isFinite(timeout)
      ? Math.max(1, timeout - (Date.now() - started))
      : timeout;
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
defineFields(Machine, {
  hostname: { wire: "hostname", writable: true },
  architecture: { wire: "architecture", writable: true },
  minHweKernel: { wire: "min_hwe_kernel", writable: true },
  hweKernel: "hwe_kernel",
  cpuCount: { wire: "cpu_count", writable: true },
  memory: { wire: "memory", writable: true },
  swapSize: { wire: "swap_size", writable: true },
  disableIpv4: { wire: "disable_ipv4", writable: true },
  biosBootMethod: "bios_boot_method",
  netboot: "netboot",
  ephemeralDeploy: "ephemeral_deploy",
  errorDescription: "error_description",
  bootInterface: "boot_interface",
  bootDisk: "boot_disk",
  blockdeviceSet: { wire: "blockdevice_set", map: (value) => value ?? [] },
  physicalblockdeviceSet: { wire: "physicalblockdevice_set", map: (value) => value ?? [] },
  virtualblockdeviceSet: { wire: "virtualblockdevice_set", map: (value) => value ?? [] },
  constraintsByType: "constraints_by_type",
  lastSync: "last_sync",
  syncInterval: "sync_interval",
  nextSync: "next_sync",
  enableHwSync: "enable_hw_sync",
  enableKernelCrashDump: "enable_kernel_crash_dump",
  isDpu: "is_dpu",
  ownerData: "owner_data",
});

function ids(value: unknown): number[] {
  return Array.isArray(value) ? value.map((item) => (item as WireData).id as number) : [];
}

function names(value: readonly string[] | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new ParameterError(`Parameter ${JSON.stringify(what)} must be a list of names`);
  }
  return value.join(",");
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function splitLong(options: LongOperationOptions): {
  wait: boolean;
  call: CallOptions;
  waitOptions: WaitOptions;
} {
  const { wait, requestTimeout, retries, interval, timeout, signal, onProgress } = optionsOf(
    options,
  );
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new ParameterError(`Option onProgress must be a function, got ${describe(onProgress)}`);
  }
  for (const [name, value] of [["interval", interval], ["timeout", timeout]] as const) {
    if (value !== undefined && (typeof value !== "number" || !(value > 0))) {
      throw new ParameterError(`Option ${name} must be a positive number of milliseconds`);
    }
  }
  return {
    wait: wait === true,
    call: { signal, retries, timeout: requestTimeout ?? (wait ? undefined : timeout) },
    waitOptions: { interval, timeout, signal, onProgress },
  };
}

/** The filters of {@linkcode Machines.list}: every filter MAAS applies on the server. */
export interface MachineFilters extends NodeFilters {}

/**
 * The constraints of {@linkcode Machines.allocate}: all optional, combined with AND. List-valued
 * `not…` constraints exclude any match.
 */
export interface AllocateOptions extends CallOptions {
  /** Hostname or FQDN of the machine wanted. */
  name?: string;
  /** System id of the machine wanted. */
  systemId?: string;
  /** Architectures (any of), such as `amd64` or `amd64/generic`. */
  arch?: OneOrMore<string>;
  /** Architectures to avoid. */
  notArch?: OneOrMore<string>;
  /** At least this many CPU cores. */
  cpuCount?: number;
  /** CPUs of at least this speed, in MHz. */
  cpuSpeed?: number;
  /** At least this much memory, in MiB. */
  mem?: number;
  /** Tags the machine must all have. */
  tags?: OneOrMore<string>;
  /** Tags the machine must have none of. */
  notTags?: OneOrMore<string>;
  /** The zone the machine must be in. */
  zone?: NameOrObject;
  /** Zones the machine must not be in. */
  notInZone?: OneOrMore<NameOrObject>;
  /** The resource pool the machine must be in. */
  pool?: NameOrObject;
  /** Resource pools the machine must not be in. */
  notInPool?: OneOrMore<NameOrObject>;
  /** Subnets the machine must be linked to (ids or `name:`, `ip:`, `space:`, `vlan:`… specifiers). */
  subnets?: OneOrMore<string | number>;
  /** Subnets the machine must not be linked to. */
  notSubnets?: OneOrMore<string | number>;
  /** Fabrics (any of) an interface must be attached to. */
  fabrics?: OneOrMore<string>;
  /** Fabrics no interface may be attached to. */
  notFabrics?: OneOrMore<string>;
  /** Fabric classes (any of). */
  fabricClasses?: OneOrMore<string>;
  /** Fabric classes to avoid. */
  notFabricClasses?: OneOrMore<string>;
  /** VLANs an interface must be on. */
  vlans?: OneOrMore<string | number>;
  /** VLANs to avoid. */
  notVlans?: OneOrMore<string | number>;
  /** An interface of at least this speed, in Mbit/s. */
  linkSpeed?: number;
  /** Labelled interface constraints (text or map). */
  interfaces?: string | InterfaceConstraints;
  /** Storage constraints (`root:80(ssd),data:400` or a list). */
  storage?: string | readonly StorageConstraint[];
  /** PCI/USB device constraints (`vendor_id=8086,product_id=1234` or a map). */
  devices?: string | Readonly<Record<string, string>>;
  /** VM host (pod) the machine must be in (MAAS 3.x). */
  pod?: OneOrMore<string>;
  /** VM hosts to avoid (MAAS 3.x). */
  notPod?: OneOrMore<string>;
  /** VM host type, such as `lxd` (MAAS 3.x). */
  podType?: OneOrMore<string>;
  /** VM host types to avoid (MAAS 3.x). */
  notPodType?: OneOrMore<string>;
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
  /** Only say which machine would be allocated. */
  dryRun?: boolean;
  /** Report which devices matched each constraint in `constraintsByType`. */
  verbose?: boolean;
}

/** The one place where allocation constraints meet their wire names. */
const ALLOCATE_WIRE_NAMES: Readonly<
  Record<keyof Omit<AllocateOptions, keyof CallOptions>, string>
> = {
  name: "name",
  systemId: "system_id",
  arch: "arch",
  notArch: "not_arch",
  cpuCount: "cpu_count",
  cpuSpeed: "cpu_speed",
  mem: "mem",
  tags: "tags",
  notTags: "not_tags",
  zone: "zone",
  notInZone: "not_in_zone",
  pool: "pool",
  notInPool: "not_in_pool",
  subnets: "subnets",
  notSubnets: "not_subnets",
  fabrics: "fabrics",
  notFabrics: "not_fabrics",
  fabricClasses: "fabric_classes",
  notFabricClasses: "not_fabric_classes",
  vlans: "vlans",
  notVlans: "not_vlans",
  linkSpeed: "link_speed",
  interfaces: "interfaces",
  storage: "storage",
  devices: "devices",
  pod: "pod",
  notPod: "not_pod",
  podType: "pod_type",
  notPodType: "not_pod_type",
  agentName: "agent_name",
  comment: "comment",
  bridgeAll: "bridge_all",
  bridgeType: "bridge_type",
  bridgeStp: "bridge_stp",
  bridgeFd: "bridge_fd",
  dryRun: "dry_run",
  verbose: "verbose",
};

/** What a new machine needs. */
export interface CreateMachineOptions extends CallOptions {
  /** Architecture, such as `amd64/generic` (`amd64` means `amd64/generic`). */
  architecture: string;
  /** The machine's MAC addresses (at least one). */
  macAddresses: readonly string[];
  /** Host name (generated when left out). */
  hostname?: string;
  /** Free-form description. */
  description?: string;
  /** DNS domain (default domain when left out). */
  domain?: NameOrObject;
  /** Subarchitecture, when `architecture` has none. */
  subarchitecture?: string;
  /** Minimum kernel, such as `ga-22.04`. */
  minHweKernel?: string;
  /** Power driver, such as `ipmi`, `virsh`, `manual`. */
  powerType?: string;
  /** The driver's parameters (`power_address`, `power_user`…), sent as `power_parameters_*`. */
  powerParameters?: Readonly<Record<string, string | number | boolean>>;
  /** Commission at once (MAAS's default for administrators). */
  commission?: boolean;
  /** Add an already deployed machine (no commissioning). */
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
  commissioningScripts?: readonly string[];
  /** Testing scripts or tags to run; `["none"]` skips testing. */
  testingScripts?: readonly string[];
  /** Whether the machine is a DPU. */
  isDpu?: boolean;
}

/** What {@linkcode Machines.addChassis} takes. */
export interface AddChassisOptions extends CallOptions {
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
  /** Proxmox API token name, instead of a password. */
  tokenName?: string;
  /** Proxmox API token secret. */
  tokenSecret?: string;
  /** Verify the chassis's TLS certificate. */
  verifySsl?: boolean;
}

/** The outcome of one machine in a bulk run. */
export type MachineOutcome<R = Machine> =
  | { readonly machine: Machine; readonly status: "fulfilled"; readonly value: R }
  | { readonly machine: Machine; readonly status: "rejected"; readonly error: unknown };

/** Options of the bulk helpers: the operation's options plus concurrency. */
export type BulkOperationOptions<O> = O & {
  /** At most this many requests at once (default: the client's concurrency). */
  concurrency?: number;
};

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
 *   const results = await client.machines.deployAll(machines, { distroSeries: "jammy", wait: true });
 *   for (const r of results) console.log(String(r.machine), r.status);
 * }
 * ```
 */
export class Machines extends NodeCollection<Machine> {
  /** `machines/`. */
  protected readonly collectionPath = "machines/";
  /** `Machine`. */
  protected readonly memberName = "Machine";

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
   * an FQDN (`node-07.maas`) also filters on the domain.
   */
  async getByHostname(hostname: string, options?: CallOptions): Promise<Machine | null> {
    required(hostname, "hostname", "string");
    const dot = hostname.indexOf(".");
    const filters: NodeFilters = dot > 0
      ? { hostname: hostname.slice(0, dot), domain: hostname.slice(dot + 1) }
      : { hostname };
    const [machine] = await this.list({ ...filters, ...options });
    return machine ?? null;
  }

  /** Adds a machine (commissioned at once by default when an administrator adds it). */
  async create(options: CreateMachineOptions): Promise<Machine> {
    required(options, "options", "object");
    const {
      architecture,
      macAddresses,
      hostname,
      description,
      domain,
      subarchitecture,
      minHweKernel,
      powerType,
      powerParameters,
      commission,
      deployed,
      enableSsh,
      skipBmcConfig,
      skipNetworking,
      skipStorage,
      commissioningScripts,
      testingScripts,
      isDpu,
      ...call
    } = optionsOf(options);
    required(architecture, "architecture", "string");
    if (!Array.isArray(macAddresses) || macAddresses.length === 0) {
      throw new ParameterError(
        `Missing required parameter "macAddresses" (one MAC address or more)`,
      );
    }
    const data = await this.context.call("POST", this.collectionPath, {
      params: {
        architecture,
        mac_addresses: macAddresses,
        hostname,
        description,
        domain: domain === undefined ? undefined : this.refName(domain, "domain"),
        subarchitecture,
        min_hwe_kernel: minHweKernel,
        power_type: powerType,
        power_parameters: powerParameters,
        commission,
        deployed,
        enable_ssh: enableSsh,
        skip_bmc_config: skipBmcConfig,
        skip_networking: skipNetworking,
        skip_storage: skipStorage,
        commissioning_scripts: names(commissioningScripts, "commissioningScripts"),
        testing_scripts: names(testingScripts, "testingScripts"),
        is_dpu: isDpu,
      },
      ...call,
    });
    return this.wrap(expectObject(data, "a machine"));
  }

  /**
   * Allocates an available machine that matches every constraint, to the caller. When none
   * matches, MAAS answers 409 and this raises {@linkcode MachineNotFound} with the server's
   * reason.
   */
  async allocate(constraints: AllocateOptions = {}): Promise<Machine> {
    const { signal, timeout, retries, ...rest } = constraints ?? {};
    const params = this.toParams(rest, ALLOCATE_WIRE_NAMES, "allocation constraint");
    let data: unknown;
    try {
      data = await this.context.call("POST", this.collectionPath, {
        op: "allocate",
        params,
        signal,
        timeout,
        retries,
      });
    } catch (error) {
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
    return this.wrap(expectObject(data, "a machine"));
  }

  /** Releases several machines at once; answers the system ids MAAS started releasing. */
  async release(
    machines: readonly SystemIdOrNode[],
    options: CallOptions & { comment?: string } = {},
  ): Promise<string[]> {
    const { comment, ...call } = optionsOf(options);
    const data = await this.context.call("POST", this.collectionPath, {
      op: "release",
      params: { machines: this.systemIds(machines, "machines"), comment },
      ...call,
    });
    return expectList(data, "system ids") as unknown as string[];
  }

  /** Accepts enlisted (New) machines; answers the machines accepted. */
  async accept(machines: readonly SystemIdOrNode[], options?: CallOptions): Promise<Machine[]> {
    const data = await this.context.call("POST", this.collectionPath, {
      op: "accept",
      params: { machines: this.systemIds(machines, "machines") },
      ...options,
    });
    return expectList(data, "machines").map((item) => this.wrap(item));
  }

  /** Accepts every enlisted (New) machine. */
  async acceptAll(options?: CallOptions): Promise<Machine[]> {
    const data = await this.context.call("POST", this.collectionPath, {
      op: "accept_all",
      ...options,
    });
    return expectList(data, "machines").map((item) => this.wrap(item));
  }

  /** Machines allocated to the caller (and not yet deployed), optionally only these ids. */
  async listAllocated(
    options: CallOptions & { id?: readonly SystemIdOrNode[] } = {},
  ): Promise<Machine[]> {
    const { id, ...call } = optionsOf(options);
    const data = await this.context.call("GET", this.collectionPath, {
      op: "list_allocated",
      params: { id: id === undefined ? undefined : this.systemIds(id, "id") },
      ...call,
    });
    return expectList(data, "machines").map((item) => this.wrap(item));
  }

  /**
   * Power parameters of many machines in one request, by system id (administrators only; the
   * values can include BMC passwords).
   */
  async powerParameters(
    machines: readonly SystemIdOrNode[] = [],
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>> {
    const data = await this.context.call("GET", this.collectionPath, {
      op: "power_parameters",
      params: { id: this.systemIds(machines, "machines") },
      ...options,
    });
    return expectObject(data, "power parameters") as Record<string, Record<string, unknown>>;
  }

  /**
   * Copies the storage and/or interface configuration of `source` to `destinations` (which
   * must be Ready or Failed testing).
   */
  async clone(
    source: SystemIdOrNode,
    destinations: readonly SystemIdOrNode[],
    options: CallOptions & { interfaces?: boolean; storage?: boolean },
  ): Promise<void> {
    const { interfaces, storage, ...call } = optionsOf(options);
    if (!interfaces && !storage) {
      throw new ParameterError(`clone() needs "interfaces: true", "storage: true" or both`);
    }
    await this.context.call("POST", this.collectionPath, {
      op: "clone",
      params: {
        source: this.systemId(source, "source"),
        destinations: this.systemIds(destinations, "destinations").join(","),
        interfaces: interfaces ?? false,
        storage: storage ?? false,
      },
      ...call,
    });
  }

  /** Adds the machines of a chassis or VM manager; answers MAAS's text about what it asked. */
  async addChassis(options: AddChassisOptions): Promise<string> {
    required(options, "options", "object");
    const {
      chassisType,
      hostname,
      username,
      password,
      acceptAll,
      rackController,
      domain,
      prefixFilter,
      powerControl,
      port,
      protocol,
      tokenName,
      tokenSecret,
      verifySsl,
      ...call
    } = optionsOf(options);
    required(chassisType, "chassisType", "string");
    required(hostname, "hostname", "string");
    const answer = await this.context.call("POST", this.collectionPath, {
      op: "add_chassis",
      params: {
        chassis_type: chassisType,
        hostname,
        username,
        password,
        accept_all: acceptAll,
        rack_controller: rackController,
        domain: domain === undefined ? undefined : this.refName(domain, "domain"),
        prefix_filter: prefixFilter,
        power_control: powerControl,
        port,
        protocol,
        token_name: tokenName,
        token_secret: tokenSecret,
        verify_ssl: verifySsl,
      },
      ...call,
    });
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
   * `wait: true` every accepted machine is then awaited through the shared poller (one list
   * query per round for all of them).
   */
  async deployAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<DeployOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "deploy", options, (m, o) => m.deploy(o));
  }

  /** Commissions many machines; see {@linkcode Machines.deployAll}. */
  async commissionAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<CommissionOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "commission", options, (m, o) => m.commission(o));
  }

  /** Releases many machines, one request each; see {@linkcode Machines.deployAll}. */
  async releaseAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<ReleaseOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "release", options, (m, o) => m.release(o));
  }

  /** Tests many machines; see {@linkcode Machines.deployAll}. */
  async testAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<MachineTestOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "test", options, (m, o) => m.test(o));
  }

  /** Powers many machines on; see {@linkcode Machines.deployAll}. */
  async powerOnAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<MachinePowerOnOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "powerOn", options, (m, o) => m.powerOn(o));
  }

  /** Powers many machines off; see {@linkcode Machines.deployAll}. */
  async powerOffAll(
    machines: readonly Machine[],
    options: BulkOperationOptions<MachinePowerOffOptions> = {},
  ): Promise<MachineOutcome[]> {
    return await this.#bulk(machines, "powerOff", options, (m, o) => m.powerOff(o));
  }

  async #bulk<O extends LongOperationOptions>(
    machines: readonly Machine[],
    operation: MachineOperation,
    options: BulkOperationOptions<O>,
    start: (machine: Machine, options: O) => Promise<Machine>,
  ): Promise<MachineOutcome[]> {
    const { concurrency, ...rest } = optionsOf(options);
    // The requests run without waiting (so `timeout` is not a request limit here); the waits
    // follow, all through the shared poller.
    const operationOptions = {
      ...rest,
      wait: false,
      timeout: rest.requestTimeout,
      onProgress: undefined,
    } as unknown as O;
    const started = await this.runAll(machines, (machine) => start(machine, operationOptions), {
      concurrency,
      signal: rest.signal,
    });
    if (!rest.wait) return started as MachineOutcome[];
    const { interval, timeout, signal, onProgress } = rest;
    return await Promise.all(started.map(async (outcome): Promise<MachineOutcome> => {
      if (outcome.status === "rejected") return outcome;
      try {
        const machine = await outcome.machine.waitFor(operation, {
          interval,
          timeout,
          signal,
          onProgress,
        });
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
