/**
 * The node records shared by machines, devices and controllers, and the nodes section of the
 * state (devices and controllers; machines are `state.machines`).
 *
 * A node keeps its own fields in `data`, typed, under MAAS's names; what MAAS derives from them
 * (`status_name`'s companions such as `node_type_name` and the test status names, `owner_data`,
 * `fqdn`, `resource_uri`) and what refers to other families' records (its domain, zone, pool and
 * tags, by id; its interfaces and a machine's storage, in those families' sections) is rendered
 * on read by `render.ts`, with exactly the fields the line's handler has. A controller's services,
 * a node's PCI/USB devices and its script runs are typed records of their own.
 *
 * @module
 */

import type { MachineLifecycle } from "../machines/model.ts";

/** A JSON object as another family keeps it inside a node (interfaces, block devices…). */
export type NodeObject = Record<string, unknown>;

/**
 * A node's own fields, under MAAS's names. Machines have all of them; devices and controllers
 * keep the ones their handlers render (the others keep their blank values and are not shown).
 * A node's interfaces and a machine's storage are those families' records (`state.interfaces`,
 * `state.storage`), rendered with the node.
 *
 * @example
 * ```ts
 * import type { NodeData } from "@libmaas/client/testing";
 * function label(data: NodeData): string {
 *   return `${data.hostname} (${data.status_name})`;
 * }
 * ```
 */
export interface NodeData {
  /**
   * Other families still look fields up by name (a missing one reads `undefined`); every field
   * a node has is one of the typed ones below.
   */
  [field: string]: unknown;
  /** Six lowercase letters or digits. */
  system_id: string;
  /** Host name without the domain. */
  hostname: string;
  /** Free text. */
  description: string;
  /** 0 machine, 1 device, 2 rack controller, 3 region controller, 4 region and rack. */
  node_type: number;
  /** The owner's username, or null. */
  owner: string | null;
  /** Status number (see `STATUS_NAMES`). */
  status: number;
  /** Status name, kept in step with `status`. */
  status_name: string;
  /** The latest status message. */
  status_message: string;
  /** The action in progress, or empty. */
  status_action: string;
  /** Whether the node is locked against changes. */
  locked: boolean;
  /** `arch/subarch`. */
  architecture: string;
  /** The minimum kernel. */
  min_hwe_kernel: string;
  /** The deployed kernel, or null. */
  hwe_kernel: string | null;
  /** The deployed OS, or empty. */
  osystem: string;
  /** The deployed release, or empty. */
  distro_series: string;
  /** CPU cores. */
  cpu_count: number;
  /** CPU speed in MHz. */
  cpu_speed: number;
  /** Memory in MiB. */
  memory: number;
  /** Swap size in bytes, or null. */
  swap_size: number | null;
  /** The firmware's UUID, or null. */
  hardware_uuid: string | null;
  /** Power driver name. */
  power_type: string;
  /** `on`, `off`, `unknown` or `error`. */
  power_state: string;
  /** The TTL of the node's DNS records, or null. */
  address_ttl: number | null;
  /** Deprecated by MAAS: always false. */
  disable_ipv4: boolean;
  /** `uefi`, `pxe`… or null before commissioning. */
  bios_boot_method: string | null;
  /** Whether the node boots from the network. */
  netboot: boolean;
  /** Whether the node is deployed to memory. */
  ephemeral_deploy: boolean;
  /** What is wrong with a broken node. */
  error_description: string;
  /** The owner's workload annotations. */
  workload_annotations: Record<string, string>;
  /** A device's parent system id; a machine's parent node, as MAAS embeds it; or null. */
  parent: string | NodeObject | null;
  /** The VM host a machine is a VM of, or null (rendered up to 3.8). */
  pod: NodeObject | null;
  /** The VM's id on its VM host, or null (rendered up to 3.8). */
  virtualmachine_id: number | null;
  /** NUMA nodes. */
  numanode_set: NodeObject[];
  /** What commissioning found about the hardware. */
  hardware_info: Record<string, string>;
  /** The latest commissioning run's id, or null. */
  current_commissioning_result_id: number | null;
  /** The latest testing run's id, or null. */
  current_testing_result_id: number | null;
  /** The latest installation run's id, or null. */
  current_installation_result_id: number | null;
  /** Script status of the latest commissioning (-1 unknown, 2 passed, 3 failed…). */
  commissioning_status: number;
  /** Script status of the latest tests. */
  testing_status: number;
  /** Script status of the CPU tests. */
  cpu_test_status: number;
  /** Script status of the memory tests. */
  memory_test_status: number;
  /** Script status of the network tests. */
  network_test_status: number;
  /** Script status of the storage tests. */
  storage_test_status: number;
  /** Script status of the other tests. */
  other_test_status: number;
  /** Script status of the interface tests. */
  interface_test_status: number;
  /** The last hardware sync, or null. */
  last_sync: string | null;
  /** Seconds between hardware syncs, or null. */
  sync_interval: number | null;
  /** The next hardware sync, or null. */
  next_sync: string | null;
  /** Whether hardware sync is on. */
  enable_hw_sync: boolean;
  /** Whether kernel crash dumps are configured. */
  enable_kernel_crash_dump: boolean;
  /** Whether the machine is a DPU. */
  is_dpu: boolean;
  /** The MAAS version a controller runs (controllers only). */
  version: string;
}

/**
 * The older name of {@linkcode NodeData}.
 *
 * @example
 * ```ts
 * import type { MachineData } from "@libmaas/client/testing";
 * const label = (data: MachineData) => data.hostname;
 * ```
 */
