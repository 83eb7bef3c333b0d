/**
 * Nodes (machines, devices, rack and region controllers) as MAAS renders them: the node's own
 * fields, what MAAS derives from them (the names of its type and test statuses, `owner_data`),
 * its domain, zone, pool and tags looked up from their ids, a rack's services, the address of the
 * collection it is shown under, and exactly the fields the line's handler for that kind of node
 * has. Also here: a node's script runs and their results, its PCI/USB devices, and the results
 * `installation-results/` lists.
 *
 * @module
 */

import {
  defaultDomain,
  NODE_TYPE_NAMES,
  scriptStatusName,
  type SimDomain,
} from "../../inventory.ts";
import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { domainJson } from "../dns/render.ts";
import {
  gatewaysJson,
  interfaceJson,
  interfaceSetJson,
  nodeAddresses,
} from "../interfaces/render.ts";
import { poolJson, zoneJson } from "../placement/render.ts";
import { hostOf } from "../storage/node.ts";
import { blockDeviceJson, machineStorageJson } from "../storage/render.ts";
import type { ScriptSet, SimNode, SimNodeDevice, SimScriptResult } from "./model.ts";

/**
 * The kinds of node a node can be shown as.
 *
 * @example
 * ```ts
 * import type { NodeKind } from "./render.ts";
 * const kind: NodeKind = "rack";
 * ```
 */
export type NodeKind = "machine" | "device" | "rack" | "region";

const KINDS: Readonly<Record<NodeKind, { handler: string; collection: string }>> = {
  machine: { handler: "MachineHandler", collection: "machines" },
  device: { handler: "DeviceHandler", collection: "devices" },
  rack: { handler: "RackControllerHandler", collection: "rackcontrollers" },
  region: { handler: "RegionControllerHandler", collection: "regioncontrollers" },
};

/**
 * The kind a node is shown as when nothing says otherwise (`nodes/`, tag listings): its own, with
 * a region-and-rack controller shown as a rack controller, as MAAS's `as_self()` makes it.
 *
 * @example
 * ```ts
 * import { kindOf } from "./render.ts";
 * import { generateMachines } from "../../inventory.ts";
 * console.log(kindOf(generateMachines(1)[0])); // "machine"
 * ```
 */
export function kindOf(node: SimNode): NodeKind {
  switch (node.data.node_type) {
    case 0:
      return "machine";
    case 1:
      return "device";
    case 3:
      return "region";
    default:
      return "rack";
  }
}

/**
 * The collection a kind of node lives under (`machines`, `devices`, `rackcontrollers`…).
 *
 * @example
 * ```ts
 * import { collectionOf } from "./render.ts";
 * console.log(collectionOf("region")); // "regioncontrollers"
 * ```
 */
export function collectionOf(kind: NodeKind): string {
  return KINDS[kind].collection;
}

const TEST_STATUSES = [
  "commissioning_status",
  "testing_status",
  "cpu_test_status",
  "memory_test_status",
  "network_test_status",
  "storage_test_status",
  "other_test_status",
  "interface_test_status",
] as const;

/**
 * A node rendered as `kind` (its own kind by default), with `extra` fields some answers add (the
 * constraints an allocation matched).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { nodeJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ machines: 1 });
 * const [machine] = sim.state.machines.values();
 * console.log(nodeJson(sim.state, MaasLine.get("master"), machine).pod); // undefined
 * ```
 */
export function nodeJson(
  state: SimulatorState,
  line: MaasLine,
  node: SimNode,
  kind: NodeKind = kindOf(node),
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const { handler, collection } = KINDS[kind];
  const data = node.data;
  const domain = nodeDomain(state, node);
  const interfaces = state.interfaces.of(data.system_id);
  const interfaceSet = interfaceSetJson(state, interfaces);
  const boot = interfaces.list.findIndex((nic) => nic.id === interfaces.bootId);
  const rendered: Record<string, unknown> = {
    ...data,
    ip_addresses: nodeAddresses(interfaces),
    interface_set: interfaceSet,
    // The same rendering as in interface_set: a read renders each interface once.
    boot_interface: boot < 0 ? null : interfaceSet[boot],
    default_gateways: gatewaysJson(state, interfaces),
    domain: domainJson(line, state.dns, domain),
    fqdn: `${data.hostname}.${domain.name}`,
    node_type_name: NODE_TYPE_NAMES[data.node_type],
    owner_data: { ...data.workload_annotations },
    zone: zoneJson(line, state.placement.zone(node.zoneId)),
    pool: poolJson(line, state.placement.pool(node.poolId)),
    tag_names: state.tags.names(node.tagIds),
    ...(kind === "machine" ? machineStorageJson(state, line, node) : undefined),
    service_set: node.services?.map((service) => ({
      name: service.name,
      status: service.status,
      status_info: service.info,
    })) ?? [],
    // A controller runs the MAAS the simulator is.
    version: data.version || line.version,
    resource_uri: apiUri(`${collection}/${data.system_id}/`),
    ...extra,
  };
  for (const field of TEST_STATUSES) rendered[`${field}_name`] = scriptStatusName(data[field]);
  return line.shape(handler, rendered);
}

