/**
 * Machines: `machines/` (list with MAAS's server-side filters, create, enlistment by unsigned
 * requests, allocation with constraint matching, bulk release, accept, zones, power parameters,
 * clone, chassis) and `machines/{system_id}/` (read, update, delete and every operation).
 *
 * Machines move through MAAS's life cycle on the state's timers, one `lifecycleMs` step per stage
 * (Commissioning → Testing → Ready, Deploying → Deployed, Releasing [→ Disk erasing] → Ready,
 * Entering rescue mode → Rescue mode, …), and every operation checks MAAS's state rules, answering
 * with MAAS's own 409 and 400 texts.
 *
 * ## Making an operation fail
 *
 * Tests call `sim.failNext(systemId, operation, message?)` (or {@linkcode failNext} on a state):
 * the machine's next `operation` ends in the matching failed state, with `message` as its status
 * message. For demos with `deno task simulator`, a machine whose hostname starts with
 * `fail-<operation>-` (`fail-deploy-01`, `fail-commission-db`, `fail-rescue-mode-2`: the
 * operation in kebab case) fails that operation every time.
 * Operations: `commission`, `test`, `deploy`, `release`, `erase`, `rescueMode`, `exitRescueMode`,
 * `powerOn`, `powerOff` (the last two turn the power state to `error`).
 *
 * @module
 */

import {
  anonymousView,
  blankMachine,
  fillHardware,
  NodeStatus,
  setStatus,
  STATUS_KEYWORDS,
  STATUS_NAMES,
} from "../../inventory.ts";
import {
  booleanField,
  choiceField,
  FormErrors,
  missingParam,
  stringBool,
} from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { FormFields } from "../../request.ts";
import type {
  ActionContext,
  ActionSpec,
  AuthContext,
  RouteTable,
  ServerSettings,
} from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { detailsReply, POWER_TYPES } from "../nodes/details.ts";
import type { SimVlan } from "../../inventory.ts";
import type { SimInterface } from "../interfaces/model.ts";
import { nodeAddresses } from "../interfaces/render.ts";
import type { SimMachine } from "../nodes/model.ts";
import type { SimUser } from "../users/model.ts";
import { nodeDomain, nodeFqdn, nodeJson } from "../nodes/render.ts";
import { type MachineLifecycle, SIM_OPERATIONS, type SimOperation } from "./model.ts";
import {
  applyStorageLayout,
  type LayoutSize,
  type StorageLayoutName,
  type StorageLayoutParams,
} from "../storage/layouts.ts";
import type { NodeStorage } from "../storage/model.ts";
import { mountSpecial, unmountSpecial } from "../storage/filesystems.ts";

/** What `POST machines/` accepts as an architecture (`amd64` alone means `amd64/generic`). */
const ARCHITECTURES = [
  "amd64/generic",
  "amd64/hwe-22.04",
  "amd64/hwe-24.04",
  "arm64/generic",
  "i386/generic",
  "ppc64el/generic",
  "s390x/generic",
];

const MAC =
  /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;

/**
 * `aa:bb:cc:dd:ee:ff` for any of the spellings MAAS accepts, or null.
 *
 * @example
 * ```ts
 * import { normaliseMac } from "../machines/routes.ts";
 * console.log(normaliseMac("52-54-00-AA-BB-CC")); // "52:54:00:aa:bb:cc"
 * ```
 */
export function normaliseMac(value: string): string | null {
  const match = MAC.exec(value.trim());
  return match ? match.slice(1).join(":").toLowerCase() : null;
}

/** Machines a user may see: administrators see all, others the free ones and their own. */
function visible(machine: SimMachine, user: SimUser): boolean {
  return user.isSuperuser || machine.data.owner === null || machine.data.owner === user.username;
}

/** A machine as `machines/` renders it, with `extra` fields (an allocation's constraints). */
function machineJson(
  state: SimulatorState,
  machine: SimMachine,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  return nodeJson(state, state.line, machine, "machine", extra);
}

function findMachine(state: SimulatorState, systemId: string, user: SimUser): SimMachine {
  const machine = state.machines.get(systemId);
  if (!machine || !visible(machine, user)) throw ReplyError.notFound("Machine");
  return machine;
}

// ---------------------------------------------------------------------------------------------
// What the simulator keeps about a machine without rendering it

/**
 * Where a seeded machine in the middle of an operation came from, as its seeded history tells: a
 * Commissioning machine was New, a Testing one was being commissioned.
 */
const SEEDED_PREVIOUS: Readonly<Record<number, number>> = {
  [NodeStatus.COMMISSIONING]: NodeStatus.NEW,
  [NodeStatus.TESTING]: NodeStatus.COMMISSIONING,
};

/** What the life cycle keeps about a machine, made on its first operation. */
function lifecycleOf(machine: SimMachine): MachineLifecycle {
  machine.lifecycle ??= {
    previous: SEEDED_PREVIOUS[machine.data.status] ?? machine.data.status,
    generation: 0,
    failures: new Map(),
    token: null,
    enlisting: false,
    rescueReturn: null,
  };
  return machine.lifecycle;
}

/**
 * Make the next `operation` of a machine fail: it ends in the matching failed state (or, for
 * power operations, with power state `error`) with `message` as its status message.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 3 });
 * const [machine] = sim.state.machines.values();
 * sim.failNext(machine.data.system_id, "deploy", "Installation failed: no space left");
 * ```
 */
export function failNext(
  state: SimulatorState,
  systemId: string,
  operation: SimOperation,
  message?: string,
): void {
  const machine = state.machines.get(systemId);
  if (!machine) throw new Error(`no machine ${systemId}`);
  if (!SIM_OPERATIONS.includes(operation)) {
    throw new Error(`unknown operation ${operation}; one of ${SIM_OPERATIONS.join(", ")}`);
  }
  lifecycleOf(machine).failures.set(operation, message ?? null);
}

/** Whether this run of `operation` fails, and with which message (null: MAAS's default). */
function failure(machine: SimMachine, operation: SimOperation): string | null | undefined {
  const extra = lifecycleOf(machine);
  if (extra.failures.has(operation)) {
    const message = extra.failures.get(operation)!;
    extra.failures.delete(operation);
    return message;
  }
  const kebab = operation.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (machine.data.hostname.startsWith(`fail-${kebab}-`)) return null;
  return undefined;
}

/** Change status, remembering the one before (MAAS's `previous_status`). */
function move(machine: SimMachine, status: number, message?: string): void {
  const extra = lifecycleOf(machine);
  if (machine.data.status !== status) extra.previous = machine.data.status;
  setStatus(machine, status, message);
}

/**
 * Run `steps` one `lifecycleMs` apart, each only if the machine is still in the status the step
 * expects and no other operation started since.
 */
function lifecycle(
  state: SimulatorState,
  settings: ServerSettings,
  machine: SimMachine,
  steps: Array<{ expect: number; run: () => void }>,
): void {
  const extra = lifecycleOf(machine);
  const generation = ++extra.generation;
  const next = (index: number) => {
    if (index >= steps.length) return;
    state.schedule(settings.lifecycleMs, () => {
      const step = steps[index];
      if (extra.generation !== generation || machine.data.status !== step.expect) return;
      if (!state.machines.has(machine.data.system_id)) return;
      step.run();
      next(index + 1);
    });
  };
  next(0);
}

function ensureToken(state: SimulatorState, machine: SimMachine): void {
  const extra = lifecycleOf(machine);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  extra.token ??= {
    token_key: state.random.string(alphabet, 18),
    token_secret: state.random.string(alphabet, 32),
    consumer_key: state.random.string(alphabet, 18),
  };
}

/** Deployment gives every link to a subnet that has no address yet one of the subnet's. */
function assignAddresses(state: SimulatorState, machine: SimMachine): void {
  for (const nic of nics(state, machine)) {
    for (const link of nic.links) {
      const subnet = state.networking.subnet(link.subnetId);
      if (!subnet || link.ipAddress !== null) continue;
      const [network] = subnet.cidr.split(".", 3).join(".").split("/");
      link.ipAddress = `${network}.${state.random.int(10, 250)}`;
    }
  }
}

/** Release takes back the addresses deployment gave (a static link keeps its own). */
function clearAddresses(state: SimulatorState, machine: SimMachine): void {
  for (const nic of nics(state, machine)) {
    for (const link of nic.links) if (link.mode !== "static") link.ipAddress = null;
  }
}

// ---------------------------------------------------------------------------------------------
// Life-cycle operations

/**
 * Start commissioning a machine: Commissioning now, then Testing (hardware discovered), then
 * Ready (or New when enlisting), each step `settings.lifecycleMs` long. `skipTesting` goes
 * straight from Commissioning to the end.
 *
 * @example
 * ```ts
 * import { startCommissioning } from "../machines/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * startCommissioning(state, machine, { version: "3.8.0", capabilities: [], lifecycleMs: 10 });
 * state.stop();
 * ```
 */
export function startCommissioning(
  state: SimulatorState,
  machine: SimMachine,
  settings: ServerSettings,
  options: { skipTesting?: boolean } = {},
): void {
  const extra = lifecycleOf(machine);
  extra.enlisting = machine.data.status === NodeStatus.NEW && extra.enlisting;
  move(machine, NodeStatus.COMMISSIONING, "Commissioning");
  machine.data.power_state = "on";
  ensureToken(state, machine);
  const commissioningFails = failure(machine, "commission");
  const testingFails = options.skipTesting ? undefined : failure(machine, "test");
  const finish = () => {
    move(machine, extra.enlisting ? NodeStatus.NEW : NodeStatus.READY);
    machine.data.power_state = "off";
  };
  lifecycle(state, settings, machine, [
    {
      expect: NodeStatus.COMMISSIONING,
      run: () => {
        if (!state.storage.get(machine.data.system_id)?.devices.size) {
          fillHardware(machine, state.site, state.nextId, state.random, {
            storage: state.storage,
            interfaces: state.interfaces,
          });
        }
        if (commissioningFails !== undefined) {
          move(
            machine,
            NodeStatus.FAILED_COMMISSIONING,
            commissioningFails ?? "Failed commissioning: 50-maas-01-commissioning failed",
          );
          machine.data.power_state = "off";
        } else if (options.skipTesting) {
          finish();
        } else {
          move(machine, NodeStatus.TESTING, "Running test: smartctl-validate on sda");
        }
      },
    },
    {
      expect: NodeStatus.TESTING,
      run: () => {
        if (testingFails !== undefined) {
          move(machine, NodeStatus.FAILED_TESTING, testingFails ?? undefined);
          machine.data.power_state = "off";
        } else {
          finish();
        }
      },
    },
  ]);
}

/** Statuses from which passing tests bring a machine back to Ready (MAAS's reset set). */
const TESTING_RESETS_TO_READY = new Set<number>([
  NodeStatus.NEW,
  NodeStatus.COMMISSIONING,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.MISSING,
  NodeStatus.RETIRED,
  NodeStatus.BROKEN,
  NodeStatus.FAILED_RELEASING,
  NodeStatus.FAILED_DISK_ERASING,
  NodeStatus.FAILED_ENTERING_RESCUE_MODE,
  NodeStatus.FAILED_EXITING_RESCUE_MODE,
  NodeStatus.FAILED_TESTING,
]);

const TESTABLE = new Set<number>([
  NodeStatus.FAILED_COMMISSIONING,
  NodeStatus.NEW,
  NodeStatus.READY,
  NodeStatus.RESERVED,
  NodeStatus.ALLOCATED,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.DEPLOYED,
  NodeStatus.MISSING,
  NodeStatus.RETIRED,
  NodeStatus.BROKEN,
  NodeStatus.RESCUE_MODE,
  NodeStatus.FAILED_RELEASING,
  NodeStatus.FAILED_DISK_ERASING,
  NodeStatus.FAILED_ENTERING_RESCUE_MODE,
  NodeStatus.FAILED_EXITING_RESCUE_MODE,
  NodeStatus.FAILED_TESTING,
]);