export type MachineData = NodeData;

/**
 * One script's result in a run.
 *
 * @example
 * ```ts
 * import type { SimScriptResult } from "./model.ts";
 * const passed = (result: SimScriptResult) => result.status === 2;
 * ```
 */
export interface SimScriptResult {
  /** Database id. */
  id: number;
  /** The script's name. */
  name: string;
  /** Script status (2 passed, 3 failed…). */
  status: number;
  /** The exit status. */
  exitStatus: number;
  /** When it started and ended, as MAAS writes times. */
  started: string;
  /** When it ended. */
  ended: string;
  /** How long it ran, in seconds. */
  seconds: number;
  /** The script's id. */
  scriptId: number;
  /** Whether its failure is suppressed. */
  suppressed: boolean;
  /** What it wrote to standard output. */
  stdout: string;
  /** What it wrote to standard error. */
  stderr: string;
}

/**
 * A run of scripts a node made (commissioning, testing…).
 *
 * @example
 * ```ts
 * import type { ScriptSet } from "./model.ts";
 * const set: ScriptSet = { id: 1, type: 0, results: [] };
 * ```
 */
export interface ScriptSet {
  /** Database id. */
  id: number;
  /** 0 commissioning, 1 installation, 2 testing, 3 release. */
  type: number;
  /** The results. */
  results: SimScriptResult[];
}

/**
 * A PCI or USB device of a node, derived from its NICs and disks.
 *
 * @example
 * ```ts
 * import type { SimNodeDevice } from "./model.ts";
 * const isNic = (device: SimNodeDevice) => device.hardwareType === 4;
 * ```
 */
export interface SimNodeDevice {
  /** Database id. */
  id: number;
  /** 1 PCIe, 2 USB. */
  bus: number;
  /** 0 node, 1 cpu, 2 memory, 3 storage, 4 network, 5 gpu. */
  hardwareType: number;
  /** The vendor's id and name. */
  vendor: readonly [string, string];
  /** The product's id and name. */
  product: readonly [string, string];
  /** The kernel driver. */
  driver: string;
  /** The PCI bus number. */
  busNumber: number;
  /** The interface it is (its id), or null. */
  interfaceId: number | null;
  /** The disk it is (its id), or null. */
  blockDeviceId: number | null;
}

/**
 * A service a controller runs, as MAAS reports it.
 *
 * @example
 * ```ts
 * import type { SimService } from "./model.ts";
 * const service: SimService = { name: "rackd", status: "running", info: "" };
 * ```
 */
export interface SimService {
  /** `rackd`, `dhcpd`, `tftp`… */
  name: string;
  /** `running`, `off`, `dead`… */
  status: string;
  /** Details when not running. */
  info: string;
}

/**
 * A node in the simulator (machine, device or controller): its own fields, what refers to other
 * records by id, and what it keeps without rendering.
 *
 * @example
 * ```ts
 * import { generateMachines } from "@libmaas/client/testing";
 * const [machine] = generateMachines(1, 42);
 * console.log(machine.data.system_id, machine.zoneId, machine.agentName);
 * ```
 */
export interface SimNode {
  /** The node's own fields; change them in place (keep `status_name` in step with `status`). */
  data: NodeData;
  /** The domain's id (`state.site.domains`). */
  domainId: number;
  /** The zone's id. */
  zoneId: number;
  /** The resource pool's id (rendered for machines only). */
  poolId: number;
  /** The ids of the tags the node carries, in the order they were given. */
  tagIds: number[];
  /** The `agent_name` given at allocation (filterable, never rendered). */
  agentName: string;
  /** Power parameters (rendered only by `op=power_parameters`). */
  powerParameters: Record<string, string>;
  /** What the life cycle keeps (made on the first operation). */
  lifecycle?: MachineLifecycle;
  /** The node's PCI and USB devices, derived once from its NICs and disks. */
  nodeDevices?: SimNodeDevice[];
  /** The script runs of the node, made once from what its status says already ran. */
  scriptSets?: ScriptSet[];
  /** The services a controller runs (rack controllers render them). */
  services?: SimService[];
}

/**
 * The older name of {@linkcode SimNode}.
 *
 * @example
 * ```ts
 * import type { SimMachine } from "@libmaas/client/testing";
 * const owned = (machine: SimMachine) => machine.data.owner !== null;
 * ```
 */
export type SimMachine = SimNode;

/**
 * A rack or region controller, with MAAS's status of it (not rendered; testing uses it).
 *
 * @example
 * ```ts
 * import type { SimController } from "./model.ts";
 * const deployed = (controller: SimController) => controller.status === 6;
 * ```
 */
export interface SimController extends SimNode {
  /** MAAS's status of the controller. */
  status: number;
  /** The services it runs. */
  services: SimService[];
}

/**
 * The nodes section of the state: devices and controllers by system id.
 *
 * @example
 * ```ts
 * import { NodesSection } from "./model.ts";
 * const nodes = new NodesSection([]);
 * console.log(nodes.devices.size); // 0
 * ```
 */
export class NodesSection {
  /** Devices by system id. */
  readonly devices: Map<string, SimNode> = new Map();
  /** Rack and region controllers by system id. */
  readonly controllers: Map<string, SimController> = new Map();

  /** A section with these controllers and no device. */
  constructor(controllers: readonly SimController[]) {
    for (const controller of controllers) {
      this.controllers.set(controller.data.system_id, controller);
    }
  }
}
