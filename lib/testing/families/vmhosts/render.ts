/**
 * VM hosts (under `vm-hosts/` or their former name `pods/`), VM clusters and virtual machines,
 * as MAAS renders them.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { poolJson, zoneJson } from "../placement/render.ts";
import type { SimVirtualMachine, SimVmCluster, SimVMHost, VmHostsSection } from "./model.ts";

/** Cores, memory (MiB) and local storage (bytes). */
interface Resources {
  cores: number;
  memory: number;
  storage: number;
}

/**
 * What the virtual machines of a host use.
 *
 * @example
 * ```ts
 * import { VmHostsSection } from "./model.ts";
 * import { usedBy } from "./render.ts";
 * const section = VmHostsSection.seeded({ zoneId: 1, poolId: 0 });
 * console.log(usedBy(section, 1)); // { cores: 0, memory: 0, storage: 0 }
 * ```
 */
export function usedBy(section: VmHostsSection, hostId: number): Resources {
  const used = { cores: 0, memory: 0, storage: 0 };
  for (const vm of section.vmsOf(hostId)) {
    used.cores += vm.pinnedCores.length || vm.unpinnedCores;
    used.memory += vm.memory;
    used.storage += vm.storage;
  }
  return used;
}

function resourcesJson(resources: Resources): Record<string, number> {
  return { cores: resources.cores, memory: resources.memory, local_storage: resources.storage };
}

function poolPath(host: SimVMHost): string {
  return host.type === "lxd"
    ? "/var/snap/lxd/common/lxd/storage-pools/default"
    : "/var/lib/libvirt/images";
}

/**
 * A VM host, as `vm-hosts/` renders it or, with `handler` `PodHandler`, as `pods/` does (the same
 * fields, its address under `pods/`).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { vmHostJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(vmHostJson(state, state.vmhosts.hosts.get(1)!).resource_uri);
 * // "/MAAS/api/2.0/vm-hosts/1/"
 * ```
 */
export function vmHostJson(
  state: SimulatorState,
  host: SimVMHost,
  handler: "VmHostHandler" | "PodHandler" = "VmHostHandler",
): Record<string, unknown> {
  const line = state.line;
  const used = usedBy(state.vmhosts, host.id);
  const total = { cores: host.cores, memory: host.memory, storage: host.localStorage };
  const available = {
    cores: total.cores - used.cores,
    memory: total.memory - used.memory,
    storage: total.storage - used.storage,
  };
  return line.shape(handler, {
    id: host.id,
    name: host.name,
    tags: [...host.tags],
    type: host.type,
    architectures: ["amd64/generic"],
    capabilities: host.type === "lxd"
      ? ["composable", "dynamic_local_storage", "hugepages", "over_commit", "storage_pools"]
      : ["composable", "dynamic_local_storage", "over_commit", "storage_pools"],
    total: resourcesJson(total),
    used: resourcesJson(used),
    available: resourcesJson(available),
    zone: zoneJson(line, state.placement.zone(host.zoneId)),
    cpu_over_commit_ratio: host.cpuOverCommitRatio,
    memory_over_commit_ratio: host.memoryOverCommitRatio,
    storage_pools: [{
      id: "default",
      name: "default",
      type: host.type === "lxd" ? "zfs" : "dir",
      path: poolPath(host),
      total: host.localStorage,
      used: used.storage,
      available: available.storage,
      default: true,
    }],
    pool: poolJson(line, state.placement.pool(host.poolId)),
    host: { system_id: null, __incomplete__: true },
    default_macvlan_mode: host.defaultMacvlanMode,
    version: host.version,
    resource_uri: apiUri(`${handler === "PodHandler" ? "pods" : "vm-hosts"}/${host.id}/`),
  });
}

/**
 * A VM cluster: its hosts' resources added up, and their storage pools by name.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { vmClusterJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(vmClusterJson(state, state.vmhosts.clusters.get(1)!).vmhost_count); // 2
 * ```
 */
export function vmClusterJson(
  state: SimulatorState,
  cluster: SimVmCluster,
): Record<string, unknown> {
  const section = state.vmhosts;
  const hosts = section.hostsOf(cluster.id);
  const total = { cores: 0, memory: 0, storage: 0 };
  const used = { cores: 0, memory: 0, storage: 0 };
  const pools: Record<string, Record<string, unknown>> = {};
  for (const host of hosts) {
    const use = usedBy(section, host.id);
    total.cores += host.cores;
    total.memory += host.memory;
    total.storage += host.localStorage;
    used.cores += use.cores;
    used.memory += use.memory;
    used.storage += use.storage;
    const pool = pools.default ??= {
      name: "default",
      shared: false,
      path: poolPath(host),
      backend: host.type === "lxd" ? "zfs" : "dir",
      allocated: 0,
      total: 0,
    };
    pool.allocated = (pool.allocated as number) + use.storage;
    pool.total = (pool.total as number) + host.localStorage;
  }
  return state.line.shape("VmClusterHandler", {
    id: cluster.id,
    name: cluster.name,
    project: cluster.project,
    vmhost_count: hosts.length,
    vm_count: hosts.reduce((count, host) => count + section.vmsOf(host.id).length, 0),
    version: hosts[0]?.version ?? "",
    total: resourcesJson(total),
    used: resourcesJson(used),
    available: resourcesJson({
      cores: total.cores - used.cores,
      memory: total.memory - used.memory,
      storage: total.storage - used.storage,
    }),
    storage_pools: pools,
    resource_uri: apiUri(`vm-clusters/${cluster.id}`),
  });
}

/**
 * A virtual machine.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { virtualMachineJson } from "./render.ts";
 * const vm = {
 *   id: 1, identifier: "web-01", hostId: 1, project: "default", pinnedCores: [], unpinnedCores: 2,
 *   memory: 4096, hugepagesBacked: false, storage: 8_000_000_000, machineId: 1,
 *   machineSystemId: "abc123",
 * };
 * console.log(virtualMachineJson(MaasLine.get("2.9"), vm).project); // undefined
 * ```
 */
export function virtualMachineJson(line: MaasLine, vm: SimVirtualMachine): Record<string, unknown> {
  return line.shape("VirtualMachineHandler", {
    id: vm.id,
    identifier: vm.identifier,
    project: vm.project,
    pinned_cores: [...vm.pinnedCores],
    unpinned_cores: vm.unpinnedCores,
    memory: vm.memory,
    hugepages_backed: vm.hugepagesBacked,
    machine_id: vm.machineId,
    bmc_id: vm.hostId,
    resource_uri: apiUri(`virtual-machines/${vm.id}`),
  });
}