/**
 * The domain a node is in.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { nodeDomain } from "./render.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * console.log(nodeDomain(state, machine).name); // "maas" (or another of the site's domains)
 * ```
 */
export function nodeDomain(state: SimulatorState, node: SimNode): SimDomain {
  return state.site.domains.find((domain) => domain.id === node.domainId) ??
    defaultDomain(state.site);
}

/**
 * A node's fully qualified name: its hostname in its domain.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { nodeFqdn } from "./render.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * console.log(nodeFqdn(state, machine).startsWith(machine.data.hostname + ".")); // true
 * ```
 */
export function nodeFqdn(state: SimulatorState, node: SimNode): string {
  return `${node.data.hostname}.${nodeDomain(state, node).name}`;
}

/** MAAS's names of the result types, index = `result_type`. */
export const RESULT_TYPES: readonly string[] = [
  "commissioning",
  "installation",
  "testing",
  "release",
];

/** A time as MAAS's API writes it, from the simulator's fixed clock of results. */
const RESULT_TIME = Date.UTC(2025, 2, 3, 10, 0, 0);

function resultTime(seconds: number): string {
  const date = new Date(RESULT_TIME + seconds * 1000);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][date.getUTCDay()];
  const month =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][
      date.getUTCMonth()
    ];
  const two = (n: number) => String(n).padStart(2, "0");
  return `${day}, ${two(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} -0000`;
}

function runtime(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/**
 * One script's result as a run renders it (`output`, `stdout`, `stderr` and `result` only when
 * asked for, base64-encoded as MAAS sends them).
 *
 * @example
 * ```ts
 * import { scriptResultJson } from "./render.ts";
 * const result = {
 *   id: 1, name: "smartctl-validate", status: 2, exitStatus: 0, started: "", ended: "",
 *   seconds: 42, scriptId: 1, suppressed: false, stdout: "ok\n", stderr: "",
 * };
 * console.log(scriptResultJson(result, true).output); // b2sK
 * ```
 */
export function scriptResultJson(
  result: SimScriptResult,
  output: boolean,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: result.id,
    created: resultTime(0),
    updated: resultTime(result.seconds),
    name: result.name,
    status: result.status,
    status_name: scriptStatusName(result.status),
    exit_status: result.exitStatus,
    started: resultTime(0),
    ended: resultTime(result.seconds),
    runtime: runtime(result.seconds),
    starttime: RESULT_TIME / 1000,
    endtime: RESULT_TIME / 1000 + result.seconds,
    estimated_runtime: runtime(result.seconds),
    parameters: {},
    script_id: result.scriptId,
    script_revision_id: result.scriptId,
    suppressed: result.suppressed,
  };
  if (output) {
    rendered.output = btoa(result.stdout + result.stderr);
    rendered.stdout = btoa(result.stdout);
    rendered.stderr = btoa(result.stderr);
    rendered.result = btoa("");
  }
  return rendered;
}

/**
 * A node's script run as `nodes/{system_id}/results/{id}/` renders it, with the results the
 * filters keep.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { scriptSetJson } from "./render.ts";
 * const set = { id: 3, type: 2, results: [] };
 * console.log(scriptSetJson(MaasLine.get("3.8"), "abc123", set, { output: false }).type_name);
 * ```
 */