function startTesting(state: SimulatorState, settings: ServerSettings, machine: SimMachine): void {
  const before = machine.data.status;
  const wasOn = machine.data.power_state === "on";
  move(machine, NodeStatus.TESTING, "Running test: smartctl-validate on sda");
  machine.data.power_state = "on";
  const fails = failure(machine, "test");
  lifecycle(state, settings, machine, [{
    expect: NodeStatus.TESTING,
    run: () => {
      if (fails !== undefined) {
        move(machine, NodeStatus.FAILED_TESTING, fails ?? undefined);
      } else {
        move(machine, TESTING_RESETS_TO_READY.has(before) ? NodeStatus.READY : before);
      }
      if (!wasOn || machine.data.status !== NodeStatus.DEPLOYED) machine.data.power_state = "off";
    },
  }]);
}

function acquire(machine: SimMachine, user: SimUser, agentName: string): void {
  move(machine, NodeStatus.ALLOCATED, "Allocated");
  machine.data.owner = user.username;
  machine.agentName = agentName;
}

function startDeploying(
  state: SimulatorState,
  settings: ServerSettings,
  machine: SimMachine,
  options: {
    series: string;
    hweKernel: string | null;
    ephemeral: boolean;
    hwSync: boolean;
    vmHost: "lxd" | "virsh" | null;
  },
): void {
  const data = machine.data;
  data.osystem = "ubuntu";
  data.distro_series = options.series;
  data.hwe_kernel = options.hweKernel ?? `ga-${SERIES[options.series] ?? "24.04"}`;
  data.ephemeral_deploy = options.ephemeral;
  data.enable_hw_sync = options.hwSync;
  move(machine, NodeStatus.DEPLOYING, "Deploying");
  data.power_state = "on";
  ensureToken(state, machine);
  assignAddresses(state, machine);
  const fails = failure(machine, "deploy");
  lifecycle(state, settings, machine, [
    {
      expect: NodeStatus.DEPLOYING,
      run: () => {
        data.status_message = "Installing OS";
      },
    },
    {
      expect: NodeStatus.DEPLOYING,
      run: () => {
        if (fails !== undefined) {
          move(
            machine,
            NodeStatus.FAILED_DEPLOYMENT,
            fails ??
              "Installation failed (refer to the installation log for more information).",
          );
        } else {
          move(machine, NodeStatus.DEPLOYED, "Deployed");
          data.netboot = false;
          if (options.vmHost) registerVmHost(state, machine, options.vmHost);
        }
      },
    },
  ]);
}

/**
 * A machine deployed with `install_kvm` or `register_vmhost` becomes a VM host once deployed,
 * with the machine's hardware as its resources.
 */
function registerVmHost(state: SimulatorState, machine: SimMachine, type: "lxd" | "virsh"): void {
  const data = machine.data;
  const address = nodeAddresses(state.interfaces.of(data.system_id))[0] ?? "127.0.0.1";
  const host = state.vmhosts.newHost({ zoneId: machine.zoneId, poolId: machine.poolId });
  let disks = 0;
  for (const disk of state.storage.get(data.system_id)?.physicalDisks() ?? []) disks += disk.size;
  Object.assign(host, {
    name: data.hostname,
    type,
    parameters: type === "lxd"
      ? { power_address: `https://${address}:8443`, project: "default" }
      : { power_address: `qemu+ssh://virsh@${address}/system` },
    cores: data.cpu_count,
    memory: data.memory,
    localStorage: disks,
    version: type === "lxd" ? "5.21" : "8.0.0",
  });
  state.vmhosts.hosts.set(host.id, host);
}

/** Statuses a machine can be released from (MAAS's `RELEASABLE_STATUSES`). */
const RELEASABLE = new Set<number>([
  NodeStatus.ALLOCATED,
  NodeStatus.RESERVED,
  NodeStatus.BROKEN,
  NodeStatus.DEPLOYING,
  NodeStatus.DEPLOYED,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.FAILED_DISK_ERASING,
  NodeStatus.FAILED_RELEASING,
]);

function released(state: SimulatorState, machine: SimMachine): void {
  const data = machine.data;
  move(machine, NodeStatus.READY, "Ready");
  data.owner = null;
  data.osystem = "";
  data.distro_series = "";
  data.hwe_kernel = null;
  data.netboot = true;
  data.ephemeral_deploy = false;
  data.workload_annotations = {};
  data.power_state = "off";
  machine.agentName = "";
  clearAddresses(state, machine);
}

function startReleasing(
  state: SimulatorState,
  settings: ServerSettings,
  machine: SimMachine,
  erase: boolean,
): void {
  move(machine, NodeStatus.RELEASING, "Releasing");
  machine.data.power_state = "off";
  const releaseFails = failure(machine, "release");
  const eraseFails = erase ? failure(machine, "erase") : undefined;
  lifecycle(state, settings, machine, [
    {
      expect: NodeStatus.RELEASING,
      run: () => {
        if (releaseFails !== undefined) {
          move(machine, NodeStatus.FAILED_RELEASING, releaseFails ?? undefined);
        } else if (erase) {
          move(machine, NodeStatus.DISK_ERASING, "Erasing disks");
          machine.data.power_state = "on";
        } else {
          released(state, machine);
        }
      },
    },
    {
      expect: NodeStatus.DISK_ERASING,
      run: () => {
        if (eraseFails !== undefined) {
          move(
            machine,
            NodeStatus.FAILED_DISK_ERASING,
            eraseFails ?? "Failed to erase disks: wipe-disks failed",
          );
          machine.data.power_state = "off";
        } else {
          released(state, machine);
        }
      },
    },
  ]);
}

const RESCUABLE = new Set<number>([
  NodeStatus.NEW,
  NodeStatus.FAILED_COMMISSIONING,
  NodeStatus.READY,
  NodeStatus.RESERVED,
  NodeStatus.ALLOCATED,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.DEPLOYED,
  NodeStatus.MISSING,
  NodeStatus.RETIRED,
  NodeStatus.BROKEN,
  NodeStatus.FAILED_DISK_ERASING,
  NodeStatus.FAILED_ENTERING_RESCUE_MODE,
  NodeStatus.FAILED_EXITING_RESCUE_MODE,
  NodeStatus.FAILED_TESTING,
]);

function startRescue(
  state: SimulatorState,
  settings: ServerSettings,
  machine: SimMachine,
  user: SimUser,
): void {
  const life = lifecycleOf(machine);
  if (
    life.rescueReturn === null || machine.data.status !== NodeStatus.FAILED_ENTERING_RESCUE_MODE
  ) {
    life.rescueReturn = machine.data.status;
  }
  move(machine, NodeStatus.ENTERING_RESCUE_MODE, "Entering rescue mode");
  machine.data.owner ??= user.username;
  machine.data.power_state = "on";
  const fails = failure(machine, "rescueMode");
  lifecycle(state, settings, machine, [{
    expect: NodeStatus.ENTERING_RESCUE_MODE,
    run: () => {
      if (fails !== undefined) {
        move(
          machine,
          NodeStatus.FAILED_ENTERING_RESCUE_MODE,
          fails ?? "Failed to enter rescue mode: power on failed",
        );
      } else {
        move(machine, NodeStatus.RESCUE_MODE, "Rescue mode");
      }
    },
  }]);
}

function stopRescue(state: SimulatorState, settings: ServerSettings, machine: SimMachine): void {
  const back = lifecycleOf(machine).rescueReturn ?? NodeStatus.READY;
  move(machine, NodeStatus.EXITING_RESCUE_MODE, "Exiting rescue mode");
  const fails = failure(machine, "exitRescueMode");
  lifecycle(state, settings, machine, [{
    expect: NodeStatus.EXITING_RESCUE_MODE,
    run: () => {
      if (fails !== undefined) {
        move(
          machine,
          NodeStatus.FAILED_EXITING_RESCUE_MODE,
          fails ?? "Failed to exit rescue mode: power cycle failed",
        );
        return;
      }
      lifecycleOf(machine).rescueReturn = null;
      move(machine, back);
      if (back === NodeStatus.DEPLOYED) {
        machine.data.power_state = "on";
      } else {
        machine.data.power_state = "off";
        if (back === NodeStatus.READY || back === NodeStatus.NEW) machine.data.owner = null;
      }
    },
  }]);
}

function changePower(
  state: SimulatorState,
  settings: ServerSettings,
  machine: SimMachine,
  target: "on" | "off",
): void {
  const fails = failure(machine, target === "on" ? "powerOn" : "powerOff");
  const generation = lifecycleOf(machine).generation;
  state.schedule(settings.lifecycleMs, () => {
    if (lifecycleOf(machine).generation !== generation) return;
    machine.data.power_state = fails !== undefined ? "error" : target;
  });
}

// ---------------------------------------------------------------------------------------------
// Filters and constraints (ReadNodesForm and AcquireNodeForm)

/** The names `GET machines/` takes (ReadNodesForm's fields). */
const READ_FIELDS = new Set([
  "id",
  "not_id",
  "system_id",
  "not_system_id",
  "hostname",
  "not_hostname",
  "mac_address",
  "domain",
  "not_domain",
  "agent_name",
  "not_agent_name",
  "status",
  "not_status",
  "simple_status",
  "not_simple_status",
  "arch",
  "not_arch",
  "tags",
  "not_tags",
  "fabrics",
  "not_fabrics",
  "fabric_classes",
  "not_fabric_classes",
  "subnets",
  "not_subnets",
  "link_speed",
  "vlans",
  "not_vlans",
  "zone",
  "not_in_zone",
  "pool",
  "not_in_pool",
  "storage",
  "interfaces",
  "devices",
  "cpu_count",
  "cpu_speed",
  "mem",
  "owner",
  "not_owner",
  "power_state",
  "not_power_state",
  "deployment_target",
  "not_deployment_target",
  "pod",
  "not_pod",
  "pod_type",
  "not_pod_type",
  "connected_to",
  "not_connected_to",
]);

/** The names `POST machines/?op=allocate` takes (AcquireNodeForm's fields). */
const ALLOCATE_FIELDS = new Set([
  ...[...READ_FIELDS].filter((name) =>
    ![
      "id",
      "not_id",
      "hostname",
      "not_hostname",
      "mac_address",
      "domain",
      "not_domain",
      "not_agent_name",
      "status",
      "not_status",
      "simple_status",
      "not_simple_status",
    ].includes(name)
  ),
  "name",
]);

/**
 * Names the forms leave alone (MAAS's `IGNORED_FIELDS`, and what `allocate` takes out of the
 * request before the form reads it: the deployment's options).
 */
const IGNORED_FIELDS = new Set([
  "install_rackd",
  "install_kvm",
  "register_vmhost",
  "ephemeral_deploy",
  "enable_hw_sync",
  "comment",
  "bridge_all",
  "bridge_type",
  "bridge_stp",
  "bridge_fd",
  "dry_run",
  "verbose",
  "op",
  "agent_name",
]);

const SIMPLE_STATUSES: Record<string, number[]> = {
  allocated: [NodeStatus.ALLOCATED],
  broken: [NodeStatus.BROKEN],
  commissioning: [NodeStatus.COMMISSIONING],
  deployed: [NodeStatus.DEPLOYED],
  deploying: [NodeStatus.DEPLOYING],
  failed: [
    NodeStatus.FAILED_COMMISSIONING,
    NodeStatus.FAILED_DEPLOYMENT,
    NodeStatus.FAILED_DISK_ERASING,
    NodeStatus.FAILED_ENTERING_RESCUE_MODE,
    NodeStatus.FAILED_EXITING_RESCUE_MODE,
    NodeStatus.FAILED_RELEASING,
    NodeStatus.FAILED_TESTING,
  ],
  new: [NodeStatus.NEW],
  ready: [NodeStatus.READY],
  releasing: [NodeStatus.DISK_ERASING, NodeStatus.RELEASING],
  rescue_mode: [
    NodeStatus.ENTERING_RESCUE_MODE,
    NodeStatus.EXITING_RESCUE_MODE,
    NodeStatus.RESCUE_MODE,
  ],
  testing: [NodeStatus.TESTING],
  other: [NodeStatus.MISSING, NodeStatus.RESERVED, NodeStatus.RETIRED],
};

/** A machine's interface records. */
function nics(state: SimulatorState, machine: SimMachine): SimInterface[] {
  return state.interfaces.of(machine.data.system_id).list;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [network, bits] = cidr.split("/");
  const toNumber = (address: string) =>
    address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(network) / size);
}

