/**
 * The VM hosts family's records: VM hosts (pods), the LXD clusters they may form (VM clusters),
 * and the virtual machines composed on them. Hosts refer to their cluster, zone and pool by id;
 * a virtual machine to its host by id and to its machine by system id.
 *
 * @module
 */

/**
 * A VM host.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log([...sim.state.vmhosts.hosts.values()].map((host) => host.name)); // ["lxd-1", "lxd-2"]
 * ```
 */
export interface SimVMHost {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** `lxd` or `virsh`. */
  type: string;
  /** Power parameters: `power_address`, `power_pass`, `project`… */
  parameters: Record<string, string>;
  /** Tags. */
  tags: string[];
  /** Zone id. */
  zoneId: number;
  /** Resource pool id. */
  poolId: number;
  /** The VM cluster it belongs to, or null. */
  clusterId: number | null;
  /** CPU over-commit ratio. */
  cpuOverCommitRatio: number;
  /** Memory over-commit ratio. */
  memoryOverCommitRatio: number;
  /** Default macvlan mode, or empty. */
  defaultMacvlanMode: string;
  /** Cores of the host. */
  cores: number;
  /** Memory of the host, MiB. */
  memory: number;
  /** Local storage of the host, bytes. */
  localStorage: number;
  /** Hypervisor version. */
  version: string;
}

/**
 * A VM cluster: LXD hosts clustered together, which MAAS found when one of them was added.
 *
 * @example
 * ```ts
 * import type { SimVmCluster } from "./model.ts";
 * const cluster: SimVmCluster = { id: 1, name: "lxd-cluster", project: "maas", zoneId: 1, poolId: 0 };
 * ```
 */
export interface SimVmCluster {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** The LXD project MAAS uses on every host of the cluster. */
  project: string;
  /** Zone id. */
  zoneId: number;
  /** Resource pool id. */
  poolId: number;
}

/**
 * A virtual machine on a VM host.
 *
 * @example
 * ```ts
 * import type { SimVirtualMachine } from "./model.ts";
 * const vm: SimVirtualMachine = {
 *   id: 1, identifier: "web-01", hostId: 1, project: "default", pinnedCores: [], unpinnedCores: 2,
 *   memory: 4096, hugepagesBacked: false, storage: 8_000_000_000, machineId: 1,
 *   machineSystemId: "abc123",
 * };
 * ```
 */
export interface SimVirtualMachine {
  /** Database id. */
  id: number;
  /** Its name on the host. */
  identifier: string;
  /** The VM host (MAAS's BMC) it runs on. */
  hostId: number;
  /** The LXD project it is in. */
  project: string;
  /** Host cores it is pinned to. */
  pinnedCores: number[];
  /** How many cores it has, when not pinned. */
  unpinnedCores: number;
  /** Memory, MiB. */
  memory: number;
  /** Whether its memory is backed by huge pages. */
  hugepagesBacked: boolean;
  /** Its disks' size, bytes. */
  storage: number;
  /** The database id of its machine, or null. */
  machineId: number | null;
  /** The system id of its machine, or null. */
  machineSystemId: string | null;
}

/** Where new hosts and clusters go unless told otherwise. */
export interface VmHostsPlacement {
  /** The default zone's id. */
  zoneId: number;
  /** The default pool's id. */
  poolId: number;
}

/** The tag MAAS gives every VM host, so that the hosts' consoles are logged. */
export const CONSOLE_TAG = "pod-console-logging";

/**
 * The VM hosts section of the state: hosts, clusters and virtual machines by id.
 *
 * @example
 * ```ts
 * import { VmHostsSection } from "./model.ts";
 * const section = VmHostsSection.seeded({ zoneId: 1, poolId: 0 });
 * console.log(section.hostsOf(1).length, section.clusters.get(1)?.name); // 2 "lxd-cluster"
 * ```
 */
export class VmHostsSection {
  /** VM hosts by id. */
  readonly hosts: Map<number, SimVMHost> = new Map();
  /** VM clusters by id. */
  readonly clusters: Map<number, SimVmCluster> = new Map();
  /** Virtual machines by id. */
  readonly vms: Map<number, SimVirtualMachine> = new Map();

  #last = new Map<string, number>();

  /**
   * The simulator's standard VM hosts: an LXD cluster (`lxd-cluster`, project `maas`) of two
   * hosts, `lxd-1` and `lxd-2`, and on `lxd-1` a virtual machine MAAS did not compose (it is no
   * MAAS machine). Lines without VM clusters show them as two hosts.
   */
  static seeded(placement: VmHostsPlacement): VmHostsSection {
    const section = new VmHostsSection();
    const cluster: SimVmCluster = {
      id: section.nextId("cluster"),
      name: "lxd-cluster",
      project: "maas",
      ...placement,
    };
    section.clusters.set(cluster.id, cluster);
    for (const [name, address] of [["lxd-1", "10.30.0.11:8443"], ["lxd-2", "10.30.0.12:8443"]]) {
      const host = section.newHost(placement);
      Object.assign(host, {
        name,
        type: "lxd",
        parameters: { power_address: address, project: cluster.project },
        tags: [CONSOLE_TAG],
        clusterId: cluster.id,
        version: "5.21.1",
      });
      section.hosts.set(host.id, host);
    }
    const vm: SimVirtualMachine = {
      id: section.nextId("vm"),
      identifier: "juju-controller",
      hostId: section.hostsOf(cluster.id)[0].id,
      project: "default",
      pinnedCores: [],
      unpinnedCores: 2,
      memory: 4096,
      hugepagesBacked: false,
      storage: 20_000_000_000,
      machineId: null,
      machineSystemId: null,
    };
    section.vms.set(vm.id, vm);
    return section;
  }

  /** An id no record of that kind has had yet. */
  nextId(kind: "host" | "cluster" | "vm" | "machine"): number {
    const next = (this.#last.get(kind) ?? 0) + 1;
    this.#last.set(kind, next);
    return next;
  }

  /** A new host with MAAS's defaults and a new id, not yet added. */
  newHost(placement: VmHostsPlacement): SimVMHost {
    return {
      id: this.nextId("host"),
      name: "",
      type: "",
      parameters: {},
      tags: [],
      zoneId: placement.zoneId,
      poolId: placement.poolId,
      clusterId: null,
      cpuOverCommitRatio: 1,
      memoryOverCommitRatio: 1,
      defaultMacvlanMode: "",
      cores: 16,
      memory: 65536,
      localStorage: 1_000_000_000_000,
      version: "",
    };
  }

  /** The hosts of a cluster. */
  hostsOf(clusterId: number): SimVMHost[] {
    return [...this.hosts.values()].filter((host) => host.clusterId === clusterId);
  }

  /** The virtual machines of a host. */
  vmsOf(hostId: number): SimVirtualMachine[] {
    return [...this.vms.values()].filter((vm) => vm.hostId === hostId);
  }

  /** The virtual machine of the machine `systemId`, if it is one. */
  vmOfMachine(systemId: string): SimVirtualMachine | undefined {
    for (const vm of this.vms.values()) if (vm.machineSystemId === systemId) return vm;
    return undefined;
  }

  /** Deletes a host and its virtual machines; gives the system ids of their machines. */
  deleteHost(hostId: number): string[] {
    const machines: string[] = [];
    for (const vm of this.vmsOf(hostId)) {
      if (vm.machineSystemId !== null) machines.push(vm.machineSystemId);
      this.vms.delete(vm.id);
    }
    this.hosts.delete(hostId);
    return machines;
  }
}