export function scriptSetJson(
  line: MaasLine,
  systemId: string,
  set: ScriptSet,
  options: { output: boolean; keep?: (result: SimScriptResult) => boolean },
): Record<string, unknown> {
  const results = set.results.filter((result) => options.keep?.(result) ?? true);
  const failed = set.results.some((result) => result.status === 3 && !result.suppressed);
  const seconds = set.results.reduce((sum, result) => sum + result.seconds, 0);
  return line.shape("NodeScriptResultHandler", {
    id: set.id,
    system_id: systemId,
    type: set.type,
    type_name: RESULT_TYPES[set.type],
    last_ping: resultTime(seconds),
    status: failed ? 3 : 2,
    status_name: failed ? "Failed" : "Passed",
    started: resultTime(0),
    ended: resultTime(seconds),
    runtime: runtime(seconds),
    results: results.map((result) => scriptResultJson(result, options.output)),
    suppressed: set.results.length > 0 && set.results.every((result) => result.suppressed),
    resource_uri: apiUri(`nodes/${systemId}/results/${set.id}/`),
  });
}

/**
 * One script result as `installation-results/` lists it.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { nodeResultJson } from "./render.ts";
 * const result = {
 *   id: 1, name: "00-maas-01-lshw", status: 2, exitStatus: 0, started: "", ended: "",
 *   seconds: 3, scriptId: 1, suppressed: false, stdout: "<list/>", stderr: "",
 * };
 * console.log(nodeResultJson(MaasLine.get("3.8"), "abc123", 0, result).result_type); // 0
 * ```
 */
export function nodeResultJson(
  line: MaasLine,
  systemId: string,
  type: number,
  result: SimScriptResult,
): Record<string, unknown> {
  return line.shape("NodeResultsHandler", {
    name: result.name,
    script_result: result.exitStatus,
    result_type: type,
    updated: resultTime(result.seconds),
    created: resultTime(0),
    node: { system_id: systemId },
    data: btoa(result.stdout),
    resource_uri: apiUri(`nodes/${systemId}/results/`),
  });
}

const BUS_NAMES: Readonly<Record<number, string>> = { 1: "PCIE", 2: "USB" };

/** MAAS's hardware types, index = `hardware_type`. */
export const HARDWARE_TYPES: readonly string[] = [
  "node",
  "cpu",
  "memory",
  "storage",
  "network",
  "gpu",
];
const HARDWARE_NAMES = ["Node", "CPU", "Memory", "Storage", "Network", "GPU"];

/**
 * A node's PCI or USB device as `nodes/{system_id}/devices/{id}/` renders it, with the interface
 * or disk it is, as the node renders those.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { nodeDeviceJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ machines: 1 });
 * const [machine] = sim.state.machines.values();
 * const device = {
 *   id: 9, bus: 1, hardwareType: 4, vendor: ["8086", "Intel"], product: ["1572", "X710"],
 *   driver: "i40e", busNumber: 59, interfaceId: null, blockDeviceId: null,
 * } as const;
 * console.log(nodeDeviceJson(sim.state, sim.state.line, machine, device).pci_address); // 0000:3b:00.0
 * ```
 */
export function nodeDeviceJson(
  state: SimulatorState,
  line: MaasLine,
  node: SimNode,
  device: SimNodeDevice,
): Record<string, unknown> {
  const systemId = node.data.system_id;
  const interfaces = state.interfaces.of(systemId).list;
  const physical = device.interfaceId === null
    ? undefined
    : interfaces.find((item) => item.id === device.interfaceId);
  const nic = physical ? interfaceJson(state, physical, interfaces) : null;
  const storage = state.storage.get(systemId);
  const blockDevice = device.blockDeviceId === null
    ? undefined
    : storage?.devices.get(device.blockDeviceId);
  const disk = storage && blockDevice
    ? blockDeviceJson(line, storage, hostOf(node), blockDevice)
    : null;
  return line.shape("NodeDeviceHandler", {
    id: device.id,
    bus: device.bus,
    bus_name: BUS_NAMES[device.bus],
    hardware_type: device.hardwareType,
    hardware_type_name: HARDWARE_NAMES[device.hardwareType],
    system_id: systemId,
    numa_node: 0,
    physical_blockdevice: disk,
    physical_interface: nic,
    vendor_id: device.vendor[0],
    product_id: device.product[0],
    vendor_name: device.vendor[1],
    product_name: device.product[1],
    commissioning_driver: device.driver,
    bus_number: device.busNumber,
    device_number: 0,
    pci_address: device.bus === 1
      ? `0000:${device.busNumber.toString(16).padStart(2, "0")}:00.0`
      : null,
    resource_uri: apiUri(`nodes/${systemId}/devices/${device.id}/`),
  });
}
