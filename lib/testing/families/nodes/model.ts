/**
 * The node records shared by machines, devices and controllers, and the nodes section of the
 * state (devices and controllers; machines are `state.machines`).
 *
 * A node keeps the fields MAAS renders in `data`, except those that refer to other families'
 * records: its zone, pool and tags are ids (`zoneId`, `poolId`, `tagIds`), rendered on read, so a
 * renamed zone or tag shows on every node at once.
 *
 * @module
 */

import type { MachineLifecycle } from "../machines/model.ts";

/**
 * A node's rendered fields (`GET machines/{system_id}/`), without its zone, pool and tags. The
 * known ones are typed; the rest (interfaces, block devices, test statuses, …) are kept as MAAS
 * names them.
 *
 * @example
 * ```ts
 * import type { MachineData } from "@libmaas/client/testing";
 * function label(data: MachineData): string {
 *   return `${data.hostname} (${data.status_name})`;
 * }
 * ```
 */
export interface MachineData {
  /** Six lowercase letters or digits. */
  system_id: string;
  /** Host name without the domain. */
  hostname: string;
  /** `hostname.domain`. */
  fqdn: string;
  /** Status number (see `STATUS_NAMES`). */
  status: number;
  /** Status name. */
  status_name: string;
  /** The owner's username, or null. */
  owner: string | null;
  /** `arch/subarch`. */
  architecture: string;
  /** `on`, `off`, `unknown` or `error`. */
  power_state: string;
  /** Power driver name. */
  power_type: string;
  /** Everything else MAAS renders. */
  [field: string]: unknown;
}

/**
 * A script set a node ran (commissioning, testing…), with its results as MAAS renders them.
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
  /** The results, rendered. */
  results: Array<Record<string, unknown>>;
}

/**
 * A node in the simulator (machine, device or controller): what MAAS renders, plus what it keeps
 * without rendering.
 *
 * @example
 * ```ts
 * import { generateMachines } from "@libmaas/client/testing";
 * const [machine] = generateMachines(1, 42);
 * console.log(machine.data.system_id, machine.zoneId, machine.agentName);
 * ```
 */
export interface SimMachine {
  /** The rendered fields; change them in place (keep `status_name` in step with `status`). */
  data: MachineData;
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
  pciDevices?: Array<Record<string, unknown>>;
  /** The script sets the node ran, made once from what its status says already ran. */
  scriptSets?: ScriptSet[];
}

/**
 * A rack or region controller, with MAAS's status of it (not rendered; testing uses it).
 *
 * @example
 * ```ts
 * import type { SimController } from "./model.ts";
 * const deployed = (controller: SimController) => controller.status === 6;
 * ```
 */
export interface SimController extends SimMachine {
  /** MAAS's status of the controller. */
  status: number;
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
  readonly devices: Map<string, SimMachine> = new Map();
  /** Rack and region controllers by system id. */
  readonly controllers: Map<string, SimController> = new Map();

  /** A section with these controllers and no device. */
  constructor(controllers: readonly SimController[]) {
    for (const controller of controllers) {
      this.controllers.set(controller.data.system_id, controller);
    }
  }
}