/** Subnet ids matching MAAS's subnet specifiers (`3`, `name:x`, `cidr:…`, `ip:…`, `space:…`…). */
function subnetIds(state: SimulatorState, specifiers: string[]): Set<number> | null {
  const site = state.site;
  const ids = new Set<number>();
  for (const specifier of specifiers) {
    const at = specifier.indexOf(":");
    const [kind, value] = at > 0 && /^[a-z_]+$/.test(specifier.slice(0, at))
      ? [specifier.slice(0, at), specifier.slice(at + 1)]
      : ["", specifier];
    for (const subnet of site.subnets) {
      const vlan = site.vlans.find((v) => v.id === subnet.vlanId);
      const hit = kind === ""
        ? String(subnet.id) === value || subnet.name === value || subnet.cidr === value
        : kind === "id"
        ? String(subnet.id) === value
        : kind === "name"
        ? subnet.name === value
        : kind === "cidr"
        ? subnet.cidr === value
        : kind === "ip"
        ? ipInCidr(value, subnet.cidr)
        : kind === "space"
        ? vlan?.space === value
        : kind === "vid"
        ? String(vlan?.vid) === value
        : kind === "vlan"
        ? String(vlan?.id) === value || vlan?.name === value
        : kind === "fabric"
        ? vlan?.fabric === value || String(vlan?.fabricId) === value
        : false;
      if (hit) ids.add(subnet.id);
    }
  }
  return ids.size > 0 ? ids : null;
}

function machineSubnets(state: SimulatorState, machine: SimMachine): Set<number> {
  const ids = new Set<number>();
  for (const nic of nics(state, machine)) {
    for (const link of nic.links) if (link.subnetId !== null) ids.add(link.subnetId);
  }
  return ids;
}

function vlanMatches(vlan: SimVlan | undefined, specifier: string): boolean {
  if (!vlan) return false;
  if (specifier.startsWith("vid:")) return String(vlan.vid) === specifier.slice(4);
  if (specifier.startsWith("name:")) return vlan.name === specifier.slice(5);
  if (specifier.startsWith("id:")) return String(vlan.id) === specifier.slice(3);
  return String(vlan.id) === specifier || vlan.name === specifier;
}

const STORAGE_GROUP = /(?:([a-zA-Z0-9]+):)?([0-9.]+)(?:\(([^)]+)\))?/g;

function parseStorage(value: string): Array<{ size: number; tags: string[] }> | null {
  const groups = [...value.matchAll(STORAGE_GROUP)];
  if (groups.length === 0) return null;
  const rendered = groups.map(([, label, size, tags]) =>
    `${label ? label + ":" : ""}${size}${tags ? `(${tags})` : ""}`
  );
  if (rendered.join(",") !== value) return null;
  return groups.map(([, , size, tags]) => ({
    size: Number(size) * 1e9,
    tags: tags ? tags.split(",") : [],
  }));
}

function storageMatches(
  state: SimulatorState,
  machine: SimMachine,
  wanted: Array<{ size: number; tags: string[] }>,
) {
  const disks = state.storage.get(machine.data.system_id)?.physicalDisks() ?? [];
  const used = new Set<number>();
  return wanted.every((constraint, index) => {
    const candidates = index === 0 ? disks.slice(0, 1) : disks;
    const disk = candidates.find((d) =>
      !used.has(d.id) && d.size >= constraint.size &&
      constraint.tags.every((tag) => d.tags.includes(tag))
    );
    if (disk) used.add(disk.id);
    return disk !== undefined;
  });
}

function parseInterfaces(value: string): Array<Array<[string, string]>> | null {
  const labels = value.split(";").filter((part) => part !== "");
  const result: Array<Array<[string, string]>> = [];
  for (const label of labels) {
    const colon = label.indexOf(":");
    if (colon <= 0) return null;
    const pairs: Array<[string, string]> = [];
    for (const pair of label.slice(colon + 1).split(",")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) return null;
      pairs.push([pair.slice(0, eq), pair.slice(eq + 1)]);
    }
    result.push(pairs);
  }
  return result;
}

function nicMatches(
  state: SimulatorState,
  machine: SimMachine,
  nic: SimInterface,
  key: string,
  value: string,
): boolean {
  const negate = key.startsWith("not_");
  const name = negate ? key.slice(4) : key;
  const vlan = state.networking.vlan(nic.vlanId);
  const subnets = nic.links.flatMap((link) => state.networking.subnet(link.subnetId) ?? []);
  let hit: boolean;
  switch (name) {
    case "id":
      hit = String(nic.id) === value;
      break;
    case "name":
      hit = nic.name === value;
      break;
    case "hostname":
      hit = machine.data.hostname === value;
      break;
    case "type":
      hit = nic.type === value;
      break;
    case "fabric":
      hit = vlan?.fabric === value;
      break;
    case "fabric_class":
      hit = false;
      break;
    case "space":
      hit = vlan?.space === value;
      break;
    case "vlan":
      hit = vlanMatches(vlan, value);
      break;
    case "vid":
      hit = String(vlan?.vid) === value;
      break;
    case "subnet":
      hit = subnets.some((s) => String(s.id) === value || s.name === value || s.cidr === value);
      break;
    case "subnet_cidr":
      hit = subnets.some((s) => s.cidr === value);
      break;
    case "ip":
      hit = nic.links.some((link) => link.ipAddress === value);
      break;
    case "mode":
      hit = value === "unconfigured" && nic.links.length === 0;
      break;
    case "tag":
      hit = nic.tags.includes(value);
      break;
    case "link_speed":
      hit = nic.linkSpeed >= Number(value);
      break;
    default:
      hit = false;
  }
  return negate ? !hit : hit;
}

/**
 * Apply `GET machines/` filters (ReadNodesForm's) or allocation constraints (AcquireNodeForm's):
 * repeated keys match any of their values (all of them for `tags` and `subnets`), different keys
 * must all match; unknown names, zones, pools, tags, owners, statuses and architectures are 400
 * errors with MAAS's texts.
 *
 * @example
 * ```ts
 * import { filterMachines } from "../machines/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * import { parseQuery } from "../../request.ts";
 * const state = new SimulatorState({ machines: 20 });
 * const ready = filterMachines(state, [...state.machines.values()], parseQuery("status=ready"));
 * ```
 */
export function filterMachines(
  state: SimulatorState,
  machines: SimMachine[],
  query: FormFields,
  mode: "read" | "allocate" = "read",
): SimMachine[] {
  const errors: Record<string, string[]> = {};
  const known = mode === "read" ? READ_FIELDS : ALLOCATE_FIELDS;
  for (const name of query.names()) {
    if (!known.has(name) && !IGNORED_FIELDS.has(name)) errors[name] = ["No such constraint."];
  }
  const list = (name: string) => query.getAll(name).filter((value) => value !== "");

  const macs = list("mac_address").map(normaliseMac);
  if (macs.includes(null)) errors.mac_address = ["Invalid parameter: invalid MAC address format"];

  const choices = (name: string, allowed: string[]) => {
    const values = list(name).map((value) => value.toLowerCase());
    const bad = values.find((value) => !allowed.includes(value));
    if (bad !== undefined) {
      errors[name] = [`Select a valid choice. ${bad} is not one of the available choices.`];
    }
    return values;
  };
  const statuses = new Set(
    choices("status", [...STATUS_KEYWORDS]).map((v) => STATUS_KEYWORDS.indexOf(v)),
  );
  const notStatuses = new Set(
    choices("not_status", [...STATUS_KEYWORDS]).map((v) => STATUS_KEYWORDS.indexOf(v)),
  );
  const simple = new Set(
    choices("simple_status", Object.keys(SIMPLE_STATUSES)).flatMap((v) => SIMPLE_STATUSES[v]),
  );
  const notSimple = new Set(
    choices("not_simple_status", Object.keys(SIMPLE_STATUSES)).flatMap((v) => SIMPLE_STATUSES[v]),
  );
  const powerStates = choices("power_state", ["on", "off", "unknown", "error"]);
  const notPowerStates = choices("not_power_state", ["on", "off", "unknown", "error"]);
  const targets = choices("deployment_target", ["memory", "disk"]);
  const notTargets = choices("not_deployment_target", ["memory", "disk"]);

  const named = (name: string, names: string[], noun: string) => {
    const values = list(name);
    const unknown = values.filter((value) => !names.includes(value));
    if (unknown.length > 0) errors[name] = [`No such ${noun}(s): ${unknown.join(", ")}.`];
    return values;
  };
  const zoneNames = [...state.placement.zones.values()].map((zone) => zone.name);
  const poolNames = [...state.placement.pools.values()].map((pool) => pool.name);
  const zones = named("zone", zoneNames, "zone");
  const notZones = named("not_in_zone", zoneNames, "zone");
  const pools = named("pool", poolNames, "pool");
  const notPools = named("not_in_pool", poolNames, "pool");

  const tagsOf = (name: string) => {
    const tags = list(name).flatMap((value) => value.split(/[,\s]+/)).filter((tag) => tag !== "");
    const unknown = [...new Set(tags)].filter((tag) => !state.tags.named(tag));
    if (unknown.length > 0) {
      errors[name] = [`No such tag(s): ${unknown.map((tag) => `'${tag}'`).join(", ")}.`];
    }
    return tags;
  };
  const tags = tagsOf("tags");
  const notTags = tagsOf("not_tags");

  const owners = list("owner");
  const strayOwner = owners.find((owner) => !state.users.has(owner));
  if (strayOwner !== undefined) errors.owner = [`No such owner: '${strayOwner}'.`];

  const archOf = (name: string) => {
    const arches = list(name);
    const stray = arches.find((arch) =>
      !ARCHITECTURES.includes(arch) && !ARCHITECTURES.some((known) => known.startsWith(`${arch}/`))
    );
    if (stray !== undefined) errors[name] = ["Architecture not recognised."];
    return arches;
  };
  const arches = archOf("arch");
  const notArches = archOf("not_arch");

  const minimum = (name: string) => {
    const values = list(name);
    if (values.length === 0) return 0;
    const numbers = values.map(Number);
    if (numbers.some((n) => !Number.isFinite(n))) {
      errors[name] = [`Invalid ${name.replace("_", " ")}: number expected`];
    }
    return Math.max(...numbers);
  };
  const cpuCount = minimum("cpu_count");
  const cpuSpeed = minimum("cpu_speed");
  const memory = minimum("mem");
  const linkSpeed = minimum("link_speed");

  const subnetsOf = (name: string) => {
    const values = list(name);
    if (values.length === 0) return null;
    const ids = subnetIds(state, values);
    if (!ids) errors[name] = ["No matching subnets found."];
    return ids ?? new Set<number>();
  };
  const subnets = subnetsOf("subnets");
  const notSubnets = subnetsOf("not_subnets");

  const storage = query.get("storage");
  const storageWanted = storage ? parseStorage(storage) : null;
  if (storage && !storageWanted) errors.storage = [`Malformed storage constraint, "${storage}".`];
  const interfacesText = query.get("interfaces");
  const interfaces = interfacesText ? parseInterfaces(interfacesText) : null;
  if (interfacesText && !interfaces) {
    errors.interfaces = ["Invalid interfaces constraint: expected label:key=value[,key=value]."];
  }
  const devices = list("devices");

  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);

  const ids = [...list("id"), ...list("system_id")];
  const notIds = [...list("not_id"), ...list("not_system_id")];
  const names = list("name");
  const anyOf = (values: string[], value: string | null | undefined) =>
    values.length === 0 || (value != null && values.includes(value));
  const noneOf = (values: string[], value: string | null | undefined) =>
    value == null || !values.includes(value);
  const tagNames = (machine: SimMachine) => state.tags.names(machine.tagIds);
  const vlansIn = (machine: SimMachine) =>
    nics(state, machine).flatMap((nic) => state.networking.vlan(nic.vlanId) ?? []);
  const fabricsIn = (machine: SimMachine) => vlansIn(machine).map((vlan) => vlan.fabric);
  const wantFabrics = list("fabrics");
  const avoidFabrics = list("not_fabrics");
  const wantVlans = list("vlans");
  const avoidVlans = list("not_vlans");
  const wantClasses = list("fabric_classes");
  const pods = list("pod");
  const podTypes = list("pod_type");

  return machines.filter((machine) => {
    const data = machine.data;
    const architecture = String(data.architecture ?? "");
    const nicList = nics(state, machine);
    const linked = subnets || notSubnets ? machineSubnets(state, machine) : null;
    return anyOf(ids, data.system_id) &&
      noneOf(notIds, data.system_id) &&
      (names.length === 0 ||
        names.some((name) => data.hostname === name || nodeFqdn(state, machine) === name)) &&
      anyOf(list("hostname"), data.hostname) &&
      noneOf(list("not_hostname"), data.hostname) &&
      (macs.length === 0 || macs.some((mac) => nicList.some((nic) => nic.macAddress === mac))) &&
      anyOf(list("domain"), nodeDomain(state, machine).name) &&
      noneOf(list("not_domain"), nodeDomain(state, machine).name) &&
      (mode === "allocate" || anyOf(list("agent_name"), machine.agentName)) &&
      noneOf(list("not_agent_name"), machine.agentName) &&
      (statuses.size === 0 || statuses.has(data.status)) &&
      !notStatuses.has(data.status) &&
      (simple.size === 0 || simple.has(data.status)) &&
      !notSimple.has(data.status) &&
      anyOf(zones, state.placement.zone(machine.zoneId).name) &&
      noneOf(notZones, state.placement.zone(machine.zoneId).name) &&
      anyOf(pools, state.placement.pool(machine.poolId).name) &&
      noneOf(notPools, state.placement.pool(machine.poolId).name) &&
      tags.every((tag) => tagNames(machine).includes(tag)) &&
      !notTags.some((tag) => tagNames(machine).includes(tag)) &&
      anyOf(owners, data.owner) &&
      noneOf(list("not_owner"), data.owner) &&
      anyOf(powerStates, data.power_state) &&
      noneOf(notPowerStates, data.power_state) &&
      anyOf(targets, data.ephemeral_deploy ? "memory" : "disk") &&
      noneOf(notTargets, data.ephemeral_deploy ? "memory" : "disk") &&
      (arches.length === 0 ||
        arches.some((arch) => architecture === arch || architecture.startsWith(`${arch}/`))) &&
      !notArches.some((arch) => architecture === arch || architecture.startsWith(`${arch}/`)) &&
      Number(data.cpu_count ?? 0) >= cpuCount &&
      Number(data.cpu_speed ?? 0) >= cpuSpeed &&
      Number(data.memory ?? 0) >= memory &&
      (linkSpeed === 0 || nicList.some((nic) => nic.linkSpeed >= linkSpeed)) &&
      (wantFabrics.length === 0 || fabricsIn(machine).some((f) => wantFabrics.includes(f))) &&
      !fabricsIn(machine).some((f) => avoidFabrics.includes(f)) &&
      (wantClasses.length === 0) &&
      (wantVlans.length === 0 ||
        vlansIn(machine).some((vlan) => wantVlans.some((spec) => vlanMatches(vlan, spec)))) &&
      !vlansIn(machine).some((vlan) => avoidVlans.some((spec) => vlanMatches(vlan, spec))) &&
      (!subnets || [...subnets].every((id) => linked!.has(id))) &&
      (!notSubnets || ![...notSubnets].some((id) => linked!.has(id))) &&
      (!storageWanted || storageMatches(state, machine, storageWanted)) &&
      (!interfaces ||
        interfaces.every((pairs) =>
          nicList.some((nic) =>
            pairs.every(([key, value]) => nicMatches(state, machine, nic, key, value))
          )
        )) &&
      devices.length === 0 &&
      // The simulated site has no switches that report (over LLDP) what is plugged into them.
      list("connected_to").length === 0 &&
      pods.length === 0 &&
      podTypes.length === 0;
  });
}

/** MAAS's Juju-like summary of the constraints given (`cpu_count=4.0 zone=rack-a`). */
function describeConstraints(data: FormFields): string {
  const numeric = new Set(["cpu_count", "cpu_speed", "mem", "link_speed"]);
  return data.names()
    .filter((name) => ALLOCATE_FIELDS.has(name))
    .sort()
    .map((name) => {
      const values = data.getAll(name).filter((value) => value !== "");
      if (values.length === 0) return null;
      const shown = numeric.has(name)
        ? values.map((v) => (Number.isInteger(Number(v)) ? `${Number(v)}.0` : String(Number(v))))
        : name === "tags" || name === "not_tags"
        ? values.flatMap((v) => v.split(/[,\s]+/)).filter((v) => v !== "").sort()
        : values;
      return `${name}=${shown.join(",")}`;
    })
    .filter((part) => part !== null)
    .join(" ");
}

/** Python's `repr` of `request.data.lists()` without `op`, as MAAS puts it in its 409 text. */
function pythonLists(data: FormFields): string {
  const quote = (value: string) =>
    value.includes("'") && !value.includes('"')
      ? `"${value}"`
      : `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  const parts = data.names().filter((name) => name !== "op").map((name) =>
    `(${quote(name)}, [${data.getAll(name).map(quote).join(", ")}])`
  );
  return `[${parts.join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------
// Creating machines

const ADJECTIVES = ["amused", "bright", "crisp", "dapper", "eager", "fluent", "gentle", "hearty"];
const NOUNS = ["aphid", "bream", "civet", "drake", "egret", "finch", "grouse", "heron"];

function freeHostname(state: SimulatorState): string {
  const taken = new Set([...state.machines.values()].map((machine) => machine.data.hostname));
  for (;;) {
    const name = `${state.random.pick(ADJECTIVES)}-${state.random.pick(NOUNS)}`;
    if (!taken.has(name)) return name;
    const numbered = `${name}-${state.random.int(10, 9999)}`;
    if (!taken.has(numbered)) return numbered;
  }
}

/**
 * The MAC addresses every node already uses, with the hostname using each (a new node may not
 * reuse one).
 */
function macsInUse(state: SimulatorState, extra: Iterable<SimMachine> = []): Map<string, string> {
  const inUse = new Map<string, string>();
  for (const machine of [...state.machines.values(), ...extra]) {
    for (const nic of nics(state, machine)) {
      if (nic.macAddress !== null) inUse.set(nic.macAddress, machine.data.hostname);
    }
  }
  return inUse;
}

/**
 * Validate the `mac_addresses` of a new node: present, well-formed, not in use. Adds MAAS's
 * field error to `errors` and answers the normalised addresses.
 *
 * @example
 * ```ts
 * import { checkMacs } from "../machines/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * const errors: Record<string, string[]> = {};
 * console.log(checkMacs(new SimulatorState(), ["52:54:00:00:00:01"], errors, [])); // ["52:54:00:00:00:01"]
 * ```
 */
export function checkMacs(
  state: SimulatorState,
  given: string[],
  errors: Record<string, string[]>,
  others: Iterable<SimMachine>,
): string[] {
  const macs: string[] = [];
  const problems: string[] = [];
  const inUse = macsInUse(state, others);
  for (const value of given) {
    const mac = normaliseMac(value);
    if (mac === null) problems.push(`'${value}' is not a valid MAC address.`);
    else if (inUse.has(mac)) {
      problems.push(`MAC address ${mac} already in use on ${inUse.get(mac)}.`);
    } else macs.push(mac);
  }
  if (given.length === 0) {
    errors.mac_addresses = ["This field is required."];
  } else if (problems.length > 0) {
    errors.mac_addresses = given.length > 1
      ? [`One or more MAC addresses is invalid. (${problems.join(" \u2014 ")})`]
      : problems;
  }
  return macs;
}

/**
 * Validate `POST machines/` fields and add the machine in state New (MAAS's machine creation form).
 *
 * @example
 * ```ts
 * import { createMachine } from "../machines/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * const state = new SimulatorState();
 * const machine = createMachine(state, new FormFields([
 *   ["architecture", "amd64"], ["mac_addresses", "52:54:00:00:00:01"],
 * ]));
 * console.log(machine.data.architecture); // "amd64/generic"
 * ```
 */
export function createMachine(state: SimulatorState, data: FormFields): SimMachine {
  const errors: Record<string, string[]> = {};
  let architecture = data.get("architecture") ?? "";
  const subarchitecture = data.get("subarchitecture");
  if (architecture !== "" && !architecture.includes("/")) {
    architecture = `${architecture}/${subarchitecture || "generic"}`;
  }
  if (architecture === "") {
    errors.architecture = ["This field is required."];
  } else if (!ARCHITECTURES.includes(architecture)) {
    errors.architecture = [
      `'${architecture}' is not a valid architecture.  It should be one of: ${
        ARCHITECTURES.map((arch) => `'${arch}'`).join(", ")
      }.`,
    ];
  }

  const macs = checkMacs(
    state,
    data.getAll("mac_addresses").filter((mac) => mac !== ""),
    errors,
    [],
  );

  const hostname = data.get("hostname")?.trim() || freeHostname(state);
  const hostnameError = checkHostname(hostname);
  if (hostnameError) {
    errors.hostname = [hostnameError];
  } else if ([...state.machines.values()].some((machine) => machine.data.hostname === hostname)) {
    errors.hostname = ["Node with this Hostname already exists."];
  }

  const domainName = data.get("domain");
  const domain = domainName === undefined || domainName === ""
    ? undefined
    : state.site.domains.find((candidate) => candidate.name === domainName);
  if (domainName && !domain) {
    errors.domain = ["Select a valid choice. That choice is not one of the available choices."];
  }

  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);

  const machine = blankMachine({
    systemId: state.newSystemId(),
    hostname,
    site: state.site,
    nextId: state.nextId,
    zoneId: state.placement.defaultZoneId,
    poolId: state.placement.defaultPool.id,
    architecture,
    powerType: data.get("power_type") ?? "",
    macs,
    interfaces: state.interfaces,
    domain,
    powerParameters: powerParameters(data),
    description: data.get("description") ?? "",
  });
  const rest: Record<string, string[]> = {};
  const apply = machineForm(
    state,
    machine,
    data,
    rest,
    new Set(["hostname", "description", "architecture", "power_type", "power_parameters"]),
  );
  if (Object.keys(rest).length > 0) {
    state.interfaces.drop(machine.data.system_id);
    throw ReplyError.invalid(rest);
  }
  for (const change of apply) change();
  state.machines.set(machine.data.system_id, machine);
  return machine;
}

/**
 * MAAS's hostname error for a bad label, or null when the hostname is fine.
 *
 * @example
 * ```ts
 * import { checkHostname } from "../machines/routes.ts";
 * console.log(checkHostname("-bad")); // "Invalid hostname: Label cannot start or end with hyphen."
 * ```
 */
export function checkHostname(hostname: string): string | null {
  if (/[^a-z0-9-]/i.test(hostname)) {
    return "Invalid hostname: Label contains disallowed characters.";
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(hostname)) {
    return "Invalid hostname: Label cannot start or end with hyphen.";
  }
  return null;
}

/**
 * The `power_parameters_*` fields of a form, by parameter name.
 *
 * @example
 * ```ts
 * import { powerParameters } from "../machines/routes.ts";
 * import { FormFields } from "../../request.ts";
 * console.log(powerParameters(new FormFields([["power_parameters_power_address", "10.0.0.1"]])));
 * ```
 */
export function powerParameters(data: FormFields): Record<string, string> {
  const parameters: Record<string, string> = {};
  // MAAS's power forms also take the parameters as one JSON object (what python-libmaas sends).
  const json = data.get("power_parameters");
  if (json !== undefined && json.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw ReplyError.invalid({ power_parameters: ["Enter a valid JSON object."] });
    }
    for (const [key, value] of Object.entries(parsed)) parameters[key] = String(value);
  }
  for (const name of data.names()) {
    if (name.startsWith("power_parameters_") && name !== "power_parameters_skip_check") {
      parameters[name.slice("power_parameters_".length)] = data.get(name)!;
    }
  }
  return parameters;
}

/**
 * What MAAS's unsigned `is_action_in_progress` answers: whether the machine with the MAC address
 * asked for is commissioning or deploying.
 *
 * @example
 * ```ts
 * import type { ActionContext } from "../../routes.ts";
 * import { isActionInProgress } from "../machines/routes.ts";
 * const busy = (ctx: ActionContext) => isActionInProgress(ctx).body;
 * ```
 */
export function isActionInProgress({ query, state }: ActionContext): Reply {
  const given = query.get("mac_address");
  if (given === undefined) throw missingParam("mac_address");
  const mac = normaliseMac(given);
  return json(
    [...state.machines.values()].some((machine) =>
      (machine.data.status === NodeStatus.COMMISSIONING ||
        machine.data.status === NodeStatus.DEPLOYING) &&
      nics(state, machine).some((nic) => nic.macAddress === mac)
    ),
  );
}

/**
 * What `is_registered` answers: whether a node of `nodes`, in none of the statuses `ignore`, has
 * the MAC address asked for.
 *
 * @example
 * ```ts
 * import type { ActionContext } from "../../routes.ts";
 * import { isRegistered } from "../machines/routes.ts";
 * const known = (ctx: ActionContext) => isRegistered(ctx, ctx.state.machines.values(), []);
 * ```
 */
export function isRegistered(
  ctx: ActionContext,
  nodes: Iterable<SimMachine>,
  ignore: readonly number[],
): Reply {
  const given = ctx.query.get("mac_address");
  if (given === undefined) throw missingParam("mac_address");
  const mac = normaliseMac(given);
  for (const node of nodes) {
    if (ignore.includes(node.data.status)) continue;
    if (nics(ctx.state, node).some((nic) => nic.macAddress === mac)) return json(true);
  }
  return json(false);
}

// ---------------------------------------------------------------------------------------------
// Updating a machine

/**
 * Apply an update form's zone, pool and domain to a node (MAAS takes names; unknown ones are
 * field errors).
 *
 * @example
 * ```ts
 * import { applyPlacement } from "../machines/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * applyPlacement(state, machine, new FormFields([["zone", "rack-a"]]), {});
 * ```
 */
export function applyPlacement(
  state: SimulatorState,
  node: SimMachine,
  form: FormFields,
  errors: Record<string, string[]>,
): () => void {
  const changes: Array<() => void> = [];
  const choice = "Select a valid choice. That choice is not one of the available choices.";
  const zoneName = form.get("zone");
  if (zoneName !== undefined) {
    const zone = state.placement.zoneNamed(zoneName);
    if (!zone) errors.zone = [choice];
    else changes.push(() => (node.zoneId = zone.id));
  }
  const poolName = form.get("pool");
  if (poolName !== undefined) {
    const pool = state.placement.poolNamed(poolName) ??
      (/^\d+$/.test(poolName) ? state.placement.pools.get(Number(poolName)) : undefined);
    if (!pool) errors.pool = [choice];
    else changes.push(() => (node.poolId = pool.id));
  }
  const domainName = form.get("domain");
  if (domainName !== undefined) {
    const domain = state.site.domains.find((d) =>
      d.name === domainName || String(d.id) === domainName
    );
    if (!domain) {
      errors.domain = [choice];
    } else {
      changes.push(() => (node.domainId = domain.id));
    }
  }
  return () => {
    for (const change of changes) change();
  };
}

/**
 * Read MAAS's machine form (what create and update both take) into `errors` and the changes to
 * make; `skip` names the fields the caller reads itself.
 */
function machineForm(
  state: SimulatorState,
  machine: SimMachine,
  form: FormFields,
  errors: Record<string, string[]>,
  skip: ReadonlySet<string> = new Set(),
): Array<() => void> {
  const data = machine.data;
  const apply: Array<() => void> = [applyPlacement(state, machine, form, errors)];
  const given = (name: string) => skip.has(name) ? undefined : form.get(name);
  const hostname = given("hostname");
  if (hostname !== undefined) {
    const problem = checkHostname(hostname);
    if (problem) {
      errors.hostname = [problem];
    } else if (
      [...state.machines.values()].some((m) => m !== machine && m.data.hostname === hostname)
    ) {
      errors.hostname = ["Node with this Hostname already exists."];
    } else {
      apply.push(() => (data.hostname = hostname));
    }
  }
  const description = given("description");
  if (description !== undefined) apply.push(() => (data.description = description));
  const architecture = given("architecture");
  if (architecture !== undefined) {
    const full = architecture.includes("/") ? architecture : `${architecture}/generic`;
    if (!ARCHITECTURES.includes(full)) {
      errors.architecture = [
        `'${architecture}' is not a valid architecture.  It should be one of: ${
          ARCHITECTURES.map((arch) => `'${arch}'`).join(", ")
        }.`,
      ];
    } else {
      apply.push(() => (data.architecture = full));
    }
  }
  const minHwe = form.get("min_hwe_kernel");
  if (minHwe !== undefined) apply.push(() => (data.min_hwe_kernel = minHwe));
  const hwe = form.get("hwe_kernel");
  if (hwe !== undefined) apply.push(() => (data.hwe_kernel = hwe === "" ? null : hwe));
  const osystem = form.get("osystem");
  if (osystem !== undefined) {
    if (osystem !== "" && osystem !== "ubuntu") {
      errors.osystem = [`Select a valid choice. ${osystem} is not one of the available choices.`];
    } else {
      apply.push(() => (data.osystem = osystem));
    }
  }
  const series = form.get("distro_series");
  if (series !== undefined) {
    const name = series.replace(/^ubuntu\//, "");
    if (name !== "" && !(name in SERIES)) {
      errors.distro_series = [
        `Select a valid choice. ${series} is not one of the available choices.`,
      ];
    } else {
      apply.push(() => (data.distro_series = name));
    }
  }
  for (const field of ["cpu_count", "memory"] as const) {
    const value = form.get(field);
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) errors[field] = ["Enter a whole number."];
    else apply.push(() => (data[field] = number));
  }
  const swap = swapSize(form, errors);
  if (swap !== undefined) apply.push(() => (data.swap_size = swap));
  if (booleanField(form, "disable_ipv4")) {
    errors.disable_ipv4 = ["Only false is allowed for disable_ipv4."];
  }
  for (
    const field of [
      "ephemeral_deploy",
      "enable_hw_sync",
      "enable_kernel_crash_dump",
      "is_dpu",
    ] as const
  ) {
    if (form.get(field) === undefined) continue;
    const value = booleanField(form, field);
    apply.push(() => (data[field] = value));
  }
  for (const flag of ["commission", "deployed", "install_rackd"]) booleanField(form, flag);
  apply.push(...powerChanges(machine, form, errors, skip));
  return apply;
}

/**
 * The power fields of MAAS's node forms: `power_type` (a new type starts its parameters afresh)
 * and the power parameters, read into `errors` and the changes to make; `skip` names the fields
 * the caller reads itself.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * import { powerChanges } from "../machines/routes.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * const errors = {};
 * for (const change of powerChanges(machine, new FormFields([["power_type", "manual"]]), errors)) {
 *   change();
 * }
 * console.log(machine.data.power_type); // "manual"
 * ```
 */
export function powerChanges(
  node: SimMachine,
  form: FormFields,
  errors: Record<string, string[]>,
  skip: ReadonlySet<string> = new Set(),
): Array<() => void> {
  const changes: Array<() => void> = [];
  const powerType = skip.has("power_type") ? undefined : form.get("power_type");
  if (powerType !== undefined) {
    if (powerType !== "" && !POWER_TYPES.some((type) => type.name === powerType)) {
      errors.power_type = [
        `Select a valid choice. ${powerType} is not one of the available choices.`,
      ];
    } else {
      changes.push(() => {
        node.data.power_type = powerType;
        node.powerParameters = {};
      });
    }
  }
  if (!skip.has("power_parameters")) {
    const parameters = powerParameters(form);
    if (Object.keys(parameters).length > 0) {
      changes.push(() => Object.assign(node.powerParameters, parameters));
    }
  }
  return changes;
}

/**
 * MAAS's `swap_size` of the node forms: bytes, or a number with K, M, G or T; empty for none.
 * Undefined when not sent; a bad value adds MAAS's error to `errors`.
 *
 * @example
 * ```ts
 * import { FormFields } from "../../request.ts";
 * import { swapSize } from "../machines/routes.ts";
 * console.log(swapSize(new FormFields([["swap_size", "2G"]]), {})); // 2000000000
 * ```
 */
export function swapSize(
  form: FormFields,
  errors: Record<string, string[]>,
): number | null | undefined {
  const value = form.get("swap_size");
  if (value === undefined) return undefined;
  if (value === "") return null;
  const match = /^\s*([0-9.]+)\s*([KMGT]?)\s*$/i.exec(value);
  if (!match) {
    errors.swap_size = [`Invalid size for swap: ${value}`];
    return undefined;
  }
  const units: Record<string, number> = { "": 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Math.round(Number(match[1]) * units[match[2].toUpperCase()]);
}

function updateMachine(ctx: AuthContext, machine: SimMachine): SimMachine {
  ctx.requireAdmin();
  const errors: Record<string, string[]> = {};
  const apply = machineForm(ctx.state, machine, ctx.data, errors);
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  for (const change of apply) change();
  return machine;
}

const CACHE_MODES = ["writeback", "writethrough", "writearound"];

/** A size of `set_storage_layout`: bytes with an optional SI unit, or a percentage. */
function layoutSize(data: FormFields, name: string, errors: FormErrors): LayoutSize | undefined {
  const value = data.get(name);
  if (value === undefined || value === "") return undefined;
  const percent = /^\s*(\d+(?:\.\d+)?)%\s*$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  const bytes = /^\s*(\d+)([KkMmGgTtPpEe]?)\s*$/.exec(value);
  if (!bytes) {
    errors.add(name, `'${value}' is not a valid size.`);
    return undefined;
  }
  const scale = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 }[
    bytes[2].toLowerCase() as "k"
  ] ?? 1;
  return Number(bytes[1]) * scale;
}

/** A physical disk of the machine chosen by id (Django's `ChoiceField` over the disks' ids). */
function diskChoice(
  data: FormFields,
  name: string,
  storage: NodeStorage,
  errors: FormErrors,
): number | undefined {
  const value = data.get(name);
  if (value === undefined || value === "") return undefined;
  const disk = storage.physicalDisks().find((candidate) => String(candidate.id) === value);
  if (!disk) {
    errors.add(name, `Select a valid choice. ${value} is not one of the available choices.`);
  }
  return disk?.id;
}

/** Every parameter `set_storage_layout` reads besides the layout, checked together. */
function layoutParams(data: FormFields, storage: NodeStorage): StorageLayoutParams {
  const errors = new FormErrors();
  const text = (name: string) => data.get(name) || undefined;
  const cacheMode = choiceField(data, "cache_mode", CACHE_MODES, errors, { required: false });
  const params: StorageLayoutParams = {
    bootSize: layoutSize(data, "boot_size", errors),
    rootSize: layoutSize(data, "root_size", errors),
    rootDevice: diskChoice(data, "root_device", storage, errors),
    vgName: text("vg_name"),
    lvName: text("lv_name"),
    lvSize: layoutSize(data, "lv_size", errors),
    cacheDevice: diskChoice(data, "cache_device", storage, errors),
    cacheMode: cacheMode || undefined,
    cacheSize: layoutSize(data, "cache_size", errors),
    cacheNoPart: booleanField(data, "cache_no_part"),
  };
  errors.throwIfAny();
  return params;
}

// ---------------------------------------------------------------------------------------------
// What `get_curtin_config` answers

const SERIES: Record<string, string> = { noble: "24.04", jammy: "22.04", focal: "20.04" };

function curtinConfig(state: SimulatorState, machine: SimMachine): string {
  const data = machine.data;
  const series = SERIES[data.distro_series as string] ? data.distro_series as string : "noble";
  const arch = String(data.architecture).split("/")[0];
  const disk = state.storage.get(data.system_id)?.bootDisk()?.name ?? "sda";
  const nicNames = nics(state, machine).map((nic) => nic.name);
  return [
    "apt:",
    "  preserve_sources_list: false",
    "debconf_selections:",
    "  maas: |",
    "    cloud-init   cloud-init/datasources  multiselect MAAS",
    "install:",
    "  log_file: /tmp/install.log",
    "  post_files:",
    "  - /tmp/install.log",
    "kernel:",
    `  package: linux-image-generic`,
    "network:",
    "  config:",
    ...nicNames.flatMap((name) => [
      `  - id: ${name}`,
      `    name: ${name}`,
      "    type: physical",
    ]),
    "  version: 1",
    "power_state:",
    "  mode: reboot",
    "sources:",
    `  01_${series}: http://region-1:5248/MAAS/images/ubuntu/${arch}/ga-${SERIES[series]}/` +
    `${series}/stable/squashfs`,
    "storage:",
    "  config:",
    `  - id: ${disk}`,
    "    name: sda",
    "    ptable: gpt",
    "    type: disk",
    "  version: 1",
    "verbosity: 3",
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// The routes

function statusName(machine: SimMachine): string {
  return STATUS_NAMES[machine.data.status] ?? "Unknown";
}

function requireOwner(machine: SimMachine, user: SimUser, message: string): void {
  if (machine.data.owner !== user.username) throw ReplyError.conflict(message);
}

/**
 * Register `machines/` (with its anonymous handler) and `machines/{system_id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerMachines } from "../machines/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerMachines(table);
 * ```
 */
export function registerMachines(table: RouteTable): void {
  table.resource({
    path: "machines/",
    auth: {
      name: "MachinesHandler",
      doc: "All the machines of this MAAS.",
      actions: {
        "GET read": {
          doc: "List the machines the caller may see, in id order, filtered on the server.\n\n" +
            ":param hostname: Optional, repeatable.\n:param mac_address: Optional, repeatable.\n" +
            ":param id: Optional, repeatable system_id.\n:param domain: Optional, repeatable.\n" +
            ":param zone: Optional, repeatable.\n:param pool: Optional, repeatable.\n" +
            ":param tags: Optional, repeatable or comma-separated; all must match.\n" +
            ":param status: Optional, repeatable (ready, deployed, …).\n" +
            ":param agent_name: Optional, repeatable.\n:param owner: Optional, repeatable.\n" +
            "Also: not_id, not_hostname, not_domain, not_in_zone, not_in_pool, not_tags, " +
            "not_status, simple_status, arch, cpu_count, cpu_speed, mem, power_state, fabrics, " +
            "vlans, subnets, link_speed, interfaces, storage, deployment_target.",
          run: ({ state, query, user }) => {
            const mine = [...state.machines.values()].filter((machine) => visible(machine, user));
            return json(
              filterMachines(state, mine, query).map((machine) => machineJson(state, machine)),
            );
          },
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a machine that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => isRegistered(ctx, ctx.state.machines.values(), [NodeStatus.RETIRED]),
        },
        "GET list_allocated": {
          doc: "The caller's allocated (not yet deployed) machines.\n\n" +
            ":param id: Optional, repeatable system_id.",
          run: ({ state, query, user }) => {
            const ids = query.getAll("id");
            return json(
              [...state.machines.values()]
                .filter((m) =>
                  m.data.owner === user.username && m.data.status === NodeStatus.ALLOCATED &&
                  (ids.length === 0 || ids.includes(m.data.system_id))
                )
                .map((m) => machineJson(state, m)),
            );
          },
        },
        "GET power_parameters": {
          doc: "Power parameters of many machines, by system_id (administrators only).\n\n" +
            ":param id: Optional, repeatable system_id; all machines when left out.",
          run: (ctx) => {
            ctx.requireAdmin("This method is reserved for admin users.");
            const ids = ctx.query.getAll("id");
            const answer: Record<string, Record<string, string>> = {};
            for (const machine of ctx.state.machines.values()) {
              if (ids.length === 0 || ids.includes(machine.data.system_id)) {
                answer[machine.data.system_id] = machine.powerParameters;
              }
            }
            return json(answer);
          },
        },
        "POST create": {
          doc: "Add a machine. Administrators' machines start commissioning unless " +
            "`commission=false`; others stay New.\n\n" +
            ":param architecture: Required (e.g. amd64/generic).\n" +
            ":param mac_addresses: Required, repeatable.\n:param hostname: Optional.\n" +
            ":param domain: Optional.\n:param description: Optional.\n:param power_type: Optional.\n" +
            ":param power_parameters_{name}: Optional.\n:param commission: Optional boolean.\n" +
            ":param deployed: Optional boolean.\n:param testing_scripts: Optional; none skips tests.",
          run: ({ state, data, user, settings }) => {
            const commission = stringBool(data, "commission", true);
            const deployed = stringBool(data, "deployed", false);
            const machine = createMachine(state, data);
            if (deployed) {
              fillHardware(machine, state.site, state.nextId, state.random, {
                storage: state.storage,
                interfaces: state.interfaces,
              });
              setStatus(machine, NodeStatus.DEPLOYED, "Deployed");
              machine.data.owner = user.username;
              machine.data.power_state = "on";
              machine.data.osystem = "ubuntu";
              machine.data.distro_series = "noble";
            } else if (user.isSuperuser && commission) {
              startCommissioning(state, machine, settings, {
                skipTesting: (data.get("testing_scripts") ?? "").toLowerCase() === "none",
              });
            }
            return json(machineJson(state, machine));
          },
        },
        "POST allocate": {
          doc: "Allocate an available machine that matches every constraint to the caller.\n\n" +
            ":param name: Optional hostname or FQDN.\n:param system_id: Optional.\n" +
            ":param arch: Optional, repeatable.\n:param cpu_count: Optional minimum.\n" +
            ":param mem: Optional minimum, MiB.\n:param tags: Optional, all must match.\n" +
            ":param not_tags: Optional.\n:param zone: Optional.\n:param not_in_zone: Optional.\n" +
            ":param pool: Optional.\n:param not_in_pool: Optional.\n:param subnets: Optional.\n" +
            ":param not_subnets: Optional.\n:param fabrics: Optional.\n:param not_fabrics: Optional.\n" +
            ":param interfaces: Optional labelled constraints.\n:param storage: Optional.\n" +
            ":param agent_name: Optional.\n:param comment: Optional.\n:param dry_run: Optional.\n" +
            ":param verbose: Optional.\n\nAnswers 409 when no machine matches.",
          run: ({ state, data, user }) => {
            const dryRun = stringBool(data, "dry_run", false);
            const verbose = stringBool(data, "verbose", false);
            stringBool(data, "bridge_all", false);
            stringBool(data, "bridge_stp", false);
            const bridgeType = data.get("bridge_type");
            if (bridgeType !== undefined && !["standard", "ovs"].includes(bridgeType)) {
              throw ReplyError.invalid({
                bridge_type: [
                  `'${bridgeType}' is not a valid bridge_type.  It should be one of: ` +
                  "'standard', 'ovs'.",
                ],
              });
            }
            const available = [...state.machines.values()].filter((m) =>
              m.data.status === NodeStatus.READY && m.data.owner === null
            );
            const matches = filterMachines(state, available, data, "allocate");
            matches.sort((a, b) =>
              (Number(a.data.cpu_count) + Number(a.data.memory) / 1024) -
              (Number(b.data.cpu_count) + Number(b.data.memory) / 1024)
            );
            const machine = matches[0];
            if (!machine) {
              const resolved = describeConstraints(data);
              const systemId = data.get("system_id");
              throw ReplyError.conflict(
                resolved === ""
                  ? "No machine available."
                  : systemId !== undefined
                  ? `No machine with system ID ${systemId} available.`
                  : `No available machine matches constraints: ${pythonLists(data)} ` +
                    `(resolved to "${resolved}")`,
              );
            }
            if (dryRun) {
              return json(machineJson(state, machine, { constraints_by_type: {} }));
            }
            acquire(machine, user, data.get("agent_name") ?? "");
            const constraints: Record<string, unknown> = {};
            if (verbose) {
              constraints.verbose_storage = {};
              constraints.verbose_interfaces = {};
            }
            return json(machineJson(state, machine, { constraints_by_type: constraints }));
          },
        },
        "POST release": {
          doc: "Release several machines.\n\n:param machines: Required, repeatable system_id.\n" +
            ":param comment: Optional.",
          run: ({ state, data, user, settings }) => {
            const ids = [...new Set(data.getAll("machines"))];
            const unknown = ids.filter((id) => !state.machines.has(id));
            if (unknown.length > 0) {
              throw ReplyError.badRequest(`Unknown machine(s): ${unknown.join(", ")}.`);
            }
            const machines = ids.map((id) => state.machines.get(id)!);
            // A locked machine fails the edit permission, for administrators too.
            const denied = machines.filter((m) =>
              m.data.locked || (!user.isSuperuser && m.data.owner !== user.username)
            );
            if (denied.length > 0) {
              throw ReplyError.forbidden(
                "You don't have the required permission to release the following machine(s): " +
                  `${denied.map((m) => m.data.system_id).join(", ")}.`,
              );
            }
            const failed = machines.filter((m) =>
              m.data.status !== NodeStatus.READY && !RELEASABLE.has(m.data.status)
            );
            if (failed.length > 0) {
              throw ReplyError.conflict(
                "Machine(s) cannot be released in their current state: " +
                  failed.map((m) => `${m.data.system_id} ('${statusName(m)}')`).join(", ") + ".",
              );
            }
            const releasedIds: string[] = [];
            for (const machine of machines) {
              if (machine.data.status === NodeStatus.READY) continue;
              startReleasing(state, settings, machine, false);
              releasedIds.push(machine.data.system_id);
            }
            return json(releasedIds);
          },
        },
        "POST accept": {
          doc: "Accept enlisted (New) machines; they start commissioning.\n\n" +
            ":param machines: Optional, repeatable system_id.",
          run: (ctx) => {
            const { state, data, user, settings } = ctx;
            const ids = [...new Set(data.getAll("machines"))];
            const unknown = ids.filter((id) => !state.machines.has(id));
            if (unknown.length > 0) {
              throw ReplyError.badRequest(`Unknown machine(s): ${unknown.join(", ")}.`);
            }
            if (!user.isSuperuser && ids.length > 0) {
              throw ReplyError.forbidden(
                "You don't have the required permission to accept the following machine(s): " +
                  `${ids.join(", ")}.`,
              );
            }
            const accepted: SimMachine[] = [];
            for (const id of ids) {
              const machine = state.machines.get(id)!;
              const status = machine.data.status;
              if (status === NodeStatus.READY || status === NodeStatus.COMMISSIONING) continue;
              if (status !== NodeStatus.NEW) {
                throw ReplyError.conflict(
                  `Cannot accept node enlistment: node ${id} is in state ${statusName(machine)}.`,
                );
              }
              startCommissioning(state, machine, settings);
              accepted.push(machine);
            }
            return json(accepted.map((m) => machineJson(ctx.state, m)));
          },
        },
        "POST accept_all": {
          doc: "Accept every enlisted (New) machine.",
          run: ({ state, user, settings }) => {
            if (!user.isSuperuser) return json([]);
            const accepted = [...state.machines.values()].filter((m) =>
              m.data.status === NodeStatus.NEW
            );
            for (const machine of accepted) startCommissioning(state, machine, settings);
            return json(accepted.map((m) => machineJson(state, m)));
          },
        },
        "POST set_zone": {
          doc: "Move machines to a zone (administrators only).\n\n:param zone: Required.\n" +
            ":param nodes: Required, repeatable system_id.",
          run: (ctx) => setZone(ctx, [...ctx.state.machines.values()]),
        },
        "POST clone": {
          doc: "Copy the storage and/or interface configuration of one machine to others.\n\n" +
            ":param source: Required system_id.\n:param destinations: Required, comma-separated.\n" +
            ":param storage: Optional boolean.\n:param interfaces: Optional boolean.",
          run: ({ state, data, user }) => {
            const errors: Record<string, string[]> = {};
            const sourceId = data.get("source");
            const source = sourceId ? state.machines.get(sourceId) : undefined;
            if (!sourceId) errors.source = ["This field is required."];
            else if (!source) {
              errors.source = [
                "Select a valid choice. That choice is not one of the available choices.",
              ];
            }
            const destinations = (data.get("destinations") ?? "").split(",").filter((d) => d);
            if (destinations.length === 0) {
              errors.destinations = ["This field is required."];
            }
            destinations.forEach((id, index) => {
              const machine = state.machines.get(id);
              if (
                !machine || !user.isSuperuser ||
                ![NodeStatus.READY, NodeStatus.FAILED_TESTING].includes(machine.data.status as 4)
              ) {
                (errors.destinations ??= []).push(
                  `Machine ${index + 1} is invalid: Select a valid choice. ${id} is not one of ` +
                    "the available choices.",
                );
              } else if (id === sourceId) {
                (errors.destinations ??= []).push(
                  `Source machine ${machine.data.hostname} cannot be a destination machine.`,
                );
              }
            });
            const storage = stringBool(data, "storage", false);
            const interfaces = stringBool(data, "interfaces", false);
            if (!storage && !interfaces) {
              errors.__all__ = ["Either storage or interfaces must be true."];
            }
            if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
            return deleted();
          },
        },
        "POST add_chassis": {
          doc: "Add the machines of a chassis or VM manager, through a rack controller.\n\n" +
            ":param chassis_type: Required (virsh, vmware, proxmox, …).\n" +
            ":param hostname: Required.\n:param username: Optional.\n:param password: Optional.\n" +
            ":param accept_all: Optional.\n:param prefix_filter: Optional.",
          run: (ctx) => addChassis(ctx),
        },
      },
    },
    anon: {
      name: "AnonMachinesHandler",
      doc: "What unsigned requests can do with machines: enlistment and registration checks.",
      actions: {
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a machine past enlistment.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) =>
            isRegistered(ctx, ctx.state.machines.values(), [
              NodeStatus.NEW,
              NodeStatus.COMMISSIONING,
              NodeStatus.RETIRED,
            ]),
        },
        "GET is_action_in_progress": {
          doc: "Whether the machine with a MAC address is commissioning or deploying.\n\n" +
            ":param mac_address: Required.",
          run: isActionInProgress,
        },
        "POST create": {
          doc: "Enlist a machine; it stays New until an administrator accepts it.\n\n" +
            ":param architecture: Required.\n:param mac_addresses: Required, repeatable.",
          run: ({ state, data }) => {
            const machine = createMachine(state, data);
            lifecycleOf(machine).enlisting = true;
            return json(anonymousView(machineJson(state, machine)));
          },
        },
        "POST accept": {
          doc: "Not for anonymous callers: always 401.",
          run: () => {
            throw ReplyError.unauthorized("You must be logged in to accept machines.");
          },
        },
      },
    },
  });

  table.resource({
    path: "machines/{system_id}/",
    auth: {
      name: "MachineHandler",
      doc: "One machine, by system_id.",
      actions: machineActions(),
    },
  });
}

/**
 * `set_zone` of the node collections: move nodes (any kind) to a zone.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { setZone } from "../machines/routes.ts";
 * const run = (ctx: AuthContext) => setZone(ctx, [...ctx.state.machines.values()]);
 * ```
 */
export function setZone(ctx: AuthContext, candidates: SimMachine[]): Reply {
  ctx.requireAdmin("This method is reserved for admin users.");
  const zoneName = ctx.data.get("zone");
  const ids = ctx.data.getAll("nodes");
  const errors: Record<string, string[]> = {};
  const zone = zoneName ? ctx.state.placement.zoneNamed(zoneName) : undefined;
  if (!zoneName) errors.zone = ["This field is required."];
  else if (!zone) {
    errors.zone = ["Select a valid choice. That choice is not one of the available choices."];
  }
  const nodes = ids.map((id) => candidates.find((c) => c.data.system_id === id));
  const stray = ids.filter((_, i) => !nodes[i]);
  if (stray.length > 0) {
    errors.system_id = [
      `Select a valid choice. ${stray[0]} is not one of the available choices.`,
    ];
  }
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  for (const node of nodes) node!.zoneId = zone!.id;
  return deleted();
}

function addChassis(ctx: AuthContext): Reply {
  ctx.requireAdmin();
  const { data } = ctx;
  const probing = POWER_TYPES.filter((type) => type.can_probe).map((type) => type.name);
  const allowed = [...probing, "powerkvm", "seamicro15k"];
  const type = data.get("chassis_type");
  if (type === undefined) throw ReplyError.badRequest("No provided chassis_type!");
  if (!allowed.includes(type)) {
    throw ReplyError.badRequest(
      `Invalid chassis_type: Value must be one of: ${allowed.join("; ")} (not '${type}')`,
    );
  }
  const hostname = data.get("hostname");
  if (hostname === undefined) throw ReplyError.badRequest("No provided hostname!");
  if (
    ["hmcz", "mscm", "msftocs", "recs_box", "sm15k", "seamicro15k", "ucsm", "vmware"].includes(type)
  ) {
    if (data.get("username") === undefined) throw ReplyError.badRequest("No provided username!");
    if (data.get("password") === undefined) throw ReplyError.badRequest("No provided password!");
  }
  if (data.get("username") !== undefined && (type === "virsh" || type === "powerkvm")) {
    throw ReplyError.badRequest(`username can not be specified when using the ${type} chassis.`);
  }
  if (
    data.get("prefix_filter") !== undefined &&
    !["hmcz", "powerkvm", "virsh", "vmware", "proxmox"].includes(type)
  ) {
    throw ReplyError.badRequest(`prefix_filter is unavailable with the ${type} chassis type`);
  }
  const racks = ["region-1"];
  return text(`Asking ${racks.join(", ")} to add machines from chassis ${hostname}`);
}

function machineActions(): Record<string, ActionSpec<AuthContext>> {
  const one = (ctx: AuthContext) => findMachine(ctx.state, ctx.params.system_id, ctx.user);
  // MAAS's edit and admin permissions on a node both fail while it is locked, before any other
  // check: 403 with an empty message, for its owner and administrators alike.
  const changeable = (ctx: AuthContext) => {
    const machine = one(ctx);
    if (machine.data.locked) throw ReplyError.forbidden("");
    return machine;
  };
  return {
    "GET read": {
      doc: "Read a machine.",
      run: (ctx) => json(machineJson(ctx.state, one(ctx))),
    },
    "PUT update": {
      doc: "Update a machine (administrators only).\n\n:param hostname: Optional.\n" +
        ":param description: Optional.\n:param domain: Optional.\n:param zone: Optional.\n" +
        ":param pool: Optional.\n:param architecture: Optional.\n:param min_hwe_kernel: Optional.\n" +
        ":param cpu_count: Optional.\n:param memory: Optional.\n:param swap_size: Optional.\n" +
        ":param power_type: Optional.\n:param power_parameters_{name}: Optional.",
      run: (ctx) => json(machineJson(ctx.state, updateMachine(ctx, changeable(ctx)))),
    },
    "DELETE delete": {
      doc: "Delete a machine (administrators only).",
      run: (ctx) => {
        const machine = changeable(ctx);
        if (!ctx.user.isSuperuser) {
          throw ReplyError.forbidden("You do not have permission to delete this machine.");
        }
        lifecycleOf(machine).generation++;
        ctx.state.removeNode(machine.data.system_id);
        return deleted();
      },
    },
    "GET details": {
      doc: "Hardware details probed during commissioning (lshw, lldp XML), as BSON.",
      run: (ctx) => detailsReply(ctx.state, one(ctx)),
    },
    "GET power_parameters": {
      doc: "The machine's power parameters (administrators only).",
      run: (ctx) => {
        ctx.requireAdmin("This method is reserved for admin users.");
        return json(one(ctx).powerParameters);
      },
    },
    "GET query_power_state": {
      doc: "Ask the machine's BMC for its power state.",
      run: (ctx) => json({ state: one(ctx).data.power_state }),
    },
    "GET get_curtin_config": {
      doc: "The rendered curtin configuration (YAML) of a deploying or deployed machine.",
      run: (ctx) => {
        const machine = one(ctx);
        const status = machine.data.status;
        if (
          status !== NodeStatus.DEPLOYING && status !== NodeStatus.DEPLOYED &&
          status !== NodeStatus.FAILED_DEPLOYMENT
        ) {
          throw ReplyError.badRequest(
            `Machine ${machine.data.hostname} is not in a deployment state.`,
          );
        }
        return text(curtinConfig(ctx.state, machine), 200, "text/plain");
      },
    },
    "GET get_token": {
      doc: "The machine's own API token, or null.",
      run: (ctx) => {
        ctx.requireAdmin();
        return json(lifecycleOf(one(ctx)).token);
      },
    },
    "POST deploy": {
      doc: "Deploy an operating system (a Ready machine is allocated first).\n\n" +
        ":param distro_series: Optional.\n:param hwe_kernel: Optional.\n" +
        ":param user_data: Optional, base64.\n:param comment: Optional.\n" +
        ":param agent_name: Optional.\n:param ephemeral_deploy: Optional.\n" +
        ":param enable_hw_sync: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        const { data, user, state, settings } = ctx;
        // MAAS refused install_rackd long ago; install_kvm and register_vmhost went with VM hosts.
        const removed = ctx.line.vmHostsRemoved
          ? ["install_rackd", "install_kvm", "register_vmhost"]
          : ["install_rackd"];
        for (const name of removed) {
          if (stringBool(data, name, false)) {
            throw ReplyError.badRequest(
              `Support for ${name} allocation parameter has been removed.`,
            );
          }
        }
        const vmHost = ctx.line.vmHostsRemoved
          ? null
          : stringBool(data, "register_vmhost", false)
          ? "lxd"
          : stringBool(data, "install_kvm", false)
          ? "virsh"
          : null;
        const ephemeral = stringBool(data, "ephemeral_deploy", false);
        const hwSync = stringBool(data, "enable_hw_sync", false);
        const userData = data.get("user_data");
        if (userData !== undefined && !/^[A-Za-z0-9+/=\s]*$/.test(userData)) {
          throw ReplyError.invalid({ user_data: ["Invalid base64 user data."] });
        }
        if (machine.data.status === NodeStatus.READY) {
          if (machine.data.owner !== null && machine.data.owner !== user.username) {
            throw ReplyError.conflict("Can't allocate a machine belonging to another user.");
          }
          acquire(machine, user, data.get("agent_name") ?? "");
        }
        if (
          machine.data.status !== NodeStatus.ALLOCATED
        ) {
          throw ReplyError.conflict(
            `Can't deploy a machine that is in the '${statusName(machine)}' state`,
          );
        }
        const series = (data.get("distro_series") ?? "noble").replace(/^ubuntu\//, "");
        const known = Object.entries(SERIES).find(([name, number]) =>
          series === name || series === number
        );
        if (!known) {
          throw ReplyError.invalid({
            distro_series: [
              `'${series}' is not a valid distro_series.  It should be one of: ` +
              Object.keys(SERIES).map((name) => `'ubuntu/${name}'`).join(", ") + ".",
            ],
          });
        }
        startDeploying(state, settings, machine, {
          series: known[0],
          hweKernel: data.get("hwe_kernel") ?? null,
          ephemeral,
          hwSync,
          vmHost,
        });
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST commission": {
      doc: "Commission the machine (and test it).\n\n:param enable_ssh: Optional.\n" +
        ":param skip_bmc_config: Optional.\n:param skip_networking: Optional.\n" +
        ":param skip_storage: Optional.\n:param commissioning_scripts: Optional.\n" +
        ":param testing_scripts: Optional; none skips testing.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        for (const flag of ["enable_ssh", "skip_bmc_config", "skip_networking", "skip_storage"]) {
          stringBool(ctx.data, flag, false);
        }
        if (
          ![
            NodeStatus.NEW,
            NodeStatus.FAILED_COMMISSIONING,
            NodeStatus.READY,
            NodeStatus.BROKEN,
            NodeStatus.FAILED_TESTING,
          ].includes(machine.data.status as 0)
        ) {
          throw ReplyError.invalid({
            __all__: ["Commission is not available because of the current state of the node."],
          });
        }
        startCommissioning(ctx.state, machine, ctx.settings, {
          skipTesting: (ctx.data.get("testing_scripts") ?? "").toLowerCase() === "none",
        });
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST test": {
      doc: "Run hardware tests.\n\n:param enable_ssh: Optional.\n:param testing_scripts: Optional.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (!TESTABLE.has(machine.data.status)) {
          throw ReplyError.invalid({
            __all__: ["Test is not available because of the current state of the node."],
          });
        }
        startTesting(ctx.state, ctx.settings, machine);
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST release": {
      doc: "Release the machine.\n\n:param comment: Optional.\n:param erase: Optional.\n" +
        ":param secure_erase: Optional.\n:param quick_erase: Optional.\n:param force: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        const erase = stringBool(ctx.data, "erase", false);
        stringBool(ctx.data, "secure_erase", false);
        stringBool(ctx.data, "quick_erase", false);
        stringBool(ctx.data, "force", false);
        const status = machine.data.status;
        if (status === NodeStatus.READY || status === NodeStatus.RELEASING) {
          return json(machineJson(ctx.state, machine));
        }
        if (!RELEASABLE.has(status)) {
          throw ReplyError.conflict(
            `Machine cannot be released in its current state ('${statusName(machine)}').`,
          );
        }
        startReleasing(ctx.state, ctx.settings, machine, erase);
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST abort": {
      doc: "Abort the current operation (commissioning, deploying, testing, disk erasing).\n\n" +
        ":param comment: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        const extra = lifecycleOf(machine);
        const data = machine.data;
        switch (data.status) {
          case NodeStatus.COMMISSIONING:
            // MAAS always sets an aborted commissioning's machine New, and frees it.
            extra.generation++;
            move(machine, NodeStatus.NEW);
            data.owner = null;
            data.power_state = "off";
            break;
          case NodeStatus.DEPLOYING:
            extra.generation++;
            move(machine, NodeStatus.ALLOCATED, "Allocated");
            data.power_state = "off";
            break;
          case NodeStatus.TESTING:
            // The tests commissioning starts can be aborted to use the machine at once: Ready.
            extra.generation++;
            move(
              machine,
              extra.previous === NodeStatus.COMMISSIONING ? NodeStatus.READY : extra.previous,
            );
            data.power_state = "off";
            break;
          case NodeStatus.DISK_ERASING:
            extra.generation++;
            move(machine, NodeStatus.FAILED_DISK_ERASING, "Disk erasing aborted");
            data.power_state = "off";
            break;
          default:
            throw ReplyError.conflict(
              `Cannot abort in current state: node ${data.system_id} is in state ` +
                `${statusName(machine)}.`,
            );
        }
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST power_on": {
      doc:
        "Power the machine on.\n\n:param user_data: Optional, base64.\n:param comment: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        if (machine.data.owner === null) {
          throw ReplyError.conflict("Can't start node: it hasn't been allocated.");
        }
        changePower(ctx.state, ctx.settings, machine, "on");
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST power_off": {
      doc: "Power the machine off.\n\n:param stop_mode: Optional, soft or hard.\n" +
        ":param comment: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        changePower(ctx.state, ctx.settings, machine, "off");
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST mark_broken": {
      doc: "Mark the machine broken (the caller must own it).\n\n:param comment: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        if (machine.data.owner !== ctx.user.username) throw ReplyError.forbidden("");
        const comment = ctx.data.get("comment") ?? ctx.data.get("error_description") ?? "";
        lifecycleOf(machine).generation++;
        move(machine, NodeStatus.BROKEN, comment || undefined);
        machine.data.error_description = comment;
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST mark_fixed": {
      doc: "Mark a broken machine fixed.\n\n:param comment: Optional.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (machine.data.status !== NodeStatus.BROKEN) {
          throw ReplyError.conflict("Can't mark a non-broken node as 'Ready'.");
        }
        const back = lifecycleOf(machine).previous === NodeStatus.DEPLOYED
          ? NodeStatus.DEPLOYED
          : NodeStatus.READY;
        move(machine, back);
        machine.data.error_description = "";
        machine.data.osystem = "";
        machine.data.distro_series = "";
        machine.data.hwe_kernel = null;
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST lock": {
      doc: "Lock a deployed machine against changes.\n\n:param comment: Optional.",
      run: (ctx) => {
        const machine = one(ctx);
        if (machine.data.locked) throw ReplyError.conflict("Machine is already locked");
        if (
          machine.data.status !== NodeStatus.DEPLOYED &&
          machine.data.status !== NodeStatus.DEPLOYING
        ) {
          throw ReplyError.conflict("Can't lock, node is not deployed or deploying");
        }
        machine.data.locked = true;
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST unlock": {
      doc: "Unlock a locked machine.\n\n:param comment: Optional.",
      run: (ctx) => {
        const machine = one(ctx);
        if (!machine.data.locked) throw ReplyError.conflict("Machine is not locked");
        machine.data.locked = false;
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST override_failed_testing": {
      doc: "Ignore failed tests and put the machine back into use.\n\n:param comment: Optional.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (machine.data.status !== NodeStatus.FAILED_TESTING) {
          throw ReplyError.conflict(
            "Unable to override node status. Node is not in 'Failed testing' status.",
          );
        }
        move(machine, machine.data.osystem === "" ? NodeStatus.READY : NodeStatus.DEPLOYED);
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST rescue_mode": {
      doc: "Boot the machine into the rescue environment.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (!RESCUABLE.has(machine.data.status)) {
          throw ReplyError.conflict(
            `Invalid transition: ${statusName(machine)} -> Entering rescue mode.`,
          );
        }
        startRescue(ctx.state, ctx.settings, machine, ctx.user);
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST exit_rescue_mode": {
      doc: "Leave rescue mode.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (
          machine.data.status !== NodeStatus.RESCUE_MODE &&
          machine.data.status !== NodeStatus.FAILED_ENTERING_RESCUE_MODE &&
          machine.data.status !== NodeStatus.FAILED_EXITING_RESCUE_MODE
        ) {
          throw ReplyError.conflict(
            `Invalid transition: ${statusName(machine)} -> Exiting rescue mode.`,
          );
        }
        stopRescue(ctx.state, ctx.settings, machine);
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST set_storage_layout": {
      doc: "Replace the storage configuration with a layout (Ready machines only).\n\n" +
        ":param storage_layout: Required: flat, lvm, bcache, vmfs6, vmfs7, blank or custom.\n" +
        ":param boot_size: Optional. Size of a separate /boot partition: bytes, with a unit " +
        "(`512M`) or a percentage of the boot disk.\n" +
        ":param root_size: Optional. Size of the root partition: bytes, with a unit or a " +
        "percentage of the disk.\n" +
        ":param root_device: Optional. Id of the physical disk for the root partition.\n" +
        ":param vg_name: Optional. lvm: the volume group's name.\n" +
        ":param lv_name: Optional. lvm: the logical volume's name.\n" +
        ":param lv_size: Optional. lvm: the logical volume's size: bytes, with a unit or a " +
        "percentage of the volume group.\n" +
        ":param cache_device: Optional. bcache: id of the physical disk to cache on.\n" +
        ":param cache_mode: Optional. bcache: writeback, writethrough or writearound.\n" +
        ":param cache_size: Optional. bcache: the cache partition's size: bytes, with a unit or " +
        "a percentage of the cache disk.\n" +
        ":param cache_no_part: Optional. bcache: cache on the whole disk, without a partition.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        if (machine.data.status !== NodeStatus.READY) {
          throw ReplyError.conflict(
            "Cannot change the storage layout on a machine that is not Ready.",
          );
        }
        const layout = ctx.data.get("storage_layout");
        const layouts = ["flat", "lvm", "bcache", "vmfs6", "vmfs7", "blank", "custom"];
        if (!layout) throw ReplyError.invalid({ storage_layout: ["This field is required."] });
        if (!layouts.includes(layout)) {
          throw ReplyError.invalid({
            storage_layout: [
              `Select a valid choice. ${layout} is not one of the available choices.`,
            ],
          });
        }
        if (!ctx.state.storage.get(machine.data.system_id)?.devices.size) {
          throw ReplyError.badRequest(
            "Machine is missing a boot disk; no storage layout can be applied.",
          );
        }
        // A custom layout applies the configuration the machine was given; the rest are built.
        const params = layoutParams(ctx.data, ctx.state.storage.of(machine.data.system_id));
        if (layout !== "custom") {
          applyStorageLayout(ctx.state, machine, layout as StorageLayoutName, params);
        }
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST mount_special": {
      doc: "Mount a special filesystem (tmpfs, ramfs) on a Ready or Allocated machine.\n\n" +
        ":param fstype: Required.\n:param mount_point: Required, absolute.\n" +
        ":param mount_options: Optional.",
      run: (ctx) => {
        const machine = changeable(ctx);
        if (
          machine.data.status !== NodeStatus.READY && machine.data.status !== NodeStatus.ALLOCATED
        ) {
          throw ReplyError.conflict(
            "Cannot mount the filesystem because the machine is not Ready or Allocated.",
          );
        }
        const errors: Record<string, string[]> = {};
        const fstype = ctx.data.get("fstype");
        const mountPoint = ctx.data.get("mount_point");
        if (!fstype) errors.fstype = ["This field is required."];
        else if (!["tmpfs", "ramfs"].includes(fstype)) {
          errors.fstype = [`Select a valid choice. ${fstype} is not one of the available choices.`];
        }
        if (!mountPoint) errors.mount_point = ["This field is required."];
        else if (!mountPoint.startsWith("/")) errors.mount_point = ["Enter an absolute path."];
        if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
        mountSpecial(ctx.state.storage.of(machine.data.system_id), {
          fstype: fstype!,
          mountPoint: mountPoint!,
          mountOptions: ctx.data.get("mount_options"),
          uuid: ctx.state.random.uuid(),
        });
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST unmount_special": {
      doc: "Unmount a special filesystem.\n\n:param mount_point: Required.",
      run: (ctx) => {
        const machine = changeable(ctx);
        if (
          machine.data.status !== NodeStatus.READY && machine.data.status !== NodeStatus.ALLOCATED
        ) {
          throw ReplyError.conflict(
            "Cannot unmount the filesystem because the machine is not Ready or Allocated.",
          );
        }
        const mountPoint = ctx.data.get("mount_point");
        if (!mountPoint) throw ReplyError.invalid({ mount_point: ["This field is required."] });
        if (!unmountSpecial(ctx.state.storage.of(machine.data.system_id), mountPoint)) {
          throw ReplyError.invalid({
            mount_point: ["No special filesystem is mounted at this path."],
          });
        }
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST clear_default_gateways": {
      doc: "Forget the default gateways chosen by the user.",
      run: (ctx) => {
        ctx.requireAdmin();
        const machine = changeable(ctx);
        ctx.state.interfaces.of(machine.data.system_id).gateways = { ipv4: null, ipv6: null };
        return json(machineJson(ctx.state, machine));
      },
    },
    "POST restore_networking_configuration": {
      doc: "Restore networking to what commissioning found.",
      run: (ctx) => restore(ctx, changeable(ctx), "restore networking configuration"),
    },
    "POST restore_storage_configuration": {
      doc: "Restore the default storage layout.",
      run: (ctx) => restore(ctx, changeable(ctx), "restore storage configuration."),
    },
    "POST restore_default_configuration": {
      doc: "Restore networking and storage to their defaults.",
      run: (ctx) =>
        restore(ctx, changeable(ctx), "restore default networking and storage configuration."),
    },
    "POST set_workload_annotations": {
      doc: "Set key=value workload annotations (an empty value removes a key).",
      run: (ctx) => json(machineJson(ctx.state, annotate(ctx, changeable(ctx)))),
    },
    "POST set_owner_data": {
      doc: "Deprecated name of set_workload_annotations.",
      run: (ctx) => json(machineJson(ctx.state, annotate(ctx, changeable(ctx)))),
    },
  };
}

function restore(ctx: AuthContext, machine: SimMachine, what: string): Reply {
  ctx.requireAdmin();
  if (
    machine.data.status !== NodeStatus.READY && machine.data.status !== NodeStatus.FAILED_TESTING
  ) {
    throw ReplyError.conflict(`Machine must be in a ready or failed testing state to ${what}`);
  }
  return json(machineJson(ctx.state, machine));
}

/**
 * Apply `set_workload_annotations` to a node the caller owns.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { annotate } from "../machines/routes.ts";
 * const run = (ctx: AuthContext) => annotate(ctx, ctx.state.machines.get("abc123")!);
 * ```
 */
export function annotate(ctx: AuthContext, node: SimMachine): SimMachine {
  requireOwner(node, ctx.user, "Cannot set workload annotation: it hasn't been acquired.");
  const annotations = { ...(node.data.workload_annotations ?? {}) } as Record<string, string>;
  for (const [key, value] of ctx.form.entries()) {
    if (key === "op") continue;
    if (value === "") delete annotations[key];
    else annotations[key] = value;
  }
  node.data.workload_annotations = annotations;
  return node;
}
